/**
 * Ground and ship radars: the radar range equation, and `Radar`, which turns the true positions
 * of objects at a scan time into a `Scan` of noisy range/azimuth/elevation detections plus false
 * alarms.
 *
 * One scan, per object (each RV, each spent booster separately):
 *  1. coverage — within the instrumented range, inside the field of view (azimuth within the
 *     half-width about boresight, elevation within [max(fov min, minimum elevation), fov max]),
 *     and not masked by the WGS84 Earth (`lineOfSight`);
 *  2. mean SNR from the reference point of the type, S = S_ref·(σ/σ_ref)·(R_ref/R)^4, times the
 *     cued-search gain when the object lies in an active cue;
 *  3. detection drawn with the Swerling 1 probability Pd = Pfa^(1/(1+S)) (swerling.ts);
 *  4. measurement = true AER + Gaussian noise, σ from the 1/√S law with floors; the azimuth σ
 *     is the angle σ divided by cos(elevation) (an angle error across the beam is a larger
 *     azimuth error at high elevation), capped at elevation 87°.
 * Then Poisson(λ) false alarms, λ = Pfa·(cells searched per scan), each in a resolution cell
 * drawn uniformly: range uniform on (0, instrumented range), direction uniform in solid angle
 * over the searched sector (resolution cells are equal in range and, for a phased array, about
 * equal in solid angle). A false alarm carries the σ of a detection at the threshold SNR −ln Pfa.
 *
 * Cued search (model): a search radar spreads its dwell time over the searched solid angle Ω_s,
 * so by the search radar equation its dwell SNR is ∝ P_av·A·t_s / (Ω_s·R⁴) (Skolnik,
 * "Introduction to Radar Systems", 3rd ed. 2001, ch. 2, search radar equation; MathWorks Radar
 * Toolbox `radareqsearchsnr`). A cue that confines the search to Ω_c < Ω_s (in the same frame
 * time) multiplies the dwell SNR by Ω_s/Ω_c, capped at the type's `cued_search.max_gain_db`
 * (a single beam position cannot take more than the dwell the scheduler allows), and Ω_c is never
 * taken below one beam (θ_3dB²). The cued dwells are assumed to come from the time budget
 * reserved for cues and tracks, so the rest of the search continues unchanged.
 *
 * Randomness: three streams per radar, rngStream(seed, replica, radarId, 'detect' | 'noise' |
 * 'clutter') (DESIGN.md "Randomness"): adding a radar does not change other radars' draws. Every
 * object in coverage consumes one 'detect' uniform whatever its Pd, so a change of SNR does not
 * shift the detection draws of the others.
 */
import {
  aerToEcef,
  createSite,
  ecefToAer,
  lineOfSight,
  type Site,
} from '../earth/index.js';
import { rngStream, type RngStream } from '../math/index.js';
import type { Scan } from './measurement.js';
import { compileRadarType, type RadarParams, type RadarSite, type RadarType } from './radar-type.js';
import { sigmaAtSnr, swerling1Pd, thresholdSnr } from './swerling.js';

const DEG = Math.PI / 180;
const TWO_PI = 2 * Math.PI;
/** cos 87°: the azimuth σ = angle σ / cos(el) is capped here (near the zenith azimuth is meaningless). */
const COS_EL_MIN = Math.cos(87 * DEG);

// ---------------------------------------------------------------------------------------
// The radar range equation
// ---------------------------------------------------------------------------------------

/** Boltzmann constant, J/K (exact since the 2019 SI redefinition; CODATA 2018). */
export const BOLTZMANN = 1.380649e-23;

/** The quantities of the monostatic radar range equation (peak power form, one pulse). */
export interface RadarEquationInput {
  /** Peak transmitted power, W. */
  pt_w: number;
  /** Antenna gain (transmit = receive), dB. */
  gain_db: number;
  wavelength_m: number;
  /** Target radar cross section, m². */
  rcs_m2: number;
  /** System noise temperature, K. */
  noiseTemp_k: number;
  /** Receiver noise bandwidth, Hz (1/τ for a matched simple pulse of length τ). */
  bandwidth_hz: number;
  /** Total system losses, dB (≥ 0 reduces SNR). */
  losses_db: number;
}

/**
 * Signal-to-noise ratio (dB) of a target at range_m (m) by the monostatic radar range equation
 *     SNR = Pt G² λ² σ / ((4π)³ k Ts B L R⁴)
 * (Skolnik, "Introduction to Radar Systems", 3rd ed. 2001, ch. 2, the radar equation in SNR form
 * with Ae = Gλ²/4π and the noise kTsB; Richards, "Fundamentals of Radar Signal Processing" 2005,
 * ch. 2). Checked against MathWorks `radareqsnr`/`radareqrng` worked examples in
 * test/validation/radar-equation.test.ts.
 */
export function snrAt(p: RadarEquationInput & { range_m: number }): number {
  const g = Math.pow(10, p.gain_db / 10);
  const l = Math.pow(10, p.losses_db / 10);
  const fourPi3 = 64 * Math.PI * Math.PI * Math.PI;
  const r2 = p.range_m * p.range_m;
  const snr = (p.pt_w * g * g * p.wavelength_m * p.wavelength_m * p.rcs_m2) / (fourPi3 * BOLTZMANN * p.noiseTemp_k * p.bandwidth_hz * l * r2 * r2);
  return 10 * Math.log10(snr);
}

/**
 * The range (m) at which a target gives the required SNR `snr_db` (dB): the radar range equation
 * solved for R, R = [Pt G² λ² σ / ((4π)³ k Ts B L SNR)]^(1/4) (same sources as `snrAt`).
 */
export function radarRange(p: RadarEquationInput & { snr_db: number }): number {
  const g = Math.pow(10, p.gain_db / 10);
  const l = Math.pow(10, p.losses_db / 10);
  const snr = Math.pow(10, p.snr_db / 10);
  const fourPi3 = 64 * Math.PI * Math.PI * Math.PI;
  const r4 = (p.pt_w * g * g * p.wavelength_m * p.wavelength_m * p.rcs_m2) / (fourPi3 * BOLTZMANN * p.noiseTemp_k * p.bandwidth_hz * l * snr);
  return Math.sqrt(Math.sqrt(r4));
}

/**
 * Mean single-dwell SNR (linear) of a target of RCS rcs_m2 at range_m by scaling the type's
 * reference point: S_ref·(σ/σ_ref)·(R_ref/R)^4 (the radar equation with all else fixed).
 */
export function referenceSnr(p: RadarParams, rcs_m2: number, range_m: number): number {
  const q = p.refRange_m / range_m;
  const q2 = q * q;
  return p.refSnr * (rcs_m2 / p.refRcs_m2) * q2 * q2;
}

// ---------------------------------------------------------------------------------------
// Objects, cues, platforms
// ---------------------------------------------------------------------------------------

/** Objects at one time, packed: ids[i], ECEF position at 3i (m), RCS at i (m²). */
export interface ObjectSet {
  n: number;
  ids: string[];
  ecef: Float64Array;
  rcs_m2: Float64Array;
}

/** One object at the scan time (the convenient, unpacked form). */
export interface ObjectState {
  id: string;
  /** ECEF position, m (3). */
  ecef: Float64Array;
  /** Radar cross section seen by this radar, m². */
  rcs_m2: number;
}

/**
 * A cue as one radar sees it: a box in azimuth/elevation (rad) valid over [validFrom, validUntil]
 * (s). Azimuths run clockwise from azMin to azMax and may wrap through north (azMax < azMin).
 */
export interface AngularCue {
  azMin: number;
  azMax: number;
  elMin: number;
  elMax: number;
  validFrom: number;
  validUntil: number;
}

/** Clockwise width (rad) of the azimuth interval from azMin to azMax, in [0, 2π). */
function azWidth(azMin: number, azMax: number): number {
  let w = azMax - azMin;
  if (w < 0) w += TWO_PI;
  return w;
}

/** Solid angle (sr) of a cue box: Δaz·(sin elMax − sin elMin). */
export function cueSolidAngle(c: AngularCue): number {
  return azWidth(c.azMin, c.azMax) * Math.max(0, Math.sin(c.elMax) - Math.sin(c.elMin));
}

/** True when (az, el) (rad) lies in the cue box. */
export function inCue(c: AngularCue, az: number, el: number): boolean {
  if (el < c.elMin || el > c.elMax) return false;
  let d = az - c.azMin;
  if (d < 0) d += TWO_PI;
  return d <= azWidth(c.azMin, c.azMax);
}

/**
 * The cue a radar at `site` gets from a predicted position `ecef` (m) with an uncertainty of
 * `radius_m` (m, e.g. 3√λmax of the position covariance): the az/el box subtending that sphere,
 * half-angle atan(radius/range) (the whole sky above when the radar is inside the sphere).
 */
export function cueFromPosition(site: Site, ecef: ArrayLike<number>, radius_m: number, validFrom: number, validUntil: number): AngularCue {
  const aer = ecefToAer(new Float64Array(3), ecef, site);
  if (aer[0] <= radius_m) return { azMin: 0, azMax: TWO_PI - 1e-12, elMin: -Math.PI / 2, elMax: Math.PI / 2, validFrom, validUntil };
  const half = Math.asin(radius_m / aer[0]);
  const elMin = Math.max(-Math.PI / 2, aer[2] - half);
  const elMax = Math.min(Math.PI / 2, aer[2] + half);
  // Azimuth half-width of a cone of half-angle `half` about elevation el: asin(sin half / cos el).
  const ce = Math.cos(Math.max(Math.abs(elMin), Math.abs(elMax)));
  const sh = Math.sin(half);
  if (elMax >= Math.PI / 2 - 1e-9 || sh >= ce) return { azMin: 0, azMax: TWO_PI - 1e-12, elMin, elMax, validFrom, validUntil };
  const dAz = Math.asin(sh / ce);
  let azMin = aer[1] - dAz;
  if (azMin < 0) azMin += TWO_PI;
  let azMax = aer[1] + dAz;
  if (azMax >= TWO_PI) azMax -= TWO_PI;
  return { azMin, azMax, elMin, elMax, validFrom, validUntil };
}

/** A moving platform's waypoints: time (s), geodetic lat/lon (rad), height (m). */
export interface PlatformTrack {
  time: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  h: Float64Array;
}

/**
 * The site of a platform at time t: linear interpolation of latitude, longitude (the shorter way
 * round) and height between waypoints (legs of a ship track are tens of km, where this differs
 * from the geodesic by metres), held at the first/last waypoint outside the track. Allocates.
 */
export function platformSiteAt(track: PlatformTrack, t: number): Site {
  const n = track.time.length;
  if (n === 1 || t <= track.time[0]) return createSite(track.lat[0], track.lon[0], track.h[0]);
  if (t >= track.time[n - 1]) return createSite(track.lat[n - 1], track.lon[n - 1], track.h[n - 1]);
  let i = 0;
  while (track.time[i + 1] < t) i++;
  const f = (t - track.time[i]) / (track.time[i + 1] - track.time[i]);
  let dLon = track.lon[i + 1] - track.lon[i];
  if (dLon > Math.PI) dLon -= TWO_PI;
  else if (dLon < -Math.PI) dLon += TWO_PI;
  return createSite(
    track.lat[i] + f * (track.lat[i + 1] - track.lat[i]),
    track.lon[i] + f * dLon,
    track.h[i] + f * (track.h[i + 1] - track.h[i]),
  );
}

// ---------------------------------------------------------------------------------------
// Radar
// ---------------------------------------------------------------------------------------

export interface RadarOptions {
  /** Sensor id (the `sensor` of its scans and the key of its random streams). */
  id: string;
  params: RadarParams;
  /** A fixed site, or a platform track. */
  site: Site | PlatformTrack;
  /** Boresight azimuth, rad clockwise from north. */
  boresightAz: number;
  /** Time of the first scan, s (default 0). */
  firstScan_s?: number;
  seed: number | string;
  replica: number;
}

/** The detection outcome of one object (for tests and diagnostics). */
export interface DetectionTerms {
  covered: boolean;
  snr: number;
  pd: number;
}

export class Radar {
  readonly id: string;
  readonly params: RadarParams;
  readonly boresightAz: number;
  readonly firstScan_s: number;
  private readonly fixedSite: Site | null;
  private readonly track: PlatformTrack | null;
  private readonly detectRng: RngStream;
  private readonly noiseRng: RngStream;
  private readonly clutterRng: RngStream;
  private cues: AngularCue[] = [];
  // Scratch, grown on demand and reused between scans.
  private readonly aer = new Float64Array(3);
  private readonly pos = new Float64Array(3);
  private readonly coverAer = new Float64Array(3);
  private zBuf = new Float64Array(3 * 64);
  private sBuf = new Float64Array(3 * 64);

  constructor(o: RadarOptions) {
    this.id = o.id;
    this.params = o.params;
    this.boresightAz = o.boresightAz;
    this.firstScan_s = o.firstScan_s ?? 0;
    if ('rot' in o.site) {
      this.fixedSite = o.site;
      this.track = null;
    } else {
      this.fixedSite = null;
      this.track = o.site;
    }
    this.detectRng = rngStream(o.seed, o.replica, o.id, 'detect');
    this.noiseRng = rngStream(o.seed, o.replica, o.id, 'noise');
    this.clutterRng = rngStream(o.seed, o.replica, o.id, 'clutter');
  }

  /** Builds a radar from a scenario sensor entry and its catalog type. */
  static fromScenario(entry: RadarSite, type: RadarType, seed: number | string, replica: number): Radar {
    let site: Site | PlatformTrack;
    if (entry.site) {
      site = createSite(entry.site.lat_deg * DEG, entry.site.lon_deg * DEG, entry.site.alt_m);
    } else {
      const w = entry.ship!.track;
      site = {
        time: Float64Array.from(w, (p) => p.time_s),
        lat: Float64Array.from(w, (p) => p.lat_deg * DEG),
        lon: Float64Array.from(w, (p) => p.lon_deg * DEG),
        h: Float64Array.from(w, (p) => p.alt_m),
      };
    }
    return new Radar({
      id: entry.id,
      params: compileRadarType(type, entry.overrides),
      site,
      boresightAz: entry.boresight_az_deg * DEG,
      firstScan_s: entry.first_scan_s,
      seed,
      replica,
    });
  }

  /** The radar's site at time t (s): the fixed site, or the platform's position then. */
  siteAt(t: number): Site {
    return this.fixedSite ?? platformSiteAt(this.track!, t);
  }

  /** The first scan time strictly after t (s): firstScan + k·revisit. */
  nextScanTime(t: number): number {
    const f = this.firstScan_s, r = this.params.revisit_s;
    if (t < f) return f;
    let k = Math.floor((t - f) / r) + 1;
    let s = f + k * r;
    while (s <= t) s = f + ++k * r;
    return s;
  }

  /** Adds a cue (see `AngularCue`); cues whose validity has ended are dropped at the next scan. */
  addCue(c: AngularCue): void {
    this.cues.push(c);
  }

  clearCues(): void {
    this.cues = [];
  }

  /**
   * The cued-search SNR gain (linear, ≥ 1) at (az, el) at time t: Ω_s/Ω_c of the best active cue
   * containing the direction, capped at the type's maximum (file header).
   */
  cueGain(t: number, az: number, el: number): number {
    let g = 1;
    const p = this.params;
    const beam = p.beamwidth * p.beamwidth;
    for (let i = 0; i < this.cues.length; i++) {
      const c = this.cues[i];
      if (t < c.validFrom || t > c.validUntil || !inCue(c, az, el)) continue;
      const omega = Math.max(cueSolidAngle(c), beam);
      let gi = p.searchSolidAngle / omega;
      if (gi > p.cuedMaxGain) gi = p.cuedMaxGain;
      if (gi > g) g = gi;
    }
    return g;
  }

  /**
   * True when the ECEF point (m) is in the radar's coverage from `site`: instrumented range,
   * field of view, minimum elevation and Earth masking. Leaves its AER in `aerOut`.
   */
  covers(site: Site, ecef: ArrayLike<number>, aerOut: Float64Array): boolean {
    const p = this.params;
    ecefToAer(aerOut, ecef, site);
    const r = aerOut[0], el = aerOut[2];
    if (!(r > 0) || r > p.instrumentedRange_m) return false;
    if (el < p.elMin || el < p.minElevation || el > p.elMax) return false;
    let d = aerOut[1] - this.boresightAz;
    d -= TWO_PI * Math.round(d / TWO_PI);
    if (Math.abs(d) > p.azHalfWidth) return false;
    return lineOfSight(site.ecef, ecef, 0);
  }

  /** Coverage, mean SNR (linear) and Pd of one object at time t from `site` (no draws). */
  detectionTerms(t: number, site: Site, ecef: ArrayLike<number>, rcs_m2: number): DetectionTerms {
    const aer = this.aer;
    if (!this.covers(site, ecef, aer)) return { covered: false, snr: 0, pd: 0 };
    const snr = referenceSnr(this.params, rcs_m2, aer[0]) * this.cueGain(t, aer[1], aer[2]);
    return { covered: true, snr, pd: swerling1Pd(snr, this.params.pfa) };
  }

  /**
   * One scan at `time` (s) of the given objects (packed `ObjectSet` or a list of `ObjectState`):
   * the detections (range m, azimuth rad [0, 2π), elevation rad) with their σ and truth ids, then
   * the false alarms (truth null), and the scan's coverage predicate (`Scan.covers`). Draws from the radar's streams. `out`, when given, is filled
   * and returned (its z/sigma arrays are replaced when their length is not 3n).
   */
  scan(time: number, objects: ObjectSet | readonly ObjectState[], out?: Scan): Scan {
    const p = this.params;
    const site = this.siteAt(time);
    // Drop expired cues (not per object).
    if (this.cues.length) this.cues = this.cues.filter((c) => c.validUntil >= time);
    const truth: (string | null)[] = [];
    let n = 0;
    const packed = !Array.isArray(objects);
    const count = packed ? (objects as ObjectSet).n : (objects as readonly ObjectState[]).length;
    const aer = this.aer;
    const lnPfa = Math.log(p.pfa);
    for (let i = 0; i < count; i++) {
      let ecef: ArrayLike<number>;
      let rcs: number;
      let id: string;
      if (packed) {
        const o = objects as ObjectSet;
        const pos = this.pos;
        pos[0] = o.ecef[3 * i];
        pos[1] = o.ecef[3 * i + 1];
        pos[2] = o.ecef[3 * i + 2];
        ecef = pos;
        rcs = o.rcs_m2[i];
        id = o.ids[i];
      } else {
        const o = (objects as readonly ObjectState[])[i];
        ecef = o.ecef;
        rcs = o.rcs_m2;
        id = o.id;
      }
      if (!this.covers(site, ecef, aer)) continue;
      const r = aer[0], az = aer[1], el = aer[2];
      const snr = referenceSnr(p, rcs, r) * (this.cues.length ? this.cueGain(time, az, el) : 1);
      const u = this.detectRng.uniform();
      // Swerling 1: Pd = Pfa^(1/(1+S)) = exp(ln Pfa / (1 + S)) (swerling1Pd, with ln Pfa hoisted).
      if (u >= Math.exp(lnPfa / (1 + snr))) continue;
      this.push(n, r, az, el, snr);
      truth.push(id);
      n++;
    }
    // False alarms.
    const nFa = p.falseAlarmsPerScan > 0 ? this.clutterRng.poisson(p.falseAlarmsPerScan) : 0;
    if (nFa > 0) {
      const elLo = Math.max(p.elMin, p.minElevation);
      const sLo = Math.sin(elLo), sHi = Math.sin(p.elMax);
      const snrThr = thresholdSnr(p.pfa);
      for (let k = 0; k < nFa; k++) {
        const r = p.instrumentedRange_m * this.clutterRng.uniform();
        let az = this.boresightAz + p.azHalfWidth * (2 * this.clutterRng.uniform() - 1);
        az -= TWO_PI * Math.floor(az / TWO_PI);
        const el = Math.asin(sLo + (sHi - sLo) * this.clutterRng.uniform());
        this.push(n, r, az, el, snrThr);
        truth.push(null);
        n++;
      }
    }
    const scan: Scan = out ?? { time, sensor: this.id, site, n, z: new Float64Array(0), sigma: new Float64Array(0), truth };
    scan.time = time;
    scan.sensor = this.id;
    scan.site = site;
    scan.n = n;
    scan.truth = truth;
    // Coverage predicate for the tracker (geometry only, at this scan's site; one closure a scan).
    scan.covers = (ecef) => this.covers(site, ecef, this.coverAer);
    if (scan.z.length !== 3 * n) scan.z = new Float64Array(3 * n);
    if (scan.sigma.length !== 3 * n) scan.sigma = new Float64Array(3 * n);
    scan.z.set(this.zBuf.subarray(0, 3 * n));
    scan.sigma.set(this.sBuf.subarray(0, 3 * n));
    return scan;
  }

  /** Appends detection k (noisy AER from true r, az, el at mean SNR `snr`) to the scratch buffers. */
  private push(k: number, r: number, az: number, el: number, snr: number): void {
    if (3 * k + 3 > this.zBuf.length) {
      const z = new Float64Array(2 * this.zBuf.length);
      z.set(this.zBuf);
      this.zBuf = z;
      const s = new Float64Array(2 * this.sBuf.length);
      s.set(this.sBuf);
      this.sBuf = s;
    }
    const p = this.params;
    const sr = sigmaAtSnr(p.sigmaRangeRef_m, p.refSnr, p.floorRange_m, snr);
    const sa = sigmaAtSnr(p.sigmaAngleRef, p.refSnr, p.floorAngle, snr);
    let ce = Math.cos(el);
    if (ce < COS_EL_MIN) ce = COS_EL_MIN;
    const saz = sa / ce;
    const rng = this.noiseRng;
    let zr = r + sr * rng.normal();
    if (zr < 0) zr = -zr;
    let zaz = az + saz * rng.normal();
    zaz -= TWO_PI * Math.floor(zaz / TWO_PI);
    if (zaz >= TWO_PI) zaz = 0;
    let zel = el + sa * rng.normal();
    if (zel > Math.PI / 2) zel = Math.PI / 2;
    else if (zel < -Math.PI / 2) zel = -Math.PI / 2;
    const z = this.zBuf, s = this.sBuf, o = 3 * k;
    z[o] = zr;
    z[o + 1] = zaz;
    z[o + 2] = zel;
    s[o] = sr;
    s[o + 1] = saz;
    s[o + 2] = sa;
  }
}

/** ECEF (m) of a measurement [range, az, el] from a site: a thin alias of earth's aerToEcef. */
export function measurementToEcef(out: Float64Array, z: ArrayLike<number>, off: number, site: Site): Float64Array {
  return aerToEcef(out, z[off], z[off + 1], z[off + 2], site);
}

