import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WGS84,
  aerJacobian,
  aerToEcef,
  createSite,
  ecefToAer,
  ecefToEnu,
  ecefToGeodetic,
  ecefVecToEnu,
  enuToEcef,
  enuVecToEcef,
  geodeticToEcef,
} from '../../src/earth/index.js';

const DEG = Math.PI / 180;
const siteLat = fc.double({ min: -90, max: 90, noNaN: true });
const siteLon = fc.double({ min: -180, max: 180, noNaN: true });
const siteH = fc.double({ min: -500, max: 5000, noNaN: true });
const offs = fc.double({ min: -3e6, max: 3e6, noNaN: true });

describe('site and ENU', () => {
  it('rot is orthonormal and right-handed (east × north = up); up is the ellipsoid normal', () => {
    fc.assert(
      fc.property(siteLat, siteLon, (la, lo) => {
        const s = createSite(la * DEG, lo * DEG, 0);
        const m = s.rot;
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            const d = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
            expect(d).toBeCloseTo(i === j ? 1 : 0, 14);
          }
        }
        expect(m[1] * m[5] - m[2] * m[4]).toBeCloseTo(m[6], 14);
        expect(m[2] * m[3] - m[0] * m[5]).toBeCloseTo(m[7], 14);
        expect(m[0] * m[4] - m[1] * m[3]).toBeCloseTo(m[8], 14);
      }),
      { numRuns: 2000 },
    );
    // Up is the direction in which h grows: a point 1 km "up" has h = site.h + 1 km exactly.
    const s = createSite(0.7, -0.3, 120);
    const p = enuToEcef(new Float64Array(3), [0, 0, 1000], s);
    expect(ecefToGeodetic(new Float64Array(3), p)[2]).toBeCloseTo(1120, 8);
  });

  it('ENU round trips (points and vectors), out aliasing allowed', () => {
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    fc.assert(
      fc.property(siteLat, siteLon, siteH, offs, offs, offs, (la, lo, h, e, n, u) => {
        const s = createSite(la * DEG, lo * DEG, h);
        enuToEcef(a, [e, n, u], s);
        ecefToEnu(b, a, s);
        expect(Math.hypot(b[0] - e, b[1] - n, b[2] - u)).toBeLessThan(1e-6);
        enuVecToEcef(a, [e, n, u], s);
        ecefVecToEnu(a, a, s);
        expect(Math.hypot(a[0] - e, a[1] - n, a[2] - u)).toBeLessThan(1e-8);
      }),
      { numRuns: 3000 },
    );
  });

  it('AER round trip: aerToEcef ∘ ecefToAer = identity', () => {
    const a = new Float64Array(3);
    const p = new Float64Array(3);
    fc.assert(
      fc.property(
        siteLat,
        siteLon,
        siteH,
        fc.double({ min: 1, max: 4e6, noNaN: true }),
        fc.double({ min: 0, max: 359.999, noNaN: true }),
        fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        (la, lo, h, rng, az, el) => {
          const s = createSite(la * DEG, lo * DEG, h);
          aerToEcef(p, rng, az * DEG, el * DEG, s);
          ecefToAer(a, p, s);
          expect(Math.abs(a[0] - rng)).toBeLessThan(1e-6);
          expect(Math.abs(a[2] - el * DEG)).toBeLessThan(1e-9 + 1e-6 / rng);
          // Azimuth: compare on the circle, scaled by the horizontal range.
          const dAz = Math.atan2(Math.sin(a[1] - az * DEG), Math.cos(a[1] - az * DEG));
          expect(Math.abs(dAz) * rng * Math.cos(el * DEG)).toBeLessThan(1e-6);
          expect(a[1]).toBeGreaterThanOrEqual(0);
          expect(a[1]).toBeLessThan(2 * Math.PI);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('hand-computable geometry', () => {
    const s = createSite(35 * DEG, 139 * DEG, 50);
    const aer = new Float64Array(3);
    // Straight up along the ellipsoid normal: el = 90°, range = Δh.
    ecefToAer(aer, geodeticToEcef(new Float64Array(3), 35 * DEG, 139 * DEG, 10050), s);
    expect(aer[0]).toBeCloseTo(10000, 7);
    expect(aer[2]).toBeCloseTo(Math.PI / 2, 12);
    // Straight down: el = −90°.
    ecefToAer(aer, geodeticToEcef(new Float64Array(3), 35 * DEG, 139 * DEG, -9950), s);
    expect(aer[0]).toBeCloseTo(10000, 7);
    expect(aer[2]).toBeCloseTo(-Math.PI / 2, 12);
    // Due north, east, south, west on the horizontal plane.
    const cases: Array<[number[], number]> = [
      [[0, 1e5, 0], 0],
      [[1e5, 0, 0], Math.PI / 2],
      [[0, -1e5, 0], Math.PI],
      [[-1e5, 0, 0], 1.5 * Math.PI],
      [[1e5, 1e5, 1e5 * Math.SQRT2], Math.PI / 4],
    ];
    for (const [enu, az] of cases) {
      ecefToAer(aer, enuToEcef(new Float64Array(3), enu, s), s);
      // Compare on the circle: due north may come out as 2π − 1e-16 (still in [0, 2π)).
      expect(Math.sin(aer[1] - az)).toBeCloseTo(0, 12);
      expect(Math.cos(aer[1] - az)).toBeCloseTo(1, 12);
      expect(aer[0]).toBeCloseTo(Math.hypot(enu[0], enu[1], enu[2]), 6);
    }
    ecefToAer(aer, enuToEcef(new Float64Array(3), [0, 1e5, 0], s), s);
    expect(aer[2]).toBeCloseTo(0, 12);
    ecefToAer(aer, enuToEcef(new Float64Array(3), [1e5, 1e5, 1e5 * Math.SQRT2], s), s);
    expect(aer[2]).toBeCloseTo(Math.PI / 4, 12);
    // A point on the ellipsoid 100 km due north along the meridian is below the horizontal:
    // its elevation is about −(angle subtended)/2 = −d/(2 M) for the meridian radius M.
    const north = geodeticToEcef(new Float64Array(3), 35 * DEG + 1e5 / 6.3598e6, 139 * DEG, 50);
    ecefToAer(aer, north, s);
    expect(Math.sin(aer[1])).toBeCloseTo(0, 9); // due north (0 or 2π⁻ up to round-off)
    expect(Math.cos(aer[1])).toBeGreaterThan(0);
    expect(aer[2]).toBeCloseTo(-1e5 / (2 * 6.3598e6), 5);
  });

  it('north pole site: north points toward −x for lon 0; azimuth 0 along the meridian of lon 180', () => {
    const s = createSite(Math.PI / 2, 0, 0);
    const aer = ecefToAer(new Float64Array(3), [-1e5, 0, WGS84.b], s);
    expect(Math.sin(aer[1])).toBeCloseTo(0, 12);
    expect(Math.cos(aer[1])).toBeCloseTo(1, 12);
  });

  it('aerJacobian matches central finite differences', () => {
    const jac = new Float64Array(9);
    const p = new Float64Array(3);
    const f1 = new Float64Array(3);
    const f0 = new Float64Array(3);
    fc.assert(
      fc.property(
        siteLat,
        siteLon,
        fc.double({ min: 1e4, max: 3e6, noNaN: true }),
        fc.double({ min: 0, max: 359, noNaN: true }),
        fc.double({ min: -60, max: 85, noNaN: true }),
        (la, lo, rng, az, el) => {
          const s = createSite(la * DEG, lo * DEG, 0);
          aerToEcef(p, rng, az * DEG, el * DEG, s);
          aerJacobian(jac, p, s);
          const h = 1e-3 * Math.max(1, rng * 1e-4);
          for (let j = 0; j < 3; j++) {
            const q = Float64Array.from(p);
            q[j] += h;
            ecefToAer(f1, q, s);
            q[j] -= 2 * h;
            ecefToAer(f0, q, s);
            let dAz = f1[1] - f0[1];
            if (dAz > Math.PI) dAz -= 2 * Math.PI;
            if (dAz < -Math.PI) dAz += 2 * Math.PI;
            const fd = [(f1[0] - f0[0]) / (2 * h), dAz / (2 * h), (f1[2] - f0[2]) / (2 * h)];
            // Range row is dimensionless (≤ 1); angle rows scale as 1/range.
            expect(Math.abs(jac[j] - fd[0])).toBeLessThan(1e-6);
            expect(Math.abs(jac[3 + j] - fd[1]) * rng * Math.cos(el * DEG)).toBeLessThan(1e-5);
            expect(Math.abs(jac[6 + j] - fd[2]) * rng).toBeLessThan(1e-5);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('aerJacobian: range row is the unit line of sight; zero az row straight overhead (to round-off)', () => {
    const s = createSite(0.3, 0.2, 0);
    const p = aerToEcef(new Float64Array(3), 5e4, 1.0, 0.4, s);
    const j = aerJacobian(new Float64Array(9), p, s);
    const d = [p[0] - s.ecef[0], p[1] - s.ecef[1], p[2] - s.ecef[2]];
    const r = Math.hypot(d[0], d[1], d[2]);
    for (let i = 0; i < 3; i++) expect(j[i]).toBeCloseTo(d[i] / r, 14);
    const up = enuToEcef(new Float64Array(3), [0, 0, 1e4], s);
    aerJacobian(j, up, s);
    expect(Array.from(j.subarray(3, 6)).map(Math.abs)).toEqual([0, 0, 0]);
    expect(j.every(Number.isFinite)).toBe(true);
  });
});
