/**
 * Published reference values for src/earth, each with its source.
 */
import { describe, expect, it } from 'vitest';
import {
  WGS84,
  ecefToGeodetic,
  geodesicDirect,
  geodesicInverse,
  geodeticToEcef,
  gravityJ2,
} from '../../src/earth/index.js';

const DEG = Math.PI / 180;
/** Signed difference of two angles (rad) wrapped to (−π, π]. */
const angDiff = (x: number, y: number): number => Math.atan2(Math.sin(x - y), Math.cos(x - y));
const dms = (d: number, m: number, s: number): number => (d + m / 60 + s / 3600) * DEG;

describe('WGS84 derived constants — NIMA TR8350.2 (3rd ed., 2000), Table 3.3', () => {
  it('b, e², e′² to the digits printed there', () => {
    expect(Math.abs(WGS84.b - 6356752.3142)).toBeLessThan(0.00005);
    expect(Math.abs(WGS84.e2 - 6.69437999014e-3)).toBeLessThan(0.5e-14);
    expect(Math.abs(WGS84.ep2 - 6.73949674228e-3)).toBeLessThan(0.5e-14);
  });
});

describe('geographic ⇄ geocentric — EPSG Guidance Note 7-2, method 9602 worked example', () => {
  // IOGP Publication 373-7-2, "Geomatics Guidance Note 7, part 2", §4.1.1 (Geographic/geocentric
  // conversions, EPSG 9602), example: WGS 84, φ = 53°48′33.820″N, λ = 2°07′46.380″E, h = 73.0 m
  // ↔ X = 3771793.97 m, Y = 140253.34 m, Z = 5124304.35 m (as carried in the EPSG dataset's
  // method 9602/9603 examples, printed to the centimetre).
  const lat = dms(53, 48, 33.82);
  const lon = dms(2, 7, 46.38);
  const xyz = [3771793.97, 140253.34, 5124304.35];

  it('forward: to the published centimetre (±5 mm rounding)', () => {
    const x = geodeticToEcef(new Float64Array(3), lat, lon, 73.0);
    for (let i = 0; i < 3; i++) expect(Math.abs(x[i] - xyz[i])).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it('reverse: φ, λ within 0.001″ and h within 1 cm of the published values', () => {
    const g = ecefToGeodetic(new Float64Array(3), xyz);
    // Inputs rounded to 5 mm move the answer by ≤ 5 mm ≈ 0.00016″; 0.001″ is the printed digit.
    expect(Math.abs(g[0] - lat) / DEG * 3600).toBeLessThan(0.001);
    expect(Math.abs(g[1] - lon) / DEG * 3600).toBeLessThan(0.001);
    expect(Math.abs(g[2] - 73.0)).toBeLessThan(0.01);
  });
});

describe('gravity vs WGS84 normal gravity — NIMA TR8350.2 Table 3.4', () => {
  // γe = 9.7803253359 m/s² (equator), γp = 9.8321849378 m/s² (poles): gravity (gravitation +
  // centrifugal) of the WGS84 level ellipsoid, whose field has C̄2,0 = −0.484166774985e-3
  // (TR8350.2 Table 3.4) and higher even zonals from W. A. Heiskanen & H. Moritz, "Physical
  // Geodesy" (1967) eq. 2-92: J2n = (−1)^(n+1) 3e^(2n) / ((2n+1)(2n+3)) · (1 − n + 5n J2/e²).
  // Our model has only J2 (EGM96's, 3e-6 relative smaller), so the test adds those known
  // differences analytically; what remains must vanish to the J10 level (< 1e-10 m/s²).
  const J2ell = -Math.sqrt(5) * -0.484166774985e-3;
  const J = (n: number): number =>
    ((-1) ** (n + 1) * 3 * WGS84.e2 ** n * (1 - n + (5 * n * J2ell) / WGS84.e2)) / ((2 * n + 1) * (2 * n + 3));
  // Legendre P2n at s = 0 (equator) and s = 1 (pole).
  const P0 = [1, -1 / 2, 3 / 8, -5 / 16, 35 / 128];
  // Radial gravitation of the zonal series at (r, s) is −GM/r² [1 − Σ (2n+1) J2n (a/r)^(2n) P2n(s)];
  // at the equator and the poles it is the whole of it (the tangential part vanishes there).
  const extra = (r: number, p: (n: number) => number): number => {
    const q = (WGS84.a / r) ** 2;
    let sum = -3 * (J2ell - WGS84.J2) * q * p(1);
    for (let n = 2; n <= 4; n++) sum -= (2 * n + 1) * J(n) * q ** n * p(n);
    return (WGS84.GM / (r * r)) * sum;
  };

  it('the Heiskanen–Moritz series reproduces J2 of the level ellipsoid (self-check)', () => {
    expect(J(1)).toBeCloseTo(J2ell, 15);
    expect(J(2)).toBeCloseTo(-2.37091e-6, 11); // J4 of GRS80/WGS84 (Moritz 2000: −0.00000237091222)
  });

  it('equator: |gravityJ2| − ω²a + higher zonals = γe', () => {
    const g = gravityJ2(new Float64Array(3), [WGS84.a, 0, 0]);
    const gamma = -g[0] + extra(WGS84.a, (n) => P0[n]) - WGS84.omega ** 2 * WGS84.a;
    expect(Math.abs(gamma - 9.7803253359)).toBeLessThan(2e-9);
  });

  it('pole: |gravityJ2| + higher zonals = γp (no centrifugal term on the axis)', () => {
    const g = gravityJ2(new Float64Array(3), [0, 0, WGS84.b]);
    const gamma = -g[2] + extra(WGS84.b, () => 1);
    expect(Math.abs(gamma - 9.8321849378)).toBeLessThan(2e-9);
  });
});

describe('geodesics — C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87:43–55 (2013)', () => {
  it('worked direct example: φ1 = 40°, α1 = 30°, s12 = 10,000 km', () => {
    // Published: φ2 = 41.79331020506°, λ12 = 137.84490004377°, α2 = 149.09016931807°.
    const d = geodesicDirect(40 * DEG, 0, 30 * DEG, 10e6);
    expect(Math.abs(d.lat / DEG - 41.79331020506)).toBeLessThan(0.6e-11);
    expect(Math.abs(d.lon / DEG - 137.84490004377)).toBeLessThan(0.6e-11);
    expect(Math.abs(d.azi2 / DEG - 149.09016931807)).toBeLessThan(0.6e-11);
  });

  it('worked inverse example (nearly antipodal): φ1 = −30°, φ2 = 29.9°, λ12 = 179.8°', () => {
    // Published: α1 = 161.890524736°, α2 = 18.090737246°, s12 = 19989832.827610 m.
    const r = geodesicInverse(-30 * DEG, 0, 29.9 * DEG, 179.8 * DEG);
    expect(Math.abs(r.azi1 / DEG - 161.890524736)).toBeLessThan(0.6e-9);
    expect(Math.abs(r.azi2 / DEG - 18.090737246)).toBeLessThan(0.6e-9);
    expect(Math.abs(r.s - 19989832.82761)).toBeLessThan(0.6e-6);
  });

  it('worked inverse example (short line): φ1 = −30.12345°, φ2 = −30.12344°, λ12 = 0.00005°', () => {
    // Published: s12 = 4.944208 m, α1 = 77.04353354°, α2 = 77.04350845°.
    const r = geodesicInverse(-30.12345 * DEG, 0, -30.12344 * DEG, 0.00005 * DEG);
    expect(Math.abs(r.s - 4.944208)).toBeLessThan(0.6e-6);
    expect(Math.abs(r.azi1 / DEG - 77.04353354)).toBeLessThan(0.6e-8);
    expect(Math.abs(r.azi2 / DEG - 77.04350845)).toBeLessThan(0.6e-8);
  });

  // Lines of Karney's geodesic test set as carried in GeographicLib's own test suite
  // (geographiclib-js test/geodesictest.js, `testcases`; C. F. F. Karney, "Test set for
  // geodesics", 2010, doi:10.5281/zenodo.32156): lat1 lon1 azi1 lat2 lon2 azi2 (°) s12 (m).
  const lines: Array<[number, number, number, number, number, number, number]> = [
    [35.60777, -139.44815, 111.098748429560326, -11.17491, -69.95921, 129.289270889708762, 8935244.5604818305],
    [55.52454, 106.05087, 22.020059880982801, 77.03196, 197.18234, 109.112041110671519, 4105086.1713924406],
    [-21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, -41.84359951440466, 8394328.894657671],
    [-66.99028, 112.2363, 173.73491240878403, -12.70631, 285.90344, 2.512956620913668, 11150344.2312080241],
    [-17.42761, 173.34268, -159.033557661192928, -15.84784, 5.93557, -20.787484651536988, 16076603.1631180673],
  ];

  it('GeodTest lines: inverse gives s12 to 1 µm and azimuths to 1e-12 rad', () => {
    for (const [la1, lo1, az1, la2, lo2, az2, s12] of lines) {
      const r = geodesicInverse(la1 * DEG, lo1 * DEG, la2 * DEG, lo2 * DEG);
      expect(Math.abs(r.s - s12)).toBeLessThan(1e-6);
      expect(Math.abs(angDiff(r.azi1, az1 * DEG))).toBeLessThan(1e-12);
      expect(Math.abs(angDiff(r.azi2, az2 * DEG))).toBeLessThan(1e-12);
    }
  });

  it('GeodTest lines: direct gives the end point to 1e-12 rad', () => {
    for (const [la1, lo1, az1, la2, lo2, az2, s12] of lines) {
      const d = geodesicDirect(la1 * DEG, lo1 * DEG, az1 * DEG, s12);
      expect(Math.abs(d.lat - la2 * DEG)).toBeLessThan(1e-12);
      expect(Math.abs(angDiff(d.lon, lo2 * DEG))).toBeLessThan(1e-12);
      expect(Math.abs(angDiff(d.azi2, az2 * DEG))).toBeLessThan(1e-12);
    }
  });
});
