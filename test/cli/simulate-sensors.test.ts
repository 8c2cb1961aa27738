/** `tmd simulate-sensors` end to end: files in the documented formats, readable by the tracker's readers. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMeasurementsCsv, readTruthCsv } from '../../src/io/index.js';
import { expectUserError, tmd } from './tmd.js';

describe.concurrent('tmd simulate-sensors', () => {
  it('writes truth.csv and measurements.csv for the one-on-one scenario, with RVs and boosters seen separately', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tmd-sim-'));
    const r = await tmd('simulate-sensors', 'scenarios/didactic-one-on-one.yaml', '--out', dir, '--json', '--seed', '7');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.objects).toBe(2);
    const truth = readTruthCsv(readFileSync(path.join(dir, 'truth.csv'), 'utf8'), 'truth.csv');
    const ids = new Set(truth.map((t) => t.object));
    // one RV and its spent stage (`<threat>/booster`)
    expect(ids.size).toBe(2);
    expect([...ids].filter((i) => i.endsWith('/booster'))).toHaveLength(1);
    const scans = readMeasurementsCsv(readFileSync(path.join(dir, 'measurements.csv'), 'utf8'), 'measurements.csv');
    let det = 0;
    const seen = new Set<string>();
    for (const s of scans) {
      det += s.n;
      for (const t of s.truth) if (t) seen.add(t);
    }
    expect(det).toBe(j.measurements);
    expect([...seen].sort()).toEqual([...ids].sort()); // both the RV and the spent stage are detected
    // the same seed gives the same files
    const dir2 = mkdtempSync(path.join(tmpdir(), 'tmd-sim-'));
    await tmd('simulate-sensors', 'scenarios/didactic-one-on-one.yaml', '--out', dir2, '--seed', '7');
    expect(readFileSync(path.join(dir2, 'measurements.csv'), 'utf8')).toBe(readFileSync(path.join(dir, 'measurements.csv'), 'utf8'));
  });

  it('a scenario without radars, a missing file and a bad seed are user errors', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tmd-sim-'));
    const [a, b, c] = await Promise.all([
      tmd('simulate-sensors', 'test/fixtures/scenarios/fly-demo.yaml', '--out', dir),
      tmd('simulate-sensors', 'no-such-file.yaml', '--out', dir),
      tmd('simulate-sensors', 'scenarios/didactic-one-on-one.yaml', '--out', dir, '--seed', '-1'),
    ]);
    expectUserError(a, 'test/fixtures/scenarios/fly-demo.yaml sensors');
    expectUserError(b, 'no-such-file.yaml');
    expectUserError(c, '--seed');
  });
});
