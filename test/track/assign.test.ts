import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LinearAssignment, assign } from '../../src/track/assign.js';

/** Brute force over all injective maps of the smaller side into the larger: exact optimum. */
function bruteForce(C: number[], n: number, m: number): number {
  let best = Infinity;
  const k = Math.min(n, m);
  const used = new Array<boolean>(Math.max(n, m)).fill(false);
  // Enumerate matchings of each row of the smaller side to distinct items of the larger side.
  const rowsSmall = n <= m;
  const rec = (i: number, acc: number): void => {
    if (i === k) {
      best = Math.min(best, acc);
      return;
    }
    const big = rowsSmall ? m : n;
    for (let j = 0; j < big; j++) {
      if (used[j]) continue;
      used[j] = true;
      rec(i + 1, acc + (rowsSmall ? C[i * m + j] : C[j * m + i]));
      used[j] = false;
    }
  };
  rec(0, 0);
  return best;
}

const matrixArb = fc
  .record({ n: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 6 }) })
  .chain(({ n, m }) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      c: fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.double({ min: -100, max: 100, noNaN: true }) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }, // ties
          { weight: 1, arbitrary: fc.constant(Infinity) }, // forbidden pairs
        ),
        { minLength: n * m, maxLength: n * m },
      ),
    }),
  );

describe('LinearAssignment (Jonker–Volgenant / Crouse 2016 shortest augmenting path)', () => {
  it('matches brute force on random rectangular matrices with ties and forbidden pairs', () => {
    const la = new LinearAssignment();
    fc.assert(
      fc.property(matrixArb, ({ n, m, c }) => {
        const out = new Int32Array(n);
        const got = la.solve(c, n, m, out);
        const want = bruteForce(c, n, m);
        if (want === Infinity) {
          expect(got).toBeNaN();
          return;
        }
        expect(got).toBeCloseTo(want, 9);
        // The returned matching is one-to-one, of size min(n, m), and its cost is the returned total.
        const seen = new Set<number>();
        let total = 0;
        let count = 0;
        for (let i = 0; i < n; i++) {
          if (out[i] < 0) continue;
          expect(seen.has(out[i])).toBe(false);
          seen.add(out[i]);
          total += c[i * m + out[i]];
          count++;
        }
        expect(count).toBe(Math.min(n, m));
        expect(total).toBeCloseTo(got, 9);
      }),
      { numRuns: 2000, seed: 20240601 },
    );
  });

  it('solves the SciPy documentation 3×3 instance', () => {
    // scipy.optimize.linear_sum_assignment docs example: cost [[4,1,3],[2,0,5],[3,2,2]] →
    // col_ind [1, 0, 2], total 5 (also checkable by hand over the 6 permutations).
    const C = [4, 1, 3, 2, 0, 5, 3, 2, 2];
    const out = new Int32Array(3);
    expect(assign(C, 3, 3, out)).toBe(5);
    expect(Array.from(out)).toEqual([1, 0, 2]);
  });

  it('handles empty problems', () => {
    const out = new Int32Array(2);
    expect(assign([], 2, 0, out)).toBe(0);
    expect(Array.from(out)).toEqual([-1, -1]);
  });
});
