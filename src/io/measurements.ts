/**
 * Measurement, truth and track files (CSV, RFC 4180 quoting, '\n' line ends, one header line).
 *
 *   measurements: time_s,sensor,sensor_lat_deg,sensor_lon_deg,sensor_alt_m,range_m,azimuth_deg,
 *                 elevation_deg,sigma_range_m,sigma_azimuth_deg,sigma_elevation_deg,truth
 *   truth:        time_s,object,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps   (ECEF)
 *   tracks:       time_s,track,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps    (ECEF, one row per track per update)
 *
 * One measurement row is one detection; `truth` is the object id or empty for a false alarm.
 * Printed precision: times 1 µs; lengths 0.1 mm; angles and latitudes/longitudes 1e-9 degree
 * (≈ 0.1 mm on the ground); σ 10 significant digits; velocities 1 µm/s. A scan with no
 * detections writes no rows (the file lists detections), so it does not come back on reading.
 *
 * Readers group measurement rows into scans by (time, sensor, sensor site), ordered by time
 * (stable), and report every problem at once as one UserError: `file:line: column azimuth_deg:
 * found 'abc', expected a number in [0, 360] degrees`.
 */
import { createSite, type Site } from '../earth/index.js';
import { UserError, type Problem } from '../errors.js';
import type { Scan } from '../sensor/index.js';

const DEG = Math.PI / 180;
const RAD_TO_DEG = 180 / Math.PI;
/** At most this many problems are listed; the rest are counted in one last line. */
const MAX_PROBLEMS = 50;

export const MEASUREMENT_HEADER = [
  'time_s',
  'sensor',
  'sensor_lat_deg',
  'sensor_lon_deg',
  'sensor_alt_m',
  'range_m',
  'azimuth_deg',
  'elevation_deg',
  'sigma_range_m',
  'sigma_azimuth_deg',
  'sigma_elevation_deg',
  'truth',
] as const;
export const TRUTH_HEADER = ['time_s', 'object', 'x_m', 'y_m', 'z_m', 'vx_mps', 'vy_mps', 'vz_mps'] as const;
export const TRACK_HEADER = ['time_s', 'track', 'x_m', 'y_m', 'z_m', 'vx_mps', 'vy_mps', 'vz_mps'] as const;

/** One object's true ECEF state [x, y, z, vx, vy, vz] (m, m/s) at a time (s). */
export interface TruthRow {
  time: number;
  object: string;
  state: Float64Array;
}

/** One track's estimated ECEF state (m, m/s) at an update time (s). */
export interface TrackRow {
  time: number;
  track: number | string;
  state: Float64Array;
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

/** A CSV cell: quoted (with "" for ") when it holds a comma, quote or line break. */
function cell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Fixed decimals with negative zero printed as 0. */
function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** An angle in degrees in [0, 360) to 9 decimals; a value that rounds to 360 is written as 0. */
function azDeg(rad: number): string {
  const s = fixed(rad * RAD_TO_DEG, 9);
  return s === '360.000000000' ? '0.000000000' : s;
}

const sig = (x: number): string => String(Number(x.toPrecision(10)));

/**
 * The measurement CSV of `scans` (rows in scan order, detections in scan order). Angles are
 * written in degrees, azimuth in [0, 360).
 */
export function writeMeasurementsCsv(scans: readonly Scan[]): string {
  const out: string[] = [MEASUREMENT_HEADER.join(',')];
  for (const s of scans) {
    const head = `${fixed(s.time, 6)},${cell(s.sensor)},${fixed(s.site.lat * RAD_TO_DEG, 9)},${fixed(s.site.lon * RAD_TO_DEG, 9)},${fixed(s.site.h, 4)}`;
    for (let i = 0; i < s.n; i++) {
      const o = 3 * i;
      const t = s.truth[i];
      out.push(
        `${head},${fixed(s.z[o], 4)},${azDeg(s.z[o + 1])},${fixed(s.z[o + 2] * RAD_TO_DEG, 9)},` +
          `${sig(s.sigma[o])},${sig(s.sigma[o + 1] * RAD_TO_DEG)},${sig(s.sigma[o + 2] * RAD_TO_DEG)},${t === null ? '' : cell(t)}`,
      );
    }
  }
  return out.join('\n') + '\n';
}

function writeStates(header: readonly string[], rows: readonly { time: number; name: string; state: ArrayLike<number> }[]): string {
  const out: string[] = [header.join(',')];
  for (const r of rows) {
    const x = r.state;
    out.push(
      `${fixed(r.time, 6)},${cell(r.name)},${fixed(x[0], 4)},${fixed(x[1], 4)},${fixed(x[2], 4)},${fixed(x[3], 6)},${fixed(x[4], 6)},${fixed(x[5], 6)}`,
    );
  }
  return out.join('\n') + '\n';
}

/** The truth CSV (ECEF states) of `rows`, in the given order. */
export function writeTruthCsv(rows: readonly TruthRow[]): string {
  return writeStates(TRUTH_HEADER, rows.map((r) => ({ time: r.time, name: r.object, state: r.state })));
}

/** The tracks CSV (ECEF states) of `rows`, in the given order. */
export function writeTracksCsv(rows: readonly TrackRow[]): string {
  return writeStates(TRACK_HEADER, rows.map((r) => ({ time: r.time, name: String(r.track), state: r.state })));
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/** Splits one CSV line into cells (RFC 4180 quotes); null when a quote is left open. */
function splitLine(line: string): string[] | null {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += line[i++];
      }
      cells.push(s);
      if (i >= line.length) return cells;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const j = line.indexOf(',', i);
      if (j < 0) {
        cells.push(line.slice(i));
        return cells;
      }
      cells.push(line.slice(i, j));
      i = j + 1;
    }
  }
}

class Problems {
  private readonly list: { line: number; message: string }[] = [];
  constructor(readonly file: string) {}
  get count(): number {
    return this.list.length;
  }
  add(line: number, message: string): void {
    this.list.push({ line, message });
  }
  /** Throws one UserError with the problems in line order (stable), at most MAX_PROBLEMS, then a count. */
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const sorted = this.list.slice().sort((a, b) => a.line - b.line);
    const out: Problem[] = sorted.slice(0, MAX_PROBLEMS).map((p) => ({ where: `${this.file}:${p.line}`, message: p.message }));
    if (sorted.length > MAX_PROBLEMS) out.push({ where: this.file, message: `… and ${sorted.length - MAX_PROBLEMS} more problems` });
    throw new UserError(out);
  }
}

function show(s: string): string {
  return `'${s.length > 40 ? s.slice(0, 37) + '…' : s}'`;
}

/** Parsed rows of a CSV with a fixed header: [line number, cells] for the rows with the right width. */
function rowsOf(text: string, header: readonly string[], probs: Problems): [number, string[]][] {
  const lines = text.split('\n');
  const rows: [number, string[]][] = [];
  const first = (lines[0] ?? '').replace(/\r$/, '').replace(/^\uFEFF/, '');
  if (first !== header.join(',')) {
    const got = splitLine(first) ?? [first];
    let k = 0;
    while (k < header.length && got[k] === header[k]) k++;
    const detail = first === '' ? 'found an empty first line' : k < header.length ? `column ${k + 1}: found ${got[k] === undefined ? 'nothing' : show(got[k])}, expected '${header[k]}'` : `found extra columns after '${header[header.length - 1]}'`;
    probs.add(1, `header: ${detail}; the header must be exactly ${header.join(',')}`);
    return rows;
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const cells = splitLine(line);
    if (cells === null) {
      probs.add(i + 1, 'found an unclosed quote, expected a closing " before the end of the line');
      continue;
    }
    if (cells.length !== header.length) {
      probs.add(i + 1, `found ${cells.length} columns, expected ${header.length} (${header.join(',')})`);
      continue;
    }
    rows.push([i + 1, cells]);
  }
  return rows;
}

/** A number from a cell within [lo, hi] (NaN, and a problem, otherwise). */
function num(probs: Problems, line: number, col: string, s: string, lo: number, hi: number, what: string): number {
  const t = s.trim();
  const v = t === '' ? NaN : Number(t);
  if (!Number.isFinite(v) || v < lo || v > hi) {
    probs.add(line, `column ${col}: found ${show(s)}, expected ${what}`);
    return NaN;
  }
  return v;
}

function name(probs: Problems, line: number, col: string, s: string): string {
  if (s.trim() === '') probs.add(line, `column ${col}: found nothing, expected an id`);
  return s;
}

const ANY = 'a number';
const POS = 'a number > 0';

/**
 * Reads a measurement CSV into scans (see the file header). `file` names the input in errors.
 * Throws one UserError listing every problem (at most 50, then a count).
 */
export function readMeasurementsCsv(text: string, file: string): Scan[] {
  const probs = new Problems(file);
  const rows = rowsOf(text, MEASUREMENT_HEADER, probs);
  interface Group {
    time: number;
    sensor: string;
    site: Site;
    z: number[];
    sigma: number[];
    truth: (string | null)[];
  }
  const groups = new Map<string, Group>();
  const sites = new Map<string, Site>();
  const H = MEASUREMENT_HEADER;
  for (const [ln, c] of rows) {
    const time = num(probs, ln, H[0], c[0], -Infinity, Infinity, 'a time in s');
    const sensor = name(probs, ln, H[1], c[1]);
    const lat = num(probs, ln, H[2], c[2], -90, 90, 'a latitude in [-90, 90] degrees');
    const lon = num(probs, ln, H[3], c[3], -180, 360, 'a longitude in [-180, 360] degrees');
    const alt = num(probs, ln, H[4], c[4], -1e5, 1e8, 'a height in m');
    const r = num(probs, ln, H[5], c[5], 0, Infinity, 'a range ≥ 0 m');
    const az = num(probs, ln, H[6], c[6], 0, 360, 'an azimuth in [0, 360] degrees');
    const el = num(probs, ln, H[7], c[7], -90, 90, 'an elevation in [-90, 90] degrees');
    const sr = num(probs, ln, H[8], c[8], Number.MIN_VALUE, Infinity, POS);
    const sa = num(probs, ln, H[9], c[9], Number.MIN_VALUE, Infinity, POS);
    const se = num(probs, ln, H[10], c[10], Number.MIN_VALUE, Infinity, POS);
    if (probs.count) continue; // keep checking, build nothing
    const siteKey = `${lat}|${lon}|${alt}`;
    let site = sites.get(siteKey);
    if (!site) {
      site = createSite(lat * DEG, lon * DEG, alt);
      sites.set(siteKey, site);
    }
    const key = `${time}|${sensor}|${siteKey}`;
    let g = groups.get(key);
    if (!g) {
      g = { time, sensor, site, z: [], sigma: [], truth: [] };
      groups.set(key, g);
    }
    g.z.push(r, (az === 360 ? 0 : az) * DEG, el * DEG);
    g.sigma.push(sr, sa * DEG, se * DEG);
    g.truth.push(c[11] === '' ? null : c[11]);
  }
  probs.throwIfAny();
  const scans: Scan[] = [];
  for (const g of groups.values()) {
    scans.push({ time: g.time, sensor: g.sensor, site: g.site, n: g.truth.length, z: Float64Array.from(g.z), sigma: Float64Array.from(g.sigma), truth: g.truth });
  }
  return scans.sort((a, b) => a.time - b.time); // Array.prototype.sort is stable (ES2019)
}

function readStates(text: string, file: string, header: readonly string[]): { time: number; name: string; state: Float64Array }[] {
  const probs = new Problems(file);
  const rows = rowsOf(text, header, probs);
  const out: { time: number; name: string; state: Float64Array }[] = [];
  for (const [ln, c] of rows) {
    const time = num(probs, ln, header[0], c[0], -Infinity, Infinity, 'a time in s');
    const nm = name(probs, ln, header[1], c[1]);
    const st = new Float64Array(6);
    for (let k = 0; k < 6; k++) st[k] = num(probs, ln, header[2 + k], c[2 + k], -Infinity, Infinity, ANY);
    out.push({ time, name: nm, state: st });
  }
  probs.throwIfAny();
  return out;
}

/** Reads a truth CSV (ECEF states) in file order; one UserError lists every problem. */
export function readTruthCsv(text: string, file: string): TruthRow[] {
  return readStates(text, file, TRUTH_HEADER).map((r) => ({ time: r.time, object: r.name, state: r.state }));
}

/**
 * Reads a tracks CSV (ECEF states) in file order; a track id made only of digits (with an
 * optional minus sign) comes back as a number. One UserError lists every problem.
 */
export function readTracksCsv(text: string, file: string): TrackRow[] {
  return readStates(text, file, TRACK_HEADER).map((r) => ({
    time: r.time,
    track: /^-?\d{1,15}$/.test(r.name) ? Number(r.name) : r.name,
    state: r.state,
  }));
}
