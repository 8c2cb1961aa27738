/**
 * `tmd footprint SCENARIO --grid DEG [--runs N] [--threat ID] [--bbox S,W,N,E] …`: over a grid of
 * aim points within the missile's reach, the probability that one threat from the chosen threat
 * entry's launch point is intercepted (src/analysis/footprint.ts); GeoJSON and an SVG map.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import {
  computeFootprint,
  footprintGeoJson,
  footprintMap,
  gridSize,
  MAX_CELLS,
  reachBox,
  retargetVariant,
  topojsonRings,
  type AimPointModel,
  type FootprintGrid,
  type FootprintResult,
  type Marker,
  type Topology,
} from '../../analysis/index.js';
import { readCatalog } from '../catalog-files.js';
import { parseNumber, parseNumberList } from '../parse.js';
import { campaignEvaluator, checkVariants, progressLine, resolveCommon, writeOut, type CommonOpts } from './sweep.js';

interface Opts extends CommonOpts {
  grid?: string;
  threat?: string;
  bbox?: string;
}

/**
 * Coastlines for maps: the `land` object of the world-atlas npm package (Natural Earth 1:50m land,
 * public domain, as TopoJSON) when it is installed; otherwise none, with a note saying so. Nothing
 * is downloaded.
 */
export function loadCoastlines(): { rings?: number[][][]; note?: string } {
  try {
    const req = createRequire(import.meta.url);
    const file = req.resolve('world-atlas/land-50m.json');
    const topo = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology;
    return { rings: topojsonRings(topo, 'land') };
  } catch {
    return { note: 'coastlines not drawn: the npm package world-atlas is not installed' };
  }
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

function markersOf(data: unknown, threat: Rec): Marker[] {
  const out: Marker[] = [];
  const launch = threat.launch as Rec;
  out.push({ kind: 'launch', id: String(threat.id), lat_deg: Number(launch.lat_deg), lon_deg: Number(launch.lon_deg) });
  const d = isRec(data) ? data : {};
  for (const b of Array.isArray(d.batteries) ? d.batteries : []) {
    if (!isRec(b)) continue;
    const site = isRec(b.site) ? b.site : isRec(b.ship) && Array.isArray(b.ship.track) && isRec(b.ship.track[0]) ? b.ship.track[0] : undefined;
    if (site && typeof site.lat_deg === 'number' && typeof site.lon_deg === 'number') out.push({ kind: 'battery', id: String(b.id), lat_deg: site.lat_deg, lon_deg: site.lon_deg });
  }
  for (const a of Array.isArray(d.assets) ? d.assets : []) {
    if (!isRec(a)) continue;
    if (typeof a.lat_deg === 'number' && typeof a.lon_deg === 'number') out.push({ kind: 'asset', id: String(a.id), lat_deg: a.lat_deg, lon_deg: a.lon_deg });
    else if (Array.isArray(a.polygon) && a.polygon.length) {
      let la = 0;
      let lo = 0;
      for (const v of a.polygon as number[][]) {
        la += v[0];
        lo += v[1];
      }
      out.push({ kind: 'asset', id: String(a.id), lat_deg: la / a.polygon.length, lon_deg: lo / a.polygon.length });
    }
  }
  return out;
}

export function register(program: Command): void {
  program
    .command('footprint')
    .description('defended footprint: P(intercept) of one threat over a grid of aim points within its reach; GeoJSON and an SVG map')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--grid <deg>', 'cell size in degrees of latitude and longitude, in (0, 10]')
    .option('--threat <id>', 'the threat entry whose launch point and missile type are used (default: the first)')
    .option('--bbox <s,w,n,e>', "box of aim points in degrees (default: the bounding box of the missile's reach)")
    .option('--runs <n>', 'replicas per aim point (default 200)')
    .option('--seed <s>', "campaign seed (default: the scenario's seed, else 0); the same for every cell")
    .option('--workers <w>', 'worker threads per campaign (default: 0 for the analytic model, else the available cores)')
    .option('--model <m>', "replica model (default: 'sim' when available, else 'analytic')")
    .option('--out <dir>', 'new directory for footprint.json, footprint.geojson, footprint.svg and a copy of the scenario')
    .option('--json', 'print the result as one JSON object')
    .action(async (file: string, opts: Opts) => {
      if (opts.grid === undefined) throw userError('--grid', 'is required: the cell size in degrees (e.g. --grid 0.5)');
      const step = parseNumber('--grid', opts.grid, { min: 1e-3, max: 10 });
      const c = resolveCommon(file, opts, 200);
      const threats = isRec(c.data) && Array.isArray(c.data.threats) ? (c.data.threats as unknown[]) : [];
      const ids = threats.map((t) => (isRec(t) ? String(t.id) : ''));
      if (threats.length === 0) throw userError(file, 'the scenario has no threats; expected at least one');
      const index = opts.threat === undefined ? 0 : ids.indexOf(opts.threat);
      if (index < 0) throw userError('--threat', `found '${opts.threat}', expected a threat id of the scenario (one of ${ids.join(', ')})`);
      const threat = threats[index] as Rec;
      const launch = isRec(threat.launch) ? threat.launch : {};
      if (typeof launch.lat_deg !== 'number' || typeof launch.lon_deg !== 'number') throw userError(`${file} threats[${index}].launch`, 'expected a launch point { lat_deg, lon_deg }');
      const catalog = readCatalog();
      const missile = catalog.get('missile', String(threat.missile), `${file} threats[${index}].missile`);
      const reach = { lat_deg: launch.lat_deg, lon_deg: launch.lon_deg, range_km: Number(missile.range_km) };
      let grid: FootprintGrid;
      if (opts.bbox !== undefined) {
        const b = parseNumberList('--bbox', opts.bbox);
        if (b.length !== 4 || !(b[0] < b[2] && b[1] < b[3]) || b[0] < -90 || b[2] > 90) {
          throw userError('--bbox', `found '${opts.bbox}', expected S,W,N,E in degrees with S < N in [-90, 90] and W < E`);
        }
        grid = { lat0: b[0], lon0: b[1], lat1: b[2], lon1: b[3], step_deg: step };
      } else grid = reachBox(reach, step);
      const size = gridSize(grid);
      if (size < 1) throw userError('--grid', `found ${step}°, larger than the box; expected a smaller cell`);
      if (size > MAX_CELLS) throw userError('--grid', `found ${step}°, which makes ${size} cells; expected at most ${MAX_CELLS} (use a larger cell or --bbox)`);
      checkVariants(c.model, file, [{ text: retargetVariant(c.text, index, reach.lat_deg, reach.lon_deg), settings: [] }]);

      const evaluate = campaignEvaluator(c.model, c.workers);
      const model: AimPointModel = {
        async evaluate(lat, lon) {
          const s = await evaluate({ text: retargetVariant(c.text, index, lat, lon), file }, c.runs, c.seed);
          // one missile: no leaker ⇔ intercepted
          return { p: { estimate: s.p_no_leaker.estimate, lo: s.p_no_leaker.lo, hi: s.p_no_leaker.hi }, replicas: s.replicas };
        },
      };
      const bar = progressLine('footprint: cell', !opts.json);
      let cells;
      try {
        cells = await computeFootprint(grid, reach, model, (d, t) => bar.update(d, t));
      } finally {
        bar.stop();
      }
      const res: FootprintResult = {
        format: 'tmdsim-footprint-v1',
        scenario: path.basename(file),
        model: c.model,
        seed: c.seed,
        runs: c.runs,
        threat: ids[index],
        missile: String(threat.missile),
        reach,
        grid,
        cells,
        markers: markersOf(c.data, threat),
      };
      let written: string[] = [];
      if (c.out !== undefined) {
        const coast = loadCoastlines();
        if (coast.note && !opts.json) process.stderr.write(`tmd footprint: ${coast.note}\n`);
        written = writeOut(c.out, {
          'footprint.json': JSON.stringify(res) + '\n',
          'footprint.geojson': JSON.stringify(footprintGeoJson(res)) + '\n',
          'footprint.svg': footprintMap(res, coast.rings),
          'scenario.yaml': c.text,
        });
      }
      if (opts.json) process.stdout.write(JSON.stringify(res) + '\n');
      else {
        const ps = cells.map((x) => x.p.estimate);
        const mean = ps.reduce((a, b) => a + b, 0) / Math.max(1, ps.length);
        process.stdout.write(
          `footprint ${res.scenario}  threat ${res.threat} (${res.missile}, reach ${reach.range_km} km)  model ${res.model}  seed ${res.seed}  ${res.runs} replicas per cell\n` +
            `${cells.length} aim points on a ${step}° grid: P(intercept) min ${Math.min(...ps).toFixed(3)}, mean ${mean.toFixed(3)}, max ${Math.max(...ps).toFixed(3)}; ` +
            `${ps.filter((p) => p >= 0.5).length} cells at ≥ 0.5\n`,
        );
        if (written.length) process.stdout.write(`wrote ${written.join(', ')}\nreport: tmd report ${c.out}\n`);
      }
    });
}
