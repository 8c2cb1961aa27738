import { describe, expect, it } from 'vitest';
import { rngStream } from '../../src/math/index.js';
import { createSite, ecefToAer, geodeticToEcef, type Site } from '../../src/earth/index.js';
import type { Scan } from '../../src/sensor/index.js';
import { Tracker, nisThresholdFor } from '../../src/track/index.js';
import { flyBallistic, launchState } from './helpers.js';

const deg = Math.PI / 180;
const site = createSite(36 * deg, 129 * deg, 200);
const SIG = [20, 0.5e-3, 0.5e-3];

function scanOf(t: number, positions: ArrayLike<number>[], s: Site = site, clutter: number[] = []): Scan {
  const n = positions.length + clutter.length / 3;
  const z = new Float64Array(3 * n), sigma = new Float64Array(3 * n);
  const aer = new Float64Array(3);
  positions.forEach((p, j) => {
    ecefToAer(aer, p, s);
    z.set(aer, 3 * j);
  });
  z.set(clutter, 3 * positions.length);
  for (let j = 0; j < n; j++) sigma.set(SIG, 3 * j);
  return { time: t, sensor: 'r', site: s, n, z, sigma, truth: new Array(n).fill(null) };
}

/** A straight constant-velocity target (ECEF) at 60 km altitude. */
function cvTarget(t: number): Float64Array {
  const p0 = geodeticToEcef(new Float64Array(3), 38 * deg, 128 * deg, 60_000);
  return Float64Array.from([p0[0] + 300 * t, p0[1] - 200 * t, p0[2] + 100 * t]);
}

describe('Tracker track management', () => {
  it('confirms on the 3rd hit (M = 3 of N = 5), ids start at 1, rows only for confirmed tracks', () => {
    const tr = new Tracker({ motion: 'cv' });
    tr.processScan(scanOf(0, [cvTarget(0)]));
    tr.processScan(scanOf(1, [cvTarget(1)]));
    expect(tr.confirmedTotal).toBe(0);
    expect(tr.rows).toHaveLength(0);
    tr.processScan(scanOf(2, [cvTarget(2)]));
    expect(tr.confirmedTotal).toBe(1);
    expect(tr.tracks[0].id).toBe(1);
    expect(tr.rows).toHaveLength(1);
    expect(tr.rows[0].track).toBe(1);
    expect(tr.rows[0].time).toBe(2);
  });
  it('a tentative track with 2 hits in 5 scans is dropped; a confirmed one survives 5 misses and dies at the 6th', () => {
    const tr = new Tracker({ motion: 'cv' });
    tr.processScan(scanOf(0, [cvTarget(0)]));
    tr.processScan(scanOf(1, [cvTarget(1)]));
    for (let t = 2; t < 5; t++) tr.processScan(scanOf(t, []));
    expect(tr.tracks).toHaveLength(0);
    const tr2 = new Tracker({ motion: 'cv' });
    for (let t = 0; t < 5; t++) tr2.processScan(scanOf(t, [cvTarget(t)]));
    for (let t = 5; t < 10; t++) tr2.processScan(scanOf(t, []));
    expect(tr2.tracks).toHaveLength(1);
    tr2.processScan(scanOf(10, []));
    expect(tr2.tracks).toHaveLength(0);
  });
  it('keeps the id through a coast of 4 scans and re-acquisition', () => {
    const tr = new Tracker({ motion: 'cv', q: 1 });
    for (let t = 0; t < 10; t++) tr.processScan(scanOf(t, [cvTarget(t)]));
    for (let t = 10; t < 14; t++) tr.processScan(scanOf(t, []));
    for (let t = 14; t < 20; t++) tr.processScan(scanOf(t, [cvTarget(t)]));
    expect(tr.confirmedTotal).toBe(1);
    expect(new Set(tr.rows.map((r) => r.track))).toEqual(new Set([1]));
  });
  it('clutter alone (uniform in range/az/el, 5 per scan for 200 scans) confirms nothing', () => {
    const rng = rngStream(3, 0, 'clutter', 'test');
    const tr = new Tracker({ motion: 'ballistic' });
    for (let t = 0; t < 200; t++) {
      const c: number[] = [];
      for (let k = 0; k < 5; k++) c.push(rng.uniformRange(100e3, 900e3), rng.uniformRange(0, 2 * Math.PI), rng.uniformRange(0, 1));
      tr.processScan(scanOf(t, [], site, c));
    }
    expect(tr.confirmedTotal).toBe(0);
  });
  it('two targets 3 km apart give two tracks with ids 1 and 2, each row within 100 m of its own target', () => {
    const tr = new Tracker({ motion: 'cv', q: 1 });
    const other = (t: number) => {
      const p = cvTarget(t);
      p[2] += 3000;
      return p;
    };
    for (let t = 0; t < 30; t++) tr.processScan(scanOf(t, [cvTarget(t), other(t)]));
    expect(tr.confirmedTotal).toBe(2);
    for (const r of tr.rows) {
      const want = r.track === 1 ? cvTarget(r.time) : other(r.time);
      expect(Math.hypot(r.state[0] - want[0], r.state[1] - want[1], r.state[2] - want[2])).toBeLessThan(100);
    }
  });
  it('type hint: a descending ballistic target is an RV; one accelerating upward at 40 m/s² is a booster', () => {
    // Impact ≈ 535 s; 420–500 s is the descending leg.
    const truth = flyBallistic(launchState(39, 125.7, 30_000, 2900, 42, 130), 60, 500, 1);
    const tr = new Tracker({ motion: 'ballistic' });
    truth.t.forEach((t, k) => t >= 420 && tr.processScan(scanOf(t, [truth.s[k]])));
    expect(tr.tracks[0].kind).toBe('rv');
    const up = geodeticToEcef(new Float64Array(3), 39 * deg, 127 * deg, 20_000);
    const r = Math.hypot(up[0], up[1], up[2]);
    const boost = (t: number) => Float64Array.from([0, 1, 2].map((i) => up[i] + (up[i] / r) * (500 * t + 20 * t * t)));
    const tb = new Tracker({ motion: 'cv', q: 2000 });
    for (let t = 0; t < 30; t++) tb.processScan(scanOf(t, [boost(t)]));
    expect(tb.tracks[0].kind).toBe('booster');
  });
});

describe('Tracker on several sensors (issue 3)', () => {
  const siteB = createSite(37 * deg, 131 * deg, 20);
  const scanBy = (sensor: string, t: number, positions: ArrayLike<number>[], s: Site, covers?: (e: ArrayLike<number>) => boolean): Scan => ({
    ...scanOf(t, positions, s),
    sensor,
    covers,
  });

  it('scans of a sensor that never detected a track do not count misses; its own sensor still deletes it after 6', () => {
    const tr = new Tracker({ motion: 'cv' });
    for (let t = 0; t < 5; t++) tr.processScan(scanBy('a', t, [cvTarget(t)], site));
    // 20 empty scans of radar b (elsewhere, never saw it) interleaved with 5 empty scans of a.
    for (let t = 5; t < 10; t++) {
      tr.processScan(scanBy('a', t, [], site));
      for (let k = 0; k < 4; k++) tr.processScan(scanBy('b', t + 0.2 * (k + 1), [], siteB));
    }
    expect(tr.tracks).toHaveLength(1);
    expect(tr.tracks[0].sensorMiss[0]).toBe(5);
    tr.processScan(scanBy('a', 10, [], site));
    expect(tr.tracks).toHaveLength(0);
  });

  it('a coverage predicate that excludes the track stops its misses (coasting); one that covers it lets them count', () => {
    const out = () => false, all = () => true;
    const tr = new Tracker({ motion: 'cv' });
    for (let t = 0; t < 5; t++) tr.processScan(scanBy('a', t, [cvTarget(t)], site, all));
    for (let t = 5; t < 15; t++) tr.processScan(scanBy('a', t, [], site, out));
    expect(tr.tracks).toHaveLength(1);
    for (let t = 15; t < 21; t++) tr.processScan(scanBy('a', t, [], site, all));
    expect(tr.tracks).toHaveLength(0);
  });

  it('two sensors scanning at the same time give one row per track and time', () => {
    const tr = new Tracker({ motion: 'cv' });
    for (let t = 0; t < 6; t++) {
      tr.processScan(scanBy('a', t, [cvTarget(t)], site));
      tr.processScan(scanBy('b', t, [cvTarget(t)], siteB));
    }
    expect(tr.confirmedTotal).toBe(1);
    const times = tr.rows.map((r) => r.time);
    expect(new Set(times).size).toBe(times.length);
  });

  it('the ballistic tracker holds a target thrusting at 40 m/s² with one track (manoeuvre level); one level loses it', () => {
    const up = geodeticToEcef(new Float64Array(3), 39 * deg, 127 * deg, 20_000);
    const r = Math.hypot(up[0], up[1], up[2]);
    const boost = (t: number) => Float64Array.from([0, 1, 2].map((i) => up[i] + (up[i] / r) * (500 * t + 20 * t * t)));
    const adaptive = new Tracker({ motion: 'ballistic' });
    const fixed = new Tracker({ motion: 'ballistic', manoeuvreQ: 0 });
    for (let t = 0; t < 40; t++) {
      adaptive.processScan(scanOf(t, [boost(t)]));
      fixed.processScan(scanOf(t, [boost(t)]));
    }
    expect(adaptive.confirmedTotal).toBe(1);
    expect(adaptive.tracks[0].manoeuvre).toBe(true);
    const last = adaptive.rows[adaptive.rows.length - 1];
    const want = boost(last.time);
    // Within 3σ of one detection's cross-range error (0.5 mrad × range): the lag of the CWNA
    // model under a constant 40 m/s² stays inside the measurement noise.
    const range = ecefToAer(new Float64Array(3), want, site)[0];
    expect(Math.hypot(last.state[0] - want[0], last.state[1] - want[1], last.state[2] - want[2])).toBeLessThan(3 * 0.5e-3 * range);
    // q = 0.01 m²/s³ cannot follow 40 m/s²: its track is lost and the target re-initiated.
    expect(fixed.confirmedTotal).toBeGreaterThan(1);
  });

  it('a coasting ballistic target switches its track to the coast level within one type-hint window', () => {
    const truth = flyBallistic(launchState(39, 125.7, 30_000, 2900, 42, 130), 60, 300, 1);
    const tr = new Tracker({ motion: 'ballistic' });
    truth.t.forEach((t, k) => t >= 200 && tr.processScan(scanOf(t, [truth.s[k]])));
    expect(tr.confirmedTotal).toBe(1);
    expect(tr.tracks[0].manoeuvre).toBe(false);
  });

  it('averaged-NIS threshold: moment-matched c·χ²_ν (α = 0.8, n_z = 3: c = 5/9, ν = 27) at 0.99 is 26.1', () => {
    // m = 15, v = 6/0.36 = 16.67 → c = v/2m = 0.5556, ν = 2m²/v = 27; χ²₂₇(0.99) = 46.963 (NIST table).
    expect(nisThresholdFor(0.99, 3, 0.8)).toBeCloseTo((5 / 9) * 46.963, 2);
  });
});
