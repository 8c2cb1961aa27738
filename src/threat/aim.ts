/**
 * Aim-point solver: the steering (launch azimuth α, pitch-over angle δ, thrust cut-off t_c)
 * that puts the RV on a target with a chosen trajectory shape, with everything the flight
 * model includes (thrust, drag, J2, staging, Earth rotation, reentry drag).
 *
 * Shapes and how range is reduced for targets short of the maximum range:
 *  - `min-energy`: the burnout velocity satisfies the minimum-energy condition of the vacuum
 *    conic through the burnout point and the target — the inertial velocity bisects the angle
 *    between the local (geocentric) vertical and the chord to the target, which for equal
 *    radii is γ* = 45° − ψ/4 (Wheelon 1959; Regan & Anandakrishnan 1993, §2.4). Range is
 *    reduced by THRUST CUT-OFF (a liquid engine's shutdown; thrust termination for a solid).
 *  - `lofted` / `depressed` with `apogeeKm`: the apogee is held at the stated altitude and range
 *    is set by thrust cut-off; without an apogee, the full propellant is burnt and range is
 *    reduced by LOFTING (a steeper pitch-over than maximum range) or by depressing (flatter).
 *  - `burnout-angle`: the Earth-relative flight-path angle at burnout is fixed; range by cut-off.
 * Three residuals (downrange and crossrange miss at the target, the shape condition) in three
 * unknowns (two when the cut-off is fixed) are driven to zero by a damped Newton method with a
 * finite-difference Jacobian refreshed by Broyden updates. An unreachable target raises a
 * UserError that names the maximum range for that shape on that bearing.
 */
import { UserError } from '../errors.js';
import { WGS84, createSite, ecefToEnu, geodesicDirect, geodesicInverse, geodeticToEcef, type Site } from '../earth/index.js';
import { brentMinimize } from '../math/index.js';
import { flyMissile, type FlightResult, type Launch, type Steering } from './flight.js';
import type { Vehicle } from './vehicle.js';

export type Shape =
  | { type: 'min-energy' }
  | { type: 'lofted'; apogeeM?: number }
  | { type: 'depressed'; apogeeM?: number }
  | { type: 'burnout-angle'; angleRad: number };

export interface Target {
  lat: number;
  lon: number;
}

export interface AimResult {
  steering: Steering;
  /** The aimed flight, with its recorded trajectories. */
  flight: FlightResult;
  /** Distance from the impact to the target on the ellipsoid, m. */
  miss: number;
  /** Ground range launch → target, m (geodesic). */
  range: number;
  /** Flights the solver flew (a cost measure). */
  flights: number;
}

/** Aims until the impact is within this distance (m) of the target; the issue asks for 100 m. */
export const AIM_TOLERANCE_M = 1;

/** Earliest cut-off allowed after the pitch-over ends, s (the thrust must outlast the steering program). */
const MIN_POWERED_AFTER_PITCH_S = 2;

const maxRangeKickCache = new WeakMap<Vehicle, number>();

/** Pitch-over angle that maximises the full-burn range (launched due north from 40° N), cached per vehicle. */
export function maxRangeKick(v: Vehicle): number {
  const cached = maxRangeKickCache.get(v);
  if (cached !== undefined) return cached;
  const launch: Launch = { lat: (40 * Math.PI) / 180, lon: 0, h: 0, time: 0 };
  const m = brentMinimize(
    (k) => {
      const f = flyMissile(v, launch, { azimuth: 0, kick: k, cutoff: v.fullBurnout }, false);
      return -geodesicInverse(launch.lat, launch.lon, f.impactLat, f.impactLon).s;
    },
    0.01,
    1.2,
    1e-4,
  );
  maxRangeKickCache.set(v, m.x);
  return m.x;
}

function shapeLabel(shape: Shape): string {
  switch (shape.type) {
    case 'min-energy':
      return 'a minimum-energy trajectory';
    case 'lofted':
    case 'depressed':
      return shape.apogeeM !== undefined
        ? `a ${shape.type} trajectory with a ${(shape.apogeeM / 1000).toFixed(0)} km apogee`
        : `a ${shape.type} full-burn trajectory`;
    case 'burnout-angle':
      return `a ${((shape.angleRad * 180) / Math.PI).toFixed(1)}° burnout angle`;
  }
}

/** Everything the residual function needs, computed once per aim. */
class AimProblem {
  readonly targetSite: Site;
  readonly targetEcef = new Float64Array(3);
  readonly range: number;
  readonly bearing0: number;
  /** forward azimuth of the launch→target geodesic at the target */
  readonly arrivalAz: number;
  readonly freeCutoff: boolean;
  readonly tcMin: number;
  readonly tcMax: number;
  flights = 0;
  private readonly enu = new Float64Array(3);

  constructor(
    readonly v: Vehicle,
    readonly launch: Launch,
    readonly target: Target,
    readonly shape: Shape,
  ) {
    this.targetSite = createSite(target.lat, target.lon, 0);
    geodeticToEcef(this.targetEcef, target.lat, target.lon, 0);
    const g = geodesicInverse(launch.lat, launch.lon, target.lat, target.lon);
    this.range = g.s;
    this.bearing0 = g.azi1;
    this.arrivalAz = g.azi2;
    this.freeCutoff = !((shape.type === 'lofted' || shape.type === 'depressed') && shape.apogeeM === undefined);
    this.tcMax = v.fullBurnout;
    const lastStart = v.stageStart[v.stageStart.length - 1];
    this.tcMin = Math.max(v.verticalRise + v.pitchOver + MIN_POWERED_AFTER_PITCH_S, lastStart + MIN_POWERED_AFTER_PITCH_S);
  }

  steering(x: ArrayLike<number>): Steering {
    return { azimuth: x[0], kick: x[1], cutoff: this.freeCutoff ? x[2] : this.tcMax };
  }

  fly(x: ArrayLike<number>, record = false): FlightResult {
    this.flights++;
    return flyMissile(this.v, this.launch, this.steering(x), record);
  }

  /** Residuals (scaled: km, km, and mrad or km) of a flight. */
  residuals(f: FlightResult, out: Float64Array): Float64Array {
    // impact relative to the target in the target's ENU frame
    ecefToEnu(this.enu, f.impactEcef, this.targetSite);
    const e = this.enu[0], n = this.enu[1];
    const sa = Math.sin(this.arrivalAz), ca = Math.cos(this.arrivalAz);
    out[0] = (e * sa + n * ca) / 1000; // downrange overshoot, km
    out[1] = (e * ca - n * sa) / 1000; // crossrange (right of track), km
    if (this.freeCutoff) out[2] = this.shapeResidual(f);
    return out;
  }

  shapeResidual(f: FlightResult): number {
    const s = this.shape;
    if (s.type === 'burnout-angle') return (f.burnoutGamma - s.angleRad) * 1000; // mrad
    if (s.type === 'lofted' || s.type === 'depressed') return (f.apogeeAltitude - (s.apogeeM as number)) / 1000; // km
    // minimum energy: inertial velocity bisects the angle between the radial and the chord to the target
    const y = f.burnoutState;
    const th = WGS84.omega * f.impactTime;
    const c = Math.cos(th), sn = Math.sin(th);
    const tx = c * this.targetEcef[0] - sn * this.targetEcef[1];
    const ty = sn * this.targetEcef[0] + c * this.targetEcef[1];
    const tz = this.targetEcef[2];
    const r = Math.hypot(y[0], y[1], y[2]);
    const ux = y[0] / r, uy = y[1] / r, uz = y[2] / r;
    const cx = tx - y[0], cy = ty - y[1], cz = tz - y[2];
    const cl = Math.hypot(cx, cy, cz);
    const vl = Math.hypot(y[3], y[4], y[5]);
    const angChord = Math.acos(Math.max(-1, Math.min(1, (ux * cx + uy * cy + uz * cz) / cl)));
    const angVel = Math.acos(Math.max(-1, Math.min(1, (ux * y[3] + uy * y[4] + uz * y[5]) / vl)));
    return (angVel - angChord / 2) * 1000; // mrad
  }
}

/** Solves the linear system J d = −r for d (n ≤ 3) by Gaussian elimination with pivoting; false if singular. */
function solveSmall(J: Float64Array, r: Float64Array, n: number, d: Float64Array): boolean {
  const A = new Float64Array(n * (n + 1));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) A[i * (n + 1) + j] = J[i * n + j];
    A[i * (n + 1) + n] = -r[i];
  }
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i * (n + 1) + k]) > Math.abs(A[p * (n + 1) + k])) p = i;
    if (Math.abs(A[p * (n + 1) + k]) < 1e-300) return false;
    if (p !== k) for (let j = 0; j <= n; j++) [A[k * (n + 1) + j], A[p * (n + 1) + j]] = [A[p * (n + 1) + j], A[k * (n + 1) + j]];
    for (let i = k + 1; i < n; i++) {
      const f = A[i * (n + 1) + k] / A[k * (n + 1) + k];
      for (let j = k; j <= n; j++) A[i * (n + 1) + j] -= f * A[k * (n + 1) + j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = A[i * (n + 1) + n];
    for (let j = i + 1; j < n; j++) s -= A[i * (n + 1) + j] * d[j];
    d[i] = s / A[i * (n + 1) + i];
  }
  return true;
}

function norm2(r: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += r[i] * r[i];
  return s;
}

const FD_STEP = [1e-6, 1e-6, 1e-3];

interface NewtonOutcome {
  x: Float64Array;
  r: Float64Array;
  flight: FlightResult;
  converged: boolean;
  /** the Jacobian estimate at the end (n×n) */
  J?: Float64Array;
}

/**
 * Damped Newton with a finite-difference Jacobian and Broyden rank-one updates, x kept in
 * [lo, hi] componentwise. Converged when the impact is within AIM_TOLERANCE_M and the shape
 * residual below 1e-3 (mrad or km).
 */
function newton(p: AimProblem, x0: Float64Array, lo: Float64Array, hi: Float64Array, J0?: Float64Array, maxIter = 40): NewtonOutcome {
  const n = p.freeCutoff ? 3 : 2;
  const x = Float64Array.from(x0);
  const r = new Float64Array(3);
  const rNew = new Float64Array(3);
  const J = new Float64Array(n * n);
  if (J0 && J0.length === n * n) J.set(J0);
  const d = new Float64Array(n);
  const xNew = new Float64Array(3);
  let f = p.fly(x);
  p.residuals(f, r);
  let needJ = !(J0 && J0.length === n * n);
  let fresh = false;
  for (let it = 0; it < maxIter; it++) {
    const missM = Math.hypot(r[0], r[1]) * 1000;
    if (missM < AIM_TOLERANCE_M && (n === 2 || Math.abs(r[2]) < 1e-3)) return { x, r, flight: f, converged: true, J };
    if (needJ) {
      const rp = new Float64Array(3);
      for (let j = 0; j < n; j++) {
        const xs = Float64Array.from(x);
        let h = FD_STEP[j];
        if (xs[j] + h > hi[j]) h = -h;
        xs[j] += h;
        p.residuals(p.fly(xs), rp);
        for (let i = 0; i < n; i++) J[i * n + j] = (rp[i] - r[i]) / h;
      }
      needJ = false;
      fresh = true;
    }
    if (!solveSmall(J, r, n, d)) return { x, r, flight: f, converged: false };
    // backtracking line search on the merit |r|², respecting the bounds
    const m0 = norm2(r, n);
    let lambda = 1;
    let accepted = false;
    // a Broyden-updated Jacobian gets a short leash; a fresh finite-difference one a longer one
    const trials = fresh ? 10 : 3;
    for (let ls = 0; ls < trials; ls++) {
      for (let j = 0; j < n; j++) xNew[j] = Math.min(hi[j], Math.max(lo[j], x[j] + lambda * d[j]));
      if (n === 2) xNew[2] = x[2];
      const fNew = p.fly(xNew);
      p.residuals(fNew, rNew);
      if (norm2(rNew, n) < m0) {
        // Broyden update of J with the step actually taken
        const s = new Float64Array(n);
        let ss = 0;
        for (let j = 0; j < n; j++) {
          s[j] = xNew[j] - x[j];
          ss += s[j] * s[j];
        }
        if (ss > 0) {
          for (let i = 0; i < n; i++) {
            let js = 0;
            for (let j = 0; j < n; j++) js += J[i * n + j] * s[j];
            const k = (rNew[i] - r[i] - js) / ss;
            for (let j = 0; j < n; j++) J[i * n + j] += k * s[j];
          }
        }
        x.set(xNew);
        r.set(rNew);
        f = fNew;
        accepted = true;
        fresh = false;
        break;
      }
      lambda *= 0.5;
    }
    if (!accepted) {
      // a fresh Jacobian that cannot reduce the residual: a local minimum (unreachable target)
      if (fresh) return { x, r, flight: f, converged: false };
      needJ = true;
    }
  }
  const missM = Math.hypot(r[0], r[1]) * 1000;
  return { x, r, flight: f, converged: missM < AIM_TOLERANCE_M && (n === 2 || Math.abs(r[2]) < 1e-3) };
}

/**
 * Steering that lands the RV on the target with the given shape, and the recorded flight.
 * Throws a UserError when the target is out of reach (naming the maximum range for the shape
 * on that bearing) or too close for the steering program.
 */
export function aimMissile(v: Vehicle, launch: Launch, target: Target, shape: Shape): AimResult {
  const p = new AimProblem(v, launch, target, shape);
  if (p.range < 1000) throw new UserError({ where: 'target', message: `the target is ${(p.range / 1000).toFixed(1)} km from the launch point; a ballistic missile needs at least a few tens of km` });
  const kMax = maxRangeKick(v);
  const lo = new Float64Array([p.bearing0 - 0.5, 0.002, p.tcMin]);
  const hi = new Float64Array([p.bearing0 + 0.5, 1.5, p.tcMax]);
  const x0 = new Float64Array([p.bearing0, kMax, p.tcMax]);
  if (shape.type === 'lofted') {
    hi[1] = kMax;
    x0[1] = kMax * 0.6;
  } else if (shape.type === 'depressed') {
    lo[1] = kMax;
    x0[1] = Math.min(1.4, kMax * 1.5);
  }
  let J0: Float64Array | undefined;
  const guess = shape.type === 'min-energy' ? minEnergyGuess(v, p.range) : null;
  if (guess) {
    x0[0] = p.bearing0 + guess.dAz;
    x0[1] = Math.min(hi[1], Math.max(lo[1], guess.kick));
    x0[2] = Math.min(hi[2], Math.max(lo[2], guess.cutoff));
    J0 = guess.J;
  } else if (p.freeCutoff) {
    x0[2] = initialCutoff(p, x0, lo, hi);
  }
  const out = newton(p, x0, lo, hi, J0);
  if (!out.converged) {
    const atFull = !p.freeCutoff || out.x[2] >= p.tcMax - 1e-6;
    const overshoot = out.r[0] * 1000;
    if (atFull && overshoot < 0) {
      const max = maxRangeFor(v, launch, p.bearing0, shape);
      throw new UserError({
        where: 'target',
        message: `the target is ${(p.range / 1000).toFixed(0)} km away, beyond the ${v.id}'s maximum range of ${(max / 1000).toFixed(0)} km for ${shapeLabel(shape)} on this bearing`,
      });
    }
    if (p.freeCutoff && out.x[2] <= p.tcMin + 1e-6 && overshoot > 0) {
      throw new UserError({
        where: 'target',
        message: `the target is ${(p.range / 1000).toFixed(0)} km away, too close for the ${v.id} on ${shapeLabel(shape)} (its thrust cannot be cut earlier than ${p.tcMin.toFixed(0)} s)`,
      });
    }
    throw new UserError({
      where: 'target',
      message: `no ${shapeLabel(shape)} of the ${v.id} reaches this target (closest impact ${(Math.hypot(out.r[0], out.r[1])).toFixed(1)} km away); try another shape or apogee`,
    });
  }
  const flight = p.fly(out.x, true);
  const miss = geodesicInverse(flight.impactLat, flight.impactLon, target.lat, target.lon).s;
  return { steering: p.steering(out.x), flight, miss, range: p.range, flights: p.flights };
}

/**
 * Minimum-energy solutions of one vehicle at ranges from 5 % to 100 % of its maximum range
 * (launched due north from 40° N), with their Jacobians: the solver starts from the entry
 * nearest the target's range, so a typical aim needs a handful of flights instead of twenty.
 * Built once per vehicle (about 40 aims), then cached.
 */
interface GuessTable {
  range: number[];
  kick: number[];
  cutoff: number[];
  dAz: number[];
  J: Float64Array[];
}
const guessTables = new WeakMap<Vehicle, GuessTable>();

function minEnergyTable(v: Vehicle): GuessTable {
  const cached = guessTables.get(v);
  if (cached) return cached;
  const table: GuessTable = { range: [], kick: [], cutoff: [], dAz: [], J: [] };
  guessTables.set(v, table); // (empty while building: the aims below use the generic start)
  const launch: Launch = { lat: (40 * Math.PI) / 180, lon: 0, h: 0, time: 0 };
  const kMax = maxRangeKick(v);
  const full = flyMissile(v, launch, { azimuth: 0, kick: kMax, cutoff: v.fullBurnout }, false);
  const maxRange = geodesicInverse(launch.lat, launch.lon, full.impactLat, full.impactLon).s;
  let prev: Float64Array | null = null;
  let prevJ: Float64Array | undefined;
  for (let i = 20; i >= 1; i--) {
    const frac = i / 20 - 0.01;
    const tgt = geodesicDirect(launch.lat, launch.lon, 0, frac * maxRange);
    const p = new AimProblem(v, launch, { lat: tgt.lat, lon: tgt.lon }, { type: 'min-energy' });
    const lo = new Float64Array([p.bearing0 - 0.5, 0.002, p.tcMin]);
    const hi = new Float64Array([p.bearing0 + 0.5, 1.5, p.tcMax]);
    const x0 = prev ? Float64Array.from(prev) : new Float64Array([p.bearing0, kMax, p.tcMax]);
    if (!prev) x0[2] = initialCutoff(p, x0, lo, hi);
    const out = newton(p, x0, lo, hi, prevJ);
    if (!out.converged || !out.J) break; // too short for the steering program: the table ends here
    table.range.unshift(p.range);
    table.kick.unshift(out.x[1]);
    table.cutoff.unshift(out.x[2]);
    table.dAz.unshift(out.x[0] - p.bearing0);
    table.J.unshift(Float64Array.from(out.J));
    prev = out.x;
    prevJ = out.J;
  }
  return table;
}

/** Initial steering for a minimum-energy aim at `range` (m), or null when the table does not cover it. */
function minEnergyGuess(v: Vehicle, range: number): { kick: number; cutoff: number; dAz: number; J: Float64Array } | null {
  const t = minEnergyTable(v);
  const n = t.range.length;
  if (n < 2 || range < t.range[0] * 0.8) return null;
  let i = 0;
  while (i < n - 2 && t.range[i + 1] < range) i++;
  const f = Math.max(0, Math.min(1.2, (range - t.range[i]) / (t.range[i + 1] - t.range[i])));
  const near = f < 0.5 ? i : i + 1;
  return {
    kick: t.kick[i] + f * (t.kick[i + 1] - t.kick[i]),
    cutoff: t.cutoff[i] + f * (t.cutoff[i + 1] - t.cutoff[i]),
    dAz: 0,
    J: t.J[near],
  };
}

/**
 * A starting cut-off: secant iterations on the cut-off alone (other unknowns held) until
 * the downrange error is small, so Newton starts near the solution.
 */
function initialCutoff(p: AimProblem, x0: Float64Array, lo: Float64Array, hi: Float64Array): number {
  const r = new Float64Array(3);
  const x = Float64Array.from(x0);
  let t1 = hi[2];
  x[2] = t1;
  let e1 = p.residuals(p.fly(x), r)[0];
  if (e1 <= 0) return t1; // short even at full burn: Newton will report it
  let t0 = hi[2] - 0.25 * (hi[2] - lo[2]);
  x[2] = t0;
  let e0 = p.residuals(p.fly(x), r)[0];
  for (let i = 0; i < 4; i++) {
    if (Math.abs(e0) < 1 || e0 === e1) break;
    const t2 = Math.min(hi[2], Math.max(lo[2], t0 - (e0 * (t0 - t1)) / (e0 - e1)));
    t1 = t0;
    e1 = e0;
    t0 = t2;
    x[2] = t0;
    e0 = p.residuals(p.fly(x), r)[0];
  }
  return t0;
}

/**
 * Maximum ground range (m) of the vehicle from `launch` on the given bearing for a shape: the
 * full-burn flight that meets the shape condition (for lofted/depressed without an apogee and
 * for min-energy: the best pitch-over at full burn).
 */
export function maxRangeFor(v: Vehicle, launch: Launch, azimuth: number, shape: Shape): number {
  const rangeOf = (kick: number): number => {
    const f = flyMissile(v, launch, { azimuth, kick, cutoff: v.fullBurnout }, false);
    return geodesicInverse(launch.lat, launch.lon, f.impactLat, f.impactLon).s;
  };
  if (shape.type === 'min-energy' || ((shape.type === 'lofted' || shape.type === 'depressed') && shape.apogeeM === undefined)) {
    return -brentMinimize((k) => -rangeOf(k), 0.01, 1.2, 1e-4).fx;
  }
  // fixed apogee or burnout angle at full burn: find the pitch-over meeting the condition
  const kMax = maxRangeKick(v);
  const cond = (k: number): number => {
    const f = flyMissile(v, launch, { azimuth, kick: k, cutoff: v.fullBurnout }, false);
    return shape.type === 'burnout-angle' ? f.burnoutGamma - shape.angleRad : f.apogeeAltitude - (shape as { apogeeM: number }).apogeeM;
  };
  // lofted apogees lie on the steep side of the max-range pitch-over, depressed on the flat side
  let a = 0.01, b = 1.4;
  if (shape.type === 'lofted') b = kMax;
  if (shape.type === 'depressed') a = kMax;
  const fa = cond(a), fb = cond(b);
  if (fa * fb > 0) return 0; // the condition cannot be met at all with a full burn
  // bisection on the monotone condition (steeper pitch-over → lower apogee and burnout angle)
  for (let i = 0; i < 40; i++) {
    const m = 0.5 * (a + b);
    if (cond(m) * fa > 0) a = m;
    else b = m;
  }
  return rangeOf(0.5 * (a + b));
}
