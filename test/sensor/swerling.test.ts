/**
 * Swerling 1 detection law and the 1/√SNR accuracy law.
 *
 * The closed form Pd = Pfa^(1/(1+S)) is checked against a direct Monte Carlo of its model: a
 * square-law detector on one complex sample, signal amplitude Rayleigh (exponential power,
 * mean S) in unit-power complex Gaussian noise, threshold T = −ln Pfa (Richards 2005 §6.3).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rngStream } from '../../src/math/index.js';
import { sigmaAtSnr, swerling1Pd, swerling1RequiredSnr, thresholdSnr } from '../../src/sensor/index.js';

describe('swerling1Pd', () => {
  it('matches a Monte Carlo of the Swerling 1 square-law detector (4σ binomial bound)', () => {
    const rng = rngStream('swerling-test', 0, 'mc', 'detect');
    const pfa = 1e-3;
    const T = thresholdSnr(pfa);
    for (const snr of [1, 5, 20, 100]) {
      const N = 100_000;
      let hits = 0;
      for (let i = 0; i < N; i++) {
        // Complex signal with E|s|² = snr, random phase and Rayleigh amplitude: CN(0, snr).
        const sr = Math.sqrt(snr / 2) * rng.normal(), si = Math.sqrt(snr / 2) * rng.normal();
        // Noise CN(0, 1).
        const nr = Math.SQRT1_2 * rng.normal(), ni = Math.SQRT1_2 * rng.normal();
        const re = sr + nr, im = si + ni;
        if (re * re + im * im > T) hits++;
      }
      const pd = swerling1Pd(snr, pfa);
      const sd = Math.sqrt((pd * (1 - pd)) / N);
      expect(Math.abs(hits / N - pd)).toBeLessThan(4 * sd);
    }
  });
  it('is Pfa with no signal, increasing in SNR, and inverted by swerling1RequiredSnr', () => {
    expect(swerling1Pd(0, 1e-6)).toBe(1e-6);
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), fc.double({ min: 1e-9, max: 1e-2, noNaN: true }), (s, pfa) => {
        const pd = swerling1Pd(s, pfa);
        expect(pd).toBeGreaterThan(pfa);
        expect(swerling1Pd(s * 1.01, pfa)).toBeGreaterThan(pd);
        expect(swerling1RequiredSnr(pd, pfa)).toBeCloseTo(s, Math.max(0, 8 - Math.ceil(Math.log10(s + 1))));
      }),
    );
  });
});

describe('sigmaAtSnr', () => {
  it('falls as 1/√SNR from the reference and stops at the floor', () => {
    expect(sigmaAtSnr(2, 100, 0, 100)).toBe(2);
    expect(sigmaAtSnr(2, 100, 0, 400)).toBeCloseTo(1, 15);
    expect(sigmaAtSnr(2, 100, 0, 25)).toBeCloseTo(4, 15);
    expect(sigmaAtSnr(2, 100, 1.5, 400)).toBe(1.5);
    expect(sigmaAtSnr(2, 100, 0.1, 0)).toBe(Infinity);
  });
});
