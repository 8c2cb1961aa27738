/**
 * Miss distance of the single time constant proportional-navigation homing loop versus flight
 * time, normalised as in P. Zarchan, "Tactical and Strategic Missile Guidance" (AIAA; ch. 3–4 and
 * 6: heading-error miss as miss/(VM·HE·T) and target-manoeuvre miss as miss/(nT·T²), both against
 * TF/T, for N' = 3, 4, 5), checked against CLOSED FORMS — the forward lab at several TF/T and the
 * adjoint curve over the whole range.
 *
 * The closed forms. The search corpus available to this project did not hold Zarchan's printed
 * expressions or a table of his curves, so they are derived here (and they reproduce the known
 * shape: for N' = 3 the target-manoeuvre miss peaks at TF/T = 2). Derivation:
 *
 * Forward loop, x = [y, ẏ, nL], t_go = TF − t:
 *   ẏ = ẏ,  ÿ = nT − nL,  ṅL = (N'(y + ẏ t_go)/t_go² − nL)/T.
 * Its adjoint in σ = t_go (Zarchan ch. 3; the same equations as his Listing 3.1, e.g. as
 * reproduced in github.com/int08h/missle_guidance MATLAB/C3L1.m):
 *   p1' = N' p3/(T σ²),  p2' = p1 + N' p3/(T σ),  p3' = −p2 − p3/T,  p(0) = (1, 0, 0),
 * and miss(TF) = p(TF)ᵀx(0) + nT ∫₀^TF p2 dσ = −VM·HE·p2(TF) + nT ∫₀^TF p2 dσ.
 *  (i)  d(σ p1)/dσ = p1 + N' p3/(T σ) = p2', and both vanish at σ = 0, so p2 = σ p1.
 *  (ii) Hence σ p2' − p2 = σ² p1' = N' p3/T.
 *  (iii) p3' = −p2 − p3/T with p3(0) = 0 gives P3(s) = −T P2(s)/(1 + sT) (Laplace in σ).
 *  Transforming (ii) with L{σ f'} = −F − s F': −2X − sX' = −N' X/(1 + sT), X = L{p2}, so
 *    X'/X = (N'/(1 + sT) − 2)/s = (N' − 2)/s − N'T/(1 + sT)  ⇒  X = C s^(N'−2)/(1 + sT)^N'.
 *  p2 ≈ σ near σ = 0 means X → 1/s² as s → ∞, so C = T^N':
 *    X(s) = (1/s²)·(sT/(1 + sT))^N'.
 *  With u = TF/T and s̃ = sT:
 *    miss_HE/(VM·HE·T) = −L⁻¹[s̃^(N'−2)/(1 + s̃)^N'](u),   miss_nT/(nT·T²) = L⁻¹[s̃^(N'−3)/(1 + s̃)^N'](u).
 *  APN adds N'nT/2 to nc, i.e. an input N'/(2T) into ṅL: the integrand becomes p2 + N'p3/(2T), so
 *    miss_nT/(nT·T²) = L⁻¹[s̃^(N'−3)(1 + s̃ − N'/2)/(1 + s̃)^(N'+1)](u).
 *  Inverse transforms: L⁻¹[s^k/(1 + s)^n] = d^k/du^k [u^(n−1) e^(−u)/(n−1)!] for k ≤ n − 1 (the lower
 *  derivatives vanish at u = 0), which gives the explicit forms below. The zero-lag limit T → 0
 *  gives X = T^N' s^(N'−2)/(1 + sT)^N' → 0 for σ > 0: no miss, as Zarchan ch. 2 shows.
 */
import { describe, expect, it } from 'vitest';
import { adjointMiss, runGuidanceLab, type LabInput } from '../../src/interceptor/guidance-lab.js';

const E = Math.exp;
/** miss_HE/(VM·HE·T) = −f(u), u = TF/T. */
const heNorm: Record<number, (u: number) => number> = {
  3: (u) => -E(-u) * (u - u ** 2 / 2),
  4: (u) => -E(-u) * (u - u ** 2 + u ** 3 / 6),
  5: (u) => -E(-u) * (u - 1.5 * u ** 2 + 0.5 * u ** 3 - u ** 4 / 24),
};
/** PN: miss_nT/(nT·T²). */
const ntNorm: Record<number, (u: number) => number> = {
  3: (u) => E(-u) * (u ** 2 / 2),
  4: (u) => E(-u) * (u ** 2 / 2 - u ** 3 / 6),
  5: (u) => E(-u) * (u ** 2 / 2 - u ** 3 / 3 + u ** 4 / 24),
};
/** APN: miss_nT/(nT·T²). */
const apnNtNorm: Record<number, (u: number) => number> = {
  3: (u) => E(-u) * (u ** 2 / 2 - u ** 3 / 4),
  4: (u) => E(-u) * (u ** 2 / 2 - u ** 3 / 2 + u ** 4 / 12),
  5: (u) => E(-u) * (u ** 2 / 2 - (3 * u ** 3) / 4 + u ** 4 / 4 - u ** 5 / 48),
};

// A physical case (SI): T = 0.5 s, VM = 3000 m/s, Vc = 4000 m/s, HE = −20° (Zarchan's usual example
// values converted to SI), nT = 3 g.
const T = 0.5;
const VM = 3000;
const HE = (-20 * Math.PI) / 180;
const NT = 3 * 9.80665;
const base: LabInput = {
  law: 'pn',
  navRatio: 3,
  timeConstant_s: T,
  flightTime_s: 1,
  closingSpeed_mps: 4000,
  missileSpeed_mps: VM,
  headingError_rad: 0,
  targetAccel_mps2: 0,
  lag: 'single',
};
const U = [1, 2, 3, 5, 10];
// Normalised absolute tolerance. At the default step (h = T/1000) the lab's error is about 1e-10 in
// these units (the convergence study in test/interceptor/guidance-lab.test.ts shows O(h²)); 1e-7 is
// 1000× that and still 1e5 times tighter than the "few percent" of reading a book figure.
const TOL = 1e-7;

describe('Zarchan single time constant loop: forward lab vs closed forms', () => {
  for (const N of [3, 4, 5]) {
    it(`heading error, PN, N' = ${N}, TF/T = ${U.join(', ')}`, () => {
      for (const u of U) {
        const r = runGuidanceLab({ ...base, navRatio: N, flightTime_s: u * T, headingError_rad: HE });
        expect(Math.abs(r.miss_m / (VM * HE * T) - heNorm[N](u))).toBeLessThan(TOL);
      }
    });
    it(`target step manoeuvre, PN, N' = ${N}, TF/T = ${U.join(', ')}`, () => {
      for (const u of U) {
        const r = runGuidanceLab({ ...base, navRatio: N, flightTime_s: u * T, targetAccel_mps2: NT });
        expect(Math.abs(r.miss_m / (NT * T * T) - ntNorm[N](u))).toBeLessThan(TOL);
      }
    });
    it(`target step manoeuvre, APN, N' = ${N}, TF/T = ${U.join(', ')}`, () => {
      for (const u of U) {
        const r = runGuidanceLab({ ...base, law: 'apn', navRatio: N, flightTime_s: u * T, targetAccel_mps2: NT });
        expect(Math.abs(r.miss_m / (NT * T * T) - apnNtNorm[N](u))).toBeLessThan(TOL);
      }
    });
  }
  it('heading error and manoeuvre together add (the loop is linear)', () => {
    const u = 3;
    const both = runGuidanceLab({ ...base, navRatio: 4, flightTime_s: u * T, headingError_rad: HE, targetAccel_mps2: NT });
    const expected = VM * HE * T * heNorm[4](u) + NT * T * T * ntNorm[4](u);
    expect(Math.abs(both.miss_m - expected)).toBeLessThan(TOL * (Math.abs(VM * HE * T) + NT * T * T));
  });
});

describe('Zarchan single time constant loop: adjoint curves vs closed forms', () => {
  for (const N of [3, 4, 5]) {
    for (const law of ['pn', 'apn'] as const) {
      it(`${law.toUpperCase()}, N' = ${N}: every flight time in [0, 10T] from one backward run`, () => {
        const a = adjointMiss({ ...base, law, navRatio: N, flightTime_s: 10 * T, headingError_rad: HE, targetAccel_mps2: NT }, { samples: 101 });
        const nt = law === 'pn' ? ntNorm[N] : apnNtNorm[N];
        for (let i = 0; i < a.flightTime_s.length; i++) {
          const u = a.flightTime_s[i] / T;
          expect(Math.abs(a.missHeadingError_m[i] / (VM * HE * T) - heNorm[N](u))).toBeLessThan(TOL);
          expect(Math.abs(a.missTargetAccel_m[i] / (NT * T * T) - nt(u))).toBeLessThan(TOL);
          expect(a.miss_m[i]).toBeCloseTo(a.missHeadingError_m[i] + a.missTargetAccel_m[i], 12);
        }
      });
    }
  }

  // Peaks of the closed forms, found analytically:
  //  N' = 3, manoeuvre: d/du[u² e^(−u)/2] = 0 at u = 2, value 2e^(−2) = 0.270670566…
  //  N' = 3, heading error: d/du[e^(−u)(u − u²/2)] = e^(−u)(1 − 2u + u²/2) = 0 at u = 2 ∓ √2;
  //    miss/(VM·HE·T) = −(√2 − 1)e^(−(2−√2)) at 2 − √2 (largest |miss|), zero at u = 2.
  //  N' = 4, manoeuvre: e^(−u)(u − u² + u³/6) = 0 at u = 3 − √3 (peak), zero at u = 3.
  it('the adjoint curves peak where the closed forms say (N′ = 3 and 4)', () => {
    const a3 = adjointMiss({ ...base, navRatio: 3, flightTime_s: 6 * T, headingError_rad: HE, targetAccel_mps2: NT }, { samples: 6001 });
    const argmax = (xs: Float64Array, sign = 1): number => {
      let k = 0;
      for (let i = 1; i < xs.length; i++) if (sign * xs[i] > sign * xs[k]) k = i;
      return k;
    };
    const kNt = argmax(a3.missTargetAccel_m);
    expect(a3.flightTime_s[kNt] / T).toBeCloseTo(2, 2);
    expect(a3.missTargetAccel_m[kNt] / (NT * T * T)).toBeCloseTo(2 * Math.exp(-2), 8);
    // HE < 0 here, so −VM·HE·T·f(u) is largest (positive) at the peak of f.
    const kHe = argmax(a3.missHeadingError_m);
    expect(a3.flightTime_s[kHe] / T).toBeCloseTo(2 - Math.SQRT2, 2);
    expect(a3.missHeadingError_m[kHe] / (VM * HE * T)).toBeCloseTo(-(Math.SQRT2 - 1) * Math.exp(-(2 - Math.SQRT2)), 6);
    const a4 = adjointMiss({ ...base, navRatio: 4, flightTime_s: 6 * T, targetAccel_mps2: NT }, { samples: 6001 });
    const k4 = argmax(a4.missTargetAccel_m);
    expect(a4.flightTime_s[k4] / T).toBeCloseTo(3 - Math.sqrt(3), 2);
    const u3 = Math.round((3 * T) / (a4.flightTime_s[1] - a4.flightTime_s[0]));
    expect(Math.abs(a4.missTargetAccel_m[u3] / (NT * T * T))).toBeLessThan(TOL);
  });

  it('adjoint and forward runs agree at every sampled flight time', () => {
    const inp: LabInput = { ...base, navRatio: 4, flightTime_s: 8 * T, headingError_rad: HE, targetAccel_mps2: NT };
    const a = adjointMiss(inp, { samples: 17 });
    for (let i = 1; i < a.flightTime_s.length; i++) {
      const f = runGuidanceLab({ ...inp, flightTime_s: a.flightTime_s[i] });
      expect(Math.abs(f.miss_m - a.miss_m[i])).toBeLessThan(TOL * (Math.abs(VM * HE * T) + NT * T * T));
    }
  });
});
