import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WGS84, geodesicDirect, geodesicInverse } from '../../src/earth/index.js';

const DEG = Math.PI / 180;

describe('geodesics (radians, metres)', () => {
  it('direct then inverse returns the distance and start azimuth', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: 1, max: 19e6, noNaN: true }),
        (la, lo, az, s) => {
          const d = geodesicDirect(la * DEG, lo * DEG, az * DEG, s);
          expect(Math.abs(d.lat)).toBeLessThanOrEqual(Math.PI / 2);
          expect(Math.abs(d.lon)).toBeLessThanOrEqual(Math.PI);
          const inv = geodesicInverse(la * DEG, lo * DEG, d.lat, d.lon);
          expect(Math.abs(inv.s - s)).toBeLessThan(1e-6);
          // Radian ⇄ degree round-off moves the end point by ~1e-9 m: azimuth noise ~1e-9 m / s.
          const azTol = 1e-10 + 1e-8 / s;
          const dAz = Math.atan2(Math.sin(inv.azi1 - az * DEG), Math.cos(inv.azi1 - az * DEG));
          expect(Math.abs(dAz)).toBeLessThan(azTol);
          const dAz2 = Math.atan2(Math.sin(inv.azi2 - d.azi2), Math.cos(inv.azi2 - d.azi2));
          expect(Math.abs(dAz2)).toBeLessThan(azTol);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hand-checkable cases: meridian quadrant, equator arcs, due-north azimuth', () => {
    // Equator to pole along a meridian: the meridian quadrant, 10,001,965.7293 m
    // (NIMA TR8350.2 Table 3.3, "meridian quadrant"); azimuth 0 all along.
    const q = geodesicInverse(0, 0.3, Math.PI / 2, 0.3);
    expect(q.s).toBeCloseTo(10001965.7293, 3);
    expect(q.azi1).toBeCloseTo(0, 12);
    // Along the equator (short arcs) distance = a·Δλ, azimuth due east.
    const e = geodesicInverse(0, 0, 0, 10 * DEG);
    expect(e.s).toBeCloseTo(WGS84.a * 10 * DEG, 6);
    expect(e.azi1).toBeCloseTo(Math.PI / 2, 12);
    expect(e.azi2).toBeCloseTo(Math.PI / 2, 12);
    const n = geodesicDirect(10 * DEG, 20 * DEG, 0, 1000e3);
    expect(n.lon).toBeCloseTo(20 * DEG, 12);
    expect(n.lat).toBeGreaterThan(10 * DEG + 8.9 * DEG);
  });
});
