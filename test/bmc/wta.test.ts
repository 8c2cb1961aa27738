import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { objective, randomWtaProblem, solveWtaExact, solveWtaHeuristic, type WtaProblem } from '../../src/bmc/wta.js';

/**
 * Brute force, written independently of the solvers: every weapon chooses a vector of shot counts
 * (x_i0 … x_i,n−1) summing to mu; the objective is Σ_j v_j Π_i (1 − p_ij)^{x_ij}.
 */
function bruteForce(pr: WtaProblem): number {
  const { m, n, mu, values, p } = pr;
  const comps: number[][] = [];
  const rec = (prefix: number[], left: number): void => {
    if (prefix.length === n - 1) {
      comps.push([...prefix, left]);
      return;
    }
    for (let c = 0; c <= left; c++) rec([...prefix, c], left - c);
  };
  rec([], mu);
  let best = Infinity;
  const x: number[][] = [];
  const go = (i: number): void => {
    if (i === m) {
      let f = 0;
      for (let j = 0; j < n; j++) {
        let s = values[j];
        for (let w = 0; w < m; w++) s *= Math.pow(1 - p[w * n + j], x[w][j]);
        f += s;
      }
      best = Math.min(best, f);
      return;
    }
    for (const c of comps) {
      x[i] = c;
      go(i + 1);
    }
  };
  go(0);
  return best;
}

/** An instance from fast-check: p on a grid including 0 and 1, values including 0. */
const problemArb = fc
  .record({ m: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 1, max: 4 }), mu: fc.integer({ min: 1, max: 2 }) })
  .chain(({ m, n, mu }) =>
    fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      mu: fc.constant(mu),
      values: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1, max: 100, noNaN: true })), { minLength: n, maxLength: n }).map((a) => Float64Array.from(a)),
      p: fc.array(fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: m * n, maxLength: m * n }).map((a) => Float64Array.from(a)),
    }),
  );

function shotsValid(pr: WtaProblem, a: Int32Array): boolean {
  if (a.length !== pr.m * pr.mu) return false;
  for (const j of a) if (!(j >= 0 && j < pr.n)) return false;
  return true;
}

describe('WTA objective', () => {
  it('matches a hand computation', () => {
    // 2 weapons, 2 targets, 1 shot each: v = (10, 5); both on target 0: 10·0.5·0.2 + 5 = 6.
    const pr: WtaProblem = { m: 2, n: 2, mu: 1, values: Float64Array.of(10, 5), p: Float64Array.of(0.5, 0.1, 0.8, 0.3) };
    expect(objective(pr, Int32Array.of(0, 0))).toBeCloseTo(6, 14);
    expect(objective(pr, Int32Array.of(1, 0))).toBeCloseTo(10 * 0.2 + 5 * 0.9, 14);
    expect(solveWtaExact(pr).objective).toBeCloseTo(6, 14);
  });
});

describe('solveWtaExact', () => {
  it('equals brute force on random small instances (fast-check)', () => {
    fc.assert(
      fc.property(problemArb, (pr) => {
        const sol = solveWtaExact(pr, { timeLimitMs: 60_000 });
        expect(sol.optimal).toBe(true);
        expect(shotsValid(pr, sol.assignment)).toBe(true);
        const bf = bruteForce(pr);
        expect(Math.abs(sol.objective - bf)).toBeLessThanOrEqual(1e-9 * Math.max(1, bf));
        expect(sol.objective).toBeCloseTo(objective(pr, sol.assignment), 12);
      }),
      { numRuns: 300, seed: 20070601 },
    );
  });

  it('equals brute force on Ahuja-style instances (m=5, n=4, mu=2)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const pr = randomWtaProblem(5, 4, 2, seed);
      const sol = solveWtaExact(pr);
      expect(sol.optimal).toBe(true);
      expect(sol.objective).toBeCloseTo(bruteForce(pr), 9);
    }
  });

  it('reports optimal=false and a valid assignment when the time limit stops it', () => {
    const pr = randomWtaProblem(30, 20, 2, 3);
    const sol = solveWtaExact(pr, { timeLimitMs: 5 });
    expect(sol.optimal).toBe(false);
    expect(shotsValid(pr, sol.assignment)).toBe(true);
    expect(sol.objective).toBeCloseTo(objective(pr, sol.assignment), 9);
  });
});

describe('solveWtaHeuristic', () => {
  it('is never below the optimum and returns its own objective (fast-check)', () => {
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 0, max: 1000 }), (pr, seed) => {
        const h = solveWtaHeuristic(pr, { timeLimitMs: Infinity, maxIterations: 50, seed });
        expect(h.optimal).toBe(false);
        expect(shotsValid(pr, h.assignment)).toBe(true);
        expect(h.objective).toBeCloseTo(objective(pr, h.assignment), 12);
        expect(h.objective).toBeGreaterThanOrEqual(bruteForce(pr) * (1 - 1e-12) - 1e-12);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('is deterministic for a given input and seed', () => {
    const pr = randomWtaProblem(20, 15, 2, 11);
    const a = solveWtaHeuristic(pr, { timeLimitMs: Infinity, maxIterations: 300, seed: 5 });
    const b = solveWtaHeuristic(pr, { timeLimitMs: Infinity, maxIterations: 300, seed: 5 });
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    expect(a.objective).toBe(b.objective);
  });

  it('uses all shots: mu·m shots each on a real target', () => {
    const pr = randomWtaProblem(7, 3, 3, 2);
    const h = solveWtaHeuristic(pr, { maxIterations: 10 });
    expect(h.assignment.length).toBe(21);
    expect(shotsValid(pr, h.assignment)).toBe(true);
  });

  it('one weapon, one shot: fires at the target with the largest v_j p_ij', () => {
    const pr: WtaProblem = { m: 1, n: 3, mu: 1, values: Float64Array.of(10, 50, 30), p: Float64Array.of(0.9, 0.1, 0.5) };
    // decreases: 9, 5, 15 → target 2
    const h = solveWtaHeuristic(pr, { maxIterations: 0 });
    expect(Array.from(h.assignment)).toEqual([2]);
    expect(h.objective).toBeCloseTo(10 + 50 + 15, 12);
  });

  it('identical weapons on identical targets spread their shots evenly (convexity)', () => {
    // m = 6 shots of p = 0.5 on 3 targets of value 1: optimum is 2 shots each, F = 3·0.25.
    const pr: WtaProblem = { m: 6, n: 3, mu: 1, values: Float64Array.of(1, 1, 1), p: new Float64Array(18).fill(0.5) };
    expect(solveWtaHeuristic(pr, { maxIterations: 0 }).objective).toBeCloseTo(0.75, 14);
  });
});

describe('solveWtaExact without warm start', () => {
  it('the tree search alone equals brute force (fast-check)', () => {
    fc.assert(
      fc.property(problemArb, (pr) => {
        const sol = solveWtaExact(pr, { warmStart: false });
        expect(sol.optimal).toBe(true);
        const bf = bruteForce(pr);
        expect(Math.abs(sol.objective - bf)).toBeLessThanOrEqual(1e-9 * Math.max(1, bf));
      }),
      { numRuns: 300, seed: 99 },
    );
  });
});
