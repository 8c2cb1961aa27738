/**
 * Seeded random streams keyed by (seed, replica, entity, purpose).
 *
 * Scheme (version `tmdsim-rng-v1`; changing any step changes every stream, so bump the tag):
 *
 * 1. Key. The string `tmdsim-rng-v1|<seed>|<replica>|<entity>|<purpose>` is encoded as UTF-8 and
 *    hashed with SHA-256 (FIPS 180-4, via `@noble/hashes`). `<seed>` is the seed string as given,
 *    or for a numeric seed its JavaScript decimal form `String(seed)` (so seed 42 and seed "42"
 *    give the same streams); `<replica>` is the decimal integer. In `<seed>`, `<entity>` and
 *    `<purpose>` every `\` is written `\\` and every `|` is written `\|`, so distinct tuples can
 *    never produce the same string. The key words are the first 8 digest bytes read as two
 *    big-endian unsigned 32-bit integers: k0 = bytes 0–3, k1 = bytes 4–7.
 * 2. Generator. Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as
 *    1, 2, 3", SC'11, 2011, doi:10.1145/2063384.2063405; constants and round structure as in
 *    the Random123 library, include/Random123/philox.h): a 10-round keyed bijection of a 128-bit
 *    counter. Block b of a stream is philox(counter = (b mod 2³², ⌊b / 2³²⌋, 0, 0), key) and
 *    yields four 32-bit words, used in order word 0, 1, 2, 3, then block b+1.
 * 3. Variates. uniform() takes two words (27 + 26 high bits → a 53-bit integer j) and returns
 *    j·2⁻⁵³, drawing again if j = 0, so it lies in (0, 1) and is never 0 or 1. normal() is
 *    Box–Muller (Box & Muller, Ann. Math. Stat. 29(2), 1958) on two uniforms, the second value
 *    cached for the next call. poisson() is inversion by sequential search for λ < 30 and Hörmann's
 *    PTRS transformed rejection for λ ≥ 30 (W. Hörmann, "The transformed rejection method for
 *    generating Poisson random variables", Insurance: Mathematics and Economics 12 (1993) 39–45).
 *
 * Streams are independent of the order in which they are created or used, which gives common
 * random numbers across variants of a scenario. No ambient (unseeded) randomness is used.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

// Philox4x32 multipliers and Weyl key increments (Salmon et al. 2011, §4.2; Random123 philox.h:
// PHILOX_M4x32_0/1, PHILOX_W32_0/1 — the golden ratio and √3 − 1 in 0.32 fixed point).
const PHILOX_M0 = 0xd2511f53;
const PHILOX_M1 = 0xcd9e8d57;
const PHILOX_W0 = 0x9e3779b9;
const PHILOX_W1 = 0xbb67ae85;

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 1.1102230246251565e-16; // 2⁻⁵³
const TWO_PI = 2 * Math.PI;

const TWO_POW_M32 = 2.3283064365386963e-10; // 2⁻³²

/**
 * Philox4x32-10 on (c0..c3) with key (k0, k1); writes the four output words to out.
 *
 * Words are carried as int32 bit patterns. The 32×32→64 multiply: the low word is Math.imul
 * (exact); for the high word, the double product M·c is within 2¹¹ of the exact product P < 2⁶⁴,
 * so (M·c − lo)·2⁻³² is within 1e-6 of the integer hi = (P − lo)/2³² and Math.round recovers it
 * exactly. (Checked against a BigInt implementation in the tests.)
 */
function philoxBlock(out: Uint32Array, c0: number, c1: number, c2: number, c3: number, k0: number, k1: number): void {
  c0 |= 0;
  c1 |= 0;
  c2 |= 0;
  c3 |= 0;
  k0 |= 0;
  k1 |= 0;
  for (let r = 0; r < 10; r++) {
    if (r > 0) {
      k0 = (k0 + PHILOX_W0) | 0;
      k1 = (k1 + PHILOX_W1) | 0;
    }
    const lo0 = Math.imul(PHILOX_M0, c0);
    const hi0 = Math.round((PHILOX_M0 * (c0 >>> 0) - (lo0 >>> 0)) * TWO_POW_M32) | 0;
    const lo1 = Math.imul(PHILOX_M1, c2);
    const hi1 = Math.round((PHILOX_M1 * (c2 >>> 0) - (lo1 >>> 0)) * TWO_POW_M32) | 0;
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/**
 * Philox4x32-10 block function: out = philox(ctr, key), four 32-bit words. Exposed for the
 * Random123 known-answer tests. Returns out.
 */
export function philox4x32(out: Uint32Array, ctr: Uint32Array, key: Uint32Array): Uint32Array {
  philoxBlock(out, ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1]);
  return out;
}

// ln k! for k < 30 (summed once at load), Stirling series above (error < 1e-16 for k ≥ 30;
// Abramowitz & Stegun 6.1.41).
const LOG_FACT_TABLE = new Float64Array(30);
for (let k = 2; k < 30; k++) LOG_FACT_TABLE[k] = LOG_FACT_TABLE[k - 1] + Math.log(k);
const HALF_LOG_2PI = 0.9189385332046728; // ½ ln 2π

function logFactorial(k: number): number {
  if (k < 30) return LOG_FACT_TABLE[k];
  const r = 1 / k;
  const r2 = r * r;
  return (k + 0.5) * Math.log(k) - k + HALF_LOG_2PI + r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
}

/**
 * One random stream: Philox4x32-10 in counter mode with a fixed key. Monomorphic, allocates only
 * in its constructor. Build one with `rngStream(seed, replica, entity, purpose)`.
 */
export class RngStream {
  private readonly k0: number;
  private readonly k1: number;
  private ctrLo = 0;
  private ctrHi = 0;
  private readonly buf = new Uint32Array(4);
  private idx = 4; // next word in buf; 4 means the buffer is used up
  private spare = 0;
  private hasSpare = false;
  // Cached PTRS constants for the last λ (poisson is often called with one λ repeatedly).
  private pLambda = NaN;
  private pB = 0;
  private pA = 0;
  private pInvAlpha = 0;
  private pVr = 0;
  private pLogLambda = 0;

  /** k0, k1: the two 32-bit key words. */
  constructor(k0: number, k1: number) {
    this.k0 = k0 >>> 0;
    this.k1 = k1 >>> 0;
  }

  /** Next raw 32-bit word of the stream (unsigned). */
  nextU32(): number {
    if (this.idx === 4) {
      philoxBlock(this.buf, this.ctrLo, this.ctrHi, 0, 0, this.k0, this.k1);
      this.ctrLo = (this.ctrLo + 1) >>> 0;
      if (this.ctrLo === 0) this.ctrHi = (this.ctrHi + 1) >>> 0;
      this.idx = 0;
    }
    return this.buf[this.idx++];
  }

  /** Uniform on the open interval (0, 1): a 53-bit multiple of 2⁻⁵³, never 0 or 1. */
  uniform(): number {
    for (;;) {
      const a = this.nextU32() >>> 5; // 27 bits
      const b = this.nextU32() >>> 6; // 26 bits
      const j = a * 67108864 + b; // a·2²⁶ + b, in [0, 2⁵³)
      if (j !== 0) return j * TWO_POW_M53;
    }
  }

  /** Uniform on (lo, hi) (up to rounding at the ends). */
  uniformRange(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /**
   * Unbiased integer in [0, n) for an integer 1 ≤ n ≤ 2⁵³ (rejection of the top partial range).
   */
  int(n: number): number {
    if (DEBUG && !(Number.isInteger(n) && n >= 1 && n <= 9007199254740992)) {
      throw new RangeError(`RngStream.int: n must be an integer in [1, 2^53], got ${n}`);
    }
    if (n <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % n); // accept w < limit, a multiple of n
      for (;;) {
        const w = this.nextU32();
        if (w < limit) return w % n;
      }
    }
    const span = 9007199254740992; // 2⁵³
    const limit = span - (span % n);
    for (;;) {
      const j = (this.nextU32() >>> 5) * 67108864 + (this.nextU32() >>> 6);
      if (j < limit) return j % n;
    }
  }

  /** Standard normal N(0, 1): Box–Muller on two uniforms, the second value cached. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const th = TWO_PI * this.uniform();
    this.spare = r * Math.sin(th);
    this.hasSpare = true;
    return r * Math.cos(th);
  }

  /** Normal with the given mean and standard deviation. */
  normalWith(mean: number, sd: number): number {
    return mean + sd * this.normal();
  }

  /** Exponential with the given rate (mean 1/rate), by inversion −ln(U)/rate. */
  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }

  /**
   * Poisson with mean lambda ≥ 0 (NaN for a negative or non-finite lambda). λ < 30: inversion
   * by sequential search from 0. λ ≥ 30: Hörmann (1993) algorithm PTRS, exact (rejection).
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) return NaN;
    if (lambda === 0) return 0;
    if (lambda < 30) {
      const u = this.uniform();
      let p = Math.exp(-lambda);
      let F = p;
      let k = 0;
      // Guard: F can stall a few ulps below 1; the tail beyond kMax has probability < 1e-30.
      const kMax = Math.ceil(lambda + 30 * Math.sqrt(lambda) + 30);
      while (u > F && k < kMax) {
        k++;
        p *= lambda / k;
        F += p;
      }
      return k;
    }
    if (lambda !== this.pLambda) {
      // Hörmann (1993), Algorithm PTRS, constants of step 0.
      const b = 0.931 + 2.53 * Math.sqrt(lambda);
      this.pB = b;
      this.pA = -0.059 + 0.02483 * b;
      this.pInvAlpha = 1.1239 + 1.1328 / (b - 3.4);
      this.pVr = 0.9277 - 3.6224 / (b - 2);
      this.pLogLambda = Math.log(lambda);
      this.pLambda = lambda;
    }
    const a = this.pA, b = this.pB;
    for (;;) {
      const U = this.uniform() - 0.5;
      const V = this.uniform();
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= this.pVr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (Math.log(V * this.pInvAlpha / (a / (us * us) + b)) <= -lambda + k * this.pLogLambda - logFactorial(k)) {
        return k;
      }
    }
  }

  /** True with probability p (p ≤ 0 never, p ≥ 1 always). */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }
}

function escapeField(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/**
 * The stream for (seed, replica, entity, purpose), e.g. `rngStream(2024, 17, 'radar-1', 'noise')`.
 * seed: a finite number or any string; replica: a non-negative safe integer (RangeError otherwise).
 * Costs one SHA-256 (a few µs): build streams once per replica and entity, not per draw.
 */
export function rngStream(seed: number | string, replica: number, entity: string, purpose: string): RngStream {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new RangeError(`rngStream: seed must be a finite number or a string, got ${seed}`);
  }
  if (!Number.isSafeInteger(replica) || replica < 0) {
    throw new RangeError(`rngStream: replica must be a non-negative integer, got ${replica}`);
  }
  const text = `tmdsim-rng-v1|${escapeField(String(seed))}|${replica}|${escapeField(entity)}|${escapeField(purpose)}`;
  const d = sha256(utf8ToBytes(text));
  const k0 = ((d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3]) >>> 0;
  const k1 = ((d[4] << 24) | (d[5] << 16) | (d[6] << 8) | d[7]) >>> 0;
  return new RngStream(k0, k1);
}
