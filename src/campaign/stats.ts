/**
 * Streaming campaign statistics with confidence intervals.
 *
 * State. Every quantity a replica reports is a whole number (ReplicaResult), so the accumulator
 * keeps only integer sums: the count of replicas, of replicas without a leaker, of replicas in
 * which each asset was hit, and Σx, Σx², Σxy of the per-replica counts. Memory is O(assets +
 * layers), whatever the number of replicas. Integer sums below 2⁵³ are exact in float64, so
 * adding replicas in any order, on any worker, or merging shards gives bit-identical state;
 * Welford's running mean/variance (Welford 1962) would be order-dependent in the last bits, which
 * is why it is not used for these integer data. Means and variances are formed once, at the end,
 * from the exact sums (the variance numerator n·Σx² − (Σx)² in BigInt, so no cancellation).
 *
 * Intervals (all 95 %, two-sided):
 * - probabilities (P(no leaker), per-asset P(hit)): the Wilson score interval, E. B. Wilson,
 *   "Probable inference, the law of succession, and statistical inference", J. Amer. Statist.
 *   Assoc. 22(158):209–212, 1927; see also L. D. Brown, T. T. Cai, A. DasGupta, "Interval
 *   estimation for a binomial proportion", Statistical Science 16(2):101–133, 2001, eq. (4).
 * - means (expected leakers): x̄ ± t(0.975, n−1)·s/√n (Student's t).
 * - ratios of sums (interceptors per threat, per-layer kills per shot): the ratio estimator
 *   R = Σy/Σx with its linearised (delta-method) variance s_d²/(n·x̄²), s_d² = Σ(y − R x)²/(n−1),
 *   W. G. Cochran, Sampling Techniques, 3rd ed., Wiley 1977, §6.3–6.4 (eqs. 6.9, 6.13), and a t
 *   quantile with n−1 degrees of freedom.
 */
import { LAYERS, type ReplicaResult } from './types.js';

/** z(0.975), the standard normal 97.5 % quantile (Abramowitz & Stegun 1964, Table 26.5). */
export const Z975 = 1.959963984540054;

// Student t 97.5 % quantiles for 1–30 degrees of freedom (Abramowitz & Stegun 1964, Table 26.10;
// NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2, Critical values of the t distribution).
const T975 = [
  NaN, 12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448,
  2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452,
  2.0423,
];

/**
 * Student t quantile t(0.975, ν) for ν ≥ 1 degrees of freedom (ν = Infinity gives z). ν ≤ 30: the
 * table (4 decimals); ν > 30: the Cornish–Fisher expansion in 1/ν about the normal quantile,
 * Abramowitz & Stegun 1964, eq. 26.7.5 (error < 1e-5 for ν > 30). NaN for ν < 1.
 */
export function tQuantile975(nu: number): number {
  if (!(nu >= 1)) return NaN;
  if (nu <= 30 && Number.isInteger(nu)) return T975[nu];
  if (!Number.isFinite(nu)) return Z975;
  const z = Z975;
  const z2 = z * z;
  const z3 = z2 * z;
  const z5 = z3 * z2;
  const z7 = z5 * z2;
  const z9 = z7 * z2;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + g1 / nu + g2 / (nu * nu) + g3 / (nu * nu * nu) + g4 / (nu * nu * nu * nu);
}

/** An estimate with its 95 % interval. */
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
}

/**
 * Wilson score interval for a binomial proportion: k successes in n trials, normal quantile z
 * (default z(0.975) → 95 %). Wilson (1927); Brown, Cai & DasGupta (2001) eq. (4):
 * centre (k + z²/2)/(n + z²), half-width z√n/(n + z²)·√(p̂(1−p̂) + z²/4n). n = 0 → [0, 1].
 */
export function wilson(k: number, n: number, z = Z975): Interval {
  if (n === 0) return { estimate: NaN, lo: 0, hi: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = n + z2;
  const centre = (k + z2 / 2) / denom;
  const half = ((z * Math.sqrt(n)) / denom) * Math.sqrt(p * (1 - p) + z2 / (4 * n));
  // exact ends at k = 0 and k = n (the formula gives them up to rounding)
  return { estimate: p, lo: k === 0 ? 0 : Math.max(0, centre - half), hi: k === n ? 1 : Math.min(1, centre + half) };
}

/** n·Σx² − (Σx)², exactly (BigInt), as a float; both sums must be safe integers. */
function exactSpread(n: number, s1: number, s2: number): number {
  return Number(BigInt(n) * BigInt(s2) - BigInt(s1) * BigInt(s1));
}

/** Mean with a t interval, from n, Σx and Σx² (whole numbers). n < 2 → interval NaN. */
export function meanInterval(n: number, s1: number, s2: number): Interval & { sd: number } {
  const mean = s1 / n;
  if (n < 2) return { estimate: mean, lo: NaN, hi: NaN, sd: NaN };
  const variance = exactSpread(n, s1, s2) / (n * (n - 1));
  const sd = Math.sqrt(variance);
  const h = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { estimate: mean, lo: mean - h, hi: mean + h, sd };
}

/**
 * Ratio estimator R = Σy/Σx over n replicas with a delta-method t interval (Cochran 1977 §6.4):
 * Var(R) ≈ (Σy² − 2RΣxy + R²Σx²) / ((n−1)·n·x̄²). Arguments are the integer sums.
 */
export function ratioInterval(n: number, sx: number, sy: number, sxx: number, syy: number, sxy: number): Interval {
  const r = sy / sx;
  if (!(sx > 0)) return { estimate: NaN, lo: NaN, hi: NaN };
  if (n < 2) return { estimate: r, lo: NaN, hi: NaN };
  // Σ(y − R x)² = (Σx² Σy² − ... ) written over Σx² to stay exact: (sx²·syy − 2 sx sy sxy + sy²·sxx)/sx²
  const bx = BigInt(sx);
  const by = BigInt(sy);
  const num = bx * bx * BigInt(syy) - 2n * bx * by * BigInt(sxy) + by * by * BigInt(sxx);
  const ssd = Number(num) / (sx * sx);
  const xbar = sx / n;
  const se = Math.sqrt(Math.max(0, ssd) / ((n - 1) * n * xbar * xbar));
  const h = tQuantile975(n - 1) * se;
  return { estimate: r, lo: r - h, hi: r + h };
}

// Layout of the accumulator state (all whole numbers).
const N = 0;
const NO_LEAK = 1;
const S_THREATS = 2;
const S_THREATS2 = 3;
const S_LEAKERS = 4;
const S_LEAKERS2 = 5;
const S_KILLED = 6;
const S_INTERCEPTORS = 7;
const S_INTERCEPTORS2 = 8;
const S_INT_THREATS = 9;
const HEAD = 10;
/** per layer: Σshots, Σkills, Σshots², Σkills², Σshots·kills */
const PER_LAYER = 5;

/** Columns of a packed replica row (an Int32Array row), in order; see `packResult`. */
export function rowColumns(assets: readonly string[]): string[] {
  const cols = ['replica', 'threats', 'leakers', 'killed', 'interceptors'];
  for (const a of assets) cols.push(`hit_${a}`);
  for (const l of LAYERS) cols.push(`${l}_shots`, `${l}_kills`);
  return cols;
}

/** Width of a packed replica row for `nAssets` assets. */
export function rowWidth(nAssets: number): number {
  return 5 + nAssets + 2 * LAYERS.length;
}

/** Writes one replica's result into `out` at row offset `off` (width `rowWidth`). Returns out. */
export function packResult(out: Int32Array, off: number, r: ReplicaResult, nAssets: number): Int32Array {
  out[off] = r.replica;
  out[off + 1] = r.threats;
  out[off + 2] = r.leakers;
  out[off + 3] = r.killed;
  out[off + 4] = r.interceptors;
  let j = off + 5;
  for (let a = 0; a < nAssets; a++) out[j++] = r.assetHit[a];
  for (let l = 0; l < LAYERS.length; l++) {
    out[j++] = r.layerShots[l];
    out[j++] = r.layerKills[l];
  }
  return out;
}

/**
 * Streaming accumulator of replica results: integer sums only (see the module comment), so
 * `add` in any order and `merge` of parts give bit-identical state.
 */
export class Accumulator {
  readonly nAssets: number;
  /** the sums; see the layout constants */
  readonly s: Float64Array;

  constructor(nAssets: number) {
    this.nAssets = nAssets;
    this.s = new Float64Array(HEAD + nAssets + PER_LAYER * LAYERS.length);
  }

  /** Number of replicas added. */
  get n(): number {
    return this.s[N];
  }

  /** Adds one packed row (width rowWidth(nAssets)) starting at `off`. */
  addRow(row: Int32Array, off: number): void {
    const s = this.s;
    const threats = row[off + 1];
    const leakers = row[off + 2];
    const interceptors = row[off + 4];
    s[N] += 1;
    if (leakers === 0) s[NO_LEAK] += 1;
    s[S_THREATS] += threats;
    s[S_THREATS2] += threats * threats;
    s[S_LEAKERS] += leakers;
    s[S_LEAKERS2] += leakers * leakers;
    s[S_KILLED] += row[off + 3];
    s[S_INTERCEPTORS] += interceptors;
    s[S_INTERCEPTORS2] += interceptors * interceptors;
    s[S_INT_THREATS] += interceptors * threats;
    const na = this.nAssets;
    for (let a = 0; a < na; a++) s[HEAD + a] += row[off + 5 + a];
    let j = off + 5 + na;
    let k = HEAD + na;
    for (let l = 0; l < LAYERS.length; l++) {
      const shots = row[j++];
      const kills = row[j++];
      s[k] += shots;
      s[k + 1] += kills;
      s[k + 2] += shots * shots;
      s[k + 3] += kills * kills;
      s[k + 4] += shots * kills;
      k += PER_LAYER;
    }
  }

  /** Adds every row of a packed block of `count` rows. */
  addRows(rows: Int32Array, count: number): void {
    const w = rowWidth(this.nAssets);
    for (let i = 0; i < count; i++) this.addRow(rows, i * w);
  }

  /** Adds another accumulator's sums (same asset count). */
  merge(other: Accumulator): void {
    if (other.s.length !== this.s.length) throw new RangeError('Accumulator.merge: different asset counts');
    for (let i = 0; i < this.s.length; i++) this.s[i] += other.s[i];
  }

  /** The sums as a JSON-safe list of integers (for the checkpoint). */
  toJSON(): number[] {
    return Array.from(this.s);
  }

  /** Rebuilds from `toJSON()`; null when the list does not fit `nAssets` or is not whole numbers. */
  static fromJSON(nAssets: number, v: unknown): Accumulator | null {
    const acc = new Accumulator(nAssets);
    if (!Array.isArray(v) || v.length !== acc.s.length) return null;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as unknown;
      if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) return null;
      acc.s[i] = x;
    }
    return acc;
  }

  /** True when every sum is still an exact (safe) integer. */
  exact(): boolean {
    for (let i = 0; i < this.s.length; i++) if (!Number.isSafeInteger(this.s[i])) return false;
    return true;
  }
}

/** The statistics part of a campaign summary (nothing here depends on timing or workers). */
export interface CampaignStatistics {
  replicas: number;
  p_no_leaker: Interval & { count: number; method: 'wilson' };
  expected_leakers: Interval & { sd: number; method: 't' };
  interceptors_per_threat: Interval & { method: 'ratio' };
  totals: { threats: number; leakers: number; killed: number; interceptors: number };
  assets: Array<{ id: string; hits: number; p_hit: Interval & { method: 'wilson' } }>;
  layers: Array<{ layer: string; shots: number; kills: number; kills_per_shot: Interval & { method: 'ratio' } }>;
}

/** Summary statistics with 95 % intervals from an accumulator (see the module comment). */
export function summarize(acc: Accumulator, assets: readonly string[]): CampaignStatistics {
  if (!acc.exact()) throw new RangeError('campaign sums exceed 2^53: too many replicas for exact statistics');
  const s = acc.s;
  const n = s[N];
  const na = acc.nAssets;
  return {
    replicas: n,
    p_no_leaker: { ...wilson(s[NO_LEAK], n), count: s[NO_LEAK], method: 'wilson' },
    expected_leakers: { ...meanInterval(n, s[S_LEAKERS], s[S_LEAKERS2]), method: 't' },
    interceptors_per_threat: {
      ...ratioInterval(n, s[S_THREATS], s[S_INTERCEPTORS], s[S_THREATS2], s[S_INTERCEPTORS2], s[S_INT_THREATS]),
      method: 'ratio',
    },
    totals: { threats: s[S_THREATS], leakers: s[S_LEAKERS], killed: s[S_KILLED], interceptors: s[S_INTERCEPTORS] },
    assets: assets.map((id, a) => ({ id, hits: s[HEAD + a], p_hit: { ...wilson(s[HEAD + a], n), method: 'wilson' as const } })),
    layers: LAYERS.map((layer, l) => {
      const k = HEAD + na + PER_LAYER * l;
      return {
        layer,
        shots: s[k],
        kills: s[k + 1],
        kills_per_shot: { ...ratioInterval(n, s[k], s[k + 1], s[k + 2], s[k + 3], s[k + 4]), method: 'ratio' as const },
      };
    }),
  };
}
