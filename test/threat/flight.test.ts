import { describe, expect, it, afterEach } from 'vitest';
import fc from 'fast-check';
import { flyMissile, maxRangeKick, radialAltitude, setStepSizes, ATMOSPHERE_EDGE_M } from '../../src/threat/index.js';
import { geodesicInverse, geodeticAltitude, geodeticToEcef } from '../../src/earth/index.js';
import { DEG, MISSILES, vehicle } from './helpers.js';

const launch = { lat: 40 * DEG, lon: 127 * DEG, h: 0, time: 30 };

describe('flight integration', () => {
  afterEach(() => setStepSizes(0.5, 0.5));

  it.each(MISSILES)('%s: default RK4 steps land within 5 m of a 20x finer integration', (id) => {
    const v = vehicle(id);
    const steering = { azimuth: 100 * DEG, kick: maxRangeKick(v), cutoff: v.fullBurnout };
    setStepSizes(0.05, 0.025);
    const fine = flyMissile(v, launch, steering, false);
    setStepSizes(0.5, 0.5);
    const coarse = flyMissile(v, launch, steering, false);
    const d = geodesicInverse(fine.impactLat, fine.impactLon, coarse.impactLat, coarse.impactLon).s;
    expect(d).toBeLessThan(5);
    expect(Math.abs(fine.impactTime - coarse.impactTime)).toBeLessThan(0.05);
  });

  it('the radial height used by the dynamics is within 1 cm of the geodetic height below 200 km', () => {
    const p = new Float64Array(3);
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -5000, max: 200_000, noNaN: true }), (lat, lon, h) => {
        geodeticToEcef(p, lat * DEG, lon * DEG, h);
        expect(Math.abs(radialAltitude(p) - h)).toBeLessThan(0.01);
        expect(Math.abs(geodeticAltitude(p) - h)).toBeLessThan(1e-3);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  // Measured: 0.3 m (scud-b) to 3.4 m (df-21) in position, the integration error included.
  it.each(MISSILES)('%s: a recorded trajectory interpolates between steps like a fine integration (< 5 m, < 0.5 m/s)', (id) => {
    const v = vehicle(id);
    const steering = { azimuth: 100 * DEG, kick: maxRangeKick(v), cutoff: v.fullBurnout };
    setStepSizes(0.02, 0.01);
    const fine = flyMissile(v, launch, steering, true).rv;
    setStepSizes(0.5, 0.5);
    const coarse = flyMissile(v, launch, steering, true).rv;
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    let maxP = 0;
    let maxV = 0;
    for (let t = coarse.t0 + 0.37; t < coarse.t1 - 1; t += 0.53) {
      fine.stateAt(t, a, 'ecef');
      coarse.stateAt(t, b, 'ecef');
      maxP = Math.max(maxP, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
      maxV = Math.max(maxV, Math.hypot(a[3] - b[3], a[4] - b[4], a[5] - b[5]));
    }
    expect(maxP).toBeLessThan(5);
    expect(maxV).toBeLessThan(0.5);
  });

  it('records the phases in order, with the reentry at the 100 km edge and the impact on the ellipsoid', () => {
    const v = vehicle('nodong');
    const f = flyMissile(v, launch, { azimuth: 100 * DEG, kick: maxRangeKick(v), cutoff: v.fullBurnout }, true);
    const names = f.rv.events.map((e) => e.name);
    for (const n of ['launch', 'pitch-over', 'burnout', 'separation', 'apogee', 'reentry', 'impact']) expect(names).toContain(n);
    const times = f.rv.events.map((e) => e.t);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    const s = new Float64Array(6);
    f.rv.stateAt(f.rv.eventTime('reentry'), s, 'ecef');
    expect(Math.abs(geodeticAltitude(s) - ATMOSPHERE_EDGE_M)).toBeLessThan(1e-3);
    f.rv.stateAt(f.rv.eventTime('impact'), s, 'ecef');
    // the flight locates the impact on its radial height, within 1 cm of the geodetic one
    expect(Math.abs(geodeticAltitude(s))).toBeLessThan(0.01);
    expect(f.rv.eventTime('launch')).toBe(launch.time);
    // the booster is a separate object that separates at the same point and falls short of the RV
    expect(f.booster).not.toBeNull();
    const bImpact = f.booster!.eventTime('impact');
    expect(bImpact).toBeGreaterThan(f.burnoutTime);
    const rvImpact = new Float64Array(6);
    f.booster!.stateAt(bImpact, s, 'ecef');
    f.rv.stateAt(f.impactTime, rvImpact, 'ecef');
    expect(Math.hypot(s[0] - rvImpact[0], s[1] - rvImpact[1], s[2] - rvImpact[2])).toBeGreaterThan(1000);
  });

  it('conserves mass bookkeeping: lift-off mass is the sum of stages and RV', () => {
    for (const id of MISSILES) {
      const v = vehicle(id);
      const sum = v.type.stages.reduce((a, s) => a + s.propellant_kg + s.dry_mass_kg, v.type.rv.mass_kg);
      expect(v.launchMass).toBeCloseTo(sum, 9);
      expect(v.massAt(0, v.fullBurnout)).toBeCloseTo(sum, 9);
      expect(v.massAt(v.fullBurnout, v.fullBurnout)).toBeCloseTo(v.type.rv.mass_kg + v.type.stages[v.type.stages.length - 1].dry_mass_kg, 6);
    }
  });

  it('a pitch-over so flat that the missile hits the ground under thrust is reported as a crash, not a hang', () => {
    const v = vehicle('musudan');
    const f = flyMissile(v, launch, { azimuth: 0, kick: 1.2, cutoff: v.fullBurnout }, false);
    expect(f.crashed).toBe(true);
    expect(f.impactTime).toBeLessThan(launch.time + v.fullBurnout);
  });
});
