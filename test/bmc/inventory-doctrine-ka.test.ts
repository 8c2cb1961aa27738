/** Inventory, doctrine and kill assessment, each in isolation with hand-checkable numbers. */
import { describe, expect, it } from 'vitest';
import {
  BatteryInventory,
  assessKill,
  canLook,
  engagementSize,
  killCall,
  pCalledKill,
  reserveFor,
  type AssetInput,
  type BatteryConfig,
  type DoctrineConfig,
  type KillAssessmentConfig,
} from '../../src/bmc/index.js';
import { rngStream } from '../../src/math/index.js';
import type { Asset, Battery, Doctrine } from '../../src/scenario/index.js';

// The scenario's validated types are accepted as they are (checked by tsc).
export const typeCheck = (d: Doctrine, b: Battery, a: Asset): [DoctrineConfig, BatteryConfig, AssetInput, KillAssessmentConfig] => [d, b, a, d.kill_assessment];

const base: BatteryConfig = { id: 'b', layer: 'lower', inventory: 6 };

describe('BatteryInventory', () => {
  it('without launchers every remaining round is ready; it runs out', () => {
    const inv = new BatteryInventory({ ...base, inventory: 3 });
    expect(inv.ready(0)).toBe(3);
    expect(inv.fire(0, 2, 10)).toBe(2);
    expect(inv.remaining).toBe(1);
    expect(inv.fire(20, 5, 20)).toBe(1);
    expect(inv.remaining).toBe(0);
    expect(inv.ready(100)).toBe(0);
    expect(inv.available(100)).toBe(0);
    expect(inv.fire(100, 1, 100)).toBe(0);
    expect(inv.fired).toBe(3);
  });

  it('launchers hold rounds_per_launcher; an emptied launcher reloads reload_s after its last launch', () => {
    const inv = new BatteryInventory({ ...base, inventory: 6, launchers: 2, rounds_per_launcher: 2, reload_s: 30 });
    expect(inv.ready(0)).toBe(4);
    expect(inv.magazineRounds).toBe(2);
    const times = new Float64Array(4);
    expect(inv.fire(0, 4, 5, times)).toBe(4);
    expect(Array.from(times)).toEqual([5, 5, 5, 5]);
    // launcher 0 emptied at t = 5 and took the 2 magazine rounds; launcher 1 has nothing to reload
    expect(inv.nextReload()).toBe(35);
    expect(inv.ready(34.9)).toBe(0);
    expect(inv.ready(35)).toBe(2);
    expect(inv.nextReload()).toBe(Infinity);
    expect(inv.fire(40, 3, 40)).toBe(2);
    expect(inv.remaining).toBe(0);
  });

  it('without reload_s the magazine is never fired; the inventory is shared out by default', () => {
    const a = new BatteryInventory({ ...base, inventory: 6, launchers: 2, rounds_per_launcher: 2 });
    a.fire(0, 4, 0);
    expect(a.remaining).toBe(2);
    expect(a.ready(1e6)).toBe(0);
    const b = new BatteryInventory({ ...base, inventory: 7, launchers: 2 });
    expect(b.capacity).toBe(4);
    expect(b.ready(0)).toBe(7);
  });

  it('salvo interval spaces launches and delays the next ones; max_salvo caps what one threat gets', () => {
    const inv = new BatteryInventory({ ...base, salvo_interval_s: 2, max_salvo: 2 });
    const times = new Float64Array(3);
    expect(inv.fire(0, 3, 10, times)).toBe(3);
    expect(Array.from(times)).toEqual([10, 12, 14]);
    expect(inv.earliestLaunch(11)).toBe(16);
    expect(inv.earliestLaunch(20)).toBe(20);
    expect(inv.available(20)).toBe(2); // 3 left, capped by max_salvo
    expect(inv.available(20, 2)).toBe(1); // reserve of 2 held back
    expect(inv.available(20, 3)).toBe(0);
  });

  it('fire channels: at most fire_channels threats at once', () => {
    const inv = new BatteryInventory({ ...base, fire_channels: 1 });
    expect(inv.engage(5)).toBe(true);
    expect(inv.engage(5)).toBe(true);
    expect(inv.hasChannel(6)).toBe(false);
    expect(inv.engage(6)).toBe(false);
    expect(inv.hasChannel(5)).toBe(true);
    inv.release(5);
    expect(inv.engage(6)).toBe(true);
    expect(inv.channelsInUse).toBe(1);
  });
});

const sls = (perLook = 1, salvo = 2, max = 4, delay = 5): DoctrineConfig => ({
  engagement: { type: 'shoot-look-shoot', shots_per_look: perLook, salvo_if_no_time: salvo },
  max_interceptors_per_threat: max,
  kill_assessment: { p_correct_kill: 1, p_correct_miss: 1, delay_s: delay },
});

describe('doctrine', () => {
  it('shoot–look–shoot looks only when a launch fits after intercept + assessment + order latency', () => {
    // first intercept at 100 s, assessment 5 s, order latency 2 s → a follow-up launch must be ≥ 107 s
    expect(canLook(100, 107, 5, 2)).toBe(true);
    expect(canLook(100, 106.99, 5, 2)).toBe(false);
    expect(engagementSize(sls(), 0, 100, 107, 2)).toEqual({ shots: 1, look: true, followUpAt: 107 });
    expect(engagementSize(sls(), 0, 100, 106, 2)).toEqual({ shots: 2, look: false, followUpAt: 107 });
    expect(engagementSize(sls(2, 3), 0, 100, 200)).toEqual({ shots: 2, look: true, followUpAt: 105 });
  });

  it('caps every engagement by max_interceptors_per_threat over all looks and layers', () => {
    expect(engagementSize(sls(1, 2, 4), 3, 100, 90).shots).toBe(1); // salvo of 2 capped to the last one
    expect(engagementSize(sls(1, 2, 4), 4, 100, 200).shots).toBe(0);
    expect(engagementSize(sls(2, 2, 3), 1, 100, 200)).toEqual({ shots: 2, look: false, followUpAt: 105 }); // no budget left to look
    const salvo: DoctrineConfig = { ...sls(), engagement: { type: 'salvo', shots: 3 } };
    expect(engagementSize(salvo, 0, 100, 1e9)).toEqual({ shots: 3, look: false, followUpAt: 105 });
    expect(engagementSize(salvo, 2, 100, 1e9).shots).toBe(2);
  });

  it('reserve: kept unless the priority asset is worth at least min_asset_value', () => {
    const d: DoctrineConfig = { ...sls(), reserve: { per_battery: 2, min_asset_value: 50 } };
    expect(reserveFor(d, 49.9)).toBe(2);
    expect(reserveFor(d, 50)).toBe(0);
    expect(reserveFor(sls(), 0)).toBe(0);
  });
});

describe('kill assessment', () => {
  const ka: KillAssessmentConfig = { p_correct_kill: 0.8, p_correct_miss: 0.9, delay_s: 7 };

  it('uses exactly one uniform draw and delivers after delay_s', () => {
    const r1 = rngStream(1, 0, 'ka', 'x');
    const r2 = rngStream(1, 0, 'ka', 'x');
    const u = r2.uniform();
    const a = assessKill(ka, true, 300, r1);
    expect(a.call).toBe(u < 0.8 ? 'kill' : 'miss');
    expect(a.time).toBe(307);
    expect(r1.uniform()).toBe(r2.uniform());
  });

  it('call frequencies match p_correct_kill and p_correct_miss (200 000 draws each, fixed streams)', () => {
    const n = 200_000;
    const rk = rngStream(7, 0, 'ka', 'kill');
    const rm = rngStream(7, 0, 'ka', 'miss');
    let killAsKill = 0, missAsMiss = 0;
    for (let i = 0; i < n; i++) {
      if (killCall(ka, true, rk) === 'kill') killAsKill++;
      if (killCall(ka, false, rm) === 'miss') missAsMiss++;
    }
    expect(Math.abs(killAsKill / n - 0.8)).toBeLessThan(4.5 * Math.sqrt((0.8 * 0.2) / n));
    expect(Math.abs(missAsMiss / n - 0.9)).toBeLessThan(4.5 * Math.sqrt((0.9 * 0.1) / n));
  });

  it('a wrong "kill" releases a live threat; a wrong "miss" re-engages a dead one; perfect assessment is always right', () => {
    const always: KillAssessmentConfig = { p_correct_kill: 0, p_correct_miss: 0, delay_s: 0 };
    const r = rngStream(3, 0, 'ka', 'wrong');
    const live = assessKill(always, false, 10, r);
    expect(live).toEqual({ call: 'kill', correct: false, time: 10, action: 'release' });
    const dead = assessKill(always, true, 10, r);
    expect(dead).toEqual({ call: 'miss', correct: false, time: 10, action: 'reengage' });
    const perfect: KillAssessmentConfig = { p_correct_kill: 1, p_correct_miss: 1, delay_s: 0 };
    for (let i = 0; i < 1000; i++) {
      expect(killCall(perfect, i % 2 === 0, r)).toBe(i % 2 === 0 ? 'kill' : 'miss');
    }
  });

  it('pCalledKill: P(kill)·p_ck + P(miss)·(1 − p_cm)', () => {
    // p = 0.7, 2 shots: P(kill) = 0.91 → 0.91·0.8 + 0.09·0.1 = 0.737
    expect(pCalledKill(ka, 0.7, 2)).toBeCloseTo(0.737, 14);
  });
});
