import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { brent, brentMinimize } from '../../src/math/index.js';

/** Wraps f to count its calls. */
function counted(f: (x: number) => number): { f: (x: number) => number; calls: () => number } {
  let n = 0;
  return {
    f: (x) => {
      n++;
      return f(x);
    },
    calls: () => n,
  };
}

describe('brent (root)', () => {
  it('Wallis cubic x³ − 2x − 5 = 0 (root 2.0945514815423265, Brent 1973 ch. 4 test problem)', () => {
    const c = counted((x) => x * x * x - 2 * x - 5);
    const x = brent(c.f, 2, 3);
    expect(Math.abs(x - 2.0945514815423265)).toBeLessThan(1e-12 + 4 * 2.2e-16 * 2.1);
    expect(c.calls()).toBeLessThan(15);
  });

  it('transcendental roots: cos x = x, eˣ = 10, sin x = 0 near π', () => {
    // Dottie number 0.7390851332151607 (OEIS A003957).
    expect(Math.abs(brent((x) => Math.cos(x) - x, 0, 1) - 0.7390851332151607)).toBeLessThan(2e-12);
    expect(Math.abs(brent((x) => Math.exp(x) - 10, 0, 5) - Math.LN10)).toBeLessThan(2e-12);
    expect(Math.abs(brent(Math.sin, 3, 4) - Math.PI)).toBeLessThan(2e-12);
  });

  it('honours a looser tolerance and accepts a reversed interval', () => {
    const x = brent((x) => x * x - 2, 2, 0, 1e-6);
    expect(Math.abs(x - Math.SQRT2)).toBeLessThan(1e-6);
  });

  it('returns an end point exactly when f is zero there', () => {
    expect(brent((x) => x - 1, 1, 5)).toBe(1);
    expect(brent((x) => x - 5, 1, 5)).toBe(5);
  });

  it('returns NaN when the interval does not bracket a root, or f is NaN', () => {
    expect(brent((x) => x * x + 1, -1, 1)).toBeNaN();
    expect(brent((x) => x * x - 4, -1, 1)).toBeNaN();
    expect(brent(() => NaN, 0, 1)).toBeNaN();
    expect(brent((x) => (x > 0.5 ? NaN : -1), 0, 1)).toBeNaN();
  });

  it('returns NaN when the iteration budget runs out', () => {
    expect(brent((x) => x * x * x - 2 * x - 5, 2, 3, 1e-12, 2)).toBeNaN();
  });

  it('bounded work on a discontinuous sign change (worst case ≈ bisection)', () => {
    const c = counted((x) => (x < 1 / 3 ? -1 : 1));
    const x = brent(c.f, 0, 1, 1e-12);
    expect(Math.abs(x - 1 / 3)).toBeLessThan(1e-12);
    // Bisection needs log₂(1/1e-12) ≈ 40; Brent's guarantee is within a small factor of that.
    expect(c.calls()).toBeLessThan(3 * 41);
  });

  it('property: random cubics with a bracketed simple root converge within tolerance and 60 calls', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (r, span, q) => {
          // f(x) = (x − r)(x² + q x + q² + 1): the quadratic factor has no real roots.
          const c = counted((x) => (x - r) * (x * x + q * x + q * q + 1));
          const x = brent(c.f, r - span, r + 0.7 * span, 1e-12);
          expect(Math.abs(x - r)).toBeLessThan(1e-12 + 4 * 2.3e-16 * Math.abs(r) + 1e-15);
          expect(c.calls()).toBeLessThan(60);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('brentMinimize', () => {
  it('parabola (x − 2)² + 1 on [0, 5]', () => {
    const m = brentMinimize((x) => (x - 2) ** 2 + 1, 0, 5);
    expect(Math.abs(m.x - 2)).toBeLessThan(1e-7); // √ε-limited: f is flat to ε within ~1e-8 of x*
    expect(Math.abs(m.fx - 1)).toBeLessThan(1e-14);
  });

  it('−sin x on [0, 3] has its minimum −1 at π/2', () => {
    const m = brentMinimize((x) => -Math.sin(x), 0, 3);
    expect(Math.abs(m.x - Math.PI / 2)).toBeLessThan(1e-7);
    expect(Math.abs(m.fx + 1)).toBeLessThan(1e-14);
  });

  it('non-smooth |x − 1| + 2 and a minimum at the interval end', () => {
    const m = brentMinimize((x) => Math.abs(x - 1) + 2, -3, 4);
    expect(Math.abs(m.x - 1)).toBeLessThan(1e-8);
    const e = brentMinimize((x) => x, 0, 1);
    expect(e.x).toBeGreaterThanOrEqual(0);
    expect(e.x).toBeLessThan(1e-8);
  });

  it('x⁴ − 3x³ + 2 (minimum at x = 9/4, f = 2 − 2187/256) in a bounded number of calls', () => {
    const c = counted((x) => x ** 4 - 3 * x ** 3 + 2);
    const m = brentMinimize(c.f, 1, 4);
    expect(Math.abs(m.x - 2.25)).toBeLessThan(1e-7);
    expect(Math.abs(m.fx - (2 - 2187 / 256))).toBeLessThan(1e-12);
    expect(c.calls()).toBeLessThan(40);
  });
});
