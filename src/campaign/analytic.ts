/**
 * The `analytic` replica model: a degenerate defense whose exact answer is known, used to test
 * the campaign machinery (interval coverage, determinism, resume) independently of src/sim.
 *
 * Every missile of the scenario (threat entries × their `count`) is engaged independently with
 * the firing doctrine of the scenario's `analytic:` section:
 * - `shoot-shoot`: one salvo of `shots` interceptors, each killing with probability `sspk`;
 * - `sls` (shoot-look-shoot, perfect kill assessment): up to `engagements` salvoes of `shots`,
 *   the next fired only if the missile survived the previous one.
 * With probability 1 − `reliability` (drawn once per replica: a common-mode failure of battle
 * management) nothing is engaged and every missile leaks. The first salvo is counted as the
 * `upper` layer's, later salvoes as the `lower` layer's. A leaker hits the asset whose circle
 * (geodesic distance, WGS84) or polygon (lat/lon ray casting) contains its threat's aim point.
 *
 * Exact values: P(no leaker) = R·P_k^N, E[leakers] = N(1 − R·P_k), expected interceptors
 * from `wilkening()` (src/analysis/wilkening.ts; Wilkening, Science & Global Security 8(2), 2000);
 * per asset aimed at by m missiles, P(hit) = 1 − R·P_k^m.
 *
 * Randomness: one stream per missile, rngStream(seed, replica, '<threat id>/<k>', 'kill'), and
 * rngStream(seed, replica, 'defense', 'reliability') for the common-mode draw (only when R < 1).
 */
import geodesic from 'geographiclib-geodesic';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { rngStream } from '../math/rng.js';
import { expectedErrorMap, issuesToProblems, parseText, sortProblems } from '../scenario/locate.js';
import { LAYERS, type ReplicaModel, type ReplicaResult } from './types.js';
import { wilkening, type WilkeningResult } from '../analysis/wilkening.js';

const PROB = 'a probability in [0, 1]';
const WHOLE1 = 'a whole number ≥ 1';

/** The scenario's `analytic:` section. */
export const AnalyticSectionSchema = z.strictObject({
  sspk: z.number({ error: PROB }).min(0, { error: PROB }).max(1, { error: PROB }).meta({ description: 'Single-shot kill probability' }),
  shots: z.number({ error: WHOLE1 }).int({ error: WHOLE1 }).min(1, { error: WHOLE1 }).max(100, { error: 'at most 100 shots per salvo' }).default(1),
  doctrine: z.enum(['shoot-shoot', 'sls'], { error: "one of 'shoot-shoot', 'sls'" }).default('shoot-shoot'),
  engagements: z.number({ error: WHOLE1 }).int({ error: WHOLE1 }).min(1, { error: WHOLE1 }).max(10, { error: 'at most 10 engagements' }).default(2),
  reliability: z.number({ error: PROB }).min(0, { error: PROB }).max(1, { error: PROB }).default(1),
});
export type AnalyticSection = z.infer<typeof AnalyticSectionSchema>;

const LAT = 'a latitude in [-90, 90] degrees';
const LON = 'a longitude in [-180, 360) degrees';
const latDeg = () => z.number({ error: LAT }).min(-90, { error: LAT }).max(90, { error: LAT });
const lonDeg = () => z.number({ error: LON }).min(-180, { error: LON }).lt(360, { error: LON });

/** The parts of a scenario the analytic model reads (others are ignored). */
const AnalyticScenarioSchema = z.looseObject({
  seed: z.number().int().min(0).optional(),
  threats: z.array(
    z.looseObject({
      id: z.string({ error: 'a threat id' }),
      count: z.number({ error: WHOLE1 }).int({ error: WHOLE1 }).min(1, { error: WHOLE1 }).default(1),
      target: z.looseObject({ lat_deg: latDeg(), lon_deg: lonDeg() }),
    }),
    { error: 'a list of threats' },
  ),
  assets: z
    .array(
      z.looseObject({
        id: z.string({ error: 'an asset id' }),
        lat_deg: latDeg().optional(),
        lon_deg: lonDeg().optional(),
        radius_km: z.number().gt(0).optional(),
        polygon: z.array(z.tuple([latDeg(), lonDeg()])).min(3).optional(),
      }),
      { error: 'a list of defended assets' },
    )
    .default([]),
  analytic: AnalyticSectionSchema,
});
type AnalyticScenario = z.infer<typeof AnalyticScenarioSchema>;

/** True when the scenario text has a top-level `analytic:` section (syntax errors → false). */
export function hasAnalyticSection(text: string): boolean {
  const p = parseText(text, 'scenario');
  return p.problems.length === 0 && typeof p.data === 'object' && p.data !== null && 'analytic' in p.data;
}

/** Reads the parts of a scenario the analytic model needs; UserError with every located problem. */
export function parseAnalyticScenario(text: string, file: string): AnalyticScenario {
  const p = parseText(text, file);
  if (p.problems.length) throw new UserError(p.problems);
  const r = AnalyticScenarioSchema.safeParse(p.data, { error: expectedErrorMap, reportInput: true });
  if (!r.success) throw new UserError(sortProblems(issuesToProblems(p, r.error.issues)));
  return r.data;
}

function insidePolygon(lat: number, lon: number, poly: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [yi, xi] = poly[i];
    const [yj, xj] = poly[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Index of the first asset containing the aim point, or −1. */
function assetOf(sc: AnalyticScenario, lat: number, lon: number): number {
  for (let a = 0; a < sc.assets.length; a++) {
    const as = sc.assets[a];
    if (as.polygon) {
      if (insidePolygon(lat, lon, as.polygon)) return a;
    } else if (as.lat_deg !== undefined && as.lon_deg !== undefined && as.radius_km !== undefined) {
      const g = geodesic.Geodesic.WGS84.Inverse(as.lat_deg, as.lon_deg, lat, lon, geodesic.Geodesic.DISTANCE);
      if ((g.s12 ?? Infinity) <= as.radius_km * 1000) return a;
    }
  }
  return -1;
}

/** The exact answer of an analytic scenario (for tests and reports). */
export interface AnalyticExact {
  missiles: number;
  overall: WilkeningResult;
  /** per asset in scenario order: exact P(hit) */
  assetHit: number[];
  /** expected interceptors per missile (the common-mode failure fires none) */
  interceptorsPerThreat: number;
  /** expected kills per shot, per layer in LAYERS order (NaN when the layer never fires) */
  killsPerShot: number[];
}

/** The exact values of `analyticModel` on a scenario text (see the module comment). */
export function analyticExact(text: string, file = 'scenario'): AnalyticExact {
  const sc = parseAnalyticScenario(text, file);
  const a = sc.analytic;
  let missiles = 0;
  const perAsset = new Array<number>(sc.assets.length).fill(0);
  for (const t of sc.threats) {
    missiles += t.count;
    const k = assetOf(sc, t.target.lat_deg, t.target.lon_deg);
    if (k >= 0) perAsset[k] += t.count;
  }
  const base = { sspk: a.sspk, shotsPerThreat: a.shots, doctrine: a.doctrine, engagements: a.engagements, reliability: a.reliability };
  const overall = wilkening({ ...base, threats: missiles });
  // Layer expectations per engaged missile: upper fires `shots` and kills 1 − qⁿ; lower fires
  // shots·qⁿ(1 + qⁿ + … ) over the remaining engagements and kills the rest of P_k.
  const qn = Math.pow(1 - a.sspk, a.shots);
  const e = a.doctrine === 'sls' ? a.engagements : 1;
  const upperShots = a.shots;
  const upperKills = 1 - qn;
  let lowerShots = 0;
  let alive = qn;
  for (let t = 1; t < e; t++) {
    lowerShots += a.shots * alive;
    alive *= qn;
  }
  const lowerKills = qn - alive; // P_k − upper kills = (1 − q^{ne}) − (1 − qⁿ)
  return {
    missiles,
    overall,
    assetHit: perAsset.map((m) => (m === 0 ? 0 : 1 - wilkening({ ...base, threats: m }).p_zero_leakers)),
    // interceptors_needed assumes the defense works; it fires only with probability R
    interceptorsPerThreat: missiles === 0 ? NaN : (a.reliability * overall.interceptors_needed) / missiles,
    killsPerShot: LAYERS.map((l) => (l === 'upper' ? upperKills / upperShots : lowerShots > 0 ? lowerKills / lowerShots : NaN)),
  };
}

/**
 * Builds the analytic replica model from a scenario text (a ReplicaModelFactory). The result
 * object returned by `run` is reused: copy it before the next call.
 */
export function analyticModel(text: string, file: string): ReplicaModel {
  const sc = parseAnalyticScenario(text, file);
  const a = sc.analytic;
  const entities: string[] = [];
  const missileAsset: number[] = [];
  for (const t of sc.threats) {
    const k = assetOf(sc, t.target.lat_deg, t.target.lon_deg);
    for (let j = 0; j < t.count; j++) {
      entities.push(`${t.id}/${j}`);
      missileAsset.push(k);
    }
  }
  const nAssets = sc.assets.length;
  const e = a.doctrine === 'sls' ? a.engagements : 1;
  const result: ReplicaResult = {
    replica: 0,
    threats: entities.length,
    leakers: 0,
    killed: 0,
    interceptors: 0,
    assetHit: new Array<number>(nAssets).fill(0),
    layerShots: new Array<number>(LAYERS.length).fill(0),
    layerKills: new Array<number>(LAYERS.length).fill(0),
  };
  return {
    assets: sc.assets.map((x) => x.id),
    run(seed: number, replica: number): ReplicaResult {
      const r = result;
      r.replica = replica;
      r.leakers = 0;
      r.killed = 0;
      r.interceptors = 0;
      for (let i = 0; i < nAssets; i++) r.assetHit[i] = 0;
      for (let l = 0; l < LAYERS.length; l++) {
        r.layerShots[l] = 0;
        r.layerKills[l] = 0;
      }
      const up = a.reliability >= 1 || rngStream(seed, replica, 'defense', 'reliability').uniform() < a.reliability;
      for (let m = 0; m < entities.length; m++) {
        let killed = false;
        if (up) {
          const rng = rngStream(seed, replica, entities[m], 'kill');
          for (let t = 0; t < e && !killed; t++) {
            const layer = t === 0 ? 0 : 1;
            for (let s = 0; s < a.shots; s++) if (rng.uniform() < a.sspk) killed = true;
            r.interceptors += a.shots;
            r.layerShots[layer] += a.shots;
            if (killed) r.layerKills[layer] += 1;
          }
        }
        if (killed) r.killed++;
        else {
          r.leakers++;
          if (missileAsset[m] >= 0) r.assetHit[missileAsset[m]] = 1;
        }
      }
      return r;
    },
  };
}
