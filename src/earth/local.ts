/**
 * Local east-north-up (ENU) frames at a site and range/azimuth/elevation (AER).
 *
 * The ENU axes at geodetic (φ, λ) are, in ECEF (e.g. J. Farrell & M. Barth, "The Global
 * Positioning System and Inertial Navigation", 1999, §2.2; EPSG Guidance Note 7-2, method 9836
 * "Geocentric/topocentric conversions"):
 *   east  = (−sin λ, cos λ, 0)
 *   north = (−sin φ cos λ, −sin φ sin λ, cos φ)
 *   up    = (cos φ cos λ, cos φ sin λ, sin φ)
 * so enu = R (ecef − site) with R's rows east, north, up. Azimuth is clockwise from north in
 * [0, 2π), elevation is above the geodetic horizontal (the plane normal to `up`), range is the
 * straight-line distance (DESIGN.md, "Frames").
 */
import type { Vec3 } from '../math/vec3.js';
import { geodeticToEcef } from './geodetic.js';

export interface Site {
  /** Geodetic latitude, rad. */
  lat: number;
  /** Longitude, rad. */
  lon: number;
  /** Height above the WGS84 ellipsoid, m. */
  h: number;
  /** The site in ECEF, m. */
  ecef: Float64Array;
  /** 3×3 row-major; rows are the east, north, up unit vectors in ECEF. */
  rot: Float64Array;
}

const TWO_PI = 2 * Math.PI;

/** Builds a site at geodetic lat, lon (rad), h (m): its ECEF position and ENU rotation. Allocates. */
export function createSite(lat: number, lon: number, h: number): Site {
  const ecef = geodeticToEcef(new Float64Array(3), lat, lon, h);
  const sl = Math.sin(lat), cl = Math.cos(lat);
  const so = Math.sin(lon), co = Math.cos(lon);
  const rot = new Float64Array(9);
  rot[0] = -so;
  rot[1] = co;
  rot[2] = 0;
  rot[3] = -sl * co;
  rot[4] = -sl * so;
  rot[5] = cl;
  rot[6] = cl * co;
  rot[7] = cl * so;
  rot[8] = sl;
  return { lat, lon, h, ecef, rot };
}

/** Rotates an ECEF vector (any unit) into the site's ENU axes (no translation). out may alias v. */
export function ecefVecToEnu(out: Vec3, v: ArrayLike<number>, site: Site): Vec3 {
  const m = site.rot;
  const x = v[0], y = v[1], z = v[2];
  out[0] = m[0] * x + m[1] * y + m[2] * z;
  out[1] = m[3] * x + m[4] * y + m[5] * z;
  out[2] = m[6] * x + m[7] * y + m[8] * z;
  return out;
}

/** Rotates an ENU vector at the site into ECEF axes (no translation). out may alias v. */
export function enuVecToEcef(out: Vec3, v: ArrayLike<number>, site: Site): Vec3 {
  const m = site.rot;
  const e = v[0], n = v[1], u = v[2];
  out[0] = m[0] * e + m[3] * n + m[6] * u;
  out[1] = m[1] * e + m[4] * n + m[7] * u;
  out[2] = m[2] * e + m[5] * n + m[8] * u;
  return out;
}

/** ECEF point (m) → ENU coordinates (m) relative to the site. out may alias ecef. */
export function ecefToEnu(out: Vec3, ecef: ArrayLike<number>, site: Site): Vec3 {
  const m = site.rot, s = site.ecef;
  const x = ecef[0] - s[0], y = ecef[1] - s[1], z = ecef[2] - s[2];
  out[0] = m[0] * x + m[1] * y + m[2] * z;
  out[1] = m[3] * x + m[4] * y + m[5] * z;
  out[2] = m[6] * x + m[7] * y + m[8] * z;
  return out;
}

/** ENU coordinates (m) relative to the site → ECEF point (m). out may alias enu. */
export function enuToEcef(out: Vec3, enu: ArrayLike<number>, site: Site): Vec3 {
  const m = site.rot, s = site.ecef;
  const e = enu[0], n = enu[1], u = enu[2];
  out[0] = s[0] + m[0] * e + m[3] * n + m[6] * u;
  out[1] = s[1] + m[1] * e + m[4] * n + m[7] * u;
  out[2] = s[2] + m[2] * e + m[5] * n + m[8] * u;
  return out;
}

/**
 * ECEF point (m) → [range (m), azimuth (rad, clockwise from north, [0, 2π)), elevation (rad,
 * above the geodetic horizontal, [−π/2, π/2])] seen from the site. Azimuth is 0 when the point
 * is straight above or below the site; all three are 0 when it is the site. out may alias ecef.
 */
export function ecefToAer(out: Vec3, ecef: ArrayLike<number>, site: Site): Vec3 {
  const m = site.rot, s = site.ecef;
  const x = ecef[0] - s[0], y = ecef[1] - s[1], z = ecef[2] - s[2];
  const e = m[0] * x + m[1] * y + m[2] * z;
  const n = m[3] * x + m[4] * y + m[5] * z;
  const u = m[6] * x + m[7] * y + m[8] * z;
  const hz = Math.sqrt(e * e + n * n);
  let az = Math.atan2(e, n);
  if (az < 0) az += TWO_PI;
  if (az >= TWO_PI) az = 0; // atan2 of a tiny negative e rounds up to exactly 2π
  out[0] = Math.sqrt(hz * hz + u * u);
  out[1] = az;
  out[2] = Math.atan2(u, hz);
  return out;
}

/** [range (m), az, el (rad)] from the site → ECEF point (m); az clockwise from north. */
export function aerToEcef(out: Vec3, range: number, az: number, el: number, site: Site): Vec3 {
  const ce = Math.cos(el);
  const e = range * ce * Math.sin(az);
  const n = range * ce * Math.cos(az);
  const u = range * Math.sin(el);
  const m = site.rot, s = site.ecef;
  out[0] = s[0] + m[0] * e + m[3] * n + m[6] * u;
  out[1] = s[1] + m[1] * e + m[4] * n + m[7] * u;
  out[2] = s[2] + m[2] * e + m[5] * n + m[8] * u;
  return out;
}

/**
 * ∂(range, az, el)/∂(x, y, z ECEF) at an ECEF point (m) seen from the site, row-major 3×3 into
 * out9 (rows: range [1], az [1/m], el [1/m]). Chain rule through enu = R(ecef − site):
 * J = J_enu · R, with ρ² = e² + n² + u², ρh² = e² + n²:
 *   ∂ρ/∂enu = (e, n, u)/ρ
 *   ∂az/∂enu = (n, −e, 0)/ρh²
 *   ∂el/∂enu = (−e u, −n u, ρh²)/(ρ² ρh)
 * Where az is undefined — the point on the site's vertical, taken as ρh ≤ 1e-10·ρ so that
 * ECEF round-off (≈1e-9 m) does not produce a meaningless 1/ρh blow-up — the az row is zero;
 * at the site itself (ρ = 0) every row is zero. Allocates nothing.
 */
export function aerJacobian(out9: Float64Array, ecef: ArrayLike<number>, site: Site): Float64Array {
  const m = site.rot, s = site.ecef;
  const x = ecef[0] - s[0], y = ecef[1] - s[1], z = ecef[2] - s[2];
  const e = m[0] * x + m[1] * y + m[2] * z;
  const n = m[3] * x + m[4] * y + m[5] * z;
  const u = m[6] * x + m[7] * y + m[8] * z;
  const h2 = e * e + n * n;
  const r2 = h2 + u * u;
  const rho = Math.sqrt(r2);
  const hz = Math.sqrt(h2);
  // Rows in ENU first.
  let re = 0, rn = 0, ru = 0, ae = 0, an = 0, ee = 0, en = 0, eu = 0;
  if (rho > 0) {
    re = e / rho;
    rn = n / rho;
    ru = u / rho;
  }
  if (hz > 1e-10 * rho) {
    ae = n / h2;
    an = -e / h2;
  }
  if (hz > 0) {
    const k = -u / (r2 * hz);
    ee = e * k;
    en = n * k;
    eu = hz / r2;
  }
  // Multiply by R (rows east, north, up): J[i][j] = Σ_k Jenu[i][k] R[k][j].
  for (let j = 0; j < 3; j++) {
    const mE = m[j], mN = m[3 + j], mU = m[6 + j];
    out9[j] = re * mE + rn * mN + ru * mU;
    out9[3 + j] = ae * mE + an * mN;
    out9[6 + j] = ee * mE + en * mN + eu * mU;
  }
  return out9;
}
