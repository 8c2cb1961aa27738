/** The planner on real fly-out geometry (src/interceptor): thaad-like upper tier, pac3-like lower tier, a DF-21 flight. */
import { describe, expect, it } from 'vitest';
import { BatteryInventory, commitOrders, interceptorGeometry, planEngagements, type DoctrineConfig, type PlanBattery, type PlanThreat } from '../../src/bmc/index.js';
import { CHECK_OK, checkIntercept, createBattery, launchWindow, tofTo } from '../../src/interceptor/index.js';
import { DEG, fanOf, interceptor, rvOf } from '../interceptor/helpers.js';

const rv = rvOf('df-21', [40, 116], [35.5, 129.5]);
const site = createBattery({ lat: 35.6 * DEG, lon: 129.3 * DEG, h: 0 });

function bat(id: string, key: number, type: string, layer: 'upper' | 'lower', salvo = 0): PlanBattery {
  const vehicle = interceptor(type);
  return { id, key, layer, sspk: vehicle.pkMax, vehicle, fan: fanOf(type), site, inventory: new BatteryInventory({ id, layer, inventory: 8, salvo_interval_s: salvo }) };
}

const threat: PlanThreat = { id: 'df21', key: 0, track: rv, tStart: rv.t0, tEnd: rv.t1, priority: 100, priorityAssetValue: 100, spent: 0, busy: false, upperMissed: false, released: false };
const doctrine: DoctrineConfig = {
  engagement: { type: 'salvo', shots: 2 },
  max_interceptors_per_threat: 4,
  kill_assessment: { p_correct_kill: 1, p_correct_miss: 1, delay_s: 5 },
};

describe('planEngagements with interceptorGeometry', () => {
  it('engages with the upper tier, inside the window, every round on a feasible intercept', () => {
    const upper = bat('thaad', 0, 'thaad-like', 'upper', 4);
    const lower = bat('pac3', 1, 'pac3-like', 'lower');
    const now = rv.t0 + 60;
    const plan = planEngagements([threat], [upper, lower], now, doctrine, { orderLatency: 2, geometry: interceptorGeometry() });
    expect(plan.orders.map((o) => o.batteryId)).toEqual(['thaad']);
    const o = plan.orders[0];
    expect(o.rounds).toBe(2);
    expect(o.pk).toBe(upper.vehicle!.pkMax);
    const w = launchWindow(upper.vehicle!, upper.fan!, site, rv, now + 2, rv.t1, { now: now + 2 });
    expect(o.launchTimes[0]).toBeCloseTo(w.firstLaunch, 9);
    expect(o.launchTimes[1]).toBeCloseTo(o.launchTimes[0] + 4, 9); // the salvo interval
    for (let r = 0; r < 2; r++) {
      expect(o.launchTimes[r]).toBeLessThanOrEqual(w.lastLaunch);
      expect(checkIntercept(upper.vehicle!, upper.fan!, site, rv, o.interceptTimes[r], now + 2)).toBe(CHECK_OK);
      expect(o.interceptTimes[r] - tofTo(upper.fan!, site, rv, o.interceptTimes[r])).toBeCloseTo(o.launchTimes[r], 3);
    }
    expect(commitOrders(plan.orders, [upper.inventory, lower.inventory], now)).toBe(2);
    expect(upper.inventory.remaining).toBe(6);
  });
});
