/**
 * Multi-target tracker: global nearest neighbour (GNN) with optimal assignment, M-of-N track
 * confirmation, miss/covariance deletion. Stone Soup's `MultiTargetTracker` loop, written so it
 * can be read at a glance (`processScan`):
 *
 * For each scan, in time order (several sensors fused into one picture, one scan at a time):
 * 1. Coarse gate. Each detection is converted to an ECEF point; each live track's position is
 *    extrapolated (x + v·dt − ½·9.8 m/s²·r̂·dt²). A (track, detection) pair survives only when the
 *    distance is within √γ·(√tr P_pos(dt) + √tr R_pos) + margin — a conservative superset of the
 *    χ² gate that costs three subtractions.
 * 2. Predict the tracks that have candidates to the scan time with the filter (EKF or UKF).
 * 3. χ² gate: d² = νᵀS⁻¹ν ≤ γ, γ = χ²₃ quantile at the gate probability (default P_G = 0.9999 →
 *    γ = 21.11; Bar-Shalom, Li & Kirubarajan 2001, §2.6.4 for the validation region).
 * 4. Assign: GNN by the optimal assignment (assign.ts, Jonker–Volgenant) on cost d² + ln|S| (the
 *    negative log Gaussian likelihood up to a constant, Blackman & Popoli, "Design and Analysis of
 *    Modern Tracking Systems", 1999, §6.5), with a private "no detection" column per track of cost
 *    γ + max ln|S| over its gated pairs, so an in-gate pair is never worse than a miss on its own.
 * 5. Update assigned tracks; every other live track scores a miss for this scan.
 * 6. Initiate a tentative track from each unassigned detection: single-point initiation, position
 *    and covariance from the converted measurement (J R Jᵀ with J = ∂ECEF/∂(ρ, az, el)), velocity 0
 *    with a large prior σ_v per axis (default 3000 m/s, above any theatre missile's speed).
 * 7. Confirm a tentative track when it has M = 3 hits within its first N = 5 scans (counting scans
 *    since initiation from any sensor); delete it as soon as it can no longer reach M.
 * 8. Delete a confirmed track after K = 6 consecutive scans without an update, when its position σ
 *    (√ of the largest diagonal position variance) exceeds 10 km, or when it is 1 km underground.
 * 9. Emit one TrackRow per confirmed track at the scan time (state propagated to it if the track
 *    was not updated): the tracks.csv stream (ECEF).
 *
 * Type hint (booster vs RV, kept simple): every ≥ 4 s the tracker compares the change of the
 * filtered velocity with the acceleration the ballistic model predicts (gravity + rotating-frame
 * terms, no drag) at the midpoint; a residual specific force above 20 m/s² (≈ 2 g, well above
 * drag-free coast and below most boost phases) while climbing marks `booster`, a small residual
 * while descending marks `rv`, anything else stays `unknown`.
 *
 * Track ids are integers 1, 2, 3 … in order of confirmation and never reused. The tracker never
 * reads `scan.truth`.
 */
import { WGS84, aerToEcef, gravityJ2, geodeticAltitude, type Site } from '../earth/index.js';
import type { Scan } from '../sensor/index.js';
import { GaussianState, type Filter, type MotionModel } from './filter.js';
import { ConstantVelocityModel } from './motion-cv.js';
import { BallisticModel } from './motion-ballistic.js';
import { RangeAzElModel } from './measurement-model.js';
import { ExtendedKalmanFilter } from './ekf.js';
import { UnscentedKalmanFilter } from './ukf.js';
import { LinearAssignment } from './assign.js';
import { chi2Quantile } from './metrics.js';

/** One row of tracks.csv: time (s), track id, ECEF state [x, y, z, vx, vy, vz] (m, m/s). */
export interface TrackRow {
  time: number;
  track: number | string;
  state: Float64Array;
}

export type TrackKind = 'unknown' | 'booster' | 'rv';

export interface TrackerOptions {
  /** Motion model (default 'ballistic'). */
  motion?: 'cv' | 'ballistic';
  /** Filter (default 'ekf'). */
  filter?: 'ekf' | 'ukf';
  /** Acceleration noise spectral density q, m²/s³ (default 0.01 ballistic, 100 cv). */
  q?: number;
  /** Gate probability P_G (default 0.9999). */
  gateProbability?: number;
  /** Confirmation: M hits within the first N scans (defaults 3, 5). */
  confirmM?: number;
  confirmN?: number;
  /** Consecutive scans without an update before a confirmed track is deleted (default 6). */
  maxMisses?: number;
  /** Deletion threshold on position σ, m (default 10 000). */
  maxPositionSigma?: number;
  /** Initial velocity σ per axis, m/s (default 3000). */
  initVelocitySigma?: number;
  /** Collect TrackRows in `rows` (default true). */
  recordRows?: boolean;
  /** Give a custom motion model / filter instead (tests, extensions). */
  filterInstance?: Filter;
}

/** A live track. */
export class Track {
  /** Integer id once confirmed, 0 while tentative. */
  id = 0;
  confirmed = false;
  readonly state: GaussianState;
  /** Scans seen since initiation (initiation counts as 1) and hits among them. */
  scans = 1;
  hits = 1;
  /** Consecutive scans without an update. */
  misses = 0;
  /** Number of updates (including the initiating detection). */
  updates = 1;
  kind: TrackKind = 'unknown';
  /** Velocity and time of the last type-hint reference point. */
  readonly vRef = new Float64Array(3);
  readonly rRef = new Float64Array(3);
  tRef = NaN;
  constructor(dim: number, t: number) {
    this.state = new GaussianState(dim, t);
  }
}

/** Builds a filter from the option words; q defaults by model (see TrackerOptions). */
export function makeFilter(motion: 'cv' | 'ballistic', filter: 'ekf' | 'ukf', q?: number): Filter {
  const mm: MotionModel = motion === 'cv' ? new ConstantVelocityModel(q ?? 100) : new BallisticModel({ q: q ?? 0.01 });
  const meas = new RangeAzElModel();
  return filter === 'ukf' ? new UnscentedKalmanFilter(mm, meas) : new ExtendedKalmanFilter(mm, meas);
}

const OMEGA = WGS84.omega;

export class Tracker {
  readonly filter: Filter;
  readonly gate: number;
  readonly confirmM: number;
  readonly confirmN: number;
  readonly maxMisses: number;
  readonly maxPositionSigma: number;
  readonly initVelocitySigma: number;
  readonly recordRows: boolean;
  /** Live tracks (tentative and confirmed). */
  readonly tracks: Track[] = [];
  /** Emitted rows (when recordRows). */
  readonly rows: TrackRow[] = [];
  /** Counters. */
  scansProcessed = 0;
  detectionsProcessed = 0;
  confirmedTotal = 0;
  private nextId = 1;

  private readonly la = new LinearAssignment();
  private cap = 0;
  private detPos = new Float64Array(0);
  private detRad = new Float64Array(0);
  private byX = new Int32Array(0);
  private xs = new Float64Array(0);
  private colOf = new Int32Array(0);
  private used = new Uint8Array(0);
  // Gated pairs (track index, detection index, cost) for the current scan.
  private pairCap = 0;
  private pairT = new Int32Array(0);
  private pairD = new Int32Array(0);
  private pairC = new Float64Array(0);
  private pairL = new Float64Array(0);
  private rowOf = new Int32Array(0);
  private rowTrack = new Int32Array(0);
  private missCost = new Float64Array(0);
  private cost = new Float64Array(0);
  private rowToCol = new Int32Array(0);
  private colDet = new Int32Array(0);
  private readonly tmp3 = new Float64Array(3);
  private readonly tmpX: Float64Array;
  private readonly aux3 = new Float64Array(3);

  constructor(opts: TrackerOptions = {}) {
    this.filter = opts.filterInstance ?? makeFilter(opts.motion ?? 'ballistic', opts.filter ?? 'ekf', opts.q);
    this.gate = chi2Quantile(opts.gateProbability ?? 0.9999, 3);
    this.confirmM = opts.confirmM ?? 3;
    this.confirmN = opts.confirmN ?? 5;
    this.maxMisses = opts.maxMisses ?? 6;
    this.maxPositionSigma = opts.maxPositionSigma ?? 10_000;
    this.initVelocitySigma = opts.initVelocitySigma ?? 3000;
    this.recordRows = opts.recordRows ?? true;
    this.tmpX = new Float64Array(this.filter.dim);
  }

  private ensureDet(n: number): void {
    if (n <= this.cap) return;
    const c = Math.max(n, 2 * this.cap, 64);
    this.cap = c;
    this.detPos = new Float64Array(3 * c);
    this.detRad = new Float64Array(c);
    this.byX = new Int32Array(c);
    this.xs = new Float64Array(c);
    this.colOf = new Int32Array(c);
    this.used = new Uint8Array(c);
  }

  private ensurePairs(k: number): void {
    if (k <= this.pairCap) return;
    const c = Math.max(k, 2 * this.pairCap, 256);
    const t = new Int32Array(c), d = new Int32Array(c), co = new Float64Array(c), lo = new Float64Array(c);
    t.set(this.pairT);
    d.set(this.pairD);
    co.set(this.pairC);
    lo.set(this.pairL);
    this.pairT = t;
    this.pairD = d;
    this.pairC = co;
    this.pairL = lo;
    this.pairCap = c;
  }

  /** Processes one scan (scans must come in non-decreasing time order). */
  processScan(scan: Scan): void {
    const n = scan.n, t = scan.time, site = scan.site, z = scan.z, sg = scan.sigma;
    const f = this.filter, tracks = this.tracks, nt = tracks.length;
    this.ensureDet(n);
    const detPos = this.detPos, detRad = this.detRad, used = this.used;
    // 1. Detections to ECEF, with a position-uncertainty radius √(σ_ρ² + (ρσ_az)² + (ρσ_el)²).
    for (let j = 0; j < n; j++) {
      const rho = z[3 * j];
      aerToEcef(this.tmp3, rho, z[3 * j + 1], z[3 * j + 2], site);
      detPos[3 * j] = this.tmp3[0];
      detPos[3 * j + 1] = this.tmp3[1];
      detPos[3 * j + 2] = this.tmp3[2];
      const a = sg[3 * j], b = rho * sg[3 * j + 1], c = rho * sg[3 * j + 2];
      detRad[j] = Math.sqrt(a * a + b * b + c * c);
      used[j] = 0;
    }
    // Detections sorted by ECEF x (insertion sort of indices) so each track scans only the slab
    // |x − cx| ≤ its largest coarse radius.
    const byX = this.byX, xs = this.xs;
    let maxRad = 0;
    for (let j = 0; j < n; j++) {
      if (detRad[j] > maxRad) maxRad = detRad[j];
      const v = detPos[3 * j];
      let q = j;
      while (q > 0 && xs[q - 1] > v) {
        xs[q] = xs[q - 1];
        byX[q] = byX[q - 1];
        q--;
      }
      xs[q] = v;
      byX[q] = j;
    }
    // 1–3. Coarse gate, predict, χ² gate.
    const sqrtGate = Math.sqrt(this.gate);
    let np = 0;
    for (let i = 0; i < nt; i++) {
      const tr = tracks[i];
      const x = tr.state.x, P = tr.state.P, dim = tr.state.dim;
      const dt = t - tr.state.t;
      const r = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
      const gdt = (-0.5 * 9.8 * dt * dt) / r;
      const cx = x[0] + x[3] * dt + gdt * x[0];
      const cy = x[1] + x[4] * dt + gdt * x[1];
      const cz = x[2] + x[5] * dt + gdt * x[2];
      const trPos = P[0] + P[dim + 1] + P[2 * dim + 2];
      const trVel = P[3 * dim + 3] + P[4 * dim + 4] + P[5 * dim + 5];
      const rt = Math.sqrt(trPos) + Math.sqrt(trVel) * Math.abs(dt);
      const margin = 100 + 10 * dt * dt + Math.sqrt(1e4 * Math.abs(dt) ** 3);
      let predicted = false;
      const slab = sqrtGate * (rt + maxRad) + margin;
      // First sorted detection with x ≥ cx − slab (binary search).
      let lo = 0, hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (xs[mid] < cx - slab) lo = mid + 1;
        else hi = mid;
      }
      for (let q = lo; q < n && xs[q] <= cx + slab; q++) {
        const j = byX[q];
        const dx = detPos[3 * j] - cx, dy = detPos[3 * j + 1] - cy, dz = detPos[3 * j + 2] - cz;
        const lim = sqrtGate * (rt + detRad[j]) + margin;
        if (dx * dx + dy * dy + dz * dz > lim * lim) continue;
        if (!predicted) {
          f.predict(tr.state, t);
          predicted = true;
        }
        const d2 = f.innovation(tr.state, z, 3 * j, sg, 3 * j, site);
        if (!(d2 <= this.gate)) continue;
        this.ensurePairs(np + 1);
        this.pairT[np] = i;
        this.pairD[np] = j;
        this.pairC[np] = d2 + f.lastLogDetS;
        this.pairL[np] = f.lastLogDetS;
        np++;
      }
    }
    // 4. Optimal assignment over the tracks and detections that have gated pairs.
    this.assignPairs(np, nt, n);
    // 5. Update the assigned; count misses.
    for (let i = 0; i < nt; i++) {
      const tr = tracks[i];
      tr.scans++;
      const j = this.trackDet[i];
      if (j >= 0) {
        f.predict(tr.state, t);
        f.update(tr.state, z, 3 * j, sg, 3 * j, site);
        used[j] = 1;
        tr.hits++;
        tr.updates++;
        tr.misses = 0;
        this.typeHint(tr);
      } else {
        tr.misses++;
      }
    }
    // 6. Initiate from the unassigned detections.
    for (let j = 0; j < n; j++) {
      if (!used[j]) this.initiate(t, z, sg, 3 * j, site);
    }
    // 7–8. Confirm and delete.
    let w = 0;
    for (let i = 0; i < tracks.length; i++) {
      const tr = tracks[i];
      if (!tr.confirmed) {
        if (tr.hits >= this.confirmM && tr.scans <= this.confirmN) {
          tr.confirmed = true;
          tr.id = this.nextId++;
          this.confirmedTotal++;
        } else if (tr.hits + Math.max(0, this.confirmN - tr.scans) < this.confirmM) {
          continue; // cannot reach M in N any more
        }
      }
      if (tr.confirmed && this.shouldDelete(tr)) continue;
      tracks[w++] = tr;
    }
    tracks.length = w;
    // 9. Rows.
    if (this.recordRows) {
      for (let i = 0; i < w; i++) {
        const tr = tracks[i];
        if (!tr.confirmed) continue;
        const s = new Float64Array(6);
        if (tr.state.t === t) {
          for (let k = 0; k < 6; k++) s[k] = tr.state.x[k];
        } else {
          f.motion.propagate(tr.state.x, t - tr.state.t, this.tmpX);
          for (let k = 0; k < 6; k++) s[k] = this.tmpX[k];
        }
        this.rows.push({ time: t, track: tr.id, state: s });
      }
    }
    this.scansProcessed++;
    this.detectionsProcessed += n;
  }

  /** Detection assigned to each track in the current scan, or −1. */
  private trackDet = new Int32Array(0);
  private parent = new Int32Array(0);
  private bucket = new Int32Array(0);
  private order = new Int32Array(0);

  private find(a: number): number {
    const p = this.parent;
    while (p[a] !== a) {
      p[a] = p[p[a]];
      a = p[a];
    }
    return a;
  }

  /**
   * Splits the gated pairs into clusters (connected components of the track–detection gate
   * graph, union–find) and solves each cluster's assignment separately: the optimum of the whole
   * problem is the union of the clusters' optima, and most clusters are one track and one detection.
   */
  private assignPairs(np: number, nt: number, n: number): void {
    if (this.trackDet.length < nt) {
      const c = Math.max(nt, 2 * this.trackDet.length, 64);
      this.trackDet = new Int32Array(c);
      this.rowOf = new Int32Array(c);
      this.rowTrack = new Int32Array(c);
      this.missCost = new Float64Array(c);
    }
    if (this.parent.length < nt + n) {
      const c = Math.max(nt + n, 2 * this.parent.length, 128);
      this.parent = new Int32Array(c);
      this.bucket = new Int32Array(c + 1);
    }
    if (this.order.length < np) this.order = new Int32Array(Math.max(np, 2 * this.order.length, 256));
    if (this.colDet.length < n) this.colDet = new Int32Array(Math.max(n, 2 * this.colDet.length, 64));
    const trackDet = this.trackDet, parent = this.parent, bucket = this.bucket, order = this.order;
    const rowOf = this.rowOf, colOf = this.colOf;
    for (let i = 0; i < nt; i++) {
      trackDet[i] = -1;
      rowOf[i] = -1;
    }
    for (let j = 0; j < n; j++) colOf[j] = -1;
    const nn = nt + n;
    for (let a = 0; a < nn; a++) parent[a] = a;
    for (let k = 0; k < np; k++) {
      const a = this.find(this.pairT[k]), b = this.find(nt + this.pairD[k]);
      if (a !== b) parent[a] = b;
    }
    // Counting sort of the pairs by cluster root.
    for (let a = 0; a <= nn; a++) bucket[a] = 0;
    for (let k = 0; k < np; k++) bucket[this.find(this.pairT[k]) + 1]++;
    for (let a = 0; a < nn; a++) bucket[a + 1] += bucket[a];
    for (let k = 0; k < np; k++) order[bucket[this.find(this.pairT[k])]++] = k;
    // bucket[a] is now the end of cluster a; walk the clusters in order.
    let k0 = 0;
    while (k0 < np) {
      const root = this.find(this.pairT[order[k0]]);
      let k1 = k0 + 1;
      while (k1 < np && this.find(this.pairT[order[k1]]) === root) k1++;
      this.solveCluster(k0, k1);
      k0 = k1;
    }
  }

  private solveCluster(k0: number, k1: number): void {
    const order = this.order, rowOf = this.rowOf, colOf = this.colOf, rowTrack = this.rowTrack, missCost = this.missCost;
    if (k1 - k0 === 1) {
      // One track, one detection: d² ≤ γ makes the pair cheaper than the miss.
      const k = order[k0];
      this.trackDet[this.pairT[k]] = this.pairD[k];
      return;
    }
    let nr = 0, nc = 0;
    for (let q = k0; q < k1; q++) {
      const k = order[q];
      const i = this.pairT[k], j = this.pairD[k];
      if (rowOf[i] < 0) {
        rowOf[i] = nr;
        rowTrack[nr] = i;
        missCost[nr] = -Infinity;
        nr++;
      }
      if (colOf[j] < 0) {
        colOf[j] = nc;
        this.colDet[nc] = j;
        nc++;
      }
      const miss = this.gate + this.pairL[k];
      if (miss > missCost[rowOf[i]]) missCost[rowOf[i]] = miss;
    }
    const m = nc + nr;
    if (this.cost.length < nr * m) this.cost = new Float64Array(Math.max(nr * m, 2 * this.cost.length, 256));
    if (this.rowToCol.length < nr) this.rowToCol = new Int32Array(Math.max(nr, 2 * this.rowToCol.length, 64));
    const C = this.cost;
    for (let q = 0; q < nr * m; q++) C[q] = Infinity;
    for (let q = k0; q < k1; q++) {
      const k = order[q];
      C[rowOf[this.pairT[k]] * m + colOf[this.pairD[k]]] = this.pairC[k];
    }
    for (let r = 0; r < nr; r++) C[r * m + nc + r] = missCost[r];
    this.la.solve(C, nr, m, this.rowToCol);
    for (let r = 0; r < nr; r++) {
      const c = this.rowToCol[r];
      const i = rowTrack[r];
      this.trackDet[i] = c >= 0 && c < nc ? this.colDet[c] : -1;
      rowOf[i] = -1;
    }
    for (let c = 0; c < nc; c++) colOf[this.colDet[c]] = -1;
  }

  private initiate(t: number, z: ArrayLike<number>, sg: ArrayLike<number>, off: number, site: Site): void {
    const dim = this.filter.dim;
    const tr = new Track(dim, t);
    const rho = z[off], az = z[off + 1], el = z[off + 2];
    aerToEcef(this.tmp3, rho, az, el, site);
    const x = tr.state.x, P = tr.state.P;
    x[0] = this.tmp3[0];
    x[1] = this.tmp3[1];
    x[2] = this.tmp3[2];
    // J = ∂ECEF/∂(ρ, az, el) = Rotᵀ · ∂ENU/∂(ρ, az, el), ENU = ρ(cos el sin az, cos el cos az, sin el).
    const se = Math.sin(el), ce = Math.cos(el), sa = Math.sin(az), ca = Math.cos(az);
    const R = site.rot;
    const sr = sg[off], sa2 = sg[off + 1], se2 = sg[off + 2];
    // Columns in ENU, scaled by σ: J·diag(σ).
    const c0e = ce * sa * sr, c0n = ce * ca * sr, c0u = se * sr;
    const c1e = rho * ce * ca * sa2, c1n = -rho * ce * sa * sa2, c1u = 0;
    const c2e = -rho * se * sa * se2, c2n = -rho * se * ca * se2, c2u = rho * ce * se2;
    const cols = this.aux3;
    // P_pos = Σ_k (Rotᵀ c_k)(Rotᵀ c_k)ᵀ.
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) P[a * dim + b] = 0;
    for (let k = 0; k < 3; k++) {
      const e = k === 0 ? c0e : k === 1 ? c1e : c2e;
      const nn = k === 0 ? c0n : k === 1 ? c1n : c2n;
      const u = k === 0 ? c0u : k === 1 ? c1u : c2u;
      cols[0] = R[0] * e + R[3] * nn + R[6] * u;
      cols[1] = R[1] * e + R[4] * nn + R[7] * u;
      cols[2] = R[2] * e + R[5] * nn + R[8] * u;
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) P[a * dim + b] += cols[a] * cols[b];
    }
    const sv2 = this.initVelocitySigma * this.initVelocitySigma;
    for (let k = 3; k < 6; k++) P[k * dim + k] = sv2;
    if (dim === 7) {
      x[6] = 1e-4; // b = CdA/m ≈ 1e-4 m²/kg (β = 10 000 kg/m²), σ 1e-4
      P[48] = 1e-8;
    }
    this.tracks.push(tr);
  }

  private shouldDelete(tr: Track): boolean {
    if (tr.misses >= this.maxMisses) return true;
    const P = tr.state.P, d = tr.state.dim;
    const maxVar = Math.max(P[0], P[d + 1], P[2 * d + 2]);
    if (maxVar > this.maxPositionSigma * this.maxPositionSigma) return true;
    return geodeticAltitude(tr.state.x) < -1000;
  }

  /** Booster/RV hint from the specific-force residual (file header). */
  private typeHint(tr: Track): void {
    const x = tr.state.x, t = tr.state.t;
    if (!(t - tr.tRef >= 4)) {
      if (Number.isNaN(tr.tRef)) this.setRef(tr);
      return;
    }
    const dt = t - tr.tRef;
    const g = this.aux3;
    // Mid-point position and velocity.
    const mx = 0.5 * (x[0] + tr.rRef[0]), my = 0.5 * (x[1] + tr.rRef[1]), mz = 0.5 * (x[2] + tr.rRef[2]);
    const vx = 0.5 * (x[3] + tr.vRef[0]), vy = 0.5 * (x[4] + tr.vRef[1]);
    this.tmp3[0] = mx;
    this.tmp3[1] = my;
    this.tmp3[2] = mz;
    gravityJ2(g, this.tmp3);
    const ax = (x[3] - tr.vRef[0]) / dt - (g[0] + 2 * OMEGA * vy + OMEGA * OMEGA * mx);
    const ay = (x[4] - tr.vRef[1]) / dt - (g[1] - 2 * OMEGA * vx + OMEGA * OMEGA * my);
    const az = (x[5] - tr.vRef[2]) / dt - g[2];
    const sf = Math.sqrt(ax * ax + ay * ay + az * az);
    const radial = (x[0] * x[3] + x[1] * x[4] + x[2] * x[5]) / Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    tr.kind = sf > 20 && radial > 0 ? 'booster' : sf < 20 && radial < 0 ? 'rv' : 'unknown';
    this.setRef(tr);
  }

  private setRef(tr: Track): void {
    const x = tr.state.x;
    for (let k = 0; k < 3; k++) {
      tr.rRef[k] = x[k];
      tr.vRef[k] = x[3 + k];
    }
    tr.tRef = tr.state.t;
  }
}
