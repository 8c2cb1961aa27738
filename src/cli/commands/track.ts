/**
 * `tmd track --measurements FILE --out tracks.csv [--motion cv|ballistic] [--filter ekf|ukf] [--q Q] [--json]`:
 * runs the multi-target tracker (src/track Tracker: GNN with optimal assignment, M-of-N
 * confirmation) over a measurement CSV and writes tracks.csv (ECEF, one row per confirmed track per
 * scan time). Prints counts and throughput; `--json` prints one object with the keys
 * `scans, measurements, tracks_confirmed, elapsed_s, measurements_per_s, motion, filter, q`.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import { readMeasurementsCsv, writeTracksCsv } from '../../io/index.js';
import { Tracker } from '../../track/index.js';
import { parseChoice, parseNumber } from '../parse.js';

interface Opts {
  measurements: string;
  out: string;
  motion: string;
  filter: string;
  q?: string;
  json?: boolean;
}

function readText(flag: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw userError(flag, `cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}, expected a readable CSV file`);
  }
}

export function register(program: Command): void {
  program
    .command('track')
    .description('track targets in a measurement CSV (EKF/UKF, CV or ballistic model, GNN) and write tracks.csv')
    .requiredOption('--measurements <file>', 'measurement CSV (time_s,sensor,…,truth)')
    .requiredOption('--out <file>', 'tracks CSV to write (time_s,track,x_m,…,vz_mps; ECEF)')
    .option('--motion <model>', 'motion model: cv or ballistic', 'ballistic')
    .option('--filter <kind>', 'filter: ekf or ukf', 'ekf')
    .option('--q <q>', 'acceleration noise spectral density, m²/s³ (default 0.01 ballistic, 100 cv)')
    .option('--json', 'print one JSON object')
    .action(async (opts: Opts) => {
      const motion = parseChoice('--motion', opts.motion, ['cv', 'ballistic'] as const);
      const filter = parseChoice('--filter', opts.filter, ['ekf', 'ukf'] as const);
      const q = opts.q === undefined ? undefined : parseNumber('--q', opts.q, { min: 0 });
      const scans = readMeasurementsCsv(readText('--measurements', opts.measurements), opts.measurements);
      const tracker = new Tracker({ motion, filter, q });
      const t0 = performance.now();
      for (const s of scans) tracker.processScan(s);
      const elapsed = (performance.now() - t0) / 1000;
      try {
        fs.writeFileSync(opts.out, writeTracksCsv(tracker.rows));
      } catch (e) {
        throw userError('--out', `cannot write '${opts.out}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      const measurements = tracker.detectionsProcessed;
      const result = {
        scans: tracker.scansProcessed,
        measurements,
        tracks_confirmed: tracker.confirmedTotal,
        rows: tracker.rows.length,
        elapsed_s: elapsed,
        measurements_per_s: elapsed > 0 ? measurements / elapsed : 0,
        motion,
        filter,
        q: (tracker.filter.motion as { q?: number }).q ?? q,
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(result) + '\n');
        return;
      }
      process.stdout.write(
        `scans ${result.scans}, measurements ${measurements}, tracks confirmed ${result.tracks_confirmed} (${motion} ${filter}, q ${result.q} m²/s³)\n` +
          `wrote ${result.rows} rows to ${opts.out}; ${elapsed.toFixed(3)} s, ${Math.round(result.measurements_per_s)} measurements/s\n`,
      );
    });
}
