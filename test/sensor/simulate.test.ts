/**
 * simulateSensors: scan schedule and order, truth at scan times, detections consistent with the
 * truth (every detection of an object within 6σ of its true AER), determinism, independence of
 * a radar's scans from the other radars present, and the CSV round trip of the output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ecefToAer } from '../../src/earth/index.js';
import { readMeasurementsCsv, writeMeasurementsCsv } from '../../src/io/measurements.js';
import { Radar, RadarSiteSchema, RadarTypeSchema, simulateSensors, type RadarSiteInput, type SensedObject } from '../../src/sensor/index.js';
import { ballistic } from './ballistic.js';

const DEG = Math.PI / 180;
const type = (id: string) => RadarTypeSchema.parse(parseYaml(readFileSync(new URL(`../../catalog/radars/${id}.yaml`, import.meta.url), 'utf8')));
const TPY = type('tpy2-like'), UEWR = type('uewr-like');

// A ~900 km shot eastwards from 39° N 125.7° E; RV 0.05 m², the "booster" a second, later object.
const rv = { ...ballistic('rv', 39 * DEG, 125.7 * DEG, 0, 3000, 45 * DEG, 100 * DEG, 0), rcs_m2: 0.05 };
const booster = { ...ballistic('booster', 39 * DEG, 125.7 * DEG, 0, 2500, 50 * DEG, 100 * DEG, 20), rcs_m2: 1 };
const OBJECTS: SensedObject[] = [rv, booster];

function make(entry: RadarSiteInput, t: typeof TPY, seed = 5): Radar {
  return Radar.fromScenario(RadarSiteSchema.parse(entry), t, seed, 0);
}
const x = (): Radar => make({ id: 'x1', type: 'radar', radar: 'tpy2-like', site: { lat_deg: 35.3, lon_deg: 135.2, alt_m: 100 }, boresight_az_deg: 290 }, TPY);
const u = (): Radar => make({ id: 'u1', type: 'radar', radar: 'uewr-like', site: { lat_deg: 36, lon_deg: 138, alt_m: 50 }, boresight_az_deg: 270, first_scan_s: 0.5 }, UEWR);

describe('simulateSensors', () => {
  const { truth, scans } = simulateSensors(OBJECTS, [x(), u()], 0, 400);

  it('scans every radar at its revisit times, merged in time order', () => {
    expect(scans.filter((s) => s.sensor === 'x1').map((s) => s.time)).toEqual(Array.from({ length: 401 }, (_, k) => k));
    expect(scans.filter((s) => s.sensor === 'u1').map((s) => s.time)).toEqual(Array.from({ length: 80 }, (_, k) => 0.5 + 5 * k));
    for (let i = 1; i < scans.length; i++) expect(scans[i].time).toBeGreaterThanOrEqual(scans[i - 1].time);
  });

  it('keeps the truth of the objects alive at each scan time, once per time', () => {
    const times = [...new Set(scans.map((s) => s.time))];
    const expected = times.flatMap((t) => OBJECTS.filter((o) => t >= o.launchTime && t <= o.endTime).map((o) => `${t}|${o.id}`));
    expect(truth.map((r) => `${r.time}|${r.object}`)).toEqual(expected);
    const s6 = new Float64Array(6);
    for (const r of truth.filter((_, i) => i % 37 === 0)) {
      const o = OBJECTS.find((q) => q.id === r.object)!;
      expect(Array.from(r.state)).toEqual(Array.from(o.stateAt(r.time, s6)));
    }
  });

  it('detects both objects, each detection within 6σ of the true range/azimuth/elevation', () => {
    const aer = new Float64Array(3), s6 = new Float64Array(6);
    const seen = new Set<string>();
    let n = 0;
    for (const s of scans) {
      for (let i = 0; i < s.n; i++) {
        const id = s.truth[i];
        if (id === null) continue;
        seen.add(`${s.sensor}/${id}`);
        const o = OBJECTS.find((q) => q.id === id)!;
        ecefToAer(aer, o.stateAt(s.time, s6), s.site);
        let daz = Math.abs(s.z[3 * i + 1] - aer[1]);
        daz = Math.min(daz, 2 * Math.PI - daz);
        expect(Math.abs(s.z[3 * i] - aer[0])).toBeLessThan(6 * s.sigma[3 * i]);
        expect(daz).toBeLessThan(6 * s.sigma[3 * i + 1]);
        expect(Math.abs(s.z[3 * i + 2] - aer[2])).toBeLessThan(6 * s.sigma[3 * i + 2]);
        n++;
      }
    }
    expect([...seen].sort()).toEqual(['u1/booster', 'u1/rv', 'x1/booster', 'x1/rv']);
    expect(n).toBeGreaterThan(200);
  });

  it('is deterministic, and one radar\'s scans do not depend on the other radars present', () => {
    const again = simulateSensors(OBJECTS, [x(), u()], 0, 400).scans;
    expect(writeMeasurementsCsv(again)).toBe(writeMeasurementsCsv(scans));
    const alone = simulateSensors(OBJECTS, [x()], 0, 400).scans;
    expect(writeMeasurementsCsv(alone)).toBe(writeMeasurementsCsv(scans.filter((s) => s.sensor === 'x1')));
  });

  it('its scans survive the measurement CSV round trip', () => {
    const text = writeMeasurementsCsv(scans);
    const back = readMeasurementsCsv(text, 'm.csv');
    expect(back.length).toBe(scans.filter((s) => s.n > 0).length);
    expect(writeMeasurementsCsv(back)).toBe(text);
  });
});
