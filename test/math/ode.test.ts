import { describe, expect, it } from 'vitest';
import {
  DormandPrince54,
  ODE_NOT_INITIALISED,
  ODE_OK,
  ODE_REACHED,
  ODE_STEP_TOO_SMALL,
  ODE_TOO_MANY_REJECTIONS,
  ODE_TOO_MANY_STEPS,
  Rk4,
  type Deriv,
} from '../../src/math/index.js';

const decay: Deriv = (_t, y, d) => {
  d[0] = -y[0];
};
const OMEGA = 2;
/** x'' = −ω² x as [x, v]; x(t) = cos ωt for x(0) = 1, v(0) = 0. */
const oscillator: Deriv = (_t, y, d) => {
  d[0] = y[1];
  d[1] = -OMEGA * OMEGA * y[0];
};
const MU = 3.986004418e14; // m³/s², EGM96/WGS84 Earth GM (NIMA TR8350.2, 3rd ed., Table 3.1)
const twoBody: Deriv = (_t, y, d) => {
  const r = Math.sqrt(y[0] * y[0] + y[1] * y[1] + y[2] * y[2]);
  const k = -MU / (r * r * r);
  d[0] = y[3];
  d[1] = y[4];
  d[2] = y[5];
  d[3] = k * y[0];
  d[4] = k * y[1];
  d[5] = k * y[2];
};

describe('Rk4', () => {
  it('global error ratio ≈ 16 when h halves (order 4) on y′ = −y over [0, 1]', () => {
    const rk = new Rk4(1);
    const errs: number[] = [];
    for (const n of [10, 20, 40, 80]) {
      const y = new Float64Array([1]);
      const h = 1 / n;
      for (let i = 0; i < n; i++) rk.step(decay, i * h, y, h, y);
      errs.push(Math.abs(y[0] - Math.exp(-1)));
    }
    for (let i = 0; i < 3; i++) {
      const ratio = errs[i] / errs[i + 1];
      expect(ratio).toBeGreaterThan(15.5);
      expect(ratio).toBeLessThan(17);
    }
    expect(errs[3]).toBeLessThan(1e-10);
  });

  it('harmonic oscillator over 5 periods; out aliasing y gives the same bits as a separate out', () => {
    const rk = new Rk4(2);
    const a = new Float64Array([1, 0]);
    const b = new Float64Array([1, 0]);
    const tmp = new Float64Array(2);
    const T = (2 * Math.PI) / OMEGA;
    const n = 5000;
    const h = (5 * T) / n;
    for (let i = 0; i < n; i++) {
      rk.step(oscillator, i * h, a, h, a);
      rk.step(oscillator, i * h, b, h, tmp);
      b.set(tmp);
    }
    expect(Array.from(a)).toEqual(Array.from(b));
    // Error of RK4 on the oscillator ≈ N·(ωh)⁵/120 ≈ 4e-10 here.
    expect(Math.abs(a[0] - 1)).toBeLessThan(1e-8);
    expect(Math.abs(a[1])).toBeLessThan(1e-8);
  });

  it('integrates backwards with negative h', () => {
    const rk = new Rk4(1);
    const y = new Float64Array([Math.exp(-1)]);
    for (let i = 0; i < 100; i++) rk.step(decay, 1 - i * 0.01, y, -0.01, y);
    expect(Math.abs(y[0] - 1)).toBeLessThan(1e-9);
  });
});

describe('DormandPrince54', () => {
  it('y′ = −y to t = 5 within tolerance, landing exactly on tEnd', () => {
    const dp = new DormandPrince54(1, { rtol: 1e-10, atol: 1e-12 });
    dp.reset(decay, 0, [1]);
    expect(dp.integrateTo(5)).toBe(ODE_REACHED);
    expect(dp.t).toBe(5);
    expect(Math.abs(dp.y[0] - Math.exp(-5))).toBeLessThan(1e-10 * Math.exp(-5) * 10 + 1e-12 * 10);
    expect(dp.steps).toBeGreaterThan(10);
  });

  it('global error is roughly proportional to the tolerance', () => {
    const errs: number[] = [];
    for (const tol of [1e-6, 1e-8, 1e-10]) {
      const dp = new DormandPrince54(1, { rtol: tol, atol: tol });
      dp.reset(decay, 0, [1]);
      dp.integrateTo(5);
      const e = Math.abs(dp.y[0] - Math.exp(-5));
      expect(e).toBeLessThan(tol);
      errs.push(e);
    }
    // Tolerance down 100× → error down by 10…1000× (local control gives ≈ 100×; measured ≈ 80×).
    for (let i = 0; i < 2; i++) {
      expect(errs[i] / errs[i + 1]).toBeGreaterThan(10);
      expect(errs[i] / errs[i + 1]).toBeLessThan(1000);
    }
  });

  it('harmonic oscillator over 10 periods and back (backward integration)', () => {
    const dp = new DormandPrince54(2, { rtol: 1e-11, atol: 1e-12 });
    const T = (2 * Math.PI) / OMEGA;
    dp.reset(oscillator, 0, [1, 0]);
    expect(dp.integrateTo(10 * T)).toBe(ODE_REACHED);
    expect(Math.abs(dp.y[0] - 1)).toBeLessThan(1e-8);
    expect(Math.abs(dp.y[1])).toBeLessThan(1e-8);
    dp.reset(oscillator, 10 * T, [1, 0]);
    expect(dp.integrateTo(0)).toBe(ODE_REACHED);
    expect(dp.t).toBe(0);
    expect(Math.abs(dp.y[0] - 1)).toBeLessThan(1e-8);
  });

  it('dense output between steps is accurate to about the tolerance', () => {
    const dp = new DormandPrince54(2, { rtol: 1e-9, atol: 1e-9 });
    dp.reset(oscillator, 0, [1, 0]);
    const o = new Float64Array(2);
    let maxErr = 0;
    let nSteps = 0;
    for (;;) {
      const code = dp.step(6);
      expect(code >= 0).toBe(true);
      nSteps++;
      for (let k = 0; k <= 10; k++) {
        const tq = dp.tPrev + ((dp.t - dp.tPrev) * k) / 10;
        dp.interpolate(tq, o);
        maxErr = Math.max(maxErr, Math.abs(o[0] - Math.cos(OMEGA * tq)), Math.abs(o[1] + OMEGA * Math.sin(OMEGA * tq)));
      }
      // End points reproduce the step's states exactly (θ = 0 → r1; θ = 1 → r1 + r2 = y).
      dp.interpolate(dp.t, o);
      expect(Math.abs(o[0] - dp.y[0])).toBeLessThan(1e-15);
      if (code === ODE_REACHED) break;
    }
    expect(nSteps).toBeGreaterThan(10);
    expect(maxErr).toBeLessThan(1e-8);
  });

  it('step(tLimit) never passes tLimit and lands on it exactly', () => {
    const dp = new DormandPrince54(1, { rtol: 1e-6, atol: 1e-9 });
    dp.reset(decay, 0, [1]);
    const limits = [0.1, 0.3333333333333333, 0.7, 2.5];
    for (const L of limits) {
      let code = ODE_OK;
      while (code === ODE_OK) {
        code = dp.step(L);
        expect(dp.t).toBeLessThanOrEqual(L);
      }
      expect(code).toBe(ODE_REACHED);
      expect(dp.t).toBe(L);
      expect(Math.abs(dp.y[0] - Math.exp(-L))).toBeLessThan(1e-6);
    }
    expect(dp.step(2.5)).toBe(ODE_REACHED); // already there: no step
  });

  it('FSAL: 6 evaluations per attempted step after the first', () => {
    const dp = new DormandPrince54(1, { rtol: 1e-8, atol: 1e-8, h0: 0.01 });
    dp.reset(decay, 0, [1]);
    dp.integrateTo(3);
    expect(dp.evals).toBe(1 + 6 * (dp.steps + dp.rejected));
  });

  it('Kepler orbit at rtol 1e-12: energy drift tiny, orbit closes after one period', () => {
    const r0 = 7.0e6;
    const vc = Math.sqrt(MU / r0);
    const y0 = [r0, 0, 0, 0, 1.1 * vc, 0.1 * vc]; // e ≈ 0.22
    const energy = (y: ArrayLike<number>) =>
      0.5 * (y[3] * y[3] + y[4] * y[4] + y[5] * y[5]) - MU / Math.hypot(y[0], y[1], y[2]);
    const E0 = energy(y0);
    const a = -MU / (2 * E0);
    const T = 2 * Math.PI * Math.sqrt((a * a * a) / MU);
    const dp = new DormandPrince54(6, { rtol: 1e-12, atol: 1e-6 });
    dp.reset(twoBody, 0, y0);
    expect(dp.integrateTo(T)).toBe(ODE_REACHED);
    expect(Math.abs((energy(dp.y) - E0) / E0)).toBeLessThan(1e-10);
    expect(Math.hypot(dp.y[0] - y0[0], dp.y[1] - y0[1], dp.y[2] - y0[2])).toBeLessThan(0.1); // m
  });

  it('error codes: not initialised, step too small, too many rejections, too many steps', () => {
    const dp = new DormandPrince54(1);
    expect(dp.step(1)).toBe(ODE_NOT_INITIALISED);
    const small = new DormandPrince54(1, { rtol: 1e-12, atol: 1e-12, hMin: 0.5 });
    small.reset(decay, 0, [1]);
    expect(small.integrateTo(10)).toBe(ODE_STEP_TOO_SMALL);
    const nan = new DormandPrince54(1, { h0: 0.1 });
    nan.reset((t, _y, d) => {
      d[0] = t > 0 ? NaN : 1;
    }, 0, [0]);
    expect(nan.step(1)).toBe(ODE_TOO_MANY_REJECTIONS);
    expect(nan.t).toBe(0);
    const few = new DormandPrince54(1, { rtol: 1e-10, atol: 1e-10, maxSteps: 3 });
    few.reset(decay, 0, [1]);
    expect(few.integrateTo(100)).toBe(ODE_TOO_MANY_STEPS);
  });

  it('hMax set after construction caps the step', () => {
    const dp = new DormandPrince54(1, { rtol: 1e-3, atol: 1e-3 });
    dp.hMax = 0.05;
    dp.reset(decay, 0, [1]);
    dp.integrateTo(1);
    expect(dp.steps).toBeGreaterThanOrEqual(20);
  });
});
