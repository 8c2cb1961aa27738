/**
 * Heuristic gap to the optimum on random Ahuja-style instances the exact solver finishes
 * (randomWtaProblem: values U[25,100], p U[0.60,0.90]; m ∈ 6…10, n ∈ 3…6, mu ∈ {1, 2}). The figures in
 * the doc comment of src/bmc/wta.ts come from this file. Assertions: the heuristic is never below the
 * proved optimum, and with 2000 ILS iterations it finds the optimum on every one of the 200 instances.
 */
import { expect, it } from 'vitest';
import { randomWtaProblem, solveWtaExact, solveWtaHeuristic } from '../../src/bmc/wta.js';

it('heuristic gap to the proved optimum on 200 random instances', () => {
  const budgets = [0, 200, 2000];
  const sum = [0, 0, 0];
  const max = [0, 0, 0];
  const hits = [0, 0, 0];
  for (let k = 0; k < 200; k++) {
    const m = 6 + (k % 5), n = 3 + (k % 4), mu = 1 + ((k >> 2) % 2);
    const pr = randomWtaProblem(m, n, mu, 1000 + k);
    const ex = solveWtaExact(pr, { timeLimitMs: Infinity, warmStart: false });
    expect(ex.optimal).toBe(true);
    for (let b = 0; b < budgets.length; b++) {
      const h = solveWtaHeuristic(pr, { timeLimitMs: Infinity, maxIterations: budgets[b], seed: 1 });
      const gap = (h.objective / ex.objective - 1) * 100;
      expect(gap).toBeGreaterThan(-1e-9);
      sum[b] += gap;
      max[b] = Math.max(max[b], gap);
      if (gap < 1e-9) hits[b]++;
    }
  }
  const report = budgets.map((b, i) => `ILS ${b}: mean ${(sum[i] / 200).toFixed(3)} %, max ${max[i].toFixed(3)} %, optimum found ${hits[i]}/200`);
  console.log(report.join('\n'));
  expect(hits[2]).toBe(200);
});
