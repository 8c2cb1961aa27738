/**
 * `tmd engage` end to end through tsx: the JSON keys of the brief, a feasible SM-3-class shot
 * against an aimed MRBM whose intercept lies in the battlespace, a no-shot explanation, CZML with
 * both flights, and bad flags → exit 2 with one line naming the flag.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function tmd(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['src/cli/main.ts', 'engage', ...args], { cwd: ROOT });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const MRBM = ['--missile', 'df-21', '--from', '40,116', '--to', '35.5,129.5'];

describe('tmd engage', () => {
  it('--json: window, intercept inside the battlespace, miss, P_k, killed; CZML of both flights', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tmd-engage-'));
    const czml = path.join(dir, 'e.czml');
    const r = await tmd(...MRBM, '--interceptor', 'sm3-like', '--battery', '37,124', '--json', '--czml', czml);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.no_shot).toBeNull();
    expect(j.window.first_launch_s).toBeLessThanOrEqual(j.window.last_launch_s);
    expect(j.intercept.altitude_km).toBeGreaterThanOrEqual(70 - 1);
    expect(j.intercept.altitude_km).toBeLessThanOrEqual(500 + 1);
    expect(j.intercept.ground_range_km).toBeLessThanOrEqual(700);
    expect(j.miss_m).toBeLessThan(0.5);
    expect(j.pk).toBe(0.85);
    expect(typeof j.killed).toBe('boolean');
    const doc = JSON.parse(readFileSync(czml, 'utf8')) as { id: string }[];
    expect(doc.map((p) => p.id)).toEqual(expect.arrayContaining(['df-21-rv', 'sm3-like-1']));
  }, 60_000);

  it('--json when no shot exists: nulls and the reason', async () => {
    const r = await tmd(...MRBM, '--interceptor', 'thaad-like', '--battery', '30,129.3', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.window).toBeNull();
    expect(j.miss_m).toBeNull();
    expect(j.no_shot).toMatch(/out of range/);
  }, 60_000);

  it('bad flags → exit 2, one line naming the flag', async () => {
    for (const [args, flag] of [
      [[...MRBM, '--interceptor', 'thad', '--battery', '35,129'], '--interceptor'],
      [[...MRBM, '--interceptor', 'thaad-like', '--battery', '95,129'], '--battery'],
      [[...MRBM, '--interceptor', 'thaad-like', '--battery', '35,129', '--seed', '-3'], '--seed'],
    ] as [string[], string][]) {
      const r = await tmd(...args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(flag);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});
