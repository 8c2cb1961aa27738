/**
 * Saturation search on the analytic replica model against the closed form.
 *
 * Reference: D. A. Wilkening, "A Simple Model for Calculating Ballistic Missile Defense
 * Effectiveness", Science & Global Security 8(2):183–215, 2000: N independent missiles, each killed
 * with P_k, common-mode reliability R: P(no leaker) = R·P_kᴺ, so P(≥1 leaker) passes t at the
 * smallest N ≥ ln((1 − t)/R) / ln P_k. The fixtures:
 *   analytic-ss.yaml:  shoot-shoot, 2 shots of SSPK 0.7, R = 0.95 → P_k = 1 − 0.3² = 0.91;
 *                      N(50 %) = 7, N(90 %) = 24.
 *   analytic-sls.yaml: shoot-look-shoot, 3 looks of 1 shot of SSPK 0.6, R = 1 → P_k = 1 − 0.4³ = 0.936;
 *                      N(50 %) = 11, N(90 %) = 35.
 * The Monte Carlo search (campaigns of the analytic model, CRN across raid sizes) must bracket them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySettings, resolveParam, saturationExact, saturationSearch, scenarioData, wilkening } from '../../src/analysis/index.js';
import { analyticExact, runCampaign, WHOLE } from '../../src/campaign/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function searcher(file: string, runs: number, seed: number) {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const raid = resolveParam('raid_size', scenarioData(text, file), '--vary');
  return (maxRaid: number, thresholds: number[]) =>
    saturationSearch(
      async (n) => {
        const v = applySettings(text, file, [{ param: raid, value: n }]);
        return (await runCampaign({ scenarioText: v.text, scenarioFile: file, model: 'analytic', seed, runs, shard: WHOLE }, { workers: 0 })).summary;
      },
      maxRaid,
      thresholds,
    );
}

describe('saturation on the analytic model vs the closed form (Wilkening 2000)', () => {
  const cases = [
    { file: 'test/fixtures/campaign/analytic-ss.yaml', pk: 1 - 0.3 ** 2, r: 0.95, n50: 7, n90: 24 },
    { file: 'test/fixtures/campaign/analytic-sls.yaml', pk: 1 - 0.4 ** 3, r: 1, n50: 11, n90: 35 },
  ];

  it('the fixtures’ closed forms are the numbers above (P_k from wilkening(), via analyticExact)', () => {
    for (const c of cases) {
      const ex = analyticExact(fs.readFileSync(path.join(ROOT, c.file), 'utf8'), c.file);
      expect(ex.overall.p_kill_per_threat).toBeCloseTo(c.pk, 12);
      expect(saturationExact(c.pk, c.r, 0.5)).toBe(c.n50);
      expect(saturationExact(c.pk, c.r, 0.9)).toBe(c.n90);
      // cross-check the threshold crossing with wilkening() itself
      const pLeak = (n: number) => 1 - wilkening({ sspk: c.r === 1 ? 0.6 : 0.7, threats: n, shotsPerThreat: c.r === 1 ? 1 : 2, doctrine: c.r === 1 ? 'sls' : 'shoot-shoot', engagements: 3, reliability: c.r }).p_zero_leakers;
      expect(pLeak(c.n50)).toBeGreaterThanOrEqual(0.5);
      expect(pLeak(c.n50 - 1)).toBeLessThan(0.5);
      expect(pLeak(c.n90)).toBeGreaterThanOrEqual(0.9);
      expect(pLeak(c.n90 - 1)).toBeLessThan(0.9);
    }
  });

  for (const c of cases) {
    it(`${path.basename(c.file)}: 2000 replicas per raid size bracket N(50 %) = ${c.n50} and N(90 %) = ${c.n90}`, async () => {
      const curve = await searcher(c.file, 2000, 2024)(48, [0.5, 0.9]);
      const [h50, h90] = curve.crossings;
      for (const [h, n] of [[h50, c.n50], [h90, c.n90]] as const) {
        expect(h.interval[0]).not.toBeNull();
        expect(h.interval[1]).not.toBeNull();
        expect(h.interval[0]!).toBeLessThanOrEqual(n);
        expect(h.interval[1]!).toBeGreaterThanOrEqual(n);
        expect(h.interval[0]!).toBeLessThanOrEqual(h.raid_size!);
        expect(h.raid_size!).toBeLessThanOrEqual(h.interval[1]!);
        // 2000 replicas resolve P to ±0.022; a step in N moves P(≥1 leaker) by 0.02–0.05 here
        expect(Math.abs(h.raid_size! - n)).toBeLessThanOrEqual(1);
      }
    });
  }

  it('over 30 independent seeds the interval brackets N(50 %) at about its nominal rate', async () => {
    // Per seed the bracket misses only when the 95 % Wilson interval at N* lies wholly below 0.5 or
    // that at N* − 1 wholly above it, each at most a 2.5 % tail: expected misses ≤ 5 % of 30 = 1.5.
    // Binomial(30, 0.05): P(≥ 7 misses) ≈ 0.0006, so 6 misses is the bound tested.
    const c = cases[0];
    let misses = 0;
    for (let seed = 100; seed < 130; seed++) {
      const curve = await searcher(c.file, 400, seed)(32, [0.5]);
      const h = curve.crossings[0];
      if (!(h.interval[0] !== null && h.interval[1] !== null && h.interval[0] <= c.n50 && c.n50 <= h.interval[1])) misses++;
    }
    expect(misses).toBeLessThanOrEqual(6);
  });
});
