/**
 * Tracking performance metrics:
 * - χ² distribution function and quantiles (regularised incomplete gamma: series and Lentz continued
 *   fraction of Press, Teukolsky, Vetterling & Flannery, "Numerical Recipes", 3rd ed., 2007, §6.2;
 *   ln Γ by the Lanczos approximation, ibid. §6.1), used for gates and NEES bands;
 * - NEES ε = eᵀP⁻¹e and its two-sided 95 % band for N Monte Carlo runs, [χ²_{nN}(0.025), χ²_{nN}(0.975)]/N
 *   (Bar-Shalom, Li & Kirubarajan, "Estimation with Applications to Tracking and Navigation", 2001,
 *   §5.4.2, eqs. 5.4.2-5 to 5.4.2-8);
 * - GOSPA with α = 2 (Rahmathullah, García-Fernández & Svensson, "Generalized optimal sub-pattern
 *   assignment metric", FUSION 2017, Proposition 1: with α = 2 it is the optimal assignment of
 *   min(d, c)^p plus c^p/2 per missed or false object) and OSPA (Schuhmacher, Vo & Vo, "A consistent
 *   metric for performance evaluation of multi-object filters", IEEE Trans. Signal Processing 56(8),
 *   2008, eq. 3), both on 3-D ECEF positions in metres;
 * - a time-series scorer over truth and track rows: truth interpolated to each track time, GOSPA per
 *   time, RMSE over GOSPA-localised pairs, truths tracked, track breaks, purity.
 *
 * Defaults for ballistic tracking: c = 1000 m (larger than a converged radar track's error, a few
 * hundred m at 500 km range with mrad angles, yet smaller than typical spacing between objects of a
 * raid, so an assignment farther than 1 km is better called a miss plus a false track), p = 2, α = 2.
 */
import { brent, cholesky } from '../math/index.js';
import { LinearAssignment } from './assign.js';

// ---------------------------------------------------------------------------------------------
// χ² distribution

// Lanczos coefficients g = 5, n = 6 (Numerical Recipes 2nd ed. §6.1, gammln; relative error < 2e-10).
const LANCZOS = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];

/** ln Γ(x) for x > 0 (Lanczos, Numerical Recipes §6.1). */
export function logGamma(x: number): number {
  let y = x;
  const tmp0 = x + 5.5;
  const tmp = tmp0 - (x + 0.5) * Math.log(tmp0);
  let ser = 1.000000000190015;
  for (let j = 0; j < 6; j++) ser += LANCZOS[j] / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** Regularised lower incomplete gamma P(a, x), a > 0, x ≥ 0 (Numerical Recipes §6.2). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const gln = logGamma(a);
  if (x < a + 1) {
    // Series: P = e^{−x} x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n)).
    let ap = a, sum = 1 / a, del = sum;
    for (let n = 0; n < 10000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  // Continued fraction for Q = 1 − P (modified Lentz).
  const FPMIN = 1e-300;
  let b = x + 1 - a, c = 1 / FPMIN, d = 1 / b, h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** χ² cumulative distribution function with k degrees of freedom at x: P(k/2, x/2). */
export function chi2Cdf(x: number, k: number): number {
  return gammaP(0.5 * k, 0.5 * x);
}

/** The p-quantile of χ² with k degrees of freedom (0 < p < 1), by Brent's method on chi2Cdf. */
export function chi2Quantile(p: number, k: number): number {
  if (!(p > 0 && p < 1) || !(k > 0)) throw new RangeError(`chi2Quantile: need 0 < p < 1 and k > 0, got p=${p}, k=${k}`);
  let hi = Math.max(1, k);
  while (chi2Cdf(hi, k) < p) hi *= 2;
  return brent((x) => chi2Cdf(x, k) - p, 0, hi, 1e-12 * hi);
}

/** Two-sided (1 − 2·tail) band of the average NEES of an n-state over N runs (Bar-Shalom et al. §5.4.2). */
export function neesBand(n: number, runs: number, prob = 0.95): [number, number] {
  const tail = 0.5 * (1 - prob);
  const dof = n * runs;
  return [chi2Quantile(tail, dof) / runs, chi2Quantile(1 - tail, dof) / runs];
}

const neesE = new Float64Array(16);
const neesL = new Float64Array(256);
const neesW = new Float64Array(16);

/**
 * Normalised estimation error squared ε = (x − x_true)ᵀ P⁻¹ (x − x_true) over the first n elements
 * (n ≤ 16; P is n×n row-major). NaN when P is not positive definite. Allocates nothing.
 */
export function nees(x: ArrayLike<number>, xTrue: ArrayLike<number>, P: Float64Array, n: number): number {
  for (let i = 0; i < n; i++) neesE[i] = x[i] - xTrue[i];
  if (!cholesky(neesL, P, n)) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let v = neesE[i];
    for (let k = 0; k < i; k++) v -= neesL[i * n + k] * neesW[k];
    neesW[i] = v / neesL[i * n + i];
    s += neesW[i] * neesW[i];
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// GOSPA / OSPA

export interface GospaResult {
  /** The GOSPA distance, m. */
  value: number;
  /** Σ d^p over localised pairs (d < c), m^p. */
  localisation: number;
  /** Truths not localised. */
  missed: number;
  /** Estimates not localised. */
  false: number;
  /** For each truth i, the estimate index it is localised with (d < c), or −1. */
  truthToEstimate: Int32Array;
  /** For each localised truth, its distance (m); NaN otherwise. */
  distance: Float64Array;
}

const gospaAssign = new LinearAssignment();

function pairDistances(X: ArrayLike<number>, nx: number, Y: ArrayLike<number>, ny: number, strideX: number, strideY: number): Float64Array {
  const D = new Float64Array(nx * ny);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const dx = X[i * strideX] - Y[j * strideY];
      const dy = X[i * strideX + 1] - Y[j * strideY + 1];
      const dz = X[i * strideX + 2] - Y[j * strideY + 2];
      D[i * ny + j] = Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return D;
}

/**
 * GOSPA (α = 2) between truth positions X (nx points, 3-D, element i at X[i·strideX..]) and estimates
 * Y (ny points, stride strideY), cut-off c (m), order p ≥ 1. Rahmathullah et al. 2017, Prop. 1:
 * d = (min_γ Σ_{(i,j)∈γ} d(x_i, y_j)^p + c^p/2·(nx + ny − 2|γ|))^{1/p} over assignments γ with d < c,
 * computed as the optimal assignment of min(d, c)^p (an assigned pair at distance ≥ c costs c^p =
 * one miss plus one false estimate).
 */
export function gospa(X: ArrayLike<number>, nx: number, Y: ArrayLike<number>, ny: number, c = 1000, p = 2, strideX = 3, strideY = 3): GospaResult {
  const truthToEstimate = new Int32Array(nx).fill(-1);
  const distance = new Float64Array(nx).fill(NaN);
  const cp = Math.pow(c, p);
  let loc = 0, nLoc = 0;
  if (nx > 0 && ny > 0) {
    const D = pairDistances(X, nx, Y, ny, strideX, strideY);
    const C = new Float64Array(nx * ny);
    for (let k = 0; k < nx * ny; k++) C[k] = D[k] < c ? Math.pow(D[k], p) : cp;
    const rowToCol = new Int32Array(nx);
    gospaAssign.solve(C, nx, ny, rowToCol);
    for (let i = 0; i < nx; i++) {
      const j = rowToCol[i];
      if (j >= 0 && D[i * ny + j] < c) {
        truthToEstimate[i] = j;
        distance[i] = D[i * ny + j];
        loc += Math.pow(D[i * ny + j], p);
        nLoc++;
      }
    }
  }
  const missed = nx - nLoc, falseN = ny - nLoc;
  const value = Math.pow(loc + 0.5 * cp * (missed + falseN), 1 / p);
  return { value, localisation: loc, missed, false: falseN, truthToEstimate, distance };
}

/**
 * OSPA (Schuhmacher, Vo & Vo 2008, eq. 3) between X (nx) and Y (ny) 3-D points, cut-off c (m),
 * order p: with m = min, n = max, (1/n · (min_π Σ min(d, c)^p + c^p (n − m)))^{1/p}; 0 when both
 * are empty, c when exactly one is.
 */
export function ospa(X: ArrayLike<number>, nx: number, Y: ArrayLike<number>, ny: number, c = 1000, p = 2, strideX = 3, strideY = 3): number {
  if (nx === 0 && ny === 0) return 0;
  if (nx === 0 || ny === 0) return c;
  const D = pairDistances(X, nx, Y, ny, strideX, strideY);
  const cp = Math.pow(c, p);
  for (let k = 0; k < nx * ny; k++) D[k] = D[k] < c ? Math.pow(D[k], p) : cp;
  const rowToCol = new Int32Array(nx);
  const total = gospaAssign.solve(D, nx, ny, rowToCol);
  const n = Math.max(nx, ny), m = Math.min(nx, ny);
  return Math.pow((total + cp * (n - m)) / n, 1 / p);
}

// ---------------------------------------------------------------------------------------------
// Time-series scoring

/** A state row: time (s), object or track id, ECEF state [x, y, z, vx, vy, vz] (m, m/s). */
export interface StateRow {
  time: number;
  id: string | number;
  state: ArrayLike<number>;
}

export interface ScoreOptions {
  /** GOSPA cut-off, m (default 1000). */
  c?: number;
  /** GOSPA order (default 2). */
  p?: number;
}

export interface ScoreResult {
  /** Mean of GOSPA over the scored times, m. */
  gospa_mean: number;
  /** RMS position error over GOSPA-localised (truth, track) pairs, m. */
  rmse_position_m: number;
  /** RMS velocity error over the same pairs, m/s. */
  rmse_velocity_mps: number;
  /** Distinct track ids. */
  tracks: number;
  /** Distinct truth objects. */
  truths: number;
  /** Truths localised by some track at ≥ 1 scored time. */
  truths_tracked: number;
  /** Number of times a truth's localising track id changes from one localised time to the next. */
  breaks: number;
  /** Mean over tracks of the fraction of its localised times spent on its majority truth. */
  purity: number;
  /** Number of distinct track times scored. */
  times: number;
  /** Mean missed truths and false tracks per scored time. */
  missed_mean: number;
  false_mean: number;
}

interface TruthSeries {
  id: string | number;
  t: Float64Array;
  s: Float64Array; // 6 per sample
}

/**
 * Interpolates a truth series at time t by cubic Hermite on position with the sampled velocities
 * (velocity from the Hermite derivative); false when t is outside the sampled span.
 */
function truthAt(ts: TruthSeries, t: number, out: Float64Array): boolean {
  const T = ts.t, n = T.length;
  if (n === 0 || t < T[0] || t > T[n - 1]) return false;
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (T[mid] <= t) lo = mid;
    else hi = mid;
  }
  if (T[lo] === t || n === 1) {
    for (let k = 0; k < 6; k++) out[k] = ts.s[lo * 6 + k];
    return true;
  }
  if (T[hi] === t) {
    for (let k = 0; k < 6; k++) out[k] = ts.s[hi * 6 + k];
    return true;
  }
  const h = T[hi] - T[lo];
  const u = (t - T[lo]) / h;
  const u2 = u * u, u3 = u2 * u;
  const h00 = 2 * u3 - 3 * u2 + 1, h10 = u3 - 2 * u2 + u, h01 = -2 * u3 + 3 * u2, h11 = u3 - u2;
  const d00 = (6 * u2 - 6 * u) / h, d10 = 3 * u2 - 4 * u + 1, d01 = (-6 * u2 + 6 * u) / h, d11 = 3 * u2 - 2 * u;
  const a = lo * 6, b = hi * 6, s = ts.s;
  for (let k = 0; k < 3; k++) {
    const p0 = s[a + k], v0 = s[a + 3 + k], p1 = s[b + k], v1 = s[b + 3 + k];
    out[k] = h00 * p0 + h10 * h * v0 + h01 * p1 + h11 * h * v1;
    out[3 + k] = d00 * p0 + d10 * v0 + d01 * p1 + d11 * v1;
  }
  return true;
}

/**
 * Scores track rows against truth rows. Times: every distinct track row time is scored; the truth
 * set there is every object whose sampled span contains that time, interpolated to it (cubic
 * Hermite in position and velocity); the estimate set is the track rows at exactly that time.
 * Truth and track rows may come in any order.
 */
export function scoreTracks(truth: readonly StateRow[], tracks: readonly StateRow[], opts: ScoreOptions = {}): ScoreResult {
  const c = opts.c ?? 1000, p = opts.p ?? 2;
  // Truth series per object, sorted by time.
  const byObj = new Map<string | number, StateRow[]>();
  for (const r of truth) {
    let a = byObj.get(r.id);
    if (!a) byObj.set(r.id, (a = []));
    a.push(r);
  }
  const series: TruthSeries[] = [];
  for (const [id, rows] of byObj) {
    rows.sort((x, y) => x.time - y.time);
    const t = new Float64Array(rows.length), s = new Float64Array(rows.length * 6);
    rows.forEach((r, i) => {
      t[i] = r.time;
      for (let k = 0; k < 6; k++) s[i * 6 + k] = r.state[k];
    });
    series.push({ id, t, s });
  }
  // Track rows grouped by time.
  const byTime = new Map<number, StateRow[]>();
  const trackIds = new Set<string | number>();
  for (const r of tracks) {
    let a = byTime.get(r.time);
    if (!a) byTime.set(r.time, (a = []));
    a.push(r);
    trackIds.add(r.id);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const lastTrack = new Map<string | number, string | number>(); // truth → last localising track
  const counts = new Map<string | number, Map<string | number, number>>(); // track → truth → count
  const tracked = new Set<string | number>();
  let gSum = 0, missSum = 0, falseSum = 0, se2 = 0, sv2 = 0, nPairs = 0, breaks = 0;
  const tmp = new Float64Array(6);
  for (const t of times) {
    const est = byTime.get(t) as StateRow[];
    const X: number[] = [];
    const Xid: (string | number)[] = [];
    for (const ser of series) {
      if (truthAt(ser, t, tmp)) {
        for (let k = 0; k < 6; k++) X.push(tmp[k]);
        Xid.push(ser.id);
      }
    }
    const Y = new Float64Array(est.length * 6);
    est.forEach((r, j) => {
      for (let k = 0; k < 6; k++) Y[j * 6 + k] = r.state[k];
    });
    const g = gospa(X, Xid.length, Y, est.length, c, p, 6, 6);
    gSum += g.value;
    missSum += g.missed;
    falseSum += g.false;
    for (let i = 0; i < Xid.length; i++) {
      const j = g.truthToEstimate[i];
      if (j < 0) continue;
      const tid = est[j].id;
      tracked.add(Xid[i]);
      const prev = lastTrack.get(Xid[i]);
      if (prev !== undefined && prev !== tid) breaks++;
      lastTrack.set(Xid[i], tid);
      let m = counts.get(tid);
      if (!m) counts.set(tid, (m = new Map()));
      m.set(Xid[i], (m.get(Xid[i]) ?? 0) + 1);
      for (let k = 0; k < 3; k++) {
        const dp = X[i * 6 + k] - Y[j * 6 + k];
        const dv = X[i * 6 + 3 + k] - Y[j * 6 + 3 + k];
        se2 += dp * dp;
        sv2 += dv * dv;
      }
      nPairs++;
    }
  }
  let puritySum = 0;
  for (const m of counts.values()) {
    let tot = 0, best = 0;
    for (const v of m.values()) {
      tot += v;
      if (v > best) best = v;
    }
    puritySum += best / tot;
  }
  const nt = times.length;
  return {
    gospa_mean: nt ? gSum / nt : 0,
    rmse_position_m: nPairs ? Math.sqrt(se2 / nPairs) : NaN,
    rmse_velocity_mps: nPairs ? Math.sqrt(sv2 / nPairs) : NaN,
    tracks: trackIds.size,
    truths: series.length,
    truths_tracked: tracked.size,
    breaks,
    purity: counts.size ? puritySum / counts.size : NaN,
    times: nt,
    missed_mean: nt ? missSum / nt : 0,
    false_mean: nt ? falseSum / nt : 0,
  };
}
