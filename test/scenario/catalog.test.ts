import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadCatalog } from '../../src/scenario/index.js';
import { packageRoot, readCatalog } from '../../src/cli/catalog-files.js';
import { looseKinds, missileFile, testCatalog } from './helpers.js';

function problems(files: { path: string; text: string }[], kinds?: Parameters<typeof loadCatalog>[1]): [string, string][] {
  try {
    loadCatalog(files, kinds);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).problems.map((p) => [p.where, p.message]);
  }
  return [];
}

describe('loadCatalog', () => {
  it('indexes entries by kind and id', () => {
    const c = testCatalog();
    expect(c.ids('missile')).toEqual(['nodong', 'scud-b', 'scud-c']);
    expect(c.ids('radar')).toEqual([]);
    expect(c.get('missile', 'scud-c').range_km).toBe(550);
    expect(c.get('missile', 'nodong').file).toBe('catalog/missiles/nodong.yaml');
    expect(c.get('missile', 'nodong').sources).toEqual([{ id: 'test', citation: 'Test source, Some Book, 2000, p. 1', url: 'https://example.org/x' }]);
    expect(c.has('missile', 'nodong')).toBe(true);
    expect(c.has('radar', 'nodong')).toBe(false);
    expect(c.find('scud-b')?.kind).toBe('missile');
    expect(c.all().map((e) => e.id)).toEqual(['nodong', 'scud-b', 'scud-c']);
  });

  it('get: unknown id is a UserError with did-you-mean', () => {
    const c = testCatalog();
    expect(() => c.get('missile', 'scud-d', 'threats[0].missile')).toThrow(
      "threats[0].missile: found 'scud-d', expected a missile type from the catalog; did you mean 'scud-b' or 'scud-c'?",
    );
    expect(() => c.get('radar', 'x')).toThrow("catalog: found 'x', but the catalog has no radar types");
    expect(() => c.get('missile', 'zzzzzzzzzz')).toThrow('(one of nodong, scud-b, scud-c)');
  });

  it('reports every problem of every file at once, located', () => {
    const bad = [
      missileFile('ok-one'),
      { path: 'catalog/missiles/a.yaml', text: 'id: a\nkind: misile\nname: A\ndescription: x\nsources: []\n' },
      {
        path: 'catalog/missiles/b.yaml',
        text: "id: b\nkind: missile\nname: B\ndescription: x\nrange_km: -5\nsources:\n  - { id: s, citation: short, url: not a url }\n",
      },
      { path: 'catalog/radars/c.yaml', text: missileFile('c').text },
      { path: 'catalog/missiles/d.yaml', text: 'id: d\nkind: [missile\n' },
      { path: 'catalog/missiles/e.yaml', text: missileFile('ok-one').text },
    ];
    expect(problems(bad, looseKinds)).toEqual([
      ['catalog/missiles/a.yaml:2:7 kind', "found 'misile', expected one of 'missile', 'radar', 'interceptor'; did you mean 'missile'?"],
      ['catalog/missiles/a.yaml:5:10 sources', 'found a list of 0 items, expected at least one source'],
      ['catalog/missiles/b.yaml:5:11 range_km', 'found -5, expected a maximum range > 0 km'],
      ['catalog/missiles/b.yaml:7:24 sources[0].citation', "found 'short', expected a citation of at least 10 characters: author, title, year, page or table"],
      ['catalog/missiles/b.yaml:7:36 sources[0].url', "found 'not a url', expected a URL (https://…)"],
      ['catalog/radars/c.yaml:2:7 kind', "found 'missile' in the radars folder, expected kind 'radar'"],
      ['catalog/missiles/d.yaml:3:1', 'syntax error: flow sequence in block collection must be sufficiently indented and end with a ]'],
      ['catalog/missiles/e.yaml:1:5 id', "found 'ok-one', already used by catalog/missiles/ok-one.yaml; expected an id unique in the catalog"],
    ]);
  });

  it('validates with the schema registered for the kind', async () => {
    const { z } = await import('zod');
    const kinds = { missile: z.object({ id: z.string(), kind: z.literal('missile'), name: z.string(), stages: z.number().int() }).loose() };
    const withStages = (v: string) => [{ ...missileFile('m'), text: missileFile('m').text + `stages: ${v}\n` }];
    expect(problems(withStages('2'), kinds)).toEqual([]);
    expect(problems(withStages('1.5'), kinds)).toEqual([['catalog/missiles/m.yaml:8:9 stages', 'found 1.5, expected a whole number']]);
  });
});

describe('readCatalog (Node side)', () => {
  it('finds the package root from src/cli/', () => {
    const root = packageRoot();
    expect(root).toBe(join(import.meta.dirname, '..', '..'));
  });

  it('reads catalog/**/*.yaml under a root, naming files relative to it', () => {
    const root = mkdtempSync(join(tmpdir(), 'tmd-cat-'));
    mkdirSync(join(root, 'catalog', 'missiles'), { recursive: true });
    mkdirSync(join(root, 'catalog', 'radars'), { recursive: true });
    // a complete missile entry: the shipped nodong.yaml under another id
    const nodong = readFileSync(join(packageRoot(), 'catalog', 'missiles', 'nodong.yaml'), 'utf8');
    writeFileSync(join(root, 'catalog', 'missiles', 'x1.yaml'), nodong.replace(/^id: .*$/m, 'id: x1'));
    writeFileSync(join(root, 'catalog', 'missiles', 'notes.txt'), 'not a catalog file');
    const c = readCatalog(root);
    expect(c.ids('missile')).toEqual(['x1']);
    expect(c.get('missile', 'x1').file).toBe('catalog/missiles/x1.yaml');
    writeFileSync(join(root, 'catalog', 'radars', 'bad.yaml'), 'id: bad\n');
    expect(() => readCatalog(root)).toThrow("catalog/radars/bad.yaml:1:1 kind: missing key 'kind'");
  });

  it('the committed catalog is valid and every missile has a published range', () => {
    const c = readCatalog();
    for (const id of c.ids('missile')) expect(c.get('missile', id).range_km).toBeGreaterThan(0);
  });
});
