/**
 * Interceptor fly-out in three degrees of freedom, in the ECI frame of DESIGN.md (ECEF frozen at
 * scenario t = 0, Earth turning at ω about z), with midcourse guidance on track uplinks, terminal
 * homing from seeker acquisition, and the endgame (closest approach between steps, kill draw).
 *
 * Forces per unit mass (same conventions as src/threat/flight.ts):
 *   a = g_J2(r) + (F(h) û − ½ ρ(h) |v_rel|² C_D(M) A v̂_rel) / m(t) + a_L
 * v_rel = v − ω×r (air turning with the Earth), ρ and the speed of sound from USSA76, thrust
 * F(h) = F_vac − (F_vac − F_sl)·p(h)/p0 (Sutton & Biblarz, "Rocket Propulsion Elements", 8th ed.,
 * eq. 3-35), constant mass flow per stage.
 *
 * Boost (open loop, a documented steering program): rise along the local vertical for
 * `vertical_rise_s`, pitch over at a constant rate to the fly-out angle `kick` from the vertical
 * towards the launch azimuth, then a zero-angle-of-attack gravity turn to burnout. The pitch-over
 * angle and azimuth come from the fly-out fan (fan.ts) for the predicted intercept point (PIP).
 *
 * After burnout the kill vehicle (KV) carries an achieved lateral acceleration a_L with a first-
 * order lag, ȧ_L = (a_c − a_L)/τ (Zarchan, "Tactical and Strategic Missile Guidance", ch. 2 single
 * time constant). The command a_c is held over each step (a sampled guidance computer), so a_L follows
 * its exact response a_L(t) = a_c + (a_L0 − a_c)·e^{−(t − t_k)/τ} inside the step (no stiffness limit on
 * the step for small τ):
 *  - midcourse, from burnout to seeker acquisition: at each uplink (every `uplink_interval_s`) the
 *    predicted zero-effort miss ZEM = r_T(t_ca) − r_M(t_ca) between the track's prediction of the
 *    target and the KV's coast as a Kepler conic, at their predicted closest approach t_ca, gives
 *    a_c = N_mc·ZEM⊥/t_go² with t_go = t_ca − t (predictive ZEM guidance, Zarchan ch. 8 and the
 *    strategic-intercept chapters; N_mc = 3), held until the next uplink;
 *  - terminal, once the true target is within the seeker's acquisition range: PN
 *    a_c = N'·V_c·(Ω × r̂) or APN with the target's acceleration relative to the KV's gravity
 *    (guidance.ts), at every step.
 * Commands keep only the part normal to the line of sight and are limited to the KV's maximum
 * lateral acceleration (`limitLateral`). Divert Δv is consumed as ∫|a_L| dt except where the type
 * manoeuvres aerodynamically (endo types below their aero ceiling: lift, free of propellant;
 * its induced drag is neglected). When the budget is spent the KV coasts.
 * The step after burnout is 0.5 s in midcourse (aligned to uplinks) and t_go/50 in the terminal
 * phase, between 2 ms and 0.5 s.
 *
 * Endgame: when the closing speed changes sign inside a step, the closest approach is found on the
 * cubic Hermite of the relative motion over that step (`closestApproach`, endgame.ts): no step-size
 * artefact. The kill is drawn from the lethality model (lethality.ts) with the caller's RngStream.
 */
import { WGS84, ecefToGeodetic, geodeticToEcef, gravityJ2, tiltedVertical } from '../earth/index.js';
import { ussa76, type AtmosphereState } from '../atmosphere/index.js';
import { Rk4, keplerPropagate, vec3, type Deriv, type RngStream } from '../math/index.js';
import { apnAccel, limitLateral, pnAccel } from './guidance.js';
import { closestApproach } from './endgame.js';
import { radialHeight, batteryFrame, groundRange } from './geometry.js';
import type { InterceptorVehicle } from './interceptor-type.js';
import { drawKill, killProbability } from './lethality.js';

const OMEGA = WGS84.omega;
/** Sea-level pressure of USSA76, Pa (U.S. Standard Atmosphere 1976, Table I). */
const P0 = 101325;
/** RK4 step during the boost, s. */
export const BOOST_STEP_S = 0.25;
/** RK4 step of the unguided or midcourse coast, s. */
export const COAST_STEP_S = 0.5;
/** Terminal step bounds, s, and the fraction of t_go per step. */
const TERMINAL_MIN_STEP_S = 0.002;
const TERMINAL_MAX_STEP_S = 0.5;
const TERMINAL_TGO_FRACTION = 1 / 50;
/** Navigation ratio of midcourse ZEM guidance (Zarchan ch. 8: N' = 3 minimises the energy of ZEM guidance). */
export const MIDCOURSE_NAV_RATIO = 3;
/** Above this height the air is neglected, m (USSA76 density at 150 km is 2e-9 kg/m³). */
const AIR_TOP_M = 150_000;

/** The estimated (track) or true state of a target: ECI [r, v] at scenario time t into out. A threat `Trajectory` satisfies it. */
export interface TargetTrack {
  stateAt(t: number, out: Float64Array): Float64Array;
}

/** A launch point on the ellipsoid: geodetic latitude, longitude (rad) and height (m). A ship is a point at h = 0 at its launch-time position. */
export interface LaunchSite {
  lat: number;
  lon: number;
  h: number;
}

/** The fly-out command: when, on which azimuth (rad clockwise from north), with which pitch-over angle (rad from the vertical). */
export interface FlyoutCommand {
  launchTime: number;
  azimuth: number;
  kick: number;
}

export interface InterceptOptions {
  /** What midcourse uplinks carry (a perfect track: the true trajectory). */
  track: TargetTrack;
  /** What the seeker sees (default: track). */
  truth?: TargetTrack;
  /** Scenario time after which the target no longer exists (its impact), s; default Infinity. */
  targetEnd?: number;
  /** Target signature for the seeker (RCS m² for rf, intensity W/sr for ir); default: the type's reference. */
  signature?: number;
  /** Kill draw stream (e.g. rngStream(seed, replica, interceptorId, 'kill')); null: no draw (killed = false). */
  rng?: RngStream | null;
  /** Keep the trajectory (default false). */
  record?: boolean;
}

/** How the fly-out ended. */
export type InterceptOutcome = 'closest-approach' | 'ground' | 'timeout' | 'target-gone';

/** The recorded interceptor flight: times and ECI states (6 per sample), with events. */
export interface InterceptorTrajectory {
  t: Float64Array;
  eci: Float64Array;
  events: { name: string; t: number }[];
}

export interface InterceptResult {
  outcome: InterceptOutcome;
  /** Time of closest approach (or of the end), s since epoch. */
  time: number;
  /** Target's ECI position at that time, m (the intercept point). */
  point: Float64Array;
  /** Geodetic altitude of the intercept point, m. */
  altitude: number;
  /** Ground range battery → intercept point (geometry.ts), m. */
  groundRange: number;
  /** Miss distance at closest approach, m (NaN unless outcome is closest-approach). */
  miss: number;
  pk: number;
  killed: boolean;
  /** Divert Δv consumed, m/s. */
  divertUsed: number;
  burnoutTime: number;
  /** Earth-relative speed at burnout, m/s. */
  burnoutSpeed: number;
  /** Seeker acquisition time, s (NaN if never). */
  acquisitionTime: number;
  trajectory: InterceptorTrajectory | null;
}

/** Receives the unguided fly-out (fan building): time since launch, ECEF position, Earth-relative speed. */
export interface FlyoutSink {
  add(tf: number, x: number, y: number, z: number, speed: number): void;
}

const VERTICAL = 0, PITCH = 1, TURN = 2, COAST = 3;

/** Growable recorder (no allocation per sample once grown). */
class Recorder {
  t = new Float64Array(512);
  y = new Float64Array(512 * 6);
  n = 0;
  events: { name: string; t: number }[] = [];
  add(t: number, s: Float64Array): void {
    if (this.n === this.t.length) {
      const t2 = new Float64Array(this.n * 2);
      t2.set(this.t);
      this.t = t2;
      const y2 = new Float64Array(this.n * 12);
      y2.set(this.y);
      this.y = y2;
    }
    this.t[this.n] = t;
    for (let k = 0; k < 6; k++) this.y[6 * this.n + k] = s[k];
    this.n++;
  }
  build(): InterceptorTrajectory {
    return { t: this.t.slice(0, this.n), eci: this.y.slice(0, 6 * this.n), events: this.events };
  }
}

/**
 * The fly-out simulator: scratch buffers made once, monomorphic, not re-entrant (one per worker).
 * `flyUnguided` (fans, validation) and `flyIntercept` (engagements) share the dynamics.
 */
export class FlyoutSim {
  private v!: InterceptorVehicle;
  private readonly y = new Float64Array(6);
  /** Achieved lateral acceleration at the step start (m/s², ECI) and the step start time. */
  private readonly aL = new Float64Array(3);
  private stepT = 0;
  private readonly rk4 = new Rk4(6);
  private readonly atm: AtmosphereState = { temperature_k: 0, pressure_pa: 0, density_kg_m3: 0, speed_of_sound_mps: 0 };
  private readonly g = new Float64Array(3);
  private readonly geo = new Float64Array(3);
  private readonly dir = new Float64Array(3);
  private readonly ecef = new Float64Array(3);
  private readonly tT = new Float64Array(6);
  private readonly tT0 = new Float64Array(6);
  private readonly tTa = new Float64Array(6);
  private readonly tTb = new Float64Array(6);
  private readonly rel = new Float64Array(3);
  private readonly relV = new Float64Array(3);
  private readonly rel0 = new Float64Array(3);
  private readonly relV0 = new Float64Array(3);
  private readonly relM = new Float64Array(3);
  private readonly relVM = new Float64Array(3);
  private readonly aT = new Float64Array(3);
  private readonly gT = new Float64Array(3);
  private readonly cmd = new Float64Array(3);
  // phase of the derivative
  private mode = VERTICAL;
  private stage = -1;
  private segStart = 0;
  private segMass = 0;
  private segMdot = 0;
  private launchTime = 0;
  private sinAz = 0;
  private cosAz = 1;
  private kick = 0;
  private tau = 0.1;
  readonly f: Deriv = (t, y, d) => this.deriv(t, y, d);

  private deriv(t: number, y: Float64Array, d: Float64Array): void {
    const v = this.v;
    const rx = y[0], ry = y[1], rz = y[2];
    const wx = y[3] + OMEGA * ry;
    const wy = y[4] - OMEGA * rx;
    const wz = y[5];
    const vrel = Math.sqrt(wx * wx + wy * wy + wz * wz);
    const h = radialHeight(rx, ry, rz);
    gravityJ2(this.g, y);
    let ax = this.g[0], ay = this.g[1], az = this.g[2];
    const tf = t - this.launchTime;
    const powered = this.mode !== COAST;
    const mass = powered ? this.segMass - this.segMdot * (tf - this.segStart) : v.coastMass;
    let pressure = 0;
    if (h < AIR_TOP_M && vrel > 0) {
      ussa76(h < -5000 ? -5000 : h, this.atm);
      pressure = this.atm.pressure_pa;
      const mach = vrel / this.atm.speed_of_sound_mps;
      const cdA = powered ? v.boostCd.at(mach) * v.boostArea : v.coastCd.at(mach) * v.coastArea;
      const k = (0.5 * this.atm.density_kg_m3 * vrel * cdA) / mass;
      ax -= k * wx;
      ay -= k * wy;
      az -= k * wz;
    }
    if (powered && this.stage >= 0) {
      const s = v.stages[this.stage];
      const thrust = s.thrustVac - ((s.thrustVac - s.thrustSl) * pressure) / P0;
      let ux: number, uy: number, uz: number;
      if (this.mode === TURN && vrel > 0) {
        ux = wx / vrel;
        uy = wy / vrel;
        uz = wz / vrel;
      } else {
        // vertical rise (tilt 0) or programmed pitch-over (ellipsoid symmetric about z: ECI serves)
        const tilt = this.mode === PITCH ? (this.kick * (tf - v.verticalRise)) / v.pitchOver : 0;
        tiltedVertical(this.dir, y, this.sinAz, this.cosAz, tilt);
        ux = this.dir[0];
        uy = this.dir[1];
        uz = this.dir[2];
      }
      const am = thrust / mass;
      ax += am * ux;
      ay += am * uy;
      az += am * uz;
    }
    d[0] = y[3];
    d[1] = y[4];
    d[2] = y[5];
    // achieved lateral acceleration: exact first-order response to the held command over the step
    const e = Math.exp(-(t - this.stepT) / this.tau);
    const c = this.cmd, aL = this.aL;
    d[3] = ax + c[0] + (aL[0] - c[0]) * e;
    d[4] = ay + c[1] + (aL[1] - c[1]) * e;
    d[5] = az + c[2] + (aL[2] - c[2]) * e;
  }

  /** Sets the boost phase for the segment [a, b] of flight time. */
  private setSegment(a: number, b: number): void {
    const v = this.v;
    const mid = 0.5 * (a + b);
    this.mode = mid < v.verticalRise ? VERTICAL : mid < v.verticalRise + v.pitchOver ? PITCH : TURN;
    this.stage = -1;
    for (let i = 0; i < v.stages.length; i++) if (mid >= v.stageStart[i] && mid < v.stageEnd[i]) this.stage = i;
    this.segMdot = this.stage >= 0 ? v.stages[this.stage].mdot : 0;
    this.segStart = a;
    this.segMass = v.massAt(mid) + this.segMdot * (mid - a);
  }

  /** Initial state on the pad (ECI, turning with the Earth) and the steering program. */
  private start(v: InterceptorVehicle, site: LaunchSite, c: FlyoutCommand): void {
    this.v = v;
    this.tau = v.timeConstant;
    this.launchTime = c.launchTime;
    this.sinAz = Math.sin(c.azimuth);
    this.cosAz = Math.cos(c.azimuth);
    this.kick = c.kick;
    geodeticToEcef(this.ecef, site.lat, site.lon, site.h);
    const th = OMEGA * c.launchTime, cs = Math.cos(th), sn = Math.sin(th);
    const y = this.y;
    y[0] = cs * this.ecef[0] - sn * this.ecef[1];
    y[1] = sn * this.ecef[0] + cs * this.ecef[1];
    y[2] = this.ecef[2];
    y[3] = -OMEGA * y[1];
    y[4] = OMEGA * y[0];
    y[5] = 0;
    this.aL[0] = this.aL[1] = this.aL[2] = 0;
    this.cmd[0] = this.cmd[1] = this.cmd[2] = 0;
    this.stepT = c.launchTime;
    this.tca = NaN;
  }

  /** Boost segment boundaries (flight times), ascending, ending at burnout. */
  private boundaries(): number[] {
    const v = this.v;
    const marks = [v.verticalRise, v.verticalRise + v.pitchOver];
    for (let i = 0; i < v.stages.length; i++) marks.push(v.stageStart[i], v.stageEnd[i]);
    return [...new Set(marks)].filter((m) => m > 0 && m <= v.burnout).sort((a, b) => a - b);
  }

  /** ECEF position of the current state at scenario time t into this.ecef. */
  private toEcef(t: number): void {
    const th = OMEGA * t, cs = Math.cos(th), sn = Math.sin(th);
    const y = this.y;
    this.ecef[0] = cs * y[0] + sn * y[1];
    this.ecef[1] = -sn * y[0] + cs * y[1];
    this.ecef[2] = y[2];
  }

  private relSpeed(): number {
    const y = this.y;
    return Math.hypot(y[3] + OMEGA * y[1], y[4] - OMEGA * y[0], y[5]);
  }

  /**
   * Unguided fly-out (full boost, then a ballistic coast of the kill vehicle) for `duration` s of
   * flight time or until the ground; each step end goes to the sink (flight time, ECEF position,
   * Earth-relative speed). Used to build fans and to validate them. Returns the burnout speed (m/s, Earth-relative).
   */
  flyUnguided(v: InterceptorVehicle, site: LaunchSite, c: FlyoutCommand, duration: number, sink: FlyoutSink): number {
    this.start(v, site, c);
    const t0 = c.launchTime;
    this.toEcef(t0);
    sink.add(0, this.ecef[0], this.ecef[1], this.ecef[2], 0);
    let tf = 0;
    for (const tEnd of this.boundaries()) {
      const n = Math.max(1, Math.ceil((tEnd - tf) / BOOST_STEP_S - 1e-9));
      const h = (tEnd - tf) / n;
      this.setSegment(tf, tEnd);
      for (let i = 0; i < n; i++) {
        this.rk4.step(this.f, t0 + tf + i * h, this.y, h, this.y);
        this.toEcef(t0 + tf + (i + 1) * h);
        sink.add(tf + (i + 1) * h, this.ecef[0], this.ecef[1], this.ecef[2], this.relSpeed());
      }
      tf = tEnd;
    }
    const vbo = this.relSpeed();
    this.mode = COAST;
    while (tf < duration) {
      const h = Math.min(COAST_STEP_S, duration - tf);
      this.rk4.step(this.f, t0 + tf, this.y, h, this.y);
      tf += h;
      if (radialHeight(this.y[0], this.y[1], this.y[2]) < 0) break;
      this.toEcef(t0 + tf);
      sink.add(tf, this.ecef[0], this.ecef[1], this.ecef[2], this.relSpeed());
    }
    return vbo;
  }

  /**
   * Flies an interceptor from `site` with the fly-out command `c` against a target: boost,
   * midcourse on the track's uplinks, terminal homing on the true target, endgame (module
   * comment). Ends at closest approach, ground impact, the target's end, or 1.5 × the type's
   * maximum time of flight. ECI inside; results in SI.
   */
  flyIntercept(v: InterceptorVehicle, site: LaunchSite, c: FlyoutCommand, o: InterceptOptions): InterceptResult {
    this.start(v, site, c);
    const y = this.y, rk4 = this.rk4, f = this.f;
    const track = o.track;
    const truth = o.truth ?? o.track;
    const targetEnd = o.targetEnd ?? Infinity;
    const rec = o.record ? new Recorder() : null;
    const t0 = c.launchTime;
    const tStop = t0 + 1.5 * v.maxTof;
    const acqRange = v.acquisitionRange(o.signature);
    const acq2 = acqRange * acqRange;
    rec?.add(t0, y);
    rec?.events.push({ name: 'launch', t: t0 });
    // ---- boost (open loop); closest approach is checked here too (short-range endo shots)
    let tf = 0;
    let closing = false;
    let outcome: InterceptOutcome = 'timeout';
    let tEndFlight = NaN;
    let miss = NaN;
    let t = t0;
    truth.stateAt(t, this.tT0);
    this.relative(this.tT0);
    closing = vec3.dot(this.rel, this.relV) < 0;
    let done = false;
    for (const tEnd of this.boundaries()) {
      if (done) break;
      const n = Math.max(1, Math.ceil((tEnd - tf) / BOOST_STEP_S - 1e-9));
      const h = (tEnd - tf) / n;
      this.setSegment(tf, tEnd);
      for (let i = 0; i < n && !done; i++) {
        this.rel0.set(this.rel);
        this.relV0.set(this.relV);
        rk4.step(f, t, y, h, y);
        t = t0 + tf + (i + 1) * h;
        rec?.add(t, y);
        const r = this.stepEnd(t, h, closing, truth, targetEnd, tStop);
        if (r !== 0) {
          done = true;
          if (r === 1) {
            outcome = 'closest-approach';
            tEndFlight = this.caTime;
            miss = this.caMiss;
          } else {
            outcome = r === 2 ? 'ground' : r === 3 ? 'target-gone' : 'timeout';
            tEndFlight = t;
          }
        }
        closing = this.closingNow;
      }
      tf = tEnd;
    }
    const burnoutTime = done ? NaN : t;
    const burnoutSpeed = done ? NaN : this.relSpeed();
    if (!done) rec?.events.push({ name: 'burnout', t });
    // ---- midcourse and terminal
    this.mode = COAST;
    let divertUsed = 0;
    let homing = false;
    let acquisitionTime = NaN;
    let nextUplink = t;
    const up = v.uplinkInterval;
    const cmd = this.cmd;
    while (!done) {
      // seeker acquisition (true target)
      // (rel, relV hold the true relative state at t: set by stepEnd)
      if (!homing) {
        if (vec3.squaredLength(this.rel) <= acq2) {
          homing = true;
          acquisitionTime = t;
          rec?.events.push({ name: 'acquisition', t });
        }
      }
      const aero = radialHeight(y[0], y[1], y[2]) < v.aeroCeiling;
      const exhausted = !aero && divertUsed >= v.divertDv;
      let h = COAST_STEP_S;
      if (homing) {
        const R = vec3.length(this.rel);
        const vc = -vec3.dot(this.rel, this.relV) / R;
        const tgo = vc > 0 ? R / vc : Infinity;
        h = Math.min(TERMINAL_MAX_STEP_S, Math.max(TERMINAL_MIN_STEP_S, tgo * TERMINAL_TGO_FRACTION));
        if (exhausted) vec3.set(cmd, 0, 0, 0);
        else {
          if (v.law === 'apn') {
            this.targetAccel(truth, t);
            apnAccel(cmd, this.rel, this.relV, this.aT, v.navRatio);
          } else pnAccel(cmd, this.rel, this.relV, v.navRatio);
          limitLateral(cmd, cmd, this.rel, v.maxAccel);
        }
      } else {
        if (t >= nextUplink - 1e-9) {
          // midcourse uplink: ZEM guidance on the track's estimate, held until the next uplink
          if (!exhausted && this.predictedZem(track, t)) {
            // a_c = N_mc·ZEM⊥/t_go², ⊥ to the line of sight (zemAccel with the predicted miss as ZEM)
            const rm = this.relM, z = this.zem, tgo = this.tgo;
            const r2 = rm[0] * rm[0] + rm[1] * rm[1] + rm[2] * rm[2];
            const kz = (rm[0] * z[0] + rm[1] * z[1] + rm[2] * z[2]) / r2;
            const sc = MIDCOURSE_NAV_RATIO / (tgo * tgo);
            for (let k = 0; k < 3; k++) cmd[k] = sc * (z[k] - kz * rm[k]);
            limitLateral(cmd, cmd, rm, v.maxAccel);
          } else vec3.set(cmd, 0, 0, 0);
          nextUplink += up;
        }
        if (exhausted) vec3.set(cmd, 0, 0, 0);
        h = Math.min(h, nextUplink - t);
        if (h < 1e-6) h = 1e-6;
      }
      const aL = this.aL;
      if (exhausted) aL[0] = aL[1] = aL[2] = 0;
      this.rel0.set(this.rel);
      this.relV0.set(this.relV);
      this.stepT = t;
      rk4.step(f, t, y, h, y);
      // a_L over the step (exact lag response); Δv used by Simpson's rule on |a_L|
      const e1 = Math.exp(-h / this.tau), em = Math.exp(-0.5 * h / this.tau);
      let m0 = 0, mm = 0, m1 = 0;
      for (let k = 0; k < 3; k++) {
        const a0 = aL[k], ck = cmd[k];
        const am = ck + (a0 - ck) * em, a1 = ck + (a0 - ck) * e1;
        m0 += a0 * a0;
        mm += am * am;
        m1 += a1 * a1;
        aL[k] = a1;
      }
      t += h;
      if (!aero) divertUsed += ((Math.sqrt(m0) + 4 * Math.sqrt(mm) + Math.sqrt(m1)) * h) / 6;
      rec?.add(t, y);
      const r = this.stepEnd(t, h, closing, truth, targetEnd, tStop);
      closing = this.closingNow;
      if (r !== 0) {
        done = true;
        if (r === 1) {
          outcome = 'closest-approach';
          tEndFlight = this.caTime;
          miss = this.caMiss;
        } else {
          outcome = r === 2 ? 'ground' : r === 3 ? 'target-gone' : 'timeout';
          tEndFlight = t;
        }
      }
    }
    // ---- report
    const point = new Float64Array(3);
    truth.stateAt(Math.min(tEndFlight, targetEnd), this.tT);
    if (outcome === 'closest-approach') point.set(this.tT.subarray(0, 3));
    else point.set(y.subarray(0, 3));
    const th = OMEGA * tEndFlight;
    const cs = Math.cos(th), sn = Math.sin(th);
    this.ecef[0] = cs * point[0] + sn * point[1];
    this.ecef[1] = -sn * point[0] + cs * point[1];
    this.ecef[2] = point[2];
    ecefToGeodetic(this.geo, this.ecef);
    const altitude = this.geo[2];
    const siteEcef = geodeticToEcef(new Float64Array(3), site.lat, site.lon, site.h);
    const gr = groundRange(batteryFrame(siteEcef), this.ecef[0], this.ecef[1], this.ecef[2]);
    const pk = outcome === 'closest-approach' ? killProbability(v, miss) : 0;
    const killed = o.rng ? drawKill(pk, o.rng) : false;
    if (rec) {
      rec.events.push({ name: outcome === 'closest-approach' ? (killed ? 'intercept' : 'miss') : outcome, t: tEndFlight });
      rec.events.sort((a, b) => a.t - b.t);
    }
    return {
      outcome,
      time: tEndFlight,
      point,
      altitude,
      groundRange: gr,
      miss,
      pk,
      killed,
      divertUsed,
      burnoutTime,
      burnoutSpeed,
      acquisitionTime,
      trajectory: rec ? rec.build() : null,
    };
  }

  // endgame bookkeeping of the last step
  private caTime = NaN;
  private caMiss = NaN;
  private closingNow = false;

  /**
   * After a step ending at t (length h): 1 closest approach passed (caTime/caMiss set), 2 ground,
   * 3 target gone, 4 timeout, 0 go on. rel0/relV0 hold the relative state at the step start.
   */
  private stepEnd(t: number, h: number, wasClosing: boolean, truth: TargetTrack, targetEnd: number, tStop: number): number {
    const y = this.y;
    truth.stateAt(t, this.tT);
    this.relative(this.tT);
    const closingNow = vec3.dot(this.rel, this.relV) < 0;
    this.closingNow = closingNow;
    if (wasClosing && !closingNow) {
      const ca = closestApproach(this.rel0, this.relV0, this.rel, this.relV, h);
      this.caTime = t - h + ca.tca;
      this.caMiss = ca.miss;
      return 1;
    }
    if (radialHeight(y[0], y[1], y[2]) < 0) return 2;
    if (t >= targetEnd) return 3;
    if (t >= tStop) return 4;
    return 0;
  }

  /** rel = r_T − r_M, relV = v_T − v_M for the target state s and the current KV state. */
  private relative(s: Float64Array): void {
    const y = this.y;
    this.rel[0] = s[0] - y[0];
    this.rel[1] = s[1] - y[1];
    this.rel[2] = s[2] - y[2];
    this.relV[0] = s[3] - y[3];
    this.relV[1] = s[4] - y[4];
    this.relV[2] = s[5] - y[5];
  }

  private readonly zem = new Float64Array(3);
  private tgo = NaN;
  private tca = NaN;
  private readonly kvP = new Float64Array(6);

  /**
   * Predicted zero-effort miss for midcourse: the KV's coast as a Kepler conic (no drag, no J2:
   * the uplinks every second correct what that leaves out) against the track's prediction of the
   * target; the time of closest approach t_ca solves f(t) = Δr(t)·Δv(t) = 0 by Newton steps with
   * f′ ≈ |Δv|², from t + R/V_c. Sets zem = Δr(t_ca), tgo = t_ca − t and relM (current relative
   * position, the line of sight). false when the target is not closing.
   */
  private predictedZem(track: TargetTrack, t: number): boolean {
    const y = this.y, tr = this.tTa, rm = this.relM, vm = this.relVM, kv = this.kvP;
    track.stateAt(t, tr);
    for (let k = 0; k < 3; k++) {
      rm[k] = tr[k] - y[k];
      vm[k] = tr[3 + k] - y[3 + k];
    }
    const R = vec3.length(rm);
    const vc = -vec3.dot(rm, vm) / R;
    if (!(vc > 0)) return false;
    // warm start from the previous uplink's t_ca when there is one
    let tgo = this.tca > t ? this.tca - t : R / vc;
    for (let it = 0; it < 6; it++) {
      keplerPropagate(kv, y, tgo, WGS84.GM);
      track.stateAt(t + tgo, tr);
      let f = 0, fp = 0;
      for (let k = 0; k < 3; k++) {
        const dr = tr[k] - kv[k], dv = tr[3 + k] - kv[3 + k];
        f += dr * dv;
        fp += dv * dv;
      }
      const dt = -f / fp;
      tgo += dt;
      if (!(tgo > 0)) return false;
      if (Math.abs(dt) < 1e-3) break;
    }
    keplerPropagate(kv, y, tgo, WGS84.GM);
    track.stateAt(t + tgo, tr);
    for (let k = 0; k < 3; k++) this.zem[k] = tr[k] - kv[k];
    this.tgo = tgo;
    this.tca = t + tgo;
    return true;
  }

  /**
   * Target acceleration relative to the KV's gravity, into this.aT: the true target's acceleration
   * (central difference of its velocity over ±20 ms) minus g_J2 at the KV — the part of the
   * relative acceleration the KV does not share (APN's target term, Zarchan ch. 8).
   */
  private targetAccel(truth: TargetTrack, t: number): void {
    const dt = 0.02;
    truth.stateAt(t + dt, this.tTa);
    truth.stateAt(t - dt, this.tTb);
    gravityJ2(this.g, this.y);
    for (let k = 0; k < 3; k++) this.aT[k] = (this.tTa[3 + k] - this.tTb[3 + k]) / (2 * dt) - this.g[k];
  }
}

/** A shared simulator for callers that do not keep their own (not re-entrant). */
export const sharedFlyout = new FlyoutSim();
