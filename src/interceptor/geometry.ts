/**
 * The (ground range, altitude) coordinates of a point seen from a battery, shared by the fly-out
 * fans, the launch-window checks and the fly-out recorder, so a fan built from flights and a
 * lookup from a threat position measure the same thing.
 *
 *   ground range  ρ = R_b · atan2(|b̂ × p|, b̂ · p)   (arc at the battery's geocentric radius R_b = |b|)
 *   altitude      h = |p| − R(φc)                   (height above the ellipsoid along the geocentric radius)
 *
 * R(φc) = a·b/√(b² cos²φc + a² sin²φc) is the WGS84 radius at the point's geocentric latitude
 * (NIMA TR8350.2, 3rd ed., ch. 3). The radial height differs from the geodetic height by
 * second-order terms in the deflection between normal and radius (≤ 0.19°): well under 1 m below
 * 1000 km for the purpose here (the fly-out code uses it for the atmosphere too, as src/threat does).
 * ECEF positions in m; allocation-free.
 */

/** Height above the ellipsoid along the geocentric radius (src/earth/geodetic.ts). */
export { radialHeight } from '../earth/index.js';

/** A battery's precomputed frame for range/altitude checks (ECEF unit vector and radius). */
export interface BatteryFrame {
  /** ECEF position, m. */
  readonly ecef: Float64Array;
  /** Unit vector along it. */
  readonly ux: number;
  readonly uy: number;
  readonly uz: number;
  /** |ecef|, m. */
  readonly radius: number;
}

/** The frame of a battery at ECEF position `ecef` (m). */
export function batteryFrame(ecef: ArrayLike<number>): BatteryFrame {
  const r = Math.hypot(ecef[0], ecef[1], ecef[2]);
  return Object.freeze({ ecef: Float64Array.from([ecef[0], ecef[1], ecef[2]]), ux: ecef[0] / r, uy: ecef[1] / r, uz: ecef[2] / r, radius: r });
}

/** Ground range ρ (m, module formula) from the battery to the ECEF point (px, py, pz). */
export function groundRange(b: BatteryFrame, px: number, py: number, pz: number): number {
  const cx = b.uy * pz - b.uz * py;
  const cy = b.uz * px - b.ux * pz;
  const cz = b.ux * py - b.uy * px;
  return b.radius * Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), b.ux * px + b.uy * py + b.uz * pz);
}
