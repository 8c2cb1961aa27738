/**
 * Parameter sweeps: the cartesian product of values of one or more scenario parameters
 * (paths.ts), each variant evaluated by a campaign of the same replicas.
 *
 * Common random numbers (CRN). Every variant is evaluated with the same campaign seed and the same
 * replica indices 0 … runs−1. Replica streams are keyed by (seed, replica, entity, purpose)
 * (src/math/rng.ts), so a missile, radar or battery present in two variants draws the same numbers
 * in both, and differences between variants are the defense's, not the noise's (the variance
 * reduction of CRN: A. M. Law, Simulation Modeling and Analysis, 5th ed., McGraw-Hill 2015, §11.2).
 *
 * The evaluation itself is behind `Evaluate` so that the analyses run on any replica model: the
 * CLI passes a campaign (src/campaign `runCampaign`), tests may pass stand-ins.
 */
import type { CampaignStatistics, Interval } from '../campaign/index.js';
import { userError } from '../errors.js';
import { applySettings, type ParamPath, type Setting, type Variant } from './paths.js';
import { lineChart } from './plot.js';

/** A scenario variant to evaluate: its text and file name (for messages). */
export interface VariantInput {
  text: string;
  file: string;
}

/**
 * Evaluates a scenario variant by `runs` replicas 0 … runs−1 with campaign seed `seed` and
 * returns the campaign statistics (95 % intervals). Implementations must depend only on
 * (text, runs, seed), never on timing or worker count.
 */
export type Evaluate = (variant: VariantInput, runs: number, seed: number) => Promise<CampaignStatistics>;

/** Most values one --vary may list or generate. */
export const MAX_VALUES = 10_000;
/** Most variants in a grid. */
export const MAX_GRID = 100_000;

/**
 * Parses a value spec: `a:b:step` (a, a+step, … up to b inclusive, within 1e-9 of a step) or a
 * comma list `v1,v2,…`. UserError naming `where` for anything else.
 */
export function parseValueSpec(where: string, spec: string): number[] {
  const s = spec.trim();
  const num = (t: string, what: string): number => {
    const v = t.trim() === '' ? NaN : Number(t);
    if (!Number.isFinite(v)) throw userError(where, `found '${t}' as the ${what} in '${spec}', expected a number (SPEC is a:b:step or v1,v2,…)`);
    return v;
  };
  if (s.includes(':')) {
    const parts = s.split(':');
    if (parts.length !== 3) throw userError(where, `found '${spec}', expected a range a:b:step (three numbers) or a list v1,v2,…`);
    const a = num(parts[0], 'start');
    const b = num(parts[1], 'end');
    const step = num(parts[2], 'step');
    if (!(step > 0)) throw userError(where, `found step ${parts[2].trim()} in '${spec}', expected a step > 0`);
    if (b < a) throw userError(where, `found the range ${spec} whose end ${b} is below its start ${a}, expected a ≤ b`);
    const n = Math.floor((b - a) / step + 1e-9) + 1;
    if (n > MAX_VALUES) throw userError(where, `the range ${spec} has ${n} values, expected at most ${MAX_VALUES}`);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(Number((a + i * step).toPrecision(12)));
    return out;
  }
  const parts = s.split(',');
  if (parts.length > MAX_VALUES) throw userError(where, `found ${parts.length} values, expected at most ${MAX_VALUES}`);
  const vals = parts.map((p) => num(p, 'value'));
  if (new Set(vals).size !== vals.length) throw userError(where, `found a value listed twice in '${spec}', expected distinct values`);
  return vals;
}

/** One swept dimension. */
export interface Dimension {
  param: ParamPath;
  values: number[];
}

/** The cartesian product of the dimensions, the last varying fastest (row-major). */
export function cartesian(dims: readonly Dimension[]): Setting[][] {
  let total = 1;
  for (const d of dims) total *= d.values.length;
  if (total > MAX_GRID) throw userError('--vary', `the grid has ${total} variants, expected at most ${MAX_GRID}`);
  const out: Setting[][] = [];
  const idx = new Array<number>(dims.length).fill(0);
  for (let k = 0; k < total; k++) {
    out.push(dims.map((d, j) => ({ param: d.param, value: d.values[idx[j]] })));
    for (let j = dims.length - 1; j >= 0; j--) {
      if (++idx[j] < dims[j].values.length) break;
      idx[j] = 0;
    }
  }
  return out;
}

/** One row of a sweep: the settings and the statistics of its variant. */
export interface SweepRow {
  index: number;
  /** parameter text → value */
  params: Record<string, number>;
  statistics: CampaignStatistics;
}

/** A finished sweep (also the JSON written to sweep.json). */
export interface SweepResult {
  format: 'tmdsim-sweep-v1';
  scenario: string;
  model: string;
  seed: number;
  runs: number;
  parameters: { name: string; values: number[] }[];
  rows: SweepRow[];
}

/**
 * Every variant of the grid, built and checked against the scenario schema up front (so a bad
 * value fails before anything runs); `runSweep` then evaluates them.
 */
export function sweepVariants(text: string, file: string, dims: readonly Dimension[]): Variant[] {
  return cartesian(dims).map((settings) => applySettings(text, file, settings));
}

/**
 * Evaluates prepared variants (see `sweepVariants`) in order, each with the same seed and runs
 * (common random numbers); `onRow` is called after each.
 */
export async function runSweep(
  variants: readonly Variant[],
  dims: readonly Dimension[],
  opts: { file: string; model: string; runs: number; seed: number; evaluate: Evaluate; onRow?: (row: SweepRow, done: number, total: number) => void },
): Promise<SweepResult> {
  const rows: SweepRow[] = [];
  for (let i = 0; i < variants.length; i++) {
    const v = variants[i];
    const statistics = await opts.evaluate({ text: v.text, file: opts.file }, opts.runs, opts.seed);
    const params: Record<string, number> = {};
    for (const s of v.settings) params[s.param.text] = s.value;
    const row = { index: i, params, statistics };
    rows.push(row);
    opts.onRow?.(row, i + 1, variants.length);
  }
  return {
    format: 'tmdsim-sweep-v1',
    scenario: opts.file,
    model: opts.model,
    seed: opts.seed,
    runs: opts.runs,
    parameters: dims.map((d) => ({ name: d.param.text, values: [...d.values] })),
    rows,
  };
}

function csvCell(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function iv(prefix: string, x: Interval): [string, number][] {
  return [
    [prefix, x.estimate],
    [`${prefix}_lo`, x.lo],
    [`${prefix}_hi`, x.hi],
  ];
}

/** The columns and values of a sweep row (shared by CSV and the report table). */
export function sweepRowCells(r: SweepRow): [string, number][] {
  const s = r.statistics;
  const cells: [string, number][] = Object.entries(r.params);
  cells.push(['replicas', s.replicas]);
  cells.push(...iv('p_no_leaker', s.p_no_leaker), ...iv('expected_leakers', s.expected_leakers), ...iv('interceptors_per_threat', s.interceptors_per_threat));
  cells.push(['threats_per_replica', s.replicas > 0 ? s.totals.threats / s.replicas : NaN]);
  cells.push(['interceptors_per_replica', s.replicas > 0 ? s.totals.interceptors / s.replicas : NaN]);
  for (const a of s.assets) cells.push(...iv(`p_hit_${a.id}`, a.p_hit));
  return cells;
}

/** The sweep as CSV: header row, RFC 4180 quoting, `\n` line ends. */
export function sweepCsv(res: SweepResult): string {
  if (res.rows.length === 0) return '';
  const head = sweepRowCells(res.rows[0]).map(([k]) => csvCell(k));
  const lines = [head.join(',')];
  for (const r of res.rows) lines.push(sweepRowCells(r).map(([, v]) => csvCell(v)).join(','));
  return lines.join('\n') + '\n';
}

/**
 * The plots of a sweep: P(no leaker) and expected leakers against the first parameter, one series
 * per combination of the others, with 95 % interval bars. Returns [file name, caption, SVG].
 */
export function sweepPlots(res: SweepResult): { name: string; caption: string; svg: string }[] {
  if (res.parameters.length === 0 || res.rows.length === 0) return [];
  const xName = res.parameters[0].name;
  const rest = res.parameters.slice(1).map((p) => p.name);
  const groups = new Map<string, SweepRow[]>();
  for (const r of res.rows) {
    const key = rest.length ? rest.map((n) => `${n}=${r.params[n]}`).join(', ') : 'all';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(r);
  }
  const series = (pick: (s: CampaignStatistics) => Interval) =>
    [...groups.entries()].map(([name, rows]) => ({
      name,
      points: rows.map((r) => {
        const v = pick(r.statistics);
        return { x: r.params[xName], y: v.estimate, lo: v.lo, hi: v.hi };
      }),
    }));
  const sub = `${res.scenario}, ${res.runs} replicas each, seed ${res.seed} (common random numbers)`;
  return [
    {
      name: 'p_no_leaker.svg',
      caption: `P(no leaker) against ${xName} with 95 % Wilson intervals; ${sub}`,
      svg: lineChart(series((s) => s.p_no_leaker), { title: `P(no leaker) vs ${xName}`, xLabel: xName, yLabel: 'P(no leaker)', yRange: [0, 1] }),
    },
    {
      name: 'expected_leakers.svg',
      caption: `Expected leakers against ${xName} with 95 % t intervals; ${sub}`,
      svg: lineChart(series((s) => s.expected_leakers), { title: `Expected leakers vs ${xName}`, xLabel: xName, yLabel: 'expected leakers' }),
    },
  ];
}
