/**
 * `tmd run SCENARIO`: one replica of the whole defense; prints per threat what happened to it (by
 * whom and when intercepted, or where it landed and how far from its aim point) and the
 * interceptors spent.
 */
import type { Command } from 'commander';
import { replay } from '../../sim/events.js';
import { prepareScenario, runReplica } from '../../sim/replica.js';
import { loadScenarioFile, readCatalog } from '../catalog-files.js';
import { parseChoice, parseNumber } from '../parse.js';
import { writeOut } from './trajectory.js';
import { toCzml, trajectoryToPath, type PathForOutput } from '../../io/index.js';
import { eciToEcefStateAt, ecefToGeodetic } from '../../earth/index.js';
import type { PreparedScenario, ReplicaOutput } from '../../sim/replica.js';

/** Every threat's RV until its kill or impact, and every interceptor's flight, for CZML. */
function replicaPaths(p: PreparedScenario, out: ReplicaOutput): PathForOutput[] {
  const paths: PathForOutput[] = [];
  const killedAt = new Map<string, number>();
  for (const e of out.log.events) if (e.type === 'intercept' && e.killed && !killedAt.has(e.threatId)) killedAt.set(e.threatId, e.t);
  for (const f of p.flown) {
    const path = trajectoryToPath(f.aim.flight.rv, f.id, `${f.id} (${f.missile})`);
    const end = killedAt.get(f.id);
    if (end !== undefined) {
      let n = 0;
      while (n < path.t.length && path.t[n] <= end) n++;
      path.t = path.t.slice(0, Math.max(n, 2));
      path.ecef = path.ecef.slice(0, 6 * Math.max(n, 2));
      path.events = path.events.filter((e) => e.t <= end);
    }
    paths.push(path);
  }
  const llh = new Float64Array(3);
  for (const i of out.interceptorFlights) {
    const n = i.flight.t.length;
    const ecef = new Float64Array(6 * n);
    for (let k = 0; k < n; k++) eciToEcefStateAt(ecef, 6 * k, i.flight.eci, 6 * k, i.flight.t[k]);
    const events = i.flight.events.map((e) => {
      let k = 0;
      while (k < n - 1 && i.flight.t[k] < e.t) k++;
      ecefToGeodetic(llh, ecef.subarray(6 * k, 6 * k + 3));
      return { name: e.name, t: e.t, lat_deg: (llh[0] * 180) / Math.PI, lon_deg: (llh[1] * 180) / Math.PI, alt_m: llh[2] };
    });
    paths.push({ id: i.id, name: `interceptor ${i.id}`, kind: 'interceptor', t: i.flight.t, ecef, stride: 6, events });
  }
  return paths;
}

interface Opts {
  czml?: string;
  seed?: string;
  replica: string;
  json?: boolean;
  log?: string;
  tracking: string;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('run one replica of the whole defense and report what happened to each threat')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--seed <n>', "random seed (default: the scenario's seed, else 1)")
    .option('--replica <n>', 'replica index', '0')
    .option('--log <file>', 'write the event log as JSON Lines')
    .option('--czml <file>', 'write the threats and interceptors as CZML (each flight until its intercept or impact)')
    .option('--tracking <mode>', 'perfect (the battle manager plans on the true trajectories once the radars detect them) or full (radar scans → tracker → battle manager on tracks)', 'perfect')
    .option('--json', 'print one JSON object')
    .action((file: string, opts: Opts) => run(file, opts));
}

function run(file: string, opts: Opts): void {
  const replica = parseNumber('--replica', opts.replica, { min: 0, integer: true });
  const tracking = parseChoice('--tracking', opts.tracking, ['perfect', 'full'] as const);
  const catalog = readCatalog();
  const scenario = loadScenarioFile(file, catalog);
  const seed = opts.seed !== undefined ? parseNumber('--seed', opts.seed, { min: 0, integer: true }) : (scenario.seed ?? 1);
  const t0 = performance.now();
  const prepared = prepareScenario(scenario, catalog, file);
  const t1 = performance.now();
  const out = runReplica(prepared, seed, replica, Boolean(opts.czml), { tracking });
  const t2 = performance.now();
  if (opts.log) writeOut('--log', opts.log, out.log.toJsonl());
  if (opts.czml) writeOut('--czml', opts.czml, JSON.stringify(toCzml(scenario.epoch, replicaPaths(prepared, out))));
  const summary = replay(out.log.events);
  const perThreat = prepared.flown.map((f) => {
    const o = summary.threats.find((x) => x.threatId === f.id);
    const events = out.log.events.filter((e) => 'threatId' in e && e.threatId === f.id);
    const kill = events.find((e) => e.type === 'intercept' && e.killed);
    const impact = events.find((e) => e.type === 'impact');
    return {
      id: f.id,
      outcome: kill ? 'intercepted' : impact ? 'leaked' : (o?.outcome ?? 'unresolved'),
      interceptors: events.filter((e) => e.type === 'fire').length,
      intercepted_by: kill && kill.type === 'intercept' ? kill.battery : null,
      intercept_time_s: kill ? kill.t : null,
      intercept_altitude_km: kill && kill.type === 'intercept' ? kill.altitude_m / 1000 : null,
      impact:
        impact && impact.type === 'impact'
          ? { time_s: impact.t, lat_deg: impact.lat_deg, lon_deg: impact.lon_deg, aim_miss_m: impact.aim_miss_m, asset: impact.assetId }
          : null,
    };
  });
  const r = out.result;
  const result = {
    scenario: file,
    seed,
    replica,
    tracking,
    threats: r.threats,
    killed: r.killed,
    leakers: r.leakers,
    interceptors: r.interceptors,
    assets_hit: scenario.assets.filter((_, i) => r.assetHit[i]).map((a) => a.id),
    per_threat: perThreat,
    timing: { prepare_ms: t1 - t0, replica_ms: t2 - t1 },
  };
  if (opts.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const lines = [`${file}: seed ${seed}, replica ${replica}, ${tracking} tracking: ${r.threats} threats, ${r.killed} intercepted, ${r.leakers} leaked, ${r.interceptors} interceptors fired`];
  for (const t of perThreat) {
    if (t.outcome === 'intercepted') {
      lines.push(`  ${t.id.padEnd(16)} intercepted by ${t.intercepted_by} at t=${t.intercept_time_s!.toFixed(1)} s, ${t.intercept_altitude_km!.toFixed(1)} km altitude (${t.interceptors} interceptor${t.interceptors === 1 ? '' : 's'})`);
    } else if (t.impact) {
      lines.push(
        `  ${t.id.padEnd(16)} LEAKED: landed at t=${t.impact.time_s.toFixed(1)} s, ${t.impact.lat_deg.toFixed(3)}, ${t.impact.lon_deg.toFixed(3)}, ${t.impact.aim_miss_m.toFixed(0)} m from its aim point${t.impact.asset ? ` in ${t.impact.asset}` : ''} (${t.interceptors} interceptor${t.interceptors === 1 ? '' : 's'} fired at it)`,
      );
    } else lines.push(`  ${t.id.padEnd(16)} ${t.outcome}`);
  }
  if (result.assets_hit.length) lines.push(`assets hit: ${result.assets_hit.join(', ')}`);
  if (opts.log) lines.push(`event log: ${opts.log}`);
  if (opts.czml) lines.push(`czml: ${opts.czml}`);
  process.stdout.write(lines.join('\n') + '\n');
}
