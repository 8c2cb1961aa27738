/** Launch windows, PIP and shoot–look–shoot on aimed catalog flights. */
import { describe, expect, it } from 'vitest';
import {
  CHECK_OK,
  checkIntercept,
  createBattery,
  launchWindow,
  pipForLaunch,
  planShot,
  tofTo,
} from '../../src/interceptor/index.js';
import { DEG, fanOf, interceptor, rvOf } from './helpers.js';

const rv = rvOf('df-21', [40, 116], [35.5, 129.5]);

describe('launchWindow (thaad-like near the DF-21 target)', () => {
  const v = interceptor('thaad-like');
  const fan = fanOf('thaad-like');
  const b = createBattery({ lat: 35.6 * DEG, lon: 129.3 * DEG, h: 0 });
  const w = launchWindow(v, fan, b, rv, rv.t0, rv.t1);

  it('is feasible, ordered, and every scanned intercept inside it passes the check', () => {
    expect(w.feasible).toBe(true);
    expect(w.noShot).toBeNull();
    expect(w.firstLaunch).toBeLessThanOrEqual(w.lastLaunch);
    expect(w.earliestIntercept).toBeLessThan(w.latestIntercept);
    expect(w.first!.launchTime).toBe(w.firstLaunch);
    for (const [a, z] of w.intervals) {
      for (let t = a + 0.05; t < z - 0.05; t += 2) expect(checkIntercept(v, fan, b, rv, t, rv.t0)).toBe(CHECK_OK);
      // just outside the edges it fails (refined to 0.01 s)
      expect(checkIntercept(v, fan, b, rv, a - 0.05, rv.t0)).not.toBe(CHECK_OK);
      expect(checkIntercept(v, fan, b, rv, z + 0.05, rv.t0)).not.toBe(CHECK_OK);
    }
  });

  it('the first shot puts the PIP inside the battlespace and its launch time is t_I − τ', () => {
    const p = planShot(fan, b, rv, w.first!.interceptTime + 0.02)!;
    expect(p.altitude).toBeGreaterThanOrEqual(v.minAltitude);
    expect(p.altitude).toBeLessThanOrEqual(v.maxAltitude);
    expect(p.groundRange).toBeLessThanOrEqual(v.maxRange);
    expect(p.launchTime).toBeCloseTo(p.interceptTime - tofTo(fan, b, rv, p.interceptTime), 9);
  });

  it('pipForLaunch inverts the launch time: t_I − τ(t_I) = t_L', () => {
    const tL = 0.5 * (w.firstLaunch + w.lastLaunch);
    const tI = pipForLaunch(fan, b, rv, tL, rv.t0, rv.t1);
    expect(tI).toBeGreaterThan(tL);
    expect(tI - tofTo(fan, b, rv, tI)).toBeCloseTo(tL, 4);
  });

  it('uncertainty margins shrink the window (σ² = σ0² + qτ³/3, 3σ)', () => {
    const wu = launchWindow(v, fan, b, rv, rv.t0, rv.t1, { sigma0: 500, q: 0.01 });
    expect(wu.feasible).toBe(true);
    expect(wu.latestIntercept - wu.earliestIntercept).toBeLessThan(w.latestIntercept - w.earliestIntercept);
  });

  it('shoot–look–shoot: a second shot, when it fits, launches after the first intercept plus the kill-assessment delay', () => {
    const sm3 = interceptor('sm3-like');
    const ws = launchWindow(sm3, fanOf('sm3-like'), createBattery({ lat: 37 * DEG, lon: 124 * DEG, h: 0 }), rv, rv.t0, rv.t1);
    expect(ws.second).not.toBeNull();
    expect(ws.second!.launchTime).toBeGreaterThanOrEqual(ws.first!.interceptTime + sm3.killAssessment - 1e-9);
    expect(ws.second!.launchTime).toBeLessThanOrEqual(ws.lastLaunch + 1e-9);
    // no second shot when the window is shorter than the first intercept plus assessment
    if (w.lastLaunch < w.first!.interceptTime + v.killAssessment) expect(w.second).toBeNull();
  });
});

describe('launchWindow says why no shot exists', () => {
  it('out of range', () => {
    const w = launchWindow(interceptor('thaad-like'), fanOf('thaad-like'), createBattery({ lat: 30 * DEG, lon: 129.3 * DEG, h: 0 }), rv, rv.t0, rv.t1);
    expect(w.feasible).toBe(false);
    expect(w.noShot).toMatch(/^out of range/);
  });
  it('below the battlespace (a Scud-B never climbs to the SM-3 floor on a short shot)', () => {
    const scud = rvOf('scud-b', [33, 44], [33, 45.6]);
    const w = launchWindow(interceptor('sm3-like'), fanOf('sm3-like'), createBattery({ lat: 33 * DEG, lon: 45.5 * DEG, h: 0 }), scud, scud.t0, scud.t1);
    expect(w.feasible).toBe(false);
    expect(w.noShot).toMatch(/^below the battlespace/);
  });
  it('too late', () => {
    const v = interceptor('thaad-like');
    const b = createBattery({ lat: 35.6 * DEG, lon: 129.3 * DEG, h: 0 });
    const w = launchWindow(v, fanOf('thaad-like'), b, rv, rv.t0, rv.t1, { now: rv.t1 - 60 });
    expect(w.feasible).toBe(false);
    expect(w.noShot).toMatch(/^too late/);
  });
});
