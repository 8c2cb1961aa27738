/**
 * Engagement planning with stand-in geometry (Stone Soup style): battery b can intercept threat
 * j for intercept times in [a, z] with a constant time of flight τ_b, so every window is hand
 * checkable: launches in [max(a − τ, t_o), z − τ].
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BatteryInventory,
  assessKill,
  commitOrders,
  planEngagements,
  type BatteryConfig,
  type DoctrineConfig,
  type EngagementGeometry,
  type PlanBattery,
  type PlanThreat,
} from '../../src/bmc/index.js';
import type { LaunchWindow, TargetTrack } from '../../src/interceptor/index.js';
import { rngStream } from '../../src/math/index.js';

const noTrack: TargetTrack = { stateAt: (_t, out) => out };

/** Intercept spans per (battery id, threat id) and each battery's time of flight. */
class StandIn implements EngagementGeometry {
  calls = 0;
  constructor(
    readonly spans: Record<string, [number, number]>,
    readonly tof: Record<string, number>,
  ) {}
  window(b: PlanBattery, t: PlanThreat, from: number): LaunchWindow {
    this.calls++;
    const span = this.spans[`${b.id}/${t.id}`];
    const tau = this.tof[b.id];
    const none: LaunchWindow = { feasible: false, noShot: 'no span', firstLaunch: NaN, lastLaunch: NaN, earliestIntercept: NaN, latestIntercept: NaN, intervals: [], first: null, second: null, killAssessment: 0 };
    if (!span) return none;
    const first = Math.max(span[0] - tau, from);
    const last = span[1] - tau;
    if (first > last) return { ...none, noShot: 'too late' };
    return {
      feasible: true,
      noShot: null,
      firstLaunch: first,
      lastLaunch: last,
      earliestIntercept: first + tau,
      latestIntercept: span[1],
      intervals: [[first + tau, span[1]]],
      first: { launchTime: first, interceptTime: first + tau, tof: tau },
      second: null,
      killAssessment: 0,
    };
  }
  /** Deliberately naive (no window check), so the tests exercise the planner's own checks. */
  interceptFor(b: PlanBattery, _t: PlanThreat, tl: number, _w: LaunchWindow): number {
    return tl + this.tof[b.id];
  }
}

function threat(id: string, key: number, priority: number, extra: Partial<PlanThreat> = {}): PlanThreat {
  return { id, key, track: noTrack, tStart: 0, tEnd: 1000, priority, priorityAssetValue: priority, spent: 0, busy: false, upperMissed: false, released: false, ...extra };
}

function battery(id: string, key: number, layer: 'upper' | 'lower', sspk: number, cfg: Partial<BatteryConfig> = {}): PlanBattery {
  return { id, key, layer, sspk, inventory: new BatteryInventory({ id, layer, inventory: 10, ...cfg }) };
}

const doctrine = (over: Partial<DoctrineConfig> = {}): DoctrineConfig => ({
  engagement: { type: 'shoot-look-shoot', shots_per_look: 1, salvo_if_no_time: 2 },
  max_interceptors_per_threat: 4,
  kill_assessment: { p_correct_kill: 1, p_correct_miss: 1, delay_s: 10 },
  ...over,
});

describe('planEngagements: windows', () => {
  it('never plans a shot outside its window (property: random spans, latencies, inventories, intervals)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 300 })), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (spans, now, lat, inv, dt) => {
          const bats = [battery('U', 0, 'upper', 0.8, { inventory: inv, salvo_interval_s: dt }), battery('L', 1, 'lower', 0.6, { inventory: inv + 1, salvo_interval_s: dt })];
          const ths = [threat('t0', 0, 30), threat('t1', 1, 20), threat('t2', 2, 10)];
          const sp: Record<string, [number, number]> = {};
          let k = 0;
          for (const b of ['U', 'L']) for (const t of ['t0', 't1', 't2']) sp[`${b}/${t}`] = [spans[k][0], spans[k][0] + spans[k++][1]];
          const geo = new StandIn(sp, { U: 120, L: 30 });
          const plan = planEngagements(ths, bats, now, doctrine(), { geometry: geo, orderLatency: lat });
          for (const o of plan.orders) {
            const [a, z] = sp[`${o.batteryId}/${o.threatId}`];
            const tau = o.batteryId === 'U' ? 120 : 30;
            for (let r = 0; r < o.rounds; r++) {
              const tl = o.launchTimes[r], ti = o.interceptTimes[r];
              if (tl < now + lat - 1e-9 || tl < a - tau - 1e-9 || tl > z - tau + 1e-9) return false;
              if (ti < a - 1e-9 || ti > z + 1e-9 || Math.abs(ti - tl - tau) > 1e-9) return false;
              if (r > 0 && tl - o.launchTimes[r - 1] < dt - 1e-9) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('a window that closed before the order arrives gives no shot', () => {
    const geo = new StandIn({ 'L/t': [100, 200] }, { L: 30 });
    const bats = [battery('L', 0, 'lower', 0.7)];
    expect(planEngagements([threat('t', 0, 10)], bats, 168, doctrine(), { geometry: geo, orderLatency: 2 }).orders).toHaveLength(1);
    expect(planEngagements([threat('t', 0, 10)], bats, 169, doctrine(), { geometry: geo, orderLatency: 2 }).orders).toHaveLength(0);
  });
});

describe('planEngagements: tiers', () => {
  const geo = new StandIn({ 'U/t': [300, 500], 'L/t': [700, 760] }, { U: 100, L: 20 });

  it('upper tier first: the lower tier is held while an upper opportunity remains', () => {
    const bats = [battery('U', 0, 'upper', 0.8), battery('L', 1, 'lower', 0.7)];
    const plan = planEngagements([threat('t', 0, 10)], bats, 0, doctrine(), { geometry: geo });
    expect(plan.orders.map((o) => o.batteryId)).toEqual(['U']);
    expect(plan.deferred).toEqual(['t']);
    expect(plan.orders[0].launchTimes).toEqual([200]);
    expect(plan.orders[0].interceptTimes).toEqual([300]);
  });

  it('the lower tier engages what the upper tier cannot: out of rounds, or window gone', () => {
    const empty = [battery('U', 0, 'upper', 0.8, { inventory: 0 }), battery('L', 1, 'lower', 0.7)];
    expect(planEngagements([threat('t', 0, 10)], empty, 0, doctrine(), { geometry: geo }).orders.map((o) => o.batteryId)).toEqual(['L']);
    const late = [battery('U', 0, 'upper', 0.8), battery('L', 1, 'lower', 0.7)];
    // at t = 401 the upper window (last launch 400) has closed
    const plan = planEngagements([threat('t', 0, 10)], late, 401, doctrine(), { geometry: geo });
    expect(plan.orders.map((o) => o.batteryId)).toEqual(['L']);
    expect(plan.orders[0].launchTimes[0]).toBe(680);
  });

  it('after an upper-tier miss, the lower tier may engage although the upper window is still open', () => {
    const bats = [battery('U', 0, 'upper', 0.5), battery('L', 1, 'lower', 0.9)];
    const plan = planEngagements([threat('t', 0, 10, { upperMissed: true, spent: 1 })], bats, 0, doctrine(), { geometry: geo });
    // SSPK decides the battery: the lower tier's 0.9
    expect(plan.orders.map((o) => o.batteryId)).toEqual(['L']);
  });
});

describe('planEngagements: shoot–look–shoot and salvo', () => {
  it('SLS: one shot and a look when a follow-up fits; the second shot launches only after the assessment', () => {
    const geo = new StandIn({ 'U/t': [300, 600] }, { U: 100 });
    const bats = [battery('U', 0, 'upper', 0.8)];
    const d = doctrine();
    const lat = 2;
    const p1 = planEngagements([threat('t', 0, 10)], bats, 0, d, { geometry: geo, orderLatency: lat });
    expect(p1.orders).toHaveLength(1);
    const o1 = p1.orders[0];
    expect(o1.rounds).toBe(1);
    expect(o1.look).toBe(true);
    expect(o1.interceptTimes[0]).toBe(300);
    expect(o1.assessAt).toBe(310);
    commitOrders(p1.orders, [bats[0].inventory], 0);
    // while the interceptor flies / the assessment is pending, the threat is busy: nothing new
    expect(planEngagements([threat('t', 0, 10, { busy: true, spent: 1 })], bats, 200, d, { geometry: geo, orderLatency: lat }).orders).toHaveLength(0);
    // the miss call arrives at 310: the follow-up is launched no earlier than 310 + 2
    const r = rngStream(1, 0, 't', 'ka');
    const a = assessKill(d.kill_assessment, false, o1.interceptTimes[0], r);
    expect(a.action).toBe('reengage');
    const p2 = planEngagements([threat('t', 0, 10, { spent: 1 })], bats, a.time, d, { geometry: geo, orderLatency: lat });
    expect(p2.orders).toHaveLength(1);
    expect(p2.orders[0].launchTimes[0]).toBe(312);
    expect(p2.orders[0].launchTimes[0]).toBeGreaterThanOrEqual(o1.interceptTimes[0] + d.kill_assessment.delay_s);
  });

  it('SLS without time to look fires salvo_if_no_time at once', () => {
    // window: launches in [0, 5]; first intercept 100 + 10 s assessment → no follow-up launch can fit
    const geo = new StandIn({ 'U/t': [100, 105] }, { U: 100 });
    const plan = planEngagements([threat('t', 0, 10)], [battery('U', 0, 'upper', 0.8)], 0, doctrine(), { geometry: geo });
    expect(plan.orders[0].rounds).toBe(2);
    expect(plan.orders[0].look).toBe(false);
    expect(plan.decisions.get(0)).toEqual({ shots: 2, look: false, followUpAt: 110 });
  });

  it('salvo of k, capped by max_interceptors_per_threat and split across batteries by max_salvo', () => {
    const geo = new StandIn({ 'A/t': [100, 900], 'B/t': [100, 900] }, { A: 50, B: 50 });
    const d = doctrine({ engagement: { type: 'salvo', shots: 3 } });
    const bats = [battery('A', 0, 'lower', 0.8, { max_salvo: 2 }), battery('B', 1, 'lower', 0.7)];
    const plan = planEngagements([threat('t', 0, 10)], bats, 0, d, { geometry: geo });
    expect(plan.orders.map((o) => [o.batteryId, o.rounds])).toEqual([['A', 2], ['B', 1]]);
    const capped = planEngagements([threat('t', 0, 10, { spent: 3 })], bats, 0, d, { geometry: geo });
    expect(capped.orders.reduce((s, o) => s + o.rounds, 0)).toBe(1);
    expect(planEngagements([threat('t', 0, 10, { spent: 4 })], bats, 0, d, { geometry: geo }).orders).toHaveLength(0);
  });
});

describe('planEngagements: inventory, reserve, channels, WTA', () => {
  const spans: Record<string, [number, number]> = {};
  for (const t of ['a', 'b', 'c', 'd', 'e']) spans[`L/${t}`] = [200, 800];
  const geo = new StandIn(spans, { L: 40 });

  it('scarce rounds go to the highest-value threats (WTA); the inventory runs out', () => {
    const bats = [battery('L', 0, 'lower', 0.7, { inventory: 3 })];
    const ths = [threat('a', 0, 10), threat('b', 1, 50), threat('c', 2, 30), threat('d', 3, 40), threat('e', 4, 5)];
    const p1 = planEngagements(ths, bats, 0, doctrine(), { geometry: geo });
    expect(p1.orders.map((o) => o.threatId)).toEqual(['b', 'd', 'c']);
    // WTA objective: survivors 10 + 5 + (50 + 40 + 30)·0.3
    expect(p1.wtaObjective).toBeCloseTo(15 + 120 * 0.3, 12);
    expect(commitOrders(p1.orders, [bats[0].inventory], 0)).toBe(3);
    expect(bats[0].inventory.remaining).toBe(0);
    const p2 = planEngagements([threat('a', 0, 10), threat('e', 4, 5)], bats, 1, doctrine(), { geometry: geo });
    expect(p2.orders).toHaveLength(0);
  });

  it('large decisions use the heuristic WTA and still serve the highest values first', () => {
    const sp: Record<string, [number, number]> = {};
    const ths: PlanThreat[] = [];
    for (let k = 0; k < 15; k++) {
      sp[`A/t${k}`] = [200, 800];
      sp[`B/t${k}`] = [200, 800];
      ths.push(threat(`t${k}`, k, 10 + ((k * 7) % 15)));
    }
    const g = new StandIn(sp, { A: 40, B: 40 });
    const bats = [battery('A', 0, 'lower', 0.7, { inventory: 6 }), battery('B', 1, 'lower', 0.7, { inventory: 6 })];
    const plan = planEngagements(ths, bats, 0, doctrine(), { geometry: g });
    const served = plan.orders.map((o) => o.threatKey).sort((a, b) => a - b);
    const top12 = ths.slice().sort((a, b) => b.priority - a.priority).slice(0, 12).map((t) => t.key).sort((a, b) => a - b);
    expect(served).toEqual(top12);
    expect(plan.orders.every((o) => o.rounds === 1)).toBe(true);
  });

  it('the reserve is kept back from threats to low-value assets and released for high-value ones', () => {
    const d = doctrine({ reserve: { per_battery: 2, min_asset_value: 50 } });
    const bats = [battery('L', 0, 'lower', 0.7, { inventory: 3 })];
    const low = [threat('a', 0, 10), threat('c', 2, 30), threat('e', 4, 5)];
    const p = planEngagements(low, bats, 0, d, { geometry: geo });
    expect(p.orders.map((o) => o.threatId)).toEqual(['c']); // 3 − 2 reserved = 1 round
    commitOrders(p.orders, [bats[0].inventory], 0);
    expect(planEngagements([threat('a', 0, 10)], bats, 1, d, { geometry: geo }).orders).toHaveLength(0);
    const high = planEngagements([threat('a', 0, 10), threat('b', 1, 50, { priorityAssetValue: 80 })], bats, 1, d, { geometry: geo });
    expect(high.orders.map((o) => [o.threatId, o.rounds])).toEqual([['b', 1]]);
  });

  it('fire channels limit the threats one battery engages at once', () => {
    const bats = [battery('L', 0, 'lower', 0.7, { fire_channels: 2 })];
    const ths = [threat('a', 0, 10), threat('b', 1, 50), threat('c', 2, 30)];
    const p = planEngagements(ths, bats, 0, doctrine(), { geometry: geo });
    expect(p.orders.map((o) => o.threatId)).toEqual(['b', 'c']);
    commitOrders(p.orders, [bats[0].inventory], 0);
    expect(bats[0].inventory.channelsInUse).toBe(2);
    expect(planEngagements([threat('a', 0, 10)], bats, 1, doctrine(), { geometry: geo }).orders).toHaveLength(0);
    bats[0].inventory.release(1);
    expect(planEngagements([threat('a', 0, 10)], bats, 1, doctrine(), { geometry: geo }).orders.map((o) => o.threatId)).toEqual(['a']);
  });

  it('is deterministic: the same inputs give the same orders', () => {
    const mk = () => [battery('L', 0, 'lower', 0.7, { inventory: 4 })];
    const ths = [threat('a', 0, 10), threat('b', 1, 10), threat('c', 2, 10), threat('d', 3, 10), threat('e', 4, 10)];
    const a = planEngagements(ths, mk(), 0, doctrine(), { geometry: geo });
    const b = planEngagements(ths, mk(), 0, doctrine(), { geometry: geo });
    expect(JSON.stringify(a.orders)).toBe(JSON.stringify(b.orders));
    expect(a.orders.map((o) => o.threatId)).toEqual(['a', 'b', 'c', 'd']); // equal values: by id
  });
});

describe('a wrong kill call leaks', () => {
  const geo = new StandIn({ 'U/t': [300, 600], 'L/t': [700, 760] }, { U: 100, L: 20 });
  const d = doctrine({ kill_assessment: { p_correct_kill: 1, p_correct_miss: 0, delay_s: 10 } });

  it('a released threat is engaged by no one, unless the lower tier engages on its own', () => {
    const a = assessKill(d.kill_assessment, false, 300, rngStream(1, 0, 't', 'ka'));
    expect(a).toMatchObject({ call: 'kill', correct: false, action: 'release' });
    const bats = [battery('U', 0, 'upper', 0.8), battery('L', 1, 'lower', 0.7)];
    const t = threat('t', 0, 10, { spent: 1, released: true });
    expect(planEngagements([t], bats, a.time, d, { geometry: geo }).orders).toHaveLength(0);
    const own = planEngagements([t], bats, a.time, d, { geometry: geo, lowerEngagesReleased: true });
    expect(own.orders.map((o) => o.batteryId)).toEqual(['L']);
  });
});
