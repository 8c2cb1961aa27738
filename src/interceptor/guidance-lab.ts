/**
 * The guidance lab: the canonical linearised planar homing loop of
 * P. Zarchan, "Tactical and Strategic Missile Guidance", AIAA Progress in Astronautics and
 * Aeronautics (6th ed. 2012, 7th ed. 2019): ch. 2 (the linearised engagement and proportional
 * navigation), ch. 3 (the method of adjoints; Listing 3.1 is the adjoint of exactly this single
 * time constant loop), ch. 4/6 (normalised miss-distance curves) and ch. 8 (augmented PN).
 *
 * Loop (all SI, a single plane, small angles, constant closing speed Vc):
 *
 *   y   relative separation target − missile, normal to the initial line of sight   [m]
 *   ẏ   its rate                                                                       [m/s]
 *   nL  achieved missile acceleration                                                  [m/s²]
 *   t_go = TF − t,   λ = y / (Vc t_go),   λ̇ = (y + ẏ t_go) / (Vc t_go²)
 *   PN:  nc = N' Vc λ̇                  APN: nc = N' Vc λ̇ + N' nT / 2
 *   ÿ = nT − nL,   single lag: ṅL = (nc − nL)/T,   zero lag: nL = nc
 *   y(0) = 0,  ẏ(0) = −VM·HE,  nL(0) = 0;   miss = y(TF) (signed, as in the book)
 *
 * Note N' Vc λ̇ = N'·ZEM/t_go² with ZEM = y + ẏ t_go: Vc cancels out of the linear loop, it only
 * scales λ̇ (it stays an input because the book's loop is drawn with it).
 *
 * The singularity at t_go = 0. Zarchan's listings stop a tiny step before TF (t_go offset by
 * 1e-5 s) with a second-order Runge–Kutta step of 0.01 s; the miss then has an O(h) step
 * artefact because, with a lag and a nonzero miss m, nc ≈ N' m / t_go² and nL ≈ N' m / (T t_go)
 * near the end. Here instead:
 *  - the uniform grid t_k = k·h (h = TF/n) carries the samples (history, peak |nc|);
 *  - each grid interval is integrated with classical RK4 in substeps no longer than q·t_go
 *    (q = 0.05), so the step stays small against the 1/t_go, 1/t_go² coefficients;
 *  - the last interval [TF − h, TF] is integrated on a geometric mesh t_go → (1 − q)·t_go down to
 *    t_go = 1e-9·h; there the state is regular in ln t_go (ZEM, t_go·nL), and the miss is the
 *    zero-effort miss y + ẏ·t_go at that point. What is left out is O(N'·|m|·t_go/T) ≈ 1e-12 |m|.
 * The result converges as h → 0 (test/interceptor/guidance-lab.test.ts shows it, and
 * test/validation/zarchan-*.test.ts compares it with the closed forms). Nothing is evaluated at
 * t_go = 0.
 */

/** Standard acceleration of gravity g0 = 9.80665 m/s² exactly (3rd CGPM, 1901; BIPM SI Brochure, 9th ed. 2019). */
export const G0_MPS2 = 9.80665;

export interface LabInput {
  law: 'pn' | 'apn';
  /** Effective navigation ratio N' (> 0). */
  navRatio: number;
  /** Flight-control time constant T, s (> 0 when lag = 'single'; ignored when lag = 'zero'). */
  timeConstant_s: number;
  /** Flight time TF, s (> 0). */
  flightTime_s: number;
  /** Closing speed Vc, m/s (> 0). */
  closingSpeed_mps: number;
  /** Missile speed VM, m/s (> 0); sets the initial ẏ = −VM·HE. */
  missileSpeed_mps: number;
  /** Heading error HE, rad. */
  headingError_rad: number;
  /** Target step acceleration nT normal to the line of sight, m/s², applied from t = 0. */
  targetAccel_mps2: number;
  lag: 'single' | 'zero';
}

export interface LabOptions {
  /** Uniform grid step h, s (keep h ≲ T/10: RK4 on the lag). Default min(T, TF)/1000 (TF/1000 for zero lag). */
  step_s?: number;
  /** Record t, y, nc at the grid points t_k = k·h (k = 0..n). */
  history?: boolean;
}

export interface LabHistory {
  /** Time, s (n + 1 points, the last is TF). */
  t: Float64Array;
  /** Relative separation y, m (the last point is the miss). */
  y: Float64Array;
  /** Commanded acceleration nc, m/s²; NaN at t = TF where the PN command is undefined. */
  nc: Float64Array;
}

export interface LabResult {
  /** Miss distance y(TF), m, signed. */
  miss_m: number;
  /**
   * Largest |nc| over the grid points t_k, k = 0..n−1 (t_go ≥ h), m/s². With a lag and a nonzero
   * miss, nc grows like N'·miss/t_go² as t_go → 0 (a real missile saturates), so this figure then
   * depends on h; with zero lag it converges to the supremum of |nc| on [0, TF).
   */
  peakAccel_mps2: number;
  /**
   * Largest |nc| over the grid points with t_go ≥ T (the last flight-control time constant left
   * out; with zero lag the same as peakAccel_mps2), m/s². Does not depend on h in the limit, and
   * is what a lagged loop asks of the airframe before the terminal divergence.
   */
  peakAccelBeforeLastTau_mps2: number;
  history?: LabHistory;
}

/** Ratio of the substep to the time to go near intercept (see the module comment). */
const Q = 0.05;
/** The final geometric mesh stops at t_go = TAIL_END·h. */
const TAIL_END = 1e-9;

// Loop parameters of the run in progress (the lab is not re-entrant; nothing in it recurses).
let pN = 3;
let pT = 1;
let pNT = 0;
let pApn = 0;
let pLag = true;

// Integrator scratch, made once.
const xs = new Float64Array(3);
const k1 = new Float64Array(3);
const k2 = new Float64Array(3);
const k3 = new Float64Array(3);
const k4 = new Float64Array(3);
const tmp = new Float64Array(3);

/** Commanded acceleration at time to go tau for state x = [y, ẏ, nL]. */
function command(tau: number, x: Float64Array): number {
  return (pN * (x[0] + x[1] * tau)) / (tau * tau) + pApn;
}

/** dx/dt at time to go tau. */
function deriv(tau: number, x: Float64Array, dx: Float64Array): void {
  const nc = command(tau, x);
  dx[0] = x[1];
  if (pLag) {
    dx[1] = pNT - x[2];
    dx[2] = (nc - x[2]) / pT;
  } else {
    dx[1] = pNT - nc;
    dx[2] = 0;
  }
}

/** One classical RK4 step of length dt (forward in t) from time to go tau; x updated in place. */
function rk4Step(tau: number, x: Float64Array, dt: number): void {
  const h2 = 0.5 * dt;
  deriv(tau, x, k1);
  for (let i = 0; i < 3; i++) tmp[i] = x[i] + h2 * k1[i];
  deriv(tau - h2, tmp, k2);
  for (let i = 0; i < 3; i++) tmp[i] = x[i] + h2 * k2[i];
  deriv(tau - h2, tmp, k3);
  for (let i = 0; i < 3; i++) tmp[i] = x[i] + dt * k3[i];
  deriv(tau - dt, tmp, k4);
  const h6 = dt / 6;
  for (let i = 0; i < 3; i++) x[i] += h6 * (k1[i] + 2 * (k2[i] + k3[i]) + k4[i]);
}

function checkInput(inp: LabInput): void {
  const bad = (what: string, v: number): never => {
    throw new RangeError(`runGuidanceLab: ${what} must be a finite number > 0, got ${v}`);
  };
  if (!(inp.navRatio > 0) || !Number.isFinite(inp.navRatio)) bad('navRatio', inp.navRatio);
  if (!(inp.flightTime_s > 0) || !Number.isFinite(inp.flightTime_s)) bad('flightTime_s', inp.flightTime_s);
  if (!(inp.closingSpeed_mps > 0) || !Number.isFinite(inp.closingSpeed_mps)) bad('closingSpeed_mps', inp.closingSpeed_mps);
  if (!(inp.missileSpeed_mps > 0) || !Number.isFinite(inp.missileSpeed_mps)) bad('missileSpeed_mps', inp.missileSpeed_mps);
  if (inp.lag === 'single' && (!(inp.timeConstant_s > 0) || !Number.isFinite(inp.timeConstant_s))) bad('timeConstant_s', inp.timeConstant_s);
  if (!Number.isFinite(inp.headingError_rad)) throw new RangeError(`runGuidanceLab: headingError_rad must be finite, got ${inp.headingError_rad}`);
  if (!Number.isFinite(inp.targetAccel_mps2)) throw new RangeError(`runGuidanceLab: targetAccel_mps2 must be finite, got ${inp.targetAccel_mps2}`);
}

/**
 * The default grid step for an input, s: min(T, TF)/1000 (TF/1000 for zero lag). A run takes
 * TF/h grid steps, i.e. 1000·TF/T with a lag; callers facing user input should bound TF/T.
 */
export function defaultLabStep(inp: LabInput): number {
  return (inp.lag === 'single' ? Math.min(inp.timeConstant_s, inp.flightTime_s) : inp.flightTime_s) / 1000;
}

/**
 * Runs the linearised planar homing loop (module comment; Zarchan ch. 2–3) from t = 0 to TF and
 * returns the signed miss y(TF) (m) and the peak |commanded acceleration| (m/s²) over the grid,
 * optionally the history at the grid points. Allocation-free per step (the history arrays are
 * made once per call).
 */
export function runGuidanceLab(inp: LabInput, opts: LabOptions = {}): LabResult {
  checkInput(inp);
  const TF = inp.flightTime_s;
  let h = opts.step_s ?? defaultLabStep(inp);
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`runGuidanceLab: step_s must be a finite number > 0, got ${h}`);
  const n = Math.max(1, Math.ceil(TF / h - 1e-9));
  h = TF / n;

  pN = inp.navRatio;
  pLag = inp.lag === 'single';
  pT = pLag ? inp.timeConstant_s : 1;
  pNT = inp.targetAccel_mps2;
  pApn = inp.law === 'apn' ? 0.5 * inp.navRatio * inp.targetAccel_mps2 : 0;

  const x = xs;
  x[0] = 0;
  x[1] = -inp.missileSpeed_mps * inp.headingError_rad;
  x[2] = 0;

  const hist = opts.history
    ? { t: new Float64Array(n + 1), y: new Float64Array(n + 1), nc: new Float64Array(n + 1) }
    : undefined;

  let peak = 0;
  let peakEarly = 0;
  const tauEarly = pLag ? pT : 0;
  // Grid intervals k = 0..n−2 end at t_go = (n − 1 − k)·h ≥ h.
  for (let k = 0; k < n - 1; k++) {
    const tau = (n - k) * h;
    const nc = command(tau, x);
    const a = Math.abs(nc);
    if (a > peak) peak = a;
    if (a > peakEarly && tau >= tauEarly) peakEarly = a;
    if (hist) {
      hist.t[k] = k * h;
      hist.y[k] = x[0];
      hist.nc[k] = nc;
    }
    // Substeps no longer than Q·(t_go at the end of the interval).
    const j = n - 1 - k;
    const m = j * Q >= 1 ? 1 : Math.ceil(1 / (j * Q));
    const dt = h / m;
    for (let i = 0; i < m; i++) rk4Step(tau - i * dt, x, dt);
  }
  // Last grid point t = TF − h.
  {
    const nc = command(h, x);
    const a = Math.abs(nc);
    if (a > peak) peak = a;
    if (a > peakEarly && h >= tauEarly) peakEarly = a;
    if (hist) {
      hist.t[n - 1] = (n - 1) * h;
      hist.y[n - 1] = x[0];
      hist.nc[n - 1] = nc;
    }
  }
  // Final interval: geometric mesh in t_go from h down to TAIL_END·h.
  let tau = h;
  const tauEnd = TAIL_END * h;
  while (tau > tauEnd) {
    const dt = Q * tau;
    rk4Step(tau, x, dt);
    tau -= dt;
  }
  const miss = x[0] + x[1] * tau;
  if (hist) {
    hist.t[n] = TF;
    hist.y[n] = miss;
    hist.nc[n] = NaN;
  }
  const res: LabResult = { miss_m: miss, peakAccel_mps2: peak, peakAccelBeforeLastTau_mps2: peakEarly };
  if (hist) res.history = hist;
  return res;
}

export interface AdjointOptions {
  /** Integration step in adjoint time (time to go), s. Default as `defaultLabStep` for the largest flight time. */
  step_s?: number;
  /** Number of flight-time samples on [0, TFmax] (≥ 2, default 201). */
  samples?: number;
}

export interface AdjointResult {
  /** Flight times, s, from 0 to the input's flightTime_s, evenly spaced. */
  flightTime_s: Float64Array;
  /** Miss due to the heading error alone at each flight time, m (signed). */
  missHeadingError_m: Float64Array;
  /** Miss due to the target step acceleration alone at each flight time, m (signed). */
  missTargetAccel_m: Float64Array;
  /** Total miss at each flight time, m (signed; the loop is linear, so it is the sum). */
  miss_m: Float64Array;
}

// Adjoint scratch: p = [p1, p2, p3, J] (J = ∫ bᵀp dσ).
const ps = new Float64Array(4);
const a1 = new Float64Array(4);
const a2 = new Float64Array(4);
const a3 = new Float64Array(4);
const a4 = new Float64Array(4);
const atmp = new Float64Array(4);
let pB3 = 0; // APN input weight on the lag state: N'/(2T)

/**
 * Adjoint right-hand side in adjoint time σ (= time to go of the forward loop):
 * dp/dσ = Aᵀ(σ) p, dJ/dσ = bᵀ p, with the forward single-lag loop ẋ = A(t_go) x + b nT,
 * x = [y, ẏ, nL]:
 *   A = [[0, 1, 0], [0, 0, −1], [N'/(T t_go²), N'/(T t_go), −1/T]],  b = [0, 1, N'/(2T) (APN) | 0 (PN)].
 */
function adjDeriv(sig: number, p: Float64Array, dp: Float64Array): void {
  const a31 = pN / (pT * sig * sig);
  const a32 = pN / (pT * sig);
  dp[0] = a31 * p[2];
  dp[1] = p[0] + a32 * p[2];
  dp[2] = -p[1] - p[2] / pT;
  dp[3] = p[1] + pB3 * p[2];
}

function adjStep(sig: number, p: Float64Array, ds: number): void {
  const h2 = 0.5 * ds;
  adjDeriv(sig, p, a1);
  for (let i = 0; i < 4; i++) atmp[i] = p[i] + h2 * a1[i];
  adjDeriv(sig + h2, atmp, a2);
  for (let i = 0; i < 4; i++) atmp[i] = p[i] + h2 * a2[i];
  adjDeriv(sig + h2, atmp, a3);
  for (let i = 0; i < 4; i++) atmp[i] = p[i] + ds * a3[i];
  adjDeriv(sig + ds, atmp, a4);
  const h6 = ds / 6;
  for (let i = 0; i < 4; i++) p[i] += h6 * (a1[i] + 2 * (a2[i] + a3[i]) + a4[i]);
}

/**
 * Miss distance versus flight time for every flight time in [0, TFmax] (TFmax = inp.flightTime_s)
 * from ONE backward run: the method of adjoints (Zarchan ch. 3; Listing 3.1 is this loop).
 *
 * For ẋ = A(t_go) x + b nT and miss = eᵀ x(TF) with e = [1, 0, 0], the adjoint p(σ) solves
 * dp/dσ = Aᵀ(σ) p, p(0) = e, in σ = time to go; then for any flight time TF
 *   miss(TF) = p(TF)ᵀ x(0) + nT ∫₀^TF bᵀ p(σ) dσ = −VM·HE·p₂(TF) + nT·J(TF).
 * The coefficients are singular at σ = 0; p is regular there (p₂ = σ p₁ exactly,
 * p₁ = 1 − N'σ/(2T) + O(σ²), p₃ = −σ²/2 + O(σ³)), so the run starts at σ₀ = 1e-9·h from that series
 * (the book starts at σ = 1e-5 s from p = e) and steps on a geometric mesh σ → (1 + q)σ up to h,
 * then on the uniform grid with substeps ≤ q·σ (q = 0.05), classical RK4.
 *
 * Zero lag: the adjoint has no regular solution with p(0) = e (its impulse response is
 * concentrated at σ = 0): for every N' > 0 the zero-lag loop drives ZEM = y + ẏ t_go to zero like
 * (t_go/TF)^N' (Zarchan ch. 2), so the miss is exactly 0 for every flight time; the arrays are zeros.
 */
export function adjointMiss(inp: LabInput, opts: AdjointOptions = {}): AdjointResult {
  checkInput(inp);
  const TFmax = inp.flightTime_s;
  const samples = opts.samples ?? 201;
  if (!Number.isInteger(samples) || samples < 2) throw new RangeError(`adjointMiss: samples must be an integer ≥ 2, got ${samples}`);
  const out: AdjointResult = {
    flightTime_s: new Float64Array(samples),
    missHeadingError_m: new Float64Array(samples),
    missTargetAccel_m: new Float64Array(samples),
    miss_m: new Float64Array(samples),
  };
  const dTF = TFmax / (samples - 1);
  for (let i = 0; i < samples; i++) out.flightTime_s[i] = i * dTF;
  if (inp.lag === 'zero') return out;

  // Uniform grid: a whole number of steps per output interval.
  let h = opts.step_s ?? defaultLabStep(inp);
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`adjointMiss: step_s must be a finite number > 0, got ${h}`);
  const per = Math.max(1, Math.ceil(dTF / h - 1e-9));
  h = dTF / per;

  pN = inp.navRatio;
  pT = inp.timeConstant_s;
  pB3 = inp.law === 'apn' ? (0.5 * inp.navRatio) / inp.timeConstant_s : 0;
  const hePart = -inp.missileSpeed_mps * inp.headingError_rad;
  const nT = inp.targetAccel_mps2;

  const p = ps;
  const s0 = TAIL_END * h;
  p[0] = 1 - (pN * s0) / (2 * pT);
  p[1] = s0 * p[0];
  p[2] = -0.5 * s0 * s0;
  p[3] = 0.5 * s0 * s0;
  // Geometric mesh from σ₀ up to h.
  let sig = s0;
  while (sig < h) {
    const ds = Math.min(Q * sig, h - sig);
    adjStep(sig, p, ds);
    sig += ds;
    if (h - sig < 1e-12 * h) sig = h;
  }
  // Uniform grid σ_k = k·h, k = 1..(samples − 1)·per.
  const nSteps = (samples - 1) * per;
  for (let k = 1; k <= nSteps; k++) {
    if (k % per === 0) {
      const i = k / per;
      out.missHeadingError_m[i] = hePart * p[1];
      out.missTargetAccel_m[i] = nT * p[3];
      out.miss_m[i] = out.missHeadingError_m[i] + out.missTargetAccel_m[i];
    }
    if (k === nSteps) break;
    const m = k * Q >= 1 ? 1 : Math.ceil(1 / (k * Q));
    const ds = h / m;
    const s = k * h;
    for (let i = 0; i < m; i++) adjStep(s + i * ds, p, ds);
  }
  return out;
}
