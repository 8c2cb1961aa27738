import { describe, expect, it } from 'vitest';
import { aimMissile, type Shape } from '../../src/threat/index.js';
import { UserError } from '../../src/errors.js';
import { geodesicDirect, geodesicInverse } from '../../src/earth/index.js';
import { rngStream } from '../../src/math/index.js';
import { DEG, MISSILES, vehicle } from './helpers.js';

/** Targets at a fraction of the published range, on random bearings from random launch points (seeded). */
function cases(id: string, n: number): { launch: { lat: number; lon: number; h: number; time: number }; target: { lat: number; lon: number } }[] {
  const rng = rngStream(2026, 0, id, 'aim-test');
  const range = vehicle(id).type.range_km * 1000;
  const out = [];
  for (let i = 0; i < n; i++) {
    const lat = rng.uniformRange(-60, 60) * DEG;
    const lon = rng.uniformRange(-180, 180) * DEG;
    const az = rng.uniformRange(0, 360) * DEG;
    const s = rng.uniformRange(0.25, 0.85) * range;
    const t = geodesicDirect(lat, lon, az, s);
    out.push({ launch: { lat, lon, h: 0, time: rng.uniformRange(0, 3600) }, target: { lat: t.lat, lon: t.lon } });
  }
  return out;
}

describe('aim-point solver', () => {
  it.each(MISSILES)('%s: minimum-energy flights land within 100 m of random targets (solver aims at 1 m)', (id) => {
    const v = vehicle(id);
    for (const c of cases(id, 6)) {
      const r = aimMissile(v, c.launch, c.target, { type: 'min-energy' });
      expect(r.miss).toBeLessThan(100);
      // the recorded trajectory ends at the reported impact, on the target
      const s = new Float64Array(6);
      r.flight.rv.stateAt(r.flight.rv.t1, s, 'ecef');
      expect(r.flight.impactTime).toBeCloseTo(r.flight.rv.t1, 9);
    }
  });

  it('every shape lands on target and meets its condition', () => {
    const v = vehicle('nodong');
    const launch = { lat: 40.0 * DEG, lon: 127.5 * DEG, h: 0, time: 0 };
    const target = { lat: 35.68 * DEG, lon: 139.69 * DEG };
    const shapes: Shape[] = [
      { type: 'min-energy' },
      { type: 'lofted' },
      { type: 'depressed' },
      { type: 'lofted', apogeeM: 380e3 },
      { type: 'depressed', apogeeM: 160e3 },
      { type: 'burnout-angle', angleRad: 30 * DEG },
    ];
    const res = shapes.map((s) => aimMissile(v, launch, target, s));
    for (const r of res) expect(r.miss).toBeLessThan(100);
    expect(Math.abs(res[3].flight.apogeeAltitude - 380e3)).toBeLessThan(1000);
    expect(Math.abs(res[4].flight.apogeeAltitude - 160e3)).toBeLessThan(1000);
    expect(Math.abs(res[5].flight.burnoutGamma - 30 * DEG)).toBeLessThan(1e-3);
    // full-burn lofted/depressed use all the propellant; lofted flies higher and longer than min-energy, depressed lower and shorter
    expect(res[1].steering.cutoff).toBe(v.fullBurnout);
    expect(res[2].steering.cutoff).toBe(v.fullBurnout);
    expect(res[1].flight.apogeeAltitude).toBeGreaterThan(res[0].flight.apogeeAltitude);
    expect(res[2].flight.apogeeAltitude).toBeLessThan(res[0].flight.apogeeAltitude);
    expect(res[1].flight.impactTime).toBeGreaterThan(res[0].flight.impactTime);
    expect(res[2].flight.impactTime).toBeLessThan(res[0].flight.impactTime);
    // minimum energy: the least inertial burnout speed of the shapes that reach the target by cut-off
    // (it is the vacuum free-flight condition; with gravity and drag losses of the boost it need not
    // be the least propellant — a flatter ascent loses less to gravity)
    const speed = (i: number) => Math.hypot(res[i].flight.burnoutState[3], res[i].flight.burnoutState[4], res[i].flight.burnoutState[5]);
    for (const i of [3, 4, 5]) expect(speed(0)).toBeLessThan(speed(i));
  });

  it('an unreachable target is a user error naming the maximum range for the shape', () => {
    const v = vehicle('nodong');
    const launch = { lat: 40.0 * DEG, lon: 127.5 * DEG, h: 0, time: 0 };
    const far = { lat: 25.0 * DEG, lon: 145.0 * DEG };
    const range = geodesicInverse(launch.lat, launch.lon, far.lat, far.lon).s / 1000;
    let err: unknown;
    try {
      aimMissile(v, launch, far, { type: 'min-energy' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const msg = (err as UserError).problems[0].message;
    expect(msg).toContain(`${range.toFixed(0)} km away`);
    const m = /maximum range of (\d+) km for a minimum-energy trajectory/.exec(msg);
    expect(m).not.toBeNull();
    // the named maximum range is the published class (1,300 km ± 10 %)
    expect(Number(m![1])).toBeGreaterThan(1170);
    expect(Number(m![1])).toBeLessThan(1430);
    expect(() => aimMissile(v, launch, { lat: 35.68 * DEG, lon: 139.69 * DEG }, { type: 'lofted', apogeeM: 900e3 })).toThrow(/maximum range of \d+ km for a lofted trajectory with a 900 km apogee/);
  });

  it('is deterministic: the same inputs give bit-identical steering', () => {
    const v = vehicle('df-21');
    const c = cases('df-21', 1)[0];
    const a = aimMissile(v, c.launch, c.target, { type: 'min-energy' });
    const b = aimMissile(v, c.launch, c.target, { type: 'min-energy' });
    expect(a.steering).toEqual(b.steering);
    expect(Array.from(a.flight.impactEcef)).toEqual(Array.from(b.flight.impactEcef));
  });
});
