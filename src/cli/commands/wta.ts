/** `tmd wta FILE`: solve a static weapon–target assignment instance (src/bmc/wta.ts). */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { solveWtaExact, solveWtaHeuristic } from '../../bmc/wta.js';
import { parseWta } from '../../bmc/wta-io.js';
import { userError } from '../../errors.js';
import { parseNumber } from '../parse.js';

interface Opts {
  timeLimitMs?: string;
  exact?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('wta')
    .description('solve a weapon-target assignment instance ("m n mu", n values, "i j p" lines)')
    .argument('<file>', 'instance file')
    .option('--time-limit-ms <T>', 'time limit in ms (default: 10 000 exact, 1 000 heuristic; the heuristic also stops after 20 000 iterations without improvement)')
    .option('--exact', 'branch and bound (small instances); reports whether optimality was proved')
    .option('--json', 'print one JSON object {objective, assignment: [[weapon, target], …], time_ms, optimal}')
    .action((file: string, opts: Opts) => {
      const limit = opts.timeLimitMs === undefined ? (opts.exact ? 10_000 : 1_000) : parseNumber('--time-limit-ms', opts.timeLimitMs, { min: 0 });
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw userError(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}); expected a readable WTA instance`);
      }
      const problem = parseWta(text, file);
      const t0 = performance.now();
      const sol = opts.exact ? solveWtaExact(problem, { timeLimitMs: limit }) : solveWtaHeuristic(problem, { timeLimitMs: limit, maxStall: 20_000 });
      const timeMs = performance.now() - t0;
      const { m, n, mu } = problem;
      if (opts.json) {
        const pairs: [number, number][] = [];
        for (let s = 0; s < m * mu; s++) pairs.push([Math.floor(s / mu), sol.assignment[s]]);
        process.stdout.write(JSON.stringify({ objective: sol.objective, assignment: pairs, time_ms: timeMs, optimal: sol.optimal }) + '\n');
        return;
      }
      const perTarget = new Int32Array(n);
      for (const j of sol.assignment) if (j >= 0) perTarget[j]++;
      const lines = [
        `objective (expected surviving value)  ${sol.objective}`,
        `${opts.exact ? (sol.optimal ? 'optimal (proved)' : 'not proved optimal (time limit)') : 'heuristic (optimality not proved)'}, ${timeMs.toFixed(1)} ms`,
        `${m} weapons × ${mu} shots on ${n} targets; shots per target:`,
      ];
      for (let j = 0; j < n; j++) if (perTarget[j] > 0) lines.push(`  target ${j}: ${perTarget[j]}`);
      const idle = n - perTarget.reduce((a, b) => a + (b > 0 ? 1 : 0), 0);
      if (idle > 0) lines.push(`  (${idle} targets not engaged)`);
      process.stdout.write(lines.join('\n') + '\n');
    });
}
