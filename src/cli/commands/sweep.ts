/**
 * `tmd sweep SCENARIO --vary PATH=SPEC [--vary …] [--runs N] [--seed S] [--out DIR] [--json]`: a
 * grid of scenario variants (cartesian product of the --vary values), each evaluated by a
 * campaign of the same replicas (common random numbers); a table (CSV/JSON) and SVG plots.
 *
 * Also the helpers the other analysis commands share: reading the scenario, the common flags,
 * the campaign evaluator and the output directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError, userError } from '../../errors.js';
import {
  parseValueSpec,
  resolveParam,
  runSweep,
  scenarioData,
  scenarioParamPaths,
  SHORTCUTS,
  sweepCsv,
  sweepPlots,
  sweepVariants,
  type Dimension,
  type Evaluate,
  type ParamPath,
  type SweepResult,
  type Variant,
} from '../../analysis/index.js';
import { defaultModel, isFreshDir, modelFactory, modelNames, runCampaign, WHOLE, type CampaignStatistics } from '../../campaign/index.js';
import { parseChoice, parseNumber } from '../parse.js';

/** Flags every analysis command takes. */
export interface CommonOpts {
  runs?: string;
  seed?: string;
  workers?: string;
  model?: string;
  out?: string;
  json?: boolean;
}

/** The resolved common flags. */
export interface Common {
  file: string;
  text: string;
  data: unknown;
  runs: number;
  seed: number;
  model: string;
  workers: number;
  out?: string;
}

/** Reads a scenario file; UserError naming the path when it cannot be read. */
export function readScenarioText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw userError(file, 'no such file; expected a scenario file (.yaml or .json)');
    if (code === 'EISDIR') throw userError(file, 'found a directory, expected a scenario file (.yaml or .json)');
    throw userError(file, `cannot read the file (${code ?? (e as Error).message})`);
  }
}

/**
 * Resolves the common flags. The --out directory must not exist or be empty (nothing is ever
 * overwritten); it is checked here, before any work.
 */
export function resolveCommon(file: string, opts: CommonOpts, defaultRuns: number): Common {
  const text = readScenarioText(file);
  const data = scenarioData(text, file);
  if (opts.out !== undefined && !isFreshDir(opts.out)) {
    throw userError('--out', `'${opts.out}' already exists and is not empty; choose a new directory (nothing was changed)`);
  }
  const runs = opts.runs !== undefined ? parseNumber('--runs', opts.runs, { integer: true, min: 1, max: 100_000_000 }) : defaultRuns;
  let seed: number;
  if (opts.seed !== undefined) seed = parseNumber('--seed', opts.seed, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
  else {
    const sc = typeof data === 'object' && data !== null ? (data as { seed?: unknown }).seed : undefined;
    seed = typeof sc === 'number' && Number.isSafeInteger(sc) && sc >= 0 ? sc : 0;
  }
  const model = opts.model !== undefined ? parseChoice('--model', opts.model, modelNames()) : defaultModel(text, '--model');
  // The analytic model runs millions of replicas a second: a worker pool per variant costs more than it saves.
  const workers =
    opts.workers !== undefined ? parseNumber('--workers', opts.workers, { integer: true, min: 0, max: 256 }) : model === 'analytic' ? 0 : Math.max(1, os.availableParallelism());
  return { file, text, data, runs, seed, model, workers, out: opts.out };
}

/** Only the statistics of a campaign summary (nothing that depends on timing or workers). */
export function statisticsOf(s: CampaignStatistics): CampaignStatistics {
  return {
    replicas: s.replicas,
    p_no_leaker: s.p_no_leaker,
    expected_leakers: s.expected_leakers,
    interceptors_per_threat: s.interceptors_per_threat,
    totals: s.totals,
    assets: s.assets,
    layers: s.layers,
  };
}

/** An Evaluate that runs a campaign (src/campaign runCampaign, no store) of the model. */
export function campaignEvaluator(model: string, workers: number): Evaluate {
  return async (v, runs, seed) => {
    const o = await runCampaign({ scenarioText: v.text, scenarioFile: v.file, model, seed, runs, shard: WHOLE }, { workers });
    return statisticsOf(o.summary);
  };
}

/**
 * True when the analytic replica model cannot see the parameter: it reads only the threats (counts
 * and aim points), the assets and its analytic: section (src/campaign/analytic.ts).
 */
export function analyticIgnores(p: ParamPath): boolean {
  if (p.kind === 'shortcut') return p.name === 'inventory';
  return !['threats', 'assets', 'analytic'].includes(String(p.keys[0]));
}

/** Checks every variant with the replica model's own validation before anything runs. */
export function checkVariants(model: string, file: string, variants: readonly Variant[]): void {
  const factory = modelFactory(model);
  for (const v of variants) {
    try {
      factory(v.text, file);
    } catch (e) {
      if (!(e instanceof UserError) || v.settings.length === 0) throw e;
      const label = v.settings.map((s) => `${s.param.text}=${s.value}`).join(', ');
      throw new UserError(e.problems.map((q) => ({ where: q.where, message: `${q.message} (variant ${label})` })));
    }
  }
}

/** Creates the --out directory and writes files into it; returns their paths. */
export function writeOut(dir: string, files: Record<string, string>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (const [name, body] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.writeFileSync(p, body, { flag: 'wx' });
    out.push(p);
  }
  return out;
}

/** A progress line on stderr when it is a terminal (cleared at the end). */
export function progressLine(label: string, enabled: boolean): { update(done: number, total: number): void; stop(): void } {
  const on = enabled && process.stderr.isTTY === true;
  return {
    update(done, total) {
      if (on) process.stderr.write(`\r${label} ${done}/${total}`);
    },
    stop() {
      if (on) process.stderr.write('\r\x1b[K');
    },
  };
}

const f4 = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : '—');
const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');

function formatSweep(res: SweepResult): string {
  const names = res.parameters.map((p) => p.name);
  const lines = [`sweep ${res.scenario}  model ${res.model}  seed ${res.seed}  ${res.runs} replicas per variant (common random numbers)`];
  const head = [...names, 'P(no leaker) [95 %]', 'E[leakers] [95 %]', 'interceptors/threat'];
  const rows = res.rows.map((r) => [
    ...names.map((n) => String(r.params[n])),
    `${f4(r.statistics.p_no_leaker.estimate)} [${f4(r.statistics.p_no_leaker.lo)}, ${f4(r.statistics.p_no_leaker.hi)}]`,
    `${f3(r.statistics.expected_leakers.estimate)} [${f3(r.statistics.expected_leakers.lo)}, ${f3(r.statistics.expected_leakers.hi)}]`,
    f3(r.statistics.interceptors_per_threat.estimate),
  ]);
  const all = [head, ...rows];
  const w = head.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  for (const r of all) lines.push(r.map((c, j) => c.padEnd(w[j])).join('  ').trimEnd());
  return lines.join('\n') + '\n';
}

interface SweepOpts extends CommonOpts {
  vary: string[];
  listPaths?: boolean;
}

export function register(program: Command): void {
  program
    .command('sweep')
    .description('sweep numeric scenario parameters over a grid (common random numbers): table (CSV/JSON) and SVG plots')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--vary <path=spec>', 'PATH=a:b:step or PATH=v1,v2,… (repeatable; the grid is their cartesian product); PATH: raid_size, inventory or a path such as threats[0].count', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--runs <n>', 'replicas per variant (default 1000)')
    .option('--seed <s>', "campaign seed (default: the scenario's seed, else 0); the same for every variant")
    .option('--workers <w>', 'worker threads per campaign (default: 0 for the analytic model, else the available cores)')
    .option('--model <m>', "replica model (default: 'sim' when available, else 'analytic')")
    .option('--out <dir>', 'new directory for sweep.csv, sweep.json, the plots and a copy of the scenario')
    .option('--list-paths', 'print the parameter paths of the scenario and exit')
    .option('--json', 'print the sweep as one JSON object')
    .action(async (file: string, opts: SweepOpts) => {
      if (opts.listPaths) {
        const data = scenarioData(readScenarioText(file), file);
        process.stdout.write([...SHORTCUTS, ...scenarioParamPaths(data)].join('\n') + '\n');
        return;
      }
      const c = resolveCommon(file, opts, 1000);
      if (opts.vary.length === 0) throw userError('--vary', 'is required: PATH=a:b:step or PATH=v1,v2,… (e.g. --vary raid_size=4:64:4); --list-paths shows the paths');
      const dims: Dimension[] = [];
      for (const v of opts.vary) {
        const eq = v.indexOf('=');
        if (eq <= 0) throw userError('--vary', `found '${v}', expected PATH=SPEC (e.g. raid_size=4:64:4 or inventory=8,16,32)`);
        const param = resolveParam(v.slice(0, eq), c.data, '--vary');
        if (dims.some((d) => d.param.text === param.text)) throw userError('--vary', `found ${param.text} twice, expected each parameter once`);
        dims.push({ param, values: parseValueSpec(`--vary ${param.text}`, v.slice(eq + 1)) });
      }
      if (c.model === 'analytic') {
        for (const d of dims) {
          if (analyticIgnores(d.param)) process.stderr.write(`tmd sweep: note: the analytic model does not read ${d.param.text}; its results will not change along it\n`);
        }
      }
      const variants = sweepVariants(c.text, file, dims);
      checkVariants(c.model, file, variants);
      const bar = progressLine('sweep: variant', !opts.json);
      let res: SweepResult;
      try {
        res = await runSweep(variants, dims, {
          file: path.basename(file),
          model: c.model,
          runs: c.runs,
          seed: c.seed,
          evaluate: campaignEvaluator(c.model, c.workers),
          onRow: (_, done, total) => bar.update(done, total),
        });
      } finally {
        bar.stop();
      }
      let written: string[] = [];
      if (c.out !== undefined) {
        const files: Record<string, string> = { 'sweep.json': JSON.stringify(res, null, 1) + '\n', 'sweep.csv': sweepCsv(res), 'scenario.yaml': c.text };
        for (const p of sweepPlots(res)) files[p.name] = p.svg;
        written = writeOut(c.out, files);
      }
      if (opts.json) process.stdout.write(JSON.stringify(res) + '\n');
      else {
        process.stdout.write(formatSweep(res));
        if (written.length) process.stdout.write(`wrote ${written.join(', ')}\nreport: tmd report ${c.out}\n`);
      }
    });
}
