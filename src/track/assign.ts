/**
 * Optimal rectangular linear assignment: the shortest augmenting path method of Jonker & Volgenant
 * ("A shortest augmenting path algorithm for dense and sparse linear assignment problems",
 * Computing 38, 1987) in the rectangular form laid out by D. F. Crouse, "On implementing 2D
 * rectangular assignment algorithms", IEEE Trans. Aerospace and Electronic Systems 52(4), 2016,
 * §III (Algorithm 1 with the dual updates of eqs. 13–14), without the JV initialisation heuristics.
 *
 * For an n×m cost matrix C (row-major), with k = min(n, m), it finds the one-to-one matching of k
 * rows to k columns (every row when n ≤ m, every column otherwise) that minimises Σ C[i][σ(i)].
 * Entries may be +Infinity (forbidden pairs). Each of the k augmentations is a Dijkstra search on
 * reduced costs C[i][j] − u_i − v_j ≥ 0, so the total cost is O(k²·max(n, m)).
 *
 * `LinearAssignment` keeps its scratch between calls and only reallocates when a larger problem
 * arrives (no allocation per call in steady state).
 */

export class LinearAssignment {
  private cap = 0;
  private capT = 0;
  private u = new Float64Array(0);
  private v = new Float64Array(0);
  private spc = new Float64Array(0);
  private pred = new Int32Array(0);
  private col4row = new Int32Array(0);
  private row4col = new Int32Array(0);
  private remaining = new Int32Array(0);
  private SR = new Uint8Array(0);
  private SC = new Uint8Array(0);
  private ct = new Float64Array(0);
  private tmpOut = new Int32Array(0);

  private ensure(n: number, m: number): void {
    const need = Math.max(n, m);
    if (need > this.cap) {
      const c = Math.max(need, 2 * this.cap, 16);
      this.cap = c;
      this.u = new Float64Array(c);
      this.v = new Float64Array(c);
      this.spc = new Float64Array(c);
      this.pred = new Int32Array(c);
      this.col4row = new Int32Array(c);
      this.row4col = new Int32Array(c);
      this.remaining = new Int32Array(c);
      this.SR = new Uint8Array(c);
      this.SC = new Uint8Array(c);
      this.tmpOut = new Int32Array(c);
    }
  }

  /**
   * Solves the n×m problem. rowToCol (length ≥ n) receives the column of each row, or −1 for a row
   * left out (only when n > m). Returns the minimum total cost, or NaN when no complete matching of
   * min(n, m) pairs with finite cost exists (rowToCol is then all −1).
   */
  solve(cost: ArrayLike<number>, n: number, m: number, rowToCol: Int32Array): number {
    if (n === 0 || m === 0) {
      for (let i = 0; i < n; i++) rowToCol[i] = -1;
      return 0;
    }
    if (n <= m) return this.solveWide(cost, n, m, rowToCol);
    // Transpose so that rows ≤ columns.
    if (n * m > this.capT) {
      this.capT = Math.max(n * m, 2 * this.capT);
      this.ct = new Float64Array(this.capT);
    }
    const ct = this.ct;
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) ct[j * n + i] = cost[i * m + j];
    this.ensure(n, m);
    const colToRow = this.tmpOut;
    const total = this.solveWide(ct, m, n, colToRow);
    for (let i = 0; i < n; i++) rowToCol[i] = -1;
    if (Number.isNaN(total)) return total;
    for (let j = 0; j < m; j++) rowToCol[colToRow[j]] = j;
    return total;
  }

  /** n ≤ m: every row gets a column. */
  private solveWide(C: ArrayLike<number>, n: number, m: number, out: Int32Array): number {
    this.ensure(n, m);
    const u = this.u, v = this.v, spc = this.spc, pred = this.pred, col4row = this.col4row, row4col = this.row4col;
    const remaining = this.remaining, SR = this.SR, SC = this.SC;
    for (let i = 0; i < n; i++) {
      u[i] = 0;
      col4row[i] = -1;
    }
    for (let j = 0; j < m; j++) {
      v[j] = 0;
      row4col[j] = -1;
    }
    for (let cur = 0; cur < n; cur++) {
      // Dijkstra from row `cur` over reduced costs until an unassigned column (the sink) is reached.
      for (let j = 0; j < m; j++) {
        spc[j] = Infinity;
        SC[j] = 0;
        remaining[j] = m - 1 - j;
      }
      for (let i = 0; i < n; i++) SR[i] = 0;
      let numRemaining = m;
      let minVal = 0;
      let i = cur;
      let sink = -1;
      while (sink === -1) {
        SR[i] = 1;
        let lowest = Infinity;
        let idxLowest = -1;
        const ci = i * m;
        const ui = u[i];
        for (let it = 0; it < numRemaining; it++) {
          const j = remaining[it];
          const r = minVal + C[ci + j] - ui - v[j];
          if (r < spc[j]) {
            pred[j] = i;
            spc[j] = r;
          }
          if (spc[j] < lowest || (spc[j] === lowest && row4col[j] === -1)) {
            lowest = spc[j];
            idxLowest = it;
          }
        }
        minVal = lowest;
        if (minVal === Infinity || idxLowest < 0) {
          for (let k = 0; k < n; k++) out[k] = -1;
          return NaN;
        }
        const j = remaining[idxLowest];
        if (row4col[j] === -1) sink = j;
        else i = row4col[j];
        SC[j] = 1;
        remaining[idxLowest] = remaining[--numRemaining];
      }
      // Dual update (Crouse 2016, eqs. 13–14).
      u[cur] += minVal;
      for (let r = 0; r < n; r++) {
        if (SR[r] && r !== cur) u[r] += minVal - spc[col4row[r]];
      }
      for (let j = 0; j < m; j++) {
        if (SC[j]) v[j] -= minVal - spc[j];
      }
      // Augment along the alternating path back to `cur`.
      let j = sink;
      for (;;) {
        const r = pred[j];
        row4col[j] = r;
        const prev = col4row[r];
        col4row[r] = j;
        j = prev;
        if (r === cur) break;
      }
    }
    let total = 0;
    for (let r = 0; r < n; r++) {
      out[r] = col4row[r];
      total += C[r * m + col4row[r]];
    }
    return total;
  }
}

const shared = new LinearAssignment();

/**
 * Convenience wrapper over a module-level `LinearAssignment` (not re-entrant): see
 * `LinearAssignment.solve`.
 */
export function assign(cost: ArrayLike<number>, n: number, m: number, rowToCol: Int32Array): number {
  return shared.solve(cost, n, m, rowToCol);
}
