/**
 * Tracking components behind interfaces (the Stone Soup layout: a motion model, a measurement
 * model and a filter that combines them; the EKF and the UKF share one predictor/updater shape).
 *
 * State frame: ECEF (WGS84), state `[x, y, z, vx, vy, vz]` (m, m/s), optionally a 7th element
 * (see motion-ballistic.ts). Why ECEF and not ECI:
 * - measurements are taken from sites fixed in ECEF (a radar's Site is an ECEF point and its
 *   local ENU rotation), so h(x) needs no time-dependent frame rotation;
 * - the ballistic model writes the rotating-frame terms −2ω×v − ω×(ω×r) exactly, and the
 *   atmosphere co-rotates with ECEF, so the air-relative velocity for drag is the state velocity;
 * - the outputs (tracks.csv) and the truth files are ECEF.
 * The price — apparent Coriolis/centrifugal forces — is paid inside the ballistic model only.
 *
 * Conventions for every component: matrices are row-major Float64Arrays (see src/math/mat.ts),
 * out-first, and nothing allocates after construction.
 */
import type { Site } from '../earth/index.js';

/** A Gaussian state estimate at time `t` (s since scenario epoch): mean x (dim) and covariance P (dim×dim). */
export class GaussianState {
  readonly dim: number;
  readonly x: Float64Array;
  readonly P: Float64Array;
  t: number;
  constructor(dim: number, t = 0) {
    this.dim = dim;
    this.x = new Float64Array(dim);
    this.P = new Float64Array(dim * dim);
    this.t = t;
  }
  /** Copies mean, covariance and time from another state of the same dimension. Returns this. */
  copyFrom(o: GaussianState): this {
    this.x.set(o.x);
    this.P.set(o.P);
    this.t = o.t;
    return this;
  }
}

/**
 * A motion (transition) model x(t+dt) = f(x(t), dt) + w, w ~ N(0, Q(x, dt)). ECEF state.
 * `out` arguments may alias `x` (implementations copy what they need first).
 */
export interface MotionModel {
  /** Short name (`cv`, `ballistic`). */
  readonly name: string;
  /** State dimension: 6, or 7 with an extra parameter (ballistic with drag). */
  readonly dim: number;
  /** out = f(x, dt). Returns out. */
  propagate(x: Float64Array, dt: number, out: Float64Array): Float64Array;
  /** outF (dim×dim) = ∂f/∂x at x over dt. Returns outF. */
  jacobian(x: Float64Array, dt: number, outF: Float64Array): Float64Array;
  /** outQ (dim×dim) = process noise covariance over dt at x. Returns outQ. */
  processNoise(x: Float64Array, dt: number, outQ: Float64Array): Float64Array;
  /** propagate and jacobian in one pass (what the EKF calls; saves a second integration). */
  transition(x: Float64Array, dt: number, outX: Float64Array, outF: Float64Array): void;
}

/**
 * A measurement model z = h(x; site) + v, v ~ N(0, R) with R diagonal from the 1-σ values.
 * Angles in z are wrapped by `residual`; `mean` is angle-aware (used by the UKF).
 */
export interface MeasurementModel {
  /** Measurement dimension (3: range m, azimuth rad, elevation rad). */
  readonly dim: number;
  /** Measurement dimension indices that are angles on a circle (wrapped residuals, circular means). */
  readonly circular: readonly boolean[];
  /** out (dim) = h(x) at the site. Returns out. */
  predict(out: Float64Array, x: Float64Array, site: Site): Float64Array;
  /** outH (dim×n) = ∂h/∂x at x for a state of dimension n. Returns outH. */
  jacobian(outH: Float64Array, x: Float64Array, n: number, site: Site): Float64Array;
  /** out = z[zOff..] − zhat with circular components wrapped to (−π, π]. Returns out. */
  residual(out: Float64Array, z: ArrayLike<number>, zOff: number, zhat: ArrayLike<number>): Float64Array;
}

/**
 * A Bayesian filter for one target: predict to a time, score a detection (innovation), update.
 * Gating and assignment use `innovation`; it leaves the state untouched and returns the squared
 * Mahalanobis distance d² = νᵀS⁻¹ν, with ln|S| in `lastLogDetS` (Infinity when S is not
 * positive definite). Implementations allocate nothing per call.
 */
export interface Filter {
  readonly name: string;
  readonly dim: number;
  readonly motion: MotionModel;
  readonly measurement: MeasurementModel;
  /** ln|S| of the last `innovation` or `update` call. */
  lastLogDetS: number;
  /**
   * Multiplier on the kinematic block (position/velocity, first 6×6) of the motion model's process
   * noise Q in `predict` (default 1; a 7th parameter state keeps its own noise). The tracker sets
   * it per track before predicting, to switch a track between process-noise levels (tracker.ts).
   */
  qScale?: number;
  /** Predicts s in place to time t (s). No-op when t = s.t. */
  predict(s: GaussianState, t: number): void;
  /** d² of detection z[zOff..zOff+m) with 1-σ sigma[sOff..] seen from site; s unchanged. */
  innovation(s: GaussianState, z: ArrayLike<number>, zOff: number, sigma: ArrayLike<number>, sOff: number, site: Site): number;
  /** Updates s in place with the detection; returns its d² (before the update). */
  update(s: GaussianState, z: ArrayLike<number>, zOff: number, sigma: ArrayLike<number>, sOff: number, site: Site): number;
}

/** Wraps an angle to (−π, π]. */
export function wrapPi(a: number): number {
  const TWO_PI = 2 * Math.PI;
  let r = a - TWO_PI * Math.floor((a + Math.PI) / TWO_PI);
  // floor maps a = π to −π; move it to +π so the interval is (−π, π].
  if (r <= -Math.PI) r += TWO_PI;
  return r;
}

/**
 * The squared Mahalanobis distance d² = νᵀS⁻¹ν = |L⁻¹ν|² from the Cholesky factor L of S
 * (m×m, row-major) by forward substitution into `w` (the whitened innovation). Allocates nothing.
 */
export function whitenedDistance(L: Float64Array, nu: ArrayLike<number>, m: number, w: Float64Array): number {
  let d2 = 0;
  for (let i = 0; i < m; i++) {
    let v = nu[i];
    for (let k = 0; k < i; k++) v -= L[i * m + k] * w[k];
    w[i] = v / L[i * m + i];
    d2 += w[i] * w[i];
  }
  return d2;
}

/** ln|S| = 2 Σ ln L_ii from the Cholesky factor of S. */
export function logDetFromCholesky(L: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < m; i++) s += Math.log(L[i * m + i]);
  return 2 * s;
}
