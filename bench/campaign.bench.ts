/**
 * Campaign figures (issue 6): throughput on 1 and 2 workers, and memory flat in the number of
 * replicas.
 *
 * Throughput uses the analytic model on a 64-missile raid (64 keyed streams, ~0.2 ms a replica):
 * the scaling figure measures the pool, so the replica must cost much more than the main thread's
 * share per replica (adding to the sums, ~1 µs; no store here). The reference scenario (the `sim`
 * model on scenarios/japan-1999.yaml) is measured by the same function once `sim` is registered
 * (the hook below).
 *
 * Memory: `tmd campaign --out` (store + CSV) on N and 10·N replicas, each in a fresh process:
 * the peak live heap of the main thread (sampled after forced GCs) and the process's peak RSS
 * (getrusage maxrss), read by a preload module.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modelNames, runCampaign, WHOLE } from '../src/campaign/index.js';
import type { Figure } from './harness.js';

const RAID = `
name: bench — analytic raid of 64
epoch: 2026-01-01T00:00:00Z
threats:
  - { id: raid, missile: nodong, launch: { lat_deg: 39.28, lon_deg: 127.30 }, target: { lat_deg: 34.69, lon_deg: 135.50 }, count: 64 }
assets:
  - { id: osaka, lat_deg: 34.69, lon_deg: 135.50, radius_km: 12, value: 70 }
analytic: { sspk: 0.8, shots: 2, doctrine: shoot-shoot }
`;

async function throughput(text: string, file: string, model: string, runs: number, workers: number): Promise<number> {
  const out = await runCampaign({ scenarioText: text, scenarioFile: file, model, seed: 1, runs, shard: WHOLE }, { workers });
  return out.summary.timing!.replicas_per_s;
}

const PRELOAD = `import { isMainThread } from 'node:worker_threads';
if (isMainThread) {
  let peak = 0;
  const t = setInterval(() => { globalThis.gc(); peak = Math.max(peak, process.memoryUsage().heapUsed); }, 100);
  t.unref();
  process.on('exit', () => process.stderr.write('maxrss=' + process.resourceUsage().maxRSS + ' live=' + peak + '\\n'));
}
`;

/**
 * `tmd campaign --out` in a fresh process: peak RSS (getrusage, bytes) and peak live heap of the
 * main thread (heap used right after a full GC, sampled every 100 ms; bytes).
 */
function memory(runs: number): { rss: number; live: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmd-bench-campaign-'));
  const preload = path.join(dir, 'preload.mjs');
  fs.writeFileSync(preload, PRELOAD);
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', preload, 'dist/tmd.js', 'campaign', 'test/fixtures/campaign/analytic-ss.yaml', '--runs', String(runs), '--workers', '1', '--out', path.join(dir, 'c'), '--json'],
    { encoding: 'utf8' },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  const m = /maxrss=(\d+) live=(\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`campaign bench child failed: ${r.stderr}`);
  return { rss: Number(m[1]) * 1024, live: Number(m[2]) }; // maxRSS is in kB
}

export async function run(): Promise<Figure[]> {
  const figs: Figure[] = [];
  const cases: Array<[string, string, string, string, number]> = [['analytic64', RAID, 'bench-raid.yaml', 'analytic', 20000]];
  // Hook: the reference scenario once the whole-defense model is registered as `sim`.
  if (modelNames().includes('sim') && fs.existsSync('scenarios/japan-1999.yaml')) {
    cases.push(['japan1999', fs.readFileSync('scenarios/japan-1999.yaml', 'utf8'), 'scenarios/japan-1999.yaml', 'sim', 400]);
  }
  for (const [name, text, file, model, runs] of cases) {
    await throughput(text, file, model, Math.min(runs, 2000), 2); // warm the page cache and JIT of the bundle
    const one = await throughput(text, file, model, runs, 1);
    const two = await throughput(text, file, model, runs, 2);
    figs.push({ name: `campaign.${name}.workers1`, value: one, unit: 'replicas/s', goal: 'reported', pass: true, note: `${runs} replicas` });
    figs.push({ name: `campaign.${name}.workers2`, value: two, unit: 'replicas/s', goal: 'reported', pass: true, note: `${runs} replicas` });
    figs.push({ name: `campaign.${name}.speedup2`, value: two / one, unit: '×', goal: '≥ 1.8', pass: two / one >= 1.8, note: `${os.cpus().length} cores` });
  }
  const small = memory(20000);
  const big = memory(200000);
  const note = '--out store, 1 worker';
  figs.push({ name: 'campaign.memory.live_heap_20k', value: small.live / 2 ** 20, unit: 'MiB', goal: 'reported', pass: true, note: `peak heap after GC, main thread, ${note}` });
  figs.push({ name: 'campaign.memory.live_heap_200k', value: big.live / 2 ** 20, unit: 'MiB', goal: 'reported', pass: true, note: `peak heap after GC, main thread, ${note}` });
  figs.push({ name: 'campaign.memory.live_heap_ratio_10x', value: big.live / small.live, unit: '×', goal: '≤ 1.10', pass: big.live / small.live <= 1.1, note: '10× the replicas' });
  figs.push({ name: 'campaign.memory.rss_20k', value: small.rss / 2 ** 20, unit: 'MiB', goal: 'reported', pass: true, note: `peak RSS, ${note}` });
  figs.push({ name: 'campaign.memory.rss_200k', value: big.rss / 2 ** 20, unit: 'MiB', goal: 'reported', pass: true, note: `peak RSS, ${note}` });
  figs.push({
    name: 'campaign.memory.rss_ratio_10x',
    value: big.rss / small.rss,
    unit: '×',
    goal: '≤ 1.10',
    pass: big.rss / small.rss <= 1.1,
    note: 'peak RSS grows with run length although the live heap does not: garbage heap and malloc arenas; the live heap above is flat',
  });
  return figs;
}
