/**
 * Launch windows and shoot–look–shoot for one threat and one battery.
 *
 * Intercept times t_I are scanned over the threat's predicted flight at `step` s (edges refined by
 * bisection to `edgeTol` s). An intercept at t_I is feasible when, with the PIP at ground range ρ
 * and altitude h from the battery (geometry.ts) and the position uncertainty σ(τ) at the
 * prediction horizon τ = t_I − now,
 *   min_alt + kσ ≤ h ≤ max_alt − kσ,   ρ ≤ max_range − kσ,   τ_f = fan(ρ, h) defined,
 *   τ_f ≤ max_time_of_flight,           t_L = t_I − τ_f ≥ now.
 * Uncertainty: the track's position error grows like that of a random-acceleration (white-noise
 * jerk-free) model, σ²(τ) = σ0² + q τ³/3 per axis (the continuous white-noise acceleration model,
 * Bar-Shalom, Li & Kirubarajan, "Estimation with Applications to Tracking and Navigation", Wiley
 * 2001, §6.2.2: position variance q τ³/3), and the battlespace is shrunk by k = 3 σ so the true
 * intercept point lies inside with high probability. With a perfect track σ0 = q = 0.
 *
 * The window is the set of launch times of feasible intercepts: first and last launch, earliest
 * and latest intercept (the feasible t_I may form several intervals; all are returned).
 * Shoot–look–shoot: the first shot is launched at the first launch time and intercepts at t_I1;
 * after the kill-assessment delay Δ_KA (the type's `kill_assessment_s`) a second shot fits when
 * some feasible intercept has t_L ≥ t_I1 + Δ_KA (the earliest such is reported).
 */
import type { FlyoutFan } from './fan.js';
import type { TargetTrack } from './flyout.js';
import { groundRange, radialHeight } from './geometry.js';
import { threatEcef, type Battery } from './intercept.js';
import type { InterceptorVehicle } from './interceptor-type.js';

export interface WindowOptions {
  /** Earliest time a launch may happen (the decision time), s since epoch. Default: tStart. */
  now?: number;
  /** Scan step over intercept times, s (default 1). */
  step?: number;
  /** Edge refinement tolerance, s (default 0.01). */
  edgeTol?: number;
  /** Position uncertainty at the decision time, m (1σ per axis; default 0). */
  sigma0?: number;
  /** Random-acceleration spectral density q, m²/s³ (default 0). */
  q?: number;
  /** Margin in σ (default 3). */
  kSigma?: number;
}

export interface Shot {
  launchTime: number;
  interceptTime: number;
  tof: number;
}

export interface LaunchWindow {
  /** true when at least one feasible intercept exists. */
  feasible: boolean;
  /** Why no shot exists (null when feasible). */
  noShot: string | null;
  firstLaunch: number;
  lastLaunch: number;
  earliestIntercept: number;
  latestIntercept: number;
  /** Feasible intercept-time intervals [t_a, t_b], s. */
  intervals: [number, number][];
  /** The first shot (launch at firstLaunch). */
  first: Shot | null;
  /** The second shot after kill assessment of the first, or null when it does not fit. */
  second: Shot | null;
  /** Kill-assessment delay used, s. */
  killAssessment: number;
}

const E = new Float64Array(3);
/** Failure codes of a single check, in order of the battlespace tests. */
export const CHECK_OK = 0, CHECK_BELOW = 1, CHECK_ABOVE = 2, CHECK_RANGE = 3, CHECK_FAN = 4, CHECK_TOF = 5, CHECK_LATE = 6;

/** The result of the last `checkIntercept` call (time of flight, s; NaN unless computed). */
export let lastTof = NaN;

/**
 * One feasibility check of an intercept at t_I (module comment): 0 when feasible, else the first
 * failing CHECK_* code. Allocation-free.
 */
export function checkIntercept(v: InterceptorVehicle, fan: FlyoutFan, b: Battery, track: TargetTrack, tI: number, now: number, sigma0 = 0, q = 0, k = 3): number {
  threatEcef(E, track, tI);
  const tau = tI - now;
  const sig = sigma0 > 0 || q > 0 ? Math.sqrt(sigma0 * sigma0 + (q * Math.max(tau, 0) ** 3) / 3) : 0;
  const m = k * sig;
  const h = radialHeight(E[0], E[1], E[2]);
  lastTof = NaN;
  if (h < v.minAltitude + m) return CHECK_BELOW;
  if (h > v.maxAltitude - m) return CHECK_ABOVE;
  const rho = groundRange(b.frame, E[0], E[1], E[2]);
  if (rho > v.maxRange - m) return CHECK_RANGE;
  const tof = fan.tofAt(rho, h);
  lastTof = tof;
  if (!(tof === tof)) return CHECK_FAN;
  if (tof > v.maxTof) return CHECK_TOF;
  if (tI - tof < now) return CHECK_LATE;
  return CHECK_OK;
}

/**
 * The launch window of `v` at battery `b` against the threat predicted by `track` over
 * [tStart, tEnd] (s since epoch; typically the threat's launch and impact times). Module comment
 * for the model. Allocates the result.
 */
export function launchWindow(v: InterceptorVehicle, fan: FlyoutFan, b: Battery, track: TargetTrack, tStart: number, tEnd: number, opts: WindowOptions = {}): LaunchWindow {
  const now = opts.now ?? tStart;
  const step = opts.step ?? 1;
  const tol = opts.edgeTol ?? 0.01;
  const s0 = opts.sigma0 ?? 0, q = opts.q ?? 0, k = opts.kSigma ?? 3;
  const ok = (t: number) => checkIntercept(v, fan, b, track, t, now, s0, q, k) === CHECK_OK;
  const intervals: [number, number][] = [];
  const seen = new Set<number>();
  let maxAlt = -Infinity, minRangeInBand = Infinity, anyLateOnly = false;
  let prevT = NaN, prevOk = false;
  const t0 = Math.max(tStart, now);
  const n = Math.max(1, Math.ceil((tEnd - t0) / step));
  for (let i = 0; i <= n; i++) {
    const t = Math.min(t0 + i * step, tEnd);
    const code = checkIntercept(v, fan, b, track, t, now, s0, q, k);
    seen.add(code);
    threatEcef(E, track, t);
    const h = radialHeight(E[0], E[1], E[2]);
    if (h > maxAlt) maxAlt = h;
    if (code !== CHECK_BELOW && code !== CHECK_ABOVE) minRangeInBand = Math.min(minRangeInBand, groundRange(b.frame, E[0], E[1], E[2]));
    if (code === CHECK_LATE) anyLateOnly = true;
    const isOk = code === CHECK_OK;
    if (i > 0 && isOk !== prevOk) {
      // refine the edge between prevT and t
      let lo = prevT, hi = t;
      while (hi - lo > tol) {
        const mid = 0.5 * (lo + hi);
        if (ok(mid) === prevOk) lo = mid;
        else hi = mid;
      }
      if (isOk) intervals.push([hi, NaN]);
      else intervals[intervals.length - 1][1] = lo;
    } else if (i === 0 && isOk) intervals.push([t, NaN]);
    prevT = t;
    prevOk = isOk;
  }
  if (intervals.length && !(intervals[intervals.length - 1][1] === intervals[intervals.length - 1][1])) intervals[intervals.length - 1][1] = prevT;
  const ka = v.killAssessment;
  if (!intervals.length) {
    let why: string;
    const km = (x: number) => (x / 1000).toFixed(0);
    if (!seen.has(CHECK_RANGE) && !seen.has(CHECK_FAN) && !seen.has(CHECK_TOF) && !seen.has(CHECK_LATE)) {
      why = seen.has(CHECK_ABOVE) && maxAlt > v.maxAltitude
        ? `above the battlespace: the threat is never between ${km(v.minAltitude)} and ${km(v.maxAltitude)} km altitude`
        : `below the battlespace: the threat's highest point (${km(maxAlt)} km) is under the ${v.id}'s floor of ${km(v.minAltitude)} km`;
      if (seen.has(CHECK_ABOVE) && seen.has(CHECK_BELOW) && maxAlt > v.maxAltitude) why = `the threat passes through the ${km(v.minAltitude)}–${km(v.maxAltitude)} km band between scan points; try a finer step`;
    } else if (!seen.has(CHECK_FAN) && !seen.has(CHECK_TOF) && !seen.has(CHECK_LATE)) {
      why = `out of range: inside the altitude band the threat comes no closer than ${km(minRangeInBand)} km, beyond the ${v.id}'s ${km(v.maxRange)} km`;
    } else if (anyLateOnly) {
      why = `too late: every reachable intercept would need a launch before t = ${now.toFixed(1)} s`;
    } else {
      why = `outside the fly-out fan: no fly-out of the ${v.id} reaches the threat within ${v.maxTof.toFixed(0)} s`;
    }
    return { feasible: false, noShot: why, firstLaunch: NaN, lastLaunch: NaN, earliestIntercept: NaN, latestIntercept: NaN, intervals, first: null, second: null, killAssessment: ka };
  }
  // launch times over the feasible intercepts (sampled at the scan step plus the edges)
  let first: Shot | null = null, last: Shot | null = null;
  const consider = (t: number): void => {
    if (checkIntercept(v, fan, b, track, t, now, s0, q, k) !== CHECK_OK) return;
    const tof = lastTof;
    const tl = t - tof;
    if (!first || tl < first.launchTime) first = { launchTime: tl, interceptTime: t, tof };
    if (!last || tl > last.launchTime) last = { launchTime: tl, interceptTime: t, tof };
  };
  for (const [a, z] of intervals) {
    consider(a);
    for (let t = a + step; t < z; t += step) consider(t);
    consider(z);
  }
  const f = first as unknown as Shot;
  const l = last as unknown as Shot;
  // shoot–look–shoot: earliest feasible intercept whose launch is after t_I1 + Δ_KA
  let second: Shot | null = null;
  const tReady = f.interceptTime + ka;
  if (l.launchTime >= tReady) {
    for (const [a, z] of intervals) {
      for (let t = a; t <= z + 1e-9 && !second; t = Math.min(t + step / 4, t === z ? Infinity : z)) {
        if (checkIntercept(v, fan, b, track, t, now, s0, q, k) === CHECK_OK && t - lastTof >= tReady) second = { launchTime: t - lastTof, interceptTime: t, tof: lastTof };
        if (t === z) break;
      }
      if (second) break;
    }
  }
  return {
    feasible: true,
    noShot: null,
    firstLaunch: f.launchTime,
    lastLaunch: l.launchTime,
    earliestIntercept: intervals[0][0],
    latestIntercept: intervals[intervals.length - 1][1],
    intervals,
    first: f,
    second,
    killAssessment: ka,
  };
}
