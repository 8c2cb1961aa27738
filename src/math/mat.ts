/**
 * Small dense matrices stored row-major in a `Float64Array` (element (i, j) of an n×m matrix at
 * `i*m + j`). Output first, nothing allocates. Unless a function says otherwise `out` may alias
 * its inputs only for element-wise operations (add, sub, scale, copy); the products and the
 * transpose must get an `out` distinct from every input (checked in debug builds).
 *
 * Cholesky factorisation and solves follow Golub & Van Loan, "Matrix Computations", 4th ed.
 * (2013), §4.2 (Algorithm 4.2.1, the gaxpy/inner-product Cholesky) and §3.1 (forward and back
 * substitution).
 */

function checkNoAlias(where: string, out: Float64Array, a: Float64Array, b?: Float64Array): void {
  if (out === a || (b !== undefined && out === b)) {
    throw new Error(`${where}: out must not alias an input`);
  }
}

/** out = I (n×n). Returns out. */
export function matIdentity(out: Float64Array, n: number): Float64Array {
  const nn = n * n;
  for (let i = 0; i < nn; i++) out[i] = 0;
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/** Copies all of a into out (lengths must match a.length). Returns out. */
export function matCopy(out: Float64Array, a: ArrayLike<number>): Float64Array {
  const len = a.length;
  for (let i = 0; i < len; i++) out[i] = a[i];
  return out;
}

/** out = a + b over the first len elements. out may alias a or b. */
export function matAdd(out: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, len: number): Float64Array {
  for (let i = 0; i < len; i++) out[i] = a[i] + b[i];
  return out;
}

/** out = a − b over the first len elements. out may alias a or b. */
export function matSub(out: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, len: number): Float64Array {
  for (let i = 0; i < len; i++) out[i] = a[i] - b[i];
  return out;
}

/** out = s·a over the first len elements. out may alias a. */
export function matScale(out: Float64Array, a: ArrayLike<number>, s: number, len: number): Float64Array {
  for (let i = 0; i < len; i++) out[i] = a[i] * s;
  return out;
}

/** out (n×m) = a (n×k) · b (k×m). out must not alias a or b. */
export function matMul(out: Float64Array, a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  if (DEBUG) checkNoAlias('matMul', out, a, b);
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    const oi = i * m;
    for (let j = 0; j < m; j++) out[oi + j] = 0;
    for (let p = 0; p < k; p++) {
      const aip = a[ai + p];
      if (aip === 0) continue;
      const bp = p * m;
      for (let j = 0; j < m; j++) out[oi + j] += aip * b[bp + j];
    }
  }
  return out;
}

/** out (n×m) = a (n×k) · bᵀ where b is m×k. out must not alias a or b. */
export function matMulABt(out: Float64Array, a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  if (DEBUG) checkNoAlias('matMulABt', out, a, b);
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    for (let j = 0; j < m; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      out[i * m + j] = s;
    }
  }
  return out;
}

/** out (n×m) = aᵀ · b where a is k×n and b is k×m. out must not alias a or b. */
export function matMulAtB(out: Float64Array, a: Float64Array, b: Float64Array, k: number, n: number, m: number): Float64Array {
  if (DEBUG) checkNoAlias('matMulAtB', out, a, b);
  const nm = n * m;
  for (let i = 0; i < nm; i++) out[i] = 0;
  for (let p = 0; p < k; p++) {
    const ap = p * n;
    const bp = p * m;
    for (let i = 0; i < n; i++) {
      const api = a[ap + i];
      if (api === 0) continue;
      const oi = i * m;
      for (let j = 0; j < m; j++) out[oi + j] += api * b[bp + j];
    }
  }
  return out;
}

/** out (m×n) = aᵀ where a is n×m. out must not alias a. */
export function matTranspose(out: Float64Array, a: Float64Array, n: number, m: number): Float64Array {
  if (DEBUG) checkNoAlias('matTranspose', out, a);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  }
  return out;
}

/** out (n) = a (n×m) · x (m). out must not alias x. */
export function matVec(out: Float64Array, a: Float64Array, x: ArrayLike<number>, n: number, m: number): Float64Array {
  if (DEBUG && (out as unknown) === x) throw new Error('matVec: out must not alias x');
  for (let i = 0; i < n; i++) {
    const ai = i * m;
    let s = 0;
    for (let j = 0; j < m; j++) s += a[ai + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** In place a ← (a + aᵀ)/2 for an n×n matrix (removes round-off asymmetry of a covariance). */
export function symmetrize(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/**
 * Cholesky factor: lower-triangular L with A = L·Lᵀ for symmetric positive definite A (n×n);
 * only the lower triangle of a is read and the strict upper part of out is zeroed. out may
 * alias a. Returns false (out then partly written) when a pivot is not strictly positive
 * or not finite, i.e. A is not numerically positive definite. Golub & Van Loan 4th ed. Alg. 4.2.1.
 */
export function cholesky(out: Float64Array, a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const jn = j * n;
    // Diagonal: L_jj = sqrt(A_jj − Σ_{p<j} L_jp²).
    let d = a[jn + j];
    for (let p = 0; p < j; p++) d -= out[jn + p] * out[jn + p];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    out[jn + j] = ljj;
    const inv = 1 / ljj;
    // Column below the diagonal: L_ij = (A_ij − Σ_{p<j} L_ip L_jp) / L_jj.
    for (let i = j + 1; i < n; i++) {
      const in_ = i * n;
      let s = a[in_ + j];
      for (let p = 0; p < j; p++) s -= out[in_ + p] * out[jn + p];
      out[in_ + j] = s * inv;
    }
    for (let i = j + 1; i < n; i++) out[jn + i] = 0;
  }
  return true;
}

/**
 * Solves (L·Lᵀ)·X = B for X, L from `cholesky` (n×n), B n×m (m right-hand sides stored as
 * the columns of a row-major n×m array). Forward then back substitution, column by column.
 * out may alias b.
 */
export function choleskySolve(out: Float64Array, L: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  for (let c = 0; c < m; c++) {
    // Forward: L z = b.
    for (let i = 0; i < n; i++) {
      const in_ = i * n;
      let s = b[i * m + c];
      for (let p = 0; p < i; p++) s -= L[in_ + p] * out[p * m + c];
      out[i * m + c] = s / L[in_ + i];
    }
    // Back: Lᵀ x = z.
    for (let i = n - 1; i >= 0; i--) {
      let s = out[i * m + c];
      for (let p = i + 1; p < n; p++) s -= L[p * n + i] * out[p * m + c];
      out[i * m + c] = s / L[i * n + i];
    }
  }
  return out;
}

/**
 * Inverse of a symmetric positive definite n×n matrix through its Cholesky factor:
 * A⁻¹ = L⁻ᵀ·L⁻¹. `scratch` is a caller-owned Float64Array(n·n) (it receives L). out may alias a.
 * The result is exactly symmetric. Returns false (out untouched) when a is not SPD.
 */
export function spdInverse(out: Float64Array, a: Float64Array, n: number, scratch: Float64Array): boolean {
  if (DEBUG && (scratch === out || scratch === a)) throw new Error('spdInverse: scratch must be distinct');
  if (!cholesky(scratch, a, n)) return false;
  const L = scratch;
  // W = L⁻¹ (lower triangular) into the lower triangle of out, column by column.
  for (let j = 0; j < n; j++) {
    out[j * n + j] = 1 / L[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let p = j; p < i; p++) s -= L[i * n + p] * out[p * n + j];
      out[i * n + j] = s / L[i * n + i];
    }
  }
  // A⁻¹_ij = Σ_{p ≥ i} W_pi·W_pj for i ≥ j. The sums read only the lower triangle of out (W), so
  // off-diagonal results go to the strict upper slot (j, i) and diagonal results to scratch's
  // diagonal (L is no longer needed); nothing read is overwritten before its last use.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = i; p < n; p++) s += out[p * n + i] * out[p * n + j];
      if (i === j) scratch[i * n + i] = s;
      else out[j * n + i] = s;
    }
  }
  // Upper part holds the off-diagonal inverse; the diagonal sits in scratch's diagonal. Mirror.
  for (let i = 0; i < n; i++) {
    out[i * n + i] = scratch[i * n + i];
    for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i];
  }
  return true;
}

/** out = M·v for a 3×3 row-major M (9 elements). out may alias v. */
export function mat3MulVec(out: Float64Array, m9: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const x = v[0], y = v[1], z = v[2];
  out[0] = m9[0] * x + m9[1] * y + m9[2] * z;
  out[1] = m9[3] * x + m9[4] * y + m9[5] * z;
  out[2] = m9[6] * x + m9[7] * y + m9[8] * z;
  return out;
}

/** out = Mᵀ·v for a 3×3 row-major M (9 elements). out may alias v. */
export function mat3TransposeMulVec(out: Float64Array, m9: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const x = v[0], y = v[1], z = v[2];
  out[0] = m9[0] * x + m9[3] * y + m9[6] * z;
  out[1] = m9[1] * x + m9[4] * y + m9[7] * z;
  out[2] = m9[2] * x + m9[5] * y + m9[8] * z;
  return out;
}
