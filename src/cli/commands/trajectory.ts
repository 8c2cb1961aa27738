/**
 * `tmd trajectory`: one aimed missile flight — range, flight time, apogee, burnout, reentry
 * speed, impact and its miss — with optional CZML and GeoJSON output.
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { userError } from '../../errors.js';
import { aimMissile, vehicleFromEntry, type AimResult, type Shape } from '../../threat/index.js';
import { toCzml, toGeoJson, trajectoryToPath } from '../../io/index.js';
import { readCatalog } from '../catalog-files.js';
import { parseChoice, parseLatLon, parseNumber } from '../parse.js';

const DEG = Math.PI / 180;
const SHAPES = ['min-energy', 'lofted', 'depressed', 'burnout-angle'] as const;

interface Opts {
  missile: string;
  from: string;
  to: string;
  shape: string;
  apogeeKm?: string;
  burnoutAngleDeg?: string;
  epoch: string;
  json?: boolean;
  czml?: string;
  geojson?: string;
}

export function register(program: Command): void {
  program
    .command('trajectory')
    .description('fly one missile from a launch point to a target (aim solved) and report the flight')
    .requiredOption('--missile <id>', 'missile type from the catalog (tmd catalog)')
    .requiredOption('--from <lat,lon>', 'launch point, degrees')
    .requiredOption('--to <lat,lon>', 'target, degrees')
    .option('--shape <shape>', `trajectory shape: ${SHAPES.join(', ')}`, 'min-energy')
    .option('--apogee-km <km>', 'apogee for a lofted or depressed shape (default: full burn, range set by the steering)')
    .option('--burnout-angle-deg <deg>', 'burnout flight-path angle for --shape burnout-angle')
    .option('--epoch <iso>', 'launch instant (UTC) for CZML', '2026-01-01T00:00:00Z')
    .option('--json', 'print one JSON object')
    .option('--czml <file>', 'write the RV and booster trajectories as CZML')
    .option('--geojson <file>', 'write the trajectories as GeoJSON')
    .action((opts: Opts) => run(opts));
}

export function shapeFromFlags(shapeText: string, apogeeKm: string | undefined, angleDeg: string | undefined): Shape {
  const shape = parseChoice('--shape', shapeText, SHAPES);
  if (apogeeKm !== undefined && shape !== 'lofted' && shape !== 'depressed') {
    throw userError('--apogee-km', `only applies to --shape lofted or depressed, found --shape ${shape}`);
  }
  if (angleDeg !== undefined && shape !== 'burnout-angle') {
    throw userError('--burnout-angle-deg', `only applies to --shape burnout-angle, found --shape ${shape}`);
  }
  switch (shape) {
    case 'min-energy':
      return { type: 'min-energy' };
    case 'lofted':
    case 'depressed':
      return apogeeKm === undefined ? { type: shape } : { type: shape, apogeeM: parseNumber('--apogee-km', apogeeKm, { min: 50, max: 5000 }) * 1000 };
    case 'burnout-angle':
      if (angleDeg === undefined) throw userError('--burnout-angle-deg', 'required with --shape burnout-angle: the burnout flight-path angle in degrees (0-90)');
      return { type: 'burnout-angle', angleRad: parseNumber('--burnout-angle-deg', angleDeg, { min: 1, max: 89 }) * DEG };
  }
}

function run(opts: Opts): void {
  const from = parseLatLon('--from', opts.from);
  const to = parseLatLon('--to', opts.to);
  const shape = shapeFromFlags(opts.shape, opts.apogeeKm, opts.burnoutAngleDeg);
  if (!Number.isFinite(Date.parse(opts.epoch))) throw userError('--epoch', `expected an ISO 8601 UTC instant such as 2026-01-01T00:00:00Z, found '${opts.epoch}'`);
  const catalog = readCatalog();
  const entry = catalog.get('missile', opts.missile, '--missile');
  const vehicle = vehicleFromEntry(entry);
  const launch = { lat: from.lat_deg * DEG, lon: from.lon_deg * DEG, h: 0, time: 0 };
  const res = aimMissile(vehicle, launch, { lat: to.lat_deg * DEG, lon: to.lon_deg * DEG }, shape);
  const report = summarize(vehicle.id, opts.shape, res);
  if (opts.czml || opts.geojson) {
    const paths = [trajectoryToPath(res.flight.rv, `${vehicle.id}-rv`, `${vehicle.type.name} ${res.flight.rv.kind.toUpperCase()}`)];
    if (res.flight.booster) paths.push(trajectoryToPath(res.flight.booster, `${vehicle.id}-booster`, `${vehicle.type.name} spent stage`));
    if (opts.czml) writeOut('--czml', opts.czml, JSON.stringify(toCzml(opts.epoch, paths)));
    if (opts.geojson) writeOut('--geojson', opts.geojson, JSON.stringify(toGeoJson(paths)));
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  const b = report.burnout;
  const lines = [
    `missile       ${vehicle.id} (${vehicle.type.name})`,
    `shape         ${opts.shape}${opts.apogeeKm ? `, apogee ${opts.apogeeKm} km` : ''}${opts.burnoutAngleDeg ? `, burnout angle ${opts.burnoutAngleDeg}°` : ''}`,
    `range         ${report.range_km.toFixed(1)} km  (${fmtLatLon(from.lat_deg, from.lon_deg)} → ${fmtLatLon(to.lat_deg, to.lon_deg)})`,
    `flight time   ${report.flight_time_s.toFixed(1)} s`,
    `apogee        ${report.apogee_km.toFixed(1)} km`,
    `burnout       t ${b.time_s.toFixed(1)} s, altitude ${b.altitude_km.toFixed(1)} km, speed ${b.speed_mps.toFixed(0)} m/s, flight-path angle ${b.flight_path_angle_deg.toFixed(1)}° (Earth-relative)`,
    `reentry       maximum speed ${report.reentry_speed_mps.toFixed(0)} m/s`,
    `impact        ${fmtLatLon(report.impact.lat_deg, report.impact.lon_deg)}, ${report.impact.miss_m.toFixed(1)} m from the target`,
    `steering      azimuth ${(res.steering.azimuth / DEG).toFixed(3)}°, pitch-over ${(res.steering.kick / DEG).toFixed(3)}°, thrust cut-off at ${res.steering.cutoff.toFixed(2)} s (${res.flights} flights solved)`,
  ];
  if (opts.czml) lines.push(`czml          ${opts.czml}`);
  if (opts.geojson) lines.push(`geojson       ${opts.geojson}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** The report of an aimed flight, in the units of the JSON output. */
export function summarize(missile: string, shape: string, res: AimResult) {
  const f = res.flight;
  const t0 = f.rv.t0;
  return {
    missile,
    shape,
    range_km: res.range / 1000,
    flight_time_s: f.impactTime - t0,
    apogee_km: f.apogeeAltitude / 1000,
    burnout: {
      time_s: f.burnoutTime - t0,
      altitude_km: f.burnoutAltitude / 1000,
      speed_mps: f.burnoutSpeed,
      flight_path_angle_deg: f.burnoutGamma / DEG,
    },
    reentry_speed_mps: f.reentrySpeedMax,
    impact: { lat_deg: f.impactLat / DEG, lon_deg: f.impactLon / DEG, miss_m: res.miss },
  };
}

function fmtLatLon(lat: number, lon: number): string {
  return `${Math.abs(lat).toFixed(4)}°${lat >= 0 ? 'N' : 'S'} ${Math.abs(lon).toFixed(4)}°${lon >= 0 ? 'E' : 'W'}`;
}

export function writeOut(flag: string, path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw userError(flag, `cannot write '${path}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
