import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atmosphereFast, ussa76, type AtmosphereState } from '../../src/atmosphere/index.js';

const mk = (): AtmosphereState => ({ temperature_k: 0, pressure_pa: 0, density_kg_m3: 0, speed_of_sound_mps: 0 });

describe('atmosphere table (hot-loop interpolation of USSA76)', () => {
  it('agrees with the exact model within 1e-5 (ρ, p) and 1e-6 (a) relative from −5 km to 300 km', () => {
    const a = mk();
    const b = mk();
    fc.assert(
      fc.property(fc.double({ min: -5000, max: 300_000, noNaN: true }), (h) => {
        atmosphereFast(h, a);
        ussa76(h, b);
        expect(Math.abs(a.density_kg_m3 / b.density_kg_m3 - 1)).toBeLessThan(1e-5);
        expect(Math.abs(a.pressure_pa / b.pressure_pa - 1)).toBeLessThan(1e-5);
        expect(Math.abs(a.speed_of_sound_mps / b.speed_of_sound_mps - 1)).toBeLessThan(1e-6);
      }),
      { numRuns: 20_000, seed: 11 },
    );
  });

  it('is exact on the grid points and clamps below −5 km', () => {
    const a = mk();
    const b = mk();
    for (const h of [-5000, 0, 11_000, 20_000, 86_000, 150_050]) {
      atmosphereFast(h, a);
      ussa76(h, b);
      expect(a.density_kg_m3).toBeCloseTo(b.density_kg_m3, 12);
    }
    atmosphereFast(-6000, a);
    ussa76(-5000, b);
    expect(a.density_kg_m3).toBeCloseTo(b.density_kg_m3, 12);
  });
});
