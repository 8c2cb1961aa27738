/**
 * `tmd engage`: one threat against one battery with a perfect track — the missile is aimed
 * (min-energy), the launch window found from the interceptor's fly-out fan, the earliest good shot
 * fired and flown with midcourse guidance, homing and the endgame; prints the window, the
 * intercept, the miss and the kill probability, or why no shot exists. `--czml` writes both flights.
 */
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import { ecefToGeodetic } from '../../earth/index.js';
import { rngStream } from '../../math/index.js';
import { aimMissile, vehicleFromEntry } from '../../threat/index.js';
import { buildFan, createBattery, engage, interceptorFromEntry, type Engagement, type InterceptorTrajectory } from '../../interceptor/index.js';
import { toCzml, trajectoryToPath, type PathForOutput } from '../../io/index.js';
import { eciToEcefStateAt } from '../../earth/index.js';
import { readCatalog } from '../catalog-files.js';
import { parseLatLon, parseNumber } from '../parse.js';
import { writeOut } from './trajectory.js';

const DEG = Math.PI / 180;

interface Opts {
  missile: string;
  from: string;
  to: string;
  interceptor: string;
  battery: string;
  seed: string;
  epoch: string;
  json?: boolean;
  czml?: string;
}

export function register(program: Command): void {
  program
    .command('engage')
    .description('one missile against one interceptor battery (perfect track): launch window, intercept, miss, kill probability')
    .requiredOption('--missile <id>', 'missile type from the catalog (tmd catalog)')
    .requiredOption('--from <lat,lon>', 'missile launch point, degrees')
    .requiredOption('--to <lat,lon>', 'missile target, degrees')
    .requiredOption('--interceptor <id>', 'interceptor type from the catalog')
    .requiredOption('--battery <lat,lon>', 'battery (or ship) position, degrees')
    .option('--seed <n>', 'seed of the kill draw', '1')
    .option('--epoch <iso>', 'missile launch instant (UTC) for CZML', '2026-01-01T00:00:00Z')
    .option('--json', 'print one JSON object')
    .option('--czml <file>', 'write the RV and interceptor flights as CZML')
    .action((opts: Opts) => run(opts));
}

function run(opts: Opts): void {
  const from = parseLatLon('--from', opts.from);
  const to = parseLatLon('--to', opts.to);
  const bat = parseLatLon('--battery', opts.battery);
  const seed = parseNumber('--seed', opts.seed, { min: 0, integer: true });
  if (!Number.isFinite(Date.parse(opts.epoch))) throw userError('--epoch', `expected an ISO 8601 UTC instant such as 2026-01-01T00:00:00Z, found '${opts.epoch}'`);
  const catalog = readCatalog();
  const mv = vehicleFromEntry(catalog.get('missile', opts.missile, '--missile'));
  const iv = interceptorFromEntry(catalog.get('interceptor', opts.interceptor, '--interceptor'));
  const aim = aimMissile(mv, { lat: from.lat_deg * DEG, lon: from.lon_deg * DEG, h: 0, time: 0 }, { lat: to.lat_deg * DEG, lon: to.lon_deg * DEG }, { type: 'min-energy' });
  const rv = aim.flight.rv;
  const fan = buildFan(iv);
  const battery = createBattery({ lat: bat.lat_deg * DEG, lon: bat.lon_deg * DEG, h: 0 });
  const e = engage({
    vehicle: iv,
    fan,
    battery,
    truth: rv,
    tStart: rv.t0,
    tEnd: rv.t1,
    signature: iv.type.kill_vehicle.seeker.type === 'rf' ? mv.rvRcs : undefined,
    rng: rngStream(seed, 0, `${iv.id}-1`, 'kill'),
    record: !!opts.czml,
  });
  const report = summarize(e);
  if (opts.czml) {
    const paths: PathForOutput[] = [trajectoryToPath(rv, `${mv.id}-rv`, `${mv.type.name} RV`)];
    if (e.result?.trajectory) paths.push(interceptorPath(e.result.trajectory, `${iv.id}-1`, iv.type.name));
    writeOut('--czml', opts.czml, JSON.stringify(toCzml(opts.epoch, paths)));
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify({ missile: mv.id, interceptor: iv.id, ...report }) + '\n');
    return;
  }
  const lines = [`missile       ${mv.id}, ${(aim.range / 1000).toFixed(0)} km, flight ${(rv.t1 - rv.t0).toFixed(0)} s, apogee ${(aim.flight.apogeeAltitude / 1000).toFixed(0)} km`, `interceptor   ${iv.id} (${iv.type.name}) at ${bat.lat_deg}, ${bat.lon_deg}`];
  if (report.no_shot) {
    lines.push(`no shot       ${report.no_shot}`);
  } else {
    const w = report.window!;
    lines.push(`window        launch from t = ${w.first_launch_s.toFixed(1)} s to ${w.last_launch_s.toFixed(1)} s; intercepts from ${w.earliest_intercept_s.toFixed(1)} s to ${w.latest_intercept_s.toFixed(1)} s`);
    lines.push(`shoot-look    ${report.shoot_look_shoot ? `a second shot fits: launch at ${report.shoot_look_shoot.launch_s.toFixed(1)} s, intercept at ${report.shoot_look_shoot.intercept_s.toFixed(1)} s` : 'no second shot after kill assessment'}`);
    const i = report.intercept!;
    lines.push(`first shot    launched at ${report.launch_s!.toFixed(1)} s, ${report.outcome}`);
    lines.push(`intercept     t = ${i.time_s.toFixed(2)} s, altitude ${i.altitude_km.toFixed(1)} km, ground range ${i.ground_range_km.toFixed(1)} km`);
    lines.push(`miss          ${fmtMiss(report.miss_m)}; divert used ${report.divert_used_mps!.toFixed(1)} m/s`);
    lines.push(`kill          P_k ${report.pk!.toFixed(3)}, ${report.killed ? 'killed' : 'not killed'} (seed ${seed})`);
  }
  if (opts.czml) lines.push(`czml          ${opts.czml}`);
  process.stdout.write(lines.join('\n') + '\n');
}

function fmtMiss(m: number | null): string {
  if (m === null) return 'none (no closest approach)';
  return m < 0.01 ? `${(m * 1000).toFixed(2)} mm` : `${m.toFixed(2)} m`;
}

/** The JSON report of an engagement (keys of the brief; null and `no_shot` when no shot exists). */
export function summarize(e: Engagement) {
  const w = e.window;
  if (!w.feasible || !e.result || !e.plan) {
    return { window: null, intercept: null, miss_m: null, pk: null, killed: null, no_shot: w.noShot ?? 'no fire solution inside the fan' };
  }
  const r = e.result;
  const ca = r.outcome === 'closest-approach';
  return {
    window: { first_launch_s: w.firstLaunch, last_launch_s: w.lastLaunch, earliest_intercept_s: w.earliestIntercept, latest_intercept_s: w.latestIntercept },
    launch_s: e.plan.launchTime,
    outcome: r.outcome,
    intercept: { time_s: r.time, altitude_km: r.altitude / 1000, ground_range_km: r.groundRange / 1000 },
    miss_m: ca ? r.miss : null,
    pk: r.pk,
    killed: r.killed,
    divert_used_mps: r.divertUsed,
    shoot_look_shoot: w.second ? { launch_s: w.second.launchTime, intercept_s: w.second.interceptTime } : null,
    no_shot: null,
  };
}

/** The interceptor's recorded flight as an output path (ECEF). */
function interceptorPath(tr: InterceptorTrajectory, id: string, name: string): PathForOutput {
  const n = tr.t.length;
  const ecef = new Float64Array(6 * n);
  for (let i = 0; i < n; i++) eciToEcefStateAt(ecef, 6 * i, tr.eci, 6 * i, tr.t[i]);
  const llh = new Float64Array(3);
  const events = tr.events.map((ev) => {
    let i = 0;
    while (i < n - 1 && tr.t[i + 1] <= ev.t) i++;
    ecefToGeodetic(llh, ecef.subarray(6 * i, 6 * i + 3));
    return { name: ev.name, t: ev.t, lat_deg: llh[0] / DEG, lon_deg: llh[1] / DEG, alt_m: llh[2] };
  });
  return { id, name, kind: 'interceptor', t: tr.t, ecef, stride: 6, events };
}
