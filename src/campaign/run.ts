/**
 * Running a campaign: replicas in batches on an executor (worker pool), results streamed into an
 * Accumulator and, with a store, committed batch by batch with the checkpoint (store.ts), so a
 * campaign killed at any moment resumes from exactly the replicas it stored.
 *
 * Batch size is adaptive and affects only speed: the first batch per worker is small; after that
 * each batch is sized to take about TARGET_TASK_MS by the measured cost per replica (a piscina
 * task costs tens of µs, so cheap replicas go ≥ 1,000 to a task), capped so the last batches
 * still spread over every worker. Results are combined with exact integer sums, so the summary
 * does not depend on batch order, worker count or shards.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { userError } from '../errors.js';
import { createExecutor } from './pool.js';
import { WHOLE, shardRange, type Shard } from './shard.js';
import { Accumulator, summarize, type CampaignStatistics } from './stats.js';
import { CampaignStore, isFreshDir, type CampaignMeta } from './store.js';
import { modelFactory } from './registry.js';

/** Wall time per task the batch sizer aims at, ms. */
export const TARGET_TASK_MS = 50;
const FIRST_BATCH = 64;
const MAX_BATCH = 50_000;

/** What defines a campaign (the same on every shard). */
export interface CampaignSpec {
  scenarioText: string;
  /** the scenario file name as given (messages; its base name goes in the summary) */
  scenarioFile: string;
  model: string;
  seed: number;
  runs: number;
  shard: Shard;
}

export interface RunOptions {
  /** worker threads; 0 runs in the calling thread */
  workers: number;
  /** store directory (none: statistics only) */
  out?: string;
  /** continue the store in `out` (start it when `out` is absent or empty) */
  resume?: boolean;
  /** stop dispatching when aborted; batches in flight still finish and are stored */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** called once the store is open and the work is known */
  onStart?: (done: number, total: number) => void;
  workerFile?: string;
}

/** Wall-clock facts; the only part of a summary that depends on timing or workers. */
export interface CampaignTiming {
  elapsed_s: number;
  /** replicas run in this session (excluding those resumed from the store) */
  replicas_run: number;
  replicas_per_s: number;
  workers: number;
  tasks: number;
  mean_batch: number;
}

/** The summary `tmd campaign --json` prints (and writes as summary.json). */
export interface CampaignSummary extends CampaignStatistics {
  format: 'tmdsim-campaign-summary-v1';
  scenario: { file: string; sha256: string };
  model: string;
  seed: number;
  runs: number;
  shard: Shard;
  /** every replica of the shard is in */
  complete: boolean;
  timing?: CampaignTiming;
}

export interface CampaignOutcome {
  summary: CampaignSummary;
  complete: boolean;
  /** replicas of this shard done (stored) and its total */
  done: number;
  total: number;
  interrupted: boolean;
  store?: { dir: string; file: string; csv?: string; summary?: string };
}

/** SHA-256 of a scenario text, hex. */
export function scenarioDigest(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i >= 0 ? file.slice(i + 1) : file;
}

/** The summary of a campaign (or shard) from its accumulated sums. */
export function buildSummary(
  meta: Pick<CampaignMeta, 'model' | 'seed' | 'runs' | 'shard' | 'assets'> & { scenario: { file: string; sha256: string } },
  acc: Accumulator,
  timing?: CampaignTiming,
): CampaignSummary {
  const [start, end] = shardRange(meta.runs, meta.shard);
  const s: CampaignSummary = {
    format: 'tmdsim-campaign-summary-v1',
    scenario: { file: baseName(meta.scenario.file), sha256: meta.scenario.sha256 },
    model: meta.model,
    seed: meta.seed,
    runs: meta.runs,
    shard: { index: meta.shard.index, count: meta.shard.count },
    complete: acc.n === end - start,
    ...summarize(acc, meta.assets),
  };
  if (timing) s.timing = timing;
  return s;
}

/** Differences between a stored campaign and the one asked for (empty: the same). */
export function identityDifferences(stored: CampaignMeta, spec: CampaignSpec, sha: string, assets: readonly string[]): string[] {
  const d: string[] = [];
  if (stored.scenario.sha256 !== sha) d.push(`the scenario text differs from the one the store was started with (${baseName(stored.scenario.file)})`);
  if (stored.model !== spec.model) d.push(`model: store '${stored.model}', asked '${spec.model}'`);
  if (stored.seed !== spec.seed) d.push(`seed: store ${stored.seed}, asked ${spec.seed}`);
  if (stored.runs !== spec.runs) d.push(`runs: store ${stored.runs}, asked ${spec.runs}`);
  if (stored.shard.index !== spec.shard.index || stored.shard.count !== spec.shard.count) {
    d.push(`shard: store ${stored.shard.index}/${stored.shard.count}, asked ${spec.shard.index}/${spec.shard.count}`);
  }
  if (stored.assets.join('\n') !== assets.join('\n')) d.push('the defended assets differ');
  return d;
}

/** Runs (or resumes) a campaign; see the module comment. */
export async function runCampaign(spec: CampaignSpec, opts: RunOptions): Promise<CampaignOutcome> {
  const t0 = performance.now();
  const model = modelFactory(spec.model)(spec.scenarioText, spec.scenarioFile); // validates the scenario here, not in a worker
  const assets = [...model.assets];
  const sha = scenarioDigest(spec.scenarioText);
  const [start, end] = shardRange(spec.runs, spec.shard ?? WHOLE);
  const total = end - start;

  let store: CampaignStore | undefined;
  if (opts.out !== undefined) {
    if (opts.resume && !isFreshDir(opts.out)) {
      store = CampaignStore.open(opts.out, '--out');
      const diff = identityDifferences(store.meta, spec, sha, assets);
      if (diff.length) {
        store.close();
        throw userError('--out', `'${opts.out}' holds a different campaign (${diff.join('; ')}); nothing was changed`);
      }
    } else {
      store = CampaignStore.create(opts.out, {
        scenario: { file: spec.scenarioFile, sha256: sha, text: spec.scenarioText },
        model: spec.model,
        seed: spec.seed,
        runs: spec.runs,
        shard: spec.shard,
        assets,
      });
    }
  }

  try {
    const acc = store ? store.checkpoint() : new Accumulator(assets.length);
    const ranges = store ? store.missingRanges(start, end) : total > 0 ? [[start, end] as [number, number]] : [];
    const initial = acc.n;
    opts.onStart?.(initial, total);
    let remaining = 0;
    for (const [a, b] of ranges) remaining += b - a;

    let tasks = 0;
    let ran = 0;
    let lastMs = 0; // cost of the latest batch, per replica (warm JIT, current load)
    let workers = 0;
    if (remaining > 0 && !opts.signal?.aborted) {
      const exec = createExecutor({ model: spec.model, scenarioText: spec.scenarioText, file: spec.scenarioFile, seed: spec.seed }, opts.workers, opts.workerFile);
      workers = exec.workers;
      const lanes = Math.max(1, exec.workers);
      const limit = 2 * lanes;
      let ri = 0; // current range
      let cursor = ranges.length ? ranges[0][0] : 0;
      const nextBatchSize = (): number => {
        if (ran === 0) return FIRST_BATCH;
        const perReplica = lastMs;
        let b = perReplica > 0 ? Math.ceil(TARGET_TASK_MS / perReplica) : MAX_BATCH;
        b = Math.min(b, MAX_BATCH, Math.max(1, Math.ceil(remaining / (2 * lanes))));
        return Math.max(1, b);
      };
      const inflight = new Map<number, Promise<{ id: number; r: Awaited<ReturnType<typeof exec.run>> }>>();
      let seq = 0;
      try {
        for (;;) {
          while (!opts.signal?.aborted && inflight.size < limit && ri < ranges.length) {
            const size = Math.min(nextBatchSize(), ranges[ri][1] - cursor);
            const a = cursor;
            const b = cursor + size;
            cursor = b;
            if (cursor >= ranges[ri][1]) {
              ri++;
              if (ri < ranges.length) cursor = ranges[ri][0];
            }
            const id = seq++;
            inflight.set(id, exec.run(a, b).then((r) => ({ id, r })));
            tasks++;
          }
          if (inflight.size === 0) break;
          const { id, r } = await Promise.race(inflight.values());
          inflight.delete(id);
          acc.addRows(r.rows, r.count);
          store?.commit(r.rows, r.count, acc);
          ran += r.count;
          lastMs = r.count > 0 ? r.ms / r.count : lastMs;
          remaining -= r.count;
          opts.onProgress?.(acc.n, total);
        }
      } catch (e) {
        // let the other batches settle before closing the pool; they are not stored
        await Promise.allSettled(inflight.values());
        throw e;
      } finally {
        await exec.close();
      }
    }

    const elapsed = (performance.now() - t0) / 1000;
    const timing: CampaignTiming = {
      elapsed_s: elapsed,
      replicas_run: ran,
      replicas_per_s: elapsed > 0 ? ran / elapsed : 0,
      workers,
      tasks,
      mean_batch: tasks > 0 ? ran / tasks : 0,
    };
    const meta = { scenario: { file: spec.scenarioFile, sha256: sha }, model: spec.model, seed: spec.seed, runs: spec.runs, shard: spec.shard, assets };
    const summary = buildSummary(meta, acc, timing);
    const complete = acc.n === total;
    const outcome: CampaignOutcome = { summary, complete, done: acc.n, total, interrupted: !complete && !!opts.signal?.aborted };
    if (store) {
      outcome.store = { dir: store.dir, file: store.file };
      if (complete) {
        outcome.store.csv = store.writeCsv();
        outcome.store.summary = store.writeSummary(summary);
      }
    }
    return outcome;
  } finally {
    store?.close();
  }
}
