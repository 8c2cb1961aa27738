/**
 * Saturation and cost exchange: for an interceptor inventory, the raid size N at which the
 * probability that at least one missile leaks, P(≥1 leaker) = 1 − P(no leaker), passes a
 * threshold (50 %, 90 %), and what the defense spends there per unit of the attacker's cost.
 *
 * Search. Raid sizes are varied with the `raid_size` shortcut (paths.ts), which keeps every
 * missile's id — and so its random streams — whatever N is; with the same seed and replicas for
 * every N (common random numbers), a replica that leaks at N also leaks at N+1 for any defense in
 * which an added missile cannot help the others, so the estimated leak count k(N) is
 * non-decreasing in N. Three bisections over N ∈ [1, max] then find, for a threshold t:
 *   - the estimate N̂ = the smallest N with k/n ≥ t;
 *   - an interval [N_lo, N_hi]: N_lo = the smallest N whose 95 % Wilson interval reaches t (its upper
 *     end ≥ t), N_hi = the smallest N whose interval lies at or above t (lower end ≥ t). Raid sizes in
 *     [N_lo, N_hi) are those where the interval straddles t: the data cannot say on which side they are.
 *     Wilson bounds increase with k for fixed n, so each predicate is monotone in N too.
 * Each evaluation is cached, so about 3·log₂(max) campaigns are run per inventory.
 * Wilson interval: E. B. Wilson, J. Amer. Statist. Assoc. 22(158):209–212, 1927; the interval for
 * 1 − p is one minus the interval for p (the score interval is symmetric under k → n − k).
 *
 * Closed form (the analytic model, Wilkening 2000, Science & Global Security 8(2):183–215):
 * P(no leaker) = R·P_kᴺ, so P(≥1 leaker) ≥ t ⇔ N ≥ ln((1 − t)/R) / ln P_k; see `saturationExact`.
 *
 * Cost exchange at a raid size: defender cost = Σ_layers (mean shots per replica) × interceptor unit
 * cost of that layer; attacker cost = N × mean missile unit cost; ratio = defender / attacker (> 1:
 * the defense pays more than the attack). Unit costs come from the catalog (`unit_cost_musd` of a
 * missile, `cost.unit_musd` of an interceptor) with their sources.
 */
import { isMap, isPair, isScalar, parseDocument, type Node } from 'yaml';
import type { CampaignStatistics, Interval } from '../campaign/index.js';
import { lineChart } from './plot.js';

/** Smallest N ≥ 1 with 1 − R·P_kᴺ ≥ t (Infinity when never: P_k = 1 and R > 1 − t). */
export function saturationExact(pk: number, reliability: number, threshold: number): number {
  if (!(pk >= 0 && pk <= 1 && reliability >= 0 && reliability <= 1 && threshold > 0 && threshold < 1)) {
    throw new RangeError(`saturationExact: need pk, reliability in [0, 1] and threshold in (0, 1), got ${pk}, ${reliability}, ${threshold}`);
  }
  const leakAt = (n: number): number => 1 - reliability * Math.pow(pk, n);
  if (leakAt(1) >= threshold) return 1;
  if (pk >= 1) return Infinity;
  let n = Math.max(1, Math.ceil(Math.log((1 - threshold) / reliability) / Math.log(pk)));
  // guard the last ulp of the logarithms
  while (n > 1 && leakAt(n - 1) >= threshold) n--;
  while (leakAt(n) < threshold) n++;
  return n;
}

/** Statistics of a campaign at raid size N (the caller applies the variant). */
export type RaidEvaluate = (raidSize: number) => Promise<CampaignStatistics>;

/** One evaluated raid size. */
export interface RaidPoint {
  raid_size: number;
  replicas: number;
  /** replicas with at least one leaker */
  leaky: number;
  p_leak: Interval;
  interceptors_per_replica: number;
  /** per layer, LAYERS order: mean shots per replica */
  layer_shots_per_replica: Record<string, number>;
}

/** Where P(≥1 leaker) crosses one threshold. */
export interface Crossing {
  threshold: number;
  /** N̂ (null: not reached by max_raid) */
  raid_size: number | null;
  /** [N_lo, N_hi]: see the module comment (null ends: not reached by max_raid) */
  interval: [number | null, number | null];
  /** the estimate at N̂ */
  p_leak: Interval | null;
}

function pointOf(n: number, s: CampaignStatistics): RaidPoint {
  const ns = s.replicas;
  const noLeak = s.p_no_leaker;
  const layer: Record<string, number> = {};
  for (const l of s.layers) layer[l.layer] = ns > 0 ? l.shots / ns : NaN;
  return {
    raid_size: n,
    replicas: ns,
    leaky: ns - noLeak.count,
    p_leak: { estimate: ns > 0 ? 1 - noLeak.estimate : NaN, lo: 1 - noLeak.hi, hi: 1 - noLeak.lo },
    interceptors_per_replica: ns > 0 ? s.totals.interceptors / ns : NaN,
    layer_shots_per_replica: layer,
  };
}

/** Smallest N in [lo, hi] with pred(N) true, assuming pred monotone (false … true); null if none. */
async function smallest(lo: number, hi: number, pred: (n: number) => Promise<boolean>): Promise<number | null> {
  if (!(await pred(hi))) return null;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A saturation search over raid sizes 1 … maxRaid (see the module comment). */
export interface SaturationCurve {
  crossings: Crossing[];
  /** every raid size evaluated, ascending */
  points: RaidPoint[];
}

/** Runs the three bisections per threshold over N ∈ [1, maxRaid]; evaluations are cached. */
export async function saturationSearch(evaluate: RaidEvaluate, maxRaid: number, thresholds: readonly number[]): Promise<SaturationCurve> {
  if (!(Number.isInteger(maxRaid) && maxRaid >= 1)) throw new RangeError(`saturationSearch: maxRaid must be a whole number ≥ 1, got ${maxRaid}`);
  const cache = new Map<number, RaidPoint>();
  const at = async (n: number): Promise<RaidPoint> => {
    let p = cache.get(n);
    if (!p) {
      p = pointOf(n, await evaluate(n));
      cache.set(n, p);
    }
    return p;
  };
  const crossings: Crossing[] = [];
  for (const t of thresholds) {
    const est = await smallest(1, maxRaid, async (n) => (await at(n)).p_leak.estimate >= t);
    const lo = await smallest(1, maxRaid, async (n) => (await at(n)).p_leak.hi >= t);
    const hi = await smallest(1, maxRaid, async (n) => (await at(n)).p_leak.lo >= t);
    crossings.push({ threshold: t, raid_size: est, interval: [lo, hi], p_leak: est === null ? null : (await at(est)).p_leak });
  }
  return { crossings, points: [...cache.values()].sort((a, b) => a.raid_size - b.raid_size) };
}

/** A unit cost read from the catalog, with its sources. */
export interface UnitCost {
  /** million US dollars */
  musd: number;
  /** the catalog type id */
  type: string;
  /** dollar year, when given */
  year?: number;
  /** the comment written beside the value */
  note: string;
  sources: { id: string; citation: string; url?: string }[];
}

interface CatalogLike {
  id: string;
  sources?: { id: string; citation: string; url?: string }[];
  [k: string]: unknown;
}

function pairAt(node: unknown, key: string): { value: Node | null } | undefined {
  if (!isMap(node)) return undefined;
  for (const it of node.items) if (isPair(it) && isScalar(it.key) && String(it.key.value) === key) return it as { value: Node | null };
  return undefined;
}

/**
 * The unit cost of a catalog entry: `unit_cost_musd` (missiles) or `cost.unit_musd` /
 * `unit_cost_musd` (interceptors). `fileText` is the entry's YAML file, read for the comment beside
 * the value; the `[source-id]`s cited there select the entry's sources (all of them when none is
 * cited). Undefined when the entry states no cost.
 */
export function catalogUnitCost(entry: CatalogLike, fileText: string): UnitCost | undefined {
  const cost = entry.cost as { unit_musd?: unknown; year?: unknown } | undefined;
  const musd = typeof entry.unit_cost_musd === 'number' ? entry.unit_cost_musd : typeof cost?.unit_musd === 'number' ? cost.unit_musd : undefined;
  if (musd === undefined) return undefined;
  const doc = parseDocument(fileText);
  const pair = pairAt(doc.contents, 'unit_cost_musd') ?? pairAt(pairAt(doc.contents, 'cost')?.value, 'unit_musd');
  const note = (pair?.value as { comment?: string } | null | undefined)?.comment?.trim() ?? '';
  const cited = new Set<string>();
  for (const m of note.matchAll(/\[([^\]]+)\]/g)) for (const id of m[1].split(/[;,]/)) cited.add(id.trim().split(/\s/)[0]);
  const all = entry.sources ?? [];
  const picked = all.filter((s) => cited.has(s.id));
  const out: UnitCost = { musd, type: entry.id, note, sources: picked.length ? picked : all };
  if (typeof cost?.year === 'number') out.year = cost.year;
  return out;
}

/** Cost exchange at one raid size. */
export interface CostExchange {
  raid_size: number;
  /** N × mean missile unit cost, M$ */
  attacker_musd: number;
  /** Σ layers mean shots × interceptor unit cost, M$ */
  defender_musd: number;
  /** defender / attacker */
  ratio: number;
}

/**
 * Cost exchange at a raid point. `missileMusd`: mean unit cost per missile of the raid;
 * `layerMusd`: interceptor unit cost per layer name. Null when a layer that fired has no cost or
 * the missile cost is unknown.
 */
export function costExchange(p: RaidPoint, missileMusd: number | undefined, layerMusd: Record<string, number | undefined>): CostExchange | null {
  if (missileMusd === undefined) return null;
  let defender = 0;
  for (const [layer, shots] of Object.entries(p.layer_shots_per_replica)) {
    if (!(shots > 0)) continue;
    const c = layerMusd[layer];
    if (c === undefined) return null;
    defender += shots * c;
  }
  const attacker = p.raid_size * missileMusd;
  return { raid_size: p.raid_size, attacker_musd: attacker, defender_musd: defender, ratio: attacker > 0 ? defender / attacker : NaN };
}

/** One inventory's saturation result. */
export interface SaturationRow {
  /** the inventory every battery was given (null: as in the scenario) */
  inventory: number | null;
  crossings: (Crossing & { cost: CostExchange | null; more_missiles: number | null })[];
  points: RaidPoint[];
}

/** What `tmd saturation` writes (saturation.json). */
export interface SaturationResult {
  format: 'tmdsim-saturation-v1';
  scenario: string;
  model: string;
  seed: number;
  runs: number;
  max_raid: number;
  /** missiles in the scenario as written */
  current_raid_size: number;
  thresholds: number[];
  costs: { missile: { musd: number; by_type: UnitCost[] } | null; layers: Record<string, { musd: number; by_type: UnitCost[] } | null> };
  rows: SaturationRow[];
}

/** Adds cost exchange and "more missiles than now" to each crossing of a curve. */
export function saturationRow(
  inventory: number | null,
  curve: SaturationCurve,
  currentRaid: number,
  missileMusd: number | undefined,
  layerMusd: Record<string, number | undefined>,
): SaturationRow {
  const byN = new Map(curve.points.map((p) => [p.raid_size, p]));
  return {
    inventory,
    crossings: curve.crossings.map((c) => {
      const p = c.raid_size === null ? undefined : byN.get(c.raid_size);
      return { ...c, cost: p ? costExchange(p, missileMusd, layerMusd) : null, more_missiles: c.raid_size === null ? null : c.raid_size - currentRaid };
    }),
    points: curve.points,
  };
}

/** The saturation plot: P(≥1 leaker) against raid size, one series per inventory. */
export function saturationPlot(r: SaturationResult): string {
  return lineChart(
    r.rows.map((row) => ({
      name: row.inventory === null ? 'inventory as scenario' : `inventory ${row.inventory}`,
      points: row.points.map((p) => ({ x: p.raid_size, y: p.p_leak.estimate, lo: p.p_leak.lo, hi: p.p_leak.hi })),
    })),
    {
      title: 'P(at least one leaker) vs raid size',
      xLabel: 'raid size (missiles)',
      yLabel: 'P(≥1 leaker)',
      yRange: [0, 1],
      hLines: r.thresholds.map((t) => ({ y: t, label: `${Math.round(t * 100)} %` })),
    },
  );
}
