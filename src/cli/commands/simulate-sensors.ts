/**
 * `tmd simulate-sensors SCENARIO --out DIR`: flies the scenario's threats past its sensors and
 * writes DIR/truth.csv and DIR/measurements.csv (the formats of `tmd track` and `tmd score`), so
 * any tracker — ours or another — can be run and scored on the same data.
 */
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { userError } from '../../errors.js';
import { writeMeasurementsCsv, writeTruthCsv } from '../../io/index.js';
import { simulateSensors } from '../../sensor/index.js';
import { flyThreats } from '../../sim/threats.js';
import { buildSensors, cueFromEarlyWarning, sensedObjects } from '../../sim/world.js';
import { loadScenarioFile, readCatalog } from '../catalog-files.js';
import { parseNumber } from '../parse.js';
import { writeOut } from './trajectory.js';

interface Opts {
  out: string;
  seed?: string;
  replica: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('simulate-sensors')
    .description("write truth.csv and measurements.csv from a scenario's threats and sensors")
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .requiredOption('--out <dir>', 'output directory (created if missing)')
    .option('--seed <n>', "random seed (default: the scenario's seed, else 1)")
    .option('--replica <n>', 'replica index (random streams are keyed by seed and replica)', '0')
    .option('--json', 'print the counts as one JSON object')
    .action((file: string, opts: Opts) => run(file, opts));
}

function run(file: string, opts: Opts): void {
  const replica = parseNumber('--replica', opts.replica, { min: 0, integer: true });
  const catalog = readCatalog();
  const scenario = loadScenarioFile(file, catalog);
  const seed = opts.seed !== undefined ? parseNumber('--seed', opts.seed, { min: 0, integer: true }) : (scenario.seed ?? 1);
  if (!scenario.sensors.some((s) => s.type === 'radar')) throw userError(`${file} sensors`, 'the scenario has no radar: add one under sensors (type: radar)');
  const flown = flyThreats(scenario, catalog, file);
  const { objects, boosters } = sensedObjects(flown, catalog);
  const sensors = buildSensors(scenario, catalog, seed, replica);
  const reports = cueFromEarlyWarning(sensors, flown, boosters, catalog);
  const t1 = Math.max(...objects.map((o) => o.endTime));
  const { truth, scans } = simulateSensors(objects, sensors.radars, 0, t1);
  try {
    mkdirSync(opts.out, { recursive: true });
  } catch (e) {
    throw userError('--out', `cannot create directory '${opts.out}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  writeOut('--out', path.join(opts.out, 'truth.csv'), writeTruthCsv(truth));
  writeOut('--out', path.join(opts.out, 'measurements.csv'), writeMeasurementsCsv(scans));
  let detections = 0;
  let falseAlarms = 0;
  for (const s of scans) {
    detections += s.n;
    for (const t of s.truth) if (t === null) falseAlarms++;
  }
  const summary = {
    objects: objects.length,
    radars: sensors.radars.length,
    scans: scans.length,
    measurements: detections,
    false_alarms: falseAlarms,
    launch_reports: reports.length,
    truth_rows: truth.length,
    out: opts.out,
  };
  if (opts.json) {
    process.stdout.write(JSON.stringify(summary) + '\n');
    return;
  }
  process.stdout.write(
    `${file}: ${summary.objects} objects (RVs and spent stages) past ${summary.radars} radar(s): ${summary.scans} scans, ` +
      `${summary.measurements} measurements (${summary.false_alarms} false alarms), ${summary.launch_reports} early-warning reports\n` +
      `wrote ${path.join(opts.out, 'truth.csv')} and ${path.join(opts.out, 'measurements.csv')}\n`,
  );
}
