/**
 * Space-based early warning (SBIRS/DSP-like, notional): infrared satellites see a missile's
 * plume once it climbs above the cloud deck, and after a processing and reporting latency send
 * a launch report — launch time, launch point and heading with stated errors. Radars use the
 * report as a cue (`launchFanCue`): the set of trajectories that leave the reported launch
 * point along the reported heading (± nσ), up to a stated ground range and altitude.
 *
 * Model (deliberately simple, documented defaults in `EarlyWarningSchema`):
 *  - detection at the first time t_d the true geodetic altitude reaches `detect_altitude_km`
 *    (default 12 km: plumes are hidden below typical cloud tops of roughly 10–15 km; notional,
 *    cf. the assumptions on early detection of the APS boost-phase study, D. K. Barton et al.,
 *    "Report of the APS Study Group on Boost-Phase Intercept Systems for National Missile
 *    Defense", Rev. Mod. Phys. 76, S1 (2004), ch. 5), with probability `detection_probability`;
 *  - the report is issued at t_d + `latency_s` (default 45 s: notional, within the 30–60 s the
 *    same study allows for detection and track formation before a commit decision);
 *  - reported launch time = truth + N(0, σ_t); launch point = truth + N(0, σ_pos) east and north
 *    (converted to latitude/longitude on the local tangent plane); heading = the geodesic azimuth
 *    from the true launch point to the missile's sub-point at the report time (the track the
 *    satellite has followed so far) + N(0, σ_heading). Defaults σ_t = 5 s, σ_pos = 2 km,
 *    σ_heading = 3°: notional, of the order of a DSP-class sensor's ~1 km pixel footprint.
 * Randomness: one stream per (sensor, object), rngStream(seed, replica, `${sensor}/${object}`,
 * 'report'), so reports on one missile do not depend on the others.
 */
import {
  createSite,
  ecefToAer,
  ecefToGeodetic,
  geodesicDirect,
  geodesicInverse,
  geodeticAltitude,
  geodeticToEcef,
  WGS84,
  type Site,
} from '../earth/index.js';
import { brent, rngStream, type RngStream } from '../math/index.js';
import type { AngularCue } from './radar.js';
import type { EarlyWarningConfig } from './radar-type.js';

const DEG = Math.PI / 180;
const TWO_PI = 2 * Math.PI;

/** Read access to one object's true flight, as the early-warning sensor needs it. */
export interface TrajectoryAccess {
  /** Object id (the missile or its first stage). */
  id: string;
  /** Launch time, s since the epoch. */
  launchTime: number;
  /** Last time the trajectory is defined (impact), s. */
  endTime: number;
  /** ECEF state [x, y, z, vx, vy, vz] (m, m/s) at time t into out (6); returns out. */
  stateAt(t: number, out: Float64Array): Float64Array;
}

/** A launch report. Angles in rad, times in s since the epoch. */
export interface LaunchReport {
  sensor: string;
  /** The object reported — for the scorer only; a tracker must not read it. */
  object: string;
  /** When the plume was first seen (truth) and when the report is issued. */
  detectTime: number;
  reportTime: number;
  /** Estimated launch time, geodetic launch point (rad), heading (rad clockwise from north). */
  launchTime: number;
  lat: number;
  lon: number;
  heading: number;
  /** 1-σ errors stated with the report. */
  sigmaLaunchTime_s: number;
  sigmaPosition_m: number;
  sigmaHeading: number;
}

/** Early-warning parameters in SI units. */
export interface EarlyWarningParams {
  id: string;
  detectAltitude_m: number;
  latency_s: number;
  sigmaLaunchTime_s: number;
  sigmaPosition_m: number;
  sigmaHeading: number;
  detectionProbability: number;
}

/** SI parameters from a validated scenario entry. */
export function compileEarlyWarning(c: EarlyWarningConfig): EarlyWarningParams {
  return {
    id: c.id,
    detectAltitude_m: c.detect_altitude_km * 1000,
    latency_s: c.latency_s,
    sigmaLaunchTime_s: c.sigma_launch_time_s,
    sigmaPosition_m: c.sigma_launch_position_km * 1000,
    sigmaHeading: c.sigma_heading_deg * DEG,
    detectionProbability: c.detection_probability,
  };
}

/**
 * The first time (s) the trajectory's geodetic altitude reaches h (m): 1 s scan from launch,
 * then Brent's root in the bracketing second. NaN when it never does before endTime.
 */
export function timeAtAltitude(traj: TrajectoryAccess, h: number): number {
  const s = new Float64Array(6);
  const alt = (t: number): number => geodeticAltitude(traj.stateAt(t, s)) - h;
  let t0 = traj.launchTime;
  if (alt(t0) >= 0) return t0;
  const tEnd = traj.endTime;
  for (let t1 = t0 + 1; ; t1 += 1) {
    if (t1 > tEnd) t1 = tEnd;
    if (alt(t1) >= 0) return brent(alt, t0, t1, 1e-6);
    if (t1 >= tEnd) return NaN;
    t0 = t1;
  }
}

/**
 * Observes one launch: null when the plume never reaches the detection altitude (or the sensor
 * misses it, probability 1 − detection_probability), else the launch report issued at
 * t_detect + latency (see the file header for the error model). Draws from `rng`.
 */
export function observeLaunch(p: EarlyWarningParams, traj: TrajectoryAccess, rng: RngStream): LaunchReport | null {
  const detectTime = timeAtAltitude(traj, p.detectAltitude_m);
  const seen = rng.uniform() < p.detectionProbability;
  if (!Number.isFinite(detectTime) || !seen) return null;
  const reportTime = Math.min(detectTime + p.latency_s, traj.endTime);
  const s = new Float64Array(6);
  const g0 = ecefToGeodetic(new Float64Array(3), traj.stateAt(traj.launchTime, s));
  const g1 = ecefToGeodetic(new Float64Array(3), traj.stateAt(reportTime, s));
  let heading: number;
  const inv = geodesicInverse(g0[0], g0[1], g1[0], g1[1]);
  if (inv.s > 1000) {
    heading = inv.azi1;
  } else {
    // Still nearly vertical: use the direction of the horizontal velocity.
    const site = createSite(g1[0], g1[1], 0);
    const v = traj.stateAt(reportTime, s);
    const m = site.rot;
    const e = m[0] * v[3] + m[1] * v[4] + m[2] * v[5];
    const n = m[3] * v[3] + m[4] * v[4] + m[5] * v[5];
    heading = Math.atan2(e, n);
  }
  // Launch-point error: east/north metres on the tangent plane → lat/lon.
  const sl = Math.sin(g0[0]);
  const w = Math.sqrt(1 - WGS84.e2 * sl * sl);
  const rN = WGS84.a / w; // prime-vertical radius of curvature
  const rM = (WGS84.a * (1 - WGS84.e2)) / (w * w * w); // meridional radius of curvature
  const dE = p.sigmaPosition_m * rng.normal();
  const dN = p.sigmaPosition_m * rng.normal();
  let hd = heading + p.sigmaHeading * rng.normal();
  hd -= TWO_PI * Math.floor(hd / TWO_PI);
  return {
    sensor: p.id,
    object: traj.id,
    detectTime,
    reportTime,
    launchTime: traj.launchTime + p.sigmaLaunchTime_s * rng.normal(),
    lat: g0[0] + dN / (rM + g0[2]),
    lon: g0[1] + dE / ((rN + g0[2]) * Math.cos(g0[0])),
    heading: hd,
    sigmaLaunchTime_s: p.sigmaLaunchTime_s,
    sigmaPosition_m: p.sigmaPosition_m,
    sigmaHeading: p.sigmaHeading,
  };
}

/** An early-warning sensor of a replica: its parameters and per-object random streams. */
export class EarlyWarning {
  readonly params: EarlyWarningParams;
  private readonly seed: number | string;
  private readonly replica: number;

  constructor(params: EarlyWarningParams, seed: number | string, replica: number) {
    this.params = params;
    this.seed = seed;
    this.replica = replica;
  }

  /** The report on one launch (or null), drawn from this sensor's stream for that object. */
  observe(traj: TrajectoryAccess): LaunchReport | null {
    return observeLaunch(this.params, traj, rngStream(this.seed, this.replica, `${this.params.id}/${traj.id}`, 'report'));
  }
}

/** Options of `launchFanCue`. */
export interface FanOptions {
  /** Farthest ground range (m) from the launch point the cue covers (the threat's maximum range). */
  maxRange_m: number;
  /** Highest altitude (m) the cue covers (e.g. the apogee of a minimum-energy shot at maxRange). */
  maxAltitude_m: number;
  /** Width of the fan in heading σ (default 3). */
  nSigma?: number;
  /** How long after the report the cue stays valid, s (default 900). */
  duration_s?: number;
  /** Lowest elevation the radar considers (rad, default 0). */
  minElevation?: number;
}

/**
 * The cue one radar at `site` gets from a launch report: the az/el box that contains the fan of
 * trajectories from the reported launch point along heading ± nσ_heading, ground ranges 0 to
 * maxRange and altitudes 0 to maxAltitude, as seen from the site (sampled on 9 headings × 33
 * ranges × 5 altitudes; the points below the radar's `minElevation` are left out, and the launch
 * point uncertainty widens the box by atan(nσ_pos / range)). Null when no point of the fan is
 * visible. Valid from the report time for `duration_s`. Allocates; call once per report.
 */
export function launchFanCue(report: LaunchReport, site: Site, o: FanOptions): AngularCue | null {
  const k = o.nSigma ?? 3;
  const minEl = o.minElevation ?? 0;
  const p = new Float64Array(3);
  const aer = new Float64Array(3);
  let azRef = NaN;
  let dMin = Infinity, dMax = -Infinity, elLo = Infinity, elHi = -Infinity;
  const NH = 9, NR = 33, NA = 5;
  for (let ih = 0; ih < NH; ih++) {
    const hd = report.heading + k * report.sigmaHeading * ((2 * ih) / (NH - 1) - 1);
    for (let ir = 0; ir < NR; ir++) {
      const d = (o.maxRange_m * ir) / (NR - 1);
      const g = ir === 0 ? { lat: report.lat, lon: report.lon } : geodesicDirect(report.lat, report.lon, hd, d);
      for (let ia = 0; ia < NA; ia++) {
        geodeticToEcef(p, g.lat, g.lon, (o.maxAltitude_m * ia) / (NA - 1));
        ecefToAer(aer, p, site);
        if (aer[2] < minEl) continue;
        const widen = Math.atan2(k * report.sigmaPosition_m, aer[0]);
        if (Number.isNaN(azRef)) azRef = aer[1];
        let da = aer[1] - azRef;
        da -= TWO_PI * Math.round(da / TWO_PI);
        const wAz = widen / Math.max(Math.cos(aer[2]), 1e-3);
        if (da - wAz < dMin) dMin = da - wAz;
        if (da + wAz > dMax) dMax = da + wAz;
        if (aer[2] - widen < elLo) elLo = aer[2] - widen;
        if (aer[2] + widen > elHi) elHi = aer[2] + widen;
      }
    }
  }
  if (Number.isNaN(azRef)) return null;
  const full = dMax - dMin >= TWO_PI;
  let azMin = full ? 0 : azRef + dMin;
  let azMax = full ? TWO_PI - 1e-12 : azRef + dMax;
  azMin -= TWO_PI * Math.floor(azMin / TWO_PI);
  azMax -= TWO_PI * Math.floor(azMax / TWO_PI);
  return {
    azMin,
    azMax,
    elMin: Math.max(-Math.PI / 2, elLo),
    elMax: Math.min(Math.PI / 2, elHi),
    validFrom: report.reportTime,
    validUntil: report.reportTime + (o.duration_s ?? 900),
  };
}
