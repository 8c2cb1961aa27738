import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatWta, parseWta } from '../../src/bmc/wta-io.js';
import { UserError } from '../../src/errors.js';
import { randomWtaProblem } from '../../src/bmc/wta.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/wta/${name}`, import.meta.url)), 'utf8');

describe('parseWta', () => {
  it('reads the fixture, missing pairs are p = 0', () => {
    const pr = parseWta(fixture('small-3x4x2.txt'), 'small');
    expect([pr.m, pr.n, pr.mu]).toEqual([3, 4, 2]);
    expect(Array.from(pr.values)).toEqual([50, 80, 30, 65]);
    expect(pr.p[0 * 4 + 2]).toBe(0.9);
    expect(pr.p[0 * 4 + 3]).toBe(0);
    expect(pr.p[2 * 4 + 3]).toBe(0.95);
  });

  it('reports every problem at once with file:line, found and expected', () => {
    let err: unknown;
    try {
      parseWta(fixture('bad.txt'), 'bad.txt');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const probs = (err as UserError).problems;
    expect(probs.map((p) => p.where)).toEqual(['bad.txt:3', 'bad.txt:6', 'bad.txt:7', 'bad.txt:8', 'bad.txt:9', 'bad.txt:10']);
    expect(probs[0].message).toContain("found 'x'");
    expect(probs[1].message).toMatch(/found target '3', expected a whole number in \[0, 2\]/);
    expect(probs[3].message).toMatch(/found kill probability '1.5', expected a number in \[0, 1\]/);
    expect(probs[4].message).toContain('second line for weapon 0 and target 0');
  });

  it('bad header and truncated values', () => {
    expect(() => parseWta('2 3\n', 'f')).toThrow(/f:1: found '2 3', expected three whole numbers/);
    expect(() => parseWta('', 'f')).toThrow(/empty file/);
    expect(() => parseWta('1 3 1\n5\n6\n', 'f')).toThrow(/found end of file after 2 target values, expected 3/);
    expect(() => parseWta('1 1 1\n0x10\n', 'f')).toThrow(/f:2: found '0x10'/);
  });

  it('tolerates blank lines, tabs and CRLF', () => {
    const pr = parseWta('\r\n1 2 1\r\n\r\n3\r\n4\r\n0\t1\t0.25\r\n', 'f');
    expect(Array.from(pr.p)).toEqual([0, 0.25]);
  });
});

describe('formatWta', () => {
  it('round trips exactly (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 3 }), fc.integer(), (m, n, mu, seed) => {
        const pr = randomWtaProblem(m, n, mu, seed);
        // Some exact zeros and tiny values exercise "missing pair" and exponent notation.
        if (m > 0) {
          pr.p[0] = 0;
          pr.p[pr.p.length - 1] = 1e-17;
        }
        pr.values[0] = 0;
        const back = parseWta(formatWta(pr), 'rt');
        expect([back.m, back.n, back.mu]).toEqual([m, n, mu]);
        expect(Array.from(back.values)).toEqual(Array.from(pr.values));
        expect(Array.from(back.p)).toEqual(Array.from(pr.p));
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
