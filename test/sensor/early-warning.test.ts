/**
 * Space-based early warning: detection at the plume altitude, report latency, the stated error
 * model (zero-σ exactness and sample σ over many launches), misses, and the launch-fan cue
 * containing the true trajectory as seen by a radar. Truth: test/sensor/ballistic.ts.
 */
import { describe, expect, it } from 'vitest';
import { createSite, ecefToAer, ecefToGeodetic, geodeticAltitude, geodesicInverse, WGS84 } from '../../src/earth/index.js';
import { rngStream } from '../../src/math/index.js';
import {
  compileEarlyWarning,
  EarlyWarning,
  EarlyWarningSchema,
  inCue,
  launchFanCue,
  observeLaunch,
  timeAtAltitude,
  type EarlyWarningParams,
} from '../../src/sensor/index.js';
import { ballistic } from './ballistic.js';

const DEG = Math.PI / 180;
// A 1,000 km-class shot from 39° N 125.7° E towards the east-south-east.
const LAT = 39 * DEG, LON = 125.7 * DEG, AZ = 110 * DEG;
const traj = ballistic('m1', LAT, LON, 0, 3000, 45 * DEG, AZ, 100);

function params(p: Partial<EarlyWarningParams> = {}): EarlyWarningParams {
  return { ...compileEarlyWarning(EarlyWarningSchema.parse({ id: 'sbirs', type: 'early-warning' })), ...p };
}

describe('early warning', () => {
  it('defaults: 12 km, 45 s, σ 5 s / 2 km / 3°', () => {
    const p = params();
    expect([p.detectAltitude_m, p.latency_s, p.sigmaLaunchTime_s, p.sigmaPosition_m, p.sigmaHeading]).toEqual([12e3, 45, 5, 2000, 3 * DEG]);
  });

  it('detects when the altitude reaches 12 km and reports 45 s later', () => {
    const t = timeAtAltitude(traj, 12e3);
    const s = new Float64Array(6);
    expect(geodeticAltitude(traj.stateAt(t, s))).toBeCloseTo(12e3, 3);
    expect(geodeticAltitude(traj.stateAt(t - 0.5, s))).toBeLessThan(12e3);
    const r = observeLaunch(params(), traj, rngStream(1, 0, 'x', 'report'))!;
    expect(r.detectTime).toBeCloseTo(t, 9);
    expect(r.reportTime).toBeCloseTo(t + 45, 9);
    // Vertical speed at launch 3000·sin 45° ≈ 2.1 km/s: 12 km in about 6 s.
    expect(t - 100).toBeGreaterThan(5);
    expect(t - 100).toBeLessThan(7);
  });

  it('with zero σ the report is the truth: launch time and point, heading of the ground track', () => {
    const r = observeLaunch(params({ sigmaLaunchTime_s: 0, sigmaPosition_m: 0, sigmaHeading: 0 }), traj, rngStream(1, 0, 'x', 'report'))!;
    expect(r.launchTime).toBe(100);
    expect(r.lat).toBeCloseTo(LAT, 12);
    expect(r.lon).toBeCloseTo(LON, 12);
    const g = ecefToGeodetic(new Float64Array(3), traj.stateAt(r.reportTime, new Float64Array(6)));
    expect(r.heading).toBeCloseTo(geodesicInverse(LAT, LON, g[0], g[1]).azi1, 12);
    // The ground track leaves close to the launch azimuth (Coriolis bends it by a fraction of a degree).
    expect(Math.abs(r.heading - AZ)).toBeLessThan(1 * DEG);
  });

  it('errors over many launches have the stated σ (sample σ within 4 standard errors)', () => {
    const ew = new EarlyWarning(params(), 42, 3);
    const p = ew.params;
    const truthHeading = observeLaunch(params({ sigmaHeading: 0, sigmaPosition_m: 0, sigmaLaunchTime_s: 0 }), traj, rngStream(1, 0, 'x', 'y'))!.heading;
    const N = 1500;
    const dt: number[] = [], dn: number[] = [], de: number[] = [], dh: number[] = [];
    // Radii of curvature at the launch latitude (meridional M, prime vertical N; WGS84).
    const w = Math.sqrt(1 - WGS84.e2 * Math.sin(LAT) ** 2);
    const M = (WGS84.a * (1 - WGS84.e2)) / w ** 3, Nr = WGS84.a / w;
    for (let i = 0; i < N; i++) {
      const r = ew.observe({ ...traj, id: `m${i}` })!;
      dt.push(r.launchTime - 100);
      dn.push((r.lat - LAT) * M);
      de.push((r.lon - LON) * Nr * Math.cos(LAT));
      let d = r.heading - truthHeading;
      d -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
      dh.push(d);
    }
    const sd = (x: number[]) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);
    const tol = 4 / Math.sqrt(2 * N);
    expect(Math.abs(sd(dt) / p.sigmaLaunchTime_s - 1)).toBeLessThan(tol);
    expect(Math.abs(sd(dn) / p.sigmaPosition_m - 1)).toBeLessThan(tol);
    expect(Math.abs(sd(de) / p.sigmaPosition_m - 1)).toBeLessThan(tol);
    expect(Math.abs(sd(dh) / p.sigmaHeading - 1)).toBeLessThan(tol);
  });

  it('the same object gives the same report; a trajectory that stays low is not reported; Pd 0 misses', () => {
    const ew = new EarlyWarning(params(), 42, 3);
    expect(ew.observe(traj)).toEqual(ew.observe(traj));
    const low = ballistic('low', LAT, LON, 0, 300, 20 * DEG, AZ);
    expect(observeLaunch(params(), low, rngStream(1, 0, 'x', 'r'))).toBeNull();
    expect(observeLaunch(params({ detectionProbability: 0 }), traj, rngStream(1, 0, 'x', 'r'))).toBeNull();
  });

  it('the launch-fan cue of a radar contains the true trajectory it can see after the report', () => {
    const radarSite = createSite(36 * DEG, 133.5 * DEG, 100); // ~700 km east of the launch point
    const ew = new EarlyWarning(params(), 9, 0);
    const aer = new Float64Array(3), s = new Float64Array(6);
    let checked = 0;
    for (let i = 0; i < 40; i++) {
      const r = ew.observe({ ...traj, id: `m${i}` })!;
      const cue = launchFanCue(r, radarSite, { maxRange_m: 1500e3, maxAltitude_m: 400e3, minElevation: 1 * DEG })!;
      expect(cue).not.toBeNull();
      expect(cue.validFrom).toBe(r.reportTime);
      for (let t = r.reportTime; t < traj.endTime; t += 10) {
        ecefToAer(aer, traj.stateAt(t, s), radarSite);
        if (aer[2] < 1 * DEG) continue;
        checked++;
        expect(inCue(cue, aer[1], aer[2])).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(400);
  });
});
