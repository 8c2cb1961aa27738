/**
 * 3-vectors on Float64Array, output first (`add(out, a, b)` returns `out`), nothing
 * allocates except `create`/`fromValues`/`clone`. `out` may alias any input.
 * Layout follows gl-matrix; the `off` variants read and write vectors packed at an
 * offset inside a larger state array (`[x, y, z, vx, vy, vz]`).
 */
export type Vec3 = Float64Array;

export function create(): Vec3 {
  return new Float64Array(3);
}
export function fromValues(x: number, y: number, z: number): Vec3 {
  const o = new Float64Array(3);
  o[0] = x;
  o[1] = y;
  o[2] = z;
  return o;
}
export function clone(a: ArrayLike<number>): Vec3 {
  return fromValues(a[0], a[1], a[2]);
}
export function set(out: Vec3, x: number, y: number, z: number): Vec3 {
  out[0] = x;
  out[1] = y;
  out[2] = z;
  return out;
}
export function copy(out: Vec3, a: ArrayLike<number>): Vec3 {
  out[0] = a[0];
  out[1] = a[1];
  out[2] = a[2];
  return out;
}
export function add(out: Vec3, a: ArrayLike<number>, b: ArrayLike<number>): Vec3 {
  out[0] = a[0] + b[0];
  out[1] = a[1] + b[1];
  out[2] = a[2] + b[2];
  return out;
}
export function sub(out: Vec3, a: ArrayLike<number>, b: ArrayLike<number>): Vec3 {
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
  return out;
}
export function scale(out: Vec3, a: ArrayLike<number>, s: number): Vec3 {
  out[0] = a[0] * s;
  out[1] = a[1] * s;
  out[2] = a[2] * s;
  return out;
}
/** out = a + b·s */
export function scaleAndAdd(out: Vec3, a: ArrayLike<number>, b: ArrayLike<number>, s: number): Vec3 {
  out[0] = a[0] + b[0] * s;
  out[1] = a[1] + b[1] * s;
  out[2] = a[2] + b[2] * s;
  return out;
}
export function negate(out: Vec3, a: ArrayLike<number>): Vec3 {
  out[0] = -a[0];
  out[1] = -a[1];
  out[2] = -a[2];
  return out;
}
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
export function cross(out: Vec3, a: ArrayLike<number>, b: ArrayLike<number>): Vec3 {
  const ax = a[0], ay = a[1], az = a[2];
  const bx = b[0], by = b[1], bz = b[2];
  out[0] = ay * bz - az * by;
  out[1] = az * bx - ax * bz;
  out[2] = ax * by - ay * bx;
  return out;
}
export function length(a: ArrayLike<number>): number {
  return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
}
export function squaredLength(a: ArrayLike<number>): number {
  return a[0] * a[0] + a[1] * a[1] + a[2] * a[2];
}
export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = a[0] - b[0], y = a[1] - b[1], z = a[2] - b[2];
  return Math.sqrt(x * x + y * y + z * z);
}
/** Unit vector along a; the zero vector stays zero (degenerate input, no throw). */
export function normalize(out: Vec3, a: ArrayLike<number>): Vec3 {
  const l = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
  const s = l > 0 ? 1 / l : 0;
  out[0] = a[0] * s;
  out[1] = a[1] * s;
  out[2] = a[2] * s;
  return out;
}
/** Angle between a and b in radians, robust near 0 and π (atan2 of |a×b| and a·b). */
export function angle(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot(a, b));
}
export function exactEquals(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}
/** Component-wise equality within a relative tolerance (absolute near zero), as gl-matrix. */
export function equals(a: ArrayLike<number>, b: ArrayLike<number>, eps = 1e-12): boolean {
  for (let i = 0; i < 3; i++) {
    if (Math.abs(a[i] - b[i]) > eps * Math.max(1, Math.abs(a[i]), Math.abs(b[i]))) return false;
  }
  return true;
}

/** Reads the 3-vector at `off` in a packed array into out. */
export function load(out: Vec3, src: ArrayLike<number>, off: number): Vec3 {
  out[0] = src[off];
  out[1] = src[off + 1];
  out[2] = src[off + 2];
  return out;
}
/** Writes a into a packed array at `off`; returns the array. */
export function store(dst: Float64Array, off: number, a: ArrayLike<number>): Float64Array {
  dst[off] = a[0];
  dst[off + 1] = a[1];
  dst[off + 2] = a[2];
  return dst;
}
