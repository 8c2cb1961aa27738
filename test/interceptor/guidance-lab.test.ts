/**
 * The guidance lab's numerics: convergence as the step shrinks (against the closed form derived in
 * test/validation/zarchan-single-lag.test.ts), the history layout, the loop's invariances
 * (linearity, normalisation by T, independence of Vc) as property tests, and argument checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { G0_MPS2, adjointMiss, defaultLabStep, runGuidanceLab, type LabInput } from '../../src/interceptor/guidance-lab.js';

const base: LabInput = {
  law: 'pn',
  navRatio: 3,
  timeConstant_s: 1,
  flightTime_s: 2,
  closingSpeed_mps: 3000,
  missileSpeed_mps: 3000,
  headingError_rad: 0,
  targetAccel_mps2: 1,
  lag: 'single',
};

describe('guidance lab: convergence as h → 0', () => {
  it('single lag, N′ = 3, step manoeuvre at TF/T = 2: error vs 2e^(−2)·nT·T² falls steadily with h, below 1e-11 at h = 1e-4 T', () => {
    const exact = 2 * Math.exp(-2); // closed form u²e^(−u)/2 at u = 2 (zarchan-single-lag.test.ts)
    const steps = [1e-2, 3e-3, 1e-3, 3e-4, 1e-4];
    const errs = steps.map((h) => Math.abs(runGuidanceLab(base, { step_s: h }).miss_m - exact));
    for (let i = 1; i < errs.length; i++) expect(errs[i]).toBeLessThan(errs[i - 1]);
    expect(errs[0]).toBeLessThan(1e-7);
    expect(errs[errs.length - 1]).toBeLessThan(1e-11);
    // At least second order: a 100× smaller step gains more than 1000×.
    expect(errs[0] / errs[errs.length - 1]).toBeGreaterThan(1e3);
  });
  it('zero lag, heading error: the miss is below 1e-6 m at every step and does not grow as h shrinks', () => {
    const inp: LabInput = { ...base, lag: 'zero', flightTime_s: 10, headingError_rad: 0.1, targetAccel_mps2: 0 };
    let prev = Infinity;
    for (const h of [0.1, 0.01, 0.001]) {
      const m = Math.abs(runGuidanceLab(inp, { step_s: h }).miss_m);
      expect(m).toBeLessThan(1e-6);
      expect(m).toBeLessThanOrEqual(prev);
      prev = m;
    }
  });
  it('the default step is min(T, TF)/1000 (TF/1000 with zero lag)', () => {
    expect(defaultLabStep(base)).toBeCloseTo(1e-3, 15);
    expect(defaultLabStep({ ...base, flightTime_s: 0.5 })).toBeCloseTo(5e-4, 15);
    expect(defaultLabStep({ ...base, lag: 'zero', flightTime_s: 7 })).toBeCloseTo(7e-3, 15);
  });
});

describe('guidance lab: history', () => {
  it('n + 1 uniform points from 0 to TF; y ends at the miss; nc is NaN only at TF', () => {
    const r = runGuidanceLab({ ...base, headingError_rad: 0.01 }, { step_s: 0.01, history: true });
    const { t, y, nc } = r.history!;
    expect(t.length).toBe(201);
    expect(y.length).toBe(201);
    expect(t[0]).toBe(0);
    expect(t[200]).toBe(2);
    expect(t[100]).toBeCloseTo(1, 14);
    expect(y[0]).toBe(0);
    expect(y[200]).toBe(r.miss_m);
    expect(Number.isNaN(nc[200])).toBe(true);
    for (let k = 0; k < 200; k++) expect(Number.isFinite(nc[k])).toBe(true);
    // Peak over grid points 0..n−1; the before-last-T peak only counts t_go ≥ T.
    let peak = 0;
    let early = 0;
    for (let k = 0; k < 200; k++) {
      peak = Math.max(peak, Math.abs(nc[k]));
      if (2 - t[k] >= 1 - 1e-12) early = Math.max(early, Math.abs(nc[k]));
    }
    expect(r.peakAccel_mps2).toBe(peak);
    expect(r.peakAccelBeforeLastTau_mps2).toBeCloseTo(early, 12);
    // At launch ẏ = −VM·HE, y = 0: nc = N'·ẏ·TF/TF² = −N'·VM·HE/TF.
    expect(nc[0]).toBeCloseTo((-3 * 3000 * 0.01) / 2, 9);
  });
  it('without history no arrays are returned', () => {
    expect(runGuidanceLab(base).history).toBeUndefined();
  });
});

describe('guidance lab: invariances (property tests)', () => {
  const arb = fc.record({
    law: fc.constantFrom('pn' as const, 'apn' as const),
    N: fc.double({ min: 2.5, max: 6, noNaN: true }),
    T: fc.double({ min: 0.1, max: 2, noNaN: true }),
    u: fc.double({ min: 0.2, max: 8, noNaN: true }),
    he: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
    g: fc.double({ min: -10, max: 10, noNaN: true }),
  });
  const mk = (c: { law: 'pn' | 'apn'; N: number; T: number; u: number; he: number; g: number }): LabInput => ({
    ...base,
    law: c.law,
    navRatio: c.N,
    timeConstant_s: c.T,
    flightTime_s: c.u * c.T,
    headingError_rad: c.he,
    targetAccel_mps2: c.g * G0_MPS2,
  });
  it('superposition: miss(HE, nT) = miss(HE, 0) + miss(0, nT)', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const inp = mk(c);
        const both = runGuidanceLab(inp).miss_m;
        const he = runGuidanceLab({ ...inp, targetAccel_mps2: 0 }).miss_m;
        const nt = runGuidanceLab({ ...inp, headingError_rad: 0 }).miss_m;
        const scale = Math.abs(3000 * c.he * c.T) + Math.abs(c.g * G0_MPS2 * c.T * c.T) + 1e-300;
        expect(Math.abs(both - he - nt)).toBeLessThan(1e-9 * scale);
      }),
      { numRuns: 25, seed: 4 },
    );
  });
  it('normalisation: miss/(VM·HE·T) and miss/(nT·T²) depend only on N′ and TF/T (time scaled by 3)', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const a = mk(c);
        const b = mk({ ...c, T: 3 * c.T });
        const he = (x: LabInput) => runGuidanceLab({ ...x, targetAccel_mps2: 0 }).miss_m / (3000 * c.he * x.timeConstant_s);
        const nt = (x: LabInput) => runGuidanceLab({ ...x, headingError_rad: 0 }).miss_m / (c.g * G0_MPS2 * x.timeConstant_s ** 2);
        // (Skip denormal-sized inputs, whose normalised miss is round-off.)
        if (Math.abs(c.he) > 1e-6) expect(Math.abs(he(a) - he(b))).toBeLessThan(1e-9);
        if (Math.abs(c.g) > 1e-6) expect(Math.abs(nt(a) - nt(b))).toBeLessThan(1e-9);
      }),
      { numRuns: 20, seed: 5 },
    );
  });
  it('the closing speed cancels out of the linear loop (N′·Vc·λ̇ = N′·ZEM/t_go²)', () => {
    fc.assert(
      fc.property(arb, fc.double({ min: 100, max: 10000, noNaN: true }), (c, vc) => {
        const inp = mk(c);
        const m1 = runGuidanceLab(inp);
        const m2 = runGuidanceLab({ ...inp, closingSpeed_mps: vc });
        const scale = Math.abs(3000 * c.he * c.T) + Math.abs(c.g * G0_MPS2 * c.T * c.T) + 1e-300;
        expect(Math.abs(m1.miss_m - m2.miss_m)).toBeLessThan(1e-12 * scale);
      }),
      { numRuns: 15, seed: 6 },
    );
  });
});

describe('guidance lab: adjoint', () => {
  it('zero lag: every flight time has zero miss', () => {
    const a = adjointMiss({ ...base, lag: 'zero', headingError_rad: 0.1, targetAccel_mps2: 30 }, { samples: 11 });
    expect(a.flightTime_s[10]).toBe(2);
    for (let i = 0; i < 11; i++) expect(a.miss_m[i]).toBe(0);
    for (let i = 0; i < 11; i++) expect(Math.abs(runGuidanceLab({ ...base, lag: 'zero', flightTime_s: Math.max(a.flightTime_s[i], 0.01), headingError_rad: 0.1, targetAccel_mps2: 30 }).miss_m)).toBeLessThan(1e-6);
  });
  it('flight time 0 gives 0 miss; the sample grid is uniform to TFmax', () => {
    const a = adjointMiss({ ...base, headingError_rad: 0.1 }, { samples: 5 });
    expect(Array.from(a.flightTime_s)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(a.miss_m[0]).toBe(0);
  });
});

describe('guidance lab: argument checks (developer errors)', () => {
  it('rejects non-positive or non-finite parameters with a RangeError naming the field', () => {
    expect(() => runGuidanceLab({ ...base, navRatio: 0 })).toThrow(/navRatio/);
    expect(() => runGuidanceLab({ ...base, timeConstant_s: 0 })).toThrow(/timeConstant_s/);
    expect(() => runGuidanceLab({ ...base, flightTime_s: -1 })).toThrow(/flightTime_s/);
    expect(() => runGuidanceLab({ ...base, closingSpeed_mps: NaN })).toThrow(/closingSpeed_mps/);
    expect(() => runGuidanceLab({ ...base, missileSpeed_mps: 0 })).toThrow(/missileSpeed_mps/);
    expect(() => runGuidanceLab({ ...base, headingError_rad: Infinity })).toThrow(/headingError_rad/);
    expect(() => runGuidanceLab(base, { step_s: 0 })).toThrow(/step_s/);
    expect(() => adjointMiss(base, { samples: 1 })).toThrow(/samples/);
    // Zero lag does not need a time constant.
    expect(() => runGuidanceLab({ ...base, lag: 'zero', timeConstant_s: 0 })).not.toThrow();
  });
});
