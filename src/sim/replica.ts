/**
 * One replica of the whole defense: missiles launch, radars see them, the battle manager plans
 * and fires, interceptors fly, kills are assessed, second shots are taken, and what gets through
 * lands somewhere.
 *
 * The loop, in time order on one EventQueue (ties first-in-first-out, so a replica is
 * deterministic):
 *  - `detect`: the first radar detection of a missile (RV or, while it boosts, the missile body),
 *    found by running the scenario's radars (radar equation, Swerling 1, Earth masking, field of
 *    view, early-warning cues) over the flights; the battle manager learns of it after the
 *    sensor→tracker and tracker→BMC latencies (`known`).
 *  - `decide`: for every known threat that needs an engagement (earliest impact first), the
 *    doctrine picks how many interceptors (shoot–look–shoot if the launch window leaves time for a
 *    second shot after the kill assessment, else a salvo; a salvo doctrine fires k), the upper
 *    tier is tried first and the lower tier only when no upper-tier battery can engage; among the
 *    batteries of a tier, the one with the earliest feasible intercept. Orders reach the battery
 *    after the BMC→battery latency; the launch window is computed from then.
 *  - each interceptor is flown at fire time (fly-out, midcourse guidance on the track, seeker
 *    homing on the true RV, closest approach between steps) and its kill drawn from the
 *    lethality model with its own stream; `intercept` events happen at closest approach.
 *  - `assess`: after the last interceptor of an engagement, the kill-assessment call (correct with
 *    p_correct_kill / p_correct_miss) reaches the battle manager after its delay: a "miss" call puts
 *    the threat back in the queue (a wasted shot if it was in fact killed), a "kill" call releases
 *    it (it leaks if it was in fact alive).
 *  - `impact`: an RV that was not killed lands: leak, and which asset it hit.
 *
 * Tracking: `perfect` (the battle manager plans on the true trajectory once it knows of the
 * threat; the radars still decide when it knows) — the full tracker in the loop is the next step
 * (see the closing notes of issue 5). Randomness: streams keyed by (seed, replica, entity,
 * purpose) only; threat flights are deterministic and computed once per scenario (`prepare`).
 */
import { geodesicInverse } from '../earth/index.js';
import type { Catalog, Scenario } from '../scenario/index.js';
import { rngStream } from '../math/index.js';
import {
  buildFan,
  createBattery,
  interceptorFromEntry,
  launchWindow,
  planShot,
  sharedFlyout,
  type Battery,
  type FlyoutFan,
  type InterceptResult,
  type InterceptorTrajectory,
  type InterceptorVehicle,
  type TargetTrack,
} from '../interceptor/index.js';
import type { ObjectSet, Radar, SensedObject } from '../sensor/index.js';
import { EventLog, type SimEvent } from './events.js';
import { EventQueue, PRIORITY } from './queue.js';
import { flyThreats, type FlownThreat } from './threats.js';
import { buildSensors, cueFromEarlyWarning, sensedObjects } from './world.js';
import { LAYERS, type ReplicaResult } from '../campaign/types.js';

const RAD = 180 / Math.PI;
const DEG = Math.PI / 180;

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
    const h = SampledTrack.STEP;
    let u = (t - this.t0) / h;
    if (!(u > 0)) u = 0;
    let i = Math.floor(u);
    if (i >= this.n - 1) i = this.n - 2;
    const hh = i === this.n - 2 ? this.t1 - (this.t0 + i * h) : h; // the last interval may be shorter
    let f = (t - (this.t0 + i * h)) / hh;
    if (f < 0) f = 0;
    if (f > 1) f = 1;
    const f2 = f * f, f3 = f2 * f;
    const h00 = 2 * f3 - 3 * f2 + 1, h10 = f3 - 2 * f2 + f, h01 = -2 * f3 + 3 * f2, h11 = f3 - f2;
    const d00 = (6 * f2 - 6 * f) / hh, d10 = 3 * f2 - 4 * f + 1, d01 = (-6 * f2 + 6 * f) / hh, d11 = 3 * f2 - 2 * f;
    const a = 6 * i, b = 6 * i + 6, S = this.s;
    for (let k = 0; k < 3; k++) {
      out[k] = h00 * S[a + k] + h10 * hh * S[a + 3 + k] + h01 * S[b + k] + h11 * hh * S[b + 3 + k];
      out[3 + k] = d00 * S[a + k] + d10 * S[a + 3 + k] + d01 * S[b + k] + d11 * S[b + 3 + k];
    }
    return out;
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
  const aimValues = flown.map((f) => aimValue(scenario, f));
  return { scenario, catalog, flown, batteries, truth, aimValues };
}

type Status = 'unknown' | 'known' | 'engaged' | 'called-kill' | 'killed' | 'leaked';

interface ThreatState {
  index: number;
  id: string;
  status: Status;
  alive: boolean;
  destroyedAt: number;
  shots: number;
  inFlight: number;
  lastShotId: string;
  /** whether a second look is planned (shoot–look–shoot) */
  impactTime: number;
}

type Ev =
  | { kind: 'known'; threat: number }
  | { kind: 'decide' }
  | { kind: 'intercept'; threat: number; battery: number; shotId: string; result: InterceptResult }
  | { kind: 'assess'; threat: number; shotId: string }
  | { kind: 'impact'; threat: number };

export interface ReplicaOutput {
  result: ReplicaResult;
  log: EventLog;
  /** the interceptors' recorded flights (only with `record`) */
  interceptorFlights: { id: string; battery: string; flight: InterceptorTrajectory }[];
}

/** Runs one replica (see the module comment). */
export function runReplica(p: PreparedScenario, seed: number, replica: number, record = false): ReplicaOutput {
  const sc = p.scenario;
  const comms = sc.communications;
  const doctrine = sc.doctrine;
  const log = new EventLog();
  const q = new EventQueue<Ev>(0);
  const threats: ThreatState[] = p.flown.map((f, i) => ({
    index: i,
    id: f.id,
    status: 'unknown',
    alive: true,
    destroyedAt: Infinity,
    shots: 0,
    inFlight: 0,
    lastShotId: '',
    impactTime: f.aim.flight.impactTime,
  }));
  const inventory = p.batteries.map((b) => b.inventory);
  const reservePer = doctrine.reserve?.per_battery ?? 0;
  const reserveMinValue = doctrine.reserve?.min_asset_value ?? Infinity;
  const layerShots = [0, 0];
  const layerKills = [0, 0];
  let interceptors = 0;
  const interceptorFlights: ReplicaOutput['interceptorFlights'] = [];

  // ---- launches and first detections (the radars decide when the defense knows)
  const { objects, boosters } = sensedObjects(p.flown, p.catalog);
  const sensors = buildSensors(sc, p.catalog, seed, replica);
  cueFromEarlyWarning(sensors, p.flown, boosters, p.catalog);
  const tEnd = Math.max(...threats.map((t) => t.impactTime));
  const firstSeen = firstDetections(objects, sensors.radars, tEnd, threats.length, log);
  const toBmc = comms.sensor_to_tracker_s + comms.tracker_to_bmc_s;
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
    const seen = firstSeen.get(t.id);
    if (seen !== undefined) q.schedule(seen + toBmc, PRIORITY.delivery, { kind: 'known', threat: i });
    q.schedule(t.impactTime, PRIORITY.normal, { kind: 'impact', threat: i });
  });

  const valueAtRisk = p.aimValues;

  // ---- the battle manager's decision: engage every known threat that needs it
  const decide = (now: number): void => {
    const order = threats.filter((t) => t.status === 'known' && t.inFlight === 0).sort((a, b) => a.impactTime - b.impactTime || (a.id < b.id ? -1 : 1));
    for (const t of order) engageThreat(t, now);
  };

  const engageThreat = (t: ThreatState, now: number): void => {
    const left = doctrine.max_interceptors_per_threat - t.shots;
    if (left <= 0) return;
    const tOrder = now + comms.bmc_to_battery_s;
    const track = p.truth[t.index];
    for (const layer of LAYERS) {
      let best = -1;
      let bestWindow: ReturnType<typeof launchWindow> | null = null;
      for (let b = 0; b < p.batteries.length; b++) {
        const bat = p.batteries[b];
        if (bat.layer !== layer) continue;
        const usable = inventory[b] - (valueAtRisk[t.index] >= reserveMinValue ? 0 : reservePer);
        if (usable <= 0) continue;
        const w = launchWindow(bat.vehicle, bat.fan, bat.battery, track, tOrder, t.impactTime, { now: tOrder });
        if (!w.feasible || !w.first) continue;
        if (!bestWindow || w.first.interceptTime < bestWindow.first!.interceptTime) {
          best = b;
          bestWindow = w;
        }
      }
      if (best < 0 || !bestWindow) continue;
      // doctrine: how many now
      const e = doctrine.engagement;
      let k: number;
      if (e.type === 'salvo') k = e.shots;
      else k = bestWindow.second ? e.shots_per_look : e.salvo_if_no_time;
      const bat = p.batteries[best];
      const usable = inventory[best] - (valueAtRisk[t.index] >= reserveMinValue ? 0 : reservePer);
      k = Math.min(k, left, usable);
      if (k <= 0) continue;
      const plan = planShot(bat.fan, bat.battery, track, bestWindow.first!.interceptTime);
      if (!plan) continue;
      log.push({ type: 'assignment', t: now, trackId: t.id, threatId: t.id, battery: bat.id, shots: k });
      for (let s = 0; s < k; s++) {
        const shotId = `${bat.id}/${interceptors + 1}`;
        interceptors++;
        inventory[best]--;
        layerShots[layer === 'upper' ? 0 : 1]++;
        t.shots++;
        t.inFlight++;
        t.lastShotId = shotId;
        const res = sharedFlyout.flyIntercept(bat.vehicle, bat.battery.site, plan, {
          track,
          truth: track,
          targetEnd: t.impactTime,
          rng: rngStream(seed, replica, shotId, 'kill'),
          record,
        });
        if (res.trajectory) interceptorFlights.push({ id: shotId, battery: bat.id, flight: res.trajectory });
        log.push({ type: 'fire', t: plan.launchTime, interceptorId: shotId, battery: bat.id, layer, trackId: t.id, threatId: t.id });
        q.schedule(Math.max(res.time, now), PRIORITY.normal, { kind: 'intercept', threat: t.index, battery: best, shotId, result: res });
      }
      t.status = 'engaged';
      return;
    }
  };

  q.run(Infinity, (ev, time) => {
    switch (ev.kind) {
      case 'known': {
        const t = threats[ev.threat];
        if (t.status === 'unknown') {
          t.status = 'known';
          decide(time);
        }
        break;
      }
      case 'decide':
        decide(time);
        break;
      case 'intercept': {
        const t = threats[ev.threat];
        const r = ev.result;
        const bat = p.batteries[ev.battery];
        t.inFlight--;
        if (r.outcome === 'closest-approach' && t.alive) {
          const killed = r.killed;
          log.push({ type: 'intercept', t: time, interceptorId: ev.shotId, threatId: t.id, battery: bat.id, altitude_m: r.altitude, miss_m: r.miss, pk: r.pk, killed });
          if (killed) {
            t.alive = false;
            t.destroyedAt = time;
            layerKills[bat.layer === 'upper' ? 0 : 1]++;
          }
        } else {
          log.push({ type: 'miss', t: time, interceptorId: ev.shotId, threatId: t.id, battery: bat.id, reason: t.alive ? r.outcome : 'target-gone' });
        }
        if (t.inFlight === 0 && t.status === 'engaged') {
          q.schedule(time + doctrine.kill_assessment.delay_s, PRIORITY.delivery, { kind: 'assess', threat: ev.threat, shotId: ev.shotId });
        }
        break;
      }
      case 'assess': {
        const t = threats[ev.threat];
        if (t.status !== 'engaged' || time >= t.impactTime) break;
        const ka = doctrine.kill_assessment;
        const u = rngStream(seed, replica, `${t.id}/${ev.shotId}`, 'kill-assessment').uniform();
        const call: 'kill' | 'miss' = !t.alive ? (u < ka.p_correct_kill ? 'kill' : 'miss') : u < ka.p_correct_miss ? 'miss' : 'kill';
        log.push({ type: 'kill-assessment', t: time, interceptorId: ev.shotId, threatId: t.id, trackId: t.id, call, correct: (call === 'kill') === !t.alive });
        if (call === 'kill') {
          t.status = t.alive ? 'called-kill' : 'killed';
        } else {
          t.status = 'known';
          decide(time);
        }
        break;
      }
      case 'impact': {
        const t = threats[ev.threat];
        if (!t.alive) {
          t.status = 'killed';
          break;
        }
        t.status = 'leaked';
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
