/**
 * Engagement planning for one decision of the battle manager.
 *
 * Inputs: the threats (each with its predicted trajectory as a `TargetTrack`, the span of its
 * flight, its priority from threat-eval.ts and its engagement history), the batteries (layer,
 * single-shot kill probability of their interceptor type, inventory state), the decision time
 * `now`, and the doctrine. Steps:
 *  1. Orders reach a battery at t_o = now + Δ_order. For every threat that may be engaged now
 *     (not awaiting an intercept or assessment, not released by a kill call, cap not reached,
 *     not yet landed) and every battery with rounds beyond its reserve, the launch window from
 *     t_o (src/interceptor `launchWindow`: battlespace, fly-out fan, time of flight).
 *  2. Tiers: upper tier first. A lower-tier battery may engage a threat only when no upper-tier
 *     battery has an opportunity left (a feasible window and a round it can have ready by the
 *     window's last launch), or after an upper-tier engagement of it was assessed a miss.
 *  3. Doctrine (doctrine.ts) per threat: the engagement size from the earliest first intercept
 *     over the batteries allowed to engage it and the latest launch over all batteries that
 *     could follow up.
 *  4. A static WTA for this decision (wta.ts; Ahuja et al. 2007): weapons = the rounds the
 *     batteries have ready now (one weapon per round, one shot each), targets = the threats,
 *     value = priority (value at risk; a floor keeps threats aimed at no asset engageable),
 *     p = the interceptor type's SSPK where the battery may engage the threat, else 0 (also 0
 *     for rounds the reserve policy holds back from that threat). Exact branch and bound when
 *     small, else the heuristic with a fixed iteration budget (deterministic: no wall-clock limit).
 *  5. The WTA's objective knows no per-threat caps, so the assignment is trimmed to the
 *     doctrine's engagement size, the battery's `max_salvo` and its free fire channels, in
 *     priority order (higher SSPK first, then battery order), and freed rounds are given greedily
 *     to threats still below their engagement size (highest SSPK first).
 *  6. Fire orders: each battery's rounds launch at the window's first launch or later (the salvo
 *     interval between launches of one unit); a round whose launch would pass the window's last
 *     launch is dropped. Rounds launched later than the first launch get their own intercept
 *     time (the PIP for that launch time, src/interceptor `pipForLaunch`).
 *
 * Simplifications (stated): P_k is the type's SSPK for every feasible shot (no dependence on
 * geometry or closing speed); all shots of one engagement are planned at one decision; rounds
 * that are not ready now (reloading) are not offered — the caller decides again at
 * `BatteryInventory.nextReload()`; the plan does not change any state (`commitOrders` does).
 */
import type { FlyoutFan, InterceptorVehicle, TargetTrack, Battery, LaunchWindow } from '../interceptor/index.js';
import { CHECK_OK, checkIntercept, launchWindow, pipForLaunch } from '../interceptor/index.js';
import { engagementSize, reserveFor, type DoctrineConfig, type EngagementDecision } from './doctrine.js';
import type { BatteryInventory } from './inventory.js';
import { solveWtaExact, solveWtaHeuristic, type WtaProblem } from './wta.js';

export type Layer = 'upper' | 'lower';

/** A threat as the planner sees it at one decision. */
export interface PlanThreat {
  id: string;
  /** The caller's index of the threat (used for fire channels). */
  key: number;
  /** Predicted trajectory (ECI), e.g. the track propagated, or the truth for a perfect track. */
  track: TargetTrack;
  /** Span of the predicted flight [tStart, tEnd] (s since epoch): windows are searched inside it. */
  tStart: number;
  tEnd: number;
  /** Priority: expected value at risk (threat-eval.ts). */
  priority: number;
  /** Value of its priority asset (reserve policy). */
  priorityAssetValue: number;
  /** Interceptors already committed against it over all layers and looks. */
  spent: number;
  /** Interceptors in flight at it or an assessment pending: no new engagement now. */
  busy: boolean;
  /** An upper-tier engagement of it was assessed a miss. */
  upperMissed: boolean;
  /** A kill call released it. */
  released: boolean;
  /** Track position uncertainty for the window (m, 1σ) and its growth q (m²/s³); default 0. */
  sigma0?: number;
  q?: number;
}

/** A battery as the planner sees it. */
export interface PlanBattery {
  id: string;
  /** The caller's index of the battery. */
  key: number;
  layer: Layer;
  /** Single-shot kill probability of its interceptor type (`InterceptorVehicle.pkMax`). */
  sspk: number;
  inventory: BatteryInventory;
  /** For the default geometry (`interceptorGeometry`). */
  vehicle?: InterceptorVehicle;
  fan?: FlyoutFan;
  site?: Battery;
}

/** Launch windows and PIPs; the default uses src/interceptor, tests may pass stand-ins. */
export interface EngagementGeometry {
  /** The launch window of battery b against threat t for orders arriving at `from` (s). */
  window(b: PlanBattery, t: PlanThreat, from: number): LaunchWindow;
  /** Intercept time (s) of a shot launched at `launchTime` inside window w, NaN when none. */
  interceptFor(b: PlanBattery, t: PlanThreat, launchTime: number, w: LaunchWindow): number;
}

/** The geometry of src/interceptor: `launchWindow` and `pipForLaunch` (scan `step` s, default 1). */
export function interceptorGeometry(step = 1, kSigma = 3): EngagementGeometry {
  return {
    window(b, t, from) {
      if (!b.vehicle || !b.fan || !b.site) throw new RangeError(`planner: battery '${b.id}' has no vehicle/fan/site for the default geometry`);
      return launchWindow(b.vehicle, b.fan, b.site, t.track, Math.max(t.tStart, from), t.tEnd, { now: from, step, sigma0: t.sigma0 ?? 0, q: t.q ?? 0, kSigma });
    },
    interceptFor(b, t, launchTime, w) {
      const v = b.vehicle!, fan = b.fan!, site = b.site!;
      for (const [a, z] of w.intervals) {
        if (z < launchTime) continue;
        const tI = pipForLaunch(fan, site, t.track, launchTime, a, z, step);
        if (tI === tI && checkIntercept(v, fan, site, t.track, tI, launchTime, t.sigma0 ?? 0, t.q ?? 0, kSigma) === CHECK_OK) return tI;
      }
      return NaN;
    },
  };
}

export interface PlannerOptions {
  /** Battle manager → battery latency, s (default 0). */
  orderLatency?: number;
  geometry?: EngagementGeometry;
  /** Solve exactly when rounds ≤ this and threats ≤ 6 (default 8). */
  exactMaxRounds?: number;
  /** ILS iterations of the heuristic (default 20: ~1 ms at 12 rounds × 50 threats, ~25 ms at 50 × 100; no wall-clock limit, so plans are deterministic) and its seed (default 1). */
  wtaIterations?: number;
  wtaSeed?: number;
  /** Least WTA value of a threat (default 1e-6): threats aimed at no asset still get spare rounds. 0: never engage them. */
  valueFloor?: number;
  /** The lower tier engages, on its own, threats a kill call released (default false). */
  lowerEngagesReleased?: boolean;
}

/** One fire order: `rounds` interceptors from one battery at one threat. */
export interface FireOrder {
  threatId: string;
  threatKey: number;
  batteryId: string;
  batteryKey: number;
  layer: Layer;
  rounds: number;
  /** Launch and intercept time of each round, s since epoch (length `rounds`). */
  launchTimes: number[];
  interceptTimes: number[];
  /** Single-shot kill probability of each round. */
  pk: number;
  /** Shoot–look–shoot with a follow-up possible: the caller assesses after the last intercept and decides again. */
  look: boolean;
  /** When the kill assessment reaches the battle manager: last intercept + delay_s. */
  assessAt: number;
}

export interface PlanResult {
  orders: FireOrder[];
  /** The doctrine's decision per threat considered (by threat key). */
  decisions: Map<number, EngagementDecision>;
  /** Threats held for the upper tier although a lower-tier battery could engage them now. */
  deferred: string[];
  /** Expected surviving value of the WTA assignment (before trimming). */
  wtaObjective: number;
  /** Windows computed, by `b * threats.length + t` (null: not computed). */
  windows: (LaunchWindow | null)[];
}

/** Plans the fire orders of one decision (module comment). Pure: changes no inventory. */
export function planEngagements(
  threats: readonly PlanThreat[],
  batteries: readonly PlanBattery[],
  now: number,
  doctrine: DoctrineConfig,
  opts: PlannerOptions = {},
): PlanResult {
  const lat = opts.orderLatency ?? 0;
  const tOrder = now + lat;
  const geo = opts.geometry ?? interceptorGeometry();
  const floor = opts.valueFloor ?? 1e-6;
  const nT = threats.length, nB = batteries.length;
  const windows: (LaunchWindow | null)[] = new Array(nT * nB).fill(null);
  const decisions = new Map<number, EngagementDecision>();
  const deferred: string[] = [];

  // 1. eligible threats and their windows
  const eligible: number[] = [];
  for (let j = 0; j < nT; j++) {
    const t = threats[j];
    if (t.busy || t.tEnd <= tOrder || t.spent >= doctrine.max_interceptors_per_threat) continue;
    if (t.released && !opts.lowerEngagesReleased) continue;
    if (Math.max(t.priority, floor) <= 0) continue;
    eligible.push(j);
  }
  const reserveOf = (j: number) => reserveFor(doctrine, threats[j].priorityAssetValue);
  for (const j of eligible) {
    const t = threats[j];
    for (let b = 0; b < nB; b++) {
      const inv = batteries[b].inventory;
      if (inv.remaining - reserveOf(j) <= 0) continue;
      if (t.released && batteries[b].layer === 'upper') continue;
      windows[b * nT + j] = geo.window(batteries[b], t, tOrder);
    }
  }

  // 2–3. tiers and doctrine
  const allowed = new Uint8Array(nB * nT); // battery b may engage threat j now
  const size = new Int32Array(nT);
  const targets: number[] = [];
  for (const j of eligible) {
    const t = threats[j];
    let upperOpp = false;
    let latestLaunch = -Infinity;
    for (let b = 0; b < nB; b++) {
      const w = windows[b * nT + j];
      if (!w || !w.feasible) continue;
      latestLaunch = Math.max(latestLaunch, w.lastLaunch);
      if (batteries[b].layer === 'upper') {
        const inv = batteries[b].inventory;
        if (inv.ready(tOrder) > 0 || inv.nextReload() <= w.lastLaunch) upperOpp = true;
      }
    }
    const lowerOk = t.released ? !!opts.lowerEngagesReleased : !upperOpp || t.upperMissed;
    let firstI = Infinity;
    let lowerHeld = false;
    for (let b = 0; b < nB; b++) {
      const w = windows[b * nT + j];
      if (!w || !w.feasible || !w.first) continue;
      const pb = batteries[b];
      if (pb.layer === 'lower' && !lowerOk) {
        lowerHeld = true;
        continue;
      }
      if (pb.inventory.available(tOrder, reserveOf(j)) <= 0 || !pb.inventory.hasChannel(t.key)) continue;
      if (Math.max(w.first.launchTime, pb.inventory.earliestLaunch(tOrder)) > w.lastLaunch) continue;
      allowed[b * nT + j] = 1;
      firstI = Math.min(firstI, w.first.interceptTime);
    }
    if (lowerHeld && upperOpp) deferred.push(t.id);
    if (firstI === Infinity) continue;
    const d = engagementSize(doctrine, t.spent, firstI, latestLaunch, lat);
    decisions.set(t.key, d);
    if (d.shots > 0) {
      size[j] = d.shots;
      targets.push(j);
    }
  }
  if (!targets.length) return { orders: [], decisions, deferred, wtaObjective: 0, windows };

  // 4. WTA: one weapon per ready round (of batteries that may engage some target)
  let totalNeed = 0;
  for (const j of targets) totalNeed += size[j];
  const roundBattery: number[] = [];
  const roundIndex: number[] = [];
  for (let b = 0; b < nB; b++) {
    let any = false;
    for (const j of targets) if (allowed[b * nT + j]) any = true;
    if (!any) continue;
    const r = Math.min(batteries[b].inventory.available(tOrder, 0), totalNeed);
    for (let i = 0; i < r; i++) {
      roundBattery.push(b);
      roundIndex.push(i);
    }
  }
  const m = roundBattery.length, n = targets.length;
  const problem: WtaProblem = { m, n, mu: 1, values: new Float64Array(n), p: new Float64Array(m * n) };
  for (let k = 0; k < n; k++) problem.values[k] = Math.max(threats[targets[k]].priority, floor);
  for (let i = 0; i < m; i++) {
    const b = roundBattery[i];
    for (let k = 0; k < n; k++) {
      const j = targets[k];
      // the reserve: round i of battery b is usable against j only within the rounds not held back
      if (allowed[b * nT + j] && roundIndex[i] < batteries[b].inventory.available(tOrder, reserveOf(j))) problem.p[i * n + k] = batteries[b].sspk;
    }
  }
  const exact = m <= (opts.exactMaxRounds ?? 8) && n <= 6;
  const sol = m === 0
    ? { objective: 0, assignment: new Int32Array(0) }
    : exact
      ? solveWtaExact(problem, { timeLimitMs: 60_000 })
      : solveWtaHeuristic(problem, { maxIterations: opts.wtaIterations ?? 20, timeLimitMs: 60_000, seed: opts.wtaSeed ?? 1 });

  // 5. trim to the doctrine and unit limits, in priority order; then fill greedily
  const order = targets.slice().sort((a, c) => cmpThreat(threats[a], threats[c]));
  const kOf = new Int32Array(nT).fill(-1);
  for (let k = 0; k < n; k++) kOf[targets[k]] = k;
  const wanted = new Int32Array(nB * nT); // rounds the WTA put on (b, j) with p > 0
  for (let i = 0; i < m; i++) {
    const k = sol.assignment[i];
    if (k < 0 || problem.p[i * n + k] <= 0) continue;
    wanted[roundBattery[i] * nT + targets[k]]++;
  }
  const take = new Int32Array(nB * nT);
  const used = new Int32Array(nB); // rounds taken per battery
  const newThreats = new Int32Array(nB); // threats not already engaged by b that b takes on now
  const got = new Int32Array(nT);
  const canTake = (b: number, j: number): number => {
    const pb = batteries[b];
    if (!allowed[b * nT + j]) return 0;
    const inv = pb.inventory;
    if (take[b * nT + j] === 0 && !inv.isEngaging(threats[j].key)) {
      const free = Number.isFinite(inv.fireChannels) ? inv.fireChannels - inv.channelsInUse - newThreats[b] : Infinity;
      if (free <= 0) return 0;
    }
    const avail = inv.available(tOrder, reserveOf(j)) - used[b];
    const salvoLeft = (Number.isFinite(inv.maxSalvo) ? inv.maxSalvo : Infinity) - take[b * nT + j];
    return Math.max(0, Math.min(avail, salvoLeft, size[j] - got[j]));
  };
  const give = (b: number, j: number, r: number): void => {
    if (r <= 0) return;
    if (take[b * nT + j] === 0 && !batteries[b].inventory.isEngaging(threats[j].key)) newThreats[b]++;
    take[b * nT + j] += r;
    used[b] += r;
    got[j] += r;
  };
  const bOrder = Array.from({ length: nB }, (_, b) => b).sort((a, c) => batteries[c].sspk - batteries[a].sspk || a - c);
  for (const j of order) for (const b of bOrder) give(b, j, Math.min(wanted[b * nT + j], canTake(b, j)));
  for (const j of order) for (const b of bOrder) give(b, j, canTake(b, j));

  // 6. fire orders with launch and intercept times
  const orders: FireOrder[] = [];
  const nextFree = new Float64Array(nB);
  for (let b = 0; b < nB; b++) nextFree[b] = batteries[b].inventory.earliestLaunch(tOrder);
  const ka = doctrine.kill_assessment.delay_s;
  for (const j of order) {
    const t = threats[j];
    const d = decisions.get(t.key)!;
    for (const b of bOrder) {
      const r = take[b * nT + j];
      if (!r) continue;
      const w = windows[b * nT + j]!;
      const pb = batteries[b];
      const launchTimes: number[] = [];
      const interceptTimes: number[] = [];
      for (let s = 0; s < r; s++) {
        const tl = Math.max(w.first!.launchTime, nextFree[b]);
        if (tl > w.lastLaunch) break;
        const ti = tl === w.first!.launchTime ? w.first!.interceptTime : geo.interceptFor(pb, t, tl, w);
        if (!(ti === ti)) break;
        launchTimes.push(tl);
        interceptTimes.push(ti);
        nextFree[b] = tl + pb.inventory.salvoInterval;
      }
      if (!launchTimes.length) continue;
      let last = -Infinity;
      for (const x of interceptTimes) last = Math.max(last, x);
      orders.push({
        threatId: t.id,
        threatKey: t.key,
        batteryId: pb.id,
        batteryKey: pb.key,
        layer: pb.layer,
        rounds: launchTimes.length,
        launchTimes,
        interceptTimes,
        pk: pb.sspk,
        look: d.look,
        assessAt: last + ka,
      });
    }
  }
  return { orders, decisions, deferred, wtaObjective: sol.objective, windows };
}

/** Priority order of planner threats: priority descending, earlier end (impact), id, key. */
function cmpThreat(a: PlanThreat, b: PlanThreat): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.tEnd !== b.tEnd) return a.tEnd - b.tEnd;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.key - b.key;
}

/**
 * Applies orders to the inventories (`byKey[batteryKey]`) at decision time `now` (s): rounds
 * fired at their launch times, a fire channel taken per threat. Returns the rounds fired.
 */
export function commitOrders(orders: readonly FireOrder[], byKey: readonly BatteryInventory[], now: number): number {
  let total = 0;
  for (const o of orders) {
    const inv = byKey[o.batteryKey];
    inv.engage(o.threatKey);
    total += inv.fire(now, o.rounds, o.launchTimes[0]);
  }
  return total;
}
