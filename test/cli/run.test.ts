/** `tmd run` end to end. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonl, replay } from '../../src/sim/index.js';
import { expectUserError, tmd } from './tmd.js';

describe.concurrent('tmd run', () => {
  it('reports every threat, writes a replayable log and CZML, and repeats itself byte for byte', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tmd-run-'));
    const [a, b] = await Promise.all([
      tmd('run', 'scenarios/didactic-saturation.yaml', '--json', '--log', path.join(dir, 'a.jsonl'), '--czml', path.join(dir, 'a.czml')),
      tmd('run', 'scenarios/didactic-saturation.yaml', '--json', '--log', path.join(dir, 'b.jsonl')),
    ]);
    expect(a.code).toBe(0);
    const j = JSON.parse(a.stdout);
    expect(j.per_threat).toHaveLength(j.threats);
    expect(j.killed + j.leakers).toBe(j.threats);
    const logA = readFileSync(path.join(dir, 'a.jsonl'), 'utf8');
    expect(readFileSync(path.join(dir, 'b.jsonl'), 'utf8')).toBe(logA);
    const summary = replay(parseJsonl(logA, 'a.jsonl'));
    expect(summary.interceptorsSpent).toBe(j.interceptors);
    expect(summary.leaked).toBe(j.leakers);
    const czml = JSON.parse(readFileSync(path.join(dir, 'a.czml'), 'utf8'));
    // one packet per interceptor flight (ids battery/n)
    expect(czml.filter((p: { id: string }) => /^[^/]+\/\d+$/.test(p.id)).length).toBe(j.interceptors);
  });

  it('bad input: a missing scenario and a bad seed are user errors', async () => {
    const [a, b] = await Promise.all([tmd('run', 'nope.yaml'), tmd('run', 'scenarios/didactic-sls.yaml', '--seed', 'x')]);
    expectUserError(a, 'nope.yaml');
    expectUserError(b, '--seed');
  });
});
