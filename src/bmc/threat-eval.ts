/**
 * Threat evaluation: the probability that a threat's impact falls inside each defended asset,
 * the expected value at risk, and a deterministic priority order of threats.
 *
 * Impact model. The predicted impact point (PIP, src/track `ImpactPredictor`) is a 2-D Gaussian
 * in the east–north tangent plane at its mean: mean 0, covariance Σ (m², row-major 2×2). The
 * assets are mapped into that plane by the azimuthal equidistant projection centred at the PIP
 * (distance s and azimuth α of the WGS84 geodesic from the PIP: e = s sin α, n = s cos α;
 * J. P. Snyder, "Map Projections — A Working Manual", USGS Professional Paper 1395, 1987,
 * §25), which keeps a circle's radius a true ground distance; polygon edges are straight in
 * that plane (exact for edges of a few tens of km to well under 0.1 % of their sagitta).
 *
 * Circle of radius R centred at c (|c| = d). In polar coordinates (ρ, φ) about the Gaussian's
 * mean, with a(φ) = vᵀΣ⁻¹v for v = (cos φ, sin φ), the radial integral is closed form:
 *     ∫ ρ exp(−a ρ²/2) dρ from ρ₁ to ρ₂ = (e^{−aρ₁²/2} − e^{−aρ₂²/2}) / a,
 * and the ray meets the circle between ρ₁,₂ = d cos δ ∓ √(R² − d² sin² δ), δ = φ − φ_c. So
 *     P = 1/(2π√det Σ) ∫ (e^{−aρ₁²/2} − e^{−aρ₂²/2}) / a  dφ,
 * a 1-D integral: over [0, 2π) with ρ₁ = 0 when the mean is inside (d < R); otherwise over the
 * cone |δ| ≤ asin(R/d), with the substitution sin δ = (R/d) sin ψ, ψ ∈ [−π/2, π/2] that turns
 * the square-root end behaviour into a smooth integrand (chord half-length R cos ψ). The same
 * reduction of the offset-circle integral to one dimension underlies the Marcum Q-function
 * (J. I. Marcum, "A Statistical Theory of Target Detection by Pulsed Radar", RAND RM-754, 1947;
 * for isotropic Σ, P = 1 − Q₁(d/σ, R/σ)). For a centred circle and Σ = σ²I, P = 1 − e^{−R²/2σ²}.
 *
 * Polygon. In whitened coordinates y = L⁻¹x (Σ = LLᵀ, Cholesky) the density is the standard
 * bivariate normal. The polygon is the signed sum of the triangles (mean, pᵢ, pᵢ₊₁); over one
 * triangle, with h the distance of the mean from the edge's line and φ_n its normal's angle,
 *     ∫∫ = 1/(2π) ∫ (1 − exp(−h² / (2 cos²(φ − φ_n)))) dφ
 * over the directed angle the edge subtends (the decomposition behind Owen's T function:
 * D. B. Owen, "Tables for computing bivariate normal probabilities", Ann. Math. Stat. 27(4),
 * 1956). The magnitude of the sum is P for a simple polygon of either orientation.
 *
 * The 1-D integrals use adaptive Gauss–Kronrod 7–15 quadrature (A. S. Kronrod, "Nodes and
 * Weights of Quadrature Formulas", Consultants Bureau, 1965; nodes and weights as in QUADPACK
 * `qk15`, R. Piessens et al., "QUADPACK", Springer 1983), bisecting until |K15 − G7| ≤ 1e-11 per
 * interval: accurate to far better than 1e-4 (test/bmc/threat-eval.test.ts). Degenerate Σ (a
 * perfect track): the indicator of the mean being inside. No allocation per evaluation besides
 * the geodesic solver's result objects.
 */
import { geodesicInverse } from '../earth/index.js';

const DEG = Math.PI / 180;
const TWO_PI = 2 * Math.PI;
const HALF_PI = 0.5 * Math.PI;

// ---------------------------------------------------------------------------------------------
// Gauss–Kronrod 7–15 (QUADPACK qk15): Kronrod nodes (x = 0 last), their weights, and the
// weights of the 7-point Gauss rule on the odd-indexed nodes 1, 3, 5, 7.

const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0.0,
];
const WGK = [
  0.022935322010529224963732008058970, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [0.129484966168869693270611432679082, 0.279705391489276667901467771423780, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

/** Exposed for the quadrature tests: Kronrod nodes, Kronrod weights, Gauss weights (QUADPACK qk15). */
export const GK15 = Object.freeze({ xgk: Object.freeze(XGK.slice()), wgk: Object.freeze(WGK.slice()), wg: Object.freeze(WG.slice()) });

const QUAD_TOL = 1e-11;
const QUAD_DEPTH = 40;

// Integrand parameters (module scratch; the integrands are plain functions, no closures).
const MODE_CIRCLE_IN = 0, MODE_CIRCLE_OUT = 1, MODE_EDGE = 2;
let mode = 0;
// circle: inverse covariance (ia, ib, ic), d, R, φ_c; edge: h, φ_n
let qIa = 0, qIb = 0, qIc = 0, qD = 0, qR = 0, qPhiC = 0, qH = 0, qPhiN = 0;
// 1/√det Σ: scales the circle integrands to O(1) so the absolute tolerance means the same for any σ
let qScale = 1;

function aOf(phi: number): number {
  const c = Math.cos(phi), s = Math.sin(phi);
  return qIa * c * c + 2 * qIb * c * s + qIc * s * s;
}

function integrand(x: number): number {
  if (mode === MODE_CIRCLE_IN) {
    const dl = x - qPhiC;
    const sd = qD * Math.sin(dl);
    const r2 = qD * Math.cos(dl) + Math.sqrt(Math.max(0, qR * qR - sd * sd));
    const a = aOf(x);
    return (-Math.expm1(-0.5 * a * r2 * r2) / a) * qScale;
  }
  if (mode === MODE_CIRCLE_OUT) {
    // x = ψ; sin δ = (R/d) sin ψ
    const k = qR / qD;
    const s = k * Math.sin(x);
    const cd = Math.sqrt(Math.max(0, 1 - s * s)); // cos δ
    const cpsi = Math.cos(x);
    if (!(cd > 0)) return 0;
    const jac = (k * cpsi) / cd;
    const phi = qPhiC + Math.asin(s);
    const a = aOf(phi);
    const mid = qD * cd;
    const half = qR * cpsi;
    const r1 = mid - half;
    // e^{−aρ₁²/2} − e^{−aρ₂²/2} = e^{−aρ₁²/2}·(1 − e^{−a(ρ₂² − ρ₁²)/2}), ρ₂² − ρ₁² = 4·mid·half
    return ((Math.exp(-0.5 * a * r1 * r1) * -Math.expm1(-2 * a * mid * half) * jac) / a) * qScale;
  }
  // MODE_EDGE: standard normal over the triangle (0, p, q) in whitened coordinates
  const c = Math.cos(x - qPhiN);
  if (!(c > 0)) return 1;
  return -Math.expm1((-0.5 * qH * qH) / (c * c));
}

function gk15(a: number, b: number, err: Float64Array): number {
  const c = 0.5 * (a + b), h = 0.5 * (b - a);
  const f0 = integrand(c);
  let k = WGK[7] * f0;
  let g = WG[3] * f0;
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j];
    const fs = integrand(c - dx) + integrand(c + dx);
    k += WGK[j] * fs;
    if (j & 1) g += WG[j >> 1] * fs;
  }
  err[0] = Math.abs((k - g) * h);
  return k * h;
}

const scratchErr = new Float64Array(1);

function adapt(a: number, b: number, depth: number): number {
  const v = gk15(a, b, scratchErr);
  if (scratchErr[0] <= QUAD_TOL || depth <= 0) return v;
  const m = 0.5 * (a + b);
  return adapt(a, m, depth - 1) + adapt(m, b, depth - 1);
}

/** ∫ integrand over [a, b] by adaptive GK15 starting from `panels` equal panels. */
function integrate(a: number, b: number, panels: number): number {
  let s = 0;
  const w = (b - a) / panels;
  for (let i = 0; i < panels; i++) s += adapt(a + i * w, i === panels - 1 ? b : a + (i + 1) * w, QUAD_DEPTH);
  return s;
}

/**
 * Adaptive Gauss–Kronrod 7–15 integral of f over [a, b] to an absolute tolerance (exposed for
 * tests and other callers that need a small robust quadrature; allocates the closure's frame only).
 */
export function integrateGk15(f: (x: number) => number, a: number, b: number, tol = 1e-10, maxDepth = 30): number {
  const rec = (lo: number, hi: number, depth: number): number => {
    const c = 0.5 * (lo + hi), h = 0.5 * (hi - lo);
    const f0 = f(c);
    let k = WGK[7] * f0, g = WG[3] * f0;
    for (let j = 0; j < 7; j++) {
      const fs = f(c - h * XGK[j]) + f(c + h * XGK[j]);
      k += WGK[j] * fs;
      if (j & 1) g += WG[j >> 1] * fs;
    }
    if (Math.abs((k - g) * h) <= tol || depth <= 0) return k * h;
    return rec(lo, c, depth - 1) + rec(c, hi, depth - 1);
  };
  return rec(a, b, maxDepth);
}

// ---------------------------------------------------------------------------------------------
// Probabilities in the east–north plane

/**
 * P(X ∈ disc) for X ~ N(0, Σ) in the plane: the disc has centre (ce, cn) and radius R (m);
 * cov is row-major 2×2 [σee, σen, σne, σnn] (m²). Module comment for the method. A covariance
 * that is not positive definite gives the indicator of the mean (the origin) being in the disc.
 */
export function circleProbability(ce: number, cn: number, R: number, cov: ArrayLike<number>): number {
  const d = Math.hypot(ce, cn);
  if (!(R > 0)) return 0;
  const see = cov[0], sen = 0.5 * (cov[1] + cov[2]), snn = cov[3];
  const det = see * snn - sen * sen;
  if (!(det > 0) || !(see > 0) || !Number.isFinite(det)) return d <= R ? 1 : 0;
  qIa = snn / det;
  qIb = -sen / det;
  qIc = see / det;
  qD = d;
  qR = R;
  qPhiC = d > 0 ? Math.atan2(cn, ce) : 0;
  qScale = 1 / Math.sqrt(det);
  const norm = 1 / TWO_PI;
  let p: number;
  if (d < R) {
    mode = MODE_CIRCLE_IN;
    p = norm * integrate(qPhiC - Math.PI, qPhiC + Math.PI, 4);
  } else {
    mode = MODE_CIRCLE_OUT;
    p = norm * integrate(-HALF_PI, HALF_PI, 2);
  }
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/**
 * P(X ∈ polygon) for X ~ N(0, Σ): vertices (e_k, n_k) = (xy[2k], xy[2k+1]) (m), k < count, a
 * simple polygon in either orientation (closing edge implied). Module comment for the method.
 * A covariance that is not positive definite gives the indicator of the origin being inside
 * (even–odd rule). Allocation-free.
 */
export function polygonProbability(xy: ArrayLike<number>, count: number, cov: ArrayLike<number>): number {
  const see = cov[0], sen = 0.5 * (cov[1] + cov[2]), snn = cov[3];
  const det = see * snn - sen * sen;
  if (!(det > 0) || !(see > 0) || !Number.isFinite(det)) return pointInPolygon(0, 0, xy, count) ? 1 : 0;
  // Cholesky Σ = L Lᵀ, L = [[l11, 0], [l21, l22]]; whitening y = L⁻¹ x
  const l11 = Math.sqrt(see);
  const l21 = sen / l11;
  const l22 = Math.sqrt(det) / l11;
  mode = MODE_EDGE;
  let total = 0;
  for (let k = 0; k < count; k++) {
    const k2 = k + 1 === count ? 0 : k + 1;
    const px = xy[2 * k] / l11, py = (xy[2 * k + 1] - l21 * px) / l22;
    const qx = xy[2 * k2] / l11, qy = (xy[2 * k2 + 1] - l21 * qx) / l22;
    const cr = px * qy - py * qx;
    const ex = qx - px, ey = qy - py;
    const len = Math.hypot(ex, ey);
    if (!(len > 0)) continue;
    const h = Math.abs(cr) / len;
    if (!(h > 0)) continue; // the mean lies on this edge's line: a degenerate triangle
    const dt = Math.atan2(cr, px * qx + py * qy); // directed angle p → q
    // unit normal of the edge line pointing away from the origin: n ∝ (ey, −ex) or its opposite
    let nx = ey / len, ny = -ex / len;
    if (nx * px + ny * py < 0) {
      nx = -nx;
      ny = -ny;
    }
    qH = h;
    qPhiN = Math.atan2(ny, nx);
    const a0 = Math.atan2(py, px);
    const v = integrate(dt >= 0 ? a0 : a0 + dt, dt >= 0 ? a0 + dt : a0, 1);
    total += dt >= 0 ? v : -v;
  }
  const p = Math.abs(total) / TWO_PI;
  return p > 1 ? 1 : p;
}

/** Even–odd point-in-polygon test (vertices as in `polygonProbability`). */
export function pointInPolygon(x: number, y: number, xy: ArrayLike<number>, count: number): boolean {
  let inside = false;
  for (let i = 0, j = count - 1; i < count; j = i++) {
    const xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// ---------------------------------------------------------------------------------------------
// Assets and threats

/** A defended asset in SI: a circle (centre lat, lon in rad; radius m) or a polygon (vertex lat/lon in rad). */
export type DefendedAsset =
  | { kind: 'circle'; id: string; value: number; lat: number; lon: number; radius: number }
  | { kind: 'polygon'; id: string; value: number; lat: Float64Array; lon: Float64Array };

/** An asset as the scenario file gives it (degrees, km) — structurally the scenario's `Asset`. */
export interface AssetInput {
  id: string;
  value: number;
  lat_deg?: number;
  lon_deg?: number;
  radius_km?: number;
  polygon?: [number, number][];
}

/**
 * Converts scenario assets (degrees, km) to SI `DefendedAsset`s. A repeated closing vertex of a
 * polygon is dropped. Throws RangeError (a caller bug: the scenario schema guarantees the form)
 * when an asset is neither a circle nor a polygon.
 */
export function compileAssets(assets: readonly AssetInput[]): DefendedAsset[] {
  return assets.map((a) => {
    if (a.polygon && a.polygon.length >= 3) {
      let pts = a.polygon;
      const f = pts[0], l = pts[pts.length - 1];
      if (pts.length > 3 && f[0] === l[0] && f[1] === l[1]) pts = pts.slice(0, -1);
      return {
        kind: 'polygon' as const,
        id: a.id,
        value: a.value,
        lat: Float64Array.from(pts, (p) => p[0] * DEG),
        lon: Float64Array.from(pts, (p) => p[1] * DEG),
      };
    }
    if (a.lat_deg === undefined || a.lon_deg === undefined || a.radius_km === undefined) {
      throw new RangeError(`compileAssets: asset '${a.id}' is neither a circle (lat_deg, lon_deg, radius_km) nor a polygon`);
    }
    return { kind: 'circle' as const, id: a.id, value: a.value, lat: a.lat_deg * DEG, lon: a.lon_deg * DEG, radius: a.radius_km * 1000 };
  });
}

/** What threat evaluation needs of an impact prediction (src/track `ImpactPrediction` has these). */
export interface ImpactInput {
  /** Geodetic latitude and longitude of the mean impact point, rad. */
  lat: number;
  lon: number;
  /** East–north covariance at the impact point, row-major 2×2, m². */
  covEN: ArrayLike<number>;
  /** Predicted impact time, s since epoch. */
  time: number;
}

/**
 * Per-asset impact probabilities for one impact prediction. Holds the assets and the scratch
 * buffers (sized for the largest polygon) once; `evaluate` allocates nothing of its own.
 */
export class ThreatEvaluator {
  readonly assets: readonly DefendedAsset[];
  private readonly xy: Float64Array;

  constructor(assets: readonly DefendedAsset[]) {
    this.assets = assets;
    let maxV = 0;
    for (const a of assets) if (a.kind === 'polygon') maxV = Math.max(maxV, a.lat.length);
    this.xy = new Float64Array(2 * maxV);
  }

  /**
   * Writes P(impact inside asset k) to out[k] (out.length ≥ assets.length) and returns the
   * expected value at risk Σ_k value_k · P_k (asset values are summed as given; overlapping
   * assets are counted each).
   */
  evaluate(out: Float64Array, impact: ImpactInput): number {
    let var_ = 0;
    const n = this.assets.length;
    for (let k = 0; k < n; k++) {
      const a = this.assets[k];
      let p: number;
      if (a.kind === 'circle') {
        const g = geodesicInverse(impact.lat, impact.lon, a.lat, a.lon);
        p = circleProbability(g.s * Math.sin(g.azi1), g.s * Math.cos(g.azi1), a.radius, impact.covEN);
      } else {
        const m = a.lat.length;
        for (let i = 0; i < m; i++) {
          const g = geodesicInverse(impact.lat, impact.lon, a.lat[i], a.lon[i]);
          this.xy[2 * i] = g.s * Math.sin(g.azi1);
          this.xy[2 * i + 1] = g.s * Math.cos(g.azi1);
        }
        p = polygonProbability(this.xy, m, impact.covEN);
      }
      out[k] = p;
      var_ += a.value * p;
    }
    return var_;
  }
}

/** The evaluation of one threat. */
export interface ThreatAssessment {
  /** The threat (or track) id and the caller's index of it. */
  id: string;
  key: number;
  /** Predicted impact time (s since epoch) and time to impact from `now` (s). */
  impactTime: number;
  timeToImpact: number;
  /** P(impact inside asset k), per asset in the evaluator's order. */
  pHit: Float64Array;
  /** Expected value at risk Σ value_k · P_k: the priority. */
  valueAtRisk: number;
  /** The asset contributing most to the value at risk among those with P ≥ pMin (−1: none). */
  priorityAsset: number;
  /** Its value (0 when none): what the reserve policy compares with min_asset_value. */
  priorityAssetValue: number;
}

export interface ThreatInput {
  id: string;
  key: number;
  impact: ImpactInput;
}

/**
 * Evaluates every threat and returns them in priority order: value at risk descending, then
 * earlier impact first, then id ascending (byte order) — deterministic. `pMin` (default 0.05)
 * is the least impact probability for an asset to count as the threat's priority asset.
 */
export function evaluateThreats(evaluator: ThreatEvaluator, threats: readonly ThreatInput[], now: number, pMin = 0.05): ThreatAssessment[] {
  const n = evaluator.assets.length;
  const out: ThreatAssessment[] = [];
  for (const t of threats) {
    const pHit = new Float64Array(n);
    const valueAtRisk = evaluator.evaluate(pHit, t.impact);
    let best = -1, bestV = -1;
    for (let k = 0; k < n; k++) {
      const c = evaluator.assets[k].value * pHit[k];
      if (pHit[k] >= pMin && c > bestV) {
        best = k;
        bestV = c;
      }
    }
    out.push({
      id: t.id,
      key: t.key,
      impactTime: t.impact.time,
      timeToImpact: t.impact.time - now,
      pHit,
      valueAtRisk,
      priorityAsset: best,
      priorityAssetValue: best >= 0 ? evaluator.assets[best].value : 0,
    });
  }
  out.sort(compareThreats);
  return out;
}

/** The priority order of `evaluateThreats` (negative: a before b). */
export function compareThreats(a: ThreatAssessment, b: ThreatAssessment): number {
  if (a.valueAtRisk !== b.valueAtRisk) return b.valueAtRisk - a.valueAtRisk;
  if (a.impactTime !== b.impactTime) return a.impactTime - b.impactTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.key - b.key;
}
