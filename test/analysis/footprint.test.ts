import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  computeFootprint,
  footprintGeoJson,
  footprintMap,
  geodesicDistance,
  gridCentres,
  reachBox,
  retargetVariant,
  topojsonRings,
  type AimPointModel,
  type FootprintResult,
  type Topology,
} from '../../src/analysis/index.js';
import { expectUserError, ROOT, tmd } from '../cli/tmd.js';

// A stand-in defense whose footprint is known: a battery at Osaka intercepts every threat aimed
// within 300 km of it and none beyond.
const BATTERY = { lat: 34.7, lon: 135.47 };
const RADIUS_M = 300e3;
const circle: AimPointModel = {
  async evaluate(lat, lon) {
    const inside = geodesicDistance(BATTERY.lat, BATTERY.lon, lat, lon) <= RADIUS_M;
    return { p: { estimate: inside ? 1 : 0, lo: inside ? 0.99 : 0, hi: inside ? 1 : 0.01 }, replicas: 100 };
  },
};

/** Signed area of a [lon, lat] ring by the shoelace formula: > 0 counterclockwise. */
function signedArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
}

describe('footprint grid and reach', () => {
  const reach = { lat_deg: 39.28, lon_deg: 127.3, range_km: 1300 };

  it('the reach box holds the whole reach circle; every centre kept is within range, every one dropped beyond', () => {
    const g = reachBox(reach, 1);
    for (let az = 0; az < 360; az += 5) {
      // points on the reach circle (the direct geodesic problem, Karney 2013) lie inside the box
      const q = geodesic.Geodesic.WGS84.Direct(reach.lat_deg, reach.lon_deg, az, reach.range_km * 1000);
      expect(q.lat2!).toBeGreaterThanOrEqual(g.lat0);
      expect(q.lat2!).toBeLessThanOrEqual(g.lat1);
      expect(q.lon2!).toBeGreaterThanOrEqual(g.lon0);
      expect(q.lon2!).toBeLessThanOrEqual(g.lon1);
    }
    const all = gridCentres(g);
    const kept = gridCentres(g, reach);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.length);
    const keptSet = new Set(kept.map((c) => `${c.row},${c.col}`));
    for (const c of all) {
      const d = geodesicDistance(reach.lat_deg, reach.lon_deg, c.lat, c.lon);
      expect(keptSet.has(`${c.row},${c.col}`)).toBe(d <= reach.range_km * 1000);
    }
    // the cells touching the box edges are all out of reach (the box is not too small)
    for (const c of kept) {
      expect(c.row).toBeGreaterThan(0);
      expect(c.col).toBeGreaterThan(0);
    }
    // the reach disc's area ≈ number of kept cells × cell area (within the edge cells)
    const areaDisc = Math.PI * 1300 ** 2;
    const cellArea = (lat: number) => 111.2 * 111.2 * Math.cos((lat * Math.PI) / 180);
    const areaCells = kept.reduce((s, c) => s + cellArea(c.lat), 0);
    expect(Math.abs(areaCells - areaDisc) / areaDisc).toBeLessThan(0.05);
  });

  it('a stand-in with a known footprint is reproduced cell by cell', async () => {
    const grid = { lat0: 30, lon0: 130, lat1: 40, lon1: 141, step_deg: 0.5 };
    const cells = await computeFootprint(grid, undefined, circle);
    expect(cells).toHaveLength(20 * 22);
    let inside = 0;
    for (const c of cells) {
      const d = geodesicDistance(BATTERY.lat, BATTERY.lon, c.lat_deg, c.lon_deg);
      expect(c.p.estimate).toBe(d <= RADIUS_M ? 1 : 0);
      if (d <= RADIUS_M) inside++;
    }
    // π (300 km)² over (0.5° cells at 34.7° N ≈ 55.6 × 45.7 km²) ≈ 111 cells
    expect(inside).toBeGreaterThan(100);
    expect(inside).toBeLessThan(122);
  });

  it('GeoJSON (RFC 7946): closed counterclockwise [lon, lat] rings, properties, markers', async () => {
    const grid = { lat0: 33, lon0: 134, lat1: 36, lon1: 137, step_deg: 1 };
    const cells = await computeFootprint(grid, undefined, circle);
    const gj = footprintGeoJson({ cells, grid, markers: [{ kind: 'battery', id: 'b', lat_deg: BATTERY.lat, lon_deg: BATTERY.lon }] }) as {
      type: string;
      features: { type: string; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[];
    };
    expect(gj.type).toBe('FeatureCollection');
    expect(gj.features).toHaveLength(10);
    gj.features.slice(0, 9).forEach((f, i) => {
      expect(f.properties).toEqual({ lat_deg: cells[i].lat_deg, lon_deg: cells[i].lon_deg, p_intercept: cells[i].p.estimate, p_lo: cells[i].p.lo, p_hi: cells[i].p.hi, replicas: 100 });
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Polygon');
      const ring = (f.geometry.coordinates as number[][][])[0];
      expect(ring).toHaveLength(5);
      expect(ring[4]).toEqual(ring[0]);
      expect(signedArea(ring)).toBeCloseTo(1, 9); // 1° × 1°, counterclockwise
      const [lon, lat] = ring[0];
      expect(lon).toBeGreaterThanOrEqual(134); // longitude first
      expect(lat).toBeLessThan(37);
    });
    expect(gj.features.find((f) => f.properties.lat_deg === 34.5 && f.properties.lon_deg === 135.5)!.properties.p_intercept).toBe(1);
    expect(gj.features[9].geometry).toEqual({ type: 'Point', coordinates: [BATTERY.lon, BATTERY.lat] });
  });

  it('retargetVariant keeps one threat entry, one missile, aimed at the cell', () => {
    const text = fs.readFileSync(path.join(ROOT, 'scenarios/japan-1999.yaml'), 'utf8');
    const v = parseDocument(retargetVariant(text, 4, 35.123456789, 136.5)).toJS() as { threats: Record<string, unknown>[]; batteries: unknown[] };
    expect(v.threats).toHaveLength(1);
    expect(v.threats[0].id).toBe('osaka');
    expect(v.threats[0].count).toBe(1);
    expect(v.threats[0].target).toEqual({ lat_deg: 35.123457, lon_deg: 136.5 });
    expect(v.batteries).toHaveLength(12);
  });

  it('TopoJSON rings: quantized deltas decoded, reversed arcs (~i) joined without duplicate points', () => {
    // A unit square as two arcs from its south-west corner, quantized with scale 0.5, translate (10, 20):
    // arc 0 east then north, arc 1 north then east; the ring is arc 0 then arc 1 reversed (~1).
    const topo: Topology = {
      type: 'Topology',
      transform: { scale: [0.5, 0.5], translate: [10, 20] },
      arcs: [
        [[0, 0], [2, 0], [0, 2]], // (10,20) → (11,20) → (11,21)
        [[0, 0], [0, 2], [2, 0]], // (10,20) → (10,21) → (11,21)
      ],
      objects: { land: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0, ~1]] }] } },
    };
    const rings = topojsonRings(topo, 'land');
    expect(rings).toEqual([[[10, 20], [11, 20], [11, 21], [10, 21], [10, 20]]]);
    expect(topojsonRings(topo, 'nothing')).toEqual([]);
  });

  it('the map is well-formed SVG with one rect per cell and no external reference', async () => {
    const grid = { lat0: 33, lon0: 134, lat1: 36, lon1: 137, step_deg: 1 };
    const cells = await computeFootprint(grid, undefined, circle);
    const res: FootprintResult = {
      format: 'tmdsim-footprint-v1',
      scenario: 's.yaml',
      model: 'stand-in',
      seed: 1,
      runs: 100,
      threat: 't',
      missile: 'nodong',
      reach: { lat_deg: 39, lon_deg: 127, range_km: 1300 },
      grid,
      cells,
      markers: [],
    };
    const svg = footprintMap(res, [[[134, 34], [135, 35]]]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg).not.toMatch(/href=|src=/);
  });
});

describe('tmd footprint', () => {
  it('analytic scenario: uniform P(intercept) = R·P_k over the reach; GeoJSON, SVG and JSON written', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tmd-fp-')), 'o');
    const r = await tmd('footprint', 'test/fixtures/campaign/analytic-sls.yaml', '--model', 'analytic', '--grid', '4', '--runs', '300', '--out', out, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as FootprintResult;
    expect(j.cells.length).toBeGreaterThan(10);
    // analytic-sls: P_k = 1 − 0.4³ = 0.936, R = 1; no geography: every cell has the same replicas → same answer (CRN)
    const ps = new Set(j.cells.map((c) => c.p.estimate));
    expect(ps.size).toBe(1);
    const p = j.cells[0].p;
    expect(p.lo).toBeLessThanOrEqual(0.936);
    expect(p.hi).toBeGreaterThanOrEqual(0.936);
    expect(fs.readdirSync(out).sort()).toEqual(['footprint.geojson', 'footprint.json', 'footprint.svg', 'scenario.yaml']);
    const gj = JSON.parse(fs.readFileSync(path.join(out, 'footprint.geojson'), 'utf8'));
    expect(gj.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'Polygon')).toHaveLength(j.cells.length);
  });

  it('bad flags: exit 2, one line', async () => {
    expectUserError(await tmd('footprint', 'test/fixtures/campaign/analytic-sls.yaml', '--model', 'analytic'), '--grid');
    expectUserError(await tmd('footprint', 'test/fixtures/campaign/analytic-sls.yaml', '--model', 'analytic', '--grid', '0.001'), '--grid');
    expectUserError(await tmd('footprint', 'test/fixtures/campaign/analytic-sls.yaml', '--model', 'analytic', '--grid', '1', '--threat', 'nope'), '--threat');
    expectUserError(await tmd('footprint', 'test/fixtures/campaign/analytic-sls.yaml', '--model', 'analytic', '--grid', '1', '--bbox', '40,130,30,140'), '--bbox');
  });
});
