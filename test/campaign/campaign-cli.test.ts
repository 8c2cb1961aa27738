/**
 * End-to-end: `tmd campaign` and `tmd merge` on the analytic fixtures. Determinism across worker
 * counts and shards (byte-identical JSON minus `timing`), the store's files, and user errors
 * (exit 2, one line, nothing overwritten).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyticExact } from '../../src/campaign/index.js';
import { buildCli, tempDir, tmd, withoutTiming, type Run } from './cli.js';

const SS = 'test/fixtures/campaign/analytic-ss.yaml';
const SLS = 'test/fixtures/campaign/analytic-sls.yaml';
const RUNS = '3001';

function userErr(r: Run, re: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^tmd( \w+)?: /);
  expect(lines[0]).toMatch(re);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

/** Every file under dir with its bytes, for "nothing overwritten" checks. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) out[f] = fs.readFileSync(path.join(dir, f)).toString('base64');
  return out;
}

beforeAll(async () => {
  await buildCli();
});

describe('tmd campaign: determinism', () => {
  it('the summary is identical for 0, 1 and 2 workers (JSON minus timing)', async () => {
    const runs = await Promise.all(['0', '1', '2'].map((w) => tmd(['campaign', SS, '--runs', RUNS, '--seed', '11', '--workers', w, '--json'])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const [a, b, c] = runs.map((r) => withoutTiming(r.stdout));
    expect(b).toBe(a);
    expect(c).toBe(a);
    const s = JSON.parse(runs[0].stdout);
    expect(s.replicas).toBe(3001);
    expect(s.complete).toBe(true);
    expect(s.timing.workers).toBe(0);
    expect(JSON.parse(runs[2].stdout).timing.workers).toBe(2);
  });

  it('3 shards + merge == 1 run (byte-identical JSON minus timing), and the merged store has every row once', async () => {
    const dir = tempDir('shards');
    const one = await tmd(['campaign', SLS, '--runs', RUNS, '--workers', '2', '--out', path.join(dir, 'one'), '--json']);
    expect(one.code, one.stderr).toBe(0);
    const shards = await Promise.all([0, 1, 2].map((k) => tmd(['campaign', SLS, '--runs', RUNS, '--shard', `${k}/3`, '--workers', '1', '--out', path.join(dir, `s${k}`), '--json'])));
    for (const r of shards) expect(r.code, r.stderr).toBe(0);
    expect(shards.map((r) => JSON.parse(r.stdout).replicas)).toEqual([1000, 1000, 1001]);
    // shards given in any order
    const merged = await tmd(['merge', path.join(dir, 's2'), path.join(dir, 's0'), path.join(dir, 's1'), '--out', path.join(dir, 'merged'), '--json']);
    expect(merged.code, merged.stderr).toBe(0);
    expect(withoutTiming(merged.stdout)).toBe(withoutTiming(one.stdout));
    // rows: same CSV bytes, N rows, no duplicates
    const csvOne = fs.readFileSync(path.join(dir, 'one', 'replicas.csv'), 'utf8');
    expect(fs.readFileSync(path.join(dir, 'merged', 'replicas.csv'), 'utf8')).toBe(csvOne);
    expect(csvOne.trimEnd().split('\n')).toHaveLength(3002);
    const db = new Database(path.join(dir, 'merged', 'campaign.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n, count(DISTINCT replica) AS d, min(replica) AS lo, max(replica) AS hi FROM replicas').get()).toEqual({ n: 3001, d: 3001, lo: 0, hi: 3000 });
    db.close();
    // the text summary is the same too (apart from the timing and file lines)
    const text = await tmd(['campaign', SLS, '--runs', RUNS, '--workers', '1']);
    expect(text.stdout).toMatch(/^campaign analytic-sls\.yaml {2}model analytic {2}seed 0 {2}replicas 3001 of 3001/);
  });

  it('estimates agree with the exact analytic answer (SLS fixture, 3001 replicas: within the 95 % intervals)', async () => {
    const r = await tmd(['campaign', SLS, '--runs', RUNS, '--seed', '5', '--workers', '2', '--json']);
    const s = JSON.parse(r.stdout);
    const ex = analyticExact(fs.readFileSync(SLS, 'utf8'));
    expect(ex.overall.p_zero_leakers).toBeCloseTo(0.936 ** 6, 14);
    expect(s.p_no_leaker.lo).toBeLessThanOrEqual(ex.overall.p_zero_leakers);
    expect(s.p_no_leaker.hi).toBeGreaterThanOrEqual(ex.overall.p_zero_leakers);
    expect(s.totals.threats).toBe(6 * 3001);
    expect(s.totals.killed + s.totals.leakers).toBe(s.totals.threats);
    expect(s.layers[0].shots + s.layers[1].shots).toBe(s.totals.interceptors);
    expect(s.layers[0].kills + s.layers[1].kills).toBe(s.totals.killed);
    expect(s.layers[0].shots).toBe(6 * 3001); // one upper shot per missile
  });
});

describe('tmd campaign / merge: user errors', () => {
  it('bad --runs, --workers, --shard, --seed, --model', async () => {
    userErr(await tmd(['campaign', SS, '--runs', '0']), /^tmd: --runs: expected a value ≥ 1, found 0$/);
    userErr(await tmd(['campaign', SS, '--runs', '12.5']), /^tmd: --runs: expected a whole number, found '12\.5'$/);
    userErr(await tmd(['campaign', SS, '--runs', 'many']), /^tmd: --runs: expected a number, found 'many'$/);
    userErr(await tmd(['campaign', SS]), /^tmd: --runs: is required/);
    userErr(await tmd(['campaign', SS, '--runs', '10', '--shard', '3/3']), /^tmd: --shard: expected a zero-based shard index K in \[0, 2\], found '3\/3'$/);
    userErr(await tmd(['campaign', SS, '--runs', '10', '--shard', '1-3']), /^tmd: --shard: expected K\/N/);
    userErr(await tmd(['campaign', SS, '--runs', '10', '--shard', '0/0']), /^tmd: --shard: expected N ≥ 1 shards/);
    userErr(await tmd(['campaign', SS, '--runs', '10', '--workers', '-1']), /^tmd: --workers: expected a value ≥ 0/);
    userErr(await tmd(['campaign', SS, '--runs', '10', '--model', 'analytc']), /^tmd: --model: expected one of .*analytic.*found 'analytc'$/);
    userErr(await tmd(['campaign', SS, '--runs', '10', '--resume']), /^tmd: --resume: needs --out DIR/);
    userErr(await tmd(['campaign', 'no/such.yaml', '--runs', '10']), /^tmd: no\/such\.yaml: cannot read the scenario file \(ENOENT\)$/);
  });

  it('a whole-defense scenario with a mistake (the sim model), and a bad analytic section: located errors', async () => {
    const dir = tempDir('bad');
    const plain = path.join(dir, 'plain.yaml');
    fs.writeFileSync(
      plain,
      'epoch: 2026-01-01T00:00:00Z\nthreats: []\nbatteries:\n  - { id: b1, interceptor: pac3-like, layer: lower, site: { lat_deg: 35, lon_deg: 139 }, inventory: -3 }\n',
    );
    userErr(await tmd(['campaign', plain, '--runs', '10']), /plain\.yaml:4:\d+ batteries\[0\]\.inventory: found -3, expected a whole number of interceptors ≥ 0$/);
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, fs.readFileSync(SS, 'utf8').replace('sspk: 0.7', 'sspk: 1.7'));
    userErr(await tmd(['campaign', bad, '--runs', '10']), /bad\.yaml:\d+:\d+ analytic\.sspk: found 1\.7, expected a probability in \[0, 1\]$/);
  });

  it('existing --out without --resume: error, nothing overwritten', async () => {
    const dir = tempDir('exists');
    const out = path.join(dir, 'c');
    expect((await tmd(['campaign', SS, '--runs', '200', '--workers', '1', '--out', out])).code).toBe(0);
    const before = snapshot(out);
    userErr(await tmd(['campaign', SS, '--runs', '200', '--workers', '1', '--out', out]), /^tmd: --out: '.*' already exists and is not empty; pass --resume/);
    expect(snapshot(out)).toEqual(before);
    // --resume of a finished campaign with different parameters: error, untouched
    userErr(await tmd(['campaign', SS, '--runs', '300', '--out', out, '--resume']), /^tmd: --out: '.*' holds a different campaign \(runs: store 200, asked 300\); nothing was changed$/);
    userErr(await tmd(['campaign', SLS, '--out', out, '--resume']), /holds a different campaign \(the scenario text differs/);
    expect(snapshot(out)).toEqual(before);
    // merge into an existing directory
    userErr(await tmd(['merge', out, '--out', out]), /^tmd: --out: '.*' already exists and is not empty/);
    expect(snapshot(out)).toEqual(before);
  });

  it('a corrupt or foreign store: error, exit 2, file untouched', async () => {
    const dir = tempDir('corrupt');
    const junk = path.join(dir, 'junk');
    fs.mkdirSync(junk);
    fs.writeFileSync(path.join(junk, 'campaign.db'), 'this is not a database\n'.repeat(200));
    const before = snapshot(junk);
    userErr(await tmd(['campaign', SS, '--runs', '10', '--out', junk, '--resume']), /^tmd: --out: '.*campaign\.db' is not a readable tmdsim campaign store \(.*\); it was left untouched$/);
    expect(snapshot(junk)).toEqual(before);
    userErr(await tmd(['merge', junk, '--out', path.join(dir, 'm')]), /is not a readable tmdsim campaign store/);
    expect(fs.existsSync(path.join(dir, 'm'))).toBe(false);

    const foreign = path.join(dir, 'foreign');
    fs.mkdirSync(foreign);
    const db = new Database(path.join(foreign, 'campaign.db'));
    db.exec("CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('format', 'someone-else');");
    db.close();
    const fb = snapshot(foreign);
    userErr(await tmd(['campaign', SS, '--runs', '10', '--out', foreign, '--resume']), /not a readable tmdsim campaign store \(format tag 'someone-else'\)/);
    expect(snapshot(foreign)).toEqual(fb);

    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'notes.txt'), 'mine');
    userErr(await tmd(['campaign', SS, '--runs', '10', '--out', other, '--resume']), /'.*other' is not a campaign store: it has no campaign\.db/);
    expect(fs.readdirSync(other)).toEqual(['notes.txt']);
  });

  it('merge: missing, duplicate, incomplete and foreign shards', async () => {
    const dir = tempDir('merge');
    const mk = (k: number, n: number, runs = '90', file = SS) => tmd(['campaign', file, '--runs', runs, '--shard', `${k}/${n}`, '--workers', '0', '--out', path.join(dir, `s${k}of${n}-${runs}-${path.basename(file)}`)]);
    for (const r of await Promise.all([mk(0, 3), mk(1, 3), mk(0, 3, '91'), mk(2, 3, '90', SLS)])) expect(r.code, r.stderr).toBe(0);
    const s = (k: number, runs = '90', file = SS) => path.join(dir, `s${k}of3-${runs}-${path.basename(file)}`);
    userErr(await tmd(['merge', s(0), s(1), '--out', path.join(dir, 'm1')]), /^tmd: DIR: missing shard 2\/3 of the campaign$/);
    userErr(await tmd(['merge', s(0), s(0), '--out', path.join(dir, 'm2')]), /shard 0\/3 is given twice/);
    userErr(await tmd(['merge', s(0), s(1), s(0, '91'), '--out', path.join(dir, 'm3')]), /not a shard of the same campaign .*runs 91 ≠ 90/);
    userErr(await tmd(['merge', s(0), s(1), s(2, '90', SLS), '--out', path.join(dir, 'm4')]), /not a shard of the same campaign .*scenario/);
    for (const m of ['m1', 'm2', 'm3', 'm4']) expect(fs.existsSync(path.join(dir, m))).toBe(false);
  });
});
