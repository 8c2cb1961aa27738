import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WGS84, aerToEcef, createSite, geodeticAltitude, geodeticToEcef, lineOfSight } from '../../src/earth/index.js';

const DEG = Math.PI / 180;
const ecef = (latD: number, lonD: number, h: number): Float64Array => geodeticToEcef(new Float64Array(3), latD * DEG, lonD * DEG, h);

describe('lineOfSight', () => {
  it('points on opposite sides of the Earth do not see each other', () => {
    expect(lineOfSight(ecef(0, 0, 1e6), ecef(0, 180, 1e6))).toBe(false);
    expect(lineOfSight(ecef(60, 10, 300e3), ecef(-60, -170, 300e3))).toBe(false);
    expect(lineOfSight(ecef(90, 0, 100e3), ecef(-90, 0, 100e3))).toBe(false);
  });

  it('a satellite overhead and the ground site see each other; the result is symmetric', () => {
    const site = ecef(35, 139, 0);
    const sat = ecef(35.5, 139.5, 500e3);
    expect(lineOfSight(site, sat)).toBe(true);
    expect(lineOfSight(sat, site)).toBe(true);
    expect(lineOfSight(site, site)).toBe(true);
  });

  it('from a ground site: just above the horizontal plane is visible, just below is not', () => {
    for (const [la, lo] of [[0, 0], [35, 139], [-70, 20], [89.9, 0]]) {
      for (const h of [0, -50]) {
        const s = createSite(la * DEG, lo * DEG, h);
        for (const az of [0, 1, 2.5, 4]) {
          const up = aerToEcef(new Float64Array(3), 2000e3, az, 0.05 * DEG, s);
          const down = aerToEcef(new Float64Array(3), 2000e3, az, -0.05 * DEG, s);
          expect(lineOfSight(s.ecef, up)).toBe(true);
          expect(lineOfSight(s.ecef, down)).toBe(false);
        }
      }
    }
  });

  it('grazing rays: the margin removes a ray passing h metres above the surface iff margin > h', () => {
    // Equatorial plane: chord whose midpoint is (a + 1000, 0, 0), i.e. 1000 m above the equator.
    const y = 2000e3;
    const p = [WGS84.a + 1000, y, 0];
    const q = [WGS84.a + 1000, -y, 0];
    expect(lineOfSight(p, q)).toBe(true);
    expect(lineOfSight(p, q, 999)).toBe(true);
    expect(lineOfSight(p, q, 1001)).toBe(false);
    // Over the pole: midpoint (0, 0, b + 1000). With z scaled by (a+m)/(b+m) the test is exact.
    const u = [1500e3, 0, WGS84.b + 1000];
    const v = [-1500e3, 0, WGS84.b + 1000];
    expect(lineOfSight(u, v)).toBe(true);
    expect(lineOfSight(u, v, 999)).toBe(true);
    expect(lineOfSight(u, v, 1001)).toBe(false);
    // A chord that dips 1 km below the equator.
    expect(lineOfSight([WGS84.a - 1000, y, 0], [WGS84.a - 1000, -y, 0])).toBe(false);
  });

  it('agrees with dense sampling of the geodetic altitude along the segment (endpoints above ground)', () => {
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    const p = new Float64Array(3);
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: 0, max: 1500e3, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: 0, max: 1500e3, noNaN: true }),
        (la1, lo1, h1, la2, lo2, h2) => {
          geodeticToEcef(a, la1 * DEG, lo1 * DEG, h1);
          geodeticToEcef(b, la2 * DEG, lo2 * DEG, h2);
          let minH = Infinity;
          const n = 4000;
          for (let i = 1; i < n; i++) {
            const t = i / n;
            for (let k = 0; k < 3; k++) p[k] = a[k] + t * (b[k] - a[k]);
            minH = Math.min(minH, geodeticAltitude(p));
          }
          // Between samples the altitude can dip by at most ≈ (step)²/(8R); stay clear of that band.
          const step = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) / n;
          const band = (step * step) / (8 * 6.3e6) + 1;
          fc.pre(Math.abs(minH) > band);
          expect(lineOfSight(a, b)).toBe(minH > 0);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
