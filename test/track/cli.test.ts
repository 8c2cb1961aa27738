/** `tmd track` and `tmd score` end to end through tsx, on a small simulated measurement file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rngStream } from '../../src/math/index.js';
import { createSite } from '../../src/earth/index.js';
import { writeMeasurementsCsv, writeTruthCsv, type TruthRow } from '../../src/io/index.js';
import type { Scan } from '../../src/sensor/index.js';
import { spawn } from 'node:child_process';
import { expectUserError, ROOT, type Run } from '../cli/tmd.js';
import { flyBallistic, launchState, measure } from './helpers.js';

const deg = Math.PI / 180;

/**
 * Runs `tmd ARGS` through tsx like test/cli/tmd.ts, but with the build-time constant DEBUG defined
 * (tsx has no `define`; src/math/mat.ts reads DEBUG, which the esbuild bundle and vitest define).
 */
function tmd(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NODE_OPTIONS: '--import=data:text/javascript,globalThis.DEBUG=true' };
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/main.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmd-track-'));
const meas = path.join(dir, 'm.csv'), truthCsv = path.join(dir, 't.csv'), out = path.join(dir, 'tracks.csv');
{
  const A = flyBallistic(launchState(39, 125.7, 30_000, 2900, 42, 130), 60, 260, 1);
  const site = createSite(36 * deg, 129 * deg, 200);
  const rng = rngStream(9, 0, 'cli', 'noise');
  const scans: Scan[] = [];
  const truth: TruthRow[] = [];
  A.t.forEach((t, k) => {
    const z = new Float64Array(3);
    measure(z, 0, A.s[k], site, [25, 0.5e-3, 0.5e-3], rng);
    scans.push({ time: t, sensor: 'r1', site, n: 1, z, sigma: Float64Array.from([25, 0.5e-3, 0.5e-3]), truth: ['A'] });
    truth.push({ time: t, object: 'A', state: A.s[k] });
  });
  fs.writeFileSync(meas, writeMeasurementsCsv(scans));
  fs.writeFileSync(truthCsv, writeTruthCsv(truth));
}

describe.concurrent('tmd track / tmd score', () => {
  it('tracks one ballistic target and scores it', async () => {
    const r = await tmd('track', '--measurements', meas, '--out', out, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ scans: 201, measurements: 201, tracks_confirmed: 1, motion: 'ballistic', filter: 'ekf' });
    expect(j.measurements_per_s).toBeGreaterThan(0);
    const s = await tmd('score', '--truth', truthCsv, '--tracks', out, '--json');
    expect(s.code).toBe(0);
    const k = JSON.parse(s.stdout);
    expect(k).toMatchObject({ tracks: 1, truths: 1, truths_tracked: 1, breaks: 0 });
    expect(k.rmse_position_m).toBeLessThan(200);
    expect(k.gospa_mean).toBeGreaterThanOrEqual(k.rmse_position_m * 0.5);
  });
  it('bad flags and files are one-line user errors', async () => {
    expectUserError(await tmd('track', '--measurements', path.join(dir, 'missing.csv'), '--out', out), '--measurements');
    expectUserError(await tmd('track', '--measurements', meas, '--out', out, '--filter', 'pf'), '--filter');
    expectUserError(await tmd('track', '--measurements', meas, '--out', out, '--q', 'x'), '--q');
    expectUserError(await tmd('score', '--truth', truthCsv, '--tracks', path.join(dir, 'none.csv')), '--tracks');
  });
});
