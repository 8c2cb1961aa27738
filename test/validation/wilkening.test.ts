/**
 * Wilkening-style defense effectiveness (src/analysis/wilkening.ts).
 *
 * The paper (D. A. Wilkening, Science & Global Security 8(2):183–215, 2000) could not be retrieved
 * while writing these tests, so no printed table value is asserted here. What is asserted:
 * closed forms of independent-shot algebra worked by hand, identities between doctrines, and a
 * seeded Monte Carlo simulation of the engagement process that shares no code with the model.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilkening } from '../../src/analysis/wilkening.js';

describe('shoot-shoot closed forms', () => {
  it('SSPK 0.8, 2 interceptors per RV, 1 RV: P_k = 1 − 0.2² = 0.96', () => {
    const r = wilkening({ sspk: 0.8, threats: 1, shotsPerThreat: 2, doctrine: 'shoot-shoot' });
    expect(r.p_zero_leakers).toBeCloseTo(0.96, 15);
    expect(r.expected_leakers).toBeCloseTo(0.04, 15);
    expect(r.interceptors_needed).toBe(2);
  });

  it('SSPK 0.8, 2 per RV, 10 RVs: P(0 leakers) = 0.96^10 = 0.664833…, E[leakers] = 0.4, 20 interceptors', () => {
    const r = wilkening({ sspk: 0.8, threats: 10, shotsPerThreat: 2, doctrine: 'shoot-shoot' });
    expect(r.p_zero_leakers).toBeCloseTo(0.6648326359915008, 14); // 0.96^10 by hand: 0.66483263599150…
    expect(r.expected_leakers).toBeCloseTo(0.4, 14);
    expect(r.interceptors_needed).toBe(20);
  });

  it('SSPK 0.5, 4 per RV, 5 RVs: (15/16)^5 = 759375/1048576', () => {
    const r = wilkening({ sspk: 0.5, threats: 5, shotsPerThreat: 4, doctrine: 'shoot-shoot' });
    expect(r.p_zero_leakers).toBe(759375 / 1048576); // exact in binary floating point
  });

  it('common-mode reliability multiplies P(0 leakers) once, not per RV', () => {
    const r = wilkening({ sspk: 0.8, threats: 10, shotsPerThreat: 2, doctrine: 'shoot-shoot', reliability: 0.9 });
    expect(r.p_zero_leakers).toBeCloseTo(0.9 * Math.pow(0.96, 10), 14);
    expect(r.expected_leakers).toBeCloseTo(10 * (1 - 0.9 * 0.96), 13);
  });

  it('detection probability enters each RV: P_k = d (1 − q^n)', () => {
    const r = wilkening({ sspk: 0.8, threats: 3, shotsPerThreat: 2, doctrine: 'shoot-shoot', detection: 0.95 });
    expect(r.p_kill_per_threat).toBeCloseTo(0.95 * 0.96, 15);
    expect(r.p_zero_leakers).toBeCloseTo(Math.pow(0.912, 3), 14);
    expect(r.interceptors_needed).toBeCloseTo(3 * 0.95 * 2, 13);
  });
});

describe('shoot-look-shoot', () => {
  it('perfect kill assessment, 2 looks of 1 shot: same P_k as a salvo of 2, 1 + q interceptors per RV', () => {
    const sls = wilkening({ sspk: 0.7, threats: 4, shotsPerThreat: 1, doctrine: 'sls' });
    const ss = wilkening({ sspk: 0.7, threats: 4, shotsPerThreat: 2, doctrine: 'shoot-shoot' });
    expect(sls.p_zero_leakers).toBeCloseTo(ss.p_zero_leakers, 15);
    expect(sls.p_kill_per_threat).toBeCloseTo(0.91, 15);
    expect(sls.interceptors_needed).toBeCloseTo(4 * 1.3, 14);
  });

  it('identity: e looks of n with perfect KA kill like one salvo of n·e, using n Σ q^{nt} interceptors (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (p, N, n, e) => {
          const sls = wilkening({ sspk: p, threats: N, shotsPerThreat: n, doctrine: 'sls', engagements: e });
          const ss = wilkening({ sspk: p, threats: N, shotsPerThreat: n * e, doctrine: 'shoot-shoot' });
          expect(sls.p_kill_per_threat).toBeCloseTo(ss.p_kill_per_threat, 12);
          let expShots = 0;
          for (let t = 0; t < e; t++) expShots += n * Math.pow(1 - p, n * t);
          expect(sls.interceptors_needed).toBeCloseTo(N * expShots, 9);
          expect(sls.interceptors_needed).toBeLessThanOrEqual(ss.interceptors_needed + 1e-9);
        },
      ),
      { numRuns: 300, seed: 2000 },
    );
  });

  it('blind kill assessment (K = 0, F = 0) reduces shoot-look-shoot to one salvo', () => {
    const sls = wilkening({ sspk: 0.6, threats: 7, shotsPerThreat: 2, doctrine: 'sls', engagements: 3, killAssessment: 0 });
    const ss = wilkening({ sspk: 0.6, threats: 7, shotsPerThreat: 2, doctrine: 'shoot-shoot' });
    expect(sls.p_zero_leakers).toBeCloseTo(ss.p_zero_leakers, 15);
    expect(sls.interceptors_needed).toBeCloseTo(ss.interceptors_needed, 15);
  });

  it('imperfect kill assessment, 2 looks: P_leak = q(1 − K) + K q² by hand', () => {
    // SSPK 0.8, K 0.9: 0.2·0.1 + 0.9·0.04 = 0.056; shots = 1 + 0.9·0.2 + F·0.8 with F = 0.05 → 1.22
    const r = wilkening({ sspk: 0.8, threats: 1, shotsPerThreat: 1, doctrine: 'sls', killAssessment: 0.9, falseAlarm: 0.05 });
    expect(r.p_kill_per_threat).toBeCloseTo(0.944, 15);
    expect(r.interceptors_needed).toBeCloseTo(1.22, 15);
  });

  it('matches a seeded Monte Carlo of the engagement process (5σ)', () => {
    // xorshift32 (Marsaglia 2003), independent of the model's code.
    let x = 123456789;
    const u = (): number => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 4294967296;
    };
    const cfg = { sspk: 0.55, N: 6, n: 2, e: 3, K: 0.85, F: 0.1, R: 0.97, d: 0.93 };
    const trials = 200_000;
    let zero = 0;
    let leakers = 0;
    let fired = 0;
    let upTrials = 0;
    for (let t = 0; t < trials; t++) {
      const up = u() < cfg.R;
      let leaks = 0;
      for (let k = 0; k < cfg.N; k++) {
        if (!up) {
          leaks++;
          continue;
        }
        if (u() >= cfg.d) {
          leaks++;
          continue;
        }
        let alive = true;
        for (let look = 0; look < cfg.e; look++) {
          for (let s = 0; s < cfg.n; s++) {
            fired++;
            if (alive && u() < cfg.sspk) alive = false;
          }
          if (look === cfg.e - 1) break;
          const judgedAlive = alive ? u() < cfg.K : u() < cfg.F;
          if (!judgedAlive) break;
        }
        if (alive) leaks++;
      }
      if (up) upTrials++;
      if (leaks === 0) zero++;
      leakers += leaks;
    }
    const r = wilkening({ sspk: cfg.sspk, threats: cfg.N, shotsPerThreat: cfg.n, doctrine: 'sls', engagements: cfg.e, killAssessment: cfg.K, falseAlarm: cfg.F, reliability: cfg.R, detection: cfg.d });
    const pz = zero / trials;
    expect(Math.abs(pz - r.p_zero_leakers)).toBeLessThan(5 * Math.sqrt((r.p_zero_leakers * (1 - r.p_zero_leakers)) / trials));
    // Leakers per trial lie in [0, N]: σ ≤ N/2.
    expect(Math.abs(leakers / trials - r.expected_leakers)).toBeLessThan((5 * cfg.N) / 2 / Math.sqrt(trials));
    // Interceptors per working-defense trial lie in [0, N n e]: σ ≤ N n e / 2.
    expect(Math.abs(fired / upTrials - r.interceptors_needed)).toBeLessThan((5 * cfg.N * cfg.n * cfg.e) / 2 / Math.sqrt(upTrials));
  });
});

describe('ranges', () => {
  it('rejects SSPK outside [0, 1] and non-integer counts', () => {
    expect(() => wilkening({ sspk: 1.2, threats: 1, shotsPerThreat: 1, doctrine: 'sls' })).toThrow(RangeError);
    expect(() => wilkening({ sspk: 0.5, threats: 1.5, shotsPerThreat: 1, doctrine: 'sls' })).toThrow(RangeError);
    expect(() => wilkening({ sspk: 0.5, threats: 1, shotsPerThreat: 0, doctrine: 'sls' })).toThrow(RangeError);
  });
  it('SSPK 1 kills everything with one salvo; SSPK 0 kills nothing', () => {
    expect(wilkening({ sspk: 1, threats: 9, shotsPerThreat: 1, doctrine: 'sls' }).p_zero_leakers).toBe(1);
    expect(wilkening({ sspk: 1, threats: 9, shotsPerThreat: 1, doctrine: 'sls' }).interceptors_needed).toBe(9);
    expect(wilkening({ sspk: 0, threats: 9, shotsPerThreat: 3, doctrine: 'shoot-shoot' }).expected_leakers).toBe(9);
  });
});
