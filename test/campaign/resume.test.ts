/**
 * No lost work: a campaign killed at random moments (SIGKILL) and rerun with --resume, again and
 * again, ends with the same summary as one uninterrupted run, N rows, no duplicates. SIGINT
 * finishes the batches in flight, says how to resume and exits 130.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../../src/math/index.js';
import { buildCli, tempDir, tmd, withoutTiming } from './cli.js';

const SS = 'test/fixtures/campaign/analytic-ss.yaml';
const RUNS = 60000;

function storedRows(dir: string): { n: number; d: number } {
  const file = path.join(dir, 'campaign.db');
  if (!fs.existsSync(file)) return { n: 0, d: 0 };
  let db: Database | undefined;
  try {
    db = new Database(file, { readonly: true });
    return db.prepare('SELECT count(*) AS n, count(DISTINCT replica) AS d FROM replicas').get() as { n: number; d: number };
  } catch {
    return { n: 0, d: 0 }; // being created right now
  } finally {
    db?.close();
  }
}

beforeAll(async () => {
  await buildCli();
});

describe('tmd campaign --resume', () => {
  it('after SIGKILL at random moments, several times, finishes with the uninterrupted result', async () => {
    const dir = tempDir('resume');
    const ref = await tmd(['campaign', SS, '--runs', String(RUNS), '--workers', '2', '--json']);
    expect(ref.code, ref.stderr).toBe(0);

    const out = path.join(dir, 'store');
    const delays = rngStream(2024, 0, 'resume-test', 'kill-delay'); // no Math.random: seeded delays
    const args = ['campaign', SS, '--runs', String(RUNS), '--workers', '2', '--out', out, '--resume', '--json'];
    // Five kills, each a random 0–400 ms after the run has stored its first new rows (so every
    // kill lands mid-campaign whatever the machine's load), then one run to the end.
    let partial = 0;
    for (let kill = 0; kill < 5; kill++) {
      const before = storedRows(out).n;
      const extraMs = 400 * delays.uniform();
      let poll: NodeJS.Timeout | undefined;
      let timer: NodeJS.Timeout | undefined;
      const r = await tmd(args, (child) => {
        poll = setInterval(() => {
          if (storedRows(out).n > before) {
            clearInterval(poll);
            timer = setTimeout(() => child.kill('SIGKILL'), extraMs);
          }
        }, 20);
      });
      clearInterval(poll);
      clearTimeout(timer);
      if (r.code === 0) break; // finished before the kill
      expect(r.signal).toBe('SIGKILL');
      const rows = storedRows(out);
      expect(rows.d).toBe(rows.n); // never a duplicate
      expect(rows.n).toBeGreaterThanOrEqual(before); // never a lost replica
      if (rows.n > 0 && rows.n < RUNS) partial++;
    }
    expect(partial).toBeGreaterThanOrEqual(3);
    const last = await tmd(args);
    expect(last.code, last.stderr).toBe(0);
    expect(withoutTiming(last.stdout)).toBe(withoutTiming(ref.stdout));
    expect(storedRows(out)).toEqual({ n: RUNS, d: RUNS });
    expect(fs.readFileSync(path.join(out, 'replicas.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(RUNS + 1);
    // a finished store resumed again: same summary, nothing rerun
    const again = await tmd(args);
    expect(withoutTiming(again.stdout)).toBe(withoutTiming(ref.stdout));
    expect(JSON.parse(again.stdout).timing.replicas_run).toBe(0);
  });

  it('SIGINT: stores the batches in flight, prints how to resume, exits 130; an unfinished shard cannot be merged', async () => {
    const dir = tempDir('sigint');
    const out = path.join(dir, 's1');
    const args = ['campaign', SS, '--runs', String(2 * RUNS), '--shard', '1/2', '--workers', '2', '--out', out];
    let poll: NodeJS.Timeout | undefined;
    const r = await tmd(args, (child) => {
      // SIGINT once the run has stored rows (its handler is installed by then)
      poll = setInterval(() => {
        if (storedRows(out).n > 0) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 20);
    });
    clearInterval(poll);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/^tmd campaign: interrupted; \d+ of 60000 replicas are stored in .*s1; resume with:\n {2}tmd campaign .*analytic-ss\.yaml --out .*s1 --resume/);
    const stored = Number(/interrupted; (\d+) of/.exec(r.stderr)![1]);
    expect(storedRows(out)).toEqual({ n: stored, d: stored });
    expect(stored).toBeLessThan(RUNS);
    // shard 0 complete, shard 1 not: merge refuses
    const s0 = path.join(dir, 's0');
    expect((await tmd(['campaign', SS, '--runs', String(2 * RUNS), '--shard', '0/2', '--workers', '2', '--out', s0])).code).toBe(0);
    const m = await tmd(['merge', s0, out, '--out', path.join(dir, 'm')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/shard 1\/2 is incomplete \(\d+ of 60000 replicas\); finish it with/);
    // resume (flags from the store), then merge equals one run
    const done = await tmd(['campaign', SS, '--out', out, '--resume', '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout).timing.replicas_run).toBe(RUNS - stored);
    const merged = await tmd(['merge', s0, out, '--out', path.join(dir, 'm'), '--json']);
    expect(merged.code, merged.stderr).toBe(0);
    const one = await tmd(['campaign', SS, '--runs', String(2 * RUNS), '--workers', '2', '--json']);
    expect(withoutTiming(merged.stdout)).toBe(withoutTiming(one.stdout));
  });
});
