/** Internal consistency of the ideal ballistic relations (vacuum, spherical non-rotating Earth). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forAngle, IDEAL_EARTH, maxAngleForRange, minimumEnergy } from '../../src/threat/ideal-ballistic.js';

const R = IDEAL_EARTH.radius_m;
const MU = IDEAL_EARTH.mu_m3_s2;
const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('minimumEnergy / forAngle consistency', () => {
  it('forAngle(range, γ*) reproduces minimumEnergy(range) (property, 50 … 19 900 km)', () => {
    fc.assert(
      fc.property(fc.double({ min: 50e3, max: 19_900e3, noNaN: true }), (range) => {
        const me = minimumEnergy(range);
        const fa = forAngle(range, me.flight_path_angle_rad);
        expect(rel(fa.burnout_speed_mps, me.burnout_speed_mps)).toBeLessThan(1e-12);
        expect(rel(fa.flight_time_s, me.flight_time_s)).toBeLessThan(1e-12);
        expect(Math.abs(fa.apogee_m - me.apogee_m)).toBeLessThan(1e-6);
      }),
      { numRuns: 300 },
    );
  });
  it('γ* = 45° − ψ/4 is the minimum of the burnout speed over angles (numeric scan)', () => {
    for (const km of [300, 1000, 3000, 10_000, 15_000]) {
      const me = minimumEnergy(km * 1000);
      const gmax = maxAngleForRange(km * 1000);
      let best = Infinity;
      let bestG = 0;
      for (let i = 1; i < 20_000; i++) {
        const g = (gmax * i) / 20_000;
        const v = forAngle(km * 1000, g).burnout_speed_mps;
        if (v < best) {
          best = v;
          bestG = g;
        }
      }
      expect(best).toBeGreaterThanOrEqual(me.burnout_speed_mps * (1 - 1e-12));
      expect(Math.abs(bestG - me.flight_path_angle_rad)).toBeLessThan(gmax / 10_000);
      expect(Math.abs(me.flight_path_angle_rad - (Math.PI / 4 - (km * 1000) / R / 4))).toBeLessThan(1e-15);
    }
  });
  it('range equation: cos(ψ/2) = (1 − ν cos²γ)/e for any admissible (range, γ) (BMW Eq. 6.2-7)', () => {
    fc.assert(
      fc.property(fc.double({ min: 50e3, max: 19_900e3, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (range, f) => {
        const g = f * maxAngleForRange(range);
        const r = forAngle(range, g);
        const nu = (r.burnout_speed_mps ** 2 * R) / MU;
        const cg = Math.cos(g);
        const e = Math.sqrt(1 - nu * (2 - nu) * cg * cg);
        expect(Math.abs((1 - nu * cg * cg) / e - Math.cos(range / R / 2))).toBeLessThan(1e-9);
      }),
      { numRuns: 500 },
    );
  });
  it('energy and angular momentum agree between burnout and apogee (vis-viva)', () => {
    fc.assert(
      fc.property(fc.double({ min: 50e3, max: 19_000e3, noNaN: true }), fc.double({ min: 0.02, max: 0.98, noNaN: true }), (range, f) => {
        const g = f * maxAngleForRange(range);
        const r = forAngle(range, g);
        // angular momentum h = R v cos γ conserved; energy conserved: v_a = h / r_a, ε = v²/2 − μ/r equal at both ends
        const h = R * r.burnout_speed_mps * Math.cos(g);
        const ra = R + r.apogee_m;
        const va = h / ra;
        const e0 = r.burnout_speed_mps ** 2 / 2 - MU / R;
        const ea = (va * va) / 2 - MU / ra;
        expect(Math.abs(ea - e0) / Math.abs(e0)).toBeLessThan(1e-9);
      }),
      { numRuns: 500 },
    );
  });
  it('burnout speed rises away from γ*; lofted flies longer and higher than depressed', () => {
    const km = 2000e3;
    const me = minimumEnergy(km);
    expect(forAngle(km, me.flight_path_angle_rad - 0.2).burnout_speed_mps).toBeGreaterThan(me.burnout_speed_mps);
    expect(forAngle(km, me.flight_path_angle_rad + 0.2).burnout_speed_mps).toBeGreaterThan(me.burnout_speed_mps);
    // lofted flies longer and higher than depressed
    expect(forAngle(km, 1.2).flight_time_s).toBeGreaterThan(forAngle(km, 0.3).flight_time_s);
    expect(forAngle(km, 1.2).apogee_m).toBeGreaterThan(forAngle(km, 0.3).apogee_m);
  });
  it('half-way round: ψ → π gives the circular skimming orbit (γ* → 0, v → √(μ/R), t → π√(R³/μ))', () => {
    const r = minimumEnergy(Math.PI * R * (1 - 1e-9));
    expect(r.flight_path_angle_rad).toBeLessThan(1e-8);
    expect(rel(r.burnout_speed_mps, Math.sqrt(MU / R))).toBeLessThan(1e-8);
    expect(rel(r.flight_time_s, Math.PI * Math.sqrt(R ** 3 / MU))).toBeLessThan(1e-6);
  });
});

describe('domain', () => {
  it('rejects range ≤ 0, ≥ πR and NaN', () => {
    expect(() => minimumEnergy(0)).toThrow(RangeError);
    expect(() => minimumEnergy(-1)).toThrow(RangeError);
    expect(() => minimumEnergy(Math.PI * R)).toThrow(/πR/);
    expect(() => forAngle(Number.NaN, 0.5)).toThrow(RangeError);
  });
  it('rejects angles outside (0, 90°) and those needing escape speed (γ ≥ 90° − ψ/4)', () => {
    expect(() => forAngle(1e6, 0)).toThrow(RangeError);
    expect(() => forAngle(1e6, Math.PI / 2)).toThrow(RangeError);
    const range = 10_000e3;
    const gmax = maxAngleForRange(range);
    expect(gmax).toBeCloseTo(Math.PI / 2 - range / R / 4, 15);
    expect(() => forAngle(range, gmax + 1e-9)).toThrow(/escape/);
    expect(forAngle(range, gmax - 1e-6).burnout_speed_mps).toBeLessThan(Math.sqrt((2 * MU) / R));
  });
});
