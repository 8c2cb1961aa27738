/**
 * Geodetic (latitude, longitude, ellipsoidal height on WGS84) ⇄ ECEF conversions.
 *
 * Forward: the standard closed form, e.g. NIMA TR8350.2 (3rd ed., 2000) eq. 4-14
 * (x = (N + h) cos φ cos λ, y = (N + h) cos φ sin λ, z = (N(1 − e²) + h) sin φ,
 * N = a / √(1 − e² sin² φ)).
 *
 * Reverse: the exact closed form of H. Vermeille, "Direct transformation from geocentric
 * coordinates to geodetic coordinates", Journal of Geodesy 76 (2002) 451–454, extended inside
 * the evolute by the trigonometric root of the cubic as in H. Vermeille, "An analytical method to
 * transform geocentric into geodetic coordinates", J. Geodesy 85 (2011) 105–117; the root k is
 * taken in the cancellation-free form used by C. F. F. Karney, GeographicLib `Geocentric`
 * (k = (u + v) / (√(u + v + w²) + w)). Accurate to well under a micrometre from the surface to
 * beyond geostationary altitude, exact at the poles and on the equator. Undefined (NaN) only
 * within about a·e² ≈ 43 km of the Earth's centre on the equatorial plane, which no caller of
 * a missile simulator reaches.
 */
import type { Vec3 } from '../math/vec3.js';
import { WGS84 } from './wgs84.js';

const A = WGS84.a;
const E2 = WGS84.e2;
const E4 = WGS84.e4;
const ONE_MINUS_E2 = WGS84.oneMinusE2;
const INV_A2 = WGS84.invA2;

/**
 * Geodetic → ECEF. lat, lon in radians, h in metres above the WGS84 ellipsoid; writes ECEF
 * metres into out and returns it. Formula: TR8350.2 eq. 4-14.
 */
export function geodeticToEcef(out: Vec3, lat: number, lon: number, h: number): Vec3 {
  return geodeticToEcefAt(out, 0, lat, lon, h) as Vec3;
}

/** geodeticToEcef writing x, y, z at out[outOff..outOff+2] of a packed array. Returns out. */
export function geodeticToEcefAt(out: Float64Array, outOff: number, lat: number, lon: number, h: number): Float64Array {
  const sl = Math.sin(lat);
  const cl = Math.cos(lat);
  const n = A / Math.sqrt(1 - E2 * sl * sl);
  const rc = (n + h) * cl;
  out[outOff] = rc * Math.cos(lon);
  out[outOff + 1] = rc * Math.sin(lon);
  out[outOff + 2] = (n * ONE_MINUS_E2 + h) * sl;
  return out;
}

/**
 * Core of the reverse conversion (Vermeille 2002, 2011; see the file header): for a point at
 * distance rxy from the polar axis and height z above the equatorial plane (m), returns
 * Vermeille's k, from which d = k·rxy/(k + e²), tan φ = z/d and h = (k + e² − 1)/k · √(d² + z²).
 */
function vermeilleK(rxy: number, z: number): number {
  const p = rxy * rxy * INV_A2;
  const q = ONE_MINUS_E2 * z * z * INV_A2;
  const r = (p + q - E4) / 6;
  const s = 0.25 * E4 * p * q;
  const r3 = r * r * r;
  const disc = s * (2 * r3 + s);
  let u: number;
  if (disc >= 0) {
    // One real root of the cubic (Vermeille 2002 eq. for t, written as T = r·t).
    let t3 = s + r3;
    t3 += t3 < 0 ? -Math.sqrt(disc) : Math.sqrt(disc);
    const t = Math.cbrt(t3);
    u = r + t + (t !== 0 ? (r * r) / t : 0);
  } else {
    // Three real roots (inside the evolute): trigonometric form (Vermeille 2011).
    const ang = Math.atan2(Math.sqrt(-disc), -(s + r3));
    u = r * (1 + 2 * Math.cos(ang / 3));
  }
  const v = Math.sqrt(u * u + E4 * q);
  const uv = u < 0 ? (E4 * q) / (v - u) : u + v;
  const w = Math.max(0, (E2 * (uv - q)) / (2 * v));
  return uv / (Math.sqrt(uv + w * w) + w);
}

/** Writes [lat, lon, h] for ECEF (x, y, z) at out[off..off+2]. */
function solve(out: Float64Array, off: number, x: number, y: number, z: number): void {
  const rxy = Math.sqrt(x * x + y * y);
  const k = vermeilleK(rxy, z);
  const d = (k * rxy) / (k + E2);
  out[off] = Math.atan2(z, d);
  out[off + 1] = Math.atan2(y, x);
  out[off + 2] = ((k + E2 - 1) / k) * Math.sqrt(d * d + z * z);
}

/**
 * ECEF → geodetic. Reads ECEF metres from ecef, writes [lat, lon, h] (rad, rad, m above the
 * WGS84 ellipsoid) into out and returns it; lon in (−π, π], lon = 0 on the polar axis.
 * out may alias ecef. Exact closed form (Vermeille 2002/2011); allocates nothing.
 */
export function ecefToGeodetic(out: Float64Array, ecef: ArrayLike<number>): Float64Array {
  solve(out, 0, ecef[0], ecef[1], ecef[2]);
  return out;
}

/**
 * ecefToGeodetic on packed arrays: reads x, y, z at src[srcOff..], writes lat, lon, h at
 * out[outOff..]. out may be src (same or overlapping offsets). Returns out.
 */
export function ecefToGeodeticAt(out: Float64Array, outOff: number, src: ArrayLike<number>, srcOff: number): Float64Array {
  solve(out, outOff, src[srcOff], src[srcOff + 1], src[srcOff + 2]);
  return out;
}

/**
 * Height above the WGS84 ellipsoid (m) of an ECEF point (m); same formula and accuracy as
 * ecefToGeodetic but skips the two arctangents (cheaper; drag calls it every stage).
 */
export function geodeticAltitude(ecef: ArrayLike<number>): number {
  const x = ecef[0], y = ecef[1], z = ecef[2];
  const rxy = Math.sqrt(x * x + y * y);
  const k = vermeilleK(rxy, z);
  const d = (k * rxy) / (k + E2);
  return ((k + E2 - 1) / k) * Math.sqrt(d * d + z * z);
}

const RH_A2 = WGS84.a * WGS84.a;
const RH_B2 = WGS84.b * WGS84.b;

/**
 * Height (m) above the WGS84 ellipsoid measured along the geocentric radius of (x, y, z) (ECEF,
 * or ECI: the ellipsoid is symmetric about z): |r| − R(φc), R(φc) = a·b/√(b² cos²φc + a² sin²φc)
 * the ellipsoid's radius at the point's geocentric latitude (NIMA TR8350.2, ch. 3). It differs
 * from the geodetic height by second-order terms in the angle between normal and radius
 * (≤ 0.19°): under 1 cm below 200 km (test/earth/geodetic.test.ts), at a fraction of the cost
 * of the exact conversion — what flight dynamics use for the atmosphere and ground contact.
 */
export function radialHeight(x: number, y: number, z: number): number {
  const rxy2 = x * x + y * y;
  const r2 = rxy2 + z * z;
  const R2 = (RH_A2 * RH_B2 * r2) / (RH_B2 * rxy2 + RH_A2 * z * z);
  return Math.sqrt(r2) - Math.sqrt(R2);
}
