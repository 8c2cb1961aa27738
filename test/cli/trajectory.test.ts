/** `tmd trajectory` and `tmd fly` end to end. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUserError, tmd } from './tmd.js';

describe.concurrent('tmd trajectory', () => {
  it('--json prints the documented keys for an aimed Nodong flight that lands on target', async () => {
    const r = await tmd('trajectory', '--missile', 'nodong', '--from', '40.85,129.67', '--to', '35.68,139.69', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(['apogee_km', 'burnout', 'flight_time_s', 'impact', 'missile', 'range_km', 'reentry_speed_mps', 'shape'].sort());
    expect(Object.keys(j.burnout).sort()).toEqual(['altitude_km', 'flight_path_angle_deg', 'speed_mps', 'time_s']);
    expect(Object.keys(j.impact).sort()).toEqual(['lat_deg', 'lon_deg', 'miss_m']);
    expect(j.missile).toBe('nodong');
    expect(j.range_km).toBeCloseTo(1046.9, 0); // geodesic distance Hwadae → Tokyo
    expect(j.impact.miss_m).toBeLessThan(100);
    expect(j.impact.lat_deg).toBeCloseTo(35.68, 3);
    expect(j.burnout.time_s).toBeLessThanOrEqual(110); // the Nodong burns 110 s at most
  });

  it('writes CZML and GeoJSON with the RV and the spent stage', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tmd-traj-'));
    const czml = path.join(dir, 'a.czml');
    const gj = path.join(dir, 'a.geojson');
    const r = await tmd('trajectory', '--missile', 'nodong', '--from', '40.85,129.67', '--to', '35.68,139.69', '--shape', 'lofted', '--apogee-km', '400', '--czml', czml, '--geojson', gj);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(czml, 'utf8'));
    expect(doc[0].id).toBe('document');
    expect(doc.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['nodong-rv', 'nodong-booster']));
    const fc = JSON.parse(readFileSync(gj, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
  });

  it('bad input: unknown missile with a suggestion, bad coordinates, unreachable target, misplaced flags', async () => {
    const base = ['trajectory', '--from', '40.85,129.67', '--to', '35.68,139.69'];
    const [a, b, c, d, e, f] = await Promise.all([
      tmd(...base, '--missile', 'nodon'),
      tmd('trajectory', '--missile', 'nodong', '--from', '91,129', '--to', '35.68,139.69'),
      tmd('trajectory', '--missile', 'nodong', '--from', '40.85;129.67', '--to', '35.68,139.69'),
      tmd('trajectory', '--missile', 'scud-b', '--from', '40.85,129.67', '--to', '35.68,139.69'),
      tmd(...base, '--missile', 'nodong', '--apogee-km', '300'),
      tmd(...base, '--missile', 'nodong', '--shape', 'loft'),
    ]);
    expectUserError(a, '--missile');
    expect(a.stderr).toContain("did you mean 'nodong'");
    expectUserError(b, '--from');
    expectUserError(c, '--from');
    expectUserError(d, 'target');
    expect(d.stderr).toMatch(/maximum range of \d+ km/);
    expectUserError(e, '--apogee-km');
    expectUserError(f, '--shape');
  });
});

describe.concurrent('tmd fly', () => {
  it('flies every missile of a scenario, salvos included, each on its target', async () => {
    const r = await tmd('fly', 'test/fixtures/scenarios/fly-demo.yaml', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((x: { id: string }) => x.id)).toEqual(['n1', 'n2#1', 'n2#2', 's1']);
    for (const x of rows) expect(x.impact.miss_m).toBeLessThan(100);
    expect(rows[2].launch_time_s - rows[1].launch_time_s).toBeCloseTo(30, 9);
    expect(rows[1].apogee_km).toBeCloseTo(400, 0);
  });

  it('reports every unreachable threat at once, located in the file', async () => {
    const r = await tmd('fly', 'test/fixtures/scenarios/fly-unreachable.yaml');
    expectUserError(r, /test\/fixtures\/scenarios\/fly-unreachable\.yaml threats\[[02]\]\.target/, 2);
    expect(r.stderr).toContain('threats[0].target');
    expect(r.stderr).toContain('threats[2].target');
  });
});
