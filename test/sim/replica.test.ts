/** The whole-defense replica: each mechanism in its didactic scenario, determinism, the analytic cross-check. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { catalog, of, prepared } from './helpers.js';
import { parseScenario } from '../../src/scenario/index.js';
import { prepareScenario, runReplica, SampledTrack } from '../../src/sim/replica.js';
import { interceptorFromEntry } from '../../src/interceptor/index.js';
import { wilkening } from '../../src/analysis/index.js';


describe('replica', () => {
  it('is deterministic: same seed and replica, same event log byte for byte', () => {
    const p = prepared('scenarios/didactic-saturation.yaml');
    const a = runReplica(p, 5, 3).log.toJsonl();
    const b = runReplica(p, 5, 3).log.toJsonl();
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(0);
  });

  it('the sampled truth track matches the trajectory within 1 cm and 5 mm/s (measured 2 mm/s in reentry)', () => {
    const p = prepared('scenarios/didactic-one-on-one.yaml');
    const traj = p.flown[0].aim.flight.rv;
    const s = new SampledTrack(traj);
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    let dp = 0;
    let dv = 0;
    for (let t = traj.t0 + 0.013; t < traj.t1; t += 0.377) {
      s.stateAt(t, a);
      traj.stateAt(t, b, 'eci');
      dp = Math.max(dp, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
      dv = Math.max(dv, Math.hypot(a[3] - b[3], a[4] - b[4], a[5] - b[5]));
    }
    expect(dp).toBeLessThan(0.01);
    expect(dv).toBeLessThan(0.005);
  });

  it('no shot outside its window: intercepts inside the battlespace, fires after the threat is known and the order has travelled', () => {
    const p = prepared('scenarios/japan-1999.yaml');
    const sc = p.scenario;
    const toBmc = sc.communications.sensor_to_tracker_s + sc.communications.tracker_to_bmc_s;
    for (let r = 0; r < 3; r++) {
      const ev = runReplica(p, 1999, r).log.events;
      const detected = new Map(of(ev, 'detection').map((d) => [d.threatId, d.t]));
      for (const f of of(ev, 'fire')) expect(f.t).toBeGreaterThanOrEqual(detected.get(f.threatId!)! + toBmc + sc.communications.bmc_to_battery_s - 1e-9);
      for (const i of of(ev, 'intercept')) {
        const b = sc.batteries.find((x) => x.id === i.battery)!;
        const v = interceptorFromEntry(catalog.get('interceptor', b.interceptor));
        // the planned intercept is inside the battlespace; homing moves the flown one by metres
        const slack = 0.01 * v.maxAltitude;
        expect(i.altitude_m).toBeGreaterThanOrEqual(v.minAltitude - slack);
        expect(i.altitude_m).toBeLessThanOrEqual(v.maxAltitude + slack);
      }
    }
  });

  it('shoot-look-shoot: a second interceptor is fired only after the first one has been assessed', () => {
    const p = prepared('scenarios/didactic-sls.yaml');
    let seconds = 0;
    for (let r = 0; r < 40; r++) {
      const ev = runReplica(p, 3, r).log.events;
      const fires = of(ev, 'fire');
      if (fires.length < 2) continue;
      seconds++;
      const firstAssess = of(ev, 'kill-assessment')[0];
      expect(firstAssess).toBeDefined();
      expect(fires[1].t).toBeGreaterThanOrEqual(firstAssess.t);
      expect(firstAssess.call).toBe('miss');
    }
    expect(seconds).toBeGreaterThan(0); // with P_k 0.85 and 90 % correct calls, some replicas look twice
  });

  it('inventory runs out: a raid larger than the magazines leaks, and no battery fires more than it holds', () => {
    const p = prepared('scenarios/didactic-saturation.yaml');
    const total = p.scenario.batteries.reduce((a, b) => a + b.inventory, 0);
    const out = runReplica(p, 2, 0);
    const fires = of(out.log.events, 'fire');
    for (const b of p.scenario.batteries) expect(fires.filter((f) => f.battery === b.id).length).toBeLessThanOrEqual(b.inventory);
    expect(out.result.interceptors).toBe(total);
    expect(out.result.leakers).toBeGreaterThanOrEqual(out.result.threats - total);
  });

  it('a wrong "kill" call lets a live threat leak with no further shot', () => {
    const p = prepared('scenarios/didactic-one-on-one.yaml', (s) => {
      s.doctrine.kill_assessment.p_correct_miss = 0; // every miss is called a kill
    });
    let found = 0;
    for (let r = 0; r < 40 && found < 2; r++) {
      const ev = runReplica(p, 1, r).log.events;
      const first = of(ev, 'intercept')[0];
      if (!first || first.killed) continue;
      found++;
      const ka = of(ev, 'kill-assessment');
      expect(ka[0].call).toBe('kill');
      expect(ka[0].correct).toBe(false);
      expect(of(ev, 'fire')).toHaveLength(1);
      expect(of(ev, 'impact')).toHaveLength(1);
    }
    expect(found).toBeGreaterThan(0);
  });

  it("agrees with Wilkening's model in a degenerate case (perfect tracking, fixed SSPK, independent shots)", () => {
    // three missiles, one lower-tier battery with a deep magazine, a salvo of 2, perfect kill assessment
    const text = readFileSync('scenarios/didactic-one-on-one.yaml', 'utf8');
    const sc = parseScenario(text, 'one-on-one', catalog);
    sc.threats[0].count = 3;
    sc.threats[0].salvo_interval_s = 20;
    sc.doctrine.engagement = { type: 'salvo', shots: 2 };
    sc.doctrine.max_interceptors_per_threat = 2;
    sc.doctrine.kill_assessment = { p_correct_kill: 1, p_correct_miss: 1, delay_s: 5 };
    for (const b of sc.batteries) b.inventory = 100;
    const p = prepareScenario(sc, catalog);
    const R = 300;
    let none = 0;
    let leakers = 0;
    let pks: number[] = [];
    for (let r = 0; r < R; r++) {
      const out = runReplica(p, 11, r);
      if (out.result.leakers === 0) none++;
      leakers += out.result.leakers;
      pks = pks.concat(of(out.log.events, 'intercept').map((i) => i.pk));
    }
    // the intercepts are at the type's maximum P_k (near-zero miss): a fixed SSPK
    const sspk = pks[0];
    for (const x of pks) expect(x).toBeCloseTo(sspk, 12);
    const exact = wilkening({ sspk, threats: 3, shotsPerThreat: 2, doctrine: 'shoot-shoot' });
    const pHat = none / R;
    const sd = Math.sqrt((exact.p_zero_leakers * (1 - exact.p_zero_leakers)) / R);
    expect(Math.abs(pHat - exact.p_zero_leakers)).toBeLessThan(4 * sd);
    const sdL = Math.sqrt((3 * (1 - (1 - (1 - sspk) ** 2)) * (1 - (1 - sspk) ** 2)) / R);
    expect(Math.abs(leakers / R - exact.expected_leakers)).toBeLessThan(4 * sdL);
  });
});
