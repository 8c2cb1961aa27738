/**
 * Earth masking: is the straight line between two points clear of the (inflated) WGS84
 * ellipsoid?
 *
 * Method: scale z by A/B, with A = a + margin and B = b + margin, which maps the ellipsoid with
 * semi-axes (A, A, B) onto the sphere of radius A (an affine map keeps straight lines straight
 * and tangency tangent); then a segment–sphere test. The segment p(t) = p0 + t d, t ∈ [0, 1],
 * is blocked when its closest approach to the centre lies strictly between its ends and is
 * closer than A. The ellipsoid inflated this way differs from the true parallel surface at
 * height `margin` by less than margin·f (≈ 3 m per km of margin) — fine for a clearance margin.
 *
 * Endpoints are taken as they are: a site at or slightly below the ellipsoid (terrain, the geoid
 * is up to ~100 m below it) still sees everything above its tangent plane, because from an end
 * where the segment moves away from the centre nothing between the ends can come closer. So a
 * ground radar with margin 0 sees a target exactly when the target is above its horizontal
 * plane (to the sphere-mapping exactness above), and `margin` only removes grazing rays.
 */
import { WGS84 } from './wgs84.js';

/**
 * True when the segment from a to b (ECEF, m) does not pass through the WGS84 ellipsoid inflated
 * by `margin` m (see the file header for the exact test and the treatment of endpoints). a = b
 * gives true. Allocates nothing.
 */
export function lineOfSight(a: ArrayLike<number>, b: ArrayLike<number>, margin = 0): boolean {
  const rA = WGS84.a + margin;
  const s = rA / (WGS84.b + margin);
  const ax = a[0], ay = a[1], az = a[2] * s;
  const dx = b[0] - ax, dy = b[1] - ay, dz = b[2] * s - az;
  const dd = dx * dx + dy * dy + dz * dz;
  const ad = ax * dx + ay * dy + az * dz;
  // Closest approach at t* = −(a·d)/|d|²; the segment can only dip inside between its ends.
  if (ad >= 0 || dd === 0 || -ad >= dd) return true;
  const t = -ad / dd;
  const cx = ax + t * dx, cy = ay + t * dy, cz = az + t * dz;
  return cx * cx + cy * cy + cz * cz >= rA * rA;
}
