/**
 * Static weapon–target assignment (WTA).
 *
 * Problem (Ahuja, Kumar, Jha & Orlin, "Exact and heuristic algorithms for the weapon-target
 * assignment problem", Operations Research 55(6):1136–1146, 2007, §1, problem (1)): m weapons,
 * n targets with values v_j ≥ 0, kill probabilities p_ij ∈ [0, 1]; weapon i fires at most mu shots,
 * each shot an independent engagement of one target (several shots may go to one target). With
 * x_ij the number of shots of weapon i at target j, minimise the expected surviving value
 *
 *     F(x) = Σ_j v_j Π_i (1 − p_ij)^{x_ij},   subject to Σ_j x_ij ≤ mu,  x_ij ∈ ℕ.
 *
 * F is non-increasing in every x_ij, so using every shot never hurts; the solvers always assign
 * all m·mu shots.
 *
 * Two solvers:
 * - `solveWtaHeuristic`: maximum-marginal-return greedy (den Broeder, Ellison & Emerling, "On
 *   optimum target assignments", Operations Research 7(3):322–326, 1959; the construction
 *   heuristic Ahuja et al. 2007 §5 start from), then local search over two neighbourhoods —
 *   reassign one shot to another target, and ejection chains of length 2 (shot s1 takes the target
 *   of shot s2, which moves to the best other target for its weapon; when s2 moves to s1's old
 *   target this is the 2-exchange of Ahuja et al. 2007 §5, whose very large scale neighbourhood
 *   generalises such moves to longer paths and cycles) — then, while the budget lasts, iterated local search
 *   (Lourenço, Martin & Stützle, "Iterated local search", Handbook of Metaheuristics, 2003): perturb
 *   a few random shots, re-optimise locally, keep the result only if it improves on the best.
 * - `solveWtaExact`: depth-first branch and bound over the shots, weapon by weapon, each weapon's
 *   shots enumerated as a multiset of targets (non-decreasing target indices); the bound is the
 *   "best remaining weapon per target" relaxation described at `remainingBound`.
 *
 * Measured heuristic quality (test/bmc/wta-gap.test.ts; instances from `randomWtaProblem`, values
 * U[25,100], p U[0.60,0.90] as in Ahuja et al. 2007 §6), 200 instances with m ∈ 6…10, n ∈ 3…6,
 * mu ∈ {1, 2}, each solved to proved optimality by `solveWtaExact`; gap = heuristic / optimum − 1:
 *   greedy + local search only (maxIterations 0): mean 2.87 %, max 35.5 %, optimum in 112/200;
 *   + 200 ILS iterations:                          mean 0.030 %, max 5.97 %, optimum in 199/200;
 *   + 2000 ILS iterations:                         mean 0 %, max 0 %, optimum in 200/200.
 * (The large relative gaps of the plain local search occur where the optimum is a small number.)
 * Published instances with best-known values: test/fixtures/wta/best-known.json and
 * test/validation/wta-published.test.ts; larger generated instances: bench/wta.bench.ts.
 *
 * Hot loops use typed arrays made once per call; no closures or object literals per move.
 * No ambient randomness here: the perturbations come from xorshift32 seeded by `seed`.
 */

/** A static WTA instance. `p` is m×n row-major: p[i·n + j] is weapon i's kill probability on target j. */
export interface WtaProblem {
  m: number;
  n: number;
  mu: number;
  values: Float64Array;
  p: Float64Array /* m×n row-major */;
}

/**
 * A solution: `assignment[s]` is the target of shot s; the shots of weapon i are at
 * [i·mu, (i+1)·mu). `optimal` is true only when an exact method proved optimality.
 */
export interface WtaSolution {
  objective: number;
  assignment: Int32Array /* length m·mu */;
  optimal: boolean;
}

export interface WtaHeuristicOptions {
  /** Wall-clock budget for the iterated local search in ms (default 10). Greedy and the first
   * local search always run to completion. */
  timeLimitMs?: number;
  /** Seed of the perturbations (default 1). */
  seed?: number;
  /** Cap on ILS iterations (default unlimited: the time limit stops it). With a finite cap and a
   * time limit that is not reached, the result depends only on the input and the seed. */
  maxIterations?: number;
  /** Stop the ILS after this many consecutive iterations without improvement (default unlimited). */
  maxStall?: number;
}

/** Checks the shape and ranges of a problem; throws RangeError (a caller bug) when wrong. */
export function checkWtaProblem(problem: WtaProblem): void {
  const { m, n, mu, values, p } = problem;
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`WTA: m must be a non-negative integer, got ${m}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`WTA: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(mu) || mu < 0) throw new RangeError(`WTA: mu must be a non-negative integer, got ${mu}`);
  if (values.length !== n) throw new RangeError(`WTA: values has length ${values.length}, expected n = ${n}`);
  if (p.length !== m * n) throw new RangeError(`WTA: p has length ${p.length}, expected m·n = ${m * n}`);
  for (let j = 0; j < n; j++) {
    if (!(values[j] >= 0) || !Number.isFinite(values[j])) throw new RangeError(`WTA: values[${j}] = ${values[j]} is not a finite value ≥ 0`);
  }
  for (let k = 0; k < m * n; k++) {
    if (!(p[k] >= 0 && p[k] <= 1)) throw new RangeError(`WTA: p[${k}] = ${p[k]} is not in [0, 1]`);
  }
}

/**
 * Expected surviving value F = Σ_j v_j Π_shots (1 − p_{i(s), j}) of an assignment (target per shot,
 * shots of weapon i at [i·mu, (i+1)·mu)), computed from scratch. A shot with target −1 is unused.
 */
export function objective(problem: WtaProblem, assignment: Int32Array): number {
  const { m, n, mu, values, p } = problem;
  if (assignment.length !== m * mu) throw new RangeError(`WTA objective: assignment has length ${assignment.length}, expected m·mu = ${m * mu}`);
  const surv = new Float64Array(values);
  for (let s = 0; s < m * mu; s++) {
    const j = assignment[s];
    if (j < 0) continue;
    if (j >= n) throw new RangeError(`WTA objective: shot ${s} targets ${j}, expected < n = ${n}`);
    const i = (s / mu) | 0;
    surv[j] *= 1 - p[i * n + j];
  }
  let f = 0;
  for (let j = 0; j < n; j++) f += surv[j];
  return f;
}

// ---------------------------------------------------------------------------------------------
// Heuristic

/** xorshift32 (G. Marsaglia, "Xorshift RNGs", J. Statistical Software 8(14), 2003; triple 13, 17, 5). */
function xorshift32(x: number): number {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}

/**
 * Working state of the heuristic: per target, the number of shots with survival factor 0 (p = 1)
 * and the product of the other factors, so that removing a shot is a division only by a factor
 * that is not 0.
 */
class State {
  readonly m: number;
  readonly n: number;
  readonly mu: number;
  readonly S: number;
  readonly v: Float64Array;
  readonly q: Float64Array; // 1 − p, m×n
  readonly assign: Int32Array;
  readonly zeros: Int32Array; // per target
  readonly prod: Float64Array; // per target, product of non-zero factors
  readonly topT: Int32Array; // per weapon, its 3 targets with the largest decrease s_k p_ik (−1: none)
  readonly topG: Float64Array; // the decreases, in decreasing order
  total = 0;

  constructor(problem: WtaProblem) {
    this.m = problem.m;
    this.n = problem.n;
    this.mu = problem.mu;
    this.S = problem.m * problem.mu;
    this.v = problem.values;
    this.q = new Float64Array(problem.m * problem.n);
    for (let k = 0; k < this.q.length; k++) this.q[k] = 1 - problem.p[k];
    this.assign = new Int32Array(this.S);
    this.zeros = new Int32Array(this.n);
    this.prod = new Float64Array(this.n);
    this.topT = new Int32Array(this.m * 3);
    this.topG = new Float64Array(this.m * 3);
  }

  /** Recomputes each weapon's three best targets by decrease surv(k)·p_ik. */
  refreshTop(): void {
    const { m, n, q, topT, topG } = this;
    for (let i = 0; i < m; i++) {
      let t0 = -1, t1 = -1, t2 = -1;
      let g0 = -1, g1 = -1, g2 = -1;
      const row = i * n;
      for (let k = 0; k < n; k++) {
        const g = this.surv(k) * (1 - q[row + k]);
        if (g > g2) {
          if (g > g1) {
            t2 = t1; g2 = g1;
            if (g > g0) {
              t1 = t0; g1 = g0; t0 = k; g0 = g;
            } else {
              t1 = k; g1 = g;
            }
          } else {
            t2 = k; g2 = g;
          }
        }
      }
      topT[i * 3] = t0; topT[i * 3 + 1] = t1; topT[i * 3 + 2] = t2;
      topG[i * 3] = g0; topG[i * 3 + 1] = g1; topG[i * 3 + 2] = g2;
    }
  }

  /** Surviving value of target j now. */
  surv(j: number): number {
    return this.zeros[j] > 0 ? 0 : this.v[j] * this.prod[j];
  }

  /** Surviving value of target j if one shot with factor f left it. */
  survWithout(j: number, f: number): number {
    if (f === 0) return this.zeros[j] > 1 ? 0 : this.v[j] * this.prod[j];
    return this.zeros[j] > 0 ? 0 : (this.v[j] * this.prod[j]) / f;
  }

  /** Recomputes products and total from `assign` (removes drift of repeated multiply/divide). */
  rebuild(): void {
    const { n, mu, S } = this;
    this.zeros.fill(0);
    this.prod.fill(1);
    for (let s = 0; s < S; s++) {
      const j = this.assign[s];
      const f = this.q[((s / mu) | 0) * n + j];
      if (f === 0) this.zeros[j]++;
      else this.prod[j] *= f;
    }
    let t = 0;
    for (let j = 0; j < n; j++) t += this.surv(j);
    this.total = t;
  }

  addShot(j: number, f: number): void {
    if (f === 0) this.zeros[j]++;
    else this.prod[j] *= f;
  }

  removeShot(j: number, f: number): void {
    if (f === 0) this.zeros[j]--;
    else this.prod[j] /= f;
  }

  /** Maximum-marginal-return greedy: repeatedly give the shot with the largest decrease v_j' p_ij. */
  greedy(): void {
    const { m, n, mu, q } = this;
    this.zeros.fill(0);
    this.prod.fill(1);
    const left = new Int32Array(m).fill(mu);
    const survNow = new Float64Array(n);
    for (let j = 0; j < n; j++) survNow[j] = this.v[j];
    // Best target of each weapon against the current survivals, refreshed lazily.
    const bestT = new Int32Array(m);
    const bestG = new Float64Array(m);
    for (let i = 0; i < m; i++) refreshBest(i, n, q, survNow, bestT, bestG);
    const nextShot = new Int32Array(m);
    for (let i = 0; i < m; i++) nextShot[i] = i * mu;
    for (let k = 0; k < this.S; k++) {
      let bi = -1;
      let bg = -1;
      for (let i = 0; i < m; i++) {
        if (left[i] > 0 && bestG[i] > bg) {
          bg = bestG[i];
          bi = i;
        }
      }
      const j = bestT[bi];
      const f = q[bi * n + j];
      this.assign[nextShot[bi]++] = j;
      left[bi]--;
      this.addShot(j, f);
      survNow[j] = this.surv(j);
      // Only target j changed (it went down), so only weapons whose best was j can change best.
      for (let i = 0; i < m; i++) {
        if (left[i] > 0 && bestT[i] === j) refreshBest(i, n, q, survNow, bestT, bestG);
      }
    }
    this.rebuild();
  }

  /**
   * Local search to a local optimum of the reassign-one-shot and length-2 ejection-chain neighbourhoods
   * (first improvement, scanning shots in order). Returns the number of improving moves.
   */
  localSearch(): number {
    const { n, mu, S, q } = this;
    let moves = 0;
    let improved = true;
    while (improved) {
      improved = false;
      const eps = 1e-12 * (this.total + 1e-300);
      // Reassign moves.
      for (let s = 0; s < S; s++) {
        const row = ((s / mu) | 0) * n;
        const j = this.assign[s];
        const fj = q[row + j];
        const sj = this.surv(j);
        const gainRemove = this.survWithout(j, fj) - sj; // ≥ 0: value restored at j
        let best = -eps;
        let bk = -1;
        for (let k = 0; k < n; k++) {
          if (k === j) continue;
          const sk = this.surv(k);
          const d = gainRemove - sk * (1 - q[row + k]);
          if (d < best) {
            best = d;
            bk = k;
          }
        }
        if (bk >= 0) {
          this.removeShot(j, fj);
          this.addShot(bk, q[row + bk]);
          this.assign[s] = bk;
          this.total += best;
          moves++;
          improved = true;
        }
      }
      // Ejection chains of length 2: shot s1 moves from j1 to j2, pushing shot s2 out of j2 to the
      // best target k for its weapon (k = j1 is the plain 2-exchange). The best k ∉ {j1, j2} comes
      // from each weapon's three best targets against the current survivals (refreshed after
      // every applied move); k = j1 is evaluated with s1 already gone from j1.
      this.refreshTop();
      const topT = this.topT;
      const topG = this.topG;
      for (let s1 = 0; s1 < S; s1++) {
        const r1 = ((s1 / mu) | 0) * n;
        for (let s2 = 0; s2 < S; s2++) {
          const j1 = this.assign[s1];
          const j2 = this.assign[s2];
          if (j1 === j2) continue;
          const i2 = (s2 / mu) | 0;
          const r2 = i2 * n;
          const a = q[r1 + j1]; // s1 leaves j1
          const b = q[r2 + j2]; // s2 leaves j2
          const e = q[r1 + j2]; // s1 comes to j2
          const w1 = this.survWithout(j1, a);
          const base = w1 - this.surv(j1) + this.survWithout(j2, b) * e - this.surv(j2);
          // Where s2 goes: j1 or the best of its weapon's top targets other than j1, j2.
          let k = j1;
          let dec = w1 * (1 - q[r2 + j1]);
          for (let t = 0; t < 3; t++) {
            const kt = topT[i2 * 3 + t];
            if (kt < 0 || kt === j1 || kt === j2) continue;
            if (topG[i2 * 3 + t] > dec) {
              dec = topG[i2 * 3 + t];
              k = kt;
            }
            break;
          }
          const d = base - dec;
          if (d < -eps) {
            this.removeShot(j1, a);
            this.removeShot(j2, b);
            this.addShot(j2, e);
            this.addShot(k, q[r2 + k]);
            this.assign[s1] = j2;
            this.assign[s2] = k;
            this.total += d;
            moves++;
            improved = true;
            this.refreshTop();
          }
        }
      }
      this.rebuild();
    }
    return moves;
  }
}

function refreshBest(i: number, n: number, q: Float64Array, surv: Float64Array, bestT: Int32Array, bestG: Float64Array): void {
  let bg = -1;
  let bt = 0;
  const row = i * n;
  for (let j = 0; j < n; j++) {
    const g = surv[j] * (1 - q[row + j]);
    if (g > bg) {
      bg = g;
      bt = j;
    }
  }
  bestT[i] = bt;
  bestG[i] = bg;
}

function now(): number {
  return globalThis.performance ? globalThis.performance.now() : Date.now();
}

/**
 * Heuristic WTA: maximum-marginal-return greedy, local search (reassign + 2-exchange), then
 * iterated local search until `timeLimitMs` (default 10 ms) or `maxIterations`. Each ILS iteration
 * moves 2–4 random shots (xorshift32 keyed by `seed`) to random targets, re-runs the local search,
 * and keeps the result only if it beats the best so far (otherwise it restarts from the best).
 * `optimal` is always false. Gap figures: see the module comment.
 */
export function solveWtaHeuristic(problem: WtaProblem, opts: WtaHeuristicOptions = {}): WtaSolution {
  if (typeof DEBUG !== 'undefined' && DEBUG) checkWtaProblem(problem);
  const timeLimitMs = opts.timeLimitMs ?? 10;
  const maxIter = opts.maxIterations ?? Infinity;
  const maxStall = opts.maxStall ?? Infinity;
  const t0 = now();
  const st = new State(problem);
  const S = st.S;
  if (S === 0) return { objective: objective(problem, st.assign), assignment: st.assign, optimal: false };
  st.greedy();
  st.localSearch();
  const best = Int32Array.from(st.assign);
  let bestF = st.total;
  let rng = ((opts.seed ?? 1) * 2654435761) >>> 0 ^ 0x5bd1e995;
  if (rng === 0) rng = 0x9e3779b9;
  const n = st.n;
  if (n > 1) {
    let stall = 0;
    for (let it = 0; it < maxIter && stall < maxStall; it++) {
      if ((it & 7) === 0 && now() - t0 >= timeLimitMs) break;
      rng = xorshift32(rng);
      const k = 2 + (rng % 3);
      for (let r = 0; r < k; r++) {
        rng = xorshift32(rng);
        const s = rng % S;
        rng = xorshift32(rng);
        st.assign[s] = rng % n;
      }
      st.rebuild();
      st.localSearch();
      if (st.total < bestF - 1e-12 * bestF) {
        bestF = st.total;
        best.set(st.assign);
        stall = 0;
      } else {
        stall++;
        st.assign.set(best);
        st.rebuild();
      }
    }
  }
  return { objective: objective(problem, best), assignment: best, optimal: false };
}

// ---------------------------------------------------------------------------------------------
// Exact branch and bound

export interface WtaExactOptions {
  /** Wall-clock limit in ms (default 10 000). When it stops the search, `optimal` is false and the
   * best assignment found is returned. */
  timeLimitMs?: number;
  /** Start from the heuristic's assignment (default true); false starts from greedy only, which
   * makes the tree search do the work: the incumbent starts at +∞ (tests use it to check the search
   * on its own). */
  warmStart?: boolean;
}

/**
 * Exact WTA by depth-first branch and bound (small problems: the tree has up to
 * C(n + mu − 1, mu)^m leaves). Shots are fixed in order s = 0 … m·mu − 1; the shots of one weapon
 * take non-decreasing target indices, so each multiset of targets is enumerated once. The incumbent
 * starts from `solveWtaHeuristic` (200 ILS iterations). Children are tried in order of the decrease
 * they give. A node is pruned when its lower bound (see `remainingBound`) is not below the incumbent
 * by more than 1e-12 relative. `optimal` is true when the search completed.
 */
export function solveWtaExact(problem: WtaProblem, opts: WtaExactOptions = {}): WtaSolution {
  if (typeof DEBUG !== 'undefined' && DEBUG) checkWtaProblem(problem);
  const { m, n, mu, values, p } = problem;
  const S = m * mu;
  const timeLimitMs = opts.timeLimitMs ?? 10_000;
  const t0 = now();
  const warm = opts.warmStart ?? true;
  const start = solveWtaHeuristic(problem, { timeLimitMs: Infinity, maxIterations: warm ? 200 : 0, seed: 1 });
  if (S === 0 || n === 1) return { objective: start.objective, assignment: start.assignment, optimal: true };
  const best = Int32Array.from(start.assignment);
  let bestF = warm ? start.objective : Infinity;

  const q = new Float64Array(m * n);
  for (let k = 0; k < m * n; k++) q[k] = 1 - p[k];
  // qmin[i·n + j] = min over weapons i' ≥ i of q[i'·n + j]; row m is all ones (no weapons left).
  const qmin = new Float64Array((m + 1) * n).fill(1);
  for (let i = m - 1; i >= 0; i--) {
    for (let j = 0; j < n; j++) qmin[i * n + j] = Math.min(q[i * n + j], qmin[(i + 1) * n + j]);
  }
  const surv = new Float64Array(values);
  const cur = new Int32Array(S);
  const scratch = new Float64Array(n);
  const saved = new Float64Array(S); // survival of the target before shot s
  // Child ordering buffers, one row of n per depth.
  const order = new Int32Array(S * n);
  const gains = new Float64Array(n);
  // Explicit stack: position in the child list of each depth.
  const pos = new Int32Array(S);
  const cnt = new Int32Array(S);
  let nodes = 0;
  let timedOut = false;
  let depth = 0;
  let total = 0;
  for (let j = 0; j < n; j++) total += surv[j];

  // Build the child list of depth d.
  const build = (d: number): void => {
    const i = (d / mu) | 0;
    const lo = d % mu === 0 ? 0 : cur[d - 1];
    let c = 0;
    for (let j = lo; j < n; j++) {
      gains[j] = surv[j] * p[i * n + j];
      order[d * n + c++] = j;
    }
    // Insertion sort by decreasing gain (n is small).
    for (let a = 1; a < c; a++) {
      const x = order[d * n + a];
      let b = a - 1;
      while (b >= 0 && gains[order[d * n + b]] < gains[x]) {
        order[d * n + b + 1] = order[d * n + b];
        b--;
      }
      order[d * n + b + 1] = x;
    }
    cnt[d] = c;
    pos[d] = 0;
  };

  build(0);
  for (;;) {
    if (pos[depth] >= cnt[depth]) {
      // Exhausted this depth: backtrack.
      depth--;
      if (depth < 0) break;
      const j = cur[depth];
      total += saved[depth] - surv[j];
      surv[j] = saved[depth];
      pos[depth]++;
      continue;
    }
    if ((++nodes & 4095) === 0 && now() - t0 >= timeLimitMs) {
      timedOut = true;
      break;
    }
    const j = order[depth * n + pos[depth]];
    const i = (depth / mu) | 0;
    saved[depth] = surv[j];
    const sNew = surv[j] * q[i * n + j];
    total += sNew - surv[j];
    surv[j] = sNew;
    cur[depth] = j;
    if (depth === S - 1) {
      if (total < bestF) {
        bestF = total;
        best.set(cur);
      }
      total += saved[depth] - surv[j];
      surv[j] = saved[depth];
      pos[depth]++;
      continue;
    }
    const remaining = S - 1 - depth;
    const nextWeapon = ((depth + 1) / mu) | 0;
    const lb = remainingBound(total, surv, qmin, nextWeapon * n, n, remaining, scratch);
    if (lb >= bestF * (1 - 1e-12)) {
      total += saved[depth] - surv[j];
      surv[j] = saved[depth];
      pos[depth]++;
      continue;
    }
    depth++;
    build(depth);
  }
  return { objective: objective(problem, best), assignment: best, optimal: !timedOut };
}

/**
 * Lower bound on the objective reachable with `remaining` more shots, all from weapons ≥ w (the row
 * offset of w is `row`): replace every remaining weapon's survival factor on target j by the best
 * one, qmin_j = min_{i ≥ w} (1 − p_ij), and forget which weapon fires which shot. The relaxed
 * problem min Σ_j s_j qmin_j^{k_j}, Σ k_j = remaining, is separable with decreasing marginal
 * decreases s_j qmin_j^{k} (1 − qmin_j), so taking the largest marginal `remaining` times solves it
 * exactly; the true remaining problem has larger factors and fewer choices, hence a larger optimum.
 */
function remainingBound(total: number, surv: Float64Array, qmin: Float64Array, row: number, n: number, remaining: number, scratch: Float64Array): number {
  for (let j = 0; j < n; j++) scratch[j] = surv[j];
  let lb = total;
  for (let r = 0; r < remaining; r++) {
    let bj = -1;
    let bd = 0;
    for (let j = 0; j < n; j++) {
      const d = scratch[j] * (1 - qmin[row + j]);
      if (d > bd) {
        bd = d;
        bj = j;
      }
    }
    if (bj < 0) break;
    scratch[bj] -= bd;
    lb -= bd;
  }
  return lb;
}

// ---------------------------------------------------------------------------------------------
// Instances

/**
 * A random instance generated as Ahuja et al. (2007) §6 describe theirs: target values uniform on
 * [25, 100], kill probabilities uniform on [0.60, 0.90] (every pair). Deterministic in `seed`
 * (xorshift32). Used by tests and benchmarks.
 */
export function randomWtaProblem(m: number, n: number, mu: number, seed: number): WtaProblem {
  let x = (seed * 2654435761) >>> 0 ^ 0x27d4eb2f;
  if (x === 0) x = 1;
  const values = new Float64Array(n);
  const p = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    x = xorshift32(x);
    values[j] = 25 + 75 * (x / 4294967296);
  }
  for (let k = 0; k < m * n; k++) {
    x = xorshift32(x);
    p[k] = 0.6 + 0.3 * (x / 4294967296);
  }
  return { m, n, mu, values, p };
}
