import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chi2Cdf, chi2Quantile, gospa, nees, neesBand, ospa, scoreTracks, type StateRow } from '../../src/track/metrics.js';

describe('χ² quantiles', () => {
  // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4 "Critical Values of the Chi-Square
  // Distribution" (https://www.itl.nist.gov/div898/handbook/eda/section3/eda3674.htm), 3 decimals.
  const table: Array<[p: number, k: number, x: number]> = [
    [0.95, 3, 7.815],
    [0.999, 3, 16.266],
    [0.975, 6, 14.449],
    [0.025, 6, 1.237],
    [0.975, 100, 129.561],
    [0.025, 100, 74.222],
    [0.99, 1, 6.635],
    [0.05, 10, 3.94],
  ];
  it.each(table)('χ²_%d quantile %d dof matches the NIST table', (p, k, x) => {
    expect(chi2Quantile(p, k)).toBeCloseTo(x, 3);
  });
  it('the 0.9999 gate for 3 dof is 21.1075 (SciPy chi2.ppf(0.9999, 3) = 21.10751)', () => {
    expect(chi2Quantile(0.9999, 3)).toBeCloseTo(21.1075, 3);
  });
  it('cdf and quantile are inverse, and χ²_2 cdf is 1 − e^{−x/2} exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 30, noNaN: true }), (x) => {
        expect(chi2Cdf(x, 2)).toBeCloseTo(1 - Math.exp(-x / 2), 12);
      }),
      { seed: 7 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 700 }), (p, k) => {
        expect(chi2Cdf(chi2Quantile(p, k), k)).toBeCloseTo(p, 9);
      }),
      { seed: 8 },
    );
  });
  it('NEES band for 6 states over 100 runs is [χ²_600(0.025), χ²_600(0.975)]/100', () => {
    const [lo, hi] = neesBand(6, 100);
    // Values from the χ² quantile function (SciPy chi2.ppf(0.025/0.975, 600) = 534.0186 / 669.7692).
    expect(lo).toBeCloseTo(5.340186, 4);
    expect(hi).toBeCloseTo(6.697692, 4);
  });
});

describe('NEES', () => {
  it('equals eᵀP⁻¹e for a diagonal covariance', () => {
    const P = new Float64Array([4, 0, 0, 0, 9, 0, 0, 0, 1]);
    expect(nees([2, 3, 1], [0, 0, 0], P, 3)).toBeCloseTo(1 + 1 + 1, 14);
  });
  it('for a correlated 2×2 matches the closed-form inverse', () => {
    const P = new Float64Array([2, 1, 1, 3]);
    const e = [1, -2];
    // P⁻¹ = [3 −1; −1 2]/5 → eᵀP⁻¹e = (3 + 4 + 8)/5 = 3.
    expect(nees(e, [0, 0], P, 2)).toBeCloseTo(3, 14);
  });
});

const pts = (n: number) => fc.array(fc.double({ min: -5000, max: 5000, noNaN: true }), { minLength: 3 * n, maxLength: 3 * n });
const setArb = fc.integer({ min: 0, max: 5 }).chain((n) => fc.record({ n: fc.constant(n), p: pts(n) }));

describe('GOSPA (α = 2) and OSPA', () => {
  it('hand example: one truth localised at 300 m, one missed, one false, c = 1000, p = 2', () => {
    const X = [0, 0, 0, 10000, 0, 0];
    const Y = [300, 0, 0, -9000, 0, 0];
    const g = gospa(X, 2, Y, 2, 1000, 2);
    // (300² + 1000²/2 · (1 missed + 1 false))^{1/2}
    expect(g.value).toBeCloseTo(Math.sqrt(300 * 300 + 1e6), 9);
    expect(g.missed).toBe(1);
    expect(g.false).toBe(1);
    expect(Array.from(g.truthToEstimate)).toEqual([0, -1]);
    // OSPA: (1/2 (300² + 1000²))^{1/2}
    expect(ospa(X, 2, Y, 2, 1000, 2)).toBeCloseTo(Math.sqrt((300 * 300 + 1e6) / 2), 9);
  });
  it('GOSPA is a metric: zero on identical sets, symmetric, triangle inequality', () => {
    fc.assert(
      fc.property(setArb, setArb, setArb, (a, b, c) => {
        const d = (x: typeof a, y: typeof a) => gospa(x.p, x.n, y.p, y.n, 1000, 2).value;
        expect(d(a, a)).toBe(0);
        expect(d(a, b)).toBeCloseTo(d(b, a), 6);
        expect(d(a, c)).toBeLessThanOrEqual(d(a, b) + d(b, c) + 1e-6);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
  it('OSPA is bounded by c and a metric on random sets', () => {
    fc.assert(
      fc.property(setArb, setArb, setArb, (a, b, c) => {
        const d = (x: typeof a, y: typeof a) => ospa(x.p, x.n, y.p, y.n, 1000, 2);
        expect(d(a, a)).toBe(0);
        expect(d(a, b)).toBeLessThanOrEqual(1000 + 1e-9);
        expect(d(a, c)).toBeLessThanOrEqual(d(a, b) + d(b, c) + 1e-6);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('scoreTracks', () => {
  // Truth: two objects in uniform motion, sampled every 2 s; Hermite interpolation is exact for them.
  const truth: StateRow[] = [];
  for (let t = 0; t <= 10; t += 2) {
    truth.push({ time: t, id: 'A', state: [1000 * t, 0, 0, 1000, 0, 0] });
    truth.push({ time: t, id: 'B', state: [0, 50000, 100 * t, 0, 0, 100] });
  }
  it('exact tracks at odd times score 0 with no breaks and purity 1', () => {
    const tracks: StateRow[] = [];
    for (let t = 1; t <= 9; t += 2) {
      tracks.push({ time: t, id: 1, state: [1000 * t, 0, 0, 1000, 0, 0] });
      tracks.push({ time: t, id: 2, state: [0, 50000, 100 * t, 0, 0, 100] });
    }
    const s = scoreTracks(truth, tracks);
    expect(s.gospa_mean).toBeCloseTo(0, 6);
    expect(s.rmse_position_m).toBeCloseTo(0, 6);
    expect(s.rmse_velocity_mps).toBeCloseTo(0, 6);
    expect(s.truths_tracked).toBe(2);
    expect(s.breaks).toBe(0);
    expect(s.purity).toBe(1);
    expect(s.times).toBe(5);
  });
  it('a constant 30 m offset and an id swap give RMSE 30 m and one break', () => {
    const tracks: StateRow[] = [];
    for (let t = 1; t <= 9; t += 2) tracks.push({ time: t, id: t < 5 ? 7 : 8, state: [1000 * t + 30, 0, 0, 1000, 0, 0] });
    const s = scoreTracks(truth, tracks);
    expect(s.rmse_position_m).toBeCloseTo(30, 9);
    expect(s.breaks).toBe(1);
    expect(s.truths_tracked).toBe(1);
    // GOSPA per time: (30² + 1000²/2 for missed B)^{1/2}
    expect(s.gospa_mean).toBeCloseTo(Math.sqrt(900 + 5e5), 6);
  });
});
