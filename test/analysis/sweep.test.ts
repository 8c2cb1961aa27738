import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cartesian,
  parseValueSpec,
  resolveParam,
  runSweep,
  scenarioData,
  sweepCsv,
  sweepVariants,
  wilkening,
  type Dimension,
  type Evaluate,
} from '../../src/analysis/index.js';
import { runCampaign, WHOLE, type CampaignStatistics } from '../../src/campaign/index.js';
import { UserError } from '../../src/errors.js';
import { expectUserError, ROOT, tmd } from '../cli/tmd.js';

const SS = 'test/fixtures/campaign/analytic-ss.yaml';
const text = fs.readFileSync(path.join(ROOT, SS), 'utf8');
const data = scenarioData(text, SS);

const campaign: Evaluate = async (v, runs, seed) =>
  (await runCampaign({ scenarioText: v.text, scenarioFile: v.file, model: 'analytic', seed, runs, shard: WHOLE }, { workers: 0 })).summary;

describe('value specs', () => {
  it('a:b:step includes b on the grid; lists keep their order', () => {
    expect(parseValueSpec('--vary x', '4:64:4')).toEqual([4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64]);
    expect(parseValueSpec('--vary x', '0.1:0.3:0.1')).toEqual([0.1, 0.2, 0.3]);
    expect(parseValueSpec('--vary x', '1:10:4')).toEqual([1, 5, 9]);
    expect(parseValueSpec('--vary x', '32,8,16')).toEqual([32, 8, 16]);
    expect(parseValueSpec('--vary x', '5:5:1')).toEqual([5]);
  });

  it('refuses bad ranges with the flag and what was expected', () => {
    const bad: [string, RegExp][] = [
      ['5:1:1', /end 1 is below its start 5/],
      ['1:5:0', /expected a step > 0/],
      ['1:5:-1', /expected a step > 0/],
      ['1:5', /three numbers/],
      ['a:5:1', /found 'a' as the start/],
      ['1,,2', /found '' as the value/],
      ['1,2,1', /listed twice/],
      ['0:1e9:1', /at most 10000/],
    ];
    for (const [spec, msg] of bad) {
      let err: unknown;
      try {
        parseValueSpec('--vary raid_size', spec);
      } catch (e) {
        err = e;
      }
      expect(err, spec).toBeInstanceOf(UserError);
      expect((err as UserError).problems[0].where).toBe('--vary raid_size');
      expect((err as UserError).problems[0].message).toMatch(msg);
    }
  });
});

describe('cartesian grid', () => {
  it('is the full product, row-major, every combination once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), (sizes) => {
        const dims: Dimension[] = sizes.map((n, j) => ({ param: { kind: 'path', keys: [`p${j}`], text: `p${j}` }, values: Array.from({ length: n }, (_, i) => 10 * j + i) }));
        const g = cartesian(dims);
        expect(g.length).toBe(sizes.reduce((a, b) => a * b, 1));
        const keys = g.map((s) => s.map((x) => x.value).join(','));
        expect(new Set(keys).size).toBe(g.length);
        // row-major: the last dimension varies fastest
        if (g.length > 1 && sizes[sizes.length - 1] > 1) expect(g[1][sizes.length - 1].value).toBe(g[0][sizes.length - 1].value + 1);
        for (const s of g) s.forEach((x, j) => expect(dims[j].values).toContain(x.value));
      }),
    );
  });
});

describe('runSweep', () => {
  const dims: Dimension[] = [
    { param: resolveParam('raid_size', data, '--vary'), values: [1, 2, 3, 6] },
    { param: resolveParam('analytic.sspk', data, '--vary'), values: [0.5, 0.7] },
  ];

  it('common random numbers: every variant gets the same seed and replicas', async () => {
    const calls: { seed: number; runs: number; text: string }[] = [];
    const fake: Evaluate = async (v, runs, seed) => {
      calls.push({ seed, runs, text: v.text });
      return campaign(v, 10, seed);
    };
    const res = await runSweep(sweepVariants(text, SS, dims), dims, { file: SS, model: 'analytic', runs: 10, seed: 42, evaluate: fake });
    expect(calls).toHaveLength(8);
    for (const c of calls) expect([c.seed, c.runs]).toEqual([42, 10]);
    expect(new Set(calls.map((c) => c.text)).size).toBe(8);
    expect(res.rows.map((r) => r.params)).toEqual([
      { raid_size: 1, 'analytic.sspk': 0.5 },
      { raid_size: 1, 'analytic.sspk': 0.7 },
      { raid_size: 2, 'analytic.sspk': 0.5 },
      { raid_size: 2, 'analytic.sspk': 0.7 },
      { raid_size: 3, 'analytic.sspk': 0.5 },
      { raid_size: 3, 'analytic.sspk': 0.7 },
      { raid_size: 6, 'analytic.sspk': 0.5 },
      { raid_size: 6, 'analytic.sspk': 0.7 },
    ]);
  });

  it('with CRN the no-leak count can only fall as missiles are added, and only rise with SSPK (exactly, not on average)', async () => {
    const res = await runSweep(sweepVariants(text, SS, dims), dims, { file: SS, model: 'analytic', runs: 400, seed: 3, evaluate: campaign });
    const count = (n: number, p: number) => res.rows.find((r) => r.params.raid_size === n && r.params['analytic.sspk'] === p)!.statistics.p_no_leaker.count;
    for (const p of [0.5, 0.7]) for (const [a, b] of [[1, 2], [2, 3], [3, 6]]) expect(count(b, p)).toBeLessThanOrEqual(count(a, p));
    for (const n of [1, 2, 3, 6]) expect(count(n, 0.7)).toBeGreaterThanOrEqual(count(n, 0.5));
    // and the estimates agree with the closed form (Wilkening 2000) within their 99.9 % band
    for (const r of res.rows) {
      const exact = wilkening({ sspk: r.params['analytic.sspk'], threats: r.params.raid_size, shotsPerThreat: 2, doctrine: 'shoot-shoot', reliability: 0.95 }).p_zero_leakers;
      const s: CampaignStatistics = r.statistics;
      expect(Math.abs(s.p_no_leaker.estimate - exact)).toBeLessThan(3.3 * Math.sqrt((exact * (1 - exact)) / 400) + 1e-12);
    }
  });

  it('the variant at the scenario’s own raid size reproduces the scenario’s campaign bit for bit', async () => {
    const d: Dimension[] = [{ param: resolveParam('raid_size', data, '--vary'), values: [4] }];
    const res = await runSweep(sweepVariants(text, SS, d), d, { file: SS, model: 'analytic', runs: 300, seed: 9, evaluate: campaign });
    const base = await campaign({ text, file: SS }, 300, 9);
    expect(res.rows[0].statistics.p_no_leaker).toEqual(base.p_no_leaker);
    expect(res.rows[0].statistics.totals).toEqual(base.totals);
  });

  it('CSV: one header and one line per variant, parameters first', async () => {
    const res = await runSweep(sweepVariants(text, SS, dims), dims, { file: SS, model: 'analytic', runs: 20, seed: 1, evaluate: campaign });
    const lines = sweepCsv(res).trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0].split(',').slice(0, 4)).toEqual(['raid_size', 'analytic.sspk', 'replicas', 'p_no_leaker']);
    expect(lines[1].split(',').slice(0, 3)).toEqual(['1', '0.5', '20']);
  });
});

describe('tmd sweep', () => {
  it('writes the table, JSON, plots and scenario copy; --json prints one object', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tmd-sweep-')), 'o');
    const r = await tmd('sweep', SS, '--model', 'analytic', '--vary', 'raid_size=1:3:1', '--vary', 'analytic.sspk=0.6,0.9', '--runs', '50', '--out', out, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.format).toBe('tmdsim-sweep-v1');
    expect(j.rows).toHaveLength(6);
    expect(fs.readdirSync(out).sort()).toEqual(['expected_leakers.svg', 'p_no_leaker.svg', 'scenario.yaml', 'sweep.csv', 'sweep.json']);
    expect(fs.readFileSync(path.join(out, 'scenario.yaml'), 'utf8')).toBe(text);
  });

  it('bad --vary paths, ranges and values: one clear line, exit 2, nothing written or overwritten', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmd-sweep-bad-'));
    const out = path.join(dir, 'o');
    const cases: [string[], string][] = [
      [['--vary', 'threats[0].cont=1:3:1'], '--vary'],
      [['--vary', 'raid_size=5:1:1'], '--vary raid_size'],
      [['--vary', 'raid_size'], '--vary'],
      [['--vary', 'analytic.sspk=0.5,1.5'], 'test/fixtures/campaign/analytic-ss.yaml:22:9 analytic.sspk'],
      [['--vary', 'threats[0].count=0,2'], 'test/fixtures/campaign/analytic-ss.yaml:13:12 threats[0].count'],
      [['--vary', 'inventory=8,16'], '--vary'],
      [['--vary', 'raid_size=1:2:1', '--runs', '0'], '--runs'],
    ];
    for (const [args, where] of cases) {
      const r = await tmd('sweep', SS, '--model', 'analytic', ...args, '--out', out);
      expectUserError(r, where);
      expect(fs.existsSync(out), args.join(' ')).toBe(false);
    }
    // an existing --out is never overwritten
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
    const r = await tmd('sweep', SS, '--model', 'analytic', '--vary', 'raid_size=1:2:1', '--runs', '5', '--out', out);
    expectUserError(r, '--out');
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
    expect(fs.readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
