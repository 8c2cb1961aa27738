/**
 * GeoJSON writer (RFC 7946, H. Butler et al., "The GeoJSON Format", IETF, 2016,
 * https://www.rfc-editor.org/rfc/rfc7946): each path becomes a LineString feature of
 * [lon, lat, alt_m] positions (WGS84 degrees, height in metres above the ellipsoid, §3.1.1
 * and §4), each event a Point feature.
 *
 * Antimeridian: per RFC 7946 §3.1.9 a path that crosses ±180° is cut there and written as a
 * MultiLineString whose parts each stay on one side; the cut point is interpolated linearly
 * (in longitude, latitude, height and time) between the two samples that straddle it, and
 * appears at +180 in one part and −180 in the next. Longitudes are in [−180, 180].
 */
import { ecefToGeodeticAt } from '../earth/index.js';
import { isoAddSeconds, type PathForOutput } from './czml.js';

const RAD_TO_DEG = 180 / Math.PI;

export type Position = [number, number, number];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}
export interface LineStringGeometry {
  type: 'LineString';
  coordinates: Position[];
}
export interface MultiLineStringGeometry {
  type: 'MultiLineString';
  coordinates: Position[][];
}
export interface Feature<G = PointGeometry | LineStringGeometry | MultiLineStringGeometry> {
  type: 'Feature';
  id: string;
  geometry: G;
  properties: Record<string, unknown>;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

/** Options of toGeoJson. */
export interface GeoJsonOptions {
  /** When given, features also carry ISO 8601 UTC start/end/event times. */
  epochIso?: string;
}

const scratchLlh = new Float64Array(3);

/**
 * Splits a sequence of geodetic samples at the antimeridian. `lon` in degrees within
 * [−180, 180]. A step is taken to cross the antimeridian when its longitude change exceeds
 * 180° in magnitude (the short way round goes through ±180°). Returns the parts with their
 * positions and times (the cut point is shared by both sides of each cut).
 */
export function splitAtAntimeridian(
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  alt: ArrayLike<number>,
  t: ArrayLike<number>,
): { coordinates: Position[]; t: number[] }[] {
  const parts: { coordinates: Position[]; t: number[] }[] = [];
  let cur: { coordinates: Position[]; t: number[] } = { coordinates: [], t: [] };
  const n = lon.length;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const d = lon[i] - lon[i - 1];
      if (Math.abs(d) > 180) {
        // Crossing: unwrap the new longitude next to the previous one, find where it meets ±180.
        const edge = d < 0 ? 180 : -180; // heading east past +180 wraps to negative longitudes
        const lonUnwrapped = lon[i] + (d < 0 ? 360 : -360);
        const f = (edge - lon[i - 1]) / (lonUnwrapped - lon[i - 1]);
        const la = lat[i - 1] + f * (lat[i] - lat[i - 1]);
        const h = alt[i - 1] + f * (alt[i] - alt[i - 1]);
        const tc = t[i - 1] + f * (t[i] - t[i - 1]);
        pushDistinct(cur, edge, la, h, tc);
        parts.push(cur);
        cur = { coordinates: [], t: [] };
        pushDistinct(cur, -edge, la, h, tc);
      }
    }
    pushDistinct(cur, lon[i], lat[i], alt[i], t[i]);
  }
  parts.push(cur);
  return parts;
}

/** Appends a position unless it repeats the last one exactly (a sample lying on ±180). */
function pushDistinct(part: { coordinates: Position[]; t: number[] }, lon: number, lat: number, alt: number, t: number): void {
  const last = part.coordinates[part.coordinates.length - 1];
  if (last && last[0] === lon && last[1] === lat && last[2] === alt) return;
  part.coordinates.push([lon, lat, alt]);
  part.t.push(t);
}

/**
 * Builds a FeatureCollection: per path a LineString (MultiLineString when it crosses the
 * antimeridian; a Point for a single sample) with properties { id, kind, name, t_start_s, t_end_s, t_s (sample times,
 * parallel to the coordinates; one array per part for a MultiLineString) }, and per event a
 * Point with { id, path_id, kind: 'event', name, t_s }. ECEF → geodetic by src/earth
 * (Vermeille's exact closed form).
 */
export function toGeoJson(paths: readonly PathForOutput[], opts: GeoJsonOptions = {}): FeatureCollection {
  const features: Feature[] = [];
  for (const p of paths) {
    const n = p.t.length;
    if (n === 0) throw new RangeError(`path ${p.id}: no samples`);
    if (p.ecef.length !== n * p.stride) throw new RangeError(`path ${p.id}: ecef has ${p.ecef.length} numbers, expected ${n} × ${p.stride}`);
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    const alt = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ecefToGeodeticAt(scratchLlh, 0, p.ecef, i * p.stride);
      lat[i] = scratchLlh[0] * RAD_TO_DEG;
      lon[i] = scratchLlh[1] * RAD_TO_DEG;
      alt[i] = scratchLlh[2];
    }
    const parts = splitAtAntimeridian(lon, lat, alt, p.t);
    const props: Record<string, unknown> = {
      id: p.id,
      kind: p.kind,
      name: p.name,
      t_start_s: p.t[0],
      t_end_s: p.t[n - 1],
    };
    if (opts.epochIso !== undefined) {
      props.start = isoAddSeconds(opts.epochIso, p.t[0]);
      props.end = isoAddSeconds(opts.epochIso, p.t[n - 1]);
    }
    if (p.color) props.color = p.color;
    let geometry: PointGeometry | LineStringGeometry | MultiLineStringGeometry;
    if (n === 1) {
      // RFC 7946 §3.1.4: a LineString needs two or more positions; one sample is a Point.
      geometry = { type: 'Point', coordinates: parts[0].coordinates[0] };
      props.t_s = parts[0].t;
    } else if (parts.length === 1) {
      geometry = { type: 'LineString', coordinates: parts[0].coordinates };
      props.t_s = parts[0].t;
    } else {
      geometry = { type: 'MultiLineString', coordinates: parts.map((q) => q.coordinates) };
      props.t_s = parts.map((q) => q.t);
    }
    features.push({ type: 'Feature', id: p.id, geometry, properties: props });
    p.events.forEach((e, k) => {
      const ep: Record<string, unknown> = { id: `${p.id}/${k}-${e.name}`, path_id: p.id, kind: 'event', name: e.name, t_s: e.t };
      if (opts.epochIso !== undefined) ep.time = isoAddSeconds(opts.epochIso, e.t);
      const lonE = e.lon_deg > 180 ? e.lon_deg - 360 : e.lon_deg;
      features.push({ type: 'Feature', id: ep.id as string, geometry: { type: 'Point', coordinates: [lonE, e.lat_deg, e.alt_m] }, properties: ep });
    });
  }
  return { type: 'FeatureCollection', features };
}
