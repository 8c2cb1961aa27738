/**
 * Predicted impact point (PIP) of a ballistic track with its uncertainty.
 *
 * The mean state and the 2n sigma points of its covariance (unscented transform, Julier & Uhlmann
 * 1997 / Wan & van der Merwe 2000 weights with α = 1, β = 2, κ = 0 as in ukf.ts) are each propagated
 * with the track's motion model (ballistic, RK4) in fixed steps until the geodetic altitude
 * (WGS84) becomes negative; the crossing of altitude 0 inside the last step is found with Brent's
 * method (src/math `brent`, R. P. Brent 1973 ch. 4) on τ ↦ altitude(f(x_k, τ)). Each sigma point's
 * impact is expressed as east/north offsets (m) in the tangent plane at the central impact point;
 * their weighted mean gives the PIP and their weighted scatter the 2×2 east–north covariance.
 * Time to impact is the weighted mean of the sigma points' impact times.
 *
 * The result is a statement about the impact given the motion model: for a 6-state (vacuum)
 * ballistic model an RV's atmospheric deceleration is not included.
 */
import { brent, cholesky } from '../math/index.js';
import { createSite, ecefToEnu, ecefToGeodetic, enuToEcef, geodeticAltitude } from '../earth/index.js';
import type { GaussianState, MotionModel } from './filter.js';

export interface ImpactPrediction {
  /** True when the mean and every sigma point reached the ground within maxTime. */
  ok: boolean;
  /** Geodetic latitude and longitude of the PIP, rad. */
  lat: number;
  lon: number;
  /** ECEF point of the PIP (m), on the ellipsoid. */
  ecef: Float64Array;
  /** Absolute impact time (s since epoch) and time to impact from the state time (s). */
  time: number;
  timeToImpact: number;
  /** East–north covariance at the PIP, row-major 2×2 (m²). */
  covEN: Float64Array;
}

export interface ImpactPredictorOptions {
  /** Propagation step between altitude checks, s (default 5). */
  step?: number;
  /** Give up after this many seconds of flight (default 3600). */
  maxTime?: number;
  /** Unscented transform parameters (defaults α = 1, β = 2, κ = 0, as in ukf.ts). */
  alpha?: number;
  beta?: number;
  kappa?: number;
}

export class ImpactPredictor {
  readonly motion: MotionModel;
  readonly step: number;
  readonly maxTime: number;
  private readonly n: number;
  private readonly x: Float64Array;
  private readonly xb: Float64Array;
  private readonly xt: Float64Array;
  private readonly L: Float64Array;
  private readonly sig: Float64Array;
  private readonly hits: Float64Array; // 3 per sigma point (ECEF)
  private readonly times: Float64Array;
  private readonly enu = new Float64Array(3);
  private readonly llh = new Float64Array(3);
  private readonly altAt: (tau: number) => number;
  private readonly gamma: number;
  private readonly wm0: number;
  private readonly wc0: number;
  private readonly wi: number;

  constructor(motion: MotionModel, opts: ImpactPredictorOptions = {}) {
    this.motion = motion;
    this.step = opts.step ?? 5;
    this.maxTime = opts.maxTime ?? 3600;
    const n = motion.dim;
    this.n = n;
    this.x = new Float64Array(n);
    this.xb = new Float64Array(n);
    this.xt = new Float64Array(n);
    this.L = new Float64Array(n * n);
    this.sig = new Float64Array(n);
    this.hits = new Float64Array(3 * (2 * n + 1));
    this.times = new Float64Array(2 * n + 1);
    const alpha = opts.alpha ?? 1, beta = opts.beta ?? 2, kappa = opts.kappa ?? 0;
    const lambda = alpha * alpha * (n + kappa) - n;
    this.gamma = Math.sqrt(n + lambda);
    this.wm0 = lambda / (n + lambda);
    this.wc0 = this.wm0 + 1 - alpha * alpha + beta;
    this.wi = 1 / (2 * (n + lambda));
    this.altAt = (tau) => geodeticAltitude(this.motion.propagate(this.xb, tau, this.xt));
  }

  /**
   * Impact of one state x (ECEF, dim n) from its time 0: writes the ECEF impact point to out3 and
   * returns the time of flight (s), or NaN if the ground is not reached within maxTime or the state
   * is already below the ground.
   */
  impactOf(x0: ArrayLike<number>, out3: Float64Array, out3Off = 0): number {
    const x = this.x, xb = this.xb, n = this.n, h = this.step;
    for (let i = 0; i < n; i++) x[i] = x0[i];
    if (geodeticAltitude(x) < 0) return NaN;
    for (let t = 0; t < this.maxTime; t += h) {
      xb.set(x);
      this.motion.propagate(x, h, x);
      if (geodeticAltitude(x) < 0) {
        const tau = brent(this.altAt, 0, h, 1e-6);
        if (Number.isNaN(tau)) return NaN;
        this.motion.propagate(xb, tau, this.xt);
        out3[out3Off] = this.xt[0];
        out3[out3Off + 1] = this.xt[1];
        out3[out3Off + 2] = this.xt[2];
        return t + tau;
      }
    }
    return NaN;
  }

  /** PIP of a Gaussian state with its east–north covariance (see the file header). Allocates a little. */
  predict(s: GaussianState): ImpactPrediction {
    const n = this.n, L = this.L, hits = this.hits, times = this.times, sig = this.sig;
    const res: ImpactPrediction = { ok: false, lat: NaN, lon: NaN, ecef: new Float64Array(3), time: NaN, timeToImpact: NaN, covEN: new Float64Array(4) };
    if (!cholesky(L, s.P, n)) return res;
    const gamma = this.gamma, wi = this.wi, wc0 = this.wc0, wm0 = this.wm0;
    times[0] = this.impactOf(s.x, hits, 0);
    if (Number.isNaN(times[0])) return res;
    for (let k = 0; k < n; k++) {
      for (let sgn = 0; sgn < 2; sgn++) {
        const idx = 1 + k + sgn * n;
        const d = sgn === 0 ? gamma : -gamma;
        for (let j = 0; j < n; j++) sig[j] = s.x[j] + d * L[j * n + k];
        times[idx] = this.impactOf(sig, hits, 3 * idx);
        if (Number.isNaN(times[idx])) return res;
      }
    }
    // Tangent plane at the central impact.
    ecefToGeodetic(this.llh, hits);
    const site = createSite(this.llh[0], this.llh[1], 0);
    let me = 0, mn = 0, mt = 0;
    const ns = 2 * n + 1;
    const E = new Float64Array(ns), N = new Float64Array(ns);
    for (let i = 0; i < ns; i++) {
      this.enu[0] = hits[3 * i];
      this.enu[1] = hits[3 * i + 1];
      this.enu[2] = hits[3 * i + 2];
      ecefToEnu(this.enu, this.enu, site);
      E[i] = this.enu[0];
      N[i] = this.enu[1];
      const w = i === 0 ? wm0 : wi;
      me += w * E[i];
      mn += w * N[i];
      mt += w * times[i];
    }
    let cee = 0, cen = 0, cnn = 0;
    for (let i = 0; i < ns; i++) {
      const w = i === 0 ? wc0 : wi;
      const de = E[i] - me, dn = N[i] - mn;
      cee += w * de * de;
      cen += w * de * dn;
      cnn += w * dn * dn;
    }
    // PIP: the mean offset, put back on the ellipsoid.
    this.enu[0] = me;
    this.enu[1] = mn;
    this.enu[2] = 0;
    enuToEcef(this.enu, this.enu, site);
    ecefToGeodetic(this.llh, this.enu);
    res.lat = this.llh[0];
    res.lon = this.llh[1];
    // Re-project to altitude 0 along the normal: rebuild from lat/lon.
    const pip = createSite(res.lat, res.lon, 0);
    res.ecef.set(pip.ecef);
    res.timeToImpact = mt;
    res.time = s.t + mt;
    res.covEN[0] = cee;
    res.covEN[1] = cen;
    res.covEN[2] = cen;
    res.covEN[3] = cnn;
    res.ok = true;
    return res;
  }
}
