import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cholesky,
  choleskySolve,
  mat3MulVec,
  mat3TransposeMulVec,
  matAdd,
  matCopy,
  matIdentity,
  matMul,
  matMulABt,
  matMulAtB,
  matScale,
  matSub,
  matTranspose,
  matVec,
  spdInverse,
  symmetrize,
} from '../../src/math/index.js';

const F = (xs: number[]) => new Float64Array(xs);

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i] - b[i]) > tol) throw new Error(`element ${i}: ${a[i]} vs ${b[i]} (tol ${tol})`);
  }
}

/** Random SPD matrix A = B·Bᵀ + n·I from entries of B in [−1, 1]. */
function spdFrom(bEntries: number[], n: number): Float64Array {
  const B = F(bEntries.slice(0, n * n));
  const A = new Float64Array(n * n);
  matMulABt(A, B, B, n, n, n);
  for (let i = 0; i < n; i++) A[i * n + i] += n;
  return A;
}

const arbSpd = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc
    .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n + n, maxLength: n * n + n })
    .map((xs) => ({ n, A: spdFrom(xs, n), rhs: F(xs.slice(n * n)) })),
);

describe('element-wise and products (hand-computed)', () => {
  it('identity, copy, add, sub, scale, with aliasing', () => {
    expect(Array.from(matIdentity(new Float64Array(4), 2))).toEqual([1, 0, 0, 1]);
    const a = F([1, 2, 3, 4]);
    const b = F([10, 20, 30, 40]);
    expect(Array.from(matAdd(new Float64Array(4), a, b, 4))).toEqual([11, 22, 33, 44]);
    expect(Array.from(matSub(new Float64Array(4), b, a, 4))).toEqual([9, 18, 27, 36]);
    expect(Array.from(matScale(new Float64Array(4), a, -2, 4))).toEqual([-2, -4, -6, -8]);
    const c = matCopy(new Float64Array(4), a);
    expect(Array.from(matAdd(c, c, b, 4))).toEqual([11, 22, 33, 44]); // out aliases a
    const d = matCopy(new Float64Array(4), b);
    expect(Array.from(matSub(d, a, d, 4))).toEqual([-9, -18, -27, -36]); // out aliases b
    const e = matCopy(new Float64Array(4), a);
    expect(Array.from(matScale(e, e, 3, 4))).toEqual([3, 6, 9, 12]);
  });

  it('matMul, matMulABt, matMulAtB, matTranspose, matVec on a 2×3 · 3×2 example', () => {
    const A = F([1, 2, 3, 4, 5, 6]); // 2×3
    const B = F([7, 8, 9, 10, 11, 12]); // 3×2
    // A·B = [[1·7+2·9+3·11, 1·8+2·10+3·12], [4·7+5·9+6·11, 4·8+5·10+6·12]] = [[58, 64], [139, 154]]
    expect(Array.from(matMul(new Float64Array(4), A, B, 2, 3, 2))).toEqual([58, 64, 139, 154]);
    const Bt = matTranspose(new Float64Array(6), B, 3, 2); // 2×3
    expect(Array.from(Bt)).toEqual([7, 9, 11, 8, 10, 12]);
    expect(Array.from(matMulABt(new Float64Array(4), A, Bt, 2, 3, 2))).toEqual([58, 64, 139, 154]);
    const At = matTranspose(new Float64Array(6), A, 2, 3); // 3×2
    expect(Array.from(matMulAtB(new Float64Array(4), At, B, 3, 2, 2))).toEqual([58, 64, 139, 154]);
    expect(Array.from(matVec(new Float64Array(2), A, F([1, 0, -1]), 2, 3))).toEqual([-2, -2]);
  });

  it('rejects aliasing out in products (debug check)', () => {
    const A = F([1, 2, 3, 4]);
    const B = F([5, 6, 7, 8]);
    expect(() => matMul(A, A, B, 2, 2, 2)).toThrow(/alias/);
    expect(() => matMulABt(B, A, B, 2, 2, 2)).toThrow(/alias/);
    expect(() => matMulAtB(A, A, B, 2, 2, 2)).toThrow(/alias/);
    expect(() => matTranspose(A, A, 2, 2)).toThrow(/alias/);
  });

  it('symmetrize averages the off-diagonal pair', () => {
    expect(Array.from(symmetrize(F([1, 2, 4, 3]), 2))).toEqual([1, 3, 3, 3]);
  });

  it('mat3MulVec and its transpose, including out aliasing v', () => {
    const M = F([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(mat3MulVec(new Float64Array(3), M, F([1, 1, 1])))).toEqual([6, 15, 24]);
    expect(Array.from(mat3TransposeMulVec(new Float64Array(3), M, F([1, 1, 1])))).toEqual([12, 15, 18]);
    const v = F([1, 0, -1]);
    expect(Array.from(mat3MulVec(v, M, v))).toEqual([-2, -2, -2]);
    const w = F([1, 0, -1]);
    expect(Array.from(mat3TransposeMulVec(w, M, w))).toEqual([-6, -6, -6]);
  });
});

describe('Cholesky', () => {
  it('factors a hand-computed 3×3 example', () => {
    // A = L·Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]] (Golub & Van Loan style example, checked by hand).
    const A = F([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const L = new Float64Array(9).fill(7); // garbage to be overwritten, upper part must be zeroed
    expect(cholesky(L, A, 3)).toBe(true);
    expectClose(L, [2, 0, 0, 6, 1, 0, -8, 5, 3], 1e-14);
    // In place (out aliases a).
    const A2 = matCopy(new Float64Array(9), A);
    expect(cholesky(A2, A2, 3)).toBe(true);
    expectClose(A2, [2, 0, 0, 6, 1, 0, -8, 5, 3], 1e-14);
  });

  it('returns false for indefinite, singular and NaN matrices', () => {
    const L = new Float64Array(4);
    expect(cholesky(L, F([1, 2, 2, 1]), 2)).toBe(false); // eigenvalues 3, −1
    expect(cholesky(L, F([1, 1, 1, 1]), 2)).toBe(false); // singular
    expect(cholesky(L, F([NaN, 0, 0, 1]), 2)).toBe(false);
    expect(spdInverse(new Float64Array(4), F([1, 2, 2, 1]), 2, new Float64Array(4))).toBe(false);
  });

  it('property: L·Lᵀ = A, L lower triangular (random SPD up to 9×9)', () => {
    fc.assert(
      fc.property(arbSpd, ({ n, A }) => {
        const L = new Float64Array(n * n);
        expect(cholesky(L, A, n)).toBe(true);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(L[i * n + j]).toBe(0);
        const LLt = new Float64Array(n * n);
        matMulABt(LLt, L, L, n, n, n);
        expectClose(LLt, A, 1e-12 * n);
      }),
      { numRuns: 300, seed: 20240601 },
    );
  });

  it('property: A·inv(A) = I to 1e-10, inverse exactly symmetric', () => {
    fc.assert(
      fc.property(arbSpd, ({ n, A }) => {
        const inv = new Float64Array(n * n);
        expect(spdInverse(inv, A, n, new Float64Array(n * n))).toBe(true);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(inv[i * n + j]).toBe(inv[j * n + i]);
        const P = new Float64Array(n * n);
        matMul(P, A, inv, n, n, n);
        expectClose(P, matIdentity(new Float64Array(n * n), n), 1e-10);
        // In place: out aliases a.
        const A2 = matCopy(new Float64Array(n * n), A);
        expect(spdInverse(A2, A2, n, new Float64Array(n * n))).toBe(true);
        expectClose(A2, inv, 1e-15);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('property: choleskySolve residual ‖A·X − B‖ ≤ 1e-12·‖B‖-scale, also in place', () => {
    fc.assert(
      fc.property(arbSpd, fc.integer({ min: 1, max: 3 }), ({ n, A, rhs }, m) => {
        const L = new Float64Array(n * n);
        expect(cholesky(L, A, n)).toBe(true);
        const B = new Float64Array(n * m);
        for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) B[i * m + c] = rhs[i] * (c + 1) + c;
        const X = choleskySolve(new Float64Array(n * m), L, B, n, m);
        const AX = matMul(new Float64Array(n * m), A, X, n, n, m);
        expectClose(AX, B, 1e-12 * n * 4);
        const Bin = matCopy(new Float64Array(n * m), B);
        choleskySolve(Bin, L, Bin, n, m);
        expectClose(Bin, X, 1e-15);
      }),
      { numRuns: 300, seed: 99 },
    );
  });
});
