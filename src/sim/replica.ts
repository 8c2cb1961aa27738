/**
 * One replica of the whole defense: missiles launch, radars see them, the tracker builds the
 * picture, the battle manager plans and fires, interceptors fly, kills are assessed, second shots
 * are taken, and what gets through lands somewhere.
 *
 * The loop, in time order on one EventQueue (ties first-in-first-out, so a replica is
 * deterministic). Two tracking modes (`ReplicaOptions.tracking`):
 *  - `perfect`: the radars (radar equation, Swerling 1, Earth masking, field of view,
 *    early-warning cues) decide when the defense first detects each missile; the battle manager
 *    learns of it after the sensor→tracker and tracker→BMC latencies and plans on the TRUE
 *    trajectory; its predicted impact point (PIP) is the true impact with an isotropic 1σ of
 *    `PERFECT_PIP_SIGMA_M` (a stated small number: the RV's own dispersion is not modelled).
 *  - `full`: every radar scan (objects: each RV and each booster / spent stage, killed objects
 *    removed from later scans) reaches the Tracker (src/track, GNN + EKF, ballistic model) after
 *    the sensor→tracker latency; the battle manager sees the tracker's confirmed tracks after
 *    the tracker→BMC latency (implemented by processing each scan at scan time + both latencies:
 *    the tracker is deterministic, so its picture is the same, only seen later). It plans on the
 *    TRACK: the PIP and its covariance from src/track `ImpactPredictor`, the predicted trajectory
 *    from the track state propagated with the ballistic model (`PredictedTrack`), both with drag
 *    at the nominal RV drag parameter of the raid's missile type (`nominalDragParameter`; the
 *    6-state track carries none). Tracks the tracker types as boosters, tracks it has never held
 *    at its coast noise level (still boosting), and tracks whose PIP cannot be computed are not
 *    engaged.
 *    At launch the track is predicted afresh; midcourse guidance flies on that prediction; the
 *    seeker homes on the TRUE object nearest to the track's estimate at launch (any live RV or
 *    booster / spent stage: shots at spent stages and at false tracks happen and are logged with
 *    the booster id / null) and acquires it only if the prediction brings it within range.
 *    The true identity of a track (majority of its detections' `truth` labels, `TrackLabels`) is
 *    read only here, for the log.
 *
 * Battle manager (src/bmc): it decides (`decide`) when a threat becomes known (perfect) or a new
 * confirmed track reaches it (full), after each kill assessment, when a battery's reload
 * completes, and every `decisionPeriod` s (default 10). A decision evaluates the threats
 * (`ThreatEvaluator`: P(impact in each asset) from the PIP and its covariance; value at risk =
 * priority; a threat is engaged only when P(impact inside some asset) ≥ `MIN_P_HIT` or the
 * scenario defends no asset) and plans with `planEngagements` (launch windows over every battery,
 * upper tier first and lower tier for what the upper tier cannot take or missed, doctrine size,
 * reserve, WTA over ready rounds, fire channels, salvo interval) and `commitOrders` on the
 * batteries' `BatteryInventory` (rounds, launchers, reloads). Orders reach a battery after the
 * BMC→battery latency. Launch windows are cached per (battery, threat) while the predicted
 * trajectory is unchanged and the window's first launch is still ahead (a window computed earlier
 * with the same trajectory is the same window from a later time as long as its first shot is
 * still possible).
 *
 * Each interceptor is flown at fire time (src/interceptor: fly-out, midcourse on the planning
 * trajectory, seeker homing on the true object, closest approach between steps) and its kill
 * drawn from the lethality model with its own stream; `intercept` events happen at closest
 * approach. After the last interceptor of an engagement, the kill-assessment call (correct with
 * p_correct_kill / p_correct_miss) reaches the battle manager after its delay: a "miss" call puts
 * the threat back for another engagement (a wasted shot if it was in fact killed), a "kill" call
 * releases it (it leaks if it was in fact alive). An RV that was not killed lands: leak, and which
 * asset it hit.
 *
 * Randomness: streams keyed by (seed, replica, entity, purpose) only; threat flights are
 * deterministic and computed once per scenario (`prepareScenario`).
 */
import { geodesicInverse } from '../earth/index.js';
import type { Catalog, Scenario } from '../scenario/index.js';
import { rngStream } from '../math/index.js';
import {
  buildFan,
  createBattery,
  interceptorFromEntry,
  planShot,
  sharedFlyout,
  type Battery,
  type FlyoutFan,
  type InterceptResult,
  type InterceptorTrajectory,
  type InterceptorVehicle,
  type LaunchWindow,
  type TargetTrack,
} from '../interceptor/index.js';
import type { ObjectSet, Radar, Scan, SensedObject } from '../sensor/index.js';
import {
  BatteryInventory,
  ThreatEvaluator,
  commitOrders,
  compileAssets,
  interceptorGeometry,
  planEngagements,
  type EngagementGeometry,
  type PlanBattery,
  type PlanThreat,
} from '../bmc/index.js';
import { BallisticModel, GaussianState, ImpactPredictor, Tracker, type Track } from '../track/index.js';
import { EventLog, type SimEvent } from './events.js';
import { EventQueue, PRIORITY } from './queue.js';
import { flyThreats, type FlownThreat } from './threats.js';
import { hermiteState, PredictedTrack, TrackLabels } from './tracking.js';
import { buildSensors, cueFromEarlyWarning, sensedObjects } from './world.js';
import { type ReplicaResult } from '../campaign/types.js';

const RAD = 180 / Math.PI;
const DEG = Math.PI / 180;

/** Perfect tracking: 1σ of the PIP about the true impact, m (notional, stated small). */
export const PERFECT_PIP_SIGMA_M = 100;
/** A threat is engaged only when P(impact inside some defended asset) reaches this (notional BMC rule). */
export const MIN_P_HIT = 0.01;
/**
 * Full tracking: the battle manager re-predicts a track it has not engaged when its prediction is
 * older than a quarter of the time to the track's first possible launch, clamped to
 * [TRACK_REFRESH_S, 6·TRACK_REFRESH_S] (no feasible window or no threat: 3·TRACK_REFRESH_S), and
 * commits fire orders only for launches within `2·decisionPeriod + bmc_to_battery` of the
 * decision (later launches are planned again on a fresher track). Notional choices for speed.
 */
export const TRACK_REFRESH_S = 10;
/** Mach number at which the nominal RV drag coefficient is read (reentry at 10–40 km, notional). */
const NOMINAL_MACH = 6;
/** Relative 1σ of the nominal drag parameter in the PIP covariance (notional). */
const DRAG_SIGMA_REL = 0.3;

/**
 * The drag parameter b = C_d·A/m (m²/kg) the battle manager assumes for every track (full
 * tracking): the RV of the scenario's first threat type, C_d read off its catalog curve at Mach
 * `NOMINAL_MACH` (linear interpolation), A = π d²/4. The battle manager does not know which type
 * a track is; this is its intelligence estimate (a simplification, stated).
 */
export function nominalDragParameter(p: PreparedScenario): number {
  if (!p.flown.length) return 0;
  const e = p.catalog.get('missile', p.flown[0].missile) as unknown as { rv?: { mass_kg?: number; diameter_m?: number; cd_mach?: [number, number][] } };
  const rv = e.rv;
  if (!rv || !rv.mass_kg || !rv.diameter_m || !rv.cd_mach?.length) return 0;
  const c = rv.cd_mach;
  let cd = c[c.length - 1][1];
  for (let i = 0; i + 1 < c.length; i++) {
    if (NOMINAL_MACH >= c[i][0] && NOMINAL_MACH <= c[i + 1][0]) {
      cd = c[i][1] + ((c[i + 1][1] - c[i][1]) * (NOMINAL_MACH - c[i][0])) / (c[i + 1][0] - c[i][0]);
      break;
    }
  }
  if (NOMINAL_MACH < c[0][0]) cd = c[0][1];
  return (cd * Math.PI * rv.diameter_m * rv.diameter_m) / 4 / rv.mass_kg;
}

/** Fans are computed once per interceptor type and kept (they depend on the type only). */
const fanCache = new WeakMap<InterceptorVehicle, FlyoutFan>();
function fanOf(v: InterceptorVehicle): FlyoutFan {
  let f = fanCache.get(v);
  if (!f) {
    f = buildFan(v);
    fanCache.set(v, f);
  }
  return f;
}

/** What is the same in every replica of a scenario: flights, batteries' types and fans. */
export interface PreparedScenario {
  scenario: Scenario;
  catalog: Catalog;
  flown: FlownThreat[];
  batteries: { id: string; layer: 'upper' | 'lower'; vehicle: InterceptorVehicle; fan: FlyoutFan; battery: Battery; inventory: number }[];
  /** the true RV trajectories as ECI tracks */
  truth: TargetTrack[];
  /** the true booster / spent-stage trajectories as ECI tracks (null: the warhead does not separate) */
  boosterTruth: (TargetTrack | null)[];
  /** value of the asset each threat is aimed at (0: none) */
  aimValues: number[];
}

/**
 * A trajectory resampled every 0.25 s (ECI position and velocity) and read back by cubic
 * Hermite interpolation: the battle manager's planning and the interceptors' midcourse ask for
 * the threat's state thousands of times per replica, and a table lookup costs a tenth of a
 * Kepler propagation. Sampled from the RV's separation (or burnout) on, so no velocity or thrust
 * discontinuity falls inside an interval; interpolation error below 1 cm in position and
 * 5 mm/s in velocity (measured 2 mm/s, in reentry; test/sim/replica.test.ts).
 */
export class SampledTrack implements TargetTrack {
  static readonly STEP = 0.25;
  readonly t0: number;
  readonly t1: number;
  private readonly s: Float64Array;
  private readonly n: number;
  constructor(private readonly traj: { t0: number; t1: number; eventTime(name: string): number; stateAt(t: number, out: Float64Array, frame: 'eci'): Float64Array }) {
    // sampled from the last velocity discontinuity on (burnout, separation): the RV's own flight;
    // earlier times (inside the boosting missile) are read from the trajectory itself
    const sep = traj.eventTime('separation');
    const bo = traj.eventTime('burnout');
    this.t0 = Number.isFinite(sep) ? sep : Number.isFinite(bo) ? bo : traj.t0;
    this.t1 = traj.t1;
    this.n = Math.max(2, Math.ceil((traj.t1 - this.t0) / SampledTrack.STEP) + 1);
    this.s = new Float64Array(6 * this.n);
    const tmp = new Float64Array(6);
    for (let i = 0; i < this.n; i++) {
      traj.stateAt(Math.min(traj.t1, this.t0 + i * SampledTrack.STEP), tmp, 'eci');
      this.s.set(tmp, 6 * i);
    }
  }
  stateAt(t: number, out: Float64Array): Float64Array {
    if (t < this.t0) return this.traj.stateAt(t, out, 'eci');
    return hermiteState(this.s, this.n, this.t0, SampledTrack.STEP, this.t1, t, out);
  }
}

/** Flies the threats and compiles the batteries (slow: once per scenario and worker). */
export function prepareScenario(scenario: Scenario, catalog: Catalog, file = 'scenario'): PreparedScenario {
  const flown = flyThreats(scenario, catalog, file);
  const batteries = scenario.batteries.map((b) => {
    const vehicle = interceptorFromEntry(catalog.get('interceptor', b.interceptor));
    const p = b.site ?? { lat_deg: b.ship!.track[0].lat_deg, lon_deg: b.ship!.track[0].lon_deg, alt_m: 0 };
    return {
      id: b.id,
      layer: b.layer,
      vehicle,
      fan: fanOf(vehicle),
      battery: createBattery({ lat: p.lat_deg * DEG, lon: p.lon_deg * DEG, h: p.alt_m ?? 0 }),
      inventory: b.inventory,
    };
  });
  const truth = flown.map((f) => new SampledTrack(f.aim.flight.rv));
  const boosterTruth = flown.map((f) => (f.aim.flight.booster ? new SampledTrack(f.aim.flight.booster) : null));
  const aimValues = flown.map((f) => aimValue(scenario, f));
  return { scenario, catalog, flown, batteries, truth, boosterTruth, aimValues };
}
/** How the defense sees the threats (module comment). */
export type TrackingMode = 'perfect' | 'full';

export interface ReplicaOptions {
  /** `perfect` (default) or `full` (module comment). */
  tracking?: TrackingMode;
  /** The battle manager's periodic decision interval, s (default 10). */
  decisionPeriod?: number;
}

/** A true object radars can see and seekers can home on: an RV, or a booster / spent stage. */
interface TrueObject {
  id: string;
  threat: number;
  booster: boolean;
  traj: TargetTrack;
  sensed: SensedObject;
  from: number;
  end: number;
  alive: boolean;
}

interface ThreatState {
  index: number;
  id: string;
  alive: boolean;
  destroyedAt: number;
  /** interceptors fired whose seeker was given this threat's RV */
  shots: number;
  impactTime: number;
  resolved: boolean;
  /** the RV's separation time (Infinity: no separation) */
  separation: number;
}

/** Something the battle manager may engage: a known threat (perfect tracking) or a confirmed track (full). */
interface Target {
  key: number;
  /** the threat id (perfect) or `T<track id>` (full) */
  id: string;
  /** perfect: the threat index; full: −1 */
  threat: number;
  trk: Track | null;
  known: boolean;
  dropped: boolean;
  seen: number;
  /** the planning trajectory, its span, the track's position σ (m) */
  track: TargetTrack | null;
  tEnd: number;
  sigma0: number;
  evalTime: number;
  /** full tracking: when the prediction is next due */
  nextEval: number;
  threatening: boolean;
  priority: number;
  assetValue: number;
  spent: number;
  inFlight: number;
  assessPending: boolean;
  engagedUpper: boolean;
  upperMissed: boolean;
  /** full tracking: the tracker has held the track at its coast (non-manoeuvre) noise level at least once */
  coasted: boolean;
  released: boolean;
  /** the true object the last interceptor at it was given (−1: none) */
  lastObj: number;
  /** launch windows per battery and the order-arrival time they were computed for */
  wc: (LaunchWindow | null)[];
  wcFrom: Float64Array;
}

type Ev =
  | { kind: 'known'; threat: number }
  | { kind: 'radar'; radar: number }
  | { kind: 'picture'; scan: Scan }
  | { kind: 'tick' }
  | { kind: 'decide' }
  | { kind: 'launch'; target: number; battery: number; shotId: string; tI: number }
  | { kind: 'intercept'; target: number; obj: number; battery: number; shotId: string; result: InterceptResult | null }
  | { kind: 'assess'; target: number; shotId: string }
  | { kind: 'impact'; threat: number };

export interface ReplicaOutput {
  result: ReplicaResult;
  log: EventLog;
  /** the interceptors' recorded flights (only with `record`) */
  interceptorFlights: { id: string; battery: string; flight: InterceptorTrajectory }[];
}

/** Runs one replica (see the module comment); `record` keeps the interceptors' flights. */
export function runReplica(p: PreparedScenario, seed: number, replica: number, record = false, opts: ReplicaOptions = {}): ReplicaOutput {
  const sc = p.scenario;
  const comms = sc.communications;
  const doctrine = sc.doctrine;
  const full = (opts.tracking ?? 'perfect') === 'full';
  const period = opts.decisionPeriod ?? 10;
  const log = new EventLog();
  const q = new EventQueue<Ev>(0);
  const nThreats = p.flown.length;
  const threats: ThreatState[] = p.flown.map((f, i) => {
    const sep = f.aim.flight.booster ? f.aim.flight.rv.eventTime('separation') : Infinity;
    return { index: i, id: f.id, alive: true, destroyedAt: Infinity, shots: 0, impactTime: f.aim.flight.impactTime, resolved: false, separation: Number.isFinite(sep) ? sep : Infinity };
  });
  /** threats killed or landed: when all are, the radars stop scanning */
  let done = 0;
  const layerShots = [0, 0];
  const layerKills = [0, 0];
  let interceptors = 0;
  const interceptorFlights: ReplicaOutput['interceptorFlights'] = [];

  // ---- batteries as the planner sees them
  const invs = p.batteries.map((b, i) => new BatteryInventory(sc.batteries[i] ?? { id: b.id, layer: b.layer, inventory: b.inventory }));
  const planBats: PlanBattery[] = p.batteries.map((b, i) => ({ id: b.id, key: i, layer: b.layer, sspk: b.vehicle.pkMax, inventory: invs[i], vehicle: b.vehicle, fan: b.fan, site: b.battery }));
  const nB = planBats.length;

  // ---- the world: true objects, sensors
  const { objects: sensed, boosters } = sensedObjects(p.flown, p.catalog);
  const threatIndex = new Map(p.flown.map((f, i) => [f.id, i]));
  const objects: TrueObject[] = sensed.map((o) => {
    const isB = o.id.endsWith('/booster');
    const ti = threatIndex.get(isB ? o.id.slice(0, -8) : o.id)!;
    return { id: o.id, threat: ti, booster: isB, traj: isB ? p.boosterTruth[ti]! : p.truth[ti], sensed: o, from: o.launchTime, end: o.endTime, alive: true };
  });
  const rvObject = new Int32Array(nThreats).fill(-1);
  objects.forEach((o, k) => {
    if (!o.booster) rvObject[o.threat] = k;
  });
  const sensors = buildSensors(sc, p.catalog, seed, replica);
  cueFromEarlyWarning(sensors, p.flown, boosters, p.catalog);
  const tEnd = Math.max(...threats.map((t) => t.impactTime));
  const toBmc = comms.sensor_to_tracker_s + comms.tracker_to_bmc_s;

  // ---- threat evaluation
  const evaluator = new ThreatEvaluator(compileAssets(sc.assets));
  const pHit = new Float64Array(sc.assets.length);
  const noAssets = sc.assets.length === 0;
  const evaluate = (tg: Target, impact: { lat: number; lon: number; covEN: ArrayLike<number>; time: number }): void => {
    const var_ = evaluator.evaluate(pHit, impact);
    let best = -1, bestV = -1, maxP = 0;
    for (let k = 0; k < pHit.length; k++) {
      if (pHit[k] > maxP) maxP = pHit[k];
      const c = evaluator.assets[k].value * pHit[k];
      if (pHit[k] >= 0.05 && c > bestV) {
        best = k;
        bestV = c;
      }
    }
    tg.priority = noAssets ? 1 : var_;
    tg.assetValue = best >= 0 ? evaluator.assets[best].value : 0;
    tg.threatening = noAssets || maxP >= MIN_P_HIT;
  };

  const targets: Target[] = [];
  const newTarget = (id: string, threat: number, trk: Track | null): Target => {
    const tg: Target = {
      key: targets.length, id, threat, trk, known: false, dropped: false, seen: 0, track: null, tEnd: -Infinity, sigma0: 0,
      evalTime: -Infinity, nextEval: -Infinity, threatening: false, priority: 0, assetValue: 0, spent: 0, inFlight: 0, assessPending: false,
      engagedUpper: false, upperMissed: false, coasted: false, released: false, lastObj: -1, wc: new Array<LaunchWindow | null>(nB).fill(null), wcFrom: new Float64Array(nB),
    };
    targets.push(tg);
    return tg;
  };

  // ---- full tracking: tracker, labels, the battle manager's predictions
  const tracker = full ? new Tracker({ recordRows: false }) : null;
  const labels = new TrackLabels();
  // predictions with drag at the nominal RV drag parameter (module comment)
  const bNom = full ? nominalDragParameter(p) : 0;
  // (the PIP's sigma points step 10 s — on the didactic Nodong, 1, 5 and 10 s RK4 steps give
  // PIPs within 10 m of each other from 430 s to 50 s before impact —, the planning trajectory 1 s)
  const motion = new BallisticModel({ drag: true, q: 0 });
  const predictor = new ImpactPredictor(new BallisticModel({ drag: true, q: 0, maxStep: 10 }), { step: 10 });
  const gs7 = new GaussianState(7, 0);
  const byTrack = new Map<Track, Target>();
  const labelOf = (tg: Target): string | null => (tg.threat >= 0 ? threats[tg.threat].id : tg.trk ? labels.label(tg.trk) : null);
  /** Full tracking: the track's PIP, priority and planning trajectory as of `now`. */
  const refresh = (tg: Target, now: number): void => {
    const tr = tg.trk!;
    tg.evalTime = now;
    tg.nextEval = now + 3 * TRACK_REFRESH_S;
    tg.wc.fill(null);
    tg.track = null;
    tg.threatening = false;
    if (!tr.manoeuvre) tg.coasted = true;
    if (tr.kind === 'booster' || !tg.coasted) {
      tg.nextEval = now + TRACK_REFRESH_S;
      return;
    }
    // the track's 6-state and covariance, extended by the nominal drag parameter
    const d = tr.state.dim;
    gs7.t = tr.state.t;
    gs7.P.fill(0);
    for (let i = 0; i < 6; i++) {
      gs7.x[i] = tr.state.x[i];
      for (let j = 0; j < 6; j++) gs7.P[7 * i + j] = tr.state.P[d * i + j];
    }
    gs7.x[6] = bNom;
    gs7.P[48] = (DRAG_SIGMA_REL * bNom) ** 2 + 1e-30;
    const pip = predictor.predict(gs7);
    if (!pip.ok) return;
    evaluate(tg, pip);
    tg.tEnd = pip.time;
    const P = tr.state.P;
    tg.sigma0 = Math.sqrt(Math.max(P[0], P[d + 1], P[2 * d + 2]));
    tg.track = new PredictedTrack(motion, gs7.x, gs7.t, pip.time + 5);
  };

  // perfect tracking: one target per threat, its PIP the true impact
  if (!full) {
    const s2 = PERFECT_PIP_SIGMA_M * PERFECT_PIP_SIGMA_M;
    const cov = new Float64Array([s2, 0, 0, s2]);
    for (let i = 0; i < nThreats; i++) {
      const tg = newTarget(threats[i].id, i, null);
      const fl = p.flown[i].aim.flight;
      evaluate(tg, { lat: fl.impactLat, lon: fl.impactLon, covEN: cov, time: fl.impactTime });
      tg.track = p.truth[i];
      tg.tEnd = fl.impactTime;
    }
  }

  // ---- launches, detections, impacts
  const firstSeen = full ? null : firstDetections(sensed, sensors.radars, tEnd, nThreats, log);
  threats.forEach((t, i) => {
    const f = p.flown[i];
    const th = sc.threats[f.entry];
    log.push({
      type: 'launch',
      t: f.aim.flight.rv.t0,
      threatId: t.id,
      missile: f.missile,
      launch_lat_deg: th.launch.lat_deg,
      launch_lon_deg: th.launch.lon_deg,
      aim_lat_deg: th.target.lat_deg,
      aim_lon_deg: th.target.lon_deg,
    });
    const seen = firstSeen?.get(t.id);
    if (seen !== undefined) q.schedule(seen + toBmc, PRIORITY.delivery, { kind: 'known', threat: i });
    q.schedule(t.impactTime, PRIORITY.normal, { kind: 'impact', threat: i });
  });
  const radars = sensors.radars;
  const detected = new Uint8Array(nThreats);
  const set: ObjectSet = { n: 0, ids: new Array<string>(objects.length), ecef: new Float64Array(3 * objects.length), rcs_m2: new Float64Array(objects.length) };
  const s6 = new Float64Array(6);
  if (full) {
    for (let k = 0; k < radars.length; k++) {
      const t0 = radars[k].nextScanTime(-1e-9);
      if (t0 <= tEnd) q.schedule(t0, PRIORITY.normal, { kind: 'radar', radar: k });
    }
  }
  for (let t = period; t < tEnd; t += period) q.schedule(t, PRIORITY.late, { kind: 'tick' });

  // ---- the battle manager
  const base = interceptorGeometry(full ? 2 : 1);
  const geometry: EngagementGeometry = {
    window(b, t, from) {
      const tg = targets[t.key];
      const w = tg.wc[b.key];
      if (w && tg.wcFrom[b.key] <= from && (!w.feasible || !w.first || w.first.launchTime >= from)) return w;
      const nw = base.window(b, t, from);
      tg.wc[b.key] = nw;
      tg.wcFrom[b.key] = from;
      return nw;
    },
    interceptFor: base.interceptFor,
  };
  const cap = doctrine.max_interceptors_per_threat;
  const reloadScheduled = new Set<number>();
  const engageable = (tg: Target): boolean =>
    tg.known && !tg.dropped && !tg.released && tg.inFlight === 0 && !tg.assessPending && tg.spent < cap;

  const decide = (now: number): void => {
    const cands: PlanThreat[] = [];
    for (const tg of targets) {
      if (!engageable(tg)) continue;
      if (full && now >= tg.nextEval) refresh(tg, now);
      if (!tg.threatening || !tg.track || tg.tEnd <= now + comms.bmc_to_battery_s) continue;
      cands.push({
        id: tg.id,
        key: tg.key,
        track: tg.track,
        tStart: now,
        tEnd: tg.tEnd,
        priority: tg.priority,
        priorityAssetValue: tg.assetValue,
        spent: tg.spent,
        busy: false,
        upperMissed: tg.upperMissed,
        released: false,
        sigma0: tg.sigma0,
        q: 0,
      });
    }
    if (!cands.length) return;
    const plan = planEngagements(cands, planBats, now, doctrine, { orderLatency: comms.bmc_to_battery_s, geometry });
    const horizon = full ? now + 2 * period + comms.bmc_to_battery_s : Infinity;
    for (const o of plan.orders) if (o.launchTimes[0] <= horizon) fire(o, now);
    if (full) {
      for (const c of cands) {
        const tg = targets[c.key];
        if (tg.evalTime !== now) continue;
        let first = Infinity;
        for (const w of tg.wc) if (w && w.feasible && w.first && w.first.launchTime < first) first = w.first.launchTime;
        if (first < Infinity) tg.nextEval = now + Math.min(6 * TRACK_REFRESH_S, Math.max(TRACK_REFRESH_S, (first - now) / 4));
      }
    }
    for (let b = 0; b < nB; b++) {
      const tr = invs[b].nextReload();
      if (Number.isFinite(tr) && tr < tEnd && !reloadScheduled.has(tr)) {
        reloadScheduled.add(tr);
        q.schedule(tr, PRIORITY.normal, { kind: 'decide' });
      }
    }
  };

  /** The live true object nearest (ECI) to the planning trajectory at t (−1: none). */
  const pos = new Float64Array(6);
  const nearestObject = (track: TargetTrack, t: number): number => {
    track.stateAt(t, pos);
    const x = pos[0], y = pos[1], z = pos[2];
    let best = -1, bestD = Infinity;
    for (let k = 0; k < objects.length; k++) {
      const o = objects[k];
      if (!o.alive || t < o.from || t > o.end) continue;
      o.traj.stateAt(t, s6);
      const d = (s6[0] - x) ** 2 + (s6[1] - y) ** 2 + (s6[2] - z) ** 2;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best;
  };

  const fire = (o: (ReturnType<typeof planEngagements>)['orders'][number], now: number): void => {
    const tg = targets[o.threatKey];
    const bi = o.batteryKey;
    const bat = p.batteries[bi];
    const fired = commitOrders([o], invs, now);
    if (fired <= 0) return;
    log.push({ type: 'assignment', t: now, trackId: tg.id, threatId: labelOf(tg), battery: bat.id, shots: fired });
    for (let s = 0; s < fired; s++) {
      const tI = o.interceptTimes[Math.min(s, o.interceptTimes.length - 1)];
      const shotId = `${bat.id}/${++interceptors}`;
      layerShots[bat.layer === 'upper' ? 0 : 1]++;
      tg.spent++;
      tg.inFlight++;
      if (bat.layer === 'upper') tg.engagedUpper = true;
      const tL = o.launchTimes[Math.min(s, o.launchTimes.length - 1)];
      q.schedule(Math.max(tL, now), PRIORITY.normal, { kind: 'launch', target: tg.key, battery: bi, shotId, tI });
    }
  };

  /**
   * A round leaves its launcher (the order arrived earlier): full tracking re-predicts the track
   * with the battery's latest picture (the fire-control update before launch); the fly-out is
   * solved for the planned intercept time on that prediction; the seeker is given the true object
   * nearest to the track's estimate at launch — the object the track follows, which in-flight
   * track updates (not modelled: the flight is computed now) would keep the interceptor on; the
   * seeker acquires it only if the launch-time prediction brings the interceptor within its
   * acquisition range (perfect tracking: the threat's RV).
   */
  const launch = (ev: Extract<Ev, { kind: 'launch' }>, now: number): void => {
    const tg = targets[ev.target];
    const bat = p.batteries[ev.battery];
    if (full && !tg.dropped && tg.trk && tg.trk.state.t > tg.evalTime - toBmc) {
      // the latest track state, propagated (no new PIP: the intercept time is planned)
      const tr = tg.trk;
      for (let i = 0; i < 6; i++) gs7.x[i] = tr.state.x[i];
      gs7.x[6] = bNom;
      tg.track = new PredictedTrack(motion, gs7.x, tr.state.t, Math.max(tg.tEnd, ev.tI) + 5);
      tg.wc.fill(null);
    }
    const track = tg.track!;
    // the refreshed prediction may move the launch for the planned intercept time before now:
    // slide the intercept time until the launch is not in the past (a few fixed-point steps)
    let tI = ev.tI;
    let plan = planShot(bat.fan, bat.battery, track, tI);
    for (let k = 0; k < 4 && plan && plan.launchTime < now - 1e-6; k++) {
      tI += now - plan.launchTime + 1e-3;
      plan = planShot(bat.fan, bat.battery, track, tI);
    }
    if (plan && plan.launchTime < now - 1e-6) plan = null;
    const obj = !plan ? -1 : full ? nearestObject(track, now) : rvObject[tg.threat];
    let res: InterceptResult | null = null;
    if (plan && obj >= 0) {
      const ob = objects[obj];
      if (!ob.booster) threats[ob.threat].shots++;
      res = sharedFlyout.flyIntercept(bat.vehicle, bat.battery.site, plan, {
        track,
        truth: ob.traj,
        targetEnd: ob.end,
        rng: rngStream(seed, replica, ev.shotId, 'kill'),
        record,
      });
      if (res.trajectory) interceptorFlights.push({ id: ev.shotId, battery: bat.id, flight: res.trajectory });
    }
    log.push({ type: 'fire', t: plan ? plan.launchTime : now, interceptorId: ev.shotId, battery: bat.id, layer: bat.layer, trackId: tg.id, threatId: labelOf(tg) });
    q.schedule(Math.max(res ? res.time : tI, now), PRIORITY.normal, { kind: 'intercept', target: tg.key, obj, battery: ev.battery, shotId: ev.shotId, result: res });
  };

  /** An object is destroyed: an RV (or a missile still carrying its RV) kills the threat. */
  const destroy = (ob: TrueObject, time: number): boolean => {
    ob.alive = false;
    const th = threats[ob.threat];
    if (!th.alive || (ob.booster && time >= th.separation)) return false;
    th.alive = false;
    th.destroyedAt = time;
    done++;
    const rv = rvObject[ob.threat];
    if (rv >= 0) objects[rv].alive = false;
    return true;
  };

  q.run(Infinity, (ev, time) => {
    switch (ev.kind) {
      case 'known': {
        const tg = targets[ev.threat];
        if (!tg.known) {
          tg.known = true;
          decide(time);
        }
        break;
      }
      case 'radar': {
        if (done === nThreats && byTrack.size === 0) break; // every threat killed or landed and no track left: nothing left to see
        const r = radars[ev.radar];
        let n = 0;
        for (const o of objects) {
          if (!o.alive || time < o.from || time > o.end) continue;
          o.sensed.stateAt(time, s6);
          set.ids[n] = o.id;
          set.ecef[3 * n] = s6[0];
          set.ecef[3 * n + 1] = s6[1];
          set.ecef[3 * n + 2] = s6[2];
          set.rcs_m2[n] = o.sensed.rcs_m2;
          n++;
        }
        set.n = n;
        const scan = r.scan(time, set);
        for (const id of scan.truth) {
          if (id === null) continue;
          const ti = threatIndex.get(id.endsWith('/booster') ? id.slice(0, -8) : id)!;
          if (!detected[ti]) {
            detected[ti] = 1;
            log.push({ type: 'detection', t: time, sensorId: scan.sensor, threatId: threats[ti].id });
          }
        }
        q.schedule(time + toBmc, PRIORITY.delivery, { kind: 'picture', scan });
        const next = r.nextScanTime(time);
        if (next <= tEnd) q.schedule(next, PRIORITY.normal, { kind: 'radar', radar: ev.radar });
        break;
      }
      case 'picture': {
        const trk = tracker!;
        trk.processScan(ev.scan);
        labels.credit(ev.scan, trk.tracks);
        const stamp = trk.scansProcessed;
        const tLog = ev.scan.time + comms.sensor_to_tracker_s;
        let fresh = false;
        for (const tr of trk.tracks) {
          if (!tr.confirmed) continue;
          let tg = byTrack.get(tr);
          if (!tg) {
            tg = newTarget(`T${tr.id}`, -1, tr);
            tg.known = true;
            byTrack.set(tr, tg);
            log.push({ type: 'track-start', t: tLog, trackId: tg.id, threatId: labels.label(tr) });
            fresh = true;
          }
          tg.seen = stamp;
        }
        for (const [tr, tg] of byTrack) {
          if (tg.seen === stamp) continue;
          tg.dropped = true;
          const label = labels.label(tr);
          const ob = label === null ? null : objects.find((o) => o.id === label);
          const reason = !ob ? 'false track deleted' : !ob.alive ? 'object destroyed' : tLog >= ob.end ? 'object landed' : 'track lost';
          log.push({ type: 'track-drop', t: tLog, trackId: tg.id, threatId: label, reason });
          byTrack.delete(tr);
          labels.forget(tr);
        }
        if (fresh) decide(time);
        break;
      }
      case 'tick': {
        let any = false;
        for (const tg of targets) if (engageable(tg)) any = true;
        if (any) decide(time);
        break;
      }
      case 'decide':
        decide(time);
        break;
      case 'launch':
        launch(ev, time);
        break;
      case 'intercept': {
        const tg = targets[ev.target];
        const r = ev.result;
        const bat = p.batteries[ev.battery];
        const ob = ev.obj >= 0 ? objects[ev.obj] : null;
        tg.inFlight--;
        tg.lastObj = ev.obj;
        if (r && ob && r.outcome === 'closest-approach' && ob.alive) {
          log.push({ type: 'intercept', t: time, interceptorId: ev.shotId, threatId: ob.id, battery: bat.id, altitude_m: r.altitude, miss_m: r.miss, pk: r.pk, killed: r.killed });
          if (r.killed && destroy(ob, time)) layerKills[bat.layer === 'upper' ? 0 : 1]++;
        } else {
          const reason = !ob ? 'no-object' : !ob.alive ? 'target-gone' : r ? r.outcome : 'no-solution';
          log.push({ type: 'miss', t: time, interceptorId: ev.shotId, threatId: ob ? ob.id : null, battery: bat.id, reason });
        }
        if (tg.inFlight === 0) {
          for (const inv of invs) inv.release(tg.key);
          tg.assessPending = true;
          q.schedule(time + doctrine.kill_assessment.delay_s, PRIORITY.delivery, { kind: 'assess', target: ev.target, shotId: ev.shotId });
        }
        break;
      }
      case 'assess': {
        const tg = targets[ev.target];
        tg.assessPending = false;
        const ob = tg.lastObj >= 0 ? objects[tg.lastObj] : null;
        const impact = tg.threat >= 0 ? threats[tg.threat].impactTime : tg.tEnd;
        if (time >= impact) break;
        const ka = doctrine.kill_assessment;
        const killed = ob ? !ob.alive : false;
        const u = rngStream(seed, replica, `${tg.id}/${ev.shotId}`, 'kill-assessment').uniform();
        const call: 'kill' | 'miss' = killed ? (u < ka.p_correct_kill ? 'kill' : 'miss') : u < ka.p_correct_miss ? 'miss' : 'kill';
        log.push({ type: 'kill-assessment', t: time, interceptorId: ev.shotId, threatId: labelOf(tg) ?? ob?.id ?? tg.id, trackId: tg.id, call, correct: (call === 'kill') === killed });
        const upper = tg.engagedUpper;
        tg.engagedUpper = false;
        if (call === 'kill') tg.released = true;
        else {
          if (upper) tg.upperMissed = true;
          decide(time);
        }
        break;
      }
      case 'impact': {
        const t = threats[ev.threat];
        t.resolved = true;
        if (!full) targets[ev.threat].dropped = true;
        if (!t.alive) break;
        done++;
        const rv = rvObject[ev.threat];
        if (rv >= 0) objects[rv].alive = false; // on the ground: no longer seen
        const fl = p.flown[ev.threat].aim.flight;
        const lat = fl.impactLat * RAD;
        const lon = fl.impactLon * RAD;
        const th = sc.threats[p.flown[ev.threat].entry];
        const aimMiss = geodesicInverse(fl.impactLat, fl.impactLon, th.target.lat_deg * DEG, th.target.lon_deg * DEG).s;
        log.push({ type: 'leak', t: time, threatId: t.id, reason: t.shots === 0 ? 'never engaged' : 'survived its engagements' });
        log.push({ type: 'impact', t: time, threatId: t.id, lat_deg: lat, lon_deg: lon, aim_miss_m: aimMiss, assetId: assetAt(sc, lat, lon) });
        break;
      }
    }
  });
  // ---- the replica's result
  const assetHit = sc.assets.map(() => 0);
  let leakers = 0;
  for (const e of log.events) {
    if (e.type === 'impact') {
      leakers++;
      if (e.assetId !== null) {
        const a = sc.assets.findIndex((x) => x.id === e.assetId);
        if (a >= 0) assetHit[a] = 1;
      }
    }
  }
  log.events.sort(byTime);
  return {
    result: {
      replica,
      threats: threats.length,
      leakers,
      killed: threats.filter((t) => !t.alive).length,
      interceptors,
      assetHit,
      layerShots,
      layerKills,
    },
    log,
    interceptorFlights,
  };
}

/**
 * The time each threat is first detected by any radar (its RV, or the missile body while it
 * boosts): the radars scan in time order (as `simulateSensors` does) but only at the objects of
 * threats not yet detected, and stop once every threat has been seen.
 */
function firstDetections(objects: readonly SensedObject[], radars: readonly Radar[], tEnd: number, nThreats: number, log: EventLog): Map<string, number> {
  const seen = new Map<string, number>();
  const threatOf = (id: string): string => (id.endsWith('/booster') ? id.slice(0, -8) : id);
  const next = radars.map((r) => r.nextScanTime(-1e-9));
  const set: ObjectSet = { n: 0, ids: new Array<string>(objects.length), ecef: new Float64Array(3 * objects.length), rcs_m2: new Float64Array(objects.length) };
  const s6 = new Float64Array(6);
  while (seen.size < nThreats) {
    let k = -1;
    for (let i = 0; i < radars.length; i++) if (next[i] <= tEnd && (k < 0 || next[i] < next[k])) k = i;
    if (k < 0) break;
    const t = next[k];
    let n = 0;
    for (const o of objects) {
      if (t < o.launchTime || t > o.endTime || seen.has(threatOf(o.id))) continue;
      o.stateAt(t, s6);
      set.ids[n] = o.id;
      set.ecef[3 * n] = s6[0];
      set.ecef[3 * n + 1] = s6[1];
      set.ecef[3 * n + 2] = s6[2];
      set.rcs_m2[n] = o.rcs_m2;
      n++;
    }
    set.n = n;
    if (n > 0) {
      const scan = radars[k].scan(t, set);
      for (const id of scan.truth) {
        if (id === null) continue;
        const threatId = threatOf(id);
        if (!seen.has(threatId)) {
          seen.set(threatId, t);
          log.push({ type: 'detection', t, sensorId: scan.sensor, threatId });
        }
      }
    }
    next[k] = radars[k].nextScanTime(t);
  }
  return seen;
}

/** Stable time order for the log (events were pushed as they were decided). */
function byTime(a: SimEvent, b: SimEvent): number {
  return a.t - b.t;
}

/** Value of the asset a threat is aimed at (0 when its aim point is in none). */
function aimValue(sc: Scenario, f: FlownThreat): number {
  const th = sc.threats[f.entry];
  const id = assetAt(sc, th.target.lat_deg, th.target.lon_deg);
  return id === null ? 0 : (sc.assets.find((a) => a.id === id)?.value ?? 0);
}

/** The first asset (scenario order) containing the point (degrees), or null. */
export function assetAt(sc: Scenario, latDeg: number, lonDeg: number): string | null {
  for (const a of sc.assets) {
    if (a.polygon) {
      if (insidePolygon(a.polygon, latDeg, lonDeg)) return a.id;
    } else if (a.lat_deg !== undefined && a.lon_deg !== undefined && a.radius_km !== undefined) {
      if (geodesicInverse(latDeg * DEG, lonDeg * DEG, a.lat_deg * DEG, a.lon_deg * DEG).s <= a.radius_km * 1000) return a.id;
    }
  }
  return null;
}

/** Point in polygon (even–odd rule) in the lat/lon plane — adequate for city-sized outlines. */
function insidePolygon(poly: readonly (readonly [number, number])[], lat: number, lon: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [yi, xi] = poly[i];
    const [yj, xj] = poly[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
