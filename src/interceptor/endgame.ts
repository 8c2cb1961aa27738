/**
 * Endgame: the closest approach between two bodies found inside an integration step, so the
 * miss distance carries no step-size artefact.
 *
 * Between two integration points the relative position r(s), s ∈ [0, dt], is modelled as the
 * cubic Hermite interpolant of the positions and velocities at both ends (r0, v0 at s = 0; r1, v1
 * at s = dt), with u = s/dt:
 *   p(u) = a0 + a1 u + a2 u² + a3 u³,
 *   a0 = r0,  a1 = dt·v0,  a2 = 3(r1 − r0) − dt(2v0 + v1),  a3 = 2(r0 − r1) + dt(v0 + v1)
 * (the Hermite basis h00, h10, h01, h11 rewritten in powers of u; e.g. Burden & Faires,
 * "Numerical Analysis", §3.4). It reproduces straight-line and constant-acceleration relative
 * motion exactly and is O(dt⁴) accurate otherwise. The squared distance |p(u)|² is a polynomial of
 * degree 6; its stationary points are the roots of the quintic p·p′ on [0, 1], all of which are
 * isolated exactly (the roots of each derivative split [0, 1] into monotone pieces, recursively
 * down to degree 1, and each sign change on a monotone piece is bisected to full precision). The
 * minimum of |p| over those roots and both ends is the answer.
 */
import { vec3 } from '../math/index.js';

export interface ClosestApproach {
  /** Time of closest approach after the first point, s, in [0, dt]. */
  tca: number;
  /** Distance at that time, m (same unit as the positions). */
  miss: number;
}

// Scratch: polynomial coefficient vectors a0..a3 (3 each), quintic coefficients, root lists per degree.
const A = new Float64Array(12);
const MAXDEG = 5;
// coef[d] holds a polynomial of degree d (d + 1 coefficients, ascending powers).
const coef: Float64Array[] = [];
const roots: Float64Array[] = [];
const nroots = new Int32Array(MAXDEG + 1);
for (let d = 0; d <= MAXDEG; d++) {
  coef.push(new Float64Array(d + 1));
  roots.push(new Float64Array(d + 2));
}

function polyAt(c: Float64Array, deg: number, u: number): number {
  let v = c[deg];
  for (let i = deg - 1; i >= 0; i--) v = v * u + c[i];
  return v;
}

/** A root of the degree-`deg` polynomial coef[deg] on [lo, hi] where it changes sign (bisection to full precision). */
function bisect(deg: number, lo: number, hi: number, flo: number): number {
  const c = coef[deg];
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    const fm = polyAt(c, deg, mid);
    if (fm === 0) return mid;
    if (fm < 0 === flo < 0) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Roots of coef[deg] in (0, 1) where it changes sign, ascending, into roots[deg]; returns the count.
 * Uses the roots of the derivative (coef[deg − 1], computed here) to split [0, 1] into monotone pieces.
 */
function signChangeRoots(deg: number): number {
  const c = coef[deg];
  const out = roots[deg];
  let n = 0;
  if (deg === 0) return (nroots[0] = 0);
  if (deg === 1) {
    if (c[1] !== 0) {
      const u = -c[0] / c[1];
      if (u > 0 && u < 1) out[n++] = u;
    }
    return (nroots[1] = n);
  }
  const d = coef[deg - 1];
  for (let i = 1; i <= deg; i++) d[i - 1] = i * c[i];
  const nd = signChangeRoots(deg - 1);
  const dr = roots[deg - 1];
  let lo = 0;
  let flo = polyAt(c, deg, 0);
  for (let i = 0; i <= nd; i++) {
    const hi = i < nd ? dr[i] : 1;
    const fhi = polyAt(c, deg, hi);
    if (flo !== 0 && fhi !== 0 && flo < 0 !== fhi < 0) out[n++] = bisect(deg, lo, hi, flo);
    else if (fhi === 0 && hi < 1 && flo !== 0) out[n++] = hi;
    lo = hi;
    flo = fhi;
  }
  return (nroots[deg] = n);
}

/** |p(u)| for the Hermite polynomial in A. */
function distAt(u: number): number {
  let s = 0;
  for (let j = 0; j < 3; j++) {
    const v = A[j] + u * (A[3 + j] + u * (A[6 + j] + u * A[9 + j]));
    s += v * v;
  }
  return Math.sqrt(s);
}

/**
 * Closest approach on [0, dt] of the relative motion through (r0, v0) at s = 0 and (r1, v1) at
 * s = dt, modelled as a cubic Hermite (module comment). r in m, v in m/s, dt in s; any common
 * frame. Returns the time after the first point (s, in [0, dt]) and the distance there. The
 * global minimum over [0, dt] is found, including a minimum at either end. dt ≤ 0 gives
 * { tca: 0, miss: |r0| }. Allocates only the returned object.
 */
export function closestApproach(r0: ArrayLike<number>, v0: ArrayLike<number>, r1: ArrayLike<number>, v1: ArrayLike<number>, dt: number): ClosestApproach {
  if (!(dt > 0)) return { tca: 0, miss: vec3.length(r0) };
  for (let j = 0; j < 3; j++) {
    const p0 = r0[j], p1 = r1[j], m0 = dt * v0[j], m1 = dt * v1[j];
    A[j] = p0;
    A[3 + j] = m0;
    A[6 + j] = 3 * (p1 - p0) - 2 * m0 - m1;
    A[9 + j] = 2 * (p0 - p1) + m0 + m1;
  }
  // q(u) = p·p' = Σ_k c_k u^k, with p' = a1 + 2 a2 u + 3 a3 u²: c_m = Σ_{i + j − 1 = m, j ≥ 1} j (a_i·a_j).
  const q = coef[MAXDEG];
  q.fill(0);
  for (let i = 0; i <= 3; i++) {
    for (let j = 1; j <= 3; j++) {
      const dij = A[3 * i] * A[3 * j] + A[3 * i + 1] * A[3 * j + 1] + A[3 * i + 2] * A[3 * j + 2];
      q[i + j - 1] += j * dij;
    }
  }
  // Normalise the quintic (scale does not move its roots; keeps the recursion well scaled).
  let qmax = 0;
  for (let k = 0; k <= MAXDEG; k++) qmax = Math.max(qmax, Math.abs(q[k]));
  let bestU = 0;
  let best = distAt(0);
  const d1 = distAt(1);
  if (d1 < best) {
    best = d1;
    bestU = 1;
  }
  if (qmax > 0) {
    for (let k = 0; k <= MAXDEG; k++) q[k] /= qmax;
    const n = signChangeRoots(MAXDEG);
    const rr = roots[MAXDEG];
    for (let i = 0; i < n; i++) {
      const d = distAt(rr[i]);
      if (d < best) {
        best = d;
        bestU = rr[i];
      }
    }
  }
  return { tca: bestU * dt, miss: best };
}
