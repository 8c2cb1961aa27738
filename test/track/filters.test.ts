import { describe, expect, it } from 'vitest';
import { matMul, matMulABt, rngStream } from '../../src/math/index.js';
import { createSite, aerToEcef, ecefToAer } from '../../src/earth/index.js';
import { GaussianState, wrapPi } from '../../src/track/filter.js';
import { ConstantVelocityModel } from '../../src/track/motion-cv.js';
import { BallisticModel } from '../../src/track/motion-ballistic.js';
import { RangeAzElModel } from '../../src/track/measurement-model.js';
import { ExtendedKalmanFilter } from '../../src/track/ekf.js';
import { UnscentedKalmanFilter } from '../../src/track/ukf.js';
import { flyBallistic, launchState } from './helpers.js';

const deg = Math.PI / 180;

function diagState(x: number[], d: number[]): GaussianState {
  const n = x.length;
  const s = new GaussianState(n, 0);
  s.x.set(x);
  for (let i = 0; i < n; i++) s.P[i * n + i] = d[i];
  return s;
}

describe('wrapPi', () => {
  it('maps to (−π, π]', () => {
    expect(wrapPi(Math.PI)).toBe(Math.PI);
    expect(wrapPi(-Math.PI)).toBe(Math.PI);
    expect(wrapPi(2 * Math.PI - 0.1)).toBeCloseTo(-0.1, 14);
    expect(wrapPi(7 * Math.PI + 0.2)).toBeCloseTo(-Math.PI + 0.2, 12);
  });
});

describe('CV model (Bar-Shalom et al. 2001 §6.2.2)', () => {
  it('Q has the dt³/3, dt²/2, dt blocks and the EKF predict equals F P Fᵀ + Q', () => {
    const m = new ConstantVelocityModel(4);
    const Q = m.processNoise(new Float64Array(6), 2, new Float64Array(36));
    expect(Q[0]).toBeCloseTo((4 * 8) / 3, 14);
    expect(Q[3]).toBeCloseTo((4 * 4) / 2, 14);
    expect(Q[21]).toBeCloseTo(8, 14);
    const f = new ExtendedKalmanFilter(m, new RangeAzElModel());
    const s = diagState([1, 2, 3, 4, 5, 6], [10, 20, 30, 1, 2, 3]);
    s.P[1] = s.P[6] = 5; // a correlation
    const P0 = Float64Array.from(s.P);
    f.predict(s, 2);
    const F = m.jacobian(s.x, 2, new Float64Array(36));
    const FP = matMul(new Float64Array(36), F, P0, 6, 6, 6);
    const want = matMulABt(new Float64Array(36), FP, F, 6, 6, 6);
    for (let i = 0; i < 36; i++) expect(s.P[i]).toBeCloseTo(want[i] + Q[i], 10);
    expect(Array.from(s.x)).toEqual([9, 12, 15, 4, 5, 6]);
  });
  it('UKF prediction equals the EKF prediction for the linear CV model', () => {
    const m = new ConstantVelocityModel(1);
    const e = new ExtendedKalmanFilter(m, new RangeAzElModel());
    const u = new UnscentedKalmanFilter(m, new RangeAzElModel());
    const a = diagState([1e6, 2e6, 3e6, 100, -200, 300], [1e4, 2e4, 3e4, 100, 200, 300]);
    a.P[3] = a.P[18] = 500;
    const b = new GaussianState(6).copyFrom(a);
    e.predict(a, 3);
    u.predict(b, 3);
    for (let i = 0; i < 6; i++) expect(b.x[i]).toBeCloseTo(a.x[i], 6);
    for (let i = 0; i < 36; i++) expect(b.P[i]).toBeCloseTo(a.P[i], 6);
  });
});

describe('ballistic model', () => {
  const x0 = launchState(35, 128, 20_000, 2500, 40, 270);
  it('RK4 (1 s substeps) follows a Dormand–Prince rtol 1e-10 truth within 1 cm over 200 s', () => {
    const truth = flyBallistic(x0, 0, 200, 200);
    const m = new BallisticModel();
    const x = m.propagate(x0, 200, new Float64Array(6));
    const e = Math.hypot(x[0] - truth.s[1][0], x[1] - truth.s[1][1], x[2] - truth.s[1][2]);
    expect(e).toBeLessThan(0.01);
  });
  it('the variational-equation Jacobian matches central differences of propagate (vacuum, 30 s)', () => {
    const m = new BallisticModel();
    const F = m.jacobian(x0, 30, new Float64Array(36));
    const xp = new Float64Array(6), xm = new Float64Array(6), yp = new Float64Array(6), ym = new Float64Array(6);
    for (let j = 0; j < 6; j++) {
      const h = j < 3 ? 10 : 0.1;
      xp.set(x0);
      xm.set(x0);
      xp[j] += h;
      xm[j] -= h;
      m.propagate(xp, 30, yp);
      m.propagate(xm, 30, ym);
      for (let i = 0; i < 6; i++) {
        const fd = (yp[i] - ym[i]) / (2 * h);
        expect(Math.abs(F[i * 6 + j] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });
  it('with drag (7 states) the Jacobian matches central differences at 25 km altitude', () => {
    const m = new BallisticModel({ drag: true });
    const x = new Float64Array(7);
    x.set(launchState(35, 128, 25_000, 3000, -30, 90));
    x[6] = 1 / 5000; // β = 5000 kg/m²
    const F = m.jacobian(x, 2, new Float64Array(49));
    const xp = new Float64Array(7), xm = new Float64Array(7), yp = new Float64Array(7), ym = new Float64Array(7);
    for (let j = 0; j < 7; j++) {
      const h = j < 3 ? 1 : j < 6 ? 0.01 : 1e-6;
      xp.set(x);
      xm.set(x);
      xp[j] += h;
      xm[j] -= h;
      m.propagate(xp, 2, yp);
      m.propagate(xm, 2, ym);
      for (let i = 0; i < 7; i++) {
        const fd = (yp[i] - ym[i]) / (2 * h);
        // D_r uses the geocentric radial for the vertical (file header): allow 1 % of the column scale.
        expect(Math.abs(F[i * 7 + j] - fd)).toBeLessThan(1e-2 * Math.max(1e-3, Math.abs(fd)) + 1e-6);
      }
    }
    // Drag decelerates: speed after 2 s lower than in vacuum.
    const vac = new BallisticModel().propagate(x.subarray(0, 6), 2, new Float64Array(6));
    const dr = m.propagate(x, 2, new Float64Array(7));
    expect(Math.hypot(dr[3], dr[4], dr[5])).toBeLessThan(Math.hypot(vac[3], vac[4], vac[5]) - 1);
  });
});

describe('measurement model and updates', () => {
  const site = createSite(36 * deg, 127 * deg, 100);
  it('azimuth residual is wrapped: a target just east of north is not 2π away', () => {
    const x = Float64Array.from([...aerToEcef(new Float64Array(3), 300e3, 0.0005, 10 * deg, site), 0, 0, 0]);
    const f = new ExtendedKalmanFilter(new ConstantVelocityModel(1), new RangeAzElModel());
    const s = diagState([...aerToEcef(new Float64Array(3), 300e3, 2 * Math.PI - 0.0005, 10 * deg, site), 0, 0, 0], [1e6, 1e6, 1e6, 1, 1, 1]);
    const z = ecefToAer(new Float64Array(3), x, site);
    const d2 = f.innovation(s, z, 0, [10, 1e-3, 1e-3], 0, site);
    expect(d2).toBeLessThan(5); // the true angle difference is 1 mrad, i.e. ~1σ (plus the 300 m prior)
    const u = new UnscentedKalmanFilter(new ConstantVelocityModel(1), new RangeAzElModel());
    expect(u.innovation(s, z, 0, [10, 1e-3, 1e-3], 0, site)).toBeLessThan(5);
  });
  it('EKF and UKF agree on d² and ln|S| for a small covariance (nearly linear regime)', () => {
    const e = new ExtendedKalmanFilter(new BallisticModel(), new RangeAzElModel());
    const u = new UnscentedKalmanFilter(new BallisticModel(), new RangeAzElModel());
    const s = diagState([...aerToEcef(new Float64Array(3), 500e3, 200 * deg, 30 * deg, site), 100, 2000, 1000], [100, 100, 100, 10, 10, 10]);
    const x = Float64Array.from(s.x);
    x[0] += 30;
    const z = ecefToAer(new Float64Array(3), x, site);
    const sig = [50, 1e-3, 1e-3];
    const d2e = e.innovation(s, z, 0, sig, 0, site);
    const le = e.lastLogDetS;
    const d2u = u.innovation(s, z, 0, sig, 0, site);
    expect(d2u).toBeCloseTo(d2e, 4);
    expect(u.lastLogDetS).toBeCloseTo(le, 6);
  });
  it('Joseph-form update keeps P symmetric positive definite through 10⁴ near-singular updates', () => {
    const f = new ExtendedKalmanFilter(new ConstantVelocityModel(1e-6), new RangeAzElModel());
    const rng = rngStream(1, 0, 'joseph', 'noise');
    const s = diagState([...aerToEcef(new Float64Array(3), 200e3, 1, 0.3, site), 0, 0, 0], [1e8, 1e8, 1e8, 1e6, 1e6, 1e6]);
    for (let k = 1; k <= 10000; k++) {
      f.predict(s, k * 0.1);
      const z = ecefToAer(new Float64Array(3), s.x, site);
      z[0] += 1e-3 * rng.normal();
      f.update(s, z, 0, [1e-3, 1e-9, 1e-9], 0, site);
    }
    for (let i = 0; i < 6; i++) {
      expect(s.P[i * 7]).toBeGreaterThan(0);
      for (let j = 0; j < 6; j++) expect(s.P[i * 6 + j]).toBe(s.P[j * 6 + i]);
    }
  });
});
