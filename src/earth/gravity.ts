/**
 * Gravitational acceleration of the Earth: point mass, and point mass + J2 zonal term.
 *
 * Potential energy per unit mass (m²/s²), a = −∇V (Montenbruck & Gill, "Satellite Orbits",
 * 2000, §3.2, eqs. 3.13–3.22 truncated at degree 2, order 0; Vallado, "Fundamentals of
 * Astrodynamics and Applications", 4th ed., 2013, §8.7 eq. 8-29):
 *
 *   V(r) = −GM/r · [1 − J2 (R/r)² P2(z/r)],   P2(s) = (3s² − 1)/2
 *
 * which gives, with r = |r|,
 *
 *   a_x = −GM x/r³ · [1 + 3/2 J2 (R/r)² (1 − 5 z²/r²)]
 *   a_y = −GM y/r³ · [1 + 3/2 J2 (R/r)² (1 − 5 z²/r²)]
 *   a_z = −GM z/r³ · [1 + 3/2 J2 (R/r)² (3 − 5 z²/r²)]
 *
 * Valid in any frame whose z is the spin axis: ECEF, or tmdsim's ECI (ECEF frozen at t = 0).
 * GM, R = a: WGS84 (NIMA TR8350.2 Table 3.1); J2 from EGM96 C̄2,0 (see wgs84.ts). Gravitation
 * only: no centrifugal term (add it yourself when integrating in ECEF). Nothing allocates.
 */
import type { Vec3 } from '../math/vec3.js';
import { WGS84 } from './wgs84.js';

const GM = WGS84.GM;
/** 3/2 · GM · J2 · R². */
const K2 = 1.5 * WGS84.GM * WGS84.J2 * WGS84.a * WGS84.a;
/** GM · J2 · R² / 2, the J2 coefficient of the potential. */
const V2 = 0.5 * WGS84.GM * WGS84.J2 * WGS84.a * WGS84.a;

/** Point-mass gravitation −GM r/|r|³ (m/s²) at position r (m, Earth-centred). out may alias r. */
export function gravityPointMass(out: Vec3, r: ArrayLike<number>): Vec3 {
  const x = r[0], y = r[1], z = r[2];
  const r2 = x * x + y * y + z * z;
  const k = -GM / (r2 * Math.sqrt(r2));
  out[0] = k * x;
  out[1] = k * y;
  out[2] = k * z;
  return out;
}

/**
 * Point-mass + J2 gravitation (m/s²) at r (m) in a frame whose z is the spin axis (formula in
 * the file header). out may alias r.
 */
export function gravityJ2(out: Vec3, r: ArrayLike<number>): Vec3 {
  const x = r[0], y = r[1], z = r[2];
  const r2 = x * x + y * y + z * z;
  const ir2 = 1 / r2;
  const ir3 = ir2 / Math.sqrt(r2);
  const ir5 = ir3 * ir2;
  const zz = z * z * ir2;
  const pm = -GM * ir3;
  const j = -K2 * ir5;
  const cxy = pm + j * (1 - 5 * zz);
  out[0] = cxy * x;
  out[1] = cxy * y;
  out[2] = (pm + j * (3 - 5 * zz)) * z;
  return out;
}

/**
 * The potential energy per unit mass V (m²/s²) of the point-mass + J2 field at r (m), such that
 * gravityJ2 = −∇V: V = −GM/r + (GM J2 R²/2)(3z² − r²)/r⁵. Zero at infinity, negative near Earth.
 */
export function potentialJ2(r: ArrayLike<number>): number {
  const x = r[0], y = r[1], z = r[2];
  const r2 = x * x + y * y + z * z;
  const rr = Math.sqrt(r2);
  return -GM / rr + (V2 * (3 * z * z - r2)) / (r2 * r2 * rr);
}

/**
 * ∂a/∂r of gravityJ2 at r (m), row-major 3×3 into out9 (1/s²); symmetric (the Hessian of −V).
 * Point mass: −GM/r³ (I − 3 r rᵀ/r²). J2 part, writing a_J2 = −K (x g, y g, z h) with
 * K = 3/2 GM J2 R², g = r⁻⁵ − 5z² r⁻⁷, h = 3r⁻⁵ − 5z² r⁻⁷:
 *   ∂g/∂r_j = r_j (35 z² r⁻⁹ − 5 r⁻⁷) − 10 z r⁻⁷ δ_jz
 *   ∂h/∂r_j = r_j (35 z² r⁻⁹ − 15 r⁻⁷) − 10 z r⁻⁷ δ_jz
 * Derived here from the acceleration above (Montenbruck & Gill 2000 §7.2.1 give the same
 * partials for the general harmonic expansion). Allocates nothing.
 */
export function gravityJ2Jacobian(out9: Float64Array, r: ArrayLike<number>): Float64Array {
  const x = r[0], y = r[1], z = r[2];
  const r2 = x * x + y * y + z * z;
  const ir2 = 1 / r2;
  const ir3 = ir2 / Math.sqrt(r2);
  const ir5 = ir3 * ir2;
  const ir7 = ir5 * ir2;
  const ir9 = ir7 * ir2;
  const z2 = z * z;
  // Point mass.
  const p = -GM * ir3;
  const p3 = -3 * p * ir2; // = 3 GM / r⁵
  // J2.
  const g = ir5 - 5 * z2 * ir7;
  const h = 3 * ir5 - 5 * z2 * ir7;
  const cg = 35 * z2 * ir9 - 5 * ir7; // ∂g/∂r_j = r_j cg − 10 z r⁻⁷ δ_jz
  const ch = 35 * z2 * ir9 - 15 * ir7;
  const dz = -10 * z * ir7;
  const k = -K2;
  // Row x: ∂(x g)/∂r_j = δ_xj g + x ∂g/∂r_j
  out9[0] = p + p3 * x * x + k * (g + x * x * cg);
  out9[1] = p3 * x * y + k * (x * y * cg);
  out9[2] = p3 * x * z + k * (x * (z * cg + dz));
  // Row y
  out9[3] = out9[1];
  out9[4] = p + p3 * y * y + k * (g + y * y * cg);
  out9[5] = p3 * y * z + k * (y * (z * cg + dz));
  // Row z: ∂(z h)/∂r_j = δ_zj h + z ∂h/∂r_j
  out9[6] = p3 * z * x + k * (z * x * ch);
  out9[7] = p3 * z * y + k * (z * y * ch);
  out9[8] = p + p3 * z * z + k * (h + z * (z * ch + dz));
  return out9;
}
