/**
 * Scalar root finding and minimisation without derivatives, after R. P. Brent, "Algorithms for
 * Minimization without Derivatives", Prentice-Hall, 1973: chapter 4 (procedure `zero`: bisection,
 * secant and inverse quadratic interpolation, guaranteed convergence) and chapter 5 (procedure
 * `localmin`: golden section and successive parabolic interpolation).
 *
 * Numerical failures are codes, not exceptions: `brent` returns NaN when the interval does not
 * bracket a root or the iteration budget runs out.
 */

const EPS = 2.220446049250313e-16; // Number.EPSILON, IEEE 754 binary64 unit roundoff ×2
const SQRT_EPS = 1.4901161193847656e-8; // √EPS
const GOLDEN_C = 0.3819660112501051; // (3 − √5)/2, Brent 1973 ch. 5

/**
 * A root of f in [a, b] (either order) to within `tol` + 4·EPS·|x| (absolute, in the units of x).
 * Returns a or b exactly when f is exactly 0 there. Returns NaN when f(a) and f(b) are of the same
 * sign (no bracket), when either is NaN, or when maxIter iterations do not converge (cannot happen
 * with the default budget for a continuous f; Brent's bound is about (log₂((b−a)/tol))² steps).
 * Each iteration costs one call of f. Brent 1973, ch. 4.
 */
export function brent(f: (x: number) => number, a: number, b: number, tol = 1e-12, maxIter = 200): number {
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa < 0 && fb > 0) && !(fa > 0 && fb < 0)) return NaN;
  let c = a, fc = fa;
  let d = b - a, e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      // Keep the root between b and c.
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      // b is the best estimate so far.
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: secant when a = c, inverse quadratic otherwise.
      const s = fb / fa;
      let p: number, q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm; // interpolation rejected: bisect
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
    if (Number.isNaN(fb)) return NaN;
  }
  return NaN;
}

/**
 * A local minimum of f on [a, b] (a < b): golden-section search with parabolic interpolation,
 * Brent 1973 ch. 5 (`localmin`). x is located to about tol + √EPS·|x|; a minimum at an end of
 * the interval is approached to within that tolerance. For a unimodal f this is the global
 * minimum on [a, b]. Stops after maxIter evaluations with the best point found. Allocates the
 * returned object (not meant for a hot loop).
 */
export function brentMinimize(
  f: (x: number) => number,
  a: number,
  b: number,
  tol = 1e-10,
  maxIter = 200,
): { x: number; fx: number } {
  if (a > b) {
    const t = a;
    a = b;
    b = t;
  }
  let x = a + GOLDEN_C * (b - a);
  let w = x, v = x;
  let fx = f(x);
  let fw = fx, fv = fx;
  let d = 0, e = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    const m = 0.5 * (a + b);
    const tol1 = SQRT_EPS * Math.abs(x) + tol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      // Parabola through (v, fv), (w, fw), (x, fx).
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = (x < m ? b : a) - x;
      d = GOLDEN_C * e;
    }
    const u = x + (Math.abs(d) >= tol1 ? d : d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w; fv = fw;
      w = x; fw = fx;
      x = u; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u; fv = fu;
      }
    }
  }
  return { x, fx };
}
