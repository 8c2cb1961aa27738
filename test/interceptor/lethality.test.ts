/** Lethality: the stated P_k(miss) mapping, and the kill draw (determinism, frequency). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawKill, killProbability } from '../../src/interceptor/index.js';
import { rngStream } from '../../src/math/index.js';

const P = { lethalRadius: 0.5, pkMax: 0.85, falloff: 0.5 };

describe('killProbability', () => {
  it('is p_max inside the lethal radius and p_max·e^(−x²/2) beyond (x in σ_L)', () => {
    expect(killProbability(P, 0)).toBe(0.85);
    expect(killProbability(P, 0.5)).toBe(0.85);
    expect(killProbability(P, 1.0)).toBeCloseTo(0.85 * Math.exp(-0.5), 15);
    expect(killProbability(P, 1.5)).toBeCloseTo(0.85 * Math.exp(-2), 15);
    expect(killProbability(P, NaN)).toBe(0);
  });
  it('never increases with the miss and stays in [0, p_max]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
        const lo = Math.min(a, b), hi = Math.max(a, b);
        const pl = killProbability(P, lo), ph = killProbability(P, hi);
        expect(ph).toBeLessThanOrEqual(pl);
        expect(pl).toBeLessThanOrEqual(P.pkMax);
        expect(ph).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('drawKill', () => {
  it('same (seed, replica, entity, purpose) → same draws; another replica → another sequence', () => {
    const a = rngStream(7, 3, 'sm3-1', 'kill');
    const b = rngStream(7, 3, 'sm3-1', 'kill');
    const c = rngStream(7, 4, 'sm3-1', 'kill');
    const da: boolean[] = [], db: boolean[] = [], dc: boolean[] = [];
    for (let i = 0; i < 64; i++) {
      da.push(drawKill(0.5, a));
      db.push(drawKill(0.5, b));
      dc.push(drawKill(0.5, c));
    }
    expect(da).toEqual(db);
    expect(da).not.toEqual(dc);
  });
  it('kills with frequency P_k (binomial, 20,000 draws, within 4.5σ)', () => {
    const r = rngStream(2024, 0, 'x', 'kill');
    const n = 20_000, pk = 0.85;
    let k = 0;
    for (let i = 0; i < n; i++) if (drawKill(pk, r)) k++;
    const sd = Math.sqrt(n * pk * (1 - pk));
    expect(Math.abs(k - n * pk)).toBeLessThan(4.5 * sd);
  });
  it('P_k 0 never kills, P_k 1 always kills', () => {
    const r = rngStream(1, 0, 'x', 'kill');
    for (let i = 0; i < 1000; i++) {
      expect(drawKill(0, r)).toBe(false);
      expect(drawKill(1, r)).toBe(true);
    }
  });
});
