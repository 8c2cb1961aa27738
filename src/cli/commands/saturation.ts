/**
 * `tmd saturation SCENARIO [--inventories 8,16,32] [--max-raid N] [--runs N] …`: for each
 * interceptor inventory, the raid size at which P(at least one leaker) passes 50 % and 90 % (with
 * intervals), and the cost-exchange ratio from the catalog's unit costs (src/analysis/saturation.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import {
  applySettings,
  catalogUnitCost,
  raidSizeOf,
  resolveParam,
  saturationPlot,
  saturationRow,
  saturationSearch,
  type SaturationResult,
  type Setting,
  type UnitCost,
} from '../../analysis/index.js';
import type { Catalog } from '../../scenario/index.js';
import { packageRoot, readCatalog } from '../catalog-files.js';
import { parseNumber, parseNumberList } from '../parse.js';
import { campaignEvaluator, checkVariants, progressLine, resolveCommon, writeOut, type CommonOpts } from './sweep.js';

interface Opts extends CommonOpts {
  inventories?: string;
  maxRaid?: string;
  thresholds?: string;
  missileCost?: string;
  interceptorCost?: string;
}

interface Cost {
  musd: number;
  by_type: UnitCost[];
}

function entryCost(catalog: Catalog, kind: string, id: string, root: string): UnitCost | undefined {
  if (!catalog.has(kind, id)) return undefined;
  const e = catalog.get(kind, id);
  let text = '';
  try {
    text = fs.readFileSync(path.join(root, e.file), 'utf8');
  } catch {
    // the comment (with the cited sources) is optional; the value is in the entry
  }
  return catalogUnitCost(e as unknown as Parameters<typeof catalogUnitCost>[0], text);
}

/** Mean missile unit cost over the raid as written (weighted by counts); null when a type has none. */
function missileCost(data: unknown, catalog: Catalog, root: string): Cost | null {
  const threats = (data as { threats?: { missile?: unknown; count?: unknown }[] }).threats ?? [];
  let sum = 0;
  let n = 0;
  const types = new Map<string, UnitCost>();
  for (const t of threats) {
    if (typeof t.missile !== 'string') return null;
    const c = types.get(t.missile) ?? entryCost(catalog, 'missile', t.missile, root);
    if (!c) return null;
    types.set(t.missile, c);
    const k = typeof t.count === 'number' ? t.count : 1;
    sum += k * c.musd;
    n += k;
  }
  return n > 0 ? { musd: sum / n, by_type: [...types.values()] } : null;
}

/** Interceptor unit cost per layer: the mean over the layer's batteries; null when one has none. */
function layerCosts(data: unknown, catalog: Catalog, root: string): Record<string, Cost | null> {
  const bats = (data as { batteries?: { layer?: unknown; interceptor?: unknown }[] }).batteries ?? [];
  const acc = new Map<string, { sum: number; n: number; types: Map<string, UnitCost>; missing: boolean }>();
  for (const b of bats) {
    if (typeof b.layer !== 'string' || typeof b.interceptor !== 'string') continue;
    let a = acc.get(b.layer);
    if (!a) acc.set(b.layer, (a = { sum: 0, n: 0, types: new Map(), missing: false }));
    const c = a.types.get(b.interceptor) ?? entryCost(catalog, 'interceptor', b.interceptor, root);
    if (!c) {
      a.missing = true;
      continue;
    }
    a.types.set(b.interceptor, c);
    a.sum += c.musd;
    a.n += 1;
  }
  const out: Record<string, Cost | null> = {};
  for (const [layer, a] of acc) out[layer] = a.missing || a.n === 0 ? null : { musd: a.sum / a.n, by_type: [...a.types.values()] };
  return out;
}

const f3 = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3));
const nOrDash = (x: number | null): string => (x === null ? `>max` : String(x));

function formatSaturation(r: SaturationResult): string {
  const lines = [
    `saturation ${r.scenario}  model ${r.model}  seed ${r.seed}  ${r.runs} replicas per raid size (common random numbers)  raid now ${r.current_raid_size}  max raid ${r.max_raid}`,
  ];
  const m = r.costs.missile;
  lines.push(`missile unit cost: ${m ? `${m.musd.toFixed(2)} M$ (${m.by_type.map((c) => `${c.type} ${c.musd}`).join(', ')})` : 'unknown'}`);
  for (const [layer, c] of Object.entries(r.costs.layers)) {
    lines.push(`${layer} interceptor unit cost: ${c ? `${c.musd.toFixed(2)} M$ (${c.by_type.map((x) => `${x.type} ${x.musd}`).join(', ')})` : 'unknown'}`);
  }
  for (const row of r.rows) {
    lines.push(`inventory ${row.inventory === null ? 'as in the scenario' : row.inventory}:`);
    for (const c of row.crossings) {
      const pct = `${Math.round(c.threshold * 100)} %`;
      const more = c.more_missiles === null ? '' : `  (${c.more_missiles >= 0 ? '+' : ''}${c.more_missiles} vs now)`;
      const cost = c.cost ? `  cost exchange ${f3(c.cost.ratio)} (defense ${f3(c.cost.defender_musd)} M$ / attack ${f3(c.cost.attacker_musd)} M$)` : '';
      lines.push(
        `  P(≥1 leaker) ≥ ${pct.padEnd(4)} at raid size ${nOrDash(c.raid_size)}  interval [${nOrDash(c.interval[0])}, ${nOrDash(c.interval[1])}]` +
          `${c.p_leak ? `  P̂ ${c.p_leak.estimate.toFixed(3)} [${c.p_leak.lo.toFixed(3)}, ${c.p_leak.hi.toFixed(3)}]` : ''}${more}${cost}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('saturation')
    .description('raid size at which P(at least one leaker) passes 50 % and 90 %, per inventory, with the cost-exchange ratio')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--inventories <list>', 'interceptor inventories to try, each given to every battery (default: as in the scenario)')
    .option('--max-raid <n>', 'largest raid size searched (default: max(64, 4 × the scenario raid))')
    .option('--thresholds <list>', 'probabilities of at least one leaker to find (default 0.5,0.9)')
    .option('--missile-cost <musd>', 'missile unit cost, M$ (default: the catalog unit_cost_musd)')
    .option('--interceptor-cost <musd>', 'interceptor unit cost for every layer, M$ (default: the catalog cost.unit_musd)')
    .option('--runs <n>', 'replicas per raid size (default 1000)')
    .option('--seed <s>', "campaign seed (default: the scenario's seed, else 0)")
    .option('--workers <w>', 'worker threads per campaign (default: 0 for the analytic model, else the available cores)')
    .option('--model <m>', "replica model (default: 'sim' when available, else 'analytic')")
    .option('--out <dir>', 'new directory for saturation.json, saturation.svg and a copy of the scenario')
    .option('--json', 'print the result as one JSON object')
    .action(async (file: string, opts: Opts) => {
      const c = resolveCommon(file, opts, 1000);
      const current = raidSizeOf(c.data);
      const nThreats = Array.isArray((c.data as { threats?: unknown }).threats) ? ((c.data as { threats: unknown[] }).threats.length) : 0;
      if (current < 1) throw userError(file, 'the scenario has no threats; expected at least one to scale the raid');
      const maxAllowed = 1000 * nThreats; // the schema allows at most 1000 missiles per threat entry
      const maxRaid =
        opts.maxRaid !== undefined
          ? parseNumber('--max-raid', opts.maxRaid, { integer: true, min: 1, max: maxAllowed })
          : Math.min(maxAllowed, Math.max(64, 4 * current));
      const thresholds = opts.thresholds !== undefined ? parseNumberList('--thresholds', opts.thresholds, { min: 0.001, max: 0.999 }) : [0.5, 0.9];
      const inventories: (number | null)[] =
        opts.inventories !== undefined ? parseNumberList('--inventories', opts.inventories, { min: 0, max: 1_000_000 }) : [null];
      for (const i of inventories) if (i !== null && !Number.isInteger(i)) throw userError('--inventories', `found ${i}, expected whole numbers of interceptors`);
      const invParam = inventories[0] !== null ? resolveParam('inventory', c.data, '--inventories') : null;
      if (invParam && c.model === 'analytic' && !opts.json) {
        process.stderr.write('tmd saturation: note: the analytic model has no inventory limit; every inventory gives the same answer\n');
      }
      const raidParam = resolveParam('raid_size', c.data, '--max-raid');
      const settings = (inv: number | null, n: number): Setting[] => [
        ...(invParam && inv !== null ? [{ param: invParam, value: inv }] : []),
        { param: raidParam, value: n },
      ];
      // every inventory at both ends of the search, checked before anything runs
      checkVariants(
        c.model,
        file,
        inventories.flatMap((inv) => [applySettings(c.text, file, settings(inv, 1)), applySettings(c.text, file, settings(inv, maxRaid))]),
      );

      const catalog = readCatalog();
      const root = packageRoot();
      const mOverride = opts.missileCost !== undefined ? parseNumber('--missile-cost', opts.missileCost, { min: 0 }) : undefined;
      const iOverride = opts.interceptorCost !== undefined ? parseNumber('--interceptor-cost', opts.interceptorCost, { min: 0 }) : undefined;
      const mCost = mOverride !== undefined ? { musd: mOverride, by_type: [] } : missileCost(c.data, catalog, root);
      const lCosts = layerCosts(c.data, catalog, root);
      if (iOverride !== undefined) for (const l of ['upper', 'lower']) lCosts[l] = { musd: iOverride, by_type: [] };
      const layerMusd: Record<string, number | undefined> = {};
      for (const [l, v] of Object.entries(lCosts)) layerMusd[l] = v?.musd;

      const evaluate = campaignEvaluator(c.model, c.workers);
      const res: SaturationResult = {
        format: 'tmdsim-saturation-v1',
        scenario: path.basename(file),
        model: c.model,
        seed: c.seed,
        runs: c.runs,
        max_raid: maxRaid,
        current_raid_size: current,
        thresholds,
        costs: { missile: mCost, layers: lCosts },
        rows: [],
      };
      const bar = progressLine('saturation: campaigns', !opts.json);
      let done = 0;
      try {
        for (const inv of inventories) {
          const curve = await saturationSearch(
            async (n) => {
              const v = applySettings(c.text, file, settings(inv, n));
              const s = await evaluate({ text: v.text, file }, c.runs, c.seed);
              bar.update(++done, done);
              return s;
            },
            maxRaid,
            thresholds,
          );
          res.rows.push(saturationRow(inv, curve, current, mCost?.musd, layerMusd));
        }
      } finally {
        bar.stop();
      }
      let written: string[] = [];
      if (c.out !== undefined) {
        written = writeOut(c.out, { 'saturation.json': JSON.stringify(res, null, 1) + '\n', 'saturation.svg': saturationPlot(res), 'scenario.yaml': c.text });
      }
      if (opts.json) process.stdout.write(JSON.stringify(res) + '\n');
      else {
        process.stdout.write(formatSaturation(res));
        if (written.length) process.stdout.write(`wrote ${written.join(', ')}\nreport: tmd report ${c.out}\n`);
      }
    });
}
