/**
 * Defended footprints: over a grid of aim points, the probability that one threat from the
 * scenario's launch point, aimed there, is intercepted.
 *
 * Grid. Cells are `step` degrees square in latitude and longitude, their centres at
 * lat0 + (i + ½)·step, lon0 + (j + ½)·step inside a bounding box. A cell is evaluated only when its
 * centre is within the missile's reach: geodesic distance from the launch point (WGS84, Karney's
 * algorithm through geographiclib-geodesic: C. F. F. Karney, "Algorithms for geodesics", J. Geodesy
 * 87:43–55, 2013) ≤ the missile type's range_km. The default box is the reach circle's bounding box.
 *
 * The per-aim-point model is pluggable (`AimPointModel`): the CLI builds one from a replica model
 * (a scenario variant with the one threat retargeted, evaluated by a campaign); tests use
 * stand-ins whose footprint is known. Every cell uses the same seed and replicas (CRN).
 *
 * Output: GeoJSON (RFC 7946): a FeatureCollection of Polygon cells (positions [lon, lat] in that
 * order, §3.1.1; exterior rings counterclockwise, §3.1.6; first and last positions equal, §3.1.6;
 * coordinates rounded to 6 decimals, about 0.1 m, §11.2) with the probability and its interval as
 * properties, and Point features for the launch point and the batteries.
 */
import geodesic from 'geographiclib-geodesic';
import { isSeq, parseDocument } from 'yaml';
import type { Interval } from '../campaign/index.js';
import { mapSvg } from './plot.js';

/** km per degree of latitude on the mean Earth radius 6371.0088 km (IUGG mean radius R₁, Moritz 1980). */
const KM_PER_DEG = (Math.PI * 6371.0088) / 180;

/** The probability a threat aimed at (lat, lon) is intercepted, with its 95 % interval. */
export interface AimPointModel {
  evaluate(latDeg: number, lonDeg: number): Promise<{ p: Interval; replicas: number }>;
}

/** A grid: box corners (degrees) and the cell size. */
export interface FootprintGrid {
  lat0: number;
  lon0: number;
  lat1: number;
  lon1: number;
  step_deg: number;
}

/** Where the threat flies from and how far it reaches. */
export interface Reach {
  lat_deg: number;
  lon_deg: number;
  range_km: number;
}

/** Most cells a grid may have. */
export const MAX_CELLS = 20_000;

/** Geodesic distance on WGS84 between two points, m (Karney 2013). */
export function geodesicDistance(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const g = geodesic.Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, geodesic.Geodesic.DISTANCE);
  return g.s12 ?? NaN;
}

/**
 * The bounding box of the reach circle, padded to whole steps: latitude ± range/(km per degree),
 * longitude ± that over cos(latitude of the circle's edge nearest the pole), clipped to [-90, 90].
 */
export function reachBox(r: Reach, step: number): FootprintGrid {
  const dLat = r.range_km / KM_PER_DEG;
  const latMax = Math.min(89.9, Math.abs(r.lat_deg) + dLat);
  const dLon = Math.min(180, dLat / Math.cos((latMax * Math.PI) / 180));
  const snap = (x: number, f: (v: number) => number) => f(x / step) * step;
  return {
    lat0: Math.max(-90, snap(r.lat_deg - dLat, Math.floor)),
    lat1: Math.min(90, snap(r.lat_deg + dLat, Math.ceil)),
    lon0: snap(r.lon_deg - dLon, Math.floor),
    lon1: snap(r.lon_deg + dLon, Math.ceil),
    step_deg: step,
  };
}

/** Cell centres of a grid, row by row from the south-west; with `reach`, only those within it. */
export function gridCentres(g: FootprintGrid, reach?: Reach): { lat: number; lon: number; row: number; col: number }[] {
  const rows = Math.round((g.lat1 - g.lat0) / g.step_deg);
  const cols = Math.round((g.lon1 - g.lon0) / g.step_deg);
  if (!(rows >= 1 && cols >= 1)) throw new RangeError(`gridCentres: empty grid ${JSON.stringify(g)}`);
  if (rows * cols > MAX_CELLS) throw new RangeError(`gridCentres: ${rows * cols} cells exceed ${MAX_CELLS}`);
  const out: { lat: number; lon: number; row: number; col: number }[] = [];
  for (let i = 0; i < rows; i++) {
    const lat = g.lat0 + (i + 0.5) * g.step_deg;
    for (let j = 0; j < cols; j++) {
      const lon = g.lon0 + (j + 0.5) * g.step_deg;
      if (reach && !(geodesicDistance(reach.lat_deg, reach.lon_deg, lat, lon) <= reach.range_km * 1000)) continue;
      out.push({ lat, lon, row: i, col: j });
    }
  }
  return out;
}

/** Number of cells a grid would have before the reach filter. */
export function gridSize(g: FootprintGrid): number {
  return Math.round((g.lat1 - g.lat0) / g.step_deg) * Math.round((g.lon1 - g.lon0) / g.step_deg);
}

/** One evaluated cell. */
export interface FootprintCell {
  lat_deg: number;
  lon_deg: number;
  p: Interval;
  replicas: number;
}

/** A marker on the map (launch point, battery, asset). */
export interface Marker {
  kind: 'launch' | 'battery' | 'asset';
  id: string;
  lat_deg: number;
  lon_deg: number;
}

/** What `tmd footprint` writes (footprint.json). */
export interface FootprintResult {
  format: 'tmdsim-footprint-v1';
  scenario: string;
  model: string;
  seed: number;
  runs: number;
  threat: string;
  missile: string;
  reach: Reach;
  grid: FootprintGrid;
  cells: FootprintCell[];
  markers: Marker[];
}

/** Evaluates every cell of the grid within reach, in grid order. */
export async function computeFootprint(
  grid: FootprintGrid,
  reach: Reach | undefined,
  model: AimPointModel,
  onCell?: (done: number, total: number) => void,
): Promise<FootprintCell[]> {
  const centres = gridCentres(grid, reach);
  const cells: FootprintCell[] = [];
  for (let k = 0; k < centres.length; k++) {
    const c = centres[k];
    const r = await model.evaluate(c.lat, c.lon);
    cells.push({ lat_deg: c.lat, lon_deg: c.lon, p: r.p, replicas: r.replicas });
    onCell?.(k + 1, centres.length);
  }
  return cells;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The footprint as an RFC 7946 FeatureCollection (see the module comment). */
export function footprintGeoJson(res: Pick<FootprintResult, 'cells' | 'markers' | 'grid'>): Record<string, unknown> {
  const h = res.grid.step_deg / 2;
  const features: Record<string, unknown>[] = res.cells.map((c) => {
    const w = round6(c.lon_deg - h);
    const e = round6(c.lon_deg + h);
    const s = round6(c.lat_deg - h);
    const n = round6(c.lat_deg + h);
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
      properties: { lat_deg: round6(c.lat_deg), lon_deg: round6(c.lon_deg), p_intercept: c.p.estimate, p_lo: c.p.lo, p_hi: c.p.hi, replicas: c.replicas },
    };
  });
  for (const m of res.markers) {
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [round6(m.lon_deg), round6(m.lat_deg)] }, properties: { kind: m.kind, id: m.id } });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The scenario with only threat entry `index`, as a single missile (count 1) aimed at
 * (lat, lon): the variant one footprint cell evaluates. Comments and the rest of the file are kept
 * (yaml 2 document editing).
 */
export function retargetVariant(text: string, index: number, latDeg: number, lonDeg: number): string {
  const doc = parseDocument(text);
  const threats = doc.get('threats');
  if (!isSeq(threats) || index < 0 || index >= threats.items.length) throw new RangeError(`retargetVariant: no threat entry ${index}`);
  for (let i = threats.items.length - 1; i >= 0; i--) if (i !== index) threats.items.splice(i, 1);
  doc.setIn(['threats', 0, 'count'], 1);
  doc.setIn(['threats', 0, 'target', 'lat_deg'], round6(latDeg));
  doc.setIn(['threats', 0, 'target', 'lon_deg'], round6(lonDeg));
  return doc.toString({ lineWidth: 0 });
}

/** The map of a footprint (plot.ts `mapSvg`), with coastline rings when available. */
export function footprintMap(res: FootprintResult, coastlines?: number[][][], note?: string): string {
  return mapSvg({
    title: `P(intercept) of a ${res.missile} from ${res.threat}'s launch point, by aim point`,
    box: res.grid,
    cells: res.cells.map((c) => ({ lat_deg: c.lat_deg, lon_deg: c.lon_deg, p: c.p.estimate })),
    step_deg: res.grid.step_deg,
    markers: res.markers,
    coastlines,
    note: note ?? `${res.runs} replicas per cell, seed ${res.seed}, model ${res.model}; cells within ${res.reach.range_km} km of the launch point`,
  });
}
