/**
 * Ballistic motion model in ECEF (WGS84): J2 gravity plus the rotating-frame terms, optionally
 * with aerodynamic drag and a 7th state, the inverse ballistic coefficient b = Cd·A/m (m²/kg;
 * β = 1/b in kg/m²). Equations of motion (Vallado, "Fundamentals of Astrodynamics and
 * Applications", 4th ed., 2013, §3.7 for the rotating-frame terms; gravity from src/earth):
 *
 *   ṙ = v
 *   v̇ = g_J2(r) − 2ω×v − ω×(ω×r) − ½ ρ(h) b |v| v,     ω = (0, 0, ω_E), ω_E = WGS84.omega
 *   ḃ = 0
 *
 * The atmosphere co-rotates with ECEF (no wind), so v is the air-relative velocity; ρ(h) is the
 * US Standard Atmosphere 1976 density (src/atmosphere) at the geodetic altitude h, taken as 0
 * above 120 km (there ½ρ|v|²b < 1e-5 m/s² for b ≤ 1e-3 m²/kg and |v| ≤ 7 km/s). Negative b (a
 * UKF sigma point may cross zero) is clamped to 0 in the dynamics.
 *
 * Integration: classical RK4 (src/math Rk4) with substeps of at most `maxStep` s (default 1 s).
 * Jacobian: the state transition matrix Φ(dt) = ∂x(t+dt)/∂x(t) from the variational equations
 * Φ̇ = A(x)Φ, Φ(0) = I, integrated by the same RK4 alongside the state (Montenbruck & Gill,
 * "Satellite Orbits", 2000, §7.1), with
 *
 *   A = [ 0            I              0         ]
 *       [ G + Ω²diag(1,1,0) + D_r   C + D_v   −½ρ|v|v ]
 *       [ 0            0              0         ]
 *
 * G = ∂g_J2/∂r (gravityJ2Jacobian), C = ∂(−2ω×v)/∂v, D_v = −½ρb(|v|I + v vᵀ/|v|), and
 * D_r = −½b|v| v (dρ/dh) ûᵀ where dρ/dh is a central difference over ±50 m and the local vertical
 * û is approximated by the geocentric radial r/|r| (≤ 0.2° from the geodetic normal; the term is
 * small next to D_v). Process noise: white acceleration with spectral density q (m²/s³), the
 * Bar-Shalom et al. (2001) §6.2.2 CV form per axis, plus a random walk on b with density qB
 * (m⁴ kg⁻² s⁻¹). Nothing allocates after construction.
 */
import { Rk4 } from '../math/index.js';
import { WGS84, gravityJ2, gravityJ2Jacobian, geodeticAltitude } from '../earth/index.js';
import { density } from '../atmosphere/index.js';
import type { MotionModel } from './filter.js';

const OMEGA = WGS84.omega;
const OMEGA2 = OMEGA * OMEGA;
/** Altitude above which drag is ignored, m (see file header). */
const DRAG_CEILING_M = 120_000;
/** Radius (m) above which no point can be below DRAG_CEILING_M: equatorial radius + ceiling. */
const DRAG_RADIUS_M = WGS84.a + DRAG_CEILING_M;
/** Lowest altitude the atmosphere model accepts (USSA76_MIN_ALTITUDE_M is −5 km). */
const MIN_ALT_M = -4_999;

export interface BallisticModelOptions {
  /** Include drag and the 7th state b = CdA/m (m²/kg). Default false (6 states, vacuum). */
  drag?: boolean;
  /** White acceleration noise spectral density q, m²/s³. Default 0.01. */
  q?: number;
  /** Random-walk density on b, m⁴·kg⁻²·s⁻¹. Default 1e-12 (σ_b grows 1e-6 m²/kg per √s). */
  qB?: number;
  /** Largest RK4 substep, s. Default 1. */
  maxStep?: number;
}

export class BallisticModel implements MotionModel {
  readonly name = 'ballistic';
  readonly dim: number;
  readonly drag: boolean;
  readonly q: number;
  readonly qB: number;
  readonly maxStep: number;

  private readonly rkState: Rk4;
  private readonly rkAug: Rk4;
  private readonly yState: Float64Array;
  private readonly yAug: Float64Array;
  private readonly derivState: (t: number, y: Float64Array, dy: Float64Array) => void;
  private readonly derivAug: (t: number, y: Float64Array, dy: Float64Array) => void;
  // Scratch for the right-hand side.
  private readonly g = new Float64Array(3);
  private readonly G = new Float64Array(9);
  private readonly Arv = new Float64Array(9);
  private readonly Avv = new Float64Array(9);
  private readonly Avb = new Float64Array(3);

  constructor(opts: BallisticModelOptions = {}) {
    this.drag = opts.drag ?? false;
    this.dim = this.drag ? 7 : 6;
    this.q = opts.q ?? 0.01;
    this.qB = opts.qB ?? 1e-12;
    this.maxStep = opts.maxStep ?? 1;
    if (!(this.q >= 0) || !(this.qB >= 0) || !(this.maxStep > 0)) {
      throw new RangeError(`BallisticModel: q, qB must be ≥ 0 and maxStep > 0, got ${this.q}, ${this.qB}, ${this.maxStep}`);
    }
    const n = this.dim;
    this.rkState = new Rk4(n);
    this.rkAug = new Rk4(n + n * n);
    this.yState = new Float64Array(n);
    this.yAug = new Float64Array(n + n * n);
    this.derivState = (_t, y, dy) => this.rhs(y, dy, false);
    this.derivAug = (_t, y, dy) => this.rhs(y, dy, true);
  }

  /**
   * Right-hand side at y = [x (n), Φ (n×n, row-major)]; with `stm` false only the state part.
   * Writes A's blocks into scratch when stm is true.
   */
  private rhs(y: Float64Array, dy: Float64Array, stm: boolean): void {
    const n = this.dim;
    const x = y[0], yy = y[1], z = y[2], vx = y[3], vy = y[4], vz = y[5];
    const g = this.g;
    gravityJ2(g, y);
    let ax = g[0] + 2 * OMEGA * vy + OMEGA2 * x;
    let ay = g[1] - 2 * OMEGA * vx + OMEGA2 * yy;
    let az = g[2];
    // Drag.
    let rho = 0, drho = 0, b = 0, speed = 0;
    if (this.drag) {
      b = y[6] > 0 ? y[6] : 0;
      const r2 = x * x + yy * yy + z * z;
      if (b > 0 && r2 < DRAG_RADIUS_M * DRAG_RADIUS_M) {
        const hRaw = geodeticAltitude(y);
        if (hRaw < DRAG_CEILING_M) {
          const h = hRaw > MIN_ALT_M + 50 ? hRaw : MIN_ALT_M + 50;
          rho = density(h);
          if (stm) drho = (density(h + 50) - density(h - 50)) / 100;
        }
      }
      speed = Math.sqrt(vx * vx + vy * vy + vz * vz);
      const k = -0.5 * rho * b * speed;
      ax += k * vx;
      ay += k * vy;
      az += k * vz;
      dy[6] = 0;
    }
    dy[0] = vx;
    dy[1] = vy;
    dy[2] = vz;
    dy[3] = ax;
    dy[4] = ay;
    dy[5] = az;
    if (!stm) return;

    // Blocks of A. Arv = ∂v̇/∂r, Avv = ∂v̇/∂v, Avb = ∂v̇/∂b.
    const Arv = this.Arv, Avv = this.Avv, Avb = this.Avb, G = this.G;
    gravityJ2Jacobian(G, y);
    for (let i = 0; i < 9; i++) {
      Arv[i] = G[i];
      Avv[i] = 0;
    }
    Arv[0] += OMEGA2;
    Arv[4] += OMEGA2;
    Avv[1] = 2 * OMEGA;
    Avv[3] = -2 * OMEGA;
    Avb[0] = 0;
    Avb[1] = 0;
    Avb[2] = 0;
    if (this.drag && rho > 0 && speed > 0) {
      const v0 = vx, v1 = vy, v2 = vz;
      const kv = -0.5 * rho * b;
      const invS = 1 / speed;
      // D_v = kv (|v| I + v vᵀ/|v|)
      Avv[0] += kv * (speed + v0 * v0 * invS);
      Avv[1] += kv * v0 * v1 * invS;
      Avv[2] += kv * v0 * v2 * invS;
      Avv[3] += kv * v1 * v0 * invS;
      Avv[4] += kv * (speed + v1 * v1 * invS);
      Avv[5] += kv * v1 * v2 * invS;
      Avv[6] += kv * v2 * v0 * invS;
      Avv[7] += kv * v2 * v1 * invS;
      Avv[8] += kv * (speed + v2 * v2 * invS);
      // D_r = −½ b |v| v (dρ/dh) ûᵀ, û ≈ r/|r|.
      const ir = 1 / Math.sqrt(x * x + yy * yy + z * z);
      const kr = -0.5 * b * speed * drho * ir;
      Arv[0] += kr * v0 * x; Arv[1] += kr * v0 * yy; Arv[2] += kr * v0 * z;
      Arv[3] += kr * v1 * x; Arv[4] += kr * v1 * yy; Arv[5] += kr * v1 * z;
      Arv[6] += kr * v2 * x; Arv[7] += kr * v2 * yy; Arv[8] += kr * v2 * z;
      const kb = -0.5 * rho * speed;
      Avb[0] = kb * v0;
      Avb[1] = kb * v1;
      Avb[2] = kb * v2;
    }
    // Φ̇ = A Φ. Φ at y[n + i*n + j].
    const P = n;
    for (let j = 0; j < n; j++) {
      // Rows 0..2: Φ̇_r = Φ_v.
      dy[P + j] = y[P + 3 * n + j];
      dy[P + n + j] = y[P + 4 * n + j];
      dy[P + 2 * n + j] = y[P + 5 * n + j];
      const r0 = y[P + j], r1 = y[P + n + j], r2 = y[P + 2 * n + j];
      const w0 = y[P + 3 * n + j], w1 = y[P + 4 * n + j], w2 = y[P + 5 * n + j];
      const bj = n === 7 ? y[P + 6 * n + j] : 0;
      for (let i = 0; i < 3; i++) {
        const i3 = i * 3;
        dy[P + (3 + i) * n + j] =
          Arv[i3] * r0 + Arv[i3 + 1] * r1 + Arv[i3 + 2] * r2 + Avv[i3] * w0 + Avv[i3 + 1] * w1 + Avv[i3 + 2] * w2 + Avb[i] * bj;
      }
      if (n === 7) dy[P + 6 * n + j] = 0;
    }
  }

  /** out = x propagated by dt (s, may be negative) with RK4 substeps ≤ maxStep. out may alias x. */
  propagate(x: Float64Array, dt: number, out: Float64Array): Float64Array {
    const n = this.dim, y = this.yState;
    for (let i = 0; i < n; i++) y[i] = x[i];
    if (dt !== 0) {
      const steps = Math.max(1, Math.ceil(Math.abs(dt) / this.maxStep - 1e-9));
      const h = dt / steps;
      for (let s = 0; s < steps; s++) this.rkState.step(this.derivState, 0, y, h, y);
    }
    for (let i = 0; i < n; i++) out[i] = y[i];
    return out;
  }

  /** outF (n×n) = Φ(dt) from the variational equations (see file header). */
  jacobian(x: Float64Array, dt: number, outF: Float64Array): Float64Array {
    this.runAug(x, dt);
    const n = this.dim, y = this.yAug;
    for (let i = 0; i < n * n; i++) outF[i] = y[n + i];
    return outF;
  }

  transition(x: Float64Array, dt: number, outX: Float64Array, outF: Float64Array): void {
    this.runAug(x, dt);
    const n = this.dim, y = this.yAug;
    for (let i = 0; i < n * n; i++) outF[i] = y[n + i];
    for (let i = 0; i < n; i++) outX[i] = y[i];
  }

  private runAug(x: Float64Array, dt: number): void {
    const n = this.dim, y = this.yAug;
    for (let i = 0; i < n; i++) y[i] = x[i];
    for (let i = 0; i < n * n; i++) y[n + i] = 0;
    for (let i = 0; i < n; i++) y[n + i * n + i] = 1;
    if (dt === 0) return;
    const steps = Math.max(1, Math.ceil(Math.abs(dt) / this.maxStep - 1e-9));
    const h = dt / steps;
    for (let s = 0; s < steps; s++) this.rkAug.step(this.derivAug, 0, y, h, y);
  }

  /** outQ (n×n): CV-form white acceleration noise q on position/velocity, qB·|dt| on b. */
  processNoise(_x: Float64Array, dt: number, outQ: Float64Array): Float64Array {
    const n = this.dim;
    const t = Math.abs(dt);
    const q = this.q;
    const a = (q * t * t * t) / 3, b = (q * t * t) / 2, c = q * t;
    for (let i = 0; i < n * n; i++) outQ[i] = 0;
    for (let k = 0; k < 3; k++) {
      outQ[k * n + k] = a;
      outQ[k * n + k + 3] = b;
      outQ[(k + 3) * n + k] = b;
      outQ[(k + 3) * n + k + 3] = c;
    }
    if (n === 7) outQ[48] = this.qB * t;
    return outQ;
  }
}
