import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineSvg, lineChart, plainAddress, renderReport, type ReportInput } from '../../src/analysis/index.js';
import { expectUserError, tmd } from '../cli/tmd.js';

/** What "renders offline" means here: nothing a browser would fetch or run. */
function expectOffline(html: string): void {
  expect(html).not.toMatch(/https?:/i);
  expect(html).not.toMatch(/\b(src|href|xlink:href)\s*=/i);
  expect(html).not.toMatch(/<(script|link|iframe|img|object|embed)\b/i);
  expect(html).not.toMatch(/@import/i);
  for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1].startsWith('#')).toBe(true);
  expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(html).toContain('<meta charset="utf-8">');
}

describe('renderReport', () => {
  const input: ReportInput = {
    title: 'A <b>test</b> & more',
    kind: 'sweep',
    facts: [['model', 'analytic']],
    tables: [{ caption: 'T', columns: ['x', 'p'], rows: [[1, 0.123456789], ['<y>', NaN]] }],
    plots: [{ caption: 'plot', svg: lineChart([{ name: 's', points: [{ x: 1, y: 0.5, lo: 0.4, hi: 0.6 }] }], { title: 't', xLabel: 'x', yLabel: 'y' }) }],
    assumptions: ['one & two'],
    types: [{ id: 'nodong', kind: 'missile', name: 'N', file: 'catalog/missiles/nodong.yaml', sources: [{ id: 'a', citation: 'Someone, 1999', url: 'https://example.org/x?a=1&b=2' }] }],
    scenario: { file: 's.yaml', text: '# see https://nuke.fas.org/guide\nname: <x>\n' },
    files: ['sweep.json'],
  };

  it('escapes text, inlines the SVG without namespaces, prints addresses without a scheme', () => {
    const html = renderReport(input);
    expectOffline(html);
    expect(html).toContain('<title>A &lt;b&gt;test&lt;/b&gt; &amp; more</title>');
    expect(html).toContain('<td>0.1235</td>');
    expect(html).toContain('<td>&lt;y&gt;</td>');
    expect(html).toContain('<td>—</td>');
    expect(html).toContain('example.org/x?a=1&amp;b=2');
    expect(html).toContain('# see nuke.fas.org/guide');
    expect(html).toMatch(/<figure><svg width="640"/);
    expect(html).toContain('[a] Someone, 1999');
  });

  it('helpers', () => {
    expect(plainAddress('https://a.b/c')).toBe('a.b/c');
    expect(plainAddress('a.b/c')).toBe('a.b/c');
    expect(inlineSvg('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1"></svg>')).toBe('<svg width="1"></svg>');
  });
});

describe('tmd report', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tmd-report-'));

  it('sweep, saturation, footprint and campaign outputs: self-contained HTML with the tables, plots and catalog sources', async () => {
    const runs: [string, string[]][] = [
      ['sweep', ['sweep', 'test/fixtures/campaign/analytic-ss.yaml', '--model', 'analytic', '--vary', 'raid_size=1:4:1', '--runs', '50']],
      ['saturation', ['saturation', 'test/fixtures/campaign/analytic-ss.yaml', '--model', 'analytic', '--runs', '50', '--max-raid', '16', '--interceptor-cost', '4.1']],
      ['footprint', ['footprint', 'test/fixtures/campaign/analytic-ss.yaml', '--model', 'analytic', '--grid', '5', '--runs', '20']],
      ['campaign', ['campaign', 'test/fixtures/campaign/analytic-ss.yaml', '--model', 'analytic', '--runs', '100', '--workers', '0']],
    ];
    for (const [kind, args] of runs) {
      const out = path.join(tmp, kind);
      const r = await tmd(...args, '--out', out);
      expect(r.code, `${kind}: ${r.stderr}`).toBe(0);
      const rep = await tmd('report', out);
      expect(rep.code, `${kind} report: ${rep.stderr}`).toBe(0);
      expect(rep.stdout).toBe(`report: ${path.join(out, 'report.html')}\n`);
      const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
      expectOffline(html);
      expect(html).toContain(`tmdsim ${kind} report`);
      expect(html).toContain('<table');
      // the scenario and the sources of its catalog type (nodong)
      expect(html).toContain('name: analytic — shoot-shoot');
      expect(html).toContain('nodong (missile)');
      expect(html).toContain('[wright1994] D. Wright and T. Kadyshev');
      if (kind !== 'campaign') expect(html).toMatch(/<figure><svg /);
      if (kind === 'saturation') {
        expect(html).toContain('Missile nodong: 10 M$ per unit');
        expect(html).toContain('cost ratio');
      }
      // never overwritten
      const again = await tmd('report', out);
      expectUserError(again, out);
    }
  });

  it('a directory with no tmd output: exit 2, one line, nothing written', async () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    expectUserError(await tmd('report', empty), empty);
    expect(fs.readdirSync(empty)).toEqual([]);
    expectUserError(await tmd('report', path.join(tmp, 'missing')), path.join(tmp, 'missing'));
  });
});
