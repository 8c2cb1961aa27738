/** The tracker-in-the-loop adapters: the predicted trajectory of a track, truth labels of tracks. */
import { describe, expect, it } from 'vitest';
import { PredictedTrack, TrackLabels, hermiteState } from '../../src/sim/tracking.js';
import { BallisticModel, Track } from '../../src/track/index.js';
import { createSite, ecefToAer, ecefToEciState } from '../../src/earth/index.js';
import type { Scan } from '../../src/sensor/index.js';

// An exoatmospheric ballistic state over the Sea of Japan, ECEF (m, m/s): ~300 km up, ~3 km/s.
const X0 = new Float64Array([-3_300_000, 3_500_000, 4_000_000, 1500, 1800, -1900]);

describe('PredictedTrack', () => {
  it('matches direct propagation of the motion model within 1 cm / 1 mm/s (Hermite on 1 s samples), in ECI', () => {
    const m = new BallisticModel();
    const tr = new PredictedTrack(m, X0, 100, 400);
    const x = new Float64Array(6), ref = new Float64Array(6), out = new Float64Array(6);
    let dp = 0, dv = 0;
    for (let t = 100; t <= 400; t += 0.37) {
      m.propagate(X0, t - 100, x);
      ecefToEciState(ref, x, t);
      tr.stateAt(t, out);
      dp = Math.max(dp, Math.hypot(out[0] - ref[0], out[1] - ref[1], out[2] - ref[2]));
      dv = Math.max(dv, Math.hypot(out[3] - ref[3], out[4] - ref[4], out[5] - ref[5]));
    }
    expect(dp).toBeLessThan(0.01);
    expect(dv).toBeLessThan(0.001);
  });

  it('reads the state itself at its start, and propagates outside its span (before and after)', () => {
    const m = new BallisticModel();
    const tr = new PredictedTrack(m, X0, 100, 200);
    const out = new Float64Array(6), ref = new Float64Array(6), x = new Float64Array(6);
    tr.stateAt(100, out);
    ecefToEciState(ref, X0, 100);
    for (let k = 0; k < 6; k++) expect(out[k]).toBeCloseTo(ref[k], 6);
    for (const t of [90, 230]) {
      m.propagate(X0, t - 100, x);
      ecefToEciState(ref, x, t);
      tr.stateAt(t, out);
      expect(Math.hypot(out[0] - ref[0], out[1] - ref[1], out[2] - ref[2])).toBeLessThan(1e-3);
    }
  });

  it('hermiteState is exact on a cubic (position) with its derivative (velocity)', () => {
    // x(t) = t³ − 2t² + 3 on every axis, sampled every 0.5 s on [0, 2]
    const h = 0.5, n = 5;
    const S = new Float64Array(6 * n);
    for (let i = 0; i < n; i++) {
      const t = i * h;
      for (let k = 0; k < 3; k++) {
        S[6 * i + k] = t ** 3 - 2 * t * t + 3;
        S[6 * i + 3 + k] = 3 * t * t - 4 * t;
      }
    }
    const out = new Float64Array(6);
    for (const t of [0, 0.13, 0.77, 1.5, 1.99, 2]) {
      hermiteState(S, n, 0, h, 2, t, out);
      expect(out[0]).toBeCloseTo(t ** 3 - 2 * t * t + 3, 12);
      expect(out[3]).toBeCloseTo(3 * t * t - 4 * t, 11);
    }
  });
});

describe('TrackLabels', () => {
  it('credits each updated track with the truth label of the nearest detection and reports the majority', () => {
    const site = createSite(0.6, 2.4, 0);
    const a = new Track(6, 10), b = new Track(6, 10);
    const pa = [-3_300_000, 3_500_000, 4_000_000], pb = [-3_310_000, 3_505_000, 4_001_000];
    const scanAt = (t: number, labels: (string | null)[], pts: number[][]): Scan => {
      const z = new Float64Array(3 * pts.length);
      const aer = new Float64Array(3);
      pts.forEach((p, j) => {
        ecefToAer(aer, new Float64Array(p), site);
        z.set(aer, 3 * j);
      });
      return { time: t, sensor: 'r', site, n: pts.length, z, sigma: new Float64Array(3 * pts.length), truth: labels };
    };
    const L = new TrackLabels();
    for (const [t, la, lb] of [[10, 'x', 'y'], [11, 'x', null], [12, 'y', 'y']] as const) {
      a.lastUpdate = b.lastUpdate = t;
      a.state.x.set(pa);
      b.state.x.set(pb);
      L.credit(scanAt(t, [lb, la], [pb, pa]), [a, b]);
    }
    expect(L.label(a)).toBe('x'); // x, x, y
    expect(L.label(b)).toBe('y'); // y, null, y
    // a track not updated by a scan is not credited
    a.lastUpdate = 9;
    L.credit(scanAt(13, ['z', 'z'], [pb, pa]), [a]);
    expect(L.label(a)).toBe('x');
    L.forget(a);
    expect(L.label(a)).toBeNull();
  });
});
