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
 * 5. Update assigned tracks. Another live track scores a miss for this scan only when the scan's
 *    sensor could have detected it: the sensor has detected the track before (it "holds" the
 *    track) and, when the scan carries a coverage predicate (`Scan.covers`, set by Radar.scan),
 *    the track's extrapolated position is inside that coverage. A track seen by radar A is thus
 *    not "missed" by radars B, C, D that are elsewhere, look elsewhere, or cannot see it over the
 *    horizon; scans that cannot count neither age a tentative track nor a confirmed one.
 * 6. Initiate a tentative track from each unassigned detection: single-point initiation, position
 *    and covariance from the converted measurement (J R Jᵀ with J = ∂ECEF/∂(ρ, az, el)), velocity 0
 *    with a large prior σ_v per axis (default 3000 m/s, above any theatre missile's speed). The
 *    second detection must also pass a speed gate, |Δr| ≤ v_max·dt + √γ·(σ_init + σ_det) with
 *    v_max = 5000 m/s (above the burnout speed of a 3000 km-range missile, ≈ 4.5 km/s): the χ²
 *    gate with σ_v = 3000 m/s per axis alone admits ≈ 14 km/s, a gate volume ~20× larger, and
 *    radar clutter, uniform in range, is densest next to the radar (∝ 1/r² per unit volume)
 *    where such gates most often catch a second false alarm (logic-based initiation with a
 *    velocity gate: Blackman & Popoli 1999, ch. 3, track initiation with speed limits).
 * 7. Confirm a tentative track when it has M = 3 hits within its first N = 5 counted scans (an
 *    update, or a miss counted by rule 5); delete it as soon as it can no longer reach M. False
 *    alarms (λ ≈ 1 a scan a radar) are spread over ~10¹⁹ m³ of coverage but, uniform in range,
 *    crowd near the radar; with the speed gate of rule 6, 3 of 5 counted scans confirmed at most
 *    one false track in the 800 scans of test/validation/tracking-raid.test.ts (seeds 1–6).
 * 7b. Prune duplicates: a confirmed track that agrees with an older one (track-to-track χ² test)
 *    while sharing its detections for 8 consecutive evidences is deleted (pruneDuplicates).
 * 8. Per-sensor miss counting (deletion): each sensor that holds a track counts its own
 *    consecutive misses on it; after K = 6 the sensor lets go (the target left its coverage or
 *    faded below its threshold). A confirmed track is deleted when no sensor holds it any more,
 *    when its position σ (√ of the largest diagonal position variance) exceeds 10 km — the
 *    backstop for a track coasting through a gap with no coverage —, or when it is 1 km underground.
 * 9. Emit one TrackRow per confirmed track at the scan time (state propagated to it if the track
 *    was not updated): the tracks.csv stream (ECEF). Scans of several sensors at the same time
 *    give one row per track and time (the batch is rewritten after each of those scans).
 *
 * Type hint (booster vs RV, kept simple): every ≥ 4 s the tracker compares the change of the
 * filtered velocity with the acceleration the ballistic model predicts (gravity + rotating-frame
 * terms, no drag) at the midpoint; a residual specific force above 20 m/s² (≈ 2 g, well above
 * drag-free coast and below most boost phases) while climbing marks `booster`, a small residual
 * while descending marks `rv`, anything else stays `unknown`.
 *
 * Manoeuvre handling (boost, re-entry drag): process noise with two discrete levels, switched per
 * track by decisions on the innovations and on the type hint (Bar-Shalom, Li & Kirubarajan 2001,
 * §11.2 "adjustable level process noise"; X. R. Li & V. P. Jilkov, "A Survey of Maneuvering Target
 * Tracking — Part IV: Decision-Based Methods", SPIE 4728, 2002, the "equivalent noise" class). A track
 * predicts with q_m = `manoeuvreQ` (default 2500 m²/s³ = (50 m/s²)²·1 s: the CWNA rule
 * √(q·T) ≈ a_max·T of Bar-Shalom et al. §6.2.2 for a 5 g thrust over T = 1 s) while it manoeuvres
 * and with the motion model's own q while it coasts. A new track starts manoeuvring (it may be a
 * booster). It switches to the coast level when a type-hint window (≥ 4 s) shows a specific-force
 * residual below `coastAccel` (default 15 m/s² ≈ 1.5 g: a liquid stage's thrust-to-weight ratio
 * is ≥ 1.5 from lift-off, so its specific force is ≥ 15 m/s² all through the burn; on the
 * japan-1999 raid, windows over thrusting boosters gave ≥ 30 m/s² in 95 % of cases, windows of
 * coasting tracks mostly < 10 m/s²); it switches back to the manoeuvre level when the fading-memory average of the normalised innovations ε̄ₖ = α ε̄ₖ₋₁ + d²ₖ (α = 0.8,
 * mean n_z/(1 − α) = 15 for a consistent filter, Bar-Shalom et al. §11.2) exceeds its 99.9 %
 * point, 30.8 (moment-matched scaled χ², `nisThresholdFor`; 99 % switched tracks of pure
 * ballistic targets up too often). Inside the atmosphere the process noise of either level is
 * raised to cover the drag the 6-state model leaves out (`dragBeta`, see effectiveQ). Only the
 * ballistic model adapts by default (CV with q = 100 is already a manoeuvre model);
 * `manoeuvreQ: 0` turns it off.
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
import { cholesky } from '../math/index.js';
import { density } from '../atmosphere/index.js';

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
  /** Consecutive counted misses after which a sensor lets go of a track (default 6; file header rule 8). */
  maxMisses?: number;
  /** Deletion threshold on position σ, m (default 10 000). */
  maxPositionSigma?: number;
  /** Initial velocity σ per axis, m/s (default 3000). */
  initVelocitySigma?: number;
  /** Largest speed a second detection may imply for a one-point track, m/s (default 5000; rule 6). */
  maxSpeed?: number;
  /**
   * Process-noise density of the manoeuvre level, m²/s³ (default 2500 with the ballistic model,
   * 0 = off otherwise and with `filterInstance`). See the file header.
   */
  manoeuvreQ?: number;
  /** Specific-force residual below which a manoeuvring track switches to the coast level, m/s² (default 15). */
  coastAccel?: number;
  /**
   * Consecutive counted misses that also switch a coasting track to the manoeuvre level (default 0
   * = off: on japan-1999, 3 cut GOSPA by 10 % but raised RV/stage swaps, purity 0.91 → 0.88).
   */
  manoeuvreMisses?: number;
  /** Tail probability of the averaged-NIS manoeuvre test (default 0.999; file header). */
  nisProbability?: number;
  /**
   * Smallest ballistic coefficient m/(Cd·A) the drag allowance in the process noise covers,
   * kg/m² (default 1000: a tumbling spent stage; RVs are 10⁴–10⁵; 0 = no allowance). File header.
   */
  dragBeta?: number;
  /** Whether a new track starts at the manoeuvre level (default true). */
  startManoeuvring?: boolean;
  /** Consecutive evidences before the younger of two agreeing tracks is pruned (default 8; 0 = off). */
  duplicateScans?: number;
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
  /** Counted scans since initiation (initiation counts as 1) and hits among them. */
  scans = 1;
  hits = 1;
  /** Consecutive counted misses (any sensor) since the last update. */
  misses = 0;
  /**
   * Per sensor index (Tracker order of first appearance): −1 when the sensor does not hold the
   * track, else its consecutive misses on it (file header rule 8).
   */
  sensorMiss: Int16Array;
  /** Number of sensors holding the track. */
  held = 1;
  /** True while the track predicts with the manoeuvre process-noise level. */
  manoeuvre = false;
  /** Fading-memory average of the normalised innovations d² (file header). */
  nisAvg = 0;
  /** Last specific-force residual of the type hint, m/s² (NaN before the first window). */
  specificForce = NaN;
  /** Initiation time, s (the older of two duplicates is kept). */
  readonly birth: number;
  /** The older track this one duplicates, and for how many consecutive evidences (rule 7b). */
  dupOf: Track | null = null;
  dupCount = 0;
  /** Set when the track is pruned as a duplicate; removed at the end of the scan. */
  dropped = false;
  /** Time of the last update, s. */
  lastUpdate: number;
  /** Number of updates (including the initiating detection). */
  updates = 1;
  kind: TrackKind = 'unknown';
  /** Velocity and time of the last type-hint reference point. */
  readonly vRef = new Float64Array(3);
  readonly rRef = new Float64Array(3);
  tRef = NaN;
  constructor(dim: number, t: number, nSensors = 4) {
    this.state = new GaussianState(dim, t);
    this.birth = t;
    this.lastUpdate = t;
    this.sensorMiss = new Int16Array(Math.max(4, nSensors)).fill(-1);
  }
}

/**
 * Upper P-quantile of the fading-memory NIS ε̄ = Σ αᵏ d²ₖ of a consistent filter with n_z-dim
 * innovations: mean m = n_z/(1 − α), variance v = 2n_z/(1 − α²); approximated by c·χ²_ν with the
 * same two moments (Satterthwaite, Biometrics Bulletin 2(6), 1946): c = v/(2m), ν = 2m²/v.
 * α = 0.8, n_z = 3: c = 0.556, ν = 27, threshold 26.1 at P = 0.99 and 30.8 at P = 0.999.
 */
export function nisThresholdFor(p: number, nz: number, alpha: number): number {
  const m = nz / (1 - alpha), v = (2 * nz) / (1 - alpha * alpha);
  const c = v / (2 * m), nu = (2 * m * m) / v;
  return c * chi2Quantile(p, nu);
}

/** Drag allowance: ignored above 120 km (ρ < 3e-8 kg/m³) and so beyond this geocentric radius, m (equatorial a + 120 km). */
const DRAG_CEILING_M = 120_000;
const DRAG_RADIUS2 = (WGS84.a + DRAG_CEILING_M) * (WGS84.a + DRAG_CEILING_M);

/** Fading-memory factor α of the averaged NIS (Bar-Shalom et al. 2001, §11.2: window ≈ 1/(1 − α) = 5 updates). */
const NIS_ALPHA = 0.8;

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
  readonly maxSpeed: number;
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
  /** Duplicate pruning (rule 7b): χ²₆(0.99), consecutive evidences needed, scratch. */
  private readonly dupGate = chi2Quantile(0.99, 6);
  readonly dupScans: number;
  readonly startManoeuvring: boolean;
  readonly manoeuvreMisses: number;
  private readonly dupD = new Float64Array(6);
  private readonly dupW = new Float64Array(6);
  private readonly dupS = new Float64Array(36);
  private readonly dupL = new Float64Array(36);
  /** Time of the last batch of rows and its first index in `rows`. */
  private rowsTime = NaN;
  private rowsStart = 0;
  readonly manoeuvreQ: number;
  readonly coastAccel: number;
  /** The motion model's own q (the coast level), m²/s³; 0 when adaptation is off. */
  private readonly qModel: number;
  readonly dragBeta: number;
  /** Threshold on the averaged NIS (nisThresholdFor). */
  private readonly nisThreshold: number;
  /** Sensor id → index into Track.sensorMiss, in order of first appearance. */
  private readonly sensorIndex = new Map<string, number>();

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
    this.maxSpeed = opts.maxSpeed ?? 5000;
    this.recordRows = opts.recordRows ?? true;
    this.tmpX = new Float64Array(this.filter.dim);
    const motion = opts.motion ?? 'ballistic';
    const qModel = (this.filter.motion as { q?: number }).q;
    const qm = opts.manoeuvreQ ?? (opts.filterInstance || motion !== 'ballistic' ? 0 : 2500);
    this.manoeuvreQ = qm > 0 && qModel !== undefined && qModel > 0 && qm > qModel ? qm : 0;
    this.qModel = this.manoeuvreQ > 0 ? (qModel as number) : 0;
    this.dragBeta = opts.dragBeta ?? 1000;
    this.coastAccel = opts.coastAccel ?? 15;
    this.dupScans = opts.duplicateScans ?? 8;
    this.startManoeuvring = opts.startManoeuvring ?? true;
    this.manoeuvreMisses = opts.manoeuvreMisses ?? 0;
    this.nisThreshold = nisThresholdFor(opts.nisProbability ?? 0.999, 3, NIS_ALPHA);
  }

  /**
   * Process-noise density (m²/s³) the track predicts with: the level's q, raised inside the
   * atmosphere to cover the drag the 6-state ballistic model leaves out, q_d = a_d²·(1 s) with
   * a_d = ρ(h)·|v|²/(2 β_min) (USSA76 ρ; β_min = `dragBeta`; the CWNA rule of Bar-Shalom et al.
   * §6.2.2 as for the manoeuvre level). 0 when adaptation is off.
   */
  private effectiveQ(tr: Track): number {
    if (this.manoeuvreQ === 0) return 0;
    let q = tr.manoeuvre ? this.manoeuvreQ : this.qModel;
    if (this.dragBeta > 0) {
      const x = tr.state.x;
      const r2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
      if (r2 < DRAG_RADIUS2) {
        const h = geodeticAltitude(x);
        if (h < DRAG_CEILING_M) {
          const v2 = x[3] * x[3] + x[4] * x[4] + x[5] * x[5];
          const a = (density(h > -4999 ? h : -4999) * v2) / (2 * this.dragBeta);
          if (a * a > q) q = a * a;
        }
      }
    }
    return q;
  }

  /** Sets the filter's Q multiplier for this track's process-noise level. */
  private level(tr: Track): void {
    if (this.manoeuvreQ > 0) this.filter.qScale = this.effectiveQ(tr) / this.qModel;
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
    let si = this.sensorIndex.get(scan.sensor);
    if (si === undefined) this.sensorIndex.set(scan.sensor, (si = this.sensorIndex.size));
    const covers = scan.covers;
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
      // Margin: the coarse extrapolation's neglect of J2/rotating-frame terms (10·dt²) and the
      // process noise the prediction adds, √γ·√(q·|dt|³) (q at the track's level, ≥ 1e4/γ).
      const qEff = this.effectiveQ(tr);
      const margin = 100 + 10 * dt * dt + Math.sqrt(Math.max(1e4, this.gate * qEff) * Math.abs(dt) ** 3);
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
        if (tr.updates === 1) {
          // Speed gate of the second point (rule 6): |Δr| ≤ v_max·dt + √γ·(σ_init + σ_det).
          const ex = detPos[3 * j] - x[0], ey = detPos[3 * j + 1] - x[1], ez = detPos[3 * j + 2] - x[2];
          const sl = this.maxSpeed * Math.abs(dt) + sqrtGate * (Math.sqrt(trPos) + detRad[j]);
          if (ex * ex + ey * ey + ez * ez > sl * sl) continue;
        }
        if (!predicted) {
          this.level(tr);
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
      const j = this.trackDet[i];
      if (j >= 0) {
        this.level(tr);
        f.predict(tr.state, t);
        const d2 = f.update(tr.state, z, 3 * j, sg, 3 * j, site);
        used[j] = 1;
        tr.scans++;
        tr.hits++;
        tr.updates++;
        tr.misses = 0;
        tr.lastUpdate = t;
        this.hold(tr, si);
        this.typeHint(tr);
        if (this.manoeuvreQ > 0) this.switchLevel(tr, d2);
      } else if (si < tr.sensorMiss.length && tr.sensorMiss[si] >= 0 && (covers === undefined || this.coversTrack(covers, tr, t))) {
        tr.scans++;
        tr.misses++;
        if (this.manoeuvreMisses > 0 && this.manoeuvreQ > 0 && !tr.manoeuvre && tr.misses >= this.manoeuvreMisses) this.raiseLevel(tr);
        if (++tr.sensorMiss[si] >= this.maxMisses) {
          tr.sensorMiss[si] = -1;
          tr.held--;
        }
      }
    }
    // 6. Initiate from the unassigned detections.
    for (let j = 0; j < n; j++) {
      if (!used[j]) this.initiate(t, z, sg, 3 * j, site, si);
    }
    // 7b. Duplicate pruning.
    if (this.dupScans > 0) this.pruneDuplicates(np, nt, n);
    // 7–8. Confirm and delete.
    let w = 0;
    for (let i = 0; i < tracks.length; i++) {
      const tr = tracks[i];
      if (!tr.confirmed) {
        if (tr.hits >= this.confirmM && tr.scans <= this.confirmN) {
          tr.confirmed = true;
          tr.id = this.nextId++;
          this.confirmedTotal++;
        } else if (tr.hits + Math.max(0, this.confirmN - tr.scans) < this.confirmM || tr.held === 0) {
          continue; // cannot reach M in N any more
        }
      }
      if (tr.dropped || (tr.confirmed && this.shouldDelete(tr, t))) continue;
      tracks[w++] = tr;
    }
    tracks.length = w;
    // 9. Rows. Several scans at one time (radars scanning in step) give one row per track at that
    // time, from the last of them: the previous batch at the same time is replaced.
    if (this.recordRows) {
      if (t === this.rowsTime) this.rows.length = this.rowsStart;
      else {
        this.rowsTime = t;
        this.rowsStart = this.rows.length;
      }
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

  /**
   * Rule 7b: prunes a confirmed track that duplicates an older one. For each pair of confirmed
   * tracks (A, B) where B gated the detection that updated A in this scan: when B was updated
   * too (two detections: two objects) the pair's evidence is reset; else
   * when their states agree by the track-to-track test d² = Δᵀ(P_i + P_j)⁻¹Δ ≤ χ²₆(0.99) = 16.8
   * on the 6-D state (the test of the hypothesis that two tracks are of one target, Y. Bar-Shalom,
   * "On the track-to-track correlation problem", IEEE Trans. Automatic Control 26(2), 1981, here
   * without the cross-covariance, which makes it accept more readily), the younger one gains one
   * evidence; after `dupScans`
   * consecutive evidences it is dropped. Two tracks sharing one target's detections take turns
   * and agree; an RV and its spent stage give two detections in most scans and reset the count.
   */
  private pruneDuplicates(np: number, nt: number, n: number): void {
    const tracks = this.tracks, gate6 = this.dupGate, trackDet = this.trackDet;
    const D = this.dupD, S = this.dupS, L = this.dupL, W = this.dupW;
    // Detection → the track it updated (colOf is free again after the assignment).
    const detTrack = this.colOf;
    for (let j = 0; j < n; j++) detTrack[j] = -1;
    for (let i = 0; i < nt; i++) if (trackDet[i] >= 0) detTrack[trackDet[i]] = i;
    for (let k = 0; k < np; k++) {
      const a = detTrack[this.pairD[k]], b = this.pairT[k];
      if (a < 0 || a === b) continue;
      // Track B gated the detection that updated track A.
      const A = tracks[a], B = tracks[b];
      if (!A.confirmed || !B.confirmed || A.dropped || B.dropped) continue;
      const older = A.birth < B.birth || (A.birth === B.birth && A.id < B.id) ? A : B;
      const younger = older === A ? B : A;
      if (trackDet[b] >= 0) {
        if (younger.dupOf === older) younger.dupCount = 0; // both updated: two objects
        continue;
      }
      // Both were predicted to the scan time by the gating: Δ = x_A − x_B at t.
      const xa = A.state.x, Pa = A.state.P, na = A.state.dim;
      const xb = B.state.x, Pb = B.state.P, nb = B.state.dim;
      for (let i = 0; i < 6; i++) D[i] = xa[i] - xb[i];
      if (D[0] * D[0] + D[1] * D[1] + D[2] * D[2] > 9e6) continue; // > 3 km: not a duplicate
      for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) S[i * 6 + j] = Pa[i * na + j] + Pb[i * nb + j];
      let d2 = Infinity;
      if (cholesky(L, S, 6)) {
        d2 = 0;
        for (let i = 0; i < 6; i++) {
          let v = D[i];
          for (let m = 0; m < i; m++) v -= L[i * 6 + m] * W[m];
          W[i] = v / L[i * 6 + i];
          d2 += W[i] * W[i];
        }
      }
      if (d2 <= gate6) {
        if (younger.dupOf !== older) {
          younger.dupOf = older;
          younger.dupCount = 0;
        }
        if (++younger.dupCount >= this.dupScans) younger.dropped = true;
      } else if (younger.dupOf === older) {
        younger.dupCount = 0;
      }
    }
    for (let j = 0; j < n; j++) detTrack[j] = -1;
  }

  /** Marks sensor `si` as holding the track with no misses (grows the per-sensor array if needed). */
  private hold(tr: Track, si: number): void {
    if (si >= tr.sensorMiss.length) {
      const a = new Int16Array(Math.max(si + 1, 2 * tr.sensorMiss.length)).fill(-1);
      a.set(tr.sensorMiss);
      tr.sensorMiss = a;
    }
    if (tr.sensorMiss[si] < 0) tr.held++;
    tr.sensorMiss[si] = 0;
  }

  /** out (3) = the track's position extrapolated to t by the coarse-gate formula x + v·dt − ½·9.8·r̂·dt². */
  private extrapolate(tr: Track, t: number, p: Float64Array): Float64Array {
    const x = tr.state.x, dt = t - tr.state.t;
    const r = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    const gdt = (-0.5 * 9.8 * dt * dt) / r;
    p[0] = x[0] + x[3] * dt + gdt * x[0];
    p[1] = x[1] + x[4] * dt + gdt * x[1];
    p[2] = x[2] + x[5] * dt + gdt * x[2];
    return p;
  }

  /** Whether the scan's coverage contains the track's extrapolated position at t. */
  private coversTrack(covers: (ecef: ArrayLike<number>) => boolean, tr: Track, t: number): boolean {
    return covers(this.extrapolate(tr, t, this.tmp3));
  }

  /**
   * Process-noise level decision after an update with normalised innovation d² (file header):
   * up on a large averaged NIS, down when a type-hint window shows no unmodelled acceleration.
   */
  private switchLevel(tr: Track, d2: number): void {
    if (Number.isFinite(d2)) tr.nisAvg = NIS_ALPHA * tr.nisAvg + d2;
    if (!tr.manoeuvre) {
      if (tr.nisAvg > this.nisThreshold) this.raiseLevel(tr);
    } else if (tr.tRef === tr.state.t && tr.specificForce < this.coastAccel) {
      // typeHint has just closed a window (it moves tRef to now) with a small residual.
      tr.manoeuvre = false;
      tr.nisAvg = 0;
    }
  }

  /** Switches a track to the manoeuvre level. */
  private raiseLevel(tr: Track): void {
    tr.manoeuvre = true;
    tr.specificForce = NaN;
    this.setRef(tr); // the next coast decision uses a window flown wholly at the manoeuvre level
  }

  private initiate(t: number, z: ArrayLike<number>, sg: ArrayLike<number>, off: number, site: Site, si: number): void {
    const dim = this.filter.dim;
    const tr = new Track(dim, t, this.sensorIndex.size);
    tr.sensorMiss[si] = 0;
    tr.manoeuvre = this.manoeuvreQ > 0 && this.startManoeuvring;
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

  /**
   * Rule 8 at scan time t. A coasting track is not predicted by scans it has no candidates in, so
   * its σ and altitude are taken at t without a filter step: σ bounded by
   * σ_p + σ_v·dt + √(q·dt³/3) (largest diagonal position and velocity σ, q at the track's level)
   * and the coarse-gate extrapolation of its position.
   */
  private shouldDelete(tr: Track, t: number): boolean {
    if (tr.held === 0) return true;
    const P = tr.state.P, d = tr.state.dim;
    const dt = t - tr.state.t;
    let sig = Math.sqrt(Math.max(P[0], P[d + 1], P[2 * d + 2]));
    if (dt > 0) {
      const q = this.manoeuvreQ > 0 ? this.effectiveQ(tr) : ((this.filter.motion as { q?: number }).q ?? 0);
      sig += Math.sqrt(Math.max(P[3 * d + 3], P[4 * d + 4], P[5 * d + 5])) * dt + Math.sqrt((q * dt * dt * dt) / 3);
    }
    if (sig > this.maxPositionSigma) return true;
    return geodeticAltitude(dt > 0 ? this.extrapolate(tr, t, this.tmp3) : tr.state.x) < -1000;
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
    tr.specificForce = sf;
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
