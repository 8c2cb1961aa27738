/**
 * Unscented Kalman filter with additive noise (Julier & Uhlmann, "A new extension of the Kalman
 * filter to nonlinear systems", SPIE 3068, 1997; scaled sigma points and weights of Wan & van der
 * Merwe, "The unscented Kalman filter for nonlinear estimation", IEEE AS-SPCC 2000, eqs. 15–17;
 * Stone Soup `UnscentedKalmanPredictor/Updater` share the EKF's shape):
 *
 *   λ = α²(n + κ) − n,  γ = √(n + λ),  sigma points X₀ = x, X_i = x ± γ·(column i of L), L Lᵀ = P
 *   W₀ᵐ = λ/(n + λ),  W₀ᶜ = W₀ᵐ + (1 − α² + β),  W_iᵐ = W_iᶜ = 1/(2(n + λ))
 *   predict:  Y_i = f(X_i, dt),  x⁻ = Σ Wᵐ Y_i,  P⁻ = Σ Wᶜ (Y_i − x⁻)(Y_i − x⁻)ᵀ + c·Q(x, dt)   (c = qScale on the 6×6 kinematic block)
 *   update:   Z_i = h(X_i) from sigma points of (x⁻, P⁻); ẑ = Σ Wᵐ Z_i except that the azimuth mean
 *             is circular, atan2(Σ Wᵐ sin, Σ Wᵐ cos); ΔZ_i = Z_i ⊖ ẑ (wrapped);
 *             S = Σ Wᶜ ΔZ ΔZᵀ + R,  P_xz = Σ Wᶜ ΔX ΔZᵀ,  K = P_xz S⁻¹,
 *             x = x⁻ + K ν,  P = P⁻ − K S Kᵀ (= P⁻ − P_xz Kᵀ), then symmetrised.
 *
 * Defaults α = 1, β = 2, κ = 0: λ = 0, so W₀ᵐ = 0, W₀ᶜ = 2 and every covariance weight is positive
 * (P⁻ stays positive semidefinite), sigma points at ±√n σ. β = 2 is optimal for Gaussian priors
 * (Wan & van der Merwe 2000). Robustness: the Cholesky factor for the sigma points is retried with
 * diagonal jitter 10⁻¹²…10⁻⁶ × max diag(P) when P has lost positive definiteness to round-off.
 * All scratch is made once; predict/innovation/update allocate nothing.
 */
import { cholesky, symmetrize } from '../math/index.js';
import type { Site } from '../earth/index.js';
import type { Filter, GaussianState, MeasurementModel, MotionModel } from './filter.js';
import { logDetFromCholesky, whitenedDistance } from './filter.js';

export interface UkfOptions {
  /** Sigma point spread α (default 1). */
  alpha?: number;
  /** Prior distribution parameter β (default 2, Gaussian). */
  beta?: number;
  /** Secondary scaling κ (default 0). */
  kappa?: number;
}

export class UnscentedKalmanFilter implements Filter {
  readonly name = 'ukf';
  readonly dim: number;
  readonly motion: MotionModel;
  readonly measurement: MeasurementModel;
  readonly alpha: number;
  readonly beta: number;
  readonly kappa: number;
  lastLogDetS = Infinity;
  /** Multiplier on Q in `predict` (Filter.qScale). */
  qScale = 1;

  private readonly gamma: number;
  private readonly wm0: number;
  private readonly wc0: number;
  private readonly wi: number;
  private readonly nSig: number;
  private readonly X: Float64Array;
  private readonly Xv: Float64Array[];
  private readonly Z: Float64Array;
  private readonly Zv: Float64Array[];
  private readonly Lp: Float64Array;
  private readonly Pj: Float64Array;
  private readonly Q: Float64Array;
  private readonly xm: Float64Array;
  private readonly zhat: Float64Array;
  private readonly nu: Float64Array;
  private readonly dz: Float64Array;
  private readonly S: Float64Array;
  private readonly L: Float64Array;
  private readonly w: Float64Array;
  private readonly Pxz: Float64Array;
  private readonly Kt: Float64Array;

  constructor(motion: MotionModel, measurement: MeasurementModel, opts: UkfOptions = {}) {
    const n = motion.dim, m = measurement.dim;
    this.dim = n;
    this.motion = motion;
    this.measurement = measurement;
    this.alpha = opts.alpha ?? 1;
    this.beta = opts.beta ?? 2;
    this.kappa = opts.kappa ?? 0;
    const lambda = this.alpha * this.alpha * (n + this.kappa) - n;
    if (!(n + lambda > 0)) throw new RangeError(`UnscentedKalmanFilter: n + λ must be > 0, got ${n + lambda}`);
    this.gamma = Math.sqrt(n + lambda);
    this.wm0 = lambda / (n + lambda);
    this.wc0 = this.wm0 + (1 - this.alpha * this.alpha + this.beta);
    this.wi = 1 / (2 * (n + lambda));
    this.nSig = 2 * n + 1;
    this.X = new Float64Array(this.nSig * n);
    this.Z = new Float64Array(this.nSig * m);
    this.Xv = [];
    this.Zv = [];
    for (let i = 0; i < this.nSig; i++) {
      this.Xv.push(this.X.subarray(i * n, (i + 1) * n));
      this.Zv.push(this.Z.subarray(i * m, (i + 1) * m));
    }
    this.Lp = new Float64Array(n * n);
    this.Pj = new Float64Array(n * n);
    this.Q = new Float64Array(n * n);
    this.xm = new Float64Array(n);
    this.zhat = new Float64Array(m);
    this.nu = new Float64Array(m);
    this.dz = new Float64Array(m);
    this.S = new Float64Array(m * m);
    this.L = new Float64Array(m * m);
    this.w = new Float64Array(m);
    this.Pxz = new Float64Array(n * m);
    this.Kt = new Float64Array(m * n);
  }

  /** Sigma points of (x, P) into X; false if P is not positive definite even with jitter. */
  private sigmaPoints(x: Float64Array, P: Float64Array): boolean {
    const n = this.dim, L = this.Lp, X = this.X, g = this.gamma;
    if (!cholesky(L, P, n)) {
      const Pj = this.Pj;
      let dmax = 0;
      for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs(P[i * n + i]));
      let ok = false;
      for (let eps = 1e-12; eps <= 1e-6 && !ok; eps *= 100) {
        Pj.set(P);
        for (let i = 0; i < n; i++) Pj[i * n + i] += eps * dmax;
        ok = cholesky(L, Pj, n);
      }
      if (!ok) return false;
    }
    for (let j = 0; j < n; j++) X[j] = x[j];
    for (let i = 0; i < n; i++) {
      const a = (1 + i) * n, b = (1 + n + i) * n;
      for (let j = 0; j < n; j++) {
        const d = g * L[j * n + i];
        X[a + j] = x[j] + d;
        X[b + j] = x[j] - d;
      }
    }
    return true;
  }

  predict(s: GaussianState, t: number): void {
    const dt = t - s.t;
    if (dt === 0) return;
    const n = this.dim, X = this.X, P = s.P, xm = this.xm, ns = this.nSig;
    if (!this.sigmaPoints(s.x, P)) throw new Error('UnscentedKalmanFilter.predict: covariance is not positive definite');
    this.motion.processNoise(s.x, dt, this.Q);
    const qs = this.qScale;
    if (qs !== 1) for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) this.Q[i * n + j] *= qs;
    for (let i = 0; i < ns; i++) this.motion.propagate(this.Xv[i], dt, this.Xv[i]);
    for (let j = 0; j < n; j++) {
      let v = this.wm0 * X[j];
      for (let i = 1; i < ns; i++) v += this.wi * X[i * n + j];
      xm[j] = v;
    }
    for (let a = 0; a < n; a++) {
      for (let b = a; b < n; b++) {
        let v = this.wc0 * (X[a] - xm[a]) * (X[b] - xm[b]);
        for (let i = 1; i < ns; i++) v += this.wi * (X[i * n + a] - xm[a]) * (X[i * n + b] - xm[b]);
        v += this.Q[a * n + b];
        P[a * n + b] = v;
        P[b * n + a] = v;
      }
    }
    s.x.set(xm);
    s.t = t;
  }

  /** Sigma points, Z, ẑ, ν, S, L, P_xz for the detection; returns d² (Infinity on failure). */
  private innovate(s: GaussianState, z: ArrayLike<number>, zOff: number, sigma: ArrayLike<number>, sOff: number, site: Site): number {
    const n = this.dim, m = this.measurement.dim, ns = this.nSig;
    const X = this.X, Z = this.Z, zhat = this.zhat, dz = this.dz, S = this.S, L = this.L, Pxz = this.Pxz, x = s.x;
    const circ = this.measurement.circular;
    if (!this.sigmaPoints(x, s.P)) {
      this.lastLogDetS = Infinity;
      return Infinity;
    }
    for (let i = 0; i < ns; i++) this.measurement.predict(this.Zv[i], this.Xv[i], site);
    for (let k = 0; k < m; k++) {
      if (circ[k]) {
        let sn = this.wm0 * Math.sin(Z[k]), cs = this.wm0 * Math.cos(Z[k]);
        for (let i = 1; i < ns; i++) {
          sn += this.wi * Math.sin(Z[i * m + k]);
          cs += this.wi * Math.cos(Z[i * m + k]);
        }
        zhat[k] = Math.atan2(sn, cs);
      } else {
        let v = this.wm0 * Z[k];
        for (let i = 1; i < ns; i++) v += this.wi * Z[i * m + k];
        zhat[k] = v;
      }
    }
    for (let i = 0; i < m * m; i++) S[i] = 0;
    for (let i = 0; i < n * m; i++) Pxz[i] = 0;
    for (let i = 0; i < ns; i++) {
      const wc = i === 0 ? this.wc0 : this.wi;
      this.measurement.residual(dz, Z, i * m, zhat);
      for (let a = 0; a < m; a++) {
        const da = wc * dz[a];
        for (let b = 0; b < m; b++) S[a * m + b] += da * dz[b];
      }
      for (let a = 0; a < n; a++) {
        const dxa = wc * (X[i * n + a] - x[a]);
        for (let b = 0; b < m; b++) Pxz[a * m + b] += dxa * dz[b];
      }
    }
    for (let k = 0; k < m; k++) {
      const sg = sigma[sOff + k];
      S[k * m + k] += sg * sg;
    }
    symmetrize(S, m);
    this.measurement.residual(this.nu, z, zOff, zhat);
    if (!cholesky(L, S, m)) {
      this.lastLogDetS = Infinity;
      return Infinity;
    }
    this.lastLogDetS = logDetFromCholesky(L, m);
    return whitenedDistance(L, this.nu, m, this.w);
  }

  innovation(s: GaussianState, z: ArrayLike<number>, zOff: number, sigma: ArrayLike<number>, sOff: number, site: Site): number {
    return this.innovate(s, z, zOff, sigma, sOff, site);
  }

  update(s: GaussianState, z: ArrayLike<number>, zOff: number, sigma: ArrayLike<number>, sOff: number, site: Site): number {
    const d2 = this.innovate(s, z, zOff, sigma, sOff, site);
    if (d2 === Infinity) return d2;
    const n = this.dim, m = this.measurement.dim, L = this.L, Pxz = this.Pxz, Kt = this.Kt, P = s.P, x = s.x, nu = this.nu;
    // Kᵀ = S⁻¹ P_xzᵀ, column by column of P_xzᵀ (forward/back substitution with L).
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < m; i++) {
        let v = Pxz[c * m + i];
        for (let k = 0; k < i; k++) v -= L[i * m + k] * Kt[k * n + c];
        Kt[i * n + c] = v / L[i * m + i];
      }
      for (let i = m - 1; i >= 0; i--) {
        let v = Kt[i * n + c];
        for (let k = i + 1; k < m; k++) v -= L[k * m + i] * Kt[k * n + c];
        Kt[i * n + c] = v / L[i * m + i];
      }
    }
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < m; j++) v += Kt[j * n + i] * nu[j];
      x[i] += v;
    }
    // P −= P_xz Kᵀ (= K S Kᵀ, symmetric in exact arithmetic).
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let v = 0;
        for (let j = 0; j < m; j++) v += Pxz[a * m + j] * Kt[j * n + b];
        P[a * n + b] -= v;
      }
    }
    symmetrize(P, n);
    return d2;
  }
}
