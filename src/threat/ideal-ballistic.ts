/**
 * The ideal ballistic relations analysts use for quick estimates: vacuum, spherical
 * non-rotating Earth, burnout AT the surface (burnout radius = impact radius = R), two-body
 * gravity. The free flight is then an arc of a Keplerian ellipse symmetric about its apogee.
 *
 * Notation: ψ = range/R (range angle, rad), γ = flight-path angle above the local horizontal at
 * burnout, v = burnout speed, ν = v²R/μ (BMW's Q).
 *
 * Formulas (derived from the conic r = p/(1 + e cos θ); see Bate, Mueller & White,
 * "Fundamentals of Astrodynamics", Dover 1971, §6.2 "The general ballistic missile problem",
 * Eqs. 6.2-7 (free-flight range equation), 6.2-16/6.2-20 (maximum-range / minimum-energy
 * conditions); Wheelon, "Free flight of a ballistic missile", ARS Journal 29(12), 1959):
 *
 *  - semi-latus rectum p = R ν cos²γ; eccentricity e² = 1 − ν(2 − ν) cos²γ; a = R/(2 − ν);
 *  - range equation with equal burnout and impact radii, solved for ν:
 *      ν = (1 − cos ψ) / (cos γ · (cos γ − cos(γ + ψ)))
 *    (BMW Eq. 6.2-7 rearranged; equivalently cos(ψ/2) = (1 − ν cos²γ)/e). With product-to-sum
 *    identities the denominator is sin²(ψ/2) + sin(ψ/2) sin(2γ + ψ/2), so
 *      ν = 2 s / (s + sin(2γ + ψ/2)),  s = sin(ψ/2),
 *    which is the form evaluated here. It shows at once that ν is least when 2γ + ψ/2 = π/2
 *    (the minimum-energy angle below) and that ν < 2 (a closed orbit) iff γ < π/2 − ψ/4;
 *  - minimum energy for a given ψ: γ* = (π − ψ)/4 = 45° − ψ/4 and ν* = 2 sin(ψ/2)/(1 + sin(ψ/2))
 *    (BMW Eqs. 6.2-16, 6.2-20 with Q = ν);
 *  - burnout true anomaly θ1 = π − ψ/2 (apogee at θ = π, mid-range); flight time from Kepler's
 *    equation: E1 = atan2(√(1−e²) sin θ1, e + cos θ1), M1 = E1 − e sin E1,
 *    t = 2(π − M1)/n with n = √(μ/a³);
 *  - apogee altitude above R: a(1 + e) − R.
 *
 * Not a hot path: results are returned as new objects.
 */

/** Result of the ideal relations. SI units, radians. */
export interface IdealBallistic {
  /** Ground range along the sphere, m. */
  range_m: number;
  /** Flight-path angle above the local horizontal at burnout, rad. */
  flight_path_angle_rad: number;
  /** Burnout speed (inertial = Earth-fixed here: the Earth does not rotate), m/s. */
  burnout_speed_mps: number;
  /** Burnout-to-impact time, s. */
  flight_time_s: number;
  /** Apogee altitude above the sphere of radius R, m. */
  apogee_m: number;
}

/** The central body of the ideal model. */
export interface IdealBody {
  /** Sphere radius R, m (burnout and impact both on it). */
  radius_m: number;
  /** Gravitational parameter μ, m³/s². */
  mu_m3_s2: number;
}

/**
 * The default body: R = 6 371 km (IUGG mean Earth radius, Moritz, "Geodetic Reference System
 * 1980", J. Geodesy 74 (2000) 128, R1 = 6 371 008.8 m, rounded as analysts do) and
 * μ = 3.986004418e14 m³/s² (WGS 84, NIMA TR8350.2 3rd ed. 2000, Table 3.1, GM with atmosphere).
 */
export const IDEAL_EARTH: Readonly<IdealBody> = Object.freeze({ radius_m: 6_371_000, mu_m3_s2: 3.986004418e14 });

function checkRange(range_m: number, body: IdealBody): number {
  const maxRange = Math.PI * body.radius_m;
  if (!(range_m > 0 && range_m < maxRange)) {
    throw new RangeError(`range must be > 0 and < πR = ${(maxRange / 1000).toFixed(1)} km, got ${range_m / 1000} km`);
  }
  return range_m / body.radius_m;
}

/** The conic through both ends, given ψ, γ and ν; shared by both entry points. */
function fromConic(range_m: number, psi: number, gamma: number, nu: number, body: IdealBody): IdealBallistic {
  const R = body.radius_m;
  const mu = body.mu_m3_s2;
  const cg = Math.cos(gamma);
  const a = R / (2 - nu);
  const e = Math.sqrt(Math.max(0, 1 - nu * (2 - nu) * cg * cg));
  const theta1 = Math.PI - psi / 2;
  const e1 = Math.atan2(Math.sqrt(1 - e * e) * Math.sin(theta1), e + Math.cos(theta1));
  const m1 = e1 - e * Math.sin(e1);
  const n = Math.sqrt(mu / (a * a * a));
  return {
    range_m,
    flight_path_angle_rad: gamma,
    burnout_speed_mps: Math.sqrt((nu * mu) / R),
    flight_time_s: (2 * (Math.PI - m1)) / n,
    apogee_m: a * (1 + e) - R,
  };
}

/**
 * Minimum-energy (minimum burnout speed) trajectory for a ground range `range_m` (m,
 * 0 < range < πR) on the ideal body (default {@link IDEAL_EARTH}). γ* = (π − ψ)/4,
 * ν* = 2 sin(ψ/2)/(1 + sin(ψ/2)) (Bate, Mueller & White 1971, Eqs. 6.2-16 and 6.2-20).
 * Throws RangeError outside the range domain.
 */
export function minimumEnergy(range_m: number, body: IdealBody = IDEAL_EARTH): IdealBallistic {
  const psi = checkRange(range_m, body);
  const s = Math.sin(psi / 2);
  return fromConic(range_m, psi, (Math.PI - psi) / 4, (2 * s) / (1 + s), body);
}

/**
 * Trajectory reaching ground range `range_m` (m) when burning out at flight-path angle
 * `gamma_rad` (rad, 0 < γ < π/2): ν = 2s/(s + sin(2γ + ψ/2)), s = sin(ψ/2) — the range equation
 * (Bate, Mueller & White 1971 Eq. 6.2-7) with equal burnout and impact radii. Throws RangeError
 * when the range or angle is out of domain, or when no closed (elliptic) trajectory exists
 * (γ ≥ π/2 − ψ/4, i.e. ν ≥ 2: it would need at least escape speed).
 */
export function forAngle(range_m: number, gamma_rad: number, body: IdealBody = IDEAL_EARTH): IdealBallistic {
  const psi = checkRange(range_m, body);
  if (!(gamma_rad > 0 && gamma_rad < Math.PI / 2)) {
    throw new RangeError(`flight-path angle must be in (0°, 90°), got ${(gamma_rad * 180) / Math.PI}°`);
  }
  const s = Math.sin(psi / 2);
  const nu = (2 * s) / (s + Math.sin(2 * gamma_rad + psi / 2));
  if (!(gamma_rad < maxAngleForRange(range_m, body)) || !(nu < 2)) {
    throw new RangeError(
      `no ballistic trajectory reaches ${(range_m / 1000).toFixed(1)} km at ${((gamma_rad * 180) / Math.PI).toFixed(2)}°: ` +
        'it would need escape speed; use a lower angle',
    );
  }
  return fromConic(range_m, psi, gamma_rad, nu, body);
}

/**
 * The largest burnout flight-path angle (rad) at which `range_m` (m) is still reachable on a
 * closed orbit: γ_max = π/2 − ψ/4 (where ν → 2 in ν = 2s/(s + sin(2γ + ψ/2)), see the module
 * comment). {@link forAngle} accepts 0 < γ < γ_max.
 */
export function maxAngleForRange(range_m: number, body: IdealBody = IDEAL_EARTH): number {
  const psi = checkRange(range_m, body);
  return Math.PI / 2 - psi / 4;
}
