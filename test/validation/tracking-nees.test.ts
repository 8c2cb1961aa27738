/**
 * Filter consistency (NEES) over Monte Carlo runs on a ballistic target, ballistic motion model.
 * Reference: Bar-Shalom, Li & Kirubarajan, "Estimation with Applications to Tracking and
 * Navigation", 2001, §5.4.2: for N runs the run-averaged NEES of an n-state must lie in
 * [χ²_{nN}(0.025), χ²_{nN}(0.975)]/N with probability 0.95 at each time.
 *
 * The truth here has no process noise (exact J2 + rotating-frame ballistic flight), so the matched
 * filter uses q = 1e-8 m²/s³ (≈ 0). With q = 1e-6 the averaged NEES already drifts below the band
 * after ~300 s (the filter becomes conservative): the test is sensitive to a mismatched model.
 */
import { describe, expect, it } from 'vitest';
import { rngStream } from '../../src/math/index.js';
import { createSite } from '../../src/earth/index.js';
import { BallisticModel, ExtendedKalmanFilter, GaussianState, RangeAzElModel, UnscentedKalmanFilter, nees, neesBand, type Filter } from '../../src/track/index.js';
import { drawGaussian, flyBallistic, launchState, measure } from '../track/helpers.js';

const deg = Math.PI / 180;
const RUNS = 100;

export function neesRun(kind: 'ekf' | 'ukf', Q = 1e-8): { avg: number[]; band: [number, number] } {
  // An ~900 km ballistic flight from 39°N 125.7°E towards 130°, truth sampled every 2 s from t = 60 s.
  const x0 = launchState(39, 125.7, 30_000, 2900, 42, 130);
  const truth = flyBallistic(x0, 60, 1000, 2);
  const site = createSite(36.0 * deg, 129.0 * deg, 200);
  const sigma = [25, 0.5e-3, 0.5e-3];
  const P0 = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    P0[i * 7] = 500 * 500;
    P0[(i + 3) * 7] = 50 * 50;
  }
  const K = truth.t.length;
  const sum = new Array<number>(K).fill(0);
  const z = new Float64Array(3);
  for (let run = 0; run < RUNS; run++) {
    const rng = rngStream(2024, run, 'nees-target', 'noise');
    const f: Filter = kind === 'ekf' ? new ExtendedKalmanFilter(new BallisticModel({ q: Q }), new RangeAzElModel()) : new UnscentedKalmanFilter(new BallisticModel({ q: Q }), new RangeAzElModel());
    const s = new GaussianState(6, truth.t[0]);
    s.x.set(drawGaussian(truth.s[0], P0, 6, rng));
    s.P.set(P0);
    for (let k = 0; k < K; k++) {
      f.predict(s, truth.t[k]);
      measure(z, 0, truth.s[k], site, sigma, rng);
      f.update(s, z, 0, sigma, 0, site);
      sum[k] += nees(s.x, truth.s[k], s.P, 6);
    }
  }
  return { avg: sum.map((v) => v / RUNS), band: neesBand(6, RUNS, 0.95) };
}

describe('NEES of the ballistic EKF and UKF over 100 Monte Carlo runs', () => {
  for (const kind of ['ekf', 'ukf'] as const) {
    it(`${kind}: run-averaged NEES inside the 95 % χ² band at ≥ 90 % of the times, time-average inside too`, () => {
      const { avg, band } = neesRun(kind);
      const inside = avg.filter((v) => v >= band[0] && v <= band[1]).length / avg.length;
      const mean = avg.reduce((a, b) => a + b, 0) / avg.length;
      // The band [5.34, 6.70] for n = 6, N = 100 (χ²_600 quantiles). Times are correlated, so the
      // fraction inside is asserted at 90 % rather than the nominal 95 %.
      expect(band[0]).toBeCloseTo(5.34, 2);
      expect(inside).toBeGreaterThanOrEqual(0.9);
      expect(mean).toBeGreaterThan(band[0]);
      expect(mean).toBeLessThan(band[1]);
    });
  }
  it('the test can fail: a mismatched EKF (q = 1e-4 m²/s³ on an exact ballistic truth) leaves the band', () => {
    const { avg, band } = neesRun('ekf', 1e-4);
    const inside = avg.filter((v) => v >= band[0] && v <= band[1]).length / avg.length;
    expect(inside).toBeLessThan(0.5);
  });
});
