/**
 * `tmd campaign SCENARIO --runs N [--seed S] [--workers W] [--out DIR] [--resume] [--shard K/N]
 * [--model M] [--json]`: Monte Carlo replicas of a scenario on a worker pool, with a summary and
 * 95 % intervals; with --out, a store (SQLite + CSV) that survives a kill and resumes.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import {
  CampaignStore,
  createProgress,
  defaultModel,
  isFreshDir,
  modelFactory,
  modelNames,
  parseShard,
  runCampaign,
  WHOLE,
  type CampaignSummary,
  type Interval,
  type Shard,
} from '../../campaign/index.js';
import { parseText } from '../../scenario/index.js';
import { parseChoice, parseNumber } from '../parse.js';

interface Opts {
  runs?: string;
  seed?: string;
  workers?: string;
  out?: string;
  resume?: boolean;
  shard?: string;
  model?: string;
  json?: boolean;
}

/** Largest --runs (replica indices are stored as 32-bit integers). */
const MAX_RUNS = 1_000_000_000;

function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

function ci(iv: Interval, digits = 4): string {
  return `${fmt(iv.estimate, digits)}  [${fmt(iv.lo, digits)}, ${fmt(iv.hi, digits)}]`;
}

/** The human-readable summary (also used by `tmd merge`). */
export function formatSummary(s: CampaignSummary): string {
  const lines: string[] = [];
  const shard = s.shard.count > 1 ? `  shard ${s.shard.index}/${s.shard.count}` : '';
  lines.push(`campaign ${s.scenario.file}  model ${s.model}  seed ${s.seed}  replicas ${s.replicas} of ${s.runs}${shard}${s.complete ? '' : '  (incomplete)'}`);
  lines.push('                                estimate  [95 % interval]');
  lines.push(`P(no leaker)                    ${ci(s.p_no_leaker)}   Wilson, ${s.p_no_leaker.count} of ${s.replicas}`);
  lines.push(`expected leakers                ${ci(s.expected_leakers, 3)}   t, sd ${fmt(s.expected_leakers.sd, 3)}`);
  lines.push(`interceptors per threat         ${ci(s.interceptors_per_threat, 3)}   ratio`);
  for (const a of s.assets) lines.push(`P(hit) ${a.id.padEnd(25)}${ci(a.p_hit)}   Wilson, ${a.hits} hits`);
  for (const l of s.layers) lines.push(`${`${l.layer} layer kills per shot`.padEnd(32)}${ci(l.kills_per_shot, 3)}   ${l.kills} kills / ${l.shots} shots`);
  lines.push(`totals: ${s.totals.threats} threats, ${s.totals.leakers} leakers, ${s.totals.killed} killed, ${s.totals.interceptors} interceptors`);
  if (s.timing) {
    const t = s.timing;
    lines.push(`timing: ${t.elapsed_s.toFixed(2)} s, ${t.replicas_run} replicas run, ${Math.round(t.replicas_per_s)} replicas/s on ${t.workers} worker${t.workers === 1 ? '' : 's'}`);
  }
  return lines.join('\n') + '\n';
}

function quoteArg(s: string): string {
  return /^[\w./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function register(program: Command): void {
  program
    .command('campaign')
    .description('Monte Carlo replicas of a scenario: summary with 95 % intervals; --out stores rows and resumes after a kill')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--runs <n>', `number of replicas (1 … ${MAX_RUNS}; with --resume, taken from the store when omitted)`)
    .option('--seed <s>', "campaign seed, a whole number (default: the scenario's seed, else 0)")
    .option('--workers <w>', 'worker threads (default: the available cores; 0 runs in the main thread)')
    .option('--out <dir>', 'store directory: campaign.db (SQLite), replicas.csv, summary.json')
    .option('--resume', 'continue the campaign stored in --out (starts it if --out is absent or empty)')
    .option('--shard <k/n>', 'run only shard K of N (zero-based; contiguous replica blocks), merge with `tmd merge`')
    .option('--model <m>', "replica model (default: 'sim' when available, else 'analytic' for a scenario with an analytic: section)")
    .option('--json', 'print the summary as one JSON object')
    .action(async (file: string, opts: Opts) => {
      // --- flags
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw userError(file, `cannot read the scenario file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      if (opts.resume && opts.out === undefined) throw userError('--resume', 'needs --out DIR: the store to continue');
      let runs = opts.runs !== undefined ? parseNumber('--runs', opts.runs, { integer: true, min: 1, max: MAX_RUNS }) : undefined;
      let seed = opts.seed !== undefined ? parseNumber('--seed', opts.seed, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }) : undefined;
      const workers =
        opts.workers !== undefined ? parseNumber('--workers', opts.workers, { integer: true, min: 0, max: 256 }) : Math.max(1, os.availableParallelism());
      let shard: Shard | undefined = opts.shard !== undefined ? parseShard('--shard', opts.shard) : undefined;
      let model = opts.model !== undefined ? parseChoice('--model', opts.model, modelNames()) : undefined;

      // --- a store to continue: missing flags come from it
      const resuming = opts.resume === true && opts.out !== undefined && !isFreshDir(opts.out);
      if (opts.out !== undefined && !opts.resume && !isFreshDir(opts.out)) {
        throw userError('--out', `'${opts.out}' already exists and is not empty; pass --resume to continue the campaign in it, or choose another --out (nothing was changed)`);
      }
      if (resuming) {
        const st = CampaignStore.open(opts.out!, '--out');
        const m = st.meta;
        st.close();
        runs ??= m.runs;
        seed ??= m.seed;
        shard ??= m.shard;
        model ??= m.model;
      }
      if (runs === undefined) throw userError('--runs', 'is required: the number of replicas (e.g. --runs 1000)');
      model ??= defaultModel(text, '--model');
      if (seed === undefined) {
        const data = parseText(text, file).data as { seed?: unknown } | null | undefined;
        const sc = typeof data === 'object' && data !== null ? data.seed : undefined;
        seed = typeof sc === 'number' && Number.isSafeInteger(sc) && sc >= 0 ? sc : 0;
      }
      shard ??= WHOLE;
      modelFactory(model); // known name (parseChoice already checked)

      // --- run, with SIGINT finishing the batches in flight
      const ac = new AbortController();
      const onSigint = (): void => ac.abort();
      process.once('SIGINT', onSigint);
      const progressOn = process.stdout.isTTY === true && !opts.json;
      let bar = createProgress(process.stderr, 0, 0, false);
      let outcome;
      try {
        outcome = await runCampaign(
          { scenarioText: text, scenarioFile: file, model, seed, runs, shard },
          {
            workers,
            out: opts.out,
            resume: opts.resume,
            signal: ac.signal,
            onStart: (done, total) => (bar = createProgress(process.stderr, total, done, progressOn)),
            onProgress: (done) => bar.update(done),
          },
        );
      } finally {
        bar.stop();
        process.removeListener('SIGINT', onSigint);
      }

      if (outcome.interrupted) {
        const where = outcome.store
          ? `${outcome.done} of ${outcome.total} replicas are stored in ${outcome.store.dir}; resume with:\n  tmd campaign ${quoteArg(file)} --out ${quoteArg(outcome.store.dir)} --resume${opts.workers !== undefined ? ` --workers ${workers}` : ''}`
          : `${outcome.done} of ${outcome.total} replicas were run and nothing was stored (no --out); rerun with --out DIR to be able to resume`;
        process.stderr.write(`tmd campaign: interrupted; ${where}\n`);
        process.exit(130);
      }
      if (opts.json) process.stdout.write(JSON.stringify(outcome.summary) + '\n');
      else {
        process.stdout.write(formatSummary(outcome.summary));
        if (outcome.store?.csv) process.stdout.write(`store: ${outcome.store.file}\nrows: ${outcome.store.csv}\nsummary: ${outcome.store.summary}\n`);
      }
    });
}
