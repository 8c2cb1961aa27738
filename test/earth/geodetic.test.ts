import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WGS84,
  ecefToGeodetic,
  ecefToGeodeticAt,
  geodeticAltitude,
  geodeticToEcef,
  geodeticToEcefAt,
} from '../../src/earth/index.js';

const DEG = Math.PI / 180;

/** Position error (m) between two geodetic triples, measured along the ellipsoid's local axes. */
function geodeticError(lat: number, lon: number, h: number, got: Float64Array): number {
  const s = Math.sin(lat);
  const w = Math.sqrt(1 - WGS84.e2 * s * s);
  const n = WGS84.a / w; // prime vertical radius
  const m = (WGS84.a * (1 - WGS84.e2)) / (w * w * w); // meridian radius
  const dLat = (got[0] - lat) * (m + h);
  let dl = got[1] - lon;
  dl = Math.atan2(Math.sin(dl), Math.cos(dl));
  const dLon = dl * (n + h) * Math.cos(lat);
  const dH = got[2] - h;
  return Math.sqrt(dLat * dLat + dLon * dLon + dH * dH);
}

const latArb = fc.oneof(
  fc.double({ min: -90, max: 90, noNaN: true }),
  fc.constantFrom(-90, 90, 0, -0, 89.999999, -89.999999),
);
const lonArb = fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(-180, 180, 0));

describe('geodetic ⇄ ECEF', () => {
  it('round trip geodetic → ECEF → geodetic within 1 mm, h in [−10 km, 2000 km], poles included', () => {
    const x = new Float64Array(3);
    const g = new Float64Array(3);
    fc.assert(
      fc.property(latArb, lonArb, fc.double({ min: -10e3, max: 2000e3, noNaN: true }), (latD, lonD, h) => {
        const lat = latD * DEG, lon = lonD * DEG;
        geodeticToEcef(x, lat, lon, h);
        ecefToGeodetic(g, x);
        expect(geodeticError(lat, lon, h, g)).toBeLessThan(1e-3);
        expect(Math.abs(geodeticAltitude(x) - h)).toBeLessThan(1e-3);
      }),
      { numRuns: 20000 },
    );
  });

  it('round trip within 1 mm for satellites up to 40,000 km', () => {
    const x = new Float64Array(3);
    const g = new Float64Array(3);
    fc.assert(
      fc.property(latArb, lonArb, fc.double({ min: 2000e3, max: 40000e3, noNaN: true }), (latD, lonD, h) => {
        geodeticToEcef(x, latD * DEG, lonD * DEG, h);
        ecefToGeodetic(g, x);
        expect(geodeticError(latD * DEG, lonD * DEG, h, g)).toBeLessThan(1e-3);
      }),
      { numRuns: 5000 },
    );
  });

  it('ECEF → geodetic → ECEF within 1 mm for arbitrary points between 100 km and 40,000 km from the centre', () => {
    const g = new Float64Array(3);
    const y = new Float64Array(3);
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 100e3, max: 46378e3, noNaN: true }),
        (ux, uy, uz, r) => {
          const l = Math.hypot(ux, uy, uz);
          fc.pre(l > 1e-3);
          const x = [(ux / l) * r, (uy / l) * r, (uz / l) * r];
          ecefToGeodetic(g, x);
          geodeticToEcef(y, g[0], g[1], g[2]);
          expect(Math.hypot(y[0] - x[0], y[1] - x[1], y[2] - x[2])).toBeLessThan(1e-3);
        },
      ),
      { numRuns: 10000 },
    );
  });

  it('exact special points: equator, poles, polar axis', () => {
    const x = new Float64Array(3);
    const g = new Float64Array(3);
    geodeticToEcef(x, 0, 0, 0);
    expect(Array.from(x)).toEqual([WGS84.a, 0, 0]);
    ecefToGeodetic(g, [WGS84.a, 0, 0]);
    expect(g[0]).toBe(0);
    expect(g[1]).toBe(0);
    expect(Math.abs(g[2])).toBeLessThan(1e-9);
    ecefToGeodetic(g, [0, WGS84.a + 500, 0]);
    expect(g[0]).toBe(0);
    expect(g[1]).toBeCloseTo(Math.PI / 2, 15);
    expect(g[2]).toBeCloseTo(500, 8);
    // On the polar axis latitude is exactly ±π/2 and h = |z| − b.
    for (const z of [WGS84.b, WGS84.b + 1234.5, -(WGS84.b + 1e6), WGS84.b - 9000]) {
      ecefToGeodetic(g, [0, 0, z]);
      expect(g[0]).toBe(Math.sign(z) * (Math.PI / 2));
      expect(Math.abs(g[2] - (Math.abs(z) - WGS84.b))).toBeLessThan(1e-8);
    }
  });

  it('lat/lon signs follow the quadrant; lon in (−π, π]', () => {
    const x = new Float64Array(3);
    const g = new Float64Array(3);
    for (const [lat, lon] of [[30, 150], [-30, -150], [-60, 179.5], [45, -179.5], [10, 180]]) {
      geodeticToEcef(x, lat * DEG, lon * DEG, 100);
      ecefToGeodetic(g, x);
      expect(g[0]).toBeCloseTo(lat * DEG, 12);
      expect(Math.cos(g[1] - lon * DEG)).toBeCloseTo(1, 14);
      expect(g[1]).toBeGreaterThan(-Math.PI);
      expect(g[1]).toBeLessThanOrEqual(Math.PI);
    }
  });

  it('out may alias the input; packed-offset variants agree with the plain ones', () => {
    const x = geodeticToEcef(new Float64Array(3), 0.6, -1.2, 3456);
    const ref = ecefToGeodetic(new Float64Array(3), x);
    const alias = Float64Array.from(x);
    ecefToGeodetic(alias, alias);
    expect(Array.from(alias)).toEqual(Array.from(ref));
    const packed = new Float64Array(10);
    geodeticToEcefAt(packed, 4, 0.6, -1.2, 3456);
    expect(Array.from(packed.subarray(4, 7))).toEqual(Array.from(x));
    const out = new Float64Array(8);
    ecefToGeodeticAt(out, 2, packed, 4);
    expect(Array.from(out.subarray(2, 5))).toEqual(Array.from(ref));
    ecefToGeodeticAt(packed, 4, packed, 4);
    expect(Array.from(packed.subarray(4, 7))).toEqual(Array.from(ref));
  });

  it('geodeticAltitude is bit-identical to the h of ecefToGeodetic', () => {
    const g = new Float64Array(3);
    fc.assert(
      fc.property(fc.double({ min: -5e7, max: 5e7, noNaN: true }), fc.double({ min: -5e7, max: 5e7, noNaN: true }), fc.double({ min: -5e7, max: 5e7, noNaN: true }), (x, y, z) => {
        fc.pre(Math.hypot(x, y, z) > 1e5);
        ecefToGeodetic(g, [x, y, z]);
        expect(geodeticAltitude([x, y, z])).toBe(g[2]);
      }),
      { numRuns: 2000 },
    );
  });

  it('height grows by exactly dh along the ellipsoid normal', () => {
    // d(ECEF)/dh is the unit normal (cos φ cos λ, cos φ sin λ, sin φ): analytic derivative.
    const x0 = geodeticToEcef(new Float64Array(3), 0.4, 2.1, 0);
    const x1 = geodeticToEcef(new Float64Array(3), 0.4, 2.1, 1000);
    const n = [Math.cos(0.4) * Math.cos(2.1), Math.cos(0.4) * Math.sin(2.1), Math.sin(0.4)];
    for (let i = 0; i < 3; i++) expect(x1[i] - x0[i]).toBeCloseTo(1000 * n[i], 8);
  });
});

describe('radialHeight (the flight dynamics’ cheap height)', () => {
  it('is within 1 cm of the geodetic height from −5 km to 200 km, everywhere', async () => {
    const { radialHeight } = await import('../../src/earth/index.js');
    const p = new Float64Array(3);
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -5000, max: 200_000, noNaN: true }), (lat, lon, h) => {
        geodeticToEcef(p, (lat * Math.PI) / 180, (lon * Math.PI) / 180, h);
        expect(Math.abs(radialHeight(p[0], p[1], p[2]) - h)).toBeLessThan(0.01);
      }),
      { numRuns: 2000, seed: 3 },
    );
  });
});
