/**
 * Weapon–target assignment benchmarks (src/bmc/wta.ts).
 *
 * - bmc.wta.100x50_ms: median time of the battle-manager call (greedy + local search, no ILS) on a
 *   100-target × 50-weapon, one-shot instance generated as Ahuja et al. (2007) §6 describe
 *   (values U[25,100], p U[0.60,0.90]). Goal ≤ 10 ms.
 * - bmc.wta.<m>x<n>x<mu>.gap_*: objective gap on benchmark-size generated instances (50 weapons ×
 *   100 targets and 100 × 200, 1–3 shots). No published optimum exists for these and no tight lower
 *   bound is implemented, so the reference is the best objective found by three 3 s ILS runs with
 *   different seeds ("best found", not a bound): the figure shows how close a short budget gets to
 *   what a long search finds. Goal ≤ 1 %.
 * - bmc.wta.published.<file>.gap_pct: when the published instance files (Andersen, Pavlikov &
 *   Toffolo 2022; see test/fixtures/wta/best-known.json) are in test/fixtures/wta/, the gap of a
 *   10 s run to the best-known objective. Goal ≤ 1 %.
 */
import { existsSync, readFileSync } from 'node:fs';
import { median, timeEach, type Figure } from './harness.js';
import { randomWtaProblem, solveWtaHeuristic } from '../src/bmc/wta.js';
import { parseWta } from '../src/bmc/wta-io.js';

export async function run(): Promise<Figure[]> {
  const figs: Figure[] = [];
  const bm = randomWtaProblem(50, 100, 1, 2024);
  const times = timeEach(() => solveWtaHeuristic(bm, { maxIterations: 0 }), 50);
  const t = median(times);
  figs.push({ name: 'bmc.wta.100x50_ms', value: t, unit: 'ms', goal: '≤ 10 ms', pass: t <= 10, note: 'greedy + local search, 100 targets × 50 weapons × 1 shot' });

  for (const [m, n, mu] of [[50, 100, 1], [50, 100, 2], [50, 100, 3], [100, 200, 1], [100, 200, 2], [100, 200, 3]]) {
    const pr = randomWtaProblem(m, n, mu, 7 + mu);
    let ref = Infinity;
    for (const seed of [11, 12, 13]) ref = Math.min(ref, solveWtaHeuristic(pr, { timeLimitMs: 3000, seed }).objective);
    for (const [label, budget] of [['10ms', 10], ['1s', 1000]] as const) {
      const f = solveWtaHeuristic(pr, { timeLimitMs: budget, seed: 1 }).objective;
      const gap = Math.max(0, (f / ref - 1) * 100);
      figs.push({
        name: `bmc.wta.${m}x${n}x${mu}.gap_vs_best_found_${label}_pct`,
        value: gap,
        unit: '%',
        goal: '≤ 1 %',
        pass: gap <= 1,
        note: `${budget} ms budget; reference = best of 3 × 3 s ILS (${ref.toFixed(4)}), not a bound`,
      });
    }
  }

  const dir = new URL('../test/fixtures/wta/', import.meta.url);
  const tablePath = new URL('best-known.json', dir);
  if (existsSync(tablePath)) {
    const table = JSON.parse(readFileSync(tablePath, 'utf8')) as { instances: Record<string, { best: number }> };
    for (const [file, ref] of Object.entries(table.instances)) {
      const path = new URL(file, dir);
      if (!existsSync(path)) continue;
      const pr = parseWta(readFileSync(path, 'utf8'), file);
      const f = solveWtaHeuristic(pr, { timeLimitMs: 10_000, seed: 1 }).objective;
      const gap = (f / ref.best - 1) * 100;
      figs.push({ name: `bmc.wta.published.${file.replace(/\.txt$/, '')}.gap_pct`, value: gap, unit: '%', goal: '≤ 1 %', pass: gap <= 1, note: `10 s; best known ${ref.best} (Andersen, Pavlikov & Toffolo 2022)` });
    }
  }
  return figs;
}
