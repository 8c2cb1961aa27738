/**
 * One batch of replicas → packed rows. Shared by the worker threads (worker.ts) and the
 * in-process executor (pool.ts, `workers: 0`), so both produce the same bytes.
 */
import { packResult, rowWidth } from './stats.js';
import type { ReplicaModel } from './types.js';

/** Replica indices [start, end) and their packed results. `ms` is wall time (reported as timing only). */
export interface BatchResult {
  start: number;
  count: number;
  /** `count` rows of width rowWidth(assets), in replica order */
  rows: Int32Array;
  ms: number;
}

/** Runs replicas [start, end) of `model` with campaign `seed` and packs them (see stats.packResult). */
export function runBatch(model: ReplicaModel, seed: number, start: number, end: number): BatchResult {
  const t0 = performance.now();
  const nAssets = model.assets.length;
  const w = rowWidth(nAssets);
  const count = end - start;
  const rows = new Int32Array(count * w);
  for (let i = 0; i < count; i++) packResult(rows, i * w, model.run(seed, start + i), nAssets);
  return { start, count, rows, ms: performance.now() - t0 };
}
