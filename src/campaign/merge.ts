/**
 * Merging shard stores into one campaign store. Checks first, writes after: every input must be
 * a readable store of the same campaign (scenario, model, seed, runs, assets, shard count), the
 * shards must be all of 0 … N−1 once each and complete, and each shard's checkpoint must equal the
 * sums recomputed from its rows (the store is the truth). Only then is the output created (it must
 * not exist or be empty) and the rows copied in replica order. Integer sums make the merged
 * summary bit-identical to that of one run of the whole campaign.
 */
import { userError } from '../errors.js';
import { buildSummary, type CampaignSummary } from './run.js';
import { shardRange, WHOLE } from './shard.js';
import { Accumulator, rowWidth } from './stats.js';
import { CampaignStore, isFreshDir } from './store.js';

export interface MergeOutcome {
  summary: CampaignSummary;
  store: { dir: string; file: string; csv: string; summary: string };
  shards: number;
}

/** Merges the shard stores in `dirs` into a new store in `out` (see the module comment). */
export function mergeStores(dirs: readonly string[], out: string): MergeOutcome {
  const t0 = performance.now();
  if (dirs.length === 0) throw userError('DIR', 'expected at least one shard store directory');
  if (!isFreshDir(out)) throw userError('--out', `'${out}' already exists and is not empty; choose another --out (nothing was changed)`);
  const stores: CampaignStore[] = [];
  try {
    for (const d of dirs) stores.push(CampaignStore.open(d, d));
    const first = stores[0].meta;
    const n = first.shard.count;
    const byIndex = new Array<CampaignStore | undefined>(n);
    for (const s of stores) {
      const m = s.meta;
      const diff: string[] = [];
      if (m.scenario.sha256 !== first.scenario.sha256) diff.push('scenario');
      if (m.model !== first.model) diff.push(`model '${m.model}' ≠ '${first.model}'`);
      if (m.seed !== first.seed) diff.push(`seed ${m.seed} ≠ ${first.seed}`);
      if (m.runs !== first.runs) diff.push(`runs ${m.runs} ≠ ${first.runs}`);
      if (m.assets.join('\n') !== first.assets.join('\n')) diff.push('assets');
      if (m.shard.count !== n) diff.push(`shard count ${m.shard.count} ≠ ${n}`);
      if (diff.length) throw userError(s.dir, `not a shard of the same campaign as '${stores[0].dir}' (${diff.join('; ')})`);
      if (byIndex[m.shard.index]) throw userError(s.dir, `shard ${m.shard.index}/${n} is given twice (also '${byIndex[m.shard.index]!.dir}')`);
      byIndex[m.shard.index] = s;
    }
    const missing: number[] = [];
    for (let k = 0; k < n; k++) if (!byIndex[k]) missing.push(k);
    if (missing.length) throw userError('DIR', `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${n}`).join(', ')} of the campaign`);
    // Pass 1: verify every shard is complete and its checkpoint equals its rows.
    const width = rowWidth(first.assets.length);
    for (let k = 0; k < n; k++) {
      const s = byIndex[k]!;
      const [a, b] = shardRange(first.runs, s.meta.shard);
      const cp = s.checkpoint();
      if (cp.n !== b - a) throw userError(s.dir, `shard ${k}/${n} is incomplete (${cp.n} of ${b - a} replicas); finish it with 'tmd campaign … --shard ${k}/${n} --out ${s.dir} --resume'`);
      const re = new Accumulator(first.assets.length);
      let expect = a;
      for (const [buf, cnt] of s.rows()) {
        re.addRows(buf, cnt);
        for (let i = 0; i < cnt; i++) {
          const r = buf[i * width];
          if (r !== expect) throw userError(s.dir, `shard ${k}/${n} holds replica ${r} where ${expect} was expected; the store is corrupt`);
          expect++;
        }
      }
      for (let i = 0; i < cp.s.length; i++) {
        if (cp.s[i] !== re.s[i]) throw userError(s.dir, `shard ${k}/${n}: the checkpoint does not match the stored rows; the store is corrupt`);
      }
    }
    // Pass 2: write.
    const merged = CampaignStore.create(out, {
      scenario: first.scenario,
      model: first.model,
      seed: first.seed,
      runs: first.runs,
      shard: WHOLE,
      assets: first.assets,
    });
    try {
      const acc = new Accumulator(first.assets.length);
      for (let k = 0; k < n; k++) {
        for (const [buf, cnt] of byIndex[k]!.rows()) {
          acc.addRows(buf, cnt);
          merged.commit(buf, cnt, acc);
        }
      }
      const elapsed = (performance.now() - t0) / 1000;
      const summary = buildSummary(merged.meta, acc, {
        elapsed_s: elapsed,
        replicas_run: 0,
        replicas_per_s: 0,
        workers: 0,
        tasks: 0,
        mean_batch: 0,
      });
      const csv = merged.writeCsv();
      const sumFile = merged.writeSummary(summary);
      return { summary, store: { dir: merged.dir, file: merged.file, csv, summary: sumFile }, shards: n };
    } finally {
      merged.close();
    }
  } finally {
    for (const s of stores) s.close();
  }
}
