import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { philox4x32, RngStream, rngStream } from '../../src/math/index.js';

const N = 100_000;

/**
 * Upper χ² quantile for tail probability 1e-6 (z = 4.753) by the Wilson–Hilferty approximation
 * (Wilson & Hilferty, PNAS 17, 1931): a correct generator fails with probability ~1e-6.
 */
function chi2Crit1e6(df: number): number {
  const z = 4.753424;
  const c = 2 / (9 * df);
  return df * Math.pow(1 - c + z * Math.sqrt(c), 3);
}

function hex(words: Uint32Array): string[] {
  return Array.from(words, (w) => w.toString(16).padStart(8, '0'));
}

/** Independent BigInt Philox4x32-10 (written from Salmon et al. 2011, §3–4) for cross-checks. */
function philoxRef(ctr: number[], key: number[]): number[] {
  const M = 0xffffffffn;
  let [c0, c1, c2, c3] = ctr.map(BigInt);
  let [k0, k1] = key.map(BigInt);
  for (let r = 0; r < 10; r++) {
    const p0 = 0xd2511f53n * c0;
    const p1 = 0xcd9e8d57n * c2;
    [c0, c1, c2, c3] = [((p1 >> 32n) ^ c1 ^ k0) & M, p1 & M, ((p0 >> 32n) ^ c3 ^ k1) & M, p0 & M];
    k0 = (k0 + 0x9e3779b9n) & M;
    k1 = (k1 + 0xbb67ae85n) & M;
  }
  return [c0, c1, c2, c3].map(Number);
}

describe('Philox4x32-10 known answers', () => {
  // Random123 v1.14.0, tests/kat_vectors (https://github.com/DEShawResearch/random123), the three
  // "philox4x32 10" lines: counter[4] key[2] → output[4], all hexadecimal uint32.
  const KAT: Array<[number[], number[], string[]]> = [
    [[0, 0, 0, 0], [0, 0], ['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      ['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd'],
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      ['d16cfe09', '94fdcceb', '5001e420', '24126ea1'],
    ],
  ];
  it.each(KAT)('ctr %j key %j', (ctr, key, want) => {
    const out = philox4x32(new Uint32Array(4), new Uint32Array(ctr), new Uint32Array(key));
    expect(hex(out)).toEqual(want);
  });

  it('agrees with an independent BigInt implementation on random inputs', () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(fc.array(u32, { minLength: 6, maxLength: 6 }), (w) => {
        const out = philox4x32(new Uint32Array(4), new Uint32Array(w.slice(0, 4)), new Uint32Array(w.slice(4)));
        expect(Array.from(out)).toEqual(philoxRef(w.slice(0, 4), w.slice(4)));
      }),
      { numRuns: 500, seed: 1 },
    );
  });
});

describe('stream keys and sequences', () => {
  it('derives the key as documented: first 8 bytes of SHA-256, big-endian words', () => {
    const text = 'tmdsim-rng-v1|2024|3|threat-1|launch';
    const d = createHash('sha256').update(text, 'utf8').digest();
    const ref = new RngStream(d.readUInt32BE(0), d.readUInt32BE(4));
    const s = rngStream(2024, 3, 'threat-1', 'launch');
    for (let i = 0; i < 20; i++) expect(s.nextU32()).toBe(ref.nextU32());
    // Words are Philox blocks with counter (i, 0, 0, 0).
    const blk = philox4x32(new Uint32Array(4), new Uint32Array([1, 0, 0, 0]), new Uint32Array([d.readUInt32BE(0), d.readUInt32BE(4)]));
    const t = rngStream(2024, 3, 'threat-1', 'launch');
    for (let i = 0; i < 4; i++) t.nextU32();
    expect([t.nextU32(), t.nextU32(), t.nextU32(), t.nextU32()]).toEqual(Array.from(blk));
  });

  it('escapes | and \\ so different tuples never share a key string', () => {
    const text = 'tmdsim-rng-v1|s\\|x|0|a\\\\b|c';
    const d = createHash('sha256').update(text, 'utf8').digest();
    const ref = new RngStream(d.readUInt32BE(0), d.readUInt32BE(4));
    const s = rngStream('s|x', 0, 'a\\b', 'c');
    expect(s.nextU32()).toBe(ref.nextU32());
    const a = rngStream(1, 0, 'a|b', 'c').nextU32();
    const b = rngStream(1, 0, 'a', 'b|c').nextU32();
    expect(a).not.toBe(b);
  });

  it('same tuple → same sequence; numeric and string seeds with the same text agree', () => {
    const a = rngStream(42, 7, 'radar-1', 'noise');
    const b = rngStream('42', 7, 'radar-1', 'noise');
    for (let i = 0; i < 100; i++) expect(a.normal()).toBe(b.normal());
  });

  it('changing any of seed, replica, entity, purpose changes the stream', () => {
    const base = () => rngStream(1, 0, 'e', 'p');
    const variants = [rngStream(2, 0, 'e', 'p'), rngStream(1, 1, 'e', 'p'), rngStream(1, 0, 'f', 'p'), rngStream(1, 0, 'e', 'q')];
    const b0 = base();
    const ref = Array.from({ length: 8 }, () => b0.nextU32());
    for (const v of variants) {
      const seq = Array.from({ length: 8 }, () => v.nextU32());
      // Two independent 256-bit sequences agree with probability 2⁻²⁵⁶.
      expect(seq).not.toEqual(ref);
    }
  });

  it('crosses the 32-bit block-counter boundary as a 64-bit counter', () => {
    const key = new Uint32Array([0x12345678, 0x9abcdef0]);
    const s = new RngStream(key[0], key[1]);
    // Fast-forward by writing the private counter (test-only access).
    (s as unknown as { ctrLo: number }).ctrLo = 0xffffffff;
    const w1 = [s.nextU32(), s.nextU32(), s.nextU32(), s.nextU32()];
    const w2 = [s.nextU32(), s.nextU32(), s.nextU32(), s.nextU32()];
    expect(w1).toEqual(Array.from(philox4x32(new Uint32Array(4), new Uint32Array([0xffffffff, 0, 0, 0]), key)));
    expect(w2).toEqual(Array.from(philox4x32(new Uint32Array(4), new Uint32Array([0, 1, 0, 0]), key)));
  });

  it('rejects a non-finite seed and a bad replica', () => {
    expect(() => rngStream(NaN, 0, 'a', 'b')).toThrow(RangeError);
    expect(() => rngStream(1, -1, 'a', 'b')).toThrow(RangeError);
    expect(() => rngStream(1, 1.5, 'a', 'b')).toThrow(RangeError);
  });
});

describe('uniform', () => {
  it('is never 0 or 1, even when the words are all zeros or all ones', () => {
    const s = new RngStream(0, 0);
    let calls = 0;
    // Words: 0, 0 (j = 0, must be redrawn), then 0xffffffff, 0xffffffff (largest j = 2⁵³ − 1).
    s.nextU32 = () => (calls++ < 2 ? 0 : 0xffffffff);
    const u = s.uniform();
    expect(calls).toBe(4);
    expect(u).toBe(1 - 2 ** -53);
    expect(u).toBeLessThan(1);
    s.nextU32 = () => (calls++ % 2 === 0 ? 0 : 64); // a = 0, b = 1 → smallest value 2⁻⁵³
    expect(s.uniform()).toBe(2 ** -53);
    const r = rngStream(5, 0, 'x', 'u');
    for (let i = 0; i < N; i++) {
      const v = r.uniform();
      if (!(v > 0 && v < 1)) throw new Error(`uniform out of (0,1): ${v}`);
    }
  });

  it('mean and variance within 5σ of the estimator (10⁵ draws)', () => {
    const r = rngStream(11, 0, 'stats', 'uniform');
    let s1 = 0, s2 = 0;
    for (let i = 0; i < N; i++) {
      const u = r.uniform() - 0.5;
      s1 += u;
      s2 += u * u;
    }
    // sd of the mean = √(1/12/N) = 9.13e-4; of the mean of (U−½)², √((1/80 − 1/144)/N) = 2.36e-4.
    expect(Math.abs(s1 / N)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(s2 / N - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
  });

  it('passes a χ² test on 100 equal bins (fixed key, p = 1e-6 critical value)', () => {
    const r = new RngStream(0xdeadbeef, 0x01234567);
    const bins = new Float64Array(100);
    for (let i = 0; i < N; i++) bins[Math.floor(r.uniform() * 100)]++;
    const e = N / 100;
    let chi2 = 0;
    for (const b of bins) chi2 += ((b - e) * (b - e)) / e;
    expect(chi2).toBeLessThan(chi2Crit1e6(99)); // ≈ 181
    expect(chi2).toBeGreaterThan(40); // lower 1e-6 tail of χ²₉₉ is ≈ 45: a too-even histogram fails too
  });

  it('uniformRange maps onto (lo, hi)', () => {
    const r = rngStream(1, 0, 'x', 'range');
    let s = 0;
    for (let i = 0; i < N; i++) {
      const v = r.uniformRange(-3, 5);
      if (!(v > -3 && v < 5)) throw new Error(`out of range ${v}`);
      s += v;
    }
    expect(Math.abs(s / N - 1)).toBeLessThan(5 * Math.sqrt(64 / 12 / N));
  });
});

describe('int', () => {
  it('is in range and uniform (χ² on n = 7, p = 1e-6)', () => {
    const r = rngStream(3, 0, 'x', 'int');
    const counts = new Float64Array(7);
    for (let i = 0; i < N; i++) {
      const k = r.int(7);
      if (!(Number.isInteger(k) && k >= 0 && k < 7)) throw new Error(`bad int ${k}`);
      counts[k]++;
    }
    let chi2 = 0;
    for (const c of counts) chi2 += ((c - N / 7) ** 2) / (N / 7);
    expect(chi2).toBeLessThan(chi2Crit1e6(6));
  });

  it('n = 1 gives 0; n above 2³² stays in range', () => {
    const r = rngStream(3, 0, 'x', 'int2');
    for (let i = 0; i < 100; i++) expect(r.int(1)).toBe(0);
    const n = 2 ** 40 + 3;
    let s = 0;
    for (let i = 0; i < 10_000; i++) {
      const k = r.int(n);
      if (!(Number.isInteger(k) && k >= 0 && k < n)) throw new Error(`bad int ${k}`);
      s += k / n;
    }
    expect(Math.abs(s / 10_000 - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / 10_000));
  });

  it('throws on invalid n in debug builds', () => {
    const r = rngStream(3, 0, 'x', 'int3');
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(2.5)).toThrow(RangeError);
  });
});

describe('normal, exponential, poisson, bernoulli moments (10⁵ draws, 5σ bounds)', () => {
  it('normal: mean, variance, 4th moment; normalWith scales', () => {
    const r = rngStream(1, 0, 'stats', 'normal');
    let s1 = 0, s2 = 0, s4 = 0;
    for (let i = 0; i < N; i++) {
      const z = r.normal();
      s1 += z;
      s2 += z * z;
      s4 += z ** 4;
    }
    expect(Math.abs(s1 / N)).toBeLessThan(5 / Math.sqrt(N)); // sd of mean 1/√N
    expect(Math.abs(s2 / N - 1)).toBeLessThan(5 * Math.sqrt(2 / N)); // Var Z² = 2
    expect(Math.abs(s4 / N - 3)).toBeLessThan(5 * Math.sqrt(96 / N)); // Var Z⁴ = 105 − 9
    let t1 = 0;
    for (let i = 0; i < N; i++) t1 += r.normalWith(10, 3);
    expect(Math.abs(t1 / N - 10)).toBeLessThan(5 * 3 / Math.sqrt(N));
  });

  it('normal: χ² against Φ on 40 bins of width 0.2 on [−4, 4] plus the tails', () => {
    // Cell probabilities integrate the N(0,1) density with Simpson's rule (error < 1e-12).
    const edges: number[] = [];
    for (let k = -20; k <= 20; k++) edges.push(k * 0.2);
    const pdf = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const cdfDiff = (a: number, b: number) => {
      // Simpson with 200 panels: error < 1e-12 on these short intervals.
      const m = 200, h = (b - a) / m;
      let s = pdf(a) + pdf(b);
      for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * pdf(a + i * h);
      return (s * h) / 3;
    };
    const probs: number[] = [];
    const inner = edges.slice(1).map((b, i) => cdfDiff(edges[i], b));
    const tail = (1 - inner.reduce((x, y) => x + y, 0)) / 2;
    probs.push(tail, ...inner, tail);
    const counts = new Float64Array(probs.length);
    const r = rngStream(9, 0, 'stats', 'normal-chi2');
    for (let i = 0; i < N; i++) {
      const z = r.normal();
      const k = z < -4 ? 0 : z >= 4 ? probs.length - 1 : 1 + Math.floor((z + 4) / 0.2);
      counts[k]++;
    }
    // Merge the two tails with their neighbours (expected count ≈ 3 each) to keep every cell ≥ 5.
    let chi2 = 0;
    let df = -1;
    for (let k = 0; k < probs.length; k++) {
      let p = probs[k], c = counts[k];
      if (k === 0 || k === probs.length - 2) {
        p += probs[k + 1];
        c += counts[k + 1];
        k++;
      }
      chi2 += ((c - N * p) ** 2) / (N * p);
      df++;
    }
    expect(chi2).toBeLessThan(chi2Crit1e6(df));
  });

  it('exponential(rate = 2): mean 1/2, second moment 2/rate²', () => {
    const r = rngStream(1, 0, 'stats', 'exp');
    let s1 = 0, s2 = 0;
    for (let i = 0; i < N; i++) {
      const x = r.exponential(2);
      if (!(x > 0 && Number.isFinite(x))) throw new Error(`bad exponential ${x}`);
      s1 += x;
      s2 += x * x;
    }
    expect(Math.abs(s1 / N - 0.5)).toBeLessThan(5 * 0.5 / Math.sqrt(N));
    // Var X² = E X⁴ − (E X²)² = 24/λ⁴ − 4/λ⁴ = 1.25 for λ = 2.
    expect(Math.abs(s2 / N - 0.5)).toBeLessThan(5 * Math.sqrt(1.25 / N));
  });

  it.each([0.5, 4, 29.9, 30, 50, 1000])('poisson(%d): mean λ, variance λ', (lambda) => {
    const r = rngStream(1, 0, 'stats', `poisson-${lambda}`);
    let s1 = 0, s2 = 0;
    for (let i = 0; i < N; i++) {
      const k = r.poisson(lambda);
      if (!(Number.isInteger(k) && k >= 0)) throw new Error(`bad poisson ${k}`);
      s1 += k;
      s2 += k * k;
    }
    const mean = s1 / N;
    const variance = s2 / N - mean * mean;
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / N));
    // Var of the sample variance ≈ (μ₄ − σ⁴)/N with μ₄ = λ(1 + 3λ) for a Poisson law.
    expect(Math.abs(variance - lambda)).toBeLessThan(5 * Math.sqrt((lambda + 2 * lambda * lambda) / N));
  });

  it.each([3, 50, 400])('poisson(%d): χ² of the histogram against the pmf', (lambda) => {
    const r = rngStream(2, 0, 'stats', `poisson-chi2-${lambda}`);
    const lo = Math.max(0, Math.floor(lambda - 4 * Math.sqrt(lambda)));
    const hi = Math.ceil(lambda + 4 * Math.sqrt(lambda));
    const logPmf = (k: number) => {
      let lf = 0;
      for (let i = 2; i <= k; i++) lf += Math.log(i);
      return -lambda + k * Math.log(lambda) - lf;
    };
    const p = new Float64Array(hi - lo + 3); // [ <lo ] [lo..hi] [ >hi ]
    let inner = 0;
    for (let k = lo; k <= hi; k++) {
      p[k - lo + 1] = Math.exp(logPmf(k));
      inner += p[k - lo + 1];
    }
    let below = 0;
    for (let k = 0; k < lo; k++) below += Math.exp(logPmf(k));
    p[0] = below;
    p[p.length - 1] = 1 - inner - below;
    const c = new Float64Array(p.length);
    for (let i = 0; i < N; i++) {
      const k = r.poisson(lambda);
      c[k < lo ? 0 : k > hi ? p.length - 1 : k - lo + 1]++;
    }
    let chi2 = 0, df = -1;
    for (let i = 0; i < p.length; i++) {
      if (N * p[i] < 5) continue; // too small a cell (the tails); drops at most a few counts
      chi2 += ((c[i] - N * p[i]) ** 2) / (N * p[i]);
      df++;
    }
    expect(chi2).toBeLessThan(chi2Crit1e6(df));
  });

  it('poisson edge cases: 0 → 0, negative or NaN → NaN', () => {
    const r = rngStream(1, 0, 'x', 'p');
    expect(r.poisson(0)).toBe(0);
    expect(r.poisson(-1)).toBeNaN();
    expect(r.poisson(NaN)).toBeNaN();
  });

  it('bernoulli(0.3) frequency; p = 0 never, p = 1 always', () => {
    const r = rngStream(1, 0, 'stats', 'bern');
    let s = 0;
    for (let i = 0; i < N; i++) if (r.bernoulli(0.3)) s++;
    expect(Math.abs(s / N - 0.3)).toBeLessThan(5 * Math.sqrt(0.21 / N));
    for (let i = 0; i < 1000; i++) {
      expect(r.bernoulli(0)).toBe(false);
      expect(r.bernoulli(1)).toBe(true);
    }
  });
});
