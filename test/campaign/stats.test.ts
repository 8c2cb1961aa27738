import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Accumulator, meanInterval, packResult, ratioInterval, rowWidth, summarize, tQuantile975, wilson } from '../../src/campaign/index.js';
import type { ReplicaResult } from '../../src/campaign/index.js';

describe('wilson', () => {
  it('matches the closed form of Wilson (1927) / Brown, Cai & DasGupta (2001) eq. (4)', () => {
    // k = 81, n = 263 (Agresti & Coull 1998-style example): recompute independently
    const k = 81, n = 263, z = 1.959963984540054;
    const p = k / n;
    const c = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const h = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    const w = wilson(k, n);
    expect(w.lo).toBeCloseTo(c - h, 14);
    expect(w.hi).toBeCloseTo(c + h, 14);
    // published value: Newcombe (1998), Stat. Med. 17:857–872, Table I, example 81/263 → 0.2553 to 0.3662
    expect(w.lo).toBeCloseTo(0.2553, 4);
    expect(w.hi).toBeCloseTo(0.3662, 4);
  });
  it('Newcombe (1998) Table I: 0/20 → [0, 0.1611], 1/29 → [0.0061, 0.1718]', () => {
    const a = wilson(0, 20);
    expect(a.lo).toBe(0);
    expect(a.hi).toBeCloseTo(0.1611, 4);
    const b = wilson(1, 29);
    expect(b.lo).toBeCloseTo(0.0061, 4);
    expect(b.hi).toBeCloseTo(0.1718, 4);
  });
  it('is symmetric: [lo, hi](k) = [1 − hi, 1 − lo](n − k), and contains p̂', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const k = Math.round(f * n);
        const a = wilson(k, n);
        const b = wilson(n - k, n);
        expect(a.lo).toBeCloseTo(1 - b.hi, 12);
        expect(a.hi).toBeCloseTo(1 - b.lo, 12);
        expect(a.lo).toBeLessThanOrEqual(k / n);
        expect(a.hi).toBeGreaterThanOrEqual(k / n);
      }),
    );
  });
});

describe('tQuantile975', () => {
  it('matches the t table (Abramowitz & Stegun Table 26.10 / NIST e-Handbook 1.3.6.7.2) beyond 30 d.o.f.', () => {
    expect(tQuantile975(10)).toBe(2.2281);
    expect(tQuantile975(40)).toBeCloseTo(2.0211, 4);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 4);
    expect(tQuantile975(100)).toBeCloseTo(1.984, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 4);
    expect(tQuantile975(Infinity)).toBeCloseTo(1.96, 2);
    // the expansion joins the table: at 30 d.o.f. it gives the tabled 2.0423
    expect(tQuantile975(30.0000001)).toBeCloseTo(2.0423, 4);
  });
});

describe('mean and ratio intervals', () => {
  it('mean interval equals x̄ ± t·s/√n computed directly', () => {
    const xs = [0, 1, 1, 2, 0, 3, 1, 0, 0, 2, 5, 1];
    const n = xs.length;
    const s1 = xs.reduce((a, b) => a + b, 0);
    const s2 = xs.reduce((a, b) => a + b * b, 0);
    const m = s1 / n;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
    const iv = meanInterval(n, s1, s2);
    expect(iv.estimate).toBe(m);
    expect(iv.sd).toBeCloseTo(sd, 13);
    expect(iv.hi - iv.estimate).toBeCloseTo((2.201 * sd) / Math.sqrt(n), 12);
  });
  it('ratio interval: Cochran (1977) eq. 6.13 computed directly; zero width when y = c·x', () => {
    const x = [4, 4, 5, 3, 4, 6];
    const y = [8, 6, 10, 3, 4, 12];
    const n = x.length;
    const sx = x.reduce((a, b) => a + b, 0);
    const sy = y.reduce((a, b) => a + b, 0);
    const R = sy / sx;
    const sd2 = x.reduce((a, xi, i) => a + (y[i] - R * xi) ** 2, 0) / (n - 1);
    const se = Math.sqrt(sd2 / n) / (sx / n);
    const iv = ratioInterval(n, sx, sy, x.reduce((a, b) => a + b * b, 0), y.reduce((a, b) => a + b * b, 0), x.reduce((a, xi, i) => a + xi * y[i], 0));
    expect(iv.estimate).toBe(R);
    expect(iv.hi - R).toBeCloseTo(2.5706 * se, 12);
    const z = ratioInterval(3, 12, 24, 50, 200, 100); // y = 2x: (2,4),(4,8),(6,12)
    expect(z.hi - z.lo).toBe(0);
  });
});

function randomResult(replica: number, nAssets: number, g: () => number): ReplicaResult {
  const threats = 1 + Math.floor(g() * 20);
  const leakers = Math.floor(g() * (threats + 1));
  return {
    replica,
    threats,
    leakers,
    killed: threats - leakers,
    interceptors: Math.floor(g() * 40),
    assetHit: Array.from({ length: nAssets }, () => (g() < 0.3 ? 1 : 0)),
    layerShots: [Math.floor(g() * 20), Math.floor(g() * 20)],
    layerKills: [Math.floor(g() * 5), Math.floor(g() * 5)],
  };
}

describe('Accumulator', () => {
  it('any order and any split into parts give bit-identical sums and summaries', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 40, maxLength: 400 }), fc.integer({ min: 1, max: 7 }), (us, parts) => {
        let i = 0;
        const g = () => us[i++ % us.length];
        const nA = 2;
        const w = rowWidth(nA);
        const n = Math.floor(us.length / 4);
        const rows = new Int32Array(n * w);
        for (let r = 0; r < n; r++) packResult(rows, r * w, randomResult(r, nA, g), nA);
        const whole = new Accumulator(nA);
        whole.addRows(rows, n);
        // reversed order, in `parts` pieces, merged
        const merged = new Accumulator(nA);
        const size = Math.ceil(n / parts);
        for (let p = parts - 1; p >= 0; p--) {
          const acc = new Accumulator(nA);
          for (let r = Math.min(n, (p + 1) * size) - 1; r >= p * size; r--) acc.addRow(rows, r * w);
          merged.merge(acc);
        }
        expect(Array.from(merged.s)).toEqual(Array.from(whole.s));
        expect(JSON.stringify(summarize(merged, ['a', 'b']))).toBe(JSON.stringify(summarize(whole, ['a', 'b'])));
        // checkpoint round trip
        expect(Accumulator.fromJSON(nA, JSON.parse(JSON.stringify(whole.toJSON())))!.s).toEqual(whole.s);
      }),
      { numRuns: 50 },
    );
  });
  it('rejects a checkpoint of the wrong shape', () => {
    expect(Accumulator.fromJSON(1, [1, 2])).toBeNull();
    expect(Accumulator.fromJSON(0, new Array(20).fill(0.5))).toBeNull();
  });
});
