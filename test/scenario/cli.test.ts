import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/cli/catalog-files.js';

const root = join(import.meta.dirname, '..', '..');
const FIX = join(root, 'test', 'fixtures', 'scenarios');

function tmd(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tmd validate / tmd catalog', () => {
  const missile = readCatalog().ids('missile')[0];
  const dir = mkdtempSync(join(tmpdir(), 'tmd-cli-'));
  const good = join(dir, 'good.yaml');
  writeFileSync(
    good,
    `epoch: 2026-01-01T00:00:00Z\nthreats:\n  - { id: t1, missile: ${missile}, launch: {lat_deg: 40, lon_deg: 127.5}, target: {lat_deg: 35.68, lon_deg: 139.69}, count: 2 }\nassets:\n  - { id: a, lat_deg: 35.68, lon_deg: 139.69, radius_km: 15, value: 10 }\n`,
  );

  it('validate: ok line for a good file, one line per problem and exit 2 for a bad one', () => {
    const ok = tmd('validate', good);
    expect(ok).toMatchObject({ code: 0, out: `${good}: ok (1 threat, 2 missiles, 1 asset)\n` });
    const bad = tmd('validate', good, join(FIX, 'bad-lat-range.yaml'), join(dir, 'missing.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.out).toBe(`${good}: ok (1 threat, 2 missiles, 1 asset)\n`);
    expect(bad.err.trimEnd().split('\n')).toEqual([
      `tmd: ${join(FIX, 'bad-lat-range.yaml')}:7:16 threats[0].target.lat_deg: found 95, expected a latitude in [-90, 90] degrees`,
      `tmd: ${join(dir, 'missing.yaml')}: no such file; expected a scenario file (.yaml or .json)`,
    ]);
  });

  it('validate --json prints one JSON value with structured problems', () => {
    const r = tmd('validate', '--json', join(FIX, 'bad-negative-time.yaml'));
    expect(r.code).toBe(2);
    const v = JSON.parse(r.out);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ ok: false, problems: [{ line: 6, col: 20, path: 'threats[0].launch_time_s' }] });
  });

  it('catalog --json lists id, kind, name and range_km; catalog ID shows sources; unknown ID exits 2', () => {
    const list = JSON.parse(tmd('catalog', '--json').out) as Record<string, unknown>[];
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) {
      expect(typeof e.id).toBe('string');
      expect(typeof e.name).toBe('string');
      if (e.kind === 'missile') expect(e.range_km).toBeGreaterThan(0);
    }
    const one = tmd('catalog', missile);
    expect(one.code).toBe(0);
    expect(one.out).toContain(`${missile} (missile)`);
    expect(one.out).toContain('sources:');
    const unknown = tmd('catalog', `${missile}x`);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe(`tmd: ID: found '${missile}x', expected a catalog id; did you mean '${missile}'?\n`);
  });
});
