import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
function tmd(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tmd wta', () => {
  it('--exact --json: exactly the keys, one pair per shot, the brute-force optimum 13.05', () => {
    const r = tmd('wta', 'test/fixtures/wta/small-3x4x2.txt', '--exact', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).sort()).toEqual(['assignment', 'objective', 'optimal', 'time_ms']);
    // Optimum by exhaustive enumeration of the 10³ multiset choices (done independently in Python).
    expect(j.objective).toBeCloseTo(13.05, 12);
    expect(j.optimal).toBe(true);
    expect(j.assignment).toHaveLength(6);
    expect(j.assignment.map((p: number[]) => p[0])).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('heuristic human output names the objective and is not proved optimal', () => {
    const r = tmd('wta', 'test/fixtures/wta/small-3x4x2.txt', '--time-limit-ms', '50');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/objective \(expected surviving value\)\s+13\.05/);
    expect(r.out).toContain('heuristic');
  });

  it('a bad file: one line per problem, exit 2', () => {
    const r = tmd('wta', 'test/fixtures/wta/bad.txt');
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe("tmd: test/fixtures/wta/bad.txt:3: found 'x' for the value of target 1, expected one finite number ≥ 0");
  });

  it('a bad flag: one line, exit 2', () => {
    const r = tmd('wta', 'test/fixtures/wta/small-3x4x2.txt', '--time-limit-ms', 'abc');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual(["tmd: --time-limit-ms: expected a number, found 'abc'"]);
  });
});

describe('tmd analytic', () => {
  it('--json keys and values (0.96^10)', () => {
    const r = tmd('analytic', '--sspk', '0.8', '--threats', '10', '--shots', '2', '--doctrine', 'shoot-shoot', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).sort()).toEqual(['expected_leakers', 'interceptors_needed', 'p_zero_leakers']);
    expect(j.p_zero_leakers).toBeCloseTo(Math.pow(0.96, 10), 14);
    expect(j.expected_leakers).toBeCloseTo(0.4, 14);
    expect(j.interceptors_needed).toBe(20);
  });

  it('sls uses 1 + q interceptors per RV', () => {
    const j = JSON.parse(tmd('analytic', '--sspk', '0.8', '--threats', '10', '--shots', '1', '--doctrine', 'sls', '--json').out);
    expect(j.interceptors_needed).toBeCloseTo(12, 12);
  });

  for (const [flags, line] of [
    [['--sspk', '1.5', '--threats', '3', '--shots', '1', '--doctrine', 'sls'], 'tmd: --sspk: expected a value ≤ 1, found 1.5'],
    [['--sspk', '0.5', '--threats', '2.5', '--shots', '1', '--doctrine', 'sls'], "tmd: --threats: expected a whole number, found '2.5'"],
    [['--sspk', '0.5', '--threats', '0', '--shots', '1', '--doctrine', 'sls'], 'tmd: --threats: expected a value ≥ 1, found 0'],
    [['--sspk', '0.5', '--threats', '3', '--shots', '0', '--doctrine', 'sls'], 'tmd: --shots: expected a value ≥ 1, found 0'],
    [['--sspk', '0.5', '--threats', '3', '--shots', '1', '--doctrine', 'barrage'], "tmd: --doctrine: expected one of shoot-shoot, sls, found 'barrage'"],
    [['--threats', '3', '--shots', '1', '--doctrine', 'sls'], 'tmd: --sspk: missing; expected a value'],
  ] as const) {
    it(`bad input ${flags.join(' ')} → one line, exit 2`, () => {
      const r = tmd('analytic', ...flags);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toEqual([line]);
      expect(r.out).toBe('');
    });
  }
});
