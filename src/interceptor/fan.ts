/**
 * Fly-out fans: per interceptor type, the time of flight, the Earth-relative speed and the
 * pitch-over angle that reach each (ground range, altitude) point from the battery, tabulated on
 * a regular grid and interpolated bilinearly, so a planner checks a candidate shot in a few tens
 * of nanoseconds.
 *
 * How the table is made (computed at load, in memory; nothing on disk):
 *  1. `nKick` unguided fly-outs (flyout.ts: the full boost with the type's steering program, then
 *     the kill vehicle's ballistic coast with drag, J2 and Earth rotation) with pitch-over angles
 *     spaced evenly over [min_kick_deg, max_kick_deg], from a reference site on the equator
 *     launching due north, for the type's maximum time of flight; each records (t, ρ, h, speed)
 *     at every integration step (ρ, h: geometry.ts).
 *  2. For each range node ρ_i, each fly-out's first crossing of ρ_i gives (h, t, speed) by linear
 *     interpolation between steps. Ordered from the flattest pitch-over up, the altitudes at ρ_i
 *     increase; the first monotone run is kept (the direct, fastest branch; points reachable only
 *     on lofted descending branches are left out), less its last interval next to the envelope,
 *     where t(h) has a square-root turning point that linear interpolation would miss.
 *  3. For each altitude node h_j inside that run, t, speed and pitch-over are interpolated linearly
 *     in h between the two bracketing fly-outs. Nodes no fly-out reaches are NaN.
 * Lookups interpolate bilinearly; a cell with any NaN corner returns NaN (outside the fan).
 *
 * Grid and cost (defaults): 161 fly-outs; 81 range nodes on [0, max_range_km] by 61 altitude
 * nodes on [min_altitude_km, max_altitude_km]; the build costs about 161 fly-outs of the maximum
 * time of flight (≈ 0.1–0.5 s per type, the bench reports it). Accuracy against direct simulation
 * inside the fan: test/validation/interceptor-fan.test.ts (≤ 1 % in time of flight on random points).
 *
 * The reference geometry (equator, due north) makes the Coriolis deflection nearly all crossrange.
 * At other latitudes and azimuths the Earth's rotation changes the time of flight to a point: measured
 * over latitudes 0/35/60° and azimuths 0/90/180/270°, at most 0.23 % for the thaad-like type but up
 * to 7 % for the sm3-like type's longest (~400 s) east/west flights. Launch windows computed from the
 * fan carry that error at their edges; the fire solution of a shot is refined by direct simulation
 * at the battery's own site (`refineShot`, intercept.ts), so flown intercepts do not.
 */
import { geodeticToEcef } from '../earth/index.js';
import { FlyoutSim, type FlyoutSink } from './flyout.js';
import { batteryFrame, groundRange, radialHeight, type BatteryFrame } from './geometry.js';
import type { InterceptorVehicle } from './interceptor-type.js';

export interface FanOptions {
  nKick?: number;
  nRange?: number;
  nAlt?: number;
}

/** A tabulated fan (module comment). Grid: ρ_i = i·dRange (i < nRange), h_j = alt0 + j·dAlt (j < nAlt); tables row-major [i·nAlt + j]. */
export class FlyoutFan {
  constructor(
    readonly id: string,
    readonly nRange: number,
    readonly dRange: number,
    readonly nAlt: number,
    readonly alt0: number,
    readonly dAlt: number,
    /** Time of flight, s. */
    readonly tof: Float64Array,
    /** Earth-relative speed at the point, m/s. */
    readonly speed: Float64Array,
    /** Pitch-over angle from the vertical, rad. */
    readonly kick: Float64Array,
  ) {
    Object.freeze(this);
  }

  /** Bilinear lookup in table `tab` at ground range ρ (m), altitude h (m); NaN outside the grid or fan. */
  private at(tab: Float64Array, rho: number, h: number): number {
    const x = rho / this.dRange;
    const y = (h - this.alt0) / this.dAlt;
    if (!(x >= 0 && y >= 0 && x <= this.nRange - 1 && y <= this.nAlt - 1)) return NaN;
    let i = x | 0;
    let j = y | 0;
    if (i === this.nRange - 1) i--;
    if (j === this.nAlt - 1) j--;
    const fx = x - i, fy = y - j;
    const k = i * this.nAlt + j;
    const n = this.nAlt;
    return (1 - fx) * ((1 - fy) * tab[k] + fy * tab[k + 1]) + fx * ((1 - fy) * tab[k + n] + fy * tab[k + n + 1]);
  }

  /** Time of flight (s) to reach ground range ρ (m) at altitude h (m); NaN outside the fan. */
  tofAt(rho: number, h: number): number {
    return this.at(this.tof, rho, h);
  }

  /** Earth-relative speed (m/s) at the point; NaN outside. */
  speedAt(rho: number, h: number): number {
    return this.at(this.speed, rho, h);
  }

  /** Pitch-over angle (rad from the vertical) whose fly-out passes through the point; NaN outside. */
  kickAt(rho: number, h: number): number {
    return this.at(this.kick, rho, h);
  }
}

/** Reference site of fan building: the equator, due north (module comment). */
export const FAN_SITE = Object.freeze({ lat: 0, lon: 0, h: 0 });

/** Collects one fly-out as (t, ρ, h, speed) arrays. */
class PathSink implements FlyoutSink {
  t: number[] = [];
  rho: number[] = [];
  h: number[] = [];
  s: number[] = [];
  constructor(private readonly b: BatteryFrame) {}
  reset(): void {
    this.t.length = this.rho.length = this.h.length = this.s.length = 0;
  }
  add(tf: number, x: number, y: number, z: number, speed: number): void {
    this.t.push(tf);
    this.rho.push(groundRange(this.b, x, y, z));
    this.h.push(radialHeight(x, y, z));
    this.s.push(speed);
  }
  /** (h, t, speed) at the first crossing of range ρ into out; false if never reached. */
  crossing(rho: number, out: Float64Array): boolean {
    const R = this.rho;
    for (let i = 1; i < R.length; i++) {
      if (R[i] >= rho && R[i - 1] < rho) {
        const f = (rho - R[i - 1]) / (R[i] - R[i - 1]);
        out[0] = this.h[i - 1] + f * (this.h[i] - this.h[i - 1]);
        out[1] = this.t[i - 1] + f * (this.t[i] - this.t[i - 1]);
        out[2] = this.s[i - 1] + f * (this.s[i] - this.s[i - 1]);
        return true;
      }
    }
    return false;
  }
}

/** Builds the fan of a type (module comment). Allocates; call once per type at load. */
export function buildFan(v: InterceptorVehicle, opts: FanOptions = {}): FlyoutFan {
  const nKick = opts.nKick ?? 161;
  const nRange = opts.nRange ?? 81;
  const nAlt = opts.nAlt ?? 61;
  const dRange = v.maxRange / (nRange - 1);
  const alt0 = v.minAltitude;
  const dAlt = (v.maxAltitude - v.minAltitude) / (nAlt - 1);
  const sim = new FlyoutSim();
  const bf = batteryFrame(geodeticToEcef(new Float64Array(3), FAN_SITE.lat, FAN_SITE.lon, FAN_SITE.h));
  // per kick (flattest first), per range node: h, t, speed at the crossing
  const H = new Float64Array(nKick * nRange).fill(NaN);
  const T = new Float64Array(nKick * nRange).fill(NaN);
  const S = new Float64Array(nKick * nRange).fill(NaN);
  const K = new Float64Array(nKick);
  const sink = new PathSink(bf);
  const c = new Float64Array(3);
  for (let k = 0; k < nKick; k++) {
    const kick = v.maxKick - ((v.maxKick - v.minKick) * k) / (nKick - 1);
    K[k] = kick;
    sink.reset();
    sim.flyUnguided(v, FAN_SITE, { launchTime: 0, azimuth: 0, kick }, v.maxTof, sink);
    for (let i = 1; i < nRange; i++) {
      if (sink.crossing(i * dRange, c)) {
        H[k * nRange + i] = c[0];
        T[k * nRange + i] = c[1];
        S[k * nRange + i] = c[2];
      }
    }
  }
  const tof = new Float64Array(nRange * nAlt).fill(NaN);
  const speed = new Float64Array(nRange * nAlt).fill(NaN);
  const kickT = new Float64Array(nRange * nAlt).fill(NaN);
  for (let i = 1; i < nRange; i++) {
    // first monotone run of h over kicks (flattest first), from the first kick that reaches ρ_i
    let k0 = 0;
    while (k0 < nKick && !(H[k0 * nRange + i] === H[k0 * nRange + i])) k0++;
    let k1 = k0;
    while (k1 + 1 < nKick && H[(k1 + 1) * nRange + i] > H[k1 * nRange + i]) k1++;
    // drop the last interval next to the envelope (module comment)
    if (k1 - k0 >= 2) k1--;
    else continue;
    let k = k0;
    for (let j = 0; j < nAlt; j++) {
      const h = alt0 + j * dAlt;
      if (h < H[k0 * nRange + i] || h > H[k1 * nRange + i]) continue;
      while (k < k1 - 1 && H[(k + 1) * nRange + i] < h) k++;
      const a = k * nRange + i, b = (k + 1) * nRange + i;
      const f = (h - H[a]) / (H[b] - H[a]);
      const idx = i * nAlt + j;
      tof[idx] = T[a] + f * (T[b] - T[a]);
      speed[idx] = S[a] + f * (S[b] - S[a]);
      kickT[idx] = K[k] + f * (K[k + 1] - K[k]);
    }
  }
  return new FlyoutFan(v.id, nRange, dRange, nAlt, alt0, dAlt, tof, speed, kickT);
}

/** Time of flight (s), speed (m/s) and pitch-over (rad) of a direct simulation to one point; NaN when not reached. */
export interface DirectPoint {
  tof: number;
  speed: number;
  kick: number;
}

/**
 * Direct simulation of the fan's quantity at one (ρ, h) (m): bisection on the pitch-over angle
 * (over the fan's monotone branch, flattest first) until the unguided fly-out crosses ground range ρ
 * at altitude h within `tol` m, from the same reference site. For validating the fan and for
 * engagement planning when a fan is not at hand. About 40 fly-outs.
 */
export function directFlyout(v: InterceptorVehicle, rho: number, h: number, tol = 0.01): DirectPoint {
  const sim = new FlyoutSim();
  const bf = batteryFrame(geodeticToEcef(new Float64Array(3), FAN_SITE.lat, FAN_SITE.lon, FAN_SITE.h));
  const sink = new PathSink(bf);
  const c = new Float64Array(3);
  const altAt = (kick: number): number => {
    sink.reset();
    sim.flyUnguided(v, FAN_SITE, { launchTime: 0, azimuth: 0, kick }, v.maxTof, sink);
    return sink.crossing(rho, c) ? c[0] : NaN;
  };
  // flat end: low altitude at ρ; steep end: high. Find a bracket scanning from flat to steep.
  let kFlat = v.maxKick;
  let hFlat = altAt(kFlat);
  const n = 64;
  let kSteep = NaN;
  for (let s = 1; s <= n; s++) {
    const k = v.maxKick - ((v.maxKick - v.minKick) * s) / n;
    const hk = altAt(k);
    if (!(hk === hk)) continue;
    if (!(hFlat === hFlat) || hk < h) {
      kFlat = k;
      hFlat = hk;
      continue;
    }
    kSteep = k;
    break;
  }
  if (!(kSteep === kSteep) || !(hFlat <= h)) return { tof: NaN, speed: NaN, kick: NaN };
  let lo = kFlat, hi = kSteep;
  for (let it = 0; it < 60; it++) {
    const mid = 0.5 * (lo + hi);
    const hm = altAt(mid);
    if (Math.abs(hm - h) < tol) {
      lo = hi = mid;
      break;
    }
    if (hm < h) lo = mid;
    else hi = mid;
  }
  const kick = 0.5 * (lo + hi);
  altAt(kick);
  return { tof: c[1], speed: c[2], kick };
}
