/**
 * WGS84 defining constants and the values derived from them, built once and frozen.
 *
 * Sources:
 * - a, 1/f, GM, ω: NIMA TR8350.2, "Department of Defense World Geodetic System 1984, Its
 *   Definition and Relationships with Local Geodetic Systems", 3rd ed., Amendment 1 (2000),
 *   Table 3.1 (defining parameters): a = 6378137.0 m, 1/f = 298.257223563,
 *   GM = 3986004.418e8 m³/s², ω = 7292115.0e-11 rad/s.
 * - b, e², e'² are derived here from a and f exactly as TR8350.2 Table 3.3 defines them
 *   (b = a(1 − f), e² = f(2 − f), e'² = e²/(1 − e²)); TR8350.2 Table 3.3 lists
 *   b = 6356752.3142 m, e² = 6.69437999014e-3, e'² = 6.73949674228e-3.
 * - J2: from the EGM96 fully normalized coefficient C̄2,0 = −0.484165371736e-3 (Lemoine et al.,
 *   "The Development of the Joint NASA GSFC and NIMA Geopotential Model EGM96",
 *   NASA/TP-1998-206861, 1998; coefficient file egm96 distributed by NGA), J2 = −√5·C̄2,0
 *   = 1.0826266835531513e-3 (the value Vallado, "Fundamentals of Astrodynamics and
 *   Applications", 4th ed., 2013, Table D-1 quotes as 0.0010826267). Note: the WGS84 *normal
 *   ellipsoid* has C̄2,0 = −0.484166774985e-3 (TR8350.2 Table 3.4), J2 = 1.08262982e-3; that
 *   is the level-ellipsoid field, not the Earth's, and differs by 3e-6 relative. EGM96's own
 *   reference radius is 6378136.3 m; using it with a = 6378137 m changes J2·R² by 2e-7
 *   relative, far below anything this simulator resolves.
 * - R_MEAN: IUGG mean radius R1 = (2a + b)/3 = 6371008.8 m (H. Moritz, "Geodetic Reference
 *   System 1980", Journal of Geodesy 74 (2000) 128–133; same to 0.1 mm for WGS84).
 */

const a = 6378137;
const f = 1 / 298.257223563;
const b = a * (1 - f);
const e2 = f * (2 - f);
const ep2 = e2 / (1 - e2);
/** EGM96 C̄2,0 (Lemoine et al. 1998), fully normalized, tide-free. */
const C20_EGM96 = -0.484165371736e-3;

export const WGS84 = Object.freeze({
  /** Semi-major (equatorial) axis, m. TR8350.2 Table 3.1. */
  a,
  /** Flattening. TR8350.2 Table 3.1. */
  f,
  /** Semi-minor (polar) axis, m: a(1 − f). */
  b,
  /** First eccentricity squared: f(2 − f). */
  e2,
  /** Second eccentricity squared: e²/(1 − e²). */
  ep2,
  /** Geocentric gravitational constant incl. atmosphere, m³/s². TR8350.2 Table 3.1. */
  GM: 3.986004418e14,
  /** Earth rotation rate, rad/s. TR8350.2 Table 3.1. */
  omega: 7.292115e-5,
  /** Second zonal harmonic, −√5·C̄2,0 with EGM96 C̄2,0 (see file header). */
  J2: -Math.sqrt(5) * C20_EGM96,
  /** 1 − e², used by the geodetic conversions. */
  oneMinusE2: 1 - e2,
  /** e⁴, used by the closed-form ECEF → geodetic conversion. */
  e4: e2 * e2,
  /** a/b, the z scale that maps the ellipsoid onto a sphere of radius a. */
  aOverB: a / b,
  /** 1/a². */
  invA2: 1 / (a * a),
});

/** IUGG mean Earth radius R1 = (2a + b)/3, m (Moritz 2000, J. Geodesy 74:128–133). Reference only. */
export const R_MEAN = 6371008.8;
