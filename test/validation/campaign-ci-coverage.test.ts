/**
 * Confidence intervals cover the truth at their nominal rate, on the analytic model whose exact
 * answer is known (src/campaign/analytic.ts; exact values from src/analysis/wilkening.ts, after
 * D. A. Wilkening, Science & Global Security 8(2):183–215, 2000).
 *
 * 400 independent campaigns (seeds 1000 … 1399) of 200 replicas each of
 * test/fixtures/campaign/analytic-ss.yaml. For each 95 % interval we count X = the campaigns whose
 * interval contains the exact value. Under nominal coverage X ~ Binomial(400, 0.95) (mean 380,
 * sd 4.36). Test: X must lie in the two-sided 99.9 % acceptance region of that binomial, computed
 * exactly below: [L, U] with P(X < L) ≤ 0.0005 and P(X > U) ≤ 0.0005 — that is 364 ≤ X ≤ 393
 * (checked independently: P(X ≤ 363) = 2.9e-4, P(X ≥ 394) = 2.0e-4 by exact binomial sums).
 * (An interval whose real coverage is 90 % gives X ≈ 360, one of 99 % X ≈ 396: both fail.)
 *
 * The Wilson interval's exact coverage at this n and p is also computed (sum of binomial
 * probabilities of the k whose interval contains p): Brown, Cai & DasGupta (2001) show it
 * oscillates close to the nominal level; here it must be within [0.93, 0.97].
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyticExact, runCampaign, wilson, WHOLE, type CampaignSummary } from '../../src/campaign/index.js';

const FILE = path.resolve(import.meta.dirname, '../fixtures/campaign/analytic-ss.yaml');
const TEXT = fs.readFileSync(FILE, 'utf8');
const CAMPAIGNS = 400;
const REPLICAS = 200;

function logBinomPmf(k: number, n: number, p: number): number {
  let lg = 0;
  for (let i = 1; i <= k; i++) lg += Math.log(n - k + i) - Math.log(i);
  return lg + k * Math.log(p) + (n - k) * Math.log(1 - p);
}

/** Two-sided acceptance region [L, U] of Binomial(n, p) at level alpha (alpha/2 each tail), exact. */
function acceptance(n: number, p: number, alpha: number): [number, number] {
  const pmf = Array.from({ length: n + 1 }, (_, k) => Math.exp(logBinomPmf(k, n, p)));
  let L = 0;
  let tail = 0;
  while (tail + pmf[L] <= alpha / 2) tail += pmf[L++];
  let U = n;
  tail = 0;
  while (tail + pmf[U] <= alpha / 2) tail += pmf[U--];
  return [L, U];
}

function covers(iv: { lo: number; hi: number }, truth: number): boolean {
  return iv.lo <= truth && truth <= iv.hi;
}

describe('campaign confidence intervals: coverage on the analytic case', () => {
  const exact = analyticExact(TEXT, FILE);

  it('the acceptance region of Binomial(400, 0.95) at 99.9 % is [364, 393]', () => {
    expect(acceptance(CAMPAIGNS, 0.95, 0.001)).toEqual([364, 393]);
  });

  it('exact Wilson coverage at n = 200, p = P(no leaker) is within [0.93, 0.97]', () => {
    const p = exact.overall.p_zero_leakers;
    expect(p).toBeCloseTo(0.95 * 0.91 ** 4, 15);
    let c = 0;
    for (let k = 0; k <= REPLICAS; k++) if (covers(wilson(k, REPLICAS), p)) c += Math.exp(logBinomPmf(k, REPLICAS, p));
    expect(c).toBeGreaterThan(0.93);
    expect(c).toBeLessThan(0.97);
  });

  it('400 campaigns × 200 replicas: each 95 % interval covers the exact value at a rate consistent with 0.95', async () => {
    const [L, U] = acceptance(CAMPAIGNS, 0.95, 0.001);
    const hits = { noLeak: 0, leakers: 0, perThreat: 0, osaka: 0, kobe: 0, killsPerShot: 0 };
    for (let c = 0; c < CAMPAIGNS; c++) {
      const out = await runCampaign({ scenarioText: TEXT, scenarioFile: FILE, model: 'analytic', seed: 1000 + c, runs: REPLICAS, shard: WHOLE }, { workers: 0 });
      const s: CampaignSummary = out.summary;
      expect(s.replicas).toBe(REPLICAS);
      if (covers(s.p_no_leaker, exact.overall.p_zero_leakers)) hits.noLeak++;
      if (covers(s.expected_leakers, exact.overall.expected_leakers)) hits.leakers++;
      if (covers(s.interceptors_per_threat, exact.interceptorsPerThreat)) hits.perThreat++;
      if (covers(s.assets[0].p_hit, exact.assetHit[0])) hits.osaka++;
      if (covers(s.assets[1].p_hit, exact.assetHit[1])) hits.kobe++;
      if (covers(s.layers[0].kills_per_shot, exact.killsPerShot[0])) hits.killsPerShot++;
    }
    for (const [name, x] of Object.entries(hits)) {
      expect.soft(x, `${name}: ${x} of ${CAMPAIGNS} intervals cover the exact value`).toBeGreaterThanOrEqual(L);
      expect.soft(x, `${name}: ${x} of ${CAMPAIGNS} intervals cover the exact value`).toBeLessThanOrEqual(U);
    }
  });
});
