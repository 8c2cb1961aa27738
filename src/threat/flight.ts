/**
 * Three-degree-of-freedom flight of a ballistic missile from lift-off to impact on the WGS84
 * ellipsoid, in the ECI frame of DESIGN.md (ECEF frozen at scenario t = 0).
 *
 * Forces (per unit mass):
 *   a = g_J2(r) + (F(h) û − ½ ρ(h) |v_rel|² C_d(M) A v̂_rel) / m(t)
 * with v_rel = v − ω×r the velocity relative to the co-rotating atmosphere, ρ and the speed
 * of sound from the U.S. Standard Atmosphere 1976, thrust F(h) = F_vac − (F_vac − F_sl) p(h)/p0
 * (the standard nozzle pressure correction, Sutton & Biblarz, Rocket Propulsion Elements,
 * 8th ed., eq. 3-35), constant mass flow per stage.
 *
 * Steering (a documented program, not a guidance law):
 *   1. vertical rise for `vertical_rise_s` (thrust along the local geodetic vertical);
 *   2. programmed pitch-over for `pitch_over_s`: the thrust tilts at a constant rate from the
 *      vertical to the angle `kick` from the vertical, towards the launch azimuth;
 *   3. zero-angle-of-attack gravity turn: thrust along v_rel until thrust ends.
 * Thrust ends at the last stage's burnout or earlier at `cutoff` (thrust termination, the
 * range-reduction method for targets short of the maximum range, see aim.ts).
 *
 * After thrust ends, each object (the RV, and the spent last stage when the RV separates)
 * flies ballistically: with drag below `ATMOSPHERE_EDGE_M` (fixed-step RK4), as a Kepler conic
 * above it (coast.ts, O(1) in flight time), with drag again from the reentry crossing down to
 * the ellipsoid, where the impact instant is found between steps (Brent on the interpolated
 * altitude) — no step-size artefact.
 *
 * Fixed-step RK4 with steps aligned to every phase boundary is used instead of an adaptive
 * method so that the impact point is a smooth function of the steering parameters: the aim
 * solver differentiates it numerically, and an adaptive step count would make that derivative
 * jump. Step sizes below were checked against much finer steps (test/threat/flight.test.ts).
 */
import { WGS84, ecefToGeodetic, geodeticToEcef, gravityJ2, ecefToEciPos, radialHeight, tiltedVertical } from '../earth/index.js';
import { atmosphereFast, type AtmosphereState } from '../atmosphere/index.js';
import { Rk4, brent, keplerPropagate } from '../math/index.js';
import type { Deriv } from '../math/index.js';
import { ATMOSPHERE_EDGE_M, timeToAltitudeDescending, timeToApoapsis } from './coast.js';
import { TrajectoryBuilder, type Trajectory } from './trajectory.js';
import { P0, type CdTable, type Vehicle } from './vehicle.js';

/** RK4 step during powered flight, s. */
export let BOOST_STEP_S = 0.5;
/** RK4 step for drag-affected ballistic flight (ascent below the edge and reentry), s. */
export let ATMOSPHERIC_STEP_S = 0.5;
/** For convergence tests only: sets the RK4 steps. */
export function setStepSizes(boost: number, atmospheric: number): void {
  BOOST_STEP_S = boost;
  ATMOSPHERIC_STEP_S = atmospheric;
}

const OMEGA = WGS84.omega;

/** The free parameters of the steering program. */
export interface Steering {
  /** Launch azimuth, rad clockwise from north. */
  azimuth: number;
  /** Angle from the vertical reached at the end of the pitch-over, rad. */
  kick: number;
  /** Thrust termination, s after lift-off (≤ the vehicle's full burnout). */
  cutoff: number;
}

/** A launch point on the ellipsoid and the scenario time of lift-off. */
export interface Launch {
  lat: number;
  lon: number;
  h: number;
  /** s since the scenario epoch */
  time: number;
}

/** What a flight reports besides its trajectories; all in SI, times in scenario seconds. */
export interface FlightSummary {
  /** State at thrust end (ECI). */
  burnoutTime: number;
  burnoutState: Float64Array;
  burnoutAltitude: number;
  /** Earth-relative speed and flight-path angle above the local horizontal at burnout. */
  burnoutSpeed: number;
  burnoutGamma: number;
  /** Impact of the RV (or the whole body): time, ECEF position, geodetic lat/lon (rad). */
  impactTime: number;
  impactEcef: Float64Array;
  impactLat: number;
  impactLon: number;
  /** Highest geodetic altitude of the RV and its time. */
  apogeeAltitude: number;
  apogeeTime: number;
  /** Largest Earth-relative speed after apogee below the atmosphere's edge. */
  reentrySpeedMax: number;
  /** Time of the descending crossing of the atmosphere's edge; NaN if the flight never left it. */
  reentryTime: number;
  /** true when the missile hit the ground while still under thrust (a degenerate steering). */
  crashed: boolean;
}

export interface FlightResult extends FlightSummary {
  rv: Trajectory;
  /** The spent last stage, when the RV separates. */
  booster: Trajectory | null;
}

/** A ballistic body: constant mass, drag from a Mach table and a reference area. */
interface Body {
  mass: number;
  area: number;
  cd: CdTable;
}

// ---------------------------------------------------------------------------------------------
// Module scratch (the flight code is synchronous and not re-entrant across these).
const scratchGeo = new Float64Array(3);
const scratchAtm: AtmosphereState = { temperature_k: 0, pressure_pa: 0, density_kg_m3: 0, speed_of_sound_mps: 0 };
const scratchG = new Float64Array(3);
const scratchDir = new Float64Array(3);
const scratchEcef = new Float64Array(3);
const yA = new Float64Array(6);
const yB = new Float64Array(6);
const yT = new Float64Array(6);
const dA = new Float64Array(6);
const dB = new Float64Array(6);
const rk4 = new Rk4(6);

/** Steering modes of the powered phases. */
const VERTICAL = 0, PITCH_OVER = 1, GRAVITY_TURN = 2;

/**
 * Derivative of powered flight. The integrator sets the phase (steering mode, burning stage,
 * mass at the segment start) before each segment, so a step that ends exactly on a phase
 * boundary uses the left limit there (deciding the phase from t would put the next phase's
 * thrust into the last RK4 stage and make the method first order).
 */
class PoweredDynamics {
  vehicle!: Vehicle;
  launchTime = 0;
  sinAz = 0;
  cosAz = 1;
  kick = 0;
  mode = VERTICAL;
  /** burning stage index, −1 when no stage burns */
  stage = -1;
  /** mass at segStart (flight time) and its rate of change */
  segStart = 0;
  segMass = 0;
  segMdot = 0;
  readonly f: Deriv = (t, y, dydt) => this.eval(t, y, dydt);

  eval(t: number, y: Float64Array, dydt: Float64Array): void {
    const v = this.vehicle;
    const tf = t - this.launchTime;
    const rx = y[0], ry = y[1];
    // velocity relative to the co-rotating atmosphere: v − ω×r, ω = (0, 0, Ω)
    const wx = y[3] + OMEGA * ry;
    const wy = y[4] - OMEGA * rx;
    const wz = y[5];
    const vrel = Math.sqrt(wx * wx + wy * wy + wz * wz);
    const h = fastAltitude(rx, ry, y[2]);
    atmosphereFast(h, scratchAtm);
    const rho = scratchAtm.density_kg_m3;
    const mach = vrel / scratchAtm.speed_of_sound_mps;
    const mass = this.segMass - this.segMdot * (tf - this.segStart);
    gravityJ2(scratchG, y);
    let ax = scratchG[0], ay = scratchG[1], az = scratchG[2];
    // drag
    if (vrel > 0 && rho > 0) {
      const k = (0.5 * rho * vrel * v.boostCd.at(mach) * v.boostArea) / mass;
      ax -= k * wx;
      ay -= k * wy;
      az -= k * wz;
    }
    // thrust
    if (this.stage >= 0) {
      const s = v.stages[this.stage];
      const thrust = s.thrustVac - ((s.thrustVac - s.thrustSl) * scratchAtm.pressure_pa) / P0;
      let ux: number, uy: number, uz: number;
      if (this.mode === GRAVITY_TURN && vrel > 0) {
        ux = wx / vrel;
        uy = wy / vrel;
        uz = wz / vrel;
      } else {
        // vertical rise (tilt 0), or the pitch-over tilting at a constant rate towards the azimuth
        const tilt = this.mode === PITCH_OVER ? (this.kick * (tf - v.verticalRise)) / v.pitchOver : 0;
        tiltedVertical(scratchDir, y, this.sinAz, this.cosAz, tilt);
        ux = scratchDir[0];
        uy = scratchDir[1];
        uz = scratchDir[2];
      }
      const am = thrust / mass;
      ax += am * ux;
      ay += am * uy;
      az += am * uz;
    }
    dydt[0] = y[3];
    dydt[1] = y[4];
    dydt[2] = y[5];
    dydt[3] = ax;
    dydt[4] = ay;
    dydt[5] = az;
  }

  /** Sets the phase for the powered segment [a, b] (flight times). */
  setSegment(a: number, b: number, cutoff: number): void {
    const v = this.vehicle;
    const mid = 0.5 * (a + b);
    this.mode = mid < v.verticalRise ? VERTICAL : mid < v.verticalRise + v.pitchOver ? PITCH_OVER : GRAVITY_TURN;
    this.stage = -1;
    const n = v.stages.length;
    for (let i = 0; i < n; i++) {
      const end = i === n - 1 ? Math.min(v.stageEnd[i], cutoff) : v.stageEnd[i];
      if (mid >= v.stageStart[i] && mid < end) this.stage = i;
    }
    this.segMdot = this.stage >= 0 ? v.stages[this.stage].mdot : 0;
    this.segStart = a;
    this.segMass = v.massAt(mid, cutoff) + this.segMdot * (mid - a);
  }
}

/** Derivative of unpowered flight of a body with drag. */
class BallisticDynamics {
  body!: Body;
  readonly f: Deriv = (t, y, dydt) => this.eval(t, y, dydt);
  eval(_t: number, y: Float64Array, dydt: Float64Array): void {
    const wx = y[3] + OMEGA * y[1];
    const wy = y[4] - OMEGA * y[0];
    const wz = y[5];
    const vrel = Math.sqrt(wx * wx + wy * wy + wz * wz);
    const h = fastAltitude(y[0], y[1], y[2]);
    gravityJ2(scratchG, y);
    let ax = scratchG[0], ay = scratchG[1], az = scratchG[2];
    if (h < ATMOSPHERE_EDGE_M * 1.5 && vrel > 0) {
      atmosphereFast(h, scratchAtm);
      const rho = scratchAtm.density_kg_m3;
      const b = this.body;
      const k = (0.5 * rho * vrel * b.cd.at(vrel / scratchAtm.speed_of_sound_mps) * b.area) / b.mass;
      ax -= k * wx;
      ay -= k * wy;
      az -= k * wz;
    }
    dydt[0] = y[3];
    dydt[1] = y[4];
    dydt[2] = y[5];
    dydt[3] = ax;
    dydt[4] = ay;
    dydt[5] = az;
  }
}

const powered = new PoweredDynamics();
const ballistic = new BallisticDynamics();

/** The radial height (src/earth): within 1 cm of the geodetic height below 200 km, much cheaper. */
const fastAltitude = radialHeight;

/** For tests: the radial height used by the dynamics. */
export function radialAltitude(r: ArrayLike<number>): number {
  return radialHeight(r[0], r[1], r[2]);
}

/**
 * Altitude of an ECI (or ECEF) position for the flight's own decisions (impact, the edge of the
 * atmosphere, apogee): the radial height, within 1 cm of the geodetic one below 200 km (see
 * fastAltitude), at a fraction of the cost of the closed-form geodetic conversion.
 */
function altitudeOf(y: ArrayLike<number>): number {
  return fastAltitude(y[0], y[1], y[2]);
}

/** Earth-relative speed and flight-path angle (above the local geodetic horizontal) of an ECI state. */
export function relativeSpeedAndGamma(y: ArrayLike<number>): { speed: number; gamma: number } {
  const wx = y[3] + OMEGA * y[1];
  const wy = y[4] - OMEGA * y[0];
  const wz = y[5];
  const speed = Math.sqrt(wx * wx + wy * wy + wz * wz);
  ecefToGeodetic(scratchGeo, y);
  const lat = scratchGeo[0], lon = scratchGeo[1];
  const up = Math.cos(lat) * Math.cos(lon) * wx + Math.cos(lat) * Math.sin(lon) * wy + Math.sin(lat) * wz;
  return { speed, gamma: Math.asin(Math.max(-1, Math.min(1, up / speed))) };
}

/**
 * Flies a missile with the given steering from lift-off to impact. With `record` false only
 * the summary is computed (the aim solver's inner loop); otherwise the RV's (and booster's)
 * time-tagged trajectories are kept.
 */
export function flyMissile(vehicle: Vehicle, launch: Launch, steering: Steering, record = true): FlightResult {
  const cutoff = Math.min(steering.cutoff, vehicle.fullBurnout);
  const t0 = launch.time;
  // --- initial state: on the pad, turning with the Earth
  geodeticToEcef(scratchEcef, launch.lat, launch.lon, launch.h);
  const y = yA;
  ecefToEciPos(y, scratchEcef, t0);
  y[3] = -OMEGA * y[1];
  y[4] = OMEGA * y[0];
  y[5] = 0;

  powered.vehicle = vehicle;
  powered.launchTime = t0;
  powered.sinAz = Math.sin(steering.azimuth);
  powered.cosAz = Math.cos(steering.azimuth);
  powered.kick = steering.kick;

  const rec = record ? new TrajectoryBuilder(vehicle.rvSeparates ? 'rv' : 'missile') : null;
  rec?.event('launch', t0);

  // --- powered flight: RK4 between phase boundaries (flight times)
  const bounds = poweredBoundaries(vehicle, cutoff);
  let tf = 0;
  for (let k = 0; k < bounds.length; k += 2) {
    const tEnd = bounds[k];
    const nominalLen = bounds[k + 1];
    const len = tEnd - tf;
    if (len <= 0) continue;
    // step count from the nominal segment length, so it does not change as the cut-off moves
    const nSteps = Math.max(1, Math.ceil(nominalLen / BOOST_STEP_S - 1e-9));
    const h = len / nSteps;
    powered.setSegment(tf, tEnd, cutoff);
    rec?.sample(t0 + tf, y, powered.f);
    for (let i = 0; i < nSteps; i++) {
      const ts = t0 + tf + i * h;
      dA.set(y);
      rk4.step(powered.f, ts, y, h, y);
      if (altitudeOf(y) < 0) {
        // steered into the ground under thrust (a pitch-over far too flat): the flight ends there
        const tc = crashTime(powered.f, ts, dA, h);
        rk4.step(powered.f, ts, dA, tc - ts, y);
        rec?.sample(tc, y, powered.f);
        rec?.event('impact', tc);
        return crashed(vehicle, y, tc, rec);
      }
      rec?.sample(ts + h, y, powered.f);
    }
    tf = tEnd;
    if (rec) labelBoundary(rec, vehicle, tf, cutoff, t0);
  }
  const burnoutTime = t0 + cutoff;
  const burnoutState = Float64Array.from(y);
  const bo = relativeSpeedAndGamma(y);
  const burnoutAltitude = altitudeOf(y);

  // --- separation and ballistic flight of the RV (and of the spent stage)
  const stackMass = vehicle.massAt(cutoff, cutoff);
  const rvBody: Body = vehicle.rvSeparates
    ? { mass: vehicle.rvMass, area: vehicle.rvArea, cd: vehicle.rvCd }
    : { mass: stackMass, area: vehicle.rvArea, cd: vehicle.rvCd };
  let booster: Trajectory | null = null;
  let tSep = burnoutTime;
  const stack: Body = { mass: stackMass, area: vehicle.boosterArea, cd: vehicle.boosterCd };
  if (rec) {
    // right-limit acceleration at burnout: no thrust any more
    ballistic.body = vehicle.rvSeparates && vehicle.rvSeparationDelay > 0 ? stack : rvBody;
    rec.sample(burnoutTime, y, ballistic.f);
  }
  if (vehicle.rvSeparates && vehicle.rvSeparationDelay > 0) {
    // the stack coasts together until separation
    tSep = burnoutTime + vehicle.rvSeparationDelay;
    const out = ballisticFlight(y, burnoutTime, stack, tSep, rec, null);
    if (out.impacted) tSep = out.t; // (degenerate: impact before separation)
  }
  let boosterRec: TrajectoryBuilder | null = null;
  const sepState = Float64Array.from(y);
  if (vehicle.rvSeparates) {
    if (rec) {
      boosterRec = rec.fork('booster');
      boosterRec.event('separation', tSep);
    }
    rec?.event('separation', tSep);
    // RV pushed ahead along its velocity by the separation Δv
    const dv = vehicle.rvSeparationDv;
    if (dv > 0) {
      const vn = Math.hypot(y[3], y[4], y[5]);
      y[3] += (dv * y[3]) / vn;
      y[4] += (dv * y[4]) / vn;
      y[5] += (dv * y[5]) / vn;
      if (rec) {
        rec.breakSegment();
        ballistic.body = rvBody;
        rec.sample(tSep, y, ballistic.f);
      }
    }
  }
  const stats = { apogeeAlt: burnoutAltitude, apogeeTime: burnoutTime, vmax: 0, reentryTime: NaN };
  const out = ballisticFlight(y, tSep, rvBody, Infinity, rec, stats);
  const impactTime = out.t;
  // impact position in ECEF
  const impactEcef = new Float64Array(3);
  rotateToEcef(impactEcef, y, impactTime);
  ecefToGeodetic(scratchGeo, impactEcef);
  const impactLat = scratchGeo[0], impactLon = scratchGeo[1];
  rec?.event('impact', impactTime);

  if (boosterRec) {
    const bBody: Body = {
      mass: stackMass - vehicle.rvMass,
      area: vehicle.boosterArea,
      cd: vehicle.boosterCd,
    };
    const yb = Float64Array.from(sepState);
    const bo2 = ballisticFlight(yb, tSep, bBody, Infinity, boosterRec, null);
    boosterRec.event('impact', bo2.t);
    booster = boosterRec.build();
  }
  if (rec) {
    rec.event('apogee', stats.apogeeTime);
    if (Number.isFinite(stats.reentryTime)) rec.event('reentry', stats.reentryTime);
  }
  const rvTraj = rec ? rec.build() : (null as unknown as Trajectory);
  return {
    burnoutTime,
    burnoutState,
    burnoutAltitude,
    burnoutSpeed: bo.speed,
    burnoutGamma: bo.gamma,
    impactTime,
    impactEcef,
    impactLat,
    impactLon,
    apogeeAltitude: stats.apogeeAlt,
    apogeeTime: stats.apogeeTime,
    reentrySpeedMax: stats.vmax,
    reentryTime: stats.reentryTime,
    crashed: false,
    rv: rvTraj,
    booster,
  };
}

/** Instant in (t0, t0+h] at which an RK4 step from (t0, y0) reaches altitude 0. */
function crashTime(f: Deriv, t0: number, y0: Float64Array, h: number): number {
  return brent(
    (tt) => {
      if (tt === t0) return altitudeOf(y0);
      rk4.step(f, t0, y0, tt - t0, yT);
      return altitudeOf(yT);
    },
    t0,
    t0 + h,
    1e-9,
  );
}

/** The result of a flight that hit the ground while still under thrust. */
function crashed(vehicle: Vehicle, y: Float64Array, t: number, rec: TrajectoryBuilder | null): FlightResult {
  const impactEcef = new Float64Array(3);
  rotateToEcef(impactEcef, y, t);
  ecefToGeodetic(scratchGeo, impactEcef);
  const sg = relativeSpeedAndGamma(y);
  void vehicle;
  return {
    burnoutTime: t,
    burnoutState: Float64Array.from(y),
    burnoutAltitude: 0,
    burnoutSpeed: sg.speed,
    burnoutGamma: sg.gamma,
    impactTime: t,
    impactEcef,
    impactLat: scratchGeo[0],
    impactLon: scratchGeo[1],
    apogeeAltitude: 0,
    apogeeTime: t,
    reentrySpeedMax: 0,
    reentryTime: NaN,
    crashed: true,
    rv: rec ? rec.build() : (null as unknown as Trajectory),
    booster: null,
  };
}

/** ECI position → ECEF at scenario time t. */
function rotateToEcef(out: Float64Array, r: ArrayLike<number>, t: number): void {
  const th = OMEGA * t;
  const c = Math.cos(th), s = Math.sin(th);
  out[0] = c * r[0] + s * r[1];
  out[1] = -s * r[0] + c * r[1];
  out[2] = r[2];
}

/**
 * Boundaries of the powered phases as pairs (end flight time, nominal length of the segment
 * ending there). The last segment ends at the cut-off; its nominal length is that of the
 * full burn, so the number of steps does not jump as the cut-off moves.
 */
function poweredBoundaries(v: Vehicle, cutoff: number): number[] {
  const marks: number[] = [v.verticalRise, v.verticalRise + v.pitchOver];
  const n = v.stages.length;
  for (let i = 0; i < n; i++) {
    if (i > 0) marks.push(v.stageStart[i]);
    if (i < n - 1) marks.push(v.stageEnd[i]);
  }
  const sorted = [...new Set(marks)].filter((m) => m < cutoff).sort((a, b) => a - b);
  const out: number[] = [];
  let prev = 0;
  for (const m of sorted) {
    out.push(m, m - prev);
    prev = m;
  }
  out.push(cutoff, v.fullBurnout - prev);
  return out;
}

function labelBoundary(rec: TrajectoryBuilder, v: Vehicle, tf: number, cutoff: number, t0: number): void {
  const n = v.stages.length;
  if (tf === v.verticalRise) rec.event('pitch-over', t0 + tf);
  for (let i = 0; i < n; i++) {
    if (i > 0 && tf === v.stageStart[i]) rec.event(`stage-${i + 1}-ignition`, t0 + tf);
    if (i < n - 1 && tf === v.stageEnd[i]) rec.event(`stage-${i + 1}-burnout`, t0 + tf);
  }
  if (tf === cutoff) rec.event('burnout', t0 + tf);
}

interface BallisticStats {
  apogeeAlt: number;
  apogeeTime: number;
  vmax: number;
  reentryTime: number;
}

/**
 * Flies a body from state y (ECI, updated in place) at time t until impact on the ellipsoid
 * or until tStop. Returns the end time and whether it hit the ground.
 */
function ballisticFlight(
  y: Float64Array,
  t: number,
  body: Body,
  tStop: number,
  rec: TrajectoryBuilder | null,
  stats: BallisticStats | null,
): { t: number; impacted: boolean } {
  ballistic.body = body;
  let alt = altitudeOf(y);
  let descending = y[0] * y[3] + y[1] * y[4] + y[2] * y[5] < 0;
  let afterApogee = descending;
  let coastable = true;
  // a ballistic flight from a sub-orbital state ends within hours; 200,000 steps is a bug guard
  for (let guard = 0; guard < 200_000; guard++) {
    if (t >= tStop) return { t, impacted: false };
    if (coastable && alt >= ATMOSPHERE_EDGE_M && !(descending && alt < ATMOSPHERE_EDGE_M + 1e-3)) {
      // ---- Kepler coast down to the edge of the atmosphere
      const dtx = timeToAltitudeDescending(y, ATMOSPHERE_EDGE_M);
      if (!Number.isFinite(dtx)) {
        // a grazing or unbound conic: no Kepler shortcut, keep integrating (drag brings it down)
        coastable = false;
        continue;
      }
      const tApo = timeToApoapsis(y, WGS84.GM);
      if (stats && tApo <= dtx) {
        keplerPropagate(yT, y, tApo, WGS84.GM);
        const a = altitudeOf(yT);
        if (a > stats.apogeeAlt) {
          stats.apogeeAlt = a;
          stats.apogeeTime = t + tApo;
        }
      }
      const tEnd = Math.min(t + dtx, tStop);
      rec?.coast(t, y, tEnd);
      keplerPropagate(y, y, tEnd - t, WGS84.GM);
      t = tEnd;
      if (t >= tStop) return { t, impacted: false };
      alt = ATMOSPHERE_EDGE_M;
      descending = true;
      afterApogee = true;
      if (stats) stats.reentryTime = t;
      trackStats(stats, y, t, true);
      rec?.sample(t, y, ballistic.f);
      continue;
    }
    // ---- atmospheric flight with drag, one RK4 step
    let h = ATMOSPHERIC_STEP_S;
    if (t + h > tStop) h = tStop - t;
    dA.set(y);
    rk4.step(ballistic.f, t, y, h, yB);
    const altB = altitudeOf(yB);
    if (!Number.isFinite(altB)) throw new Error(`ballistic flight: non-finite altitude at t=${t}`);
    const descB = yB[0] * yB[3] + yB[1] * yB[4] + yB[2] * yB[5] < 0;
    if (altB <= 0) {
      // impact inside this step: find the instant, then take the partial step to it
      const y0 = dA;
      const t0 = t;
      const tImp = brent(
        (tt) => {
          if (tt === t0) return altitudeOf(y0);
          rk4.step(ballistic.f, t0, y0, tt - t0, yT);
          return altitudeOf(yT);
        },
        t0,
        t0 + h,
        1e-9,
      );
      rk4.step(ballistic.f, t0, y0, tImp - t0, y);
      trackStats(stats, y, tImp, afterApogee);
      rec?.sample(tImp, y, ballistic.f);
      return { t: tImp, impacted: true };
    }
    if (stats && !afterApogee && descB) {
      // apogee inside the atmosphere (short-range flights): locate it on this step
      const y0 = dA;
      const t0 = t;
      const tA = brent(
        (tt) => {
          rk4.step(ballistic.f, t0, y0, tt - t0, yT);
          return verticalSpeed(yT);
        },
        t0,
        t0 + h,
        1e-6,
      );
      if (Number.isFinite(tA)) {
        rk4.step(ballistic.f, t0, y0, tA - t0, yT);
        const a = altitudeOf(yT);
        if (a > stats.apogeeAlt) {
          stats.apogeeAlt = a;
          stats.apogeeTime = tA;
        }
      }
    }
    if (coastable && !descB && altB >= ATMOSPHERE_EDGE_M && alt < ATMOSPHERE_EDGE_M) {
      // leaving the atmosphere: stop exactly at the edge, the coast takes over
      const y0 = dA;
      const t0 = t;
      const tx = brent(
        (tt) => {
          rk4.step(ballistic.f, t0, y0, tt - t0, yT);
          return altitudeOf(yT) - ATMOSPHERE_EDGE_M;
        },
        t0,
        t0 + h,
        1e-9,
      );
      rk4.step(ballistic.f, t0, y0, tx - t0, y);
      t = tx;
      alt = ATMOSPHERE_EDGE_M + 1e-6;
      descending = false;
      rec?.sample(t, y, ballistic.f);
      rec?.event('exo-atmospheric', t);
      continue;
    }
    y.set(yB);
    t += h;
    alt = altB;
    if (descB) afterApogee = true;
    descending = descB;
    trackStats(stats, y, t, afterApogee);
    rec?.sample(t, y, ballistic.f);
  }
  throw new Error('ballistic flight did not end');
}

function verticalSpeed(y: ArrayLike<number>): number {
  const r = Math.hypot(y[0], y[1], y[2]);
  return (y[0] * y[3] + y[1] * y[4] + y[2] * y[5]) / r;
}

function trackStats(stats: BallisticStats | null, y: Float64Array, t: number, afterApogee: boolean): void {
  if (!stats || !afterApogee) return;
  const wx = y[3] + OMEGA * y[1];
  const wy = y[4] - OMEGA * y[0];
  const v = Math.sqrt(wx * wx + wy * wy + y[5] * y[5]);
  if (v > stats.vmax && altitudeOf(y) < ATMOSPHERE_EDGE_M + 1) stats.vmax = v;
  void t;
}
