/**
 * `tmd score --truth truth.csv --tracks tracks.csv [--c M] [--json]`: scores tracks against truth
 * (src/track scoreTracks). Every distinct track time is scored; truth is interpolated to it (cubic
 * Hermite on the sampled ECEF positions and velocities) for each object whose samples span it.
 * GOSPA (α = 2, p = 2, cut-off c, default 1000 m) per time, averaged; RMSE over GOSPA-localised
 * pairs; truths tracked (localised at least once); breaks (changes of a truth's localising track);
 * purity. `--json` keys: gospa_mean, rmse_position_m, rmse_velocity_mps, tracks, truths,
 * truths_tracked, breaks, purity, times, missed_mean, false_mean, c_m.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import { readTracksCsv, readTruthCsv } from '../../io/index.js';
import { scoreTracks, type StateRow } from '../../track/index.js';
import { parseNumber } from '../parse.js';

function readText(flag: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw userError(flag, `cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}, expected a readable CSV file`);
  }
}

export function register(program: Command): void {
  program
    .command('score')
    .description('score tracks.csv against truth.csv: GOSPA, RMSE, tracks, truths tracked, breaks')
    .requiredOption('--truth <file>', 'truth CSV (time_s,object,x_m,…,vz_mps; ECEF)')
    .requiredOption('--tracks <file>', 'tracks CSV (time_s,track,x_m,…,vz_mps; ECEF)')
    .option('--c <metres>', 'GOSPA cut-off distance, m', '1000')
    .option('--json', 'print one JSON object')
    .action(async (opts: { truth: string; tracks: string; c: string; json?: boolean }) => {
      const c = parseNumber('--c', opts.c, { min: 1e-9 });
      const truth = readTruthCsv(readText('--truth', opts.truth), opts.truth);
      const tracks = readTracksCsv(readText('--tracks', opts.tracks), opts.tracks);
      const tr: StateRow[] = truth.map((r) => ({ time: r.time, id: r.object, state: r.state }));
      const tk: StateRow[] = tracks.map((r) => ({ time: r.time, id: r.track, state: r.state }));
      const s = { ...scoreTracks(tr, tk, { c, p: 2 }), c_m: c };
      if (opts.json) {
        process.stdout.write(JSON.stringify(s) + '\n');
        return;
      }
      const f = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
      process.stdout.write(
        `GOSPA mean ${f(s.gospa_mean)} m (c ${c} m, p 2, α 2) over ${s.times} times; missed ${f(s.missed_mean, 2)}, false ${f(s.false_mean, 2)} per time\n` +
          `RMSE position ${f(s.rmse_position_m)} m, velocity ${f(s.rmse_velocity_mps, 2)} m/s\n` +
          `tracks ${s.tracks}, truths ${s.truths}, truths tracked ${s.truths_tracked}, breaks ${s.breaks}, purity ${f(s.purity, 3)}\n`,
      );
    });
}
