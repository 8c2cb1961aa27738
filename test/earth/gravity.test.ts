import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WGS84, gravityJ2, gravityJ2Jacobian, gravityPointMass, potentialJ2 } from '../../src/earth/index.js';

const unit = fc.double({ min: -1, max: 1, noNaN: true });
const radius = fc.double({ min: WGS84.b - 10e3, max: 4.2e7, noNaN: true });

/** Random position from a direction and a radius. */
function pos(ux: number, uy: number, uz: number, r: number): Float64Array | undefined {
  const l = Math.hypot(ux, uy, uz);
  if (l < 1e-3) return undefined;
  return Float64Array.of((ux / l) * r, (uy / l) * r, (uz / l) * r);
}

describe('gravity', () => {
  it('point mass: magnitude GM/r², pointing at the centre; out may alias', () => {
    const r = Float64Array.of(3e6, 4e6, 12e6);
    const g = gravityPointMass(new Float64Array(3), r);
    const rr = 13e6;
    expect(Math.hypot(g[0], g[1], g[2])).toBeCloseTo(WGS84.GM / (rr * rr), 14);
    for (let i = 0; i < 3; i++) expect(g[i] / Math.hypot(g[0], g[1], g[2])).toBeCloseTo(-r[i] / rr, 14);
    gravityPointMass(r, r);
    expect(Array.from(r)).toEqual(Array.from(g));
  });

  it('gravityJ2 = −∇V by central finite differences', () => {
    const g = new Float64Array(3);
    fc.assert(
      fc.property(unit, unit, unit, radius, (ux, uy, uz, rr) => {
        const r = pos(ux, uy, uz, rr);
        fc.pre(r !== undefined);
        const p = r as Float64Array;
        gravityJ2(g, p);
        const h = 1e-3 * rr * 1e-3; // 1 m at the surface, scaled with r
        for (let j = 0; j < 3; j++) {
          const q = Float64Array.from(p);
          q[j] += h;
          const v1 = potentialJ2(q);
          q[j] -= 2 * h;
          const v0 = potentialJ2(q);
          const fd = -(v1 - v0) / (2 * h);
          // Round-off ≈ 4ε|V|/(2h) ≈ 2e-10·GM/r², truncation ≈ (h/r)²·GM/r² = 1e-12·GM/r²;
          // the J2 term itself is ~1e-3·GM/r², so 1e-8·GM/r² still tests it tightly.
          expect(Math.abs(g[j] - fd)).toBeLessThan(1e-8 * (WGS84.GM / (rr * rr)));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the J2 part is the analytic closed form on the equator and on the axis', () => {
    const g = new Float64Array(3);
    const r = 7e6;
    const q = (WGS84.a / r) ** 2;
    gravityJ2(g, [r, 0, 0]);
    expect(g[0]).toBeCloseTo((-WGS84.GM / (r * r)) * (1 + 1.5 * WGS84.J2 * q), 14);
    expect(Math.abs(g[1])).toBe(0);
    expect(Math.abs(g[2])).toBe(0);
    gravityJ2(g, [0, 0, -r]);
    expect(g[2]).toBeCloseTo((WGS84.GM / (r * r)) * (1 - 3 * WGS84.J2 * q), 14);
    expect(Math.abs(g[0])).toBe(0);
  });

  it('|g| at the equator and the pole surface equals the J2 formula value', () => {
    const g = new Float64Array(3);
    gravityJ2(g, [0, WGS84.a, 0]);
    const ge = (WGS84.GM / WGS84.a ** 2) * (1 + 1.5 * WGS84.J2);
    expect(Math.hypot(g[0], g[1], g[2])).toBeCloseTo(ge, 13);
    expect(ge).toBeCloseTo(9.8141973, 7);
    gravityJ2(g, [0, 0, WGS84.b]);
    const gp = (WGS84.GM / WGS84.b ** 2) * (1 - 3 * WGS84.J2 * (WGS84.a / WGS84.b) ** 2);
    expect(Math.hypot(g[0], g[1], g[2])).toBeCloseTo(gp, 13);
    expect(gp).toBeCloseTo(9.8320669, 7);
  });

  it('J2 is a small perturbation: |a_J2 − a_pm| ≤ 1.5·J2·(a/r)²·|a_pm|·(1 + 2|z|/r)', () => {
    const g = new Float64Array(3);
    const p = new Float64Array(3);
    fc.assert(
      fc.property(unit, unit, unit, radius, (ux, uy, uz, rr) => {
        const r = pos(ux, uy, uz, rr);
        fc.pre(r !== undefined);
        gravityJ2(g, r as Float64Array);
        gravityPointMass(p, r as Float64Array);
        const d = Math.hypot(g[0] - p[0], g[1] - p[1], g[2] - p[2]);
        const bound = 1.5 * WGS84.J2 * (WGS84.a / rr) ** 2 * (WGS84.GM / (rr * rr)) * 3;
        expect(d).toBeLessThanOrEqual(bound);
        expect(d).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('Jacobian matches central finite differences of gravityJ2 and is symmetric', () => {
    const jac = new Float64Array(9);
    const g1 = new Float64Array(3);
    const g0 = new Float64Array(3);
    fc.assert(
      fc.property(unit, unit, unit, radius, (ux, uy, uz, rr) => {
        const r = pos(ux, uy, uz, rr);
        fc.pre(r !== undefined);
        const p = r as Float64Array;
        gravityJ2Jacobian(jac, p);
        const h = rr * 1e-5;
        const scale = WGS84.GM / rr ** 3; // size of the Jacobian's entries
        for (let j = 0; j < 3; j++) {
          const q = Float64Array.from(p);
          q[j] += h;
          gravityJ2(g1, q);
          q[j] -= 2 * h;
          gravityJ2(g0, q);
          for (let i = 0; i < 3; i++) {
            const fd = (g1[i] - g0[i]) / (2 * h);
            // Central difference truncation ~ (h/r)² ≈ 1e-10 relative; round-off ~1e-16/1e-5.
            expect(Math.abs(jac[3 * i + j] - fd)).toBeLessThan(1e-9 * scale);
          }
        }
        expect(jac[1]).toBe(jac[3]);
        expect(Math.abs(jac[2] - jac[6])).toBeLessThanOrEqual(1e-15 * scale);
        expect(Math.abs(jac[5] - jac[7])).toBeLessThanOrEqual(1e-15 * scale);
        // Outside the masses V is harmonic: trace of ∂a/∂r = −∇²V = 0.
        expect(Math.abs(jac[0] + jac[4] + jac[8])).toBeLessThan(1e-13 * scale);
      }),
      { numRuns: 2000 },
    );
  });
});
