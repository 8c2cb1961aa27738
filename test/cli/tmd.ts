/** Runs the `tmd` CLI through tsx (no build needed) for end-to-end tests. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tmd ARGS` in the package root. */
export function tmd(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['src/cli/main.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Exit 2, `lines` stderr lines, each `tmd[ command]: …` naming `where` (at the start for our own
 * errors, anywhere for commander's "required option '--x' not specified"), no stack trace,
 * nothing on stdout.
 */
export function expectUserError(r: Run, where: string | RegExp, lines = 1): void {
  expect(r.code).toBe(2);
  const out = r.stderr.trimEnd().split('\n');
  expect(out).toHaveLength(lines);
  const w = typeof where === 'string' ? where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : where.source;
  for (const l of out) expect(l).toMatch(new RegExp(`^tmd( [\\w-]+)?: (${w}|.*'${w})`));
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}
