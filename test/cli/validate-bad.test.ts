/**
 * Every malformed-scenario fixture (test/fixtures/scenarios/bad-*, 32 kinds of mistake) makes
 * `tmd validate` exit 2 with located one-line problems and no stack trace; the exact messages are
 * checked in test/scenario/*.test.ts.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tmd } from './tmd.js';

const dir = 'test/fixtures/scenarios';
const bad = readdirSync(dir).filter((f) => f.startsWith('bad-')).sort();

describe('tmd validate on malformed scenarios', () => {
  it(`reports every one of the ${bad.length} bad fixtures, located, exit 2`, async () => {
    expect(bad.length).toBeGreaterThanOrEqual(20);
    const r = await tmd('validate', ...bad.map((f) => `${dir}/${f}`));
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const lines = r.stderr.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^tmd: test\/fixtures\/scenarios\/bad-[\w-]+\.(yaml|json)(:\d+:\d+)?( \S+)?: \S/);
    for (const f of bad) expect(lines.some((l) => l.startsWith(`tmd: ${dir}/${f}`))).toBe(true);
  });
});
