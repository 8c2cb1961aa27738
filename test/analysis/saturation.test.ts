import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogUnitCost, costExchange, saturationExact, saturationSearch, type RaidPoint, type SaturationResult } from '../../src/analysis/index.js';
import type { CampaignStatistics } from '../../src/campaign/index.js';
import { readCatalog } from '../../src/cli/catalog-files.js';
import { expectUserError, ROOT, tmd } from '../cli/tmd.js';

/** Statistics with a known P(no leaker) and no sampling error (an infinite campaign). */
function exactStats(pNoLeak: number, shotsPerReplica = 0): CampaignStatistics {
  const n = 1e9;
  return {
    replicas: n,
    p_no_leaker: { estimate: pNoLeak, lo: pNoLeak, hi: pNoLeak, count: pNoLeak * n, method: 'wilson' },
    expected_leakers: { estimate: NaN, lo: NaN, hi: NaN, sd: NaN, method: 't' },
    interceptors_per_threat: { estimate: NaN, lo: NaN, hi: NaN, method: 'ratio' },
    totals: { threats: 0, leakers: 0, killed: 0, interceptors: shotsPerReplica * n },
    assets: [],
    layers: [
      { layer: 'upper', shots: shotsPerReplica * n, kills: 0, kills_per_shot: { estimate: NaN, lo: NaN, hi: NaN, method: 'ratio' } },
      { layer: 'lower', shots: 0, kills: 0, kills_per_shot: { estimate: NaN, lo: NaN, hi: NaN, method: 'ratio' } },
    ],
  };
}

describe('saturationExact (closed form: P(no leaker) = R·P_kᴺ)', () => {
  it('matches worked values', () => {
    // P_k = 0.91, R = 0.95: 1 − 0.95·0.91⁶ = 0.4605, 1 − 0.95·0.91⁷ = 0.5091
    expect(saturationExact(0.91, 0.95, 0.5)).toBe(7);
    // P_k = 0.936: ln 0.5 / ln 0.936 = 10.48 → 11; ln 0.1 / ln 0.936 = 34.8 → 35
    expect(saturationExact(0.936, 1, 0.5)).toBe(11);
    expect(saturationExact(0.936, 1, 0.9)).toBe(35);
    expect(saturationExact(0.3, 1, 0.5)).toBe(1);
    expect(saturationExact(1, 1, 0.5)).toBe(Infinity);
    expect(saturationExact(1, 0.4, 0.5)).toBe(1); // the common-mode failure alone leaks with 0.6
  });

  it('is the smallest N that reaches the threshold', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.995, noNaN: true }), fc.double({ min: 0.5, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (pk, r, t) => {
        const n = saturationExact(pk, r, t);
        expect(1 - r * Math.pow(pk, n)).toBeGreaterThanOrEqual(t);
        if (n > 1) expect(1 - r * Math.pow(pk, n - 1)).toBeLessThan(t);
      }),
    );
  });
});

describe('saturationSearch', () => {
  it('with exact evaluations finds the closed form, estimate and interval alike, in O(log max) campaigns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        fc.double({ min: 0.8, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 400 }),
        async (pk, r, maxRaid) => {
          let calls = 0;
          const curve = await saturationSearch(
            async (n) => {
              calls++;
              return exactStats(r * Math.pow(pk, n));
            },
            maxRaid,
            [0.5, 0.9],
          );
          for (const c of curve.crossings) {
            const exact = saturationExact(pk, r, c.threshold);
            const want = exact <= maxRaid ? exact : null;
            expect(c.raid_size).toBe(want);
            expect(c.interval).toEqual([want, want]);
          }
          expect(calls).toBeLessThanOrEqual(2 * (Math.ceil(Math.log2(maxRaid)) + 2));
          expect(curve.points.map((p) => p.raid_size)).toEqual([...curve.points.map((p) => p.raid_size)].sort((a, b) => a - b));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an inventory limit saturates the defense where the rounds run out', async () => {
    // Stand-in: shoot-shoot with n shots per missile from I interceptors: the first ⌊I/n⌋ missiles are
    // engaged (P_k each), the rest leak for sure; P(no leaker) = R·P_kᴺ for N ≤ ⌊I/n⌋, else 0.
    const pk = 0.91;
    const r = 0.95;
    const shots = 2;
    for (const inv of [0, 4, 8, 16, 32]) {
      const engaged = Math.floor(inv / shots);
      const curve = await saturationSearch(async (n) => exactStats(n <= engaged ? r * Math.pow(pk, n) : 0), 64, [0.5, 0.9]);
      for (const c of curve.crossings) expect(c.raid_size).toBe(Math.min(saturationExact(pk, r, c.threshold), engaged + 1));
    }
  });
});

describe('cost exchange', () => {
  it('defender spend per layer over attacker spend', () => {
    const p: RaidPoint = {
      raid_size: 10,
      replicas: 100,
      leaky: 50,
      p_leak: { estimate: 0.5, lo: 0.4, hi: 0.6 },
      interceptors_per_replica: 17,
      layer_shots_per_replica: { upper: 12, lower: 5 },
    };
    const c = costExchange(p, 10, { upper: 12, lower: 4.1 })!;
    expect(c.defender_musd).toBeCloseTo(12 * 12 + 5 * 4.1, 12);
    expect(c.attacker_musd).toBe(100);
    expect(c.ratio).toBeCloseTo(1.645, 12);
    expect(costExchange(p, undefined, { upper: 12, lower: 4.1 })).toBeNull();
    expect(costExchange(p, 10, { upper: 12 })).toBeNull(); // the lower layer fired but has no cost
    expect(costExchange({ ...p, layer_shots_per_replica: { upper: 12, lower: 0 } }, 10, { upper: 12 })!.ratio).toBeCloseTo(1.44, 12);
  });

  it('reads unit costs and the sources cited beside them from the catalog files', () => {
    const cat = readCatalog();
    const read = (kind: string, id: string) => {
      const e = cat.get(kind, id);
      return catalogUnitCost(e as unknown as Parameters<typeof catalogUnitCost>[0], fs.readFileSync(path.join(ROOT, e.file), 'utf8'));
    };
    const sm3 = read('interceptor', 'sm3-like')!;
    expect(sm3.musd).toBe(12);
    expect(sm3.year).toBe(2020);
    expect(sm3.sources.map((s) => s.id)).toEqual(['crs-rl33745']);
    const nodong = read('missile', 'nodong')!;
    expect(nodong.musd).toBe(10);
    expect(nodong.sources.map((s) => s.id).sort()).toEqual(['dailynk2016', 'kida2022']);
    for (const id of cat.ids('missile')) {
      const c = read('missile', id);
      expect(c, id).toBeDefined();
      expect(c!.sources.length, id).toBeGreaterThan(0);
      expect(c!.note, id).toMatch(/\[[a-z0-9-]+\]/);
    }
  });
});

describe('tmd saturation', () => {
  it('--json on the analytic shoot-look-shoot fixture brackets the closed form N(50 %) = 11', async () => {
    const r = await tmd('saturation', 'test/fixtures/campaign/analytic-sls.yaml', '--model', 'analytic', '--runs', '1000', '--max-raid', '40', '--thresholds', '0.5', '--interceptor-cost', '12', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as SaturationResult;
    expect(j.format).toBe('tmdsim-saturation-v1');
    expect(j.current_raid_size).toBe(6);
    const c = j.rows[0].crossings[0];
    expect(c.interval[0]!).toBeLessThanOrEqual(11);
    expect(c.interval[1]!).toBeGreaterThanOrEqual(11);
    expect(c.more_missiles).toBe(c.raid_size! - 6);
    // cost exchange: every shot counted at 12 M$ against 10 M$ per Nodong (catalog)
    const p = j.rows[0].points.find((q) => q.raid_size === c.raid_size)!;
    expect(c.cost!.defender_musd).toBeCloseTo(12 * p.interceptors_per_replica, 9);
    expect(c.cost!.attacker_musd).toBe(10 * c.raid_size!);
  });

  it('bad flags: exit 2, one line naming the flag', async () => {
    const f = 'test/fixtures/campaign/analytic-sls.yaml';
    expectUserError(await tmd('saturation', f, '--model', 'analytic', '--inventories', '8,16'), '--inventories'); // no batteries in this scenario
    expectUserError(await tmd('saturation', f, '--model', 'analytic', '--thresholds', '0.5,1.2'), '--thresholds');
    expectUserError(await tmd('saturation', f, '--model', 'analytic', '--max-raid', '0'), '--max-raid');
    expectUserError(await tmd('saturation', f, '--model', 'analytic', '--max-raid', '5000'), '--max-raid'); // beyond 1000 per threat entry
    expectUserError(await tmd('saturation', f, '--model', 'analytic', '--missile-cost', 'cheap'), '--missile-cost');
  });
});
