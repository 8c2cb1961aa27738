/**
 * ECI ⇄ ECEF for tmdsim's ECI: the ECEF frame frozen at scenario time t = 0 (DESIGN.md,
 * "Frames"). The Earth turns at ω = WGS84.omega (NIMA TR8350.2 Table 3.1) about z; no
 * precession, nutation or polar motion (flights last minutes). With θ = ω t:
 *
 *   r_ecef = R3(θ) r_eci,   R3(θ) = [[cos θ, sin θ, 0], [−sin θ, cos θ, 0], [0, 0, 1]]
 *   v_ecef = R3(θ) v_eci − ω × r_ecef,   ω = (0, 0, ω)
 *
 * (transport theorem; e.g. Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed.,
 * 2013, §3.7 eq. 3-81 with the precession-nutation-polar-motion matrices set to identity).
 * Every function allows out to alias the input; nothing allocates.
 */
import type { Vec3 } from '../math/vec3.js';
import { WGS84 } from './wgs84.js';

const OMEGA = WGS84.omega;

/** ECI position (m) at time t (s since scenario epoch) → ECEF position (m). out may alias r. */
export function eciToEcefPos(out: Vec3, r: ArrayLike<number>, t: number): Vec3 {
  const th = OMEGA * t;
  const c = Math.cos(th);
  const s = Math.sin(th);
  const x = r[0], y = r[1];
  out[0] = c * x + s * y;
  out[1] = -s * x + c * y;
  out[2] = r[2];
  return out;
}

/** ECEF position (m) at time t (s) → ECI position (m). out may alias r. */
export function ecefToEciPos(out: Vec3, r: ArrayLike<number>, t: number): Vec3 {
  const th = OMEGA * t;
  const c = Math.cos(th);
  const s = Math.sin(th);
  const x = r[0], y = r[1];
  out[0] = c * x - s * y;
  out[1] = s * x + c * y;
  out[2] = r[2];
  return out;
}

/**
 * ECI state [x, y, z, vx, vy, vz] (m, m/s) at src[srcOff..srcOff+5] → ECEF state at
 * out[outOff..]; v_ecef = R3(ωt) v_eci − ω × r_ecef. out may be src. Returns out.
 */
export function eciToEcefStateAt(out: Float64Array, outOff: number, src: ArrayLike<number>, srcOff: number, t: number): Float64Array {
  const th = OMEGA * t;
  const c = Math.cos(th);
  const s = Math.sin(th);
  const x = src[srcOff], y = src[srcOff + 1], z = src[srcOff + 2];
  const vx = src[srcOff + 3], vy = src[srcOff + 4], vz = src[srcOff + 5];
  const xe = c * x + s * y;
  const ye = -s * x + c * y;
  out[outOff] = xe;
  out[outOff + 1] = ye;
  out[outOff + 2] = z;
  // − ω × r_ecef = (ω y, −ω x, 0)
  out[outOff + 3] = c * vx + s * vy + OMEGA * ye;
  out[outOff + 4] = -s * vx + c * vy - OMEGA * xe;
  out[outOff + 5] = vz;
  return out;
}

/**
 * ECEF state (m, m/s) at src[srcOff..] → ECI state at out[outOff..];
 * v_eci = R3(ωt)ᵀ (v_ecef + ω × r_ecef). out may be src. Returns out.
 */
export function ecefToEciStateAt(out: Float64Array, outOff: number, src: ArrayLike<number>, srcOff: number, t: number): Float64Array {
  const th = OMEGA * t;
  const c = Math.cos(th);
  const s = Math.sin(th);
  const x = src[srcOff], y = src[srcOff + 1], z = src[srcOff + 2];
  // v + ω × r = (vx − ω y, vy + ω x, vz)
  const wx = src[srcOff + 3] - OMEGA * y;
  const wy = src[srcOff + 4] + OMEGA * x;
  const vz = src[srcOff + 5];
  out[outOff] = c * x - s * y;
  out[outOff + 1] = s * x + c * y;
  out[outOff + 2] = z;
  out[outOff + 3] = c * wx - s * wy;
  out[outOff + 4] = s * wx + c * wy;
  out[outOff + 5] = vz;
  return out;
}

/** ECI state 6-vector (m, m/s) at time t (s) → ECEF state. out may alias s6. Returns out. */
export function eciToEcefState(out6: Float64Array, s6: ArrayLike<number>, t: number): Float64Array {
  return eciToEcefStateAt(out6, 0, s6, 0, t);
}

/** ECEF state 6-vector (m, m/s) at time t (s) → ECI state. out may alias s6. Returns out. */
export function ecefToEciState(out6: Float64Array, s6: ArrayLike<number>, t: number): Float64Array {
  return ecefToEciStateAt(out6, 0, s6, 0, t);
}
