import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { applySettings, apportion, parsePathText, raidSizeOf, resolveParam, scenarioData, scenarioParamPaths } from '../../src/analysis/index.js';
import { UserError } from '../../src/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SS = 'test/fixtures/campaign/analytic-ss.yaml';
const JAPAN = 'scenarios/japan-1999.yaml';
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('parameter paths', () => {
  it('parses user paths into keys and refuses malformed ones', () => {
    expect(parsePathText('threats[0].target.lat_deg')).toEqual(['threats', 0, 'target', 'lat_deg']);
    expect(parsePathText('doctrine.kill_assessment.p_correct_kill')).toEqual(['doctrine', 'kill_assessment', 'p_correct_kill']);
    for (const bad of ['', '.a', '[0]', 'a[x]', 'a..b', 'a[0', 'a b']) expect(parsePathText(bad)).toBeNull();
  });

  it('lists schema numbers present or optional, unknown sections, and not seed', () => {
    const data = scenarioData(read(JAPAN), JAPAN);
    const ps = scenarioParamPaths(data);
    expect(ps).toContain('threats[9].count');
    expect(ps).toContain('batteries[3].inventory');
    expect(ps).toContain('batteries[0].reload_s'); // optional, absent in the file
    expect(ps).toContain('doctrine.engagement.shots_per_look'); // the shoot-look-shoot branch of the union
    expect(ps).not.toContain('doctrine.engagement.shots'); // the salvo branch is not the one in use
    expect(ps).not.toContain('seed');
    expect(ps).not.toContain('threats[10].count');
    const an = scenarioParamPaths(scenarioData(read(SS), SS));
    expect(an).toEqual(expect.arrayContaining(['analytic.sspk', 'analytic.shots', 'analytic.reliability']));
  });

  it('a misspelt path is a UserError with did-you-mean and the valid paths', () => {
    const data = scenarioData(read(SS), SS);
    let err: unknown;
    try {
      resolveParam('threats[0].cont', data, '--vary');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const p = (err as UserError).problems[0];
    expect(p.where).toBe('--vary');
    expect(p.message).toContain("did you mean 'threats[0].count'");
    expect(p.message).toContain('raid_size, inventory');
    expect(() => resolveParam('inventory', data, '--vary')).toThrow(/no batteries/);
    expect(resolveParam('raid_size', data, '--vary')).toEqual({ kind: 'shortcut', name: 'raid_size', text: 'raid_size' });
  });
});

describe('apportion (largest remainder)', () => {
  it('sums to the total, stays within one of each quota, and gives the weights back at their sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 500 }), (w, n) => {
        const a = apportion(n, w);
        const W = w.reduce((x, y) => x + y, 0);
        expect(a.reduce((x, y) => x + y, 0)).toBe(n);
        a.forEach((k, i) => {
          expect(k).toBeGreaterThanOrEqual(Math.floor((n * w[i]) / W));
          expect(k).toBeLessThanOrEqual(Math.ceil((n * w[i]) / W));
        });
        expect(apportion(W, w)).toEqual(w);
      }),
    );
  });

  it('gives the leftovers to the largest remainders, ties to the earlier entry', () => {
    expect(apportion(9, [3, 1])).toEqual([7, 2]); // quotas 6.75, 2.25
    expect(apportion(1, [1, 1, 1])).toEqual([1, 0, 0]);
    expect(apportion(5, [2, 2])).toEqual([3, 2]);
  });
});

describe('applySettings', () => {
  const text = read(SS);
  const data = scenarioData(text, SS);
  const raid = resolveParam('raid_size', data, '--vary');

  it('raid_size N: total N, entries given 0 removed, ids kept, comments kept', () => {
    for (const n of [1, 2, 4, 9, 40]) {
      const v = applySettings(text, SS, [{ param: raid, value: n }]);
      const d = scenarioData(v.text, SS) as { threats: { id: string; count: number }[] };
      expect(raidSizeOf(d)).toBe(n);
      expect(d.threats.map((t) => t.id)).toEqual(n <= 2 ? ['raid'] : ['raid', 'single']); // N = 2: quotas 1.5, 0.5 tie → the earlier entry
      expect(v.text).toContain('# Analytic campaign fixture');
    }
    // N equal to the scenario's raid gives the same data back
    const same = scenarioData(applySettings(text, SS, [{ param: raid, value: 4 }]).text, SS);
    expect(same).toEqual(data);
  });

  it('a path sets exactly that value and nothing else', () => {
    const p = resolveParam('analytic.sspk', data, '--vary');
    const v = applySettings(text, SS, [{ param: p, value: 0.25 }]);
    const d = scenarioData(v.text, SS) as Record<string, unknown>;
    expect((d.analytic as { sspk: number }).sspk).toBe(0.25);
    (d.analytic as { sspk: number }).sspk = 0.7;
    expect(d).toEqual(data);
  });

  it('a value the schema refuses is the schema’s located error, naming the variant', () => {
    const p = resolveParam('threats[0].count', data, '--vary');
    let err: unknown;
    try {
      applySettings(text, SS, [{ param: p, value: 2.5 }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const q = (err as UserError).problems[0];
    expect(q.where).toMatch(/^test\/fixtures\/campaign\/analytic-ss\.yaml:\d+:\d+ threats\[0\]\.count$/);
    expect(q.message).toBe('found 2.5, expected a whole number of missiles in [1, 1000] (variant threats[0].count=2.5)');
    expect(() => applySettings(text, SS, [{ param: raid, value: 0 }])).toThrow(/expected a whole number of missiles ≥ 1/);
  });

  it('inventory sets every battery', () => {
    const jt = read(JAPAN);
    const jd = scenarioData(jt, JAPAN);
    const inv = resolveParam('inventory', jd, '--vary');
    const v = applySettings(jt, JAPAN, [{ param: inv, value: 7 }]);
    const bats = (parseDocument(v.text).toJS() as { batteries: { inventory: number }[] }).batteries;
    expect(bats).toHaveLength(12);
    for (const b of bats) expect(b.inventory).toBe(7);
  });
});
