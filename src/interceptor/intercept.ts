/**
 * Predicted intercept point (PIP) and the fly-out command that goes with it.
 *
 * For an intercept time t_I the PIP is the threat's predicted position r_T(t_I) (ECI from the
 * track, turned to ECEF at t_I). Its ground range ρ and altitude h from the battery (geometry.ts)
 * give, from the type's fan, the time of flight τ(ρ, h) and the pitch-over angle; the launch time
 * is t_L = t_I − τ and the azimuth is the geodesic azimuth from the battery to the PIP's sub-point
 * (Karney's geodesics via src/earth). For a given launch time, the PIP is the root of
 * g(t_I) = t_I − τ(ρ(t_I), h(t_I)) − t_L (Brent), the classical "fire now" PIP.
 */
import { WGS84, ecefToGeodetic, geodesicInverse, geodeticToEcef } from '../earth/index.js';
import { brent } from '../math/index.js';
import type { FlyoutFan } from './fan.js';
import { FlyoutSim, type FlyoutCommand, type FlyoutSink, type LaunchSite, type TargetTrack } from './flyout.js';
import type { InterceptorVehicle } from './interceptor-type.js';
import { batteryFrame, groundRange, radialHeight, type BatteryFrame } from './geometry.js';

const OMEGA = WGS84.omega;

/** A battery: where it is, its precomputed frame. */
export interface Battery {
  site: LaunchSite;
  frame: BatteryFrame;
}

/** A battery at a geodetic site (rad, m). */
export function createBattery(site: LaunchSite): Battery {
  return { site, frame: batteryFrame(geodeticToEcef(new Float64Array(3), site.lat, site.lon, site.h)) };
}

/** A fire solution for one intercept time. */
export interface ShotPlan extends FlyoutCommand {
  /** Intercept time, s since epoch. */
  interceptTime: number;
  /** Time of flight from the fan, s. */
  tof: number;
  /** PIP in ECEF at the intercept time, m. */
  pipEcef: Float64Array;
  /** Ground range and altitude (geometry.ts) of the PIP from the battery, m. */
  groundRange: number;
  altitude: number;
  /** Interceptor speed at the PIP from the fan, m/s. */
  speed: number;
}

const scratchS = new Float64Array(6);
const scratchE = new Float64Array(3);
const scratchG = new Float64Array(3);

/** The threat's ECEF position at t (s) into out (from an ECI track). */
export function threatEcef(out: Float64Array, track: TargetTrack, t: number): Float64Array {
  track.stateAt(t, scratchS);
  const th = OMEGA * t, c = Math.cos(th), s = Math.sin(th);
  out[0] = c * scratchS[0] + s * scratchS[1];
  out[1] = -s * scratchS[0] + c * scratchS[1];
  out[2] = scratchS[2];
  return out;
}

/** Time of flight (s) from the fan to the threat's position at t; NaN outside the fan. */
export function tofTo(fan: FlyoutFan, b: Battery, track: TargetTrack, t: number): number {
  threatEcef(scratchE, track, t);
  return fan.tofAt(groundRange(b.frame, scratchE[0], scratchE[1], scratchE[2]), radialHeight(scratchE[0], scratchE[1], scratchE[2]));
}

/**
 * The fire solution that intercepts the threat at t_I (s), or null when the PIP is outside the
 * fan. Allocates the returned plan.
 */
export function planShot(fan: FlyoutFan, b: Battery, track: TargetTrack, tI: number): ShotPlan | null {
  const p = threatEcef(new Float64Array(3), track, tI);
  const rho = groundRange(b.frame, p[0], p[1], p[2]);
  const h = radialHeight(p[0], p[1], p[2]);
  const tof = fan.tofAt(rho, h);
  if (!(tof === tof)) return null;
  ecefToGeodetic(scratchG, p);
  const az = geodesicInverse(b.site.lat, b.site.lon, scratchG[0], scratchG[1]).azi1;
  return {
    launchTime: tI - tof,
    azimuth: az,
    kick: fan.kickAt(rho, h),
    interceptTime: tI,
    tof,
    pipEcef: p,
    groundRange: rho,
    altitude: h,
    speed: fan.speedAt(rho, h),
  };
}

/**
 * The PIP for a launch at t_L: the intercept time t_I in [tLo, tHi] with t_I − τ(t_I) = t_L
 * (Brent on a bracket found by scanning at `scan` s), or NaN when no intercept in that span is
 * reachable from a launch at t_L. Returns the earliest such t_I.
 */
export function pipForLaunch(fan: FlyoutFan, b: Battery, track: TargetTrack, tL: number, tLo: number, tHi: number, scan = 1): number {
  const g = (t: number) => t - tofTo(fan, b, track, t) - tL;
  let ta = Math.max(tLo, tL);
  let ga = g(ta);
  for (let t = ta + scan; t <= tHi + 1e-9; t += scan) {
    const gt = g(t);
    if (ga === ga && gt === gt && ga <= 0 && gt >= 0) return brent(g, ta, t, 1e-6);
    ta = t;
    ga = gt;
  }
  return NaN;
}

/** Collects an unguided fly-out's ECEF samples and finds its closest approach to a point. */
class ClosestSink implements FlyoutSink {
  px = 0;
  py = 0;
  pz = 0;
  best = Infinity;
  bestT = NaN;
  /** closest point (ECEF) and the unit velocity there */
  readonly q = new Float64Array(3);
  readonly u = new Float64Array(3);
  private lx = NaN;
  private ly = 0;
  private lz = 0;
  private lt = 0;
  reset(p: ArrayLike<number>): void {
    this.px = p[0];
    this.py = p[1];
    this.pz = p[2];
    this.best = Infinity;
    this.bestT = NaN;
    this.lx = NaN;
  }
  add(tf: number, x: number, y: number, z: number): void {
    if (this.lx === this.lx) {
      // closest point of the segment from the last sample to this one
      const dx = x - this.lx, dy = y - this.ly, dz = z - this.lz;
      const L2 = dx * dx + dy * dy + dz * dz;
      let s = L2 > 0 ? ((this.px - this.lx) * dx + (this.py - this.ly) * dy + (this.pz - this.lz) * dz) / L2 : 0;
      s = s < 0 ? 0 : s > 1 ? 1 : s;
      const qx = this.lx + s * dx, qy = this.ly + s * dy, qz = this.lz + s * dz;
      const d = Math.hypot(qx - this.px, qy - this.py, qz - this.pz);
      if (d < this.best && L2 > 0) {
        this.best = d;
        this.bestT = this.lt + s * (tf - this.lt);
        this.q[0] = qx;
        this.q[1] = qy;
        this.q[2] = qz;
        const L = Math.sqrt(L2);
        this.u[0] = dx / L;
        this.u[1] = dy / L;
        this.u[2] = dz / L;
      }
    }
    this.lx = x;
    this.ly = y;
    this.lz = z;
    this.lt = tf;
  }
}

const refineSim = new FlyoutSim();
const refineSink = new ClosestSink();

/**
 * Refines a fan-based fire solution by direct simulation from the battery's own site: Newton
 * iterations (finite-difference 2×2 Jacobian) on azimuth and pitch-over angle drive the unguided
 * fly-out's closest approach to the PIP to zero in the two directions normal to the interceptor's
 * velocity there, and the launch time is set so the interceptor passes the PIP at the intercept
 * time. This removes what the fan cannot know (the site's latitude and the azimuth under the
 * Earth's rotation, interpolation error). Returns a new plan (the original when the PIP is not
 * approached within `tol` m after `maxIter` iterations, with `refinedMiss` saying how close it came).
 * Costs about 3 unguided fly-outs per iteration.
 */
export function refineShot(v: InterceptorVehicle, b: Battery, plan: ShotPlan, maxIter = 4, tol = 50): ShotPlan & { refinedMiss: number } {
  const p = plan.pipEcef;
  const dur = Math.min(v.maxTof * 1.5, plan.tof * 1.3 + 10);
  const e0 = new Float64Array(2), e1 = new Float64Array(2), e2 = new Float64Array(2);
  const c1 = new Float64Array(3), c2 = new Float64Array(3);
  let az = plan.azimuth, kick = plan.kick;
  let tofNew = plan.tof;
  const fly = (a: number, k: number, out: Float64Array, setBasis: boolean): number => {
    refineSink.reset(p);
    refineSim.flyUnguided(v, b.site, { launchTime: 0, azimuth: a, kick: k }, dur, refineSink);
    if (setBasis) {
      // basis normal to the velocity: c1 horizontal (⊥ to u and the radial), c2 = u × c1
      const u = refineSink.u;
      const r = Math.hypot(p[0], p[1], p[2]);
      const ux = p[0] / r, uy = p[1] / r, uz = p[2] / r;
      c1[0] = u[1] * uz - u[2] * uy;
      c1[1] = u[2] * ux - u[0] * uz;
      c1[2] = u[0] * uy - u[1] * ux;
      const n1 = Math.hypot(c1[0], c1[1], c1[2]);
      c1[0] /= n1;
      c1[1] /= n1;
      c1[2] /= n1;
      c2[0] = u[1] * c1[2] - u[2] * c1[1];
      c2[1] = u[2] * c1[0] - u[0] * c1[2];
      c2[2] = u[0] * c1[1] - u[1] * c1[0];
    }
    const q = refineSink.q;
    const dx = q[0] - p[0], dy = q[1] - p[1], dz = q[2] - p[2];
    out[0] = dx * c1[0] + dy * c1[1] + dz * c1[2];
    out[1] = dx * c2[0] + dy * c2[1] + dz * c2[2];
    return refineSink.bestT;
  };
  // The fly-out is computed with launchTime 0; the ECEF geometry relative to the site does not depend on the launch time.
  let t = fly(az, kick, e0, true);
  let miss = refineSink.best;
  const da = 1e-4, dk = 1e-4;
  for (let it = 0; it < maxIter && miss > 0.5; it++) {
    fly(az + da, kick, e1, false);
    fly(az, kick + dk, e2, false);
    const j11 = (e1[0] - e0[0]) / da, j21 = (e1[1] - e0[1]) / da;
    const j12 = (e2[0] - e0[0]) / dk, j22 = (e2[1] - e0[1]) / dk;
    const det = j11 * j22 - j12 * j21;
    if (!(Math.abs(det) > 0)) break;
    const sa = -(j22 * e0[0] - j12 * e0[1]) / det;
    const sk = -(-j21 * e0[0] + j11 * e0[1]) / det;
    az += Math.max(-0.2, Math.min(0.2, sa));
    kick = Math.max(v.minKick * 0.5, Math.min(Math.PI / 2 - 1e-3, kick + Math.max(-0.2, Math.min(0.2, sk))));
    t = fly(az, kick, e0, true);
    miss = refineSink.best;
  }
  if (!(miss <= tol)) return { ...plan, refinedMiss: miss };
  tofNew = t;
  return { ...plan, azimuth: az, kick, tof: tofNew, launchTime: plan.interceptTime - tofNew, refinedMiss: miss };
}
