import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { UserError } from '../../src/errors.js';
import { missileCount, parseScenario, type LocatedProblem } from '../../src/scenario/index.js';
import { testCatalog } from './helpers.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'scenarios');
const catalog = testCatalog();

function problemsOf(text: string, file: string): LocatedProblem[] {
  try {
    parseScenario(text, file, catalog);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).problems as LocatedProblem[];
  }
  throw new Error(`${file}: expected problems, the scenario was accepted`);
}

const GOOD = `# two-missile demo
name: two-missile demo
epoch: 2026-01-01T00:00:00Z
seed: 7
threats:
  - id: t1
    missile: nodong
    launch: { lat_deg: 40.0, lon_deg: 127.5 }
    target: { lat_deg: 35.68, lon_deg: 139.69 }
  - id: t2
    missile: scud-c
    launch: { lat_deg: 39.0, lon_deg: 125.7, alt_m: 120 }
    launch_time_s: 30
    target: { lat_deg: 35.1, lon_deg: 129.0 }
    shape: { type: lofted, apogee_km: 600 }
    count: 3
    salvo_interval_s: 10
assets:
  - { id: tokyo, lat_deg: 35.68, lon_deg: 139.69, radius_km: 15, value: 10 }
`;

describe('parseScenario: valid files', () => {
  it('fills defaults and keeps given values', () => {
    const s = parseScenario(GOOD, 'good.yaml', catalog);
    expect(s.epoch).toBe('2026-01-01T00:00:00Z');
    expect(s.seed).toBe(7);
    expect(s.threats[0]).toEqual({
      id: 't1',
      missile: 'nodong',
      launch: { lat_deg: 40, lon_deg: 127.5, alt_m: 0 },
      launch_time_s: 0,
      target: { lat_deg: 35.68, lon_deg: 139.69, alt_m: 0 },
      shape: { type: 'min-energy' },
      count: 1,
      salvo_interval_s: 0,
    });
    expect(s.threats[1].shape).toEqual({ type: 'lofted', apogee_km: 600 });
    expect(s.threats[1].launch.alt_m).toBe(120);
    expect(s.assets).toEqual([{ id: 'tokyo', lat_deg: 35.68, lon_deg: 139.69, alt_m: 0, radius_km: 15, value: 10 }]);
    expect(missileCount(s)).toBe(4);
  });

  it('reads the same scenario written as JSON identically', () => {
    const fromYaml = parseScenario(GOOD, 'good.yaml', catalog);
    const { parse } = JSON;
    const asJson = JSON.stringify(parse(JSON.stringify(fromYaml)), null, '\t');
    expect(parseScenario(asJson, 'good.json', catalog)).toEqual(fromYaml);
  });

  it('accepts the interval ends: lat ±90, lon -180 and 359.999, time 0, value 0', () => {
    const text = `epoch: 2024-02-29T23:59:59.5Z
threats:
  - { id: a, missile: nodong, launch: { lat_deg: -90, lon_deg: -180 }, target: { lat_deg: 90, lon_deg: 359.999 } }
assets:
  - { id: b, lat_deg: 0, lon_deg: 0, radius_km: 0.001, value: 0 }
`;
    const s = parseScenario(text, 'edge.yaml', catalog);
    expect(s.threats[0].target.lon_deg).toBe(359.999);
    expect(s.assets[0].value).toBe(0);
  });
});

/** Each fixture: every problem it must produce, in order, as [where, message]. */
const EXPECTED: Record<string, [string, string][]> = {
  'bad-syntax.yaml': [['bad-syntax.yaml:6:5', 'syntax error: flow map in block collection must be sufficiently indented and end with a }']],
  'bad-type.yaml': [['bad-type.yaml:5:24 threats[0].launch.lat_deg', "found 'forty', expected a latitude in [-90, 90] degrees"]],
  'bad-missing-key.yaml': [
    ['bad-missing-key.yaml:3:5 threats[0].target', "missing key 'target'; expected a place { lat_deg, lon_deg, alt_m (optional) }"],
  ],
  'bad-unknown-key.yaml': [['bad-unknown-key.yaml:5:5 threats[0].lunch', "unknown key 'lunch'; did you mean 'launch'?"]],
  'bad-lat-range.yaml': [['bad-lat-range.yaml:7:16 threats[0].target.lat_deg', 'found 95, expected a latitude in [-90, 90] degrees']],
  'bad-epoch.yaml': [
    ['bad-epoch.yaml:2:8 epoch', "found '2026-02-29T12:00:00Z', expected a real calendar date and time (this one does not exist)"],
  ],
  'bad-epoch-format.yaml': [
    ['bad-epoch-format.yaml:1:8 epoch', "found '1 January 2026', expected an ISO 8601 UTC instant such as 2026-01-01T00:00:00Z"],
  ],
  'bad-duplicate-id.yaml': [
    ['bad-duplicate-id.yaml:4:11 threats[1].id', "found 't1' again (first used by threats[0]), expected an id used only once"],
    ['bad-duplicate-id.yaml:6:11 assets[0].id', "found 't1' again (first used by threats[0]), expected an id used only once"],
  ],
  'bad-unknown-missile.yaml': [
    ['bad-unknown-missile.yaml:4:14 threats[0].missile', "found 'nodongg', expected a missile type from the catalog; did you mean 'nodong'?"],
  ],
  'bad-negative-time.yaml': [['bad-negative-time.yaml:6:20 threats[0].launch_time_s', 'found -30, expected a time ≥ 0 s after the epoch']],
  'bad-lofted-no-apogee.yaml': [
    [
      'bad-lofted-no-apogee.yaml:8:7 threats[0].shape.apogee_km',
      "missing key 'apogee_km'; expected an apogee height in (0, 5000] km (required for a lofted trajectory)",
    ],
  ],
  'bad-shape-type.yaml': [
    [
      'bad-shape-type.yaml:7:20 threats[0].shape.type',
      "found 'loftd', expected one of 'min-energy', 'lofted', 'depressed', 'burnout-angle'; did you mean 'lofted'?",
    ],
  ],
  'bad-empty.yaml': [
    ['bad-empty.yaml:1:1', 'the file is empty; expected a scenario: a mapping with the keys epoch, threats and (optionally) assets, name, seed'],
  ],
  'bad-duplicate-key.yaml': [['bad-duplicate-key.yaml:7:5', "duplicate key 'missile'; expected each key once in a mapping"]],
  'bad-json-error.json': [['bad-json-error.json:8:48 threats[0].target.lon_deg', 'found -200, expected a longitude in [-180, 360) degrees']],
  'bad-not-a-list.yaml': [['bad-not-a-list.yaml:3:3 threats', 'found a mapping, expected a list of threats']],
  'bad-asset.yaml': [
    ['bad-asset.yaml:4:62 assets[0].radius_km', 'found 0, expected a radius > 0 km'],
    ['bad-asset.yaml:4:72 assets[0].value', 'found -1, expected a value ≥ 0'],
    [
      'bad-asset.yaml:5:75 assets[1].count',
      "unknown key 'count'; expected one of 'id', 'name', 'lat_deg', 'lon_deg', 'alt_m', 'radius_km', 'polygon', 'value'",
    ],
  ],
  'bad-many.yaml': [
    ['bad-many.yaml:3:8 epoch', "found '2026-01-01T25:00:00Z', expected a real calendar date and time (this one does not exist)"],
    ['bad-many.yaml:4:1 sed', "unknown key 'sed'; did you mean 'seed'?"],
    ['bad-many.yaml:7:14 threats[0].missile', "found 'nodongg', expected a missile type from the catalog; did you mean 'nodong'?"],
    ['bad-many.yaml:9:24 threats[0].target.lat_deg', 'found 95, expected a latitude in [-90, 90] degrees'],
    [
      'bad-many.yaml:10:12 threats[0].shape.apogee_km',
      "missing key 'apogee_km'; expected an apogee height in (0, 5000] km (required for a depressed trajectory)",
    ],
    ['bad-many.yaml:11:9 threats[1].id', "found 't1' again (first used by threats[0]), expected an id used only once"],
    ['bad-many.yaml:14:20 threats[1].launch_time_s', 'found -5, expected a time ≥ 0 s after the epoch'],
    ['bad-many.yaml:16:12 threats[1].count', 'found 2.5, expected a whole number of missiles in [1, 1000]'],
    ['bad-many.yaml:18:5 assets[0].value', "missing key 'value'; expected a value ≥ 0"],
  ],
};

/** The source text at a 1-based line/column. */
function textAt(text: string, line: number, col: number): string {
  return text.split('\n')[line - 1].slice(col - 1);
}

describe('parseScenario: malformed files report every problem with line, column, path', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(file, () => {
      const text = readFileSync(join(FIX, file), 'utf8');
      const got = problemsOf(text, file);
      expect(got.map((p) => [p.where, p.message])).toEqual(expected);
      for (const p of got) {
        // Independent check of the position: a "found X" problem points at X in the source;
        // an unknown key points at that key; a missing key at the mapping that lacks it.
        const at = textAt(text, p.line, p.col);
        const found = /^found (-?[\d.]+|'[^']*')/.exec(p.message)?.[1];
        if (found !== undefined && !p.message.startsWith('found a ')) {
          const raw = found.startsWith("'") ? found.slice(1, -1) : found;
          expect(at.replace(/^"/, '').startsWith(raw), `${p.where}: '${at}' should start with ${raw}`).toBe(true);
        }
        const unknown = /^unknown key '([^']+)'/.exec(p.message)?.[1];
        if (unknown !== undefined) expect(at.startsWith(unknown)).toBe(true);
        if (p.message.startsWith('missing key')) expect(at).toMatch(/^[{\w]/);
      }
    });
  }

  it('covers at least 12 kinds of mistake', () => {
    expect(Object.keys(EXPECTED).length).toBeGreaterThanOrEqual(12);
  });

  it('throws a UserError whose message has one line per problem', () => {
    const text = readFileSync(join(FIX, 'bad-many.yaml'), 'utf8');
    try {
      parseScenario(text, 'bad-many.yaml', catalog);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(EXPECTED['bad-many.yaml'].length);
      expect((e as Error).message.split('\n')[0]).toBe(
        "bad-many.yaml:3:8 epoch: found '2026-01-01T25:00:00Z', expected a real calendar date and time (this one does not exist)",
      );
    }
  });

  it('refuses leap-day 2027 but accepts leap-day 2024, and refuses offsets other than Z', () => {
    const mk = (epoch: string) => `epoch: ${epoch}\nthreats: []\n`;
    expect(parseScenario(mk('2024-02-29T00:00:00Z'), 'a.yaml', catalog).epoch).toBe('2024-02-29T00:00:00Z');
    expect(problemsOf(mk('2027-02-29T00:00:00Z'), 'a.yaml')).toHaveLength(1);
    expect(problemsOf(mk('2026-01-01T00:00:00+09:00'), 'a.yaml')[0].message).toContain('expected an ISO 8601 UTC instant');
    expect(problemsOf(mk('2026-01-01T00:00:60Z'), 'a.yaml')).toHaveLength(1);
  });

  it('names the catalog when it has no missile types', () => {
    const text = readFileSync(join(FIX, 'bad-unknown-missile.yaml'), 'utf8').replace('nodongg', 'nodong');
    const empty = { ...catalog, ids: () => [], has: () => false };
    try {
      parseScenario(text, 'x.yaml', empty);
      expect.unreachable();
    } catch (e) {
      expect((e as UserError).problems[0].message).toBe("found 'nodong', but the catalog has no missile types");
    }
  });
});

describe('parseScenario: properties', () => {
  // JSON has no -0 (JSON.stringify(-0) is "0"), YAML does: compare on +0 only.
  const noNegZero = (x: number) => (x === 0 ? 0 : x);
  const site = fc.record({
    lat_deg: fc.double({ min: -90, max: 90, noNaN: true }).map(noNegZero),
    lon_deg: fc.double({ min: -180, max: 359.9, noNaN: true }).map(noNegZero),
  });
  const threat = fc.record({
    missile: fc.constantFrom('nodong', 'scud-b', 'scud-c'),
    launch: site,
    target: site,
    launch_time_s: fc.double({ min: 0, max: 1e5, noNaN: true }).map(noNegZero),
  });

  it('any valid scenario, written as YAML or as JSON, reads back as the object it was made from', () => {
    fc.assert(
      fc.property(fc.array(threat, { minLength: 1, maxLength: 6 }), (ts) => {
        const obj = { epoch: '2026-06-30T12:34:56.789Z', threats: ts.map((t, i) => ({ id: `t${i}`, ...t })) };
        const a = parseScenario(stringify(obj), 'p.yaml', catalog);
        const b = parseScenario(JSON.stringify(obj), 'p.json', catalog);
        expect(a).toEqual(b);
        a.threats.forEach((t, i) => {
          expect(t.launch.lat_deg).toBe(obj.threats[i].launch.lat_deg);
          expect(t.target.lon_deg).toBe(obj.threats[i].target.lon_deg);
          expect(t.launch_time_s).toBe(obj.threats[i].launch_time_s);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('one latitude out of range among many threats is the only problem, located at its value', () => {
    fc.assert(
      fc.property(
        fc.array(threat, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: 91, max: 1000 }),
        fc.boolean(),
        (ts, k, bad, json) => {
          const i = k % ts.length;
          const obj = { epoch: '2026-01-01T00:00:00Z', threats: ts.map((t, j) => ({ id: `t${j}`, ...t })) };
          obj.threats[i] = { ...obj.threats[i], target: { ...obj.threats[i].target, lat_deg: -bad } };
          const text = json ? JSON.stringify(obj, null, 2) : stringify(obj);
          const ps = problemsOf(text, 'q');
          expect(ps).toHaveLength(1);
          expect(ps[0].path).toBe(`threats[${i}].target.lat_deg`);
          expect(ps[0].message).toBe(`found ${-bad}, expected a latitude in [-90, 90] degrees`);
          expect(textAt(text, ps[0].line, ps[0].col).startsWith(String(-bad))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
