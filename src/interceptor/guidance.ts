/**
 * Homing guidance laws in three dimensions for the interceptor fly-out: true proportional
 * navigation (PN), augmented PN (APN), zero-effort-miss (ZEM) guidance and a lateral
 * acceleration limiter. Frame-free: every vector is in one inertial frame of the caller's
 * choice (ECI in the fly-out), SI units. Allocation-free; `out` may alias any input.
 *
 * Notation: r = r_T − r_M (relative position, m), v = v_T − v_M (relative velocity, m/s),
 * R = |r|, Vc = −(r·v)/R (closing speed, m/s), Ω = (r × v)/R² (line-of-sight rate vector, rad/s).
 *
 * True PN (acceleration normal to the line of sight), the 3D form of Zarchan's nc = N' Vc λ̇
 * (P. Zarchan, "Tactical and Strategic Missile Guidance", AIAA, ch. 2; N. A. Shneydor, "Missile
 * Guidance and Pursuit", Horwood 1998, ch. 5 on 3D PN):
 *   a = N' Vc (Ω × r̂)
 * Expanding, Ω × r̂ = ((r × v) × r)/R³ = v⊥/R with v⊥ = v − (v·r̂) r̂, so a = N' Vc v⊥ / R; in the
 * plane with λ̇ = |Ω| this is exactly N' Vc λ̇ along the line-of-sight normal, and in the ZEM
 * form a = N' · ZEM⊥ / t_go² with ZEM⊥ = v⊥ t_go and t_go = R/Vc (Zarchan ch. 8).
 */
import { vec3 } from '../math/index.js';

type Vec3 = vec3.Vec3;

/**
 * True proportional navigation: a = N'·Vc·(Ω × r̂) = N'·Vc·v⊥/R (module comment), m/s², normal to
 * the line of sight, pointing so as to null the line-of-sight rate. relPos = target − missile (m),
 * relVel = target − missile (m/s). Vc is signed (an opening geometry gives a command of the
 * opposite sense, as the formula says). R = 0 gives the zero vector. Returns out.
 */
export function pnAccel(out: Vec3, relPos: ArrayLike<number>, relVel: ArrayLike<number>, navRatio: number): Vec3 {
  const rx = relPos[0], ry = relPos[1], rz = relPos[2];
  const vx = relVel[0], vy = relVel[1], vz = relVel[2];
  const r2 = rx * rx + ry * ry + rz * rz;
  if (!(r2 > 0)) return vec3.set(out, 0, 0, 0);
  const rv = rx * vx + ry * vy + rz * vz;
  // Vc/R = −(r·v)/R²; v⊥ = v − (r·v) r / R².
  const k = rv / r2;
  const s = -navRatio * k; // N'·Vc/R
  out[0] = s * (vx - k * rx);
  out[1] = s * (vy - k * ry);
  out[2] = s * (vz - k * rz);
  return out;
}

/**
 * Augmented proportional navigation: a = N'·Vc·(Ω × r̂) + (N'/2)·aT⊥, m/s², where aT⊥ is the
 * target acceleration (m/s², same frame) with its line-of-sight component removed (Zarchan ch. 8:
 * nc = N' Vc λ̇ + N' nT/2 with nT normal to the line of sight). R = 0 gives the zero vector.
 * Returns out; out may alias any input.
 */
export function apnAccel(
  out: Vec3,
  relPos: ArrayLike<number>,
  relVel: ArrayLike<number>,
  targetAccel: ArrayLike<number>,
  navRatio: number,
): Vec3 {
  const rx = relPos[0], ry = relPos[1], rz = relPos[2];
  const vx = relVel[0], vy = relVel[1], vz = relVel[2];
  const ax = targetAccel[0], ay = targetAccel[1], az = targetAccel[2];
  const r2 = rx * rx + ry * ry + rz * rz;
  if (!(r2 > 0)) return vec3.set(out, 0, 0, 0);
  const k = (rx * vx + ry * vy + rz * vz) / r2;
  const s = -navRatio * k;
  const ka = (rx * ax + ry * ay + rz * az) / r2;
  const h = 0.5 * navRatio;
  out[0] = s * (vx - k * rx) + h * (ax - ka * rx);
  out[1] = s * (vy - k * ry) + h * (ay - ka * ry);
  out[2] = s * (vz - k * rz) + h * (az - ka * rz);
  return out;
}

/**
 * Zero-effort-miss guidance: a = N'·ZEM⊥/t_go², m/s², with ZEM = r + v·t_go (+ ½·aT·t_go² when
 * targetAccel is given) and ZEM⊥ its component normal to the line of sight (Zarchan ch. 8, the
 * ZEM form of PN and APN). With t_go = R/Vc and no target acceleration it equals `pnAccel`; with
 * targetAccel it equals `apnAccel`. t_go ≤ 0 or R = 0 gives the zero vector. Returns out.
 */
export function zemAccel(
  out: Vec3,
  relPos: ArrayLike<number>,
  relVel: ArrayLike<number>,
  targetAccel: ArrayLike<number> | null,
  tgo: number,
  navRatio: number,
): Vec3 {
  const rx = relPos[0], ry = relPos[1], rz = relPos[2];
  const r2 = rx * rx + ry * ry + rz * rz;
  if (!(tgo > 0) || !(r2 > 0)) return vec3.set(out, 0, 0, 0);
  let zx = rx + relVel[0] * tgo;
  let zy = ry + relVel[1] * tgo;
  let zz = rz + relVel[2] * tgo;
  if (targetAccel) {
    const c = 0.5 * tgo * tgo;
    zx += c * targetAccel[0];
    zy += c * targetAccel[1];
    zz += c * targetAccel[2];
  }
  const kz = (rx * zx + ry * zy + rz * zz) / r2;
  const s = navRatio / (tgo * tgo);
  out[0] = s * (zx - kz * rx);
  out[1] = s * (zy - kz * ry);
  out[2] = s * (zz - kz * rz);
  return out;
}

/**
 * Keeps only the part of a command the airframe can fly: removes the component of `a` along
 * `axis` (not necessarily unit; pass the line of sight for a seeker-frame command or the missile
 * velocity for an aerodynamic missile, whose lift acts normal to its velocity), then scales the
 * rest down to magnitude aMax if it is longer (direction kept). m/s². A zero axis removes
 * nothing; aMax = Infinity clips nothing. Returns out; out may alias a or axis.
 */
export function limitLateral(out: Vec3, a: ArrayLike<number>, axis: ArrayLike<number>, aMax: number): Vec3 {
  const ux = axis[0], uy = axis[1], uz = axis[2];
  let ax = a[0], ay = a[1], az = a[2];
  const u2 = ux * ux + uy * uy + uz * uz;
  if (u2 > 0) {
    const k = (ax * ux + ay * uy + az * uz) / u2;
    ax -= k * ux;
    ay -= k * uy;
    az -= k * uz;
  }
  const m = Math.sqrt(ax * ax + ay * ay + az * az);
  const s = m > aMax ? aMax / m : 1;
  out[0] = ax * s;
  out[1] = ay * s;
  out[2] = az * s;
  return out;
}

/** Closing speed Vc = −(r·v)/|r|, m/s (positive while closing); 0 when r = 0. */
export function closingSpeed(relPos: ArrayLike<number>, relVel: ArrayLike<number>): number {
  const r = vec3.length(relPos);
  return r > 0 ? -vec3.dot(relPos, relVel) / r : 0;
}

/** Line-of-sight rate vector Ω = (r × v)/|r|², rad/s, into out; zero when r = 0. Returns out. */
export function losRate(out: Vec3, relPos: ArrayLike<number>, relVel: ArrayLike<number>): Vec3 {
  const r2 = vec3.squaredLength(relPos);
  if (!(r2 > 0)) return vec3.set(out, 0, 0, 0);
  vec3.cross(out, relPos, relVel);
  return vec3.scale(out, out, 1 / r2);
}
