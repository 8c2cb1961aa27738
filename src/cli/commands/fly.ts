/** `tmd fly FILE`: flies every threat of a scenario and writes one CZML (and/or GeoJSON) with all trajectories. */
import type { Command } from 'commander';
import { flyThreats } from '../../sim/threats.js';
import { toCzml, toGeoJson, trajectoryToPath, type PathForOutput } from '../../io/index.js';
import { loadScenarioFile, readCatalog } from '../catalog-files.js';
import { writeOut } from './trajectory.js';

const RAD = 180 / Math.PI;

interface Opts {
  czml?: string;
  geojson?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('fly')
    .description("fly every threat of a scenario (aimed, with its shape) and report each flight")
    .argument('<file>', 'scenario file (.yaml or .json)')
    .option('--czml <file>', 'write all trajectories (RVs and spent stages) as one CZML document')
    .option('--geojson <file>', 'write all trajectories as GeoJSON')
    .option('--json', 'print one JSON array')
    .action((file: string, opts: Opts) => run(file, opts));
}

function run(file: string, opts: Opts): void {
  const catalog = readCatalog();
  const scenario = loadScenarioFile(file, catalog);
  const flown = flyThreats(scenario, catalog, file);
  const rows = flown.map((f) => {
    const fl = f.aim.flight;
    return {
      id: f.id,
      missile: f.missile,
      launch_time_s: fl.rv.t0,
      range_km: f.aim.range / 1000,
      flight_time_s: fl.impactTime - fl.rv.t0,
      apogee_km: fl.apogeeAltitude / 1000,
      impact_time_s: fl.impactTime,
      impact: { lat_deg: fl.impactLat * RAD, lon_deg: fl.impactLon * RAD, miss_m: f.aim.miss },
    };
  });
  if (opts.czml || opts.geojson) {
    const paths: PathForOutput[] = [];
    for (const f of flown) {
      paths.push(trajectoryToPath(f.aim.flight.rv, f.id, `${f.id} (${f.missile})`));
      if (f.aim.flight.booster) paths.push(trajectoryToPath(f.aim.flight.booster, `${f.id}-booster`, `${f.id} spent stage`));
    }
    if (opts.czml) writeOut('--czml', opts.czml, JSON.stringify(toCzml(scenario.epoch, paths)));
    if (opts.geojson) writeOut('--geojson', opts.geojson, JSON.stringify(toGeoJson(paths, { epochIso: scenario.epoch })));
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(rows) + '\n');
    return;
  }
  const lines = [`${file}: ${rows.length} missile${rows.length === 1 ? '' : 's'} flown`];
  lines.push('id              missile     launch s  range km  flight s  apogee km  impact                 miss m');
  for (const r of rows) {
    lines.push(
      `${r.id.padEnd(15)} ${r.missile.padEnd(10)} ${r.launch_time_s.toFixed(0).padStart(8)} ${r.range_km.toFixed(1).padStart(9)} ${r.flight_time_s.toFixed(0).padStart(9)} ${r.apogee_km.toFixed(0).padStart(10)}  ${r.impact.lat_deg.toFixed(3).padStart(8)}, ${r.impact.lon_deg.toFixed(3).padStart(8)}  ${r.impact.miss_m.toFixed(1).padStart(8)}`,
    );
  }
  if (opts.czml) lines.push(`czml: ${opts.czml}`);
  if (opts.geojson) lines.push(`geojson: ${opts.geojson}`);
  process.stdout.write(lines.join('\n') + '\n');
}
