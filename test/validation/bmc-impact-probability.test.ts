/**
 * Impact probabilities of threat evaluation (src/bmc/threat-eval.ts) against published values.
 *
 *  - Marcum Q₁(1, 1) = 0.7328798037968204: the worked example of the komm library's
 *    `marcum_q` (https://komm.dev/ref/marcum_q; the same Q as J. I. Marcum, "A Statistical
 *    Theory of Target Detection by Pulsed Radar", RAND RM-754, 1947). For a circle of radius R
 *    whose centre is d from the mean of an isotropic N(0, σ²I), P = 1 − Q₁(d/σ, R/σ).
 *  - The circular error probable of a circular normal distribution, CEP = σ√(2 ln 2) ≈ 1.1774 σ
 *    (e.g. M. R. Driels, "Weaponeering: Conventional Weapon System Effectiveness", AIAA 2004,
 *    ch. 4 on delivery accuracy): half the impacts fall inside a centred circle of that radius.
 *  - The 1σ, 2σ, 3σ probabilities of a 1-D normal (0.682689…, 0.954499…, 0.997300…, e.g.
 *    M. Abramowitz & I. Stegun, "Handbook of Mathematical Functions", 1964, Table 26.1): for a
 *    very wide rectangle (strip) |n| ≤ kσ_n under any σ_e, P is that value.
 */
import { describe, expect, it } from 'vitest';
import { circleProbability, polygonProbability } from '../../src/bmc/index.js';

describe('published impact-probability values', () => {
  it('offset circle: 1 − Q₁(1, 1) = 0.2671201962031796', () => {
    for (const s of [10, 1000, 50_000]) {
      expect(circleProbability(s * Math.SQRT1_2, s * Math.SQRT1_2, s, [s * s, 0, 0, s * s])).toBeCloseTo(1 - 0.7328798037968204, 12);
    }
  });

  it('CEP = 1.1774 σ holds half the impacts (to the 5 digits of the constant)', () => {
    const sigma = 750;
    expect(circleProbability(0, 0, 1.1774 * sigma, [sigma * sigma, 0, 0, sigma * sigma])).toBeCloseTo(0.5, 4);
    expect(circleProbability(0, 0, Math.sqrt(2 * Math.LN2) * sigma, [sigma * sigma, 0, 0, sigma * sigma])).toBeCloseTo(0.5, 13);
  });

  it('a strip |n| ≤ kσ: 0.682689, 0.954500, 0.997300 (A&S Table 26.1)', () => {
    const se = 300, sn = 1000, W = 1e6; // east half-width ≫ σ_e
    const expected = [0.682689492, 0.954499736, 0.997300204];
    [1, 2, 3].forEach((k, i) => {
      const strip = [-W, -k * sn, W, -k * sn, W, k * sn, -W, k * sn];
      expect(polygonProbability(strip, 4, [se * se, 0, 0, sn * sn])).toBeCloseTo(expected[i], 8);
    });
  });
});
