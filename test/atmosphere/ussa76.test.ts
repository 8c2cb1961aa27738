/** Properties of the USSA76 model: continuity, monotonicity, consistency, domain. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { density, speedOfSound, ussa76, type AtmosphereState } from '../../src/atmosphere/index.js';

const R0 = 6_356_766; // USSA76 r0, m
const RSTAR = 8314.32; // USSA76 R*, J/(kmol·K)
const M0 = 28.9644; // USSA76 M0, kg/kmol
const GAMMA = 1.4;
const fresh = (): AtmosphereState => ({ temperature_k: 0, pressure_pa: 0, density_kg_m3: 0, speed_of_sound_mps: 0 });
/** Geometric altitude of a geopotential height (inverse of USSA76 Eq. 18). */
const zOfH = (h: number): number => (R0 * h) / (R0 - h);

describe('continuity', () => {
  // Layer bases in geopotential metres (USSA76 Table 4) plus the extension's joins, in geometric m.
  const joins = [11_000, 20_000, 32_000, 47_000, 51_000, 71_000].map(zOfH).concat([80_000, 86_000, 91_000, 110_000, 120_000, 1_000_000]);
  const knots = [90e3, 95e3, 100e3, 130e3, 150e3, 200e3, 250e3, 300e3, 400e3, 500e3, 600e3, 700e3, 800e3, 900e3];
  for (const z of joins.concat(knots)) {
    it(`T, p, ρ, a continuous at z = ${(z / 1000).toFixed(3)} km`, () => {
      const below = ussa76(z - 1e-4, fresh());
      const above = ussa76(z + 1e-4, fresh());
      // A 0.2 mm step changes ln p by ~3e-8 at most; anything larger is a jump. T (and so ρ =
      // pM/(R*T)) may jump by the standard's own rounding: at 110 km the elliptical Eq. 28 with
      // its 7-digit constants ends 2.8e-4 K (1.2e-6) away from the linear Eq. 29's 240 K, and at
      // 86 km T_M·0.999579 differs from T7 = 186.8673 K in the 7th digit.
      expect(Math.abs(above.temperature_k / below.temperature_k - 1)).toBeLessThan(2e-6);
      expect(Math.abs(above.pressure_pa / below.pressure_pa - 1)).toBeLessThan(1e-7);
      expect(Math.abs(above.density_kg_m3 / below.density_kg_m3 - 1)).toBeLessThan(2e-6);
      expect(Math.abs(above.speed_of_sound_mps / below.speed_of_sound_mps - 1)).toBeLessThan(1e-6);
    });
  }
});

describe('monotonicity and consistency', () => {
  it('density strictly decreases with altitude (−5 … 3000 km)', () => {
    fc.assert(
      fc.property(fc.double({ min: -5000, max: 3e6, noNaN: true }), fc.double({ min: 1, max: 2e5, noNaN: true }), (z, dz) => {
        expect(density(z + dz)).toBeLessThan(density(z));
      }),
      { numRuns: 2000 },
    );
  });
  it('pressure strictly decreases on a 100 m grid from −5 to 1500 km', () => {
    let prev = Infinity;
    const s = fresh();
    for (let z = -5000; z <= 1.5e6; z += 100) {
      ussa76(z, s);
      expect(s.pressure_pa).toBeLessThan(prev);
      prev = s.pressure_pa;
    }
  });
  it('density() and speedOfSound() equal the full state bit for bit', () => {
    fc.assert(
      fc.property(fc.double({ min: -5000, max: 3e6, noNaN: true }), (z) => {
        const s = ussa76(z, fresh());
        expect(density(z)).toBe(s.density_kg_m3);
        expect(speedOfSound(z)).toBe(s.speed_of_sound_mps);
      }),
      { numRuns: 2000 },
    );
  });
  it('ideal gas everywhere: a² = γ p/ρ; and p = ρ R* T_M/M0 with T_M = T below 80 km', () => {
    fc.assert(
      fc.property(fc.double({ min: -5000, max: 3e6, noNaN: true }), (z) => {
        const s = ussa76(z, fresh());
        expect(Math.abs((s.speed_of_sound_mps * s.speed_of_sound_mps * s.density_kg_m3) / (GAMMA * s.pressure_pa) - 1)).toBeLessThan(1e-12);
        if (z < 80_000) expect(Math.abs((s.density_kg_m3 * RSTAR * s.temperature_k) / (M0 * s.pressure_pa) - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 1000 },
    );
  });
  it('hydrostatic below 86 km: dp/dz = −ρ g with g = g0 (r0/(r0+z))² (central difference)', () => {
    for (let z = -4000; z < 85_000; z += 3700) {
      const dz = 0.5;
      const dpdz = (ussa76(z + dz, fresh()).pressure_pa - ussa76(z - dz, fresh()).pressure_pa) / (2 * dz);
      const s = ussa76(z, fresh());
      const g = 9.80665 * (R0 / (R0 + z)) ** 2;
      expect(Math.abs(dpdz / (-s.density_kg_m3 * g) - 1)).toBeLessThan(1e-6);
    }
  });
  it('80–86 km: T/T_M follows Table 8 at its tabulated points', () => {
    // M/M0 from USSA76 Table 8; T_M = a² M0/(γ R*) (Eq. 50 inverted).
    const table8: Array<[number, number]> = [
      [80.5, 0.999996],
      [82, 0.999941],
      [83.5, 0.999829],
      [85, 0.999694],
      [85.5, 0.999641],
    ];
    for (const [km, ratio] of table8) {
      const s = ussa76(km * 1000, fresh());
      const tm = (s.speed_of_sound_mps ** 2 * M0) / (GAMMA * RSTAR);
      expect(s.temperature_k / tm).toBeCloseTo(ratio, 9);
    }
  });
  it('temperature tends to T∞ = 1000 K and density keeps falling above 1000 km', () => {
    const s = ussa76(2e6, fresh());
    expect(s.temperature_k).toBeGreaterThan(999.999);
    expect(s.temperature_k).toBeLessThanOrEqual(1000);
    // continues with the 900–1000 km scale height (≈ 208 km): e-fold per ≈ 208 km
    const h = 1e5 / Math.log(density(1.1e6) / density(1.2e6));
    expect(h).toBeGreaterThan(207e3);
    expect(h).toBeLessThan(209e3);
  });
});

describe('domain', () => {
  it('accepts −5 km exactly, rejects below and NaN with a RangeError naming the domain', () => {
    expect(density(-5000)).toBeGreaterThan(1.9);
    expect(() => ussa76(-5000.001, fresh())).toThrow(RangeError);
    expect(() => density(-6000)).toThrow(/≥ -5000 m/);
    expect(() => speedOfSound(Number.NaN)).toThrow(RangeError);
  });
  it('writes into and returns the given object', () => {
    const s = fresh();
    expect(ussa76(1000, s)).toBe(s);
  });
});
