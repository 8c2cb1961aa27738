import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodeticToEcefAt } from '../../src/earth/index.js';
import { splitAtAntimeridian, toGeoJson, type PathForOutput } from '../../src/io/index.js';

const DEG = Math.PI / 180;

/** A path sampled at geodetic points (degrees, metres). */
function pathAt(points: [number, number, number][], id = 'p'): PathForOutput {
  const n = points.length;
  const ecef = new Float64Array(3 * n);
  const t = new Float64Array(n);
  points.forEach(([lat, lon, h], i) => {
    geodeticToEcefAt(ecef, 3 * i, lat * DEG, lon * DEG, h);
    t[i] = 10 * i;
  });
  return { id, name: id, kind: 'rv', t, ecef, stride: 3, events: [{ name: 'impact', t: 10 * (n - 1), lat_deg: 1, lon_deg: 359, alt_m: 0 }] };
}

describe('toGeoJson', () => {
  it('converts ECEF to [lon, lat, alt] (WGS84 reference points)', () => {
    // NIMA TR8350.2 Table 3.1/3.3: a = 6378137 m, b = 6356752.3142 m.
    const p: PathForOutput = {
      id: 'ref',
      name: 'ref',
      kind: 'missile',
      t: new Float64Array([0, 1, 2]),
      ecef: new Float64Array([6378137, 0, 0, 0, 6378137 + 1000, 0, 0, 0, 6356752.3142]),
      stride: 3,
      events: [],
    };
    const fcoll = toGeoJson([p]);
    const c = (fcoll.features[0].geometry as any).coordinates as number[][];
    expect(c[0][0]).toBeCloseTo(0, 12);
    expect(c[0][1]).toBeCloseTo(0, 12);
    expect(c[0][2]).toBeCloseTo(0, 6);
    expect(c[1][0]).toBeCloseTo(90, 12);
    expect(c[1][2]).toBeCloseTo(1000, 6);
    expect(c[2][1]).toBeCloseTo(90, 12);
    expect(c[2][2]).toBeCloseTo(0, 3); // b is given to 0.1 mm
  });

  it('is a FeatureCollection: a LineString per path with id/kind/times, a Point per event (RFC 7946)', () => {
    const pts: [number, number, number][] = [
      [39, 125.7, 0],
      [38, 130, 200e3],
      [35.7, 139.7, 0],
    ];
    const g = toGeoJson([pathAt(pts, 'm1')], { epochIso: '2026-01-01T00:00:00Z' });
    expect(g.type).toBe('FeatureCollection');
    expect(g.features).toHaveLength(2);
    const [line, ev] = g.features;
    expect(line).toMatchObject({ type: 'Feature', id: 'm1', geometry: { type: 'LineString' } });
    expect(line.properties).toMatchObject({ id: 'm1', kind: 'rv', t_start_s: 0, t_end_s: 20, t_s: [0, 10, 20], start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T00:00:20.000Z' });
    const coords = (line.geometry as any).coordinates as number[][];
    pts.forEach(([lat, lon, h], i) => {
      expect(coords[i][0]).toBeCloseTo(lon, 9);
      expect(coords[i][1]).toBeCloseTo(lat, 9);
      expect(coords[i][2]).toBeCloseTo(h, 5);
    });
    // event longitudes normalised to [-180, 180]
    expect(ev).toMatchObject({ type: 'Feature', geometry: { type: 'Point', coordinates: [-1, 1, 0] }, properties: { kind: 'event', name: 'impact', path_id: 'm1', t_s: 20, time: '2026-01-01T00:00:20.000Z' } });
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });

  it('cuts a path crossing the antimeridian into a MultiLineString (RFC 7946 §3.1.9)', () => {
    const pts: [number, number, number][] = [];
    for (let lon = 170; lon <= 190; lon += 1) pts.push([10 + (lon - 170) * 0.1, lon, 1000 * (lon - 170)]);
    const g = toGeoJson([pathAt(pts)]);
    const geom = g.features[0].geometry as any;
    expect(geom.type).toBe('MultiLineString');
    expect(geom.coordinates).toHaveLength(2);
    const [west, east] = geom.coordinates as number[][][];
    // west: the samples at 170..180 (the one at 180 is the cut); east: the cut at -180, then -179..-170
    expect(west).toHaveLength(11);
    expect(east).toHaveLength(11);
    expect(west.at(-1)![0]).toBe(180);
    expect(east[0][0]).toBe(-180);
    expect(west.at(-1)![1]).toBeCloseTo(11, 9);
    expect(west.at(-1)![2]).toBeCloseTo(10000, 3);
    expect(east[0][1]).toBe(west.at(-1)![1]);
    expect(east.at(-1)![0]).toBeCloseTo(-170, 9);
    const times = g.features[0].properties.t_s as number[][];
    expect(times[0].at(-1)).toBeCloseTo(100, 9);
    expect(times[1][0]).toBeCloseTo(100, 9);
  });
});

describe('splitAtAntimeridian', () => {
  it('property: parts never jump more than 180°, cuts sit on ±180 and match, every sample is kept', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.array(fc.double({ min: -60, max: 60, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (lon0, steps) => {
          const unwrapped = [lon0];
          for (const d of steps) unwrapped.push(unwrapped[unwrapped.length - 1] + d);
          const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;
          const lon = unwrapped.map(wrap).map((x) => (x === -180 ? 180 : x)); // (-180, 180]
          const n = lon.length;
          const lat = lon.map((_, i) => -30 + i);
          const alt = lon.map((_, i) => 1000 * i);
          const t = lon.map((_, i) => i);
          const parts = splitAtAntimeridian(lon, lat, alt, t);
          let crossings = 0;
          for (let i = 1; i < n; i++) if (Math.abs(lon[i] - lon[i - 1]) > 180) crossings++;
          expect(parts).toHaveLength(crossings + 1);
          const kept: number[] = [];
          parts.forEach((part, k) => {
            expect(part.coordinates).toHaveLength(part.t.length);
            for (let i = 1; i < part.coordinates.length; i++) {
              expect(Math.abs(part.coordinates[i][0] - part.coordinates[i - 1][0])).toBeLessThanOrEqual(180);
              expect(part.t[i]).toBeGreaterThanOrEqual(part.t[i - 1]);
            }
            for (const c of part.coordinates) expect(Math.abs(c[0])).toBeLessThanOrEqual(180);
            if (k > 0) {
              const end = parts[k - 1].coordinates.at(-1)!;
              const start = part.coordinates[0];
              expect(Math.abs(end[0])).toBe(180);
              expect(start[0]).toBe(-end[0]);
              expect(start[1]).toBe(end[1]);
              expect(start[2]).toBe(end[2]);
            }
            for (let i = 0; i < part.t.length; i++) if (Number.isInteger(part.t[i]) && Math.abs(part.coordinates[i][0]) !== 180) kept.push(part.t[i]);
          });
          // every original sample appears once (samples lying exactly on ±180 may merge with a cut)
          const onEdge = lon.filter((x) => Math.abs(x) === 180).length;
          expect(kept.length).toBeGreaterThanOrEqual(n - onEdge);
        },
      ),
      { numRuns: 300 },
    );
  });
});
