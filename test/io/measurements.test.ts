/**
 * Measurement, truth and track CSV files: write → read round trips to the printed precision
 * (0.1 mm, 1e-9°, 1 µs), grouping into scans, and precise errors for malformed files — every
 * problem at once, with line and column name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSite } from '../../src/earth/index.js';
import { UserError } from '../../src/errors.js';
import {
  readMeasurementsCsv,
  readTracksCsv,
  readTruthCsv,
  writeMeasurementsCsv,
  writeTracksCsv,
  writeTruthCsv,
} from '../../src/io/measurements.js';
import { rngStream } from '../../src/math/index.js';
import type { Scan } from '../../src/sensor/index.js';

const DEG = Math.PI / 180;
const HEADER = 'time_s,sensor,sensor_lat_deg,sensor_lon_deg,sensor_alt_m,range_m,azimuth_deg,elevation_deg,sigma_range_m,sigma_azimuth_deg,sigma_elevation_deg,truth';

function randomScans(seed: number): Scan[] {
  const rng = rngStream(seed, 0, 'io-test', 'scans');
  const scans: Scan[] = [];
  let t = 0;
  for (let k = 0; k < 20; k++) {
    t += 0.1 + rng.uniform() * 3;
    const n = 1 + rng.int(5);
    const z = new Float64Array(3 * n), sigma = new Float64Array(3 * n);
    const truth: (string | null)[] = [];
    for (let i = 0; i < n; i++) {
      z[3 * i] = 1e3 + rng.uniform() * 5e6;
      z[3 * i + 1] = rng.uniform() * 2 * Math.PI;
      z[3 * i + 2] = (rng.uniform() - 0.2) * 1.5;
      sigma[3 * i] = 0.1 + rng.uniform() * 50;
      sigma[3 * i + 1] = 1e-5 + rng.uniform() * 1e-2;
      sigma[3 * i + 2] = 1e-5 + rng.uniform() * 1e-2;
      truth.push(rng.uniform() < 0.2 ? null : `rv-${rng.int(9)}`);
    }
    const sensor = k % 3 === 0 ? 'tpy2,north' : `r${k % 2}`; // one id needs CSV quoting
    scans.push({ time: Math.round(t * 1e6) / 1e6, sensor, site: createSite((rng.uniform() * 180 - 90) * DEG, (rng.uniform() * 360 - 180) * DEG, rng.uniform() * 100), n, z, sigma, truth });
  }
  return scans;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e.problems.map((p) => `${p.where}: ${p.message}`);
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('measurement CSV', () => {
  it('write → read → write is the identity on the text, and values survive to the printed precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const scans = randomScans(seed);
        const text = writeMeasurementsCsv(scans);
        expect(text.split('\n')[0]).toBe(HEADER);
        const back = readMeasurementsCsv(text, 'm.csv');
        expect(writeMeasurementsCsv(back)).toBe(text);
        expect(back.length).toBe(scans.length);
        for (let k = 0; k < scans.length; k++) {
          const a = scans[k], b = back[k];
          expect(b.sensor).toBe(a.sensor);
          expect(b.n).toBe(a.n);
          expect(b.truth).toEqual(a.truth);
          expect(Math.abs(b.time - a.time)).toBeLessThanOrEqual(5e-7);
          expect(Math.abs(b.site.lat - a.site.lat)).toBeLessThanOrEqual(5e-10 * DEG + 1e-16);
          expect(Math.abs(b.site.lon - a.site.lon)).toBeLessThanOrEqual(5e-10 * DEG + 1e-16);
          expect(Math.abs(b.site.h - a.site.h)).toBeLessThanOrEqual(5e-5 + 1e-12);
          for (let i = 0; i < a.n; i++) {
            expect(Math.abs(b.z[3 * i] - a.z[3 * i])).toBeLessThanOrEqual(5e-5 + 1e-9);
            let daz = Math.abs(b.z[3 * i + 1] - a.z[3 * i + 1]);
            daz = Math.min(daz, 2 * Math.PI - daz);
            expect(daz).toBeLessThanOrEqual(5e-10 * DEG + 1e-15);
            expect(Math.abs(b.z[3 * i + 2] - a.z[3 * i + 2])).toBeLessThanOrEqual(5e-10 * DEG + 1e-15);
            for (let j = 0; j < 3; j++) expect(Math.abs(b.sigma[3 * i + j] / a.sigma[3 * i + j] - 1)).toBeLessThanOrEqual(5e-10);
            expect(b.z[3 * i + 1]).toBeGreaterThanOrEqual(0);
            expect(b.z[3 * i + 1]).toBeLessThan(2 * Math.PI);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('groups rows into scans by (time, sensor, site), in time order', () => {
    const row = (t: string, s: string, lat: string, tr: string) => `${t},${s},${lat},135,0,1000,10,5,1,0.01,0.01,${tr}`;
    const text = [HEADER, row('2', 'a', '35', 'x'), row('1', 'a', '35', 'y'), row('2', 'a', '35', ''), row('2', 'b', '35', 'z'), row('2', 'a', '36', 'w')].join('\n');
    const scans = readMeasurementsCsv(text, 'g.csv');
    expect(scans.map((s) => [s.time, s.sensor, s.n, s.truth])).toEqual([
      [1, 'a', 1, ['y']],
      [2, 'a', 2, ['x', null]],
      [2, 'b', 1, ['z']],
      [2, 'a', 1, ['w']],
    ]);
    expect(scans[1].site).toBe(scans[2].site); // one Site per distinct position
    expect(scans[3].site.lat).toBeCloseTo(36 * DEG, 15);
  });

  it('accepts CRLF line ends, a byte-order mark, blank lines and an azimuth of exactly 360', () => {
    const text = '\uFEFF' + HEADER + '\r\n1,a,35,135,0,1000,360,5,1,0.01,0.01,x\r\n\r\n';
    const [s] = readMeasurementsCsv(text, 'crlf.csv');
    expect(s.z[1]).toBe(0);
  });

  it('a wrong header is one precise problem', () => {
    const bad = HEADER.replace('azimuth_deg', 'azimuth_rad') + '\n1,a,35,135,0,1000,10,5,1,0.01,0.01,x\n';
    expect(problemsOf(() => readMeasurementsCsv(bad, 'h.csv'))).toEqual([
      `h.csv:1: header: column 7: found 'azimuth_rad', expected 'azimuth_deg'; the header must be exactly ${HEADER}`,
    ]);
    expect(problemsOf(() => readMeasurementsCsv('', 'e.csv'))[0]).toMatch(/^e\.csv:1: header: found an empty first line/);
  });

  it('reports every bad cell and row at once, with line and column name', () => {
    const text = [
      HEADER,
      '1,a,35,135,0,1000,10,5,1,0.01,0.01,x', // good
      '1,a,95,135,0,abc,10,5,1,0.01,0.01,x', // bad latitude and non-numeric range
      '2,a,35,135,0,1000,10,5,1,0.01,x', // 11 columns
      '3,,35,135,0,1000,400,5,0,0.01,0.01,x', // empty sensor, azimuth 400, σ 0
      '4,"a,35,135,0,1000,10,5,1,0.01,0.01,x', // unclosed quote
    ].join('\n');
    expect(problemsOf(() => readMeasurementsCsv(text, 'bad.csv'))).toEqual([
      "bad.csv:3: column sensor_lat_deg: found '95', expected a latitude in [-90, 90] degrees",
      "bad.csv:3: column range_m: found 'abc', expected a range ≥ 0 m",
      `bad.csv:4: found 11 columns, expected 12 (${HEADER})`,
      'bad.csv:5: column sensor: found nothing, expected an id',
      "bad.csv:5: column azimuth_deg: found '400', expected an azimuth in [0, 360] degrees",
      "bad.csv:5: column sigma_range_m: found '0', expected a number > 0",
      'bad.csv:6: found an unclosed quote, expected a closing " before the end of the line',
    ]);
  });

  it('lists at most 50 problems and counts the rest', () => {
    const rows = [HEADER];
    for (let i = 0; i < 80; i++) rows.push('x,a,35,135,0,1000,10,5,1,0.01,0.01,t');
    const p = problemsOf(() => readMeasurementsCsv(rows.join('\n'), 'many.csv'));
    expect(p.length).toBe(51);
    expect(p[50]).toBe('many.csv: … and 30 more problems');
  });
});

describe('truth and track CSV', () => {
  it('round trip to 0.1 mm and 1 µm/s; numeric track ids come back as numbers', () => {
    const rng = rngStream(3, 0, 'io-test', 'states');
    const rows = [];
    for (let i = 0; i < 50; i++) {
      const st = new Float64Array(6);
      for (let k = 0; k < 3; k++) st[k] = (rng.uniform() - 0.5) * 1.4e7;
      for (let k = 3; k < 6; k++) st[k] = (rng.uniform() - 0.5) * 1.6e4;
      rows.push({ time: i * 0.5, object: `rv-${i % 4}`, state: st });
    }
    const t = writeTruthCsv(rows);
    expect(t.split('\n')[0]).toBe('time_s,object,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps');
    const back = readTruthCsv(t, 'truth.csv');
    expect(writeTruthCsv(back)).toBe(t);
    for (let i = 0; i < rows.length; i++) {
      expect(back[i].object).toBe(rows[i].object);
      for (let k = 0; k < 3; k++) expect(Math.abs(back[i].state[k] - rows[i].state[k])).toBeLessThanOrEqual(5e-5 + 1e-8);
      for (let k = 3; k < 6; k++) expect(Math.abs(back[i].state[k] - rows[i].state[k])).toBeLessThanOrEqual(5e-7 + 1e-11);
    }
    const tracks = rows.map((r, i) => ({ time: r.time, track: i % 2 ? i : `T${i}`, state: r.state }));
    const tt = writeTracksCsv(tracks);
    expect(tt.split('\n')[0]).toBe('time_s,track,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps');
    expect(readTracksCsv(tt, 'tracks.csv').map((r) => r.track)).toEqual(tracks.map((r) => r.track));
  });

  it('precise errors for truth files', () => {
    const text = 'time_s,object,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n0,a,1,2,3,4,5,6\n1,a,1,2,nan,4,5,6\n';
    expect(problemsOf(() => readTruthCsv(text, 't.csv'))).toEqual(["t.csv:3: column z_m: found 'nan', expected a number"]);
  });
});
