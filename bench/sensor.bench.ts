/**
 * Benchmark: radar scans. A TPY-2-like radar (catalog/radars/tpy2-like.yaml) scans 2,000 objects
 * spread over its field of view (packed ObjectSet, ranges 300–2,500 km, RCS 0.01–1 m²) plus its
 * false alarms; figure: detections generated per second (coverage test, Earth mask, SNR, Swerling
 * draw and noisy measurement for each), and the time of one scan.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { aerToEcef, createSite } from '../src/earth/index.js';
import { compileRadarType, Radar, RadarTypeSchema, type ObjectSet } from '../src/sensor/index.js';
import { median, timeEach, type Figure } from './harness.js';

const DEG = Math.PI / 180;
const N = 2000;

export async function run(): Promise<Figure[]> {
  const type = RadarTypeSchema.parse(parseYaml(readFileSync(new URL('../catalog/radars/tpy2-like.yaml', import.meta.url), 'utf8')));
  const site = createSite(40 * DEG, 140 * DEG, 50);
  const radar = new Radar({ id: 'bench', params: compileRadarType(type), site, boresightAz: 270 * DEG, seed: 1, replica: 0 });
  const objs: ObjectSet = { n: N, ids: [], ecef: new Float64Array(3 * N), rcs_m2: new Float64Array(N) };
  const p = new Float64Array(3);
  for (let i = 0; i < N; i++) {
    const f = i / N;
    aerToEcef(p, 300e3 + 2200e3 * ((i * 7919) % N) / N, (215 + 110 * f) * DEG, (2 + 40 * (((i * 2741) % N) / N)) * DEG, site);
    objs.ecef.set(p, 3 * i);
    objs.rcs_m2[i] = 0.01 * Math.pow(100, ((i * 40503) % N) / N);
    objs.ids.push(`o${i}`);
  }
  let t = 0;
  let detections = 0;
  const ms = timeEach(() => {
    detections += radar.scan(t, objs).n;
    t += 1;
  }, 200);
  const perScan = detections / (ms.length + Math.min(20, ms.length));
  const med = median(ms);
  const rate = perScan / (med / 1000);
  return [
    {
      name: 'sensor.radar_scan.detections_per_s',
      value: Math.round(rate),
      unit: 'detections/s',
      goal: '≥ 1,000,000 detections/s',
      pass: rate >= 1e6,
      note: `${N} objects in the field of view, ${perScan.toFixed(0)} detections per scan (median of 200 scans)`,
    },
    {
      name: 'sensor.radar_scan.ms_per_scan_2000_objects',
      value: Number(med.toFixed(3)),
      unit: 'ms',
      goal: '≤ 5 ms',
      pass: med <= 5,
    },
  ];
}
