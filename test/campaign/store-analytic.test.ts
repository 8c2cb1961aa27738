import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Accumulator,
  analyticExact,
  analyticModel,
  CampaignStore,
  parseShard,
  rowWidth,
  runBatch,
  shardRange,
  UserErrorLike,
} from './store-helpers.js';
import { tempDir } from './cli.js';

const SS = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/campaign/analytic-ss.yaml'), 'utf8');
const SLS = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/campaign/analytic-sls.yaml'), 'utf8');

describe('analytic model', () => {
  it('counts add up in every replica, and the same (seed, replica) gives the same row', () => {
    const m = analyticModel(SLS, 'sls.yaml');
    const a = runBatch(m, 3, 100, 600);
    const b = runBatch(analyticModel(SLS, 'sls.yaml'), 3, 350, 400);
    const w = rowWidth(1);
    expect(Array.from(b.rows)).toEqual(Array.from(a.rows.subarray(250 * w, 300 * w)));
    for (let i = 0; i < a.count; i++) {
      const [rep, threats, leakers, killed, interceptors, hit, us, uk, ls, lk] = a.rows.subarray(i * w, (i + 1) * w);
      expect(rep).toBe(100 + i);
      expect(threats).toBe(6);
      expect(leakers + killed).toBe(6);
      expect(us + ls).toBe(interceptors);
      expect(uk + lk).toBe(killed);
      expect(us).toBe(6); // one first-salvo shot per missile
      expect(hit).toBe(leakers > 0 ? 1 : 0); // every missile aims at tokyo
      expect(ls).toBeLessThanOrEqual(12);
    }
  });
  it('exact values: Wilkening closed forms for the fixtures', () => {
    const ss = analyticExact(SS);
    const pk = 1 - 0.3 ** 2;
    expect(ss.missiles).toBe(4);
    expect(ss.overall.p_zero_leakers).toBeCloseTo(0.95 * pk ** 4, 15);
    expect(ss.overall.expected_leakers).toBeCloseTo(4 * (1 - 0.95 * pk), 14);
    expect(ss.assetHit[0]).toBeCloseTo(1 - 0.95 * pk ** 3, 15); // three at osaka
    expect(ss.assetHit[1]).toBeCloseTo(1 - 0.95 * pk, 15); // one at kobe
    expect(ss.interceptorsPerThreat).toBeCloseTo(0.95 * 2, 15);
    expect(ss.killsPerShot[0]).toBeCloseTo(pk / 2, 15);
    const sls = analyticExact(SLS);
    expect(sls.interceptorsPerThreat).toBeCloseTo(1 + 0.4 + 0.16, 14); // n(1 + q + q²)
    expect(sls.killsPerShot[0]).toBeCloseTo(0.6, 15);
    expect(sls.killsPerShot[1]).toBeCloseTo((0.4 * 0.6 + 0.16 * 0.6) / (0.4 + 0.16), 14); // = SSPK again
  });
  it('large sample: P(no leaker) and per-layer rates within 4 standard errors of exact (SLS, 40,000 replicas)', () => {
    const m = analyticModel(SLS, 'sls.yaml');
    const acc = new Accumulator(1);
    const r = runBatch(m, 77, 0, 40000);
    acc.addRows(r.rows, r.count);
    const p = analyticExact(SLS).overall.p_zero_leakers;
    const phat = acc.s[1] / acc.n;
    expect(Math.abs(phat - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / acc.n));
  });
});

describe('shards', () => {
  it('blocks partition [0, R) for any R and N', () => {
    for (const R of [0, 1, 7, 100, 3001]) {
      for (const N of [1, 2, 3, 7, 16]) {
        let next = 0;
        for (let k = 0; k < N; k++) {
          const [a, b] = shardRange(R, { index: k, count: N });
          expect(a).toBe(next);
          expect(b - a === Math.floor(R / N) || b - a === Math.ceil(R / N)).toBe(true);
          next = b;
        }
        expect(next).toBe(R);
      }
    }
    expect(parseShard('--shard', ' 2 / 5 ')).toEqual({ index: 2, count: 5 });
    expect(() => parseShard('--shard', '5/5')).toThrow(UserErrorLike);
  });
});

describe('CampaignStore', () => {
  it('commit + reopen: checkpoint equals the rows; missing ranges; duplicate replica rejected atomically', () => {
    const dir = path.join(tempDir('store'), 'c');
    const m = analyticModel(SS, 'ss.yaml');
    const meta = { scenario: { file: 'ss.yaml', sha256: 'x', text: SS }, model: 'analytic', seed: 1, runs: 100, shard: { index: 0, count: 1 }, assets: [...m.assets] };
    const st = CampaignStore.create(dir, meta);
    const acc = new Accumulator(2);
    for (const [a, b] of [[0, 10], [30, 50], [60, 61]]) {
      const r = runBatch(m, 1, a, b);
      acc.addRows(r.rows, r.count);
      st.commit(r.rows, r.count, acc);
    }
    expect(st.missingRanges(0, 100)).toEqual([[10, 30], [50, 60], [61, 100]]);
    // a batch overlapping stored replicas: the whole transaction fails, nothing changes
    const dup = runBatch(m, 1, 55, 65);
    const acc2 = new Accumulator(2);
    acc2.merge(acc);
    acc2.addRows(dup.rows, dup.count);
    expect(() => st.commit(dup.rows, dup.count, acc2)).toThrow(/UNIQUE|PRIMARY/);
    st.close();
    const re = CampaignStore.open(dir, '--out');
    expect(re.count()).toBe(31);
    expect(Array.from(re.checkpoint().s)).toEqual(Array.from(acc.s));
    const fromRows = new Accumulator(2);
    for (const [buf, n] of re.rows()) fromRows.addRows(buf, n);
    expect(Array.from(fromRows.s)).toEqual(Array.from(acc.s));
    re.close();
  });
});
