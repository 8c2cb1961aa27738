/**
 * Two-body (Kepler) propagation in closed form with the universal variable χ, O(1) in the flight
 * time, for elliptic, parabolic and hyperbolic orbits and negative time steps.
 *
 * Formulation: Curtis, "Orbital Mechanics for Engineering Students", 3rd ed. (2014), §3.7,
 * Algorithms 3.3 (universal Kepler equation, eq. 3.49) and 3.4 (Lagrange coefficients, eq. 3.69);
 * Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed. (2013), §2.3, Algorithm 8
 * (KEPLER: starting values of χ for each conic). The universal Kepler equation is solved with the
 * Laguerre–Conway iteration (B. A. Conway, "An improved algorithm due to Laguerre for the solution
 * of Kepler's equation", Celestial Mechanics 39, 1986, 199–211), which converges from any start.
 *
 * Units are those of the inputs (SI in tmdsim: m, m/s, s, m³/s²); any inertial frame.
 */

/** keplerPropagate: the universal Kepler equation did not converge in MAX_ITER iterations. */
export const KEPLER_NO_CONVERGENCE = -1;
/** keplerPropagate: degenerate input (zero or non-finite position, non-positive μ). */
export const KEPLER_BAD_INPUT = -2;

const MAX_ITER = 50;
const TWO_PI = 2 * Math.PI;

// Module scratch results of stumpff() (avoids returning an object).
let stumpffC = 0;
let stumpffS = 0;

/**
 * Stumpff functions C(z) and S(z) (Curtis eq. 3.52–3.53) into the module scratch variables.
 * C uses the half-angle forms 2 sin²(√z/2)/z and 2 sinh²(√−z/2)/(−z), free of cancellation;
 * S uses its Taylor series for |z| < 1 (terms to z⁸, truncation < 1e-17).
 */
function stumpff(z: number): void {
  if (z > 0) {
    const s = Math.sqrt(z);
    const h = Math.sin(0.5 * s);
    stumpffC = (2 * h * h) / z;
  } else if (z < 0) {
    const s = Math.sqrt(-z);
    const h = Math.sinh(0.5 * s);
    stumpffC = (2 * h * h) / -z;
  } else {
    stumpffC = 0.5;
  }
  if (Math.abs(z) < 1) {
    // S(z) = Σ (−z)^k / (2k+3)!
    stumpffS =
      1 / 6 +
      z *
        (-1 / 120 +
          z *
            (1 / 5040 +
              z *
                (-1 / 362880 +
                  z *
                    (1 / 39916800 +
                      z * (-1 / 6227020800 + z * (1 / 1307674368000 + z * (-1 / 355687428096000 + z / 121645100408832000)))))));
  } else if (z > 0) {
    const s = Math.sqrt(z);
    stumpffS = (s - Math.sin(s)) / (s * s * s);
  } else {
    const s = Math.sqrt(-z);
    stumpffS = (Math.sinh(s) - s) / (s * s * s);
  }
}

/** Stumpff function C(z) (Curtis eq. 3.53). Exposed for tests. */
export function stumpffCOf(z: number): number {
  stumpff(z);
  return stumpffC;
}
/** Stumpff function S(z) (Curtis eq. 3.52). Exposed for tests. */
export function stumpffSOf(z: number): number {
  stumpff(z);
  return stumpffS;
}

/**
 * Propagates a two-body state by dt: out = [r, v] at t + dt from state = [r, v] at t (6 values,
 * position then velocity, any consistent units, inertial frame). μ: gravitational parameter.
 * dt may be negative. out may alias state. Allocates nothing.
 *
 * Returns the number of iterations (≥ 0) on success, KEPLER_NO_CONVERGENCE (out then holds the
 * last iterate's state) or KEPLER_BAD_INPUT (out filled with NaN).
 */
export function keplerPropagate(out: Float64Array, state: ArrayLike<number>, dt: number, mu: number): number {
  const rx = state[0], ry = state[1], rz = state[2];
  const vx = state[3], vy = state[4], vz = state[5];
  const r0 = Math.sqrt(rx * rx + ry * ry + rz * rz);
  if (!(r0 > 0) || !Number.isFinite(r0) || !(mu > 0) || !Number.isFinite(dt)) {
    for (let i = 0; i < 6; i++) out[i] = NaN;
    return KEPLER_BAD_INPUT;
  }
  if (dt === 0) {
    out[0] = rx; out[1] = ry; out[2] = rz;
    out[3] = vx; out[4] = vy; out[5] = vz;
    return 0;
  }
  const sqrtMu = Math.sqrt(mu);
  const v2 = vx * vx + vy * vy + vz * vz;
  const rdotv = rx * vx + ry * vy + rz * vz;
  const sigma0 = rdotv / sqrtMu; // r0·vr0/√μ
  const alpha = 2 / r0 - v2 / mu; // 1/a (Curtis eq. 3.48)
  const oneMinusAr0 = 1 - alpha * r0;

  // Elliptic: propagate by dt reduced to (−T/2, T/2] (position is periodic), which keeps the
  // solve O(1) and χ small however long the flight.
  let tau = dt;
  if (alpha > 0) {
    const period = TWO_PI / (sqrtMu * alpha * Math.sqrt(alpha));
    if (Math.abs(tau) > 0.5 * period) tau -= period * Math.round(tau / period);
  }
  const target = sqrtMu * tau;

  // Starting value (Vallado Alg. 8).
  let x: number;
  const ar0 = alpha * r0;
  if (ar0 > 1e-6) {
    x = target * alpha;
  } else if (ar0 < -1e-6) {
    const a = 1 / alpha;
    const sgn = tau > 0 ? 1 : -1;
    const arg = (-2 * mu * alpha * tau) / (rdotv + sgn * Math.sqrt(-mu * a) * oneMinusAr0);
    x = sgn * Math.sqrt(-a) * Math.log(arg);
    // The logarithmic start is meant for long arcs; for short ones it can have the wrong sign or
    // be no number at all, and then the small-arc value √μ·τ/r₀ is the better start.
    if (!(x * sgn > 0) || !Number.isFinite(x)) x = target / r0;
  } else {
    x = target / r0; // near-parabolic: small-arc value; Laguerre converges from it
  }

  // Laguerre–Conway iteration on F(χ) = σ0 χ² C + (1 − α r0) χ³ S + r0 χ − √μ τ = 0.
  let iter = 0;
  let converged = false;
  let z = 0;
  while (iter < MAX_ITER) {
    iter++;
    const x2 = x * x;
    z = alpha * x2;
    stumpff(z);
    const C = stumpffC, S = stumpffS;
    const F = sigma0 * x2 * C + oneMinusAr0 * x2 * x * S + r0 * x - target;
    const dF = sigma0 * x * (1 - z * S) + oneMinusAr0 * x2 * C + r0; // = r(χ) > 0
    const ddF = sigma0 * (1 - z * C) + oneMinusAr0 * x * (1 - z * S);
    const disc = Math.abs(16 * dF * dF - 20 * F * ddF);
    const denom = dF + (dF >= 0 ? 1 : -1) * Math.sqrt(disc);
    const dx = denom !== 0 ? (5 * F) / denom : F / dF;
    x -= dx;
    if (!Number.isFinite(x)) break;
    if (Math.abs(dx) <= 1e-13 * Math.abs(x) || dx === 0) {
      converged = true;
      break;
    }
  }

  // Lagrange coefficients (Curtis Alg. 3.4, eq. 3.69).
  const x2 = x * x;
  z = alpha * x2;
  stumpff(z);
  const C = stumpffC, S = stumpffS;
  const f = 1 - (x2 / r0) * C;
  const g = tau - (x2 * x / sqrtMu) * S;
  const px = f * rx + g * vx;
  const py = f * ry + g * vy;
  const pz = f * rz + g * vz;
  const r = Math.sqrt(px * px + py * py + pz * pz);
  const fdot = (sqrtMu / (r * r0)) * x * (z * S - 1);
  const gdot = 1 - (x2 / r) * C;
  out[0] = px;
  out[1] = py;
  out[2] = pz;
  out[3] = fdot * rx + gdot * vx;
  out[4] = fdot * ry + gdot * vy;
  out[5] = fdot * rz + gdot * vz;
  return converged ? iter : KEPLER_NO_CONVERGENCE;
}

/** Shape of a two-body orbit through a state (units of the inputs: m, m/s, s in tmdsim). */
export interface OrbitShape {
  /** Specific orbital energy v²/2 − μ/r (m²/s²). */
  energy: number;
  /** Specific angular momentum |r × v| (m²/s). */
  h: number;
  /** Eccentricity. */
  e: number;
  /** Semi-major axis −μ/(2·energy) (m): negative for a hyperbola, ±Infinity for a parabola. */
  a: number;
  /** Periapsis radius h²/(μ(1+e)) (m). */
  rp: number;
  /** Apoapsis radius a(1+e) (m); Infinity unless elliptic. */
  ra: number;
  /**
   * Time from the state to the next apoapsis (s) if the body is between periapsis and apoapsis
   * (≥ 0), or minus the time since the last apoapsis if it is past it (negative); NaN unless
   * elliptic. For a ballistic missile: ≥ 0 before apogee, negative after.
   */
  timeToApoapsis: number;
}

/**
 * Energy, angular momentum, eccentricity, semi-major axis, apsis radii and time to apoapsis of
 * the conic through state = [r, v] (Vallado 4th ed. §2.5 RV2COE; Curtis §4.4; time from Kepler's
 * equation M = E − e sin E with e cos E = 1 − r/a, e sin E = r·v/√(μa), Curtis eq. 3.13, 3.14).
 * Fills and returns `out` when given (no allocation), else a new object.
 */
export function orbitShape(state: ArrayLike<number>, mu: number, out?: OrbitShape): OrbitShape {
  const rx = state[0], ry = state[1], rz = state[2];
  const vx = state[3], vy = state[4], vz = state[5];
  const r = Math.sqrt(rx * rx + ry * ry + rz * rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const rdotv = rx * vx + ry * vy + rz * vz;
  const hx = ry * vz - rz * vy;
  const hy = rz * vx - rx * vz;
  const hz = rx * vy - ry * vx;
  const h = Math.sqrt(hx * hx + hy * hy + hz * hz);
  const energy = 0.5 * v2 - mu / r;
  // Eccentricity vector e = ((v² − μ/r) r − (r·v) v)/μ.
  const c1 = v2 - mu / r;
  const ex = (c1 * rx - rdotv * vx) / mu;
  const ey = (c1 * ry - rdotv * vy) / mu;
  const ez = (c1 * rz - rdotv * vz) / mu;
  const e = Math.sqrt(ex * ex + ey * ey + ez * ez);
  const a = -mu / (2 * energy);
  const rp = (h * h) / (mu * (1 + e));
  let ra = Infinity;
  let tta = NaN;
  if (energy < 0 && e < 1) {
    ra = a * (1 + e);
    const eCosE = 1 - r / a;
    const eSinE = rdotv / Math.sqrt(mu * a);
    const E = Math.atan2(eSinE, eCosE); // (−π, π]
    const M = E - eSinE; // mean anomaly, (−π, π]
    const n = Math.sqrt(mu / (a * a * a));
    tta = M >= 0 ? (Math.PI - M) / n : -(Math.PI + M) / n;
  }
  const o = out ?? { energy: 0, h: 0, e: 0, a: 0, rp: 0, ra: 0, timeToApoapsis: 0 };
  o.energy = energy;
  o.h = h;
  o.e = e;
  o.a = a;
  o.rp = rp;
  o.ra = ra;
  o.timeToApoapsis = tta;
  return o;
}
