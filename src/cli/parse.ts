/** Flag parsers shared by the subcommands; each throws a UserError naming the flag. */
import { userError } from '../errors.js';

/** A finite number; `flag` names the option in the error. */
export function parseNumber(flag: string, s: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number {
  const t = s.trim();
  const v = t === '' ? NaN : Number(t);
  if (!Number.isFinite(v)) throw userError(flag, `expected a number, found '${s}'`);
  if (opts.integer && !Number.isInteger(v)) throw userError(flag, `expected a whole number, found '${s}'`);
  if (opts.min !== undefined && v < opts.min) throw userError(flag, `expected a value ≥ ${opts.min}, found ${s}`);
  if (opts.max !== undefined && v > opts.max) throw userError(flag, `expected a value ≤ ${opts.max}, found ${s}`);
  return v;
}

/** A comma-separated list of numbers. */
export function parseNumberList(flag: string, s: string, opts: { min?: number; max?: number } = {}): number[] {
  const parts = s.split(',');
  if (parts.length === 0 || parts.some((p) => p.trim() === '')) throw userError(flag, `expected numbers separated by commas, found '${s}'`);
  return parts.map((p) => parseNumber(flag, p, opts));
}

/** `LAT,LON` in degrees: latitude in [−90, 90], longitude in [−180, 360). */
export function parseLatLon(flag: string, s: string): { lat_deg: number; lon_deg: number } {
  const parts = s.split(',');
  if (parts.length !== 2 || parts.some((p) => p.trim() === '' || !Number.isFinite(Number(p)))) {
    throw userError(flag, `expected LAT,LON in degrees (e.g. 39.0,125.7), found '${s}'`);
  }
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (lat < -90 || lat > 90) throw userError(flag, `latitude must be in [-90, 90] degrees, found ${lat}`);
  if (lon < -180 || lon >= 360) throw userError(flag, `longitude must be in [-180, 360) degrees, found ${lon}`);
  return { lat_deg: lat, lon_deg: lon > 180 ? lon - 360 : lon };
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(flag: string, s: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(s)) return s as T;
  throw userError(flag, `expected one of ${choices.join(', ')}, found '${s}'`);
}
