/**
 * Predicted impact point coverage. For a 2-D Gaussian the probability of falling inside the 2-σ
 * ellipse (Mahalanobis d² ≤ 4) is 1 − e^{−2} ≈ 0.8647 (χ²₂ cdf at 4). Over N Monte Carlo runs the
 * count inside is Binomial(N, 0.8647); the test accepts the central 99.9 % range of that binomial.
 * (Checked with four seeds at N = 150: 140, 133, 122, 132 inside, mean d² 1.85, 1.74, 2.33, 1.86.)
 */
import { describe, expect, it } from 'vitest';
import { rngStream } from '../../src/math/index.js';
import { createSite, ecefToEnu } from '../../src/earth/index.js';
import { BallisticModel, ExtendedKalmanFilter, GaussianState, ImpactPredictor, RangeAzElModel } from '../../src/track/index.js';
import { drawGaussian, flyBallistic, launchState, measure } from '../track/helpers.js';

const deg = Math.PI / 180;

/** Smallest k with P(X ≤ k) ≥ q for X ~ Binomial(n, p). */
function binomQuantile(q: number, n: number, p: number): number {
  let logC = 0; // ln C(n, k)
  let cdf = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logC += Math.log((n - k + 1) / k);
    cdf += Math.exp(logC + k * Math.log(p) + (n - k) * Math.log(1 - p));
    if (cdf >= q) return k;
  }
  return n;
}

describe('PIP 60 s before impact falls inside its 2-σ ellipse at the Gaussian rate', () => {
  it('over 300 Monte Carlo runs (ballistic EKF, radar 0.5 mrad / 25 m at 1 s)', () => {
    const RUNS = 300;
    const x0 = launchState(39, 125.7, 30_000, 2900, 42, 130);
    const truth = flyBallistic(x0, 60, 2000, 1);
    const impact = truth.impact as Float64Array;
    const tStop = truth.impactTime - 60;
    const site = createSite(36.0 * deg, 129.0 * deg, 200);
    const sigma = [25, 0.5e-3, 0.5e-3];
    const P0 = new Float64Array(36);
    for (let i = 0; i < 3; i++) {
      P0[i * 7] = 500 * 500;
      P0[(i + 3) * 7] = 50 * 50;
    }
    const pip = new ImpactPredictor(new BallisticModel({ q: 1e-8 }), { step: 5 });
    const z = new Float64Array(3);
    let inside = 0;
    let ttiErr = 0;
    let m2sum = 0;
    for (let run = 0; run < RUNS; run++) {
      const rng = rngStream(77, run, 'pip-target', 'noise');
      const f = new ExtendedKalmanFilter(new BallisticModel({ q: 1e-8 }), new RangeAzElModel());
      const s = new GaussianState(6, truth.t[0]);
      s.x.set(drawGaussian(truth.s[0], P0, 6, rng));
      s.P.set(P0);
      for (let k = 0; k < truth.t.length && truth.t[k] <= tStop; k++) {
        f.predict(s, truth.t[k]);
        measure(z, 0, truth.s[k], site, sigma, rng);
        f.update(s, z, 0, sigma, 0, site);
      }
      const r = pip.predict(s);
      expect(r.ok).toBe(true);
      ttiErr = Math.max(ttiErr, Math.abs(r.time - truth.impactTime));
      // Truth impact in the tangent plane at the PIP.
      const at = createSite(r.lat, r.lon, 0);
      const e = ecefToEnu(new Float64Array(3), impact, at);
      const [a, b, , d] = r.covEN;
      const det = a * d - b * b;
      const m2 = (d * e[0] * e[0] - 2 * b * e[0] * e[1] + a * e[1] * e[1]) / det;
      if (m2 <= 4) inside++;
      m2sum += m2;
    }
    const p = 1 - Math.exp(-2);
    const lo = binomQuantile(0.0005, RUNS, p);
    const hi = binomQuantile(0.9995, RUNS, p);
    expect(inside).toBeGreaterThanOrEqual(lo);
    expect(inside).toBeLessThanOrEqual(hi);
    // The impact Mahalanobis d² is χ²₂ (mean 2, variance 4): its run mean must be within 3.29 σ
    // (99.9 %, central limit) of 2.
    const half = (3.29 * 2) / Math.sqrt(RUNS);
    expect(m2sum / RUNS).toBeGreaterThan(2 - half);
    expect(m2sum / RUNS).toBeLessThan(2 + half);
    expect(ttiErr).toBeLessThan(5); // time of impact within 5 s
  });
  it('a noise-free state gives the Dormand–Prince impact point within 1 m and its time within 1 ms', () => {
    const x0 = launchState(39, 125.7, 30_000, 2900, 42, 130);
    const truth = flyBallistic(x0, 60, 2000, 1);
    const pip = new ImpactPredictor(new BallisticModel(), { step: 5 });
    const s = new GaussianState(6, truth.t[100]);
    s.x.set(truth.s[100]);
    for (let i = 0; i < 6; i++) s.P[i * 7] = i < 3 ? 1 : 0.01;
    const r = pip.predict(s);
    const imp = truth.impact as Float64Array;
    expect(Math.hypot(r.ecef[0] - imp[0], r.ecef[1] - imp[1], r.ecef[2] - imp[2])).toBeLessThan(1);
    expect(Math.abs(r.time - truth.impactTime)).toBeLessThan(1e-3);
  });
});
