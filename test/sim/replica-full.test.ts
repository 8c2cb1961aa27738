/**
 * The whole-defense replica with the tracker in the loop (`tracking: 'full'`): each mechanism of
 * issue 5 on the didactic scenarios, determinism, and graceful degradation versus perfect tracking.
 */
import { describe, expect, it } from 'vitest';
import { catalog, of, prepared } from './helpers.js';
import { runReplica } from '../../src/sim/replica.js';
import { interceptorFromEntry } from '../../src/interceptor/index.js';

const FULL = { tracking: 'full' } as const;

describe('replica with full tracking', () => {
  it('is deterministic: same seed and replica, same event log byte for byte; tracks are logged', () => {
    const p = prepared('scenarios/didactic-sls.yaml');
    const a = runReplica(p, 5, 3, false, FULL).log.toJsonl();
    const b = runReplica(p, 5, 3, false, FULL).log.toJsonl();
    expect(a).toBe(b);
    expect(a).toContain('"type":"track-start"');
    expect(a).toContain('"type":"detection"');
    // a different replica draws different noise: the logs differ
    expect(runReplica(p, 5, 4, false, FULL).log.toJsonl()).not.toBe(a);
  });

  it('no shot outside its window: assignments follow the track reaching the BMC, launches follow the order, intercepts inside the battlespace', () => {
    const p = prepared('scenarios/didactic-saturation.yaml');
    const sc = p.scenario;
    const c = sc.communications;
    for (const [file, replicas] of [['scenarios/didactic-saturation.yaml', 1], ['scenarios/didactic-sls.yaml', 6]] as const) {
      const q = prepared(file);
      for (let r = 0; r < replicas; r++) {
        const ev = runReplica(q, 7, r, false, FULL).log.events;
        const started = new Map(of(ev, 'track-start').map((s) => [s.trackId, s.t]));
        const assigned = new Map<string, number>();
        for (const a of of(ev, 'assignment')) {
          expect(started.has(a.trackId)).toBe(true);
          // the BMC sees a track tracker→BMC after the tracker confirmed it
          expect(a.t).toBeGreaterThanOrEqual(started.get(a.trackId)! + c.tracker_to_bmc_s - 1e-9);
          if (!assigned.has(a.trackId)) assigned.set(a.trackId, a.t);
        }
        const fires = of(ev, 'fire');
        expect(fires.length).toBeGreaterThan(0);
        for (const f of fires) expect(f.t).toBeGreaterThanOrEqual(assigned.get(f.trackId)! + c.bmc_to_battery_s - 1e-6);
        for (const i of of(ev, 'intercept')) {
          const b = q.scenario.batteries.find((x) => x.id === i.battery)!;
          const v = interceptorFromEntry(catalog.get('interceptor', b.interceptor));
          const slack = 0.01 * v.maxAltitude;
          expect(i.altitude_m).toBeGreaterThanOrEqual(v.minAltitude - slack);
          expect(i.altitude_m).toBeLessThanOrEqual(v.maxAltitude + slack);
        }
      }
    }
  });

  it('shoot-look-shoot: a second interceptor at a track is fired only after a "miss" call on that track', () => {
    const p = prepared('scenarios/didactic-sls.yaml');
    let seconds = 0;
    for (let r = 0; r < 30; r++) {
      const ev = runReplica(p, 3, r, false, FULL).log.events;
      const byTrack = new Map<string, number[]>();
      for (const f of of(ev, 'fire')) byTrack.set(f.trackId, [...(byTrack.get(f.trackId) ?? []), f.t]);
      for (const [track, times] of byTrack) {
        if (times.length < 2) continue;
        seconds++;
        const ka = of(ev, 'kill-assessment').filter((k) => k.trackId === track);
        expect(ka.length).toBeGreaterThan(0);
        expect(ka[0].call).toBe('miss');
        expect(times[1]).toBeGreaterThanOrEqual(ka[0].t);
      }
    }
    expect(seconds).toBeGreaterThan(0);
  });

  it('inventory runs out: a raid larger than the magazine leaks, and no battery fires more than it holds', () => {
    const p = prepared('scenarios/didactic-saturation.yaml');
    const total = p.scenario.batteries.reduce((a, b) => a + b.inventory, 0);
    const out = runReplica(p, 2, 0, false, FULL);
    const fires = of(out.log.events, 'fire');
    for (const b of p.scenario.batteries) expect(fires.filter((f) => f.battery === b.id).length).toBeLessThanOrEqual(b.inventory);
    expect(out.result.interceptors).toBe(total);
    expect(fires).toHaveLength(total);
    expect(out.result.leakers).toBeGreaterThanOrEqual(out.result.threats - total);
    expect(out.result.leakers + out.result.killed).toBe(out.result.threats);
  });

  it('a wrong "kill" call releases the track: no further shot at it, and a live RV leaks', () => {
    const p = prepared('scenarios/didactic-one-on-one.yaml', (s) => {
      s.doctrine.kill_assessment.p_correct_miss = 0; // every miss is called a kill
    });
    let wrong = 0;
    let leaked = 0;
    for (let r = 0; r < 20; r++) {
      const out = runReplica(p, 1, r, false, FULL);
      const ev = out.log.events;
      for (const k of of(ev, 'kill-assessment')) {
        if (k.call !== 'kill' || k.correct) continue;
        wrong++;
        // released: nothing more is fired at that track
        expect(of(ev, 'fire').filter((f) => f.trackId === k.trackId && f.t > k.t)).toHaveLength(0);
      }
      // the RV was never killed: every engagement was called a kill, nobody shot again, it landed
      if (!of(ev, 'intercept').some((i) => i.killed && i.threatId === 'm1')) {
        leaked++;
        expect(out.result.leakers).toBe(1);
        expect(of(ev, 'impact')).toHaveLength(1);
        expect(of(ev, 'kill-assessment').every((k) => k.call === 'kill')).toBe(true);
      }
    }
    expect(wrong).toBeGreaterThan(0);
    expect(leaked).toBeGreaterThan(0);
  });

  it('degrades gracefully: P(no leaker) over 50 replicas within 0.3 below perfect tracking, never above it by more than noise', () => {
    // Measured (seed 1, replicas 0–49): one-on-one perfect 0.78 / full 0.72; shoot-look-shoot
    // perfect 1.00 / full 0.84. Full tracking loses to late or lost tracks, predictions from the
    // track (vacuum midcourse, nominal drag) and shots spent on spent-stage tracks; it cannot
    // know more than the truth, so it may exceed perfect tracking only by sampling noise
    // (3σ of a binomial proportion over 50 replicas, σ floored at p = 0.05).
    for (const file of ['scenarios/didactic-one-on-one.yaml', 'scenarios/didactic-sls.yaml']) {
      const p = prepared(file);
      const R = 50;
      let perfect = 0;
      let full = 0;
      for (let r = 0; r < R; r++) {
        if (runReplica(p, 1, r).result.leakers === 0) perfect++;
        if (runReplica(p, 1, r, false, FULL).result.leakers === 0) full++;
      }
      const pp = perfect / R, pf = full / R;
      const pn = Math.min(Math.max(pp, 0.05), 0.95);
      const noise = 3 * Math.sqrt((pn * (1 - pn)) / R);
      expect(pf).toBeGreaterThanOrEqual(pp - 0.3);
      expect(pf).toBeLessThanOrEqual(pp + noise);
    }
  });
});
