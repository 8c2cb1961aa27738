/**
 * Fly-out: frames and steering direction, energy conservation on the exo coast, homing that
 * corrects a biased midcourse track, the divert budget, determinism.
 */
import { describe, expect, it } from 'vitest';
import { createSite, ecefToEnu, potentialJ2 } from '../../src/earth/index.js';
import {
  FlyoutSim,
  InterceptorVehicle,
  InterceptorTypeSchema,
  createBattery,
  planShot,
  refineShot,
  sharedFlyout,
  launchWindow,
  type TargetTrack,
} from '../../src/interceptor/index.js';
import { rngStream } from '../../src/math/index.js';
import { BiasedTrack, DEG, catalog, fanOf, interceptor, rvOf } from './helpers.js';

/** A far target running away from the Earth: never closes, so no guidance command is ever issued. */
const away: TargetTrack = {
  stateAt(t: number, out: Float64Array) {
    out[0] = 4e7 + 1e5 * t;
    out[1] = 0;
    out[2] = 0;
    out[3] = 1e5;
    out[4] = 0;
    out[5] = 0;
    return out;
  },
};

describe('unguided fly-out', () => {
  it('heads along the commanded azimuth (ENU at the site)', () => {
    const v = interceptor('thaad-like');
    const lat = 30 * DEG, lon = 20 * DEG;
    const site = createSite(lat, lon, 0);
    for (const azDeg of [0, 90, 200]) {
      const enu = new Float64Array(3);
      let last = new Float64Array(3);
      new FlyoutSim().flyUnguided(v, { lat, lon, h: 0 }, { launchTime: 100, azimuth: azDeg * DEG, kick: 40 * DEG }, 60, {
        add(_tf, x, y, z) {
          last = Float64Array.from([x, y, z]);
        },
      });
      ecefToEnu(enu, last, site);
      const az = (Math.atan2(enu[0], enu[1]) / DEG + 360) % 360;
      // Coriolis over 60 s deflects the track by well under a degree
      expect(Math.abs(((az - azDeg + 540) % 360) - 180)).toBeLessThan(1);
    }
  });

  it('conserves v²/2 + V_J2 on the exo coast (no thrust, no air, no command)', () => {
    const v = interceptor('sm3-like');
    const r = new FlyoutSim().flyIntercept(v, { lat: 0.3, lon: 1, h: 0 }, { launchTime: 0, azimuth: 0.5, kick: 10 * DEG }, { track: away, record: true });
    expect(r.outcome === 'timeout' || r.outcome === 'ground').toBe(true);
    expect(r.divertUsed).toBe(0);
    const tr = r.trajectory!;
    let e0 = NaN, worst = 0, n = 0;
    for (let i = 0; i < tr.t.length; i++) {
      if (tr.t[i] < v.burnout + 1) continue;
      const s = tr.eci.subarray(6 * i, 6 * i + 6);
      const rr = Math.hypot(s[0], s[1], s[2]);
      if (rr - 6.4e6 < 200e3) continue; // stay well above the air (radius margin covers the ellipsoid)
      const e = 0.5 * (s[3] * s[3] + s[4] * s[4] + s[5] * s[5]) + potentialJ2(s);
      if (!(e0 === e0)) e0 = e;
      worst = Math.max(worst, Math.abs(e - e0));
      n++;
    }
    expect(n).toBeGreaterThan(100);
    // RK4 at 0.5 s on a ~600 s coast: energy drift far below 1 J/kg of ~4.5e6 J/kg kinetic energy
    expect(worst).toBeLessThan(1e-2);
  });
});

describe('intercept with an imperfect midcourse track', () => {
  const rv = rvOf('df-21', [40, 116], [35.5, 129.5]);
  const v = interceptor('sm3-like');
  const fan = fanOf('sm3-like');
  const b = createBattery({ lat: 37 * DEG, lon: 124 * DEG, h: 0 });
  // a 2 km position and 3 m/s velocity bias in the uplinked track
  const track = new BiasedTrack(rv, [1200, -1500, 400], [2, -2, 1]);
  const w = launchWindow(v, fan, b, track, rv.t0, rv.t1);
  const plan = refineShot(v, b, planShot(fan, b, track, w.first!.interceptTime)!);

  it('without a seeker the miss is the track error (km); with it PN homing removes it', () => {
    const blind = sharedFlyout.flyIntercept(v, b.site, plan, { track, truth: rv, targetEnd: rv.t1, signature: 1e-20 });
    expect(blind.acquisitionTime).toBeNaN();
    expect(blind.miss).toBeGreaterThan(500);
    const homing = sharedFlyout.flyIntercept(v, b.site, plan, { track, truth: rv, targetEnd: rv.t1 });
    expect(homing.outcome).toBe('closest-approach');
    expect(homing.miss).toBeLessThan(v.lethalRadius);
    expect(homing.divertUsed).toBeGreaterThan(5);
    expect(homing.divertUsed).toBeLessThanOrEqual(v.divertDv);
    // the intercept lies inside the battlespace
    expect(homing.altitude).toBeGreaterThan(v.minAltitude - 1000);
    expect(homing.altitude).toBeLessThan(v.maxAltitude + 1000);
  });

  it('a divert budget too small for the error is spent and the miss stays large', () => {
    const { file: _f, ...d } = catalog.get('interceptor', 'sm3-like') as Record<string, any>;
    const poor = structuredClone(d);
    poor.kill_vehicle.divert_dv_mps = 3;
    const vp = new InterceptorVehicle(InterceptorTypeSchema.parse(poor));
    const r = sharedFlyout.flyIntercept(vp, b.site, plan, { track, truth: rv, targetEnd: rv.t1 });
    expect(r.divertUsed).toBeGreaterThanOrEqual(3 - 1e-9);
    // at most one step's worth above the budget (the check is at step starts): ≤ a_max·0.5 s
    expect(r.divertUsed).toBeLessThan(3 + vp.maxAccel * 0.5);
    expect(r.miss).toBeGreaterThan(10);
  });

  it('is deterministic: same inputs and seed → identical result and kill draw', () => {
    const run = () => sharedFlyout.flyIntercept(v, b.site, plan, { track, truth: rv, targetEnd: rv.t1, rng: rngStream(99, 5, 'sm3-1', 'kill') });
    const a = run(), c = run();
    expect(c.miss).toBe(a.miss);
    expect(c.time).toBe(a.time);
    expect(c.killed).toBe(a.killed);
    expect(c.pk).toBe(a.pk);
    expect(c.divertUsed).toBe(a.divertUsed);
  });
});
