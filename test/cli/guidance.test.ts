/**
 * `tmd guidance` end to end: spawns the CLI through tsx (no build needed), checks the JSON against
 * the closed form of the single time constant loop (test/validation/zarchan-single-lag.test.ts),
 * and that bad flags give exit code 2 and one stderr line naming the flag, without a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { expectUserError, tmd, type Run } from './tmd.js';


const common = ['--nav-ratio', '3', '--flight-time-s', '2', '--closing-speed-mps', '4000', '--missile-speed-mps', '3000'];

describe.concurrent('tmd guidance', () => {
  it('--json: PN, N′ = 3, T = 1 s, TF = 2 s, 1 g step: miss = 2e^(−2)·g0·T² (closed form), one JSON object', async () => {
    const r = await tmd('guidance', '--law', 'pn', '--time-constant-s', '1', '--target-accel-g', '1', ...common, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(typeof out.miss_m).toBe('number');
    expect(typeof out.peak_accel_g).toBe('number');
    expect(out.miss_m as number).toBeCloseTo(2 * Math.exp(-2) * 9.80665, 6);
    expect(out.law).toBe('pn');
    expect(out.lag).toBe('single');
  });
  it('--json, zero lag, heading error 10°: miss ≈ 0 and peak = N′·VM·HE/TF in g (no --time-constant-s needed)', async () => {
    const r = await tmd('guidance', '--law', 'pn', '--lag', 'zero', '--heading-error-deg', '10', ...common, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, number>;
    expect(Math.abs(out.miss_m)).toBeLessThan(1e-6);
    expect(out.peak_accel_g).toBeCloseTo((3 * 3000 * ((10 * Math.PI) / 180)) / 2 / 9.80665, 6);
  });
  it('human output names the miss and the peak acceleration', async () => {
    const r = await tmd('guidance', '--law', 'apn', '--time-constant-s', '0.5', '--target-accel-g', '3', ...common);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/miss .* m\n/);
    expect(r.stdout).toMatch(/peak commanded acceleration: .* g/);
  });
  it('bad flags: one line naming the flag, exit 2', async () => {
    const runs = await Promise.all([
      tmd('guidance', '--law', 'pn', '--time-constant-s', '1', ...common.slice(0, 1), '0', ...common.slice(2)),
      tmd('guidance', '--law', 'pm', '--time-constant-s', '1', ...common),
      tmd('guidance', '--law', 'pn', ...common),
      tmd('guidance', '--law', 'pn', '--time-constant-s', '-1', ...common),
      tmd('guidance', '--law', 'pn', '--time-constant-s', '1', '--lag', 'double', ...common),
      tmd('guidance', '--law', 'pn', '--time-constant-s', '1', '--nav-ratio', '3', '--flight-time-s', 'abc', '--closing-speed-mps', '4000', '--missile-speed-mps', '3000'),
      tmd('guidance', '--law', 'pn', '--time-constant-s', '1', '--nav-ratio', '3', '--flight-time-s', '2', '--closing-speed-mps', '0', '--missile-speed-mps', '3000'),
      tmd('guidance', '--law', 'pn', '--time-constant-s', '1', '--target-accel-g', 'x', ...common),
      tmd('guidance', '--law', 'pn', '--time-constant-s', '1', '--step-s', '0.5', ...common),
      tmd('guidance', '--law', 'pn', '--time-constant-s', '1e-5', ...common),
    ]);
    const flags = ['--nav-ratio', '--law', '--time-constant-s', '--time-constant-s', '--lag', '--flight-time-s', '--closing-speed-mps', '--target-accel-g', '--step-s', '--flight-time-s'];
    runs.forEach((r, i) => expectUserError(r, flags[i]));
  });
  it('a missing required flag is reported by commander with exit 2', async () => {
    const r = await tmd('guidance', '--law', 'pn', '--time-constant-s', '1', '--nav-ratio', '3', '--flight-time-s', '2', '--closing-speed-mps', '4000');
    expectUserError(r, '--missile-speed-mps');
  });
});
