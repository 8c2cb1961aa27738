/**
 * `tmd report DIR [--out FILE]`: a self-contained HTML report (src/analysis/report.ts) of the output
 * directory of `tmd campaign`, `tmd sweep`, `tmd saturation` or `tmd footprint`: the scenario, the
 * summary table with intervals, the plots, the assumptions and the sources of every catalog type
 * the scenario uses. Written to DIR/report.html unless --out says otherwise; never overwrites.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import {
  footprintMap,
  renderReport,
  saturationPlot,
  sweepPlots,
  sweepRowCells,
  type FootprintResult,
  type ReportInput,
  type ReportTable,
  type ReportType,
  type SaturationResult,
  type SweepResult,
} from '../../analysis/index.js';
import { CampaignStore, SUMMARY_FILE, type CampaignStatistics, type CampaignSummary } from '../../campaign/index.js';
import { catalogReferences, parseText } from '../../scenario/index.js';
import { readCatalog } from '../catalog-files.js';
import { loadCoastlines } from './footprint.js';

function readJson<T>(dir: string, name: string): T {
  const p = path.join(dir, name);
  try {
    return JSON.parse(fs.readFileSync(p, 'utf8')) as T;
  } catch (e) {
    throw userError(p, `cannot read it as JSON (${(e as Error).message.split('\n')[0]}); expected the file ${name} written by tmd`);
  }
}

function checkFormat(dir: string, name: string, v: { format?: unknown }, format: string): void {
  if (v.format !== format) throw userError(path.join(dir, name), `found format ${JSON.stringify(v.format)}, expected '${format}'`);
}

/** Catalog types the scenario references, with their sources (unknown ids are skipped). */
function typesOf(text: string | undefined): ReportType[] {
  if (text === undefined) return [];
  const p = parseText(text, 'scenario');
  if (p.problems.length) return [];
  const catalog = readCatalog();
  const seen = new Set<string>();
  const out: ReportType[] = [];
  for (const ref of catalogReferences(p.data)) {
    if (seen.has(ref.id)) continue;
    seen.add(ref.id);
    const e = catalog.find(ref.id);
    if (e) out.push({ id: e.id, kind: e.kind, name: e.name, file: e.file, sources: e.sources });
  }
  return out;
}

function statsTable(caption: string, s: CampaignStatistics): ReportTable {
  const rows: (string | number)[][] = [
    ['P(no leaker)', s.p_no_leaker.estimate, s.p_no_leaker.lo, s.p_no_leaker.hi, `Wilson, ${s.p_no_leaker.count} of ${s.replicas}`],
    ['expected leakers', s.expected_leakers.estimate, s.expected_leakers.lo, s.expected_leakers.hi, 't'],
    ['interceptors per threat', s.interceptors_per_threat.estimate, s.interceptors_per_threat.lo, s.interceptors_per_threat.hi, 'ratio'],
  ];
  for (const a of s.assets) rows.push([`P(hit) ${a.id}`, a.p_hit.estimate, a.p_hit.lo, a.p_hit.hi, `Wilson, ${a.hits} hits`]);
  for (const l of s.layers) rows.push([`${l.layer} layer kills per shot`, l.kills_per_shot.estimate, l.kills_per_shot.lo, l.kills_per_shot.hi, `${l.kills} kills / ${l.shots} shots`]);
  return { caption, columns: ['quantity', 'estimate', '95 % lo', '95 % hi', 'method'], rows };
}

const COMMON_ASSUMPTIONS = [
  'Every number in the catalog is notional, from the open literature cited below; nothing describes a real deployment.',
  'Replica randomness comes from streams keyed by (seed, replica, entity, purpose) (Philox4x32-10 keyed by SHA-256), so results do not depend on worker count or order.',
  'Intervals are 95 %: Wilson score intervals for probabilities (Wilson 1927), Student t for means, delta-method ratio intervals (Cochran 1977 §6.4) for per-shot and per-threat rates.',
];

function modelAssumptions(model: string): string[] {
  if (model === 'analytic') {
    return [
      "Replica model 'analytic': every missile is engaged independently with the scenario's analytic: doctrine (SSPK, shots, shoot-shoot or shoot-look-shoot with perfect kill assessment) and a common-mode reliability; no geometry, timing or inventory limits (Wilkening, Science & Global Security 8(2):183–215, 2000).",
    ];
  }
  return [`Replica model '${model}'.`];
}

function scenarioFrom(dir: string): { file: string; text: string } | null {
  const p = path.join(dir, 'scenario.yaml');
  return fs.existsSync(p) ? { file: 'scenario.yaml', text: fs.readFileSync(p, 'utf8') } : null;
}

/** Builds the report input from an output directory. */
export function reportInput(dir: string): ReportInput {
  const has = (n: string) => fs.existsSync(path.join(dir, n));
  const files = fs.readdirSync(dir).filter((f) => f !== 'report.html').sort();
  if (has('sweep.json')) {
    const r = readJson<SweepResult>(dir, 'sweep.json');
    checkFormat(dir, 'sweep.json', r, 'tmdsim-sweep-v1');
    const cols = r.rows.length ? sweepRowCells(r.rows[0]).map(([k]) => k).filter((k) => !/^p_hit_/.test(k)) : [];
    const rows = r.rows.map((row) => sweepRowCells(row).filter(([k]) => !/^p_hit_/.test(k)).map(([, v]) => v));
    const scen = scenarioFrom(dir);
    return {
      title: `Sweep of ${r.scenario} over ${r.parameters.map((p) => p.name).join(' × ')}`,
      kind: 'sweep',
      facts: [
        ['scenario', r.scenario],
        ['model', r.model],
        ['seed', String(r.seed)],
        ['replicas per variant', String(r.runs)],
        ['variants', String(r.rows.length)],
        ...r.parameters.map((p): [string, string] => [`values of ${p.name}`, p.values.join(', ')]),
      ],
      tables: [{ caption: 'One row per variant (estimates with 95 % intervals)', columns: cols, rows }],
      plots: sweepPlots(r).map((p) => ({ caption: p.caption, svg: p.svg })),
      assumptions: [
        ...COMMON_ASSUMPTIONS,
        ...modelAssumptions(r.model),
        'Common random numbers: every variant runs replicas 0 … runs−1 with the same seed, so an entity present in two variants draws the same numbers in both.',
        'raid_size N shares N missiles over the threat entries in proportion to their counts (largest remainder, ties to the earlier entry); inventory sets every battery’s inventory.',
      ],
      types: typesOf(scen?.text),
      scenario: scen,
      files,
    };
  }
  if (has('saturation.json')) {
    const r = readJson<SaturationResult>(dir, 'saturation.json');
    checkFormat(dir, 'saturation.json', r, 'tmdsim-saturation-v1');
    const rows: (string | number)[][] = [];
    for (const row of r.rows) {
      for (const c of row.crossings) {
        rows.push([
          row.inventory === null ? 'as scenario' : row.inventory,
          `${Math.round(c.threshold * 100)} %`,
          c.raid_size === null ? `> ${r.max_raid}` : c.raid_size,
          c.interval[0] === null ? `> ${r.max_raid}` : c.interval[0],
          c.interval[1] === null ? `> ${r.max_raid}` : c.interval[1],
          c.p_leak ? c.p_leak.estimate : NaN,
          c.more_missiles ?? NaN,
          c.cost ? c.cost.defender_musd : NaN,
          c.cost ? c.cost.attacker_musd : NaN,
          c.cost ? c.cost.ratio : NaN,
        ]);
      }
    }
    const costLines: string[] = [];
    if (r.costs.missile) for (const t of r.costs.missile.by_type) costLines.push(`Missile ${t.type}: ${t.musd} M$ per unit (${t.note || 'catalog'}).`);
    for (const [l, c] of Object.entries(r.costs.layers)) if (c) for (const t of c.by_type) costLines.push(`${l} layer interceptor ${t.type}: ${t.musd} M$ per unit${t.year ? ` (${t.year} dollars)` : ''} (${t.note || 'catalog'}).`);
    const scen = scenarioFrom(dir);
    return {
      title: `Saturation of ${r.scenario}`,
      kind: 'saturation',
      facts: [
        ['scenario', r.scenario],
        ['model', r.model],
        ['seed', String(r.seed)],
        ['replicas per raid size', String(r.runs)],
        ['raid size in the scenario', String(r.current_raid_size)],
        ['largest raid searched', String(r.max_raid)],
      ],
      tables: [
        {
          caption: 'Raid size at which P(at least one leaker) passes each threshold; interval: raid sizes whose 95 % Wilson interval straddles the threshold',
          columns: ['inventory', 'threshold', 'raid size', 'interval lo', 'interval hi', 'P̂(≥1 leaker)', 'more than now', 'defense M$', 'attack M$', 'cost ratio'],
          rows,
        },
      ],
      plots: [{ caption: 'P(at least one leaker) against raid size at the raid sizes the search evaluated, with 95 % Wilson intervals', svg: saturationPlot(r) }],
      assumptions: [
        ...COMMON_ASSUMPTIONS,
        ...modelAssumptions(r.model),
        'The search bisects over raid size with common random numbers (same seed and replicas at every size), assuming P(at least one leaker) does not decrease as missiles are added.',
        'Cost exchange = (mean interceptors fired per layer × that layer’s unit cost) / (raid size × mean missile unit cost); unit costs are the catalog’s, in the dollars of their sources.',
        ...costLines,
      ],
      types: typesOf(scen?.text),
      scenario: scen,
      files,
    };
  }
  if (has('footprint.json')) {
    const r = readJson<FootprintResult>(dir, 'footprint.json');
    checkFormat(dir, 'footprint.json', r, 'tmdsim-footprint-v1');
    const ps = r.cells.map((c) => c.p.estimate);
    const coast = loadCoastlines();
    const scen = scenarioFrom(dir);
    return {
      title: `Defended footprint of ${r.scenario} against ${r.threat}`,
      kind: 'footprint',
      facts: [
        ['scenario', r.scenario],
        ['model', r.model],
        ['seed', String(r.seed)],
        ['replicas per aim point', String(r.runs)],
        ['threat entry', `${r.threat} (${r.missile}, reach ${r.reach.range_km} km)`],
        ['grid', `${r.grid.step_deg}° cells, ${r.cells.length} within reach`],
      ],
      tables: [
        {
          caption: 'P(intercept) over the aim points',
          columns: ['cells', 'min', 'mean', 'max', 'cells ≥ 0.5'],
          rows: [[ps.length, Math.min(...ps), ps.reduce((a, b) => a + b, 0) / Math.max(1, ps.length), Math.max(...ps), ps.filter((p) => p >= 0.5).length]],
        },
      ],
      plots: [{ caption: `P(intercept) by aim point (equirectangular map)${coast.note ? `; ${coast.note}` : ''}`, svg: footprintMap(r, coast.rings) }],
      assumptions: [
        ...COMMON_ASSUMPTIONS,
        ...modelAssumptions(r.model),
        `Each cell is a variant of the scenario with only threat ${r.threat}, one missile, aimed at the cell centre; cells farther than the missile's range (geodesic, WGS84) are not evaluated.`,
      ],
      types: typesOf(scen?.text),
      scenario: scen,
      files,
    };
  }
  if (has(SUMMARY_FILE)) {
    const s = readJson<CampaignSummary>(dir, SUMMARY_FILE);
    checkFormat(dir, SUMMARY_FILE, s, 'tmdsim-campaign-summary-v1');
    let text: string | undefined;
    try {
      const st = CampaignStore.open(dir, dir);
      text = st.meta.scenario.text;
      st.close();
    } catch {
      text = undefined;
    }
    return {
      title: `Campaign of ${s.scenario.file}`,
      kind: 'campaign',
      facts: [
        ['scenario', `${s.scenario.file} (SHA-256 ${s.scenario.sha256.slice(0, 16)}…)`],
        ['model', s.model],
        ['seed', String(s.seed)],
        ['replicas', `${s.replicas} of ${s.runs}${s.complete ? '' : ' (incomplete)'}`],
        ['totals', `${s.totals.threats} threats, ${s.totals.leakers} leakers, ${s.totals.killed} killed, ${s.totals.interceptors} interceptors`],
      ],
      tables: [statsTable('Summary (95 % intervals)', s)],
      plots: [],
      assumptions: [...COMMON_ASSUMPTIONS, ...modelAssumptions(s.model)],
      types: typesOf(text),
      scenario: text === undefined ? null : { file: s.scenario.file, text },
      files,
    };
  }
  throw userError(dir, 'found no tmd output here; expected a directory written by tmd campaign, sweep, saturation or footprint --out (summary.json, sweep.json, saturation.json or footprint.json)');
}

export function register(program: Command): void {
  program
    .command('report')
    .description('self-contained HTML report (inline SVG and CSS, no external links) of a campaign, sweep, saturation or footprint output directory')
    .argument('<dir>', 'an output directory of tmd campaign, sweep, saturation or footprint')
    .option('--out <file>', 'where to write the report (default DIR/report.html; never overwritten)')
    .action((dir: string, opts: { out?: string }) => {
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw userError(dir, 'no such directory; expected an output directory of tmd campaign, sweep, saturation or footprint');
      const out = opts.out ?? path.join(dir, 'report.html');
      if (fs.existsSync(out)) throw userError(opts.out !== undefined ? '--out' : dir, `'${out}' already exists; remove it or pass --out FILE (nothing was changed)`);
      const html = renderReport(reportInput(dir));
      fs.writeFileSync(out, html, { flag: 'wx' });
      process.stdout.write(`report: ${out}\n`);
    });
}
