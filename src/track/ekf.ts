/**
 * Extended Kalman filter (Bar-Shalom, Li & Kirubarajan, "Estimation with Applications to
 * Tracking and Navigation", 2001, §10.3; Stone Soup `ExtendedKalmanPredictor/Updater`):
 *
 *   predict:  x⁻ = f(x, dt),  F = ∂f/∂x,  P⁻ = F P Fᵀ + c·Q(dt)   (c = qScale on the 6×6 kinematic block, default 1)
 *   innovate: ẑ = h(x⁻),  H = ∂h/∂x,  ν = z ⊖ ẑ (angles wrapped),  S = H P⁻ Hᵀ + R,
 *             d² = νᵀ S⁻¹ ν (through the Cholesky factor of S),  ln|S| = 2 Σ ln L_ii
 *   update:   K = P⁻ Hᵀ S⁻¹,  x = x⁻ + K ν,
 *             P = (I − K H) P⁻ (I − K H)ᵀ + K R Kᵀ   (Joseph form, Bar-Shalom et al. eq. 5.2.3-18:
 *             stays symmetric positive semidefinite under round-off and for any gain)
 *
 * All scratch buffers are made once in the constructor; predict/innovation/update allocate nothing.
 */
import { cholesky, choleskySolve, matMul, matMulABt, symmetrize } from '../math/index.js';
import type { Site } from '../earth/index.js';
import type { Filter, GaussianState, MeasurementModel, MotionModel } from './filter.js';
import { logDetFromCholesky, whitenedDistance } from './filter.js';

export class ExtendedKalmanFilter implements Filter {
  readonly name = 'ekf';
  readonly dim: number;
  readonly motion: MotionModel;
  readonly measurement: MeasurementModel;
  lastLogDetS = Infinity;
  /** Multiplier on Q in `predict` (Filter.qScale). */
  qScale = 1;

  private readonly F: Float64Array;
  private readonly Q: Float64Array;
  private readonly FP: Float64Array;
  private readonly xp: Float64Array;
  private readonly zhat: Float64Array;
  private readonly nu: Float64Array;
  private readonly H: Float64Array;
  private readonly PHt: Float64Array;
  private readonly HP: Float64Array;
  private readonly S: Float64Array;
  private readonly L: Float64Array;
  private readonly w: Float64Array;
  private readonly Kt: Float64Array;
  private readonly A: Float64Array;
  private readonly AP: Float64Array;
  private readonly R: Float64Array;

  constructor(motion: MotionModel, measurement: MeasurementModel) {
    const n = motion.dim, m = measurement.dim;
    this.dim = n;
    this.motion = motion;
    this.measurement = measurement;
    this.F = new Float64Array(n * n);
    this.Q = new Float64Array(n * n);
    this.FP = new Float64Array(n * n);
    this.xp = new Float64Array(n);
    this.zhat = new Float64Array(m);
    this.nu = new Float64Array(m);
    this.H = new Float64Array(m * n);
    this.PHt = new Float64Array(n * m);
    this.HP = new Float64Array(m * n);
    this.S = new Float64Array(m * m);
    this.L = new Float64Array(m * m);
    this.w = new Float64Array(m);
    this.Kt = new Float64Array(m * n);
    this.A = new Float64Array(n * n);
    this.AP = new Float64Array(n * n);
    this.R = new Float64Array(m);
  }

  predict(s: GaussianState, t: number): void {
    const dt = t - s.t;
    if (dt === 0) return;
    const n = this.dim, F = this.F, FP = this.FP, Q = this.Q, P = s.P;
    this.motion.transition(s.x, dt, this.xp, F);
    this.motion.processNoise(s.x, dt, Q);
    const qs = this.qScale;
    if (qs !== 1) for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) Q[i * n + j] *= qs;
    const x = s.x, xp = this.xp;
    for (let i = 0; i < n; i++) x[i] = xp[i];
    matMul(FP, F, P, n, n, n);
    // P = (F P) Fᵀ + Q, upper triangle computed and mirrored (exactly symmetric).
    for (let i = 0; i < n; i++) {
      const fi = i * n;
      for (let j = i; j < n; j++) {
        const fj = j * n;
        let v = Q[fi + j];
        for (let k = 0; k < n; k++) v += FP[fi + k] * F[fj + k];
        P[fi + j] = v;
        P[fj + i] = v;
      }
    }
    s.t = t;
  }

  /** Fills zhat, nu, H, PHt, S, L for the detection; returns d² (Infinity if S is not SPD). */
  private innovate(s: GaussianState, z: ArrayLike<number>, zOff: number, sigma: ArrayLike<number>, sOff: number, site: Site): number {
    const n = this.dim, m = this.measurement.dim;
    const H = this.H, PHt = this.PHt, S = this.S, L = this.L, w = this.w, nu = this.nu, R = this.R;
    this.measurement.predict(this.zhat, s.x, site);
    this.measurement.residual(nu, z, zOff, this.zhat);
    this.measurement.jacobian(H, s.x, n, site);
    matMulABt(PHt, s.P, H, n, n, m);
    matMul(S, H, PHt, m, n, m);
    for (let i = 0; i < m; i++) {
      const sg = sigma[sOff + i];
      R[i] = sg * sg;
      S[i * m + i] += R[i];
    }
    symmetrize(S, m);
    if (!cholesky(L, S, m)) {
      this.lastLogDetS = Infinity;
      return Infinity;
    }
    // d² = |L⁻¹ν|², ln|S| = 2 Σ ln L_ii.
    this.lastLogDetS = logDetFromCholesky(L, m);
    return whitenedDistance(L, nu, m, w);
  }

  innovation(s: GaussianState, z: ArrayLike<number>, zOff: number, sigma: ArrayLike<number>, sOff: number, site: Site): number {
    return this.innovate(s, z, zOff, sigma, sOff, site);
  }

  update(s: GaussianState, z: ArrayLike<number>, zOff: number, sigma: ArrayLike<number>, sOff: number, site: Site): number {
    const d2 = this.innovate(s, z, zOff, sigma, sOff, site);
    if (d2 === Infinity) return d2;
    const n = this.dim, m = this.measurement.dim;
    const PHt = this.PHt, HP = this.HP, Kt = this.Kt, H = this.H, A = this.A, AP = this.AP, P = s.P, x = s.x, nu = this.nu, R = this.R;
    // HP = (P Hᵀ)ᵀ; Kᵀ = S⁻¹ H P.
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) HP[j * n + i] = PHt[i * m + j];
    choleskySolve(Kt, this.L, HP, m, n);
    // x += K ν.
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < m; j++) v += Kt[j * n + i] * nu[j];
      x[i] += v;
    }
    // Joseph form P = A P Aᵀ + K R Kᵀ with A = I − K H, evaluated as B = A P = P − K (H P), then
    // P⁺ = B Aᵀ + K R Kᵀ = B − (B Hᵀ) Kᵀ + K R Kᵀ; the upper triangle is computed and mirrored.
    const B = this.AP, BHt = this.A; // A's buffer reused for B Hᵀ (n×m)
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        let v = P[i * n + k];
        for (let j = 0; j < m; j++) v -= Kt[j * n + i] * HP[j * n + k];
        B[i * n + k] = v;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let v = 0;
        for (let k = 0; k < n; k++) v += B[i * n + k] * H[j * n + k];
        BHt[i * m + j] = v;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let k = i; k < n; k++) {
        let v = B[i * n + k];
        for (let j = 0; j < m; j++) v += (R[j] * Kt[j * n + i] - BHt[i * m + j]) * Kt[j * n + k];
        P[i * n + k] = v;
        P[k * n + i] = v;
      }
    }
    return d2;
  }
}
