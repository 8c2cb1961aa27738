/**
 * Shards: a campaign of R replicas split into N independent parts that can run on different
 * machines (a Kubernetes Indexed Job, a Slurm array) and be merged exactly.
 *
 * Shard K of N (K = 0 … N−1, zero-based like JOB_COMPLETION_INDEX) holds the CONTIGUOUS block of
 * replica indices [⌊K·R/N⌋, ⌊(K+1)·R/N⌋): blocks keep each store's rows one range (cheap resume
 * and merge checks) and differ in size by at most one replica.
 */
import { userError } from '../errors.js';

export interface Shard {
  /** zero-based shard index K */
  index: number;
  /** number of shards N */
  count: number;
}

/** The whole campaign as one shard. */
export const WHOLE: Shard = Object.freeze({ index: 0, count: 1 });

/** Parses `K/N` (0 ≤ K < N, N ≥ 1, whole numbers); UserError naming `flag` otherwise. */
export function parseShard(flag: string, s: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  if (!m) throw userError(flag, `expected K/N with whole numbers, 0 ≤ K < N (e.g. 0/4 for the first of four shards), found '${s}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw userError(flag, `expected N ≥ 1 shards, found '${s}'`);
  if (!Number.isSafeInteger(index) || index >= count) {
    throw userError(flag, `expected a zero-based shard index K in [0, ${count - 1}], found '${s}'`);
  }
  return { index, count };
}

/** Replica indices [start, end) of `shard` in a campaign of `runs` replicas. */
export function shardRange(runs: number, shard: Shard): [number, number] {
  return [Math.floor((shard.index * runs) / shard.count), Math.floor(((shard.index + 1) * runs) / shard.count)];
}
