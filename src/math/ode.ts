/**
 * Ordinary differential equation integrators that allocate nothing per step: all stage buffers
 * are made once in the constructor.
 *
 * - `Rk4`: the classical fixed-step fourth-order Runge–Kutta method (Hairer, Nørsett & Wanner,
 *   "Solving Ordinary Differential Equations I", 2nd ed., Springer 1993, §II.1, Table 1.2 left).
 * - `DormandPrince54`: the adaptive explicit Runge–Kutta pair 5(4) of Dormand & Prince (J. Comput.
 *   Appl. Math. 6(1), 1980, 19–26) with FSAL, the error norm and step control of Hairer–Nørsett–
 *   Wanner §II.4 (eq. 4.11, 4.13; safety 0.9, step factor in [0.2, 10], Lund PI stabilisation
 *   β = 0.04 as in their code DOPRI5) and the continuous extension of order 4 of §II.6 (dense
 *   output coefficients of DOPRI5, Shampine's formula).
 */

/** Right-hand side: writes dy/dt at (t, y) into dydt. Must not keep references to y or dydt. */
export type Deriv = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** Classical RK4 with a fixed step; scratch buffers made once for dimension n. */
export class Rk4 {
  readonly n: number;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly tmp: Float64Array;

  constructor(n: number) {
    this.n = n;
    this.k1 = new Float64Array(n);
    this.k2 = new Float64Array(n);
    this.k3 = new Float64Array(n);
    this.k4 = new Float64Array(n);
    this.tmp = new Float64Array(n);
  }

  /** One step of size h (may be negative) from (t, y); the state at t + h goes to out (may alias y). */
  step(f: Deriv, t: number, y: Float64Array, h: number, out: Float64Array): void {
    const n = this.n, k1 = this.k1, k2 = this.k2, k3 = this.k3, k4 = this.k4, tmp = this.tmp;
    const h2 = 0.5 * h;
    f(t, y, k1);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h2 * k1[i];
    f(t + h2, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h2 * k2[i];
    f(t + h2, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
    f(t + h, tmp, k4);
    const h6 = h / 6;
    for (let i = 0; i < n; i++) out[i] = y[i] + h6 * (k1[i] + 2 * (k2[i] + k3[i]) + k4[i]);
  }
}

/** `DormandPrince54.step` / `integrateTo` result codes. */
export const ODE_OK = 0;
/** The step ended exactly on tLimit. */
export const ODE_REACHED = 1;
/** The step size fell below hMin or below the round-off limit of t. */
export const ODE_STEP_TOO_SMALL = -1;
/** More than maxRejects consecutive rejected attempts (or a right-hand side returning NaN). */
export const ODE_TOO_MANY_REJECTIONS = -2;
/** integrateTo used more than maxSteps accepted steps. */
export const ODE_TOO_MANY_STEPS = -3;
/** step called before reset. */
export const ODE_NOT_INITIALISED = -4;

// Dormand–Prince 5(4) tableau (Hairer–Nørsett–Wanner §II.5, Table 5.2).
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
// Error weights: b − b̂ (5th minus 4th order weights).
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
// Dense output (HNW §II.6, DOPRI5 CONTD5 coefficients).
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

const UROUND = 2.220446049250313e-16;
// Step control (HNW §II.4 and DOPRI5 defaults).
const SAFE = 0.9;
const FAC_MIN = 0.2; // h_new ≥ 0.2 h
const FAC_MAX = 10; // h_new ≤ 10 h
const BETA = 0.04; // Lund stabilisation (PI control)
const EXPO1 = 0.2 - BETA * 0.75;

export interface DormandPrinceOptions {
  /** Relative tolerance (default 1e-9). */
  rtol?: number;
  /** Absolute tolerance in the units of y (default 1e-9). */
  atol?: number;
  /** Smallest allowed |h| (default 0: only the round-off limit applies). */
  hMin?: number;
  /** Largest allowed |h| (default Infinity). */
  hMax?: number;
  /** First step size; 0 or absent: chosen automatically (HNW §II.4, starting step size). */
  h0?: number;
  /** Consecutive rejections allowed within one step call (default 50). */
  maxRejects?: number;
  /** Accepted steps allowed within one integrateTo call (default 1e7). */
  maxSteps?: number;
}

/**
 * Adaptive Dormand–Prince 5(4) with dense output. Usage: `reset(f, t0, y0)`, then `step(tLimit)`
 * or `integrateTo(tEnd)`; read `y`, `t`, and `interpolate(t)` for any t in [tPrev, t]. Integrates
 * forwards or backwards (the direction is that of tLimit − t). The error of a step is
 * ‖(y₅ − y₄)/(atol + rtol·max(|y₀|, |y₁|))‖_RMS ≤ 1 (HNW eq. 4.11). The public fields rtol, atol,
 * hMin, hMax, maxRejects, maxSteps may be changed between steps; `h` is the magnitude of the next
 * step to try.
 */
export class DormandPrince54 {
  readonly n: number;
  /** Current state (at time t). The array is reused; copy it to keep a value. */
  readonly y: Float64Array;
  /** Current time. */
  t = 0;
  /** Start of the last accepted step (dense output is valid on [tPrev, t]). */
  tPrev = 0;
  /** Magnitude of the next step to try. */
  h = 0;
  /** Accepted steps since reset. */
  steps = 0;
  /** Rejected attempts since reset. */
  rejected = 0;
  /** Right-hand-side evaluations since reset. */
  evals = 0;
  rtol: number;
  atol: number;
  hMin: number;
  hMax: number;
  maxRejects: number;
  maxSteps: number;

  private f: Deriv | null = null;
  private readonly h0: number;
  private facOld = 1e-4;
  private lastRejected = false;
  private hLast = 0; // signed size of the last accepted step
  private k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private k7: Float64Array;
  private readonly yNew: Float64Array;
  private readonly yStage: Float64Array;
  private readonly r1: Float64Array; // dense output: y at tPrev
  private readonly r2: Float64Array;
  private readonly r3: Float64Array;
  private readonly r4: Float64Array;
  private readonly r5: Float64Array;

  constructor(n: number, opts: DormandPrinceOptions = {}) {
    this.n = n;
    this.rtol = opts.rtol ?? 1e-9;
    this.atol = opts.atol ?? 1e-9;
    this.hMin = opts.hMin ?? 0;
    this.hMax = opts.hMax ?? Infinity;
    this.h0 = opts.h0 ?? 0;
    this.maxRejects = opts.maxRejects ?? 50;
    this.maxSteps = opts.maxSteps ?? 1e7;
    this.y = new Float64Array(n);
    this.k1 = new Float64Array(n);
    this.k2 = new Float64Array(n);
    this.k3 = new Float64Array(n);
    this.k4 = new Float64Array(n);
    this.k5 = new Float64Array(n);
    this.k6 = new Float64Array(n);
    this.k7 = new Float64Array(n);
    this.yNew = new Float64Array(n);
    this.yStage = new Float64Array(n);
    this.r1 = new Float64Array(n);
    this.r2 = new Float64Array(n);
    this.r3 = new Float64Array(n);
    this.r4 = new Float64Array(n);
    this.r5 = new Float64Array(n);
  }

  /** Starts a new integration of y' = f(t, y) from (t0, y0). Evaluates f once. */
  reset(f: Deriv, t0: number, y0: ArrayLike<number>): void {
    const n = this.n;
    this.f = f;
    this.t = t0;
    this.tPrev = t0;
    for (let i = 0; i < n; i++) {
      this.y[i] = y0[i];
      this.r1[i] = y0[i];
      this.r2[i] = 0;
      this.r3[i] = 0;
      this.r4[i] = 0;
      this.r5[i] = 0;
    }
    this.steps = 0;
    this.rejected = 0;
    this.hLast = 0;
    this.facOld = 1e-4;
    this.lastRejected = false;
    this.h = this.h0 > 0 ? this.h0 : 0;
    f(t0, this.y, this.k1);
    this.evals = 1;
  }

  /** Weighted RMS norm of v with the scale atol + rtol·|y| (for the starting step). */
  private scaledNorm(v: Float64Array, y: Float64Array): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      const q = v[i] / (this.atol + this.rtol * Math.abs(y[i]));
      s += q * q;
    }
    return Math.sqrt(s / this.n);
  }

  /** Initial step size, HNW §II.4 "Starting step size" (DOPRI5 HINIT), for direction dir. */
  private initialStep(dir: number): number {
    const f = this.f as Deriv;
    const n = this.n, y = this.y, k1 = this.k1;
    const d0 = this.scaledNorm(y, y);
    const d1 = this.scaledNorm(k1, y);
    let h0 = d0 < 1e-10 || d1 < 1e-10 ? 1e-6 : 0.01 * (d0 / d1);
    h0 = Math.min(h0, this.hMax);
    for (let i = 0; i < n; i++) this.yStage[i] = y[i] + dir * h0 * k1[i];
    f(this.t + dir * h0, this.yStage, this.k2);
    this.evals++;
    for (let i = 0; i < n; i++) this.k3[i] = this.k2[i] - k1[i];
    const d2 = this.scaledNorm(this.k3, y) / h0;
    const dm = Math.max(d1, d2);
    const h1 = dm <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 0.2);
    return Math.min(100 * h0, h1, this.hMax);
  }

  /**
   * Takes one accepted step towards tLimit, never beyond it, landing exactly on tLimit when it
   * is reached. Returns ODE_OK (0), ODE_REACHED (1, also when already at tLimit) or a negative
   * code (ODE_STEP_TOO_SMALL, ODE_TOO_MANY_REJECTIONS, ODE_NOT_INITIALISED); on a negative code
   * the state is left at the last accepted step.
   */
  step(tLimit: number): number {
    const f = this.f;
    if (f === null) return ODE_NOT_INITIALISED;
    const t = this.t;
    if (tLimit === t) return ODE_REACHED;
    const dir = tLimit > t ? 1 : -1;
    const n = this.n, y = this.y, yNew = this.yNew, ys = this.yStage;
    const k2 = this.k2, k3 = this.k3, k4 = this.k4, k5 = this.k5, k6 = this.k6;
    if (!(this.h > 0)) this.h = this.initialStep(dir);
    let rejectsHere = 0;
    for (;;) {
      const k1 = this.k1, k7 = this.k7;
      let hAbs = Math.min(this.h, this.hMax);
      if (hAbs < this.hMin || 0.1 * hAbs <= Math.abs(t) * UROUND) return ODE_STEP_TOO_SMALL;
      const remaining = Math.abs(tLimit - t);
      let last = false;
      if (1.01 * hAbs >= remaining) {
        hAbs = remaining;
        last = true;
      }
      const h = dir * hAbs;
      for (let i = 0; i < n; i++) ys[i] = y[i] + h * A21 * k1[i];
      f(t + C2 * h, ys, k2);
      for (let i = 0; i < n; i++) ys[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
      f(t + C3 * h, ys, k3);
      for (let i = 0; i < n; i++) ys[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
      f(t + C4 * h, ys, k4);
      for (let i = 0; i < n; i++) ys[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
      f(t + C5 * h, ys, k5);
      for (let i = 0; i < n; i++) {
        ys[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
      }
      const tNew = last ? tLimit : t + h;
      f(tNew, ys, k6);
      for (let i = 0; i < n; i++) {
        yNew[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
      }
      f(tNew, yNew, k7);
      this.evals += 6;
      // Error estimate, HNW eq. (4.11).
      let err = 0;
      for (let i = 0; i < n; i++) {
        const ei = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
        const sk = this.atol + this.rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
        const q = ei / sk;
        err += q * q;
      }
      err = Math.sqrt(err / n);
      if (err <= 1) {
        // Accept. PI step-size proposal with Lund stabilisation (Hairer & Wanner, Solving ODEs II,
        // 2nd ed., §IV.2, eq. 2.43c; as in DOPRI5).
        const fac11 = Math.pow(err, EXPO1);
        let fac = fac11 / Math.pow(this.facOld, BETA);
        fac = Math.max(1 / FAC_MAX, Math.min(1 / FAC_MIN, fac / SAFE));
        let hNew = hAbs / fac;
        if (this.lastRejected) hNew = Math.min(hNew, hAbs);
        this.facOld = Math.max(err, 1e-4);
        this.lastRejected = false;
        // Dense output, HNW §II.6 (DOPRI5 CONTD5): y(tPrev + θh) = r1 + θ(r2 + (1−θ)(r3 + θ(r4 + (1−θ) r5))).
        const r1 = this.r1, r2 = this.r2, r3 = this.r3, r4 = this.r4, r5 = this.r5;
        for (let i = 0; i < n; i++) {
          const y0 = y[i];
          const dy = yNew[i] - y0;
          const bspl = h * k1[i] - dy;
          r1[i] = y0;
          r2[i] = dy;
          r3[i] = bspl;
          r4[i] = dy - h * k7[i] - bspl;
          r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
          y[i] = yNew[i];
        }
        // FSAL: f(tNew, yNew) becomes k1 of the next step.
        this.k1 = k7;
        this.k7 = k1;
        this.tPrev = t;
        this.t = tNew;
        this.hLast = h;
        // Keep the proposal from a shortened final step from shrinking the next one.
        this.h = last ? Math.max(hNew, Math.min(this.h, hNew * 10)) : hNew;
        this.steps++;
        return last ? ODE_REACHED : ODE_OK;
      }
      // Reject (also when err is NaN: shrink by the maximal factor).
      this.rejected++;
      rejectsHere++;
      const fac11 = Math.pow(err, EXPO1);
      this.h = err > 1 && Number.isFinite(err) ? hAbs / Math.min(1 / FAC_MIN, fac11 / SAFE) : hAbs * FAC_MIN;
      this.lastRejected = true;
      if (rejectsHere > this.maxRejects) return ODE_TOO_MANY_REJECTIONS;
    }
  }

  /**
   * Dense output at time tq (within [tPrev, t] of the last accepted step; extrapolates outside)
   * into out: the 4th-order continuous extension of HNW §II.6. Before the first step it copies y.
   */
  interpolate(tq: number, out: Float64Array): void {
    const n = this.n;
    if (this.hLast === 0) {
      for (let i = 0; i < n; i++) out[i] = this.y[i];
      return;
    }
    const th = (tq - this.tPrev) / this.hLast;
    const th1 = 1 - th;
    const r1 = this.r1, r2 = this.r2, r3 = this.r3, r4 = this.r4, r5 = this.r5;
    for (let i = 0; i < n; i++) {
      out[i] = r1[i] + th * (r2[i] + th1 * (r3[i] + th * (r4[i] + th1 * r5[i])));
    }
  }

  /**
   * Steps until t = tEnd exactly. Returns ODE_REACHED (1) or a negative code (see `step`, and
   * ODE_TOO_MANY_STEPS after maxSteps accepted steps).
   */
  integrateTo(tEnd: number): number {
    for (let k = 0; k < this.maxSteps; k++) {
      const code = this.step(tEnd);
      if (code !== ODE_OK) return code;
    }
    return ODE_TOO_MANY_STEPS;
  }
}
