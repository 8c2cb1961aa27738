/**
 * Test helpers (not product code): ballistic truth in ECEF integrated independently of the
 * tracker's RK4 — Dormand–Prince 5(4) at rtol 1e-10 on r'' = g_J2(r) − 2ω×v − ω×(ω×r) — and
 * simulated range/azimuth/elevation detections.
 */
import { DormandPrince54, type RngStream } from '../../src/math/index.js';
import { WGS84, gravityJ2, geodeticToEcef, geodeticAltitude, ecefToAer, type Site } from '../../src/earth/index.js';

const W = WGS84.omega;
const gTmp = new Float64Array(3);

export function ballisticRhs(_t: number, y: Float64Array, dy: Float64Array): void {
  gravityJ2(gTmp, y);
  dy[0] = y[3];
  dy[1] = y[4];
  dy[2] = y[5];
  dy[3] = gTmp[0] + 2 * W * y[4] + W * W * y[0];
  dy[4] = gTmp[1] - 2 * W * y[3] + W * W * y[1];
  dy[5] = gTmp[2];
}

/** Truth samples every dt from t0 until the ground (altitude < 0) or tEnd; rows of 6 (ECEF). */
export interface Truth {
  t: number[];
  s: Float64Array[];
  /** Impact time (s) and ECEF impact point when the ground was reached, else NaN/undefined. */
  impactTime: number;
  impact?: Float64Array;
}

export function flyBallistic(x0: ArrayLike<number>, t0: number, tEnd: number, dt: number): Truth {
  const dp = new Float64Array(6);
  const ig = new DormandPrince54(6, { rtol: 1e-10, atol: 1e-6 });
  ig.reset(ballisticRhs, t0, x0);
  const out: Truth = { t: [], s: [], impactTime: NaN };
  let tk = t0;
  let tc = Infinity;
  for (let k = 0; tk <= tEnd + 1e-9; k++, tk = t0 + k * dt) {
    while (ig.t < tk && tc === Infinity) {
      const code = ig.step(tEnd + 1e4);
      if (code < 0) throw new Error(`integration failed ${code}`);
      if (geodeticAltitude(ig.y) < 0) {
        // Bisection on the dense output for the ground crossing.
        let a = ig.tPrev, b = ig.t;
        for (let i = 0; i < 100; i++) {
          const m = 0.5 * (a + b);
          ig.interpolate(m, dp);
          if (geodeticAltitude(dp) > 0) a = m;
          else b = m;
        }
        tc = 0.5 * (a + b);
        out.impactTime = tc;
        ig.interpolate(tc, dp);
        out.impact = Float64Array.from(dp);
      }
    }
    if (tk >= tc) break;
    const s = new Float64Array(6);
    ig.interpolate(tk, s);
    out.t.push(tk);
    out.s.push(s);
  }
  return out;
}

/**
 * A lofted ballistic state: launch from (lat, lon) degrees with speed v (m/s), flight-path angle
 * gamma (deg above local horizontal) towards azimuth az (deg), at altitude h (m). ECEF state.
 */
export function launchState(latDeg: number, lonDeg: number, h: number, v: number, gammaDeg: number, azDeg: number): Float64Array {
  const lat = (latDeg * Math.PI) / 180, lon = (lonDeg * Math.PI) / 180;
  const r = geodeticToEcef(new Float64Array(3), lat, lon, h);
  const g = (gammaDeg * Math.PI) / 180, a = (azDeg * Math.PI) / 180;
  const e = v * Math.cos(g) * Math.sin(a), n = v * Math.cos(g) * Math.cos(a), u = v * Math.sin(g);
  const sl = Math.sin(lat), cl = Math.cos(lat), so = Math.sin(lon), co = Math.cos(lon);
  const vx = -so * e - sl * co * n + cl * co * u;
  const vy = co * e - sl * so * n + cl * so * u;
  const vz = cl * n + sl * u;
  return Float64Array.from([r[0], r[1], r[2], vx, vy, vz]);
}

/** Noisy [range, az, el] of an ECEF position from a site; az wrapped to [0, 2π). */
export function measure(out: Float64Array, off: number, pos: ArrayLike<number>, site: Site, sigma: ArrayLike<number>, rng: RngStream): void {
  const aer = ecefToAer(new Float64Array(3), pos, site);
  out[off] = aer[0] + sigma[0] * rng.normal();
  let az = aer[1] + sigma[1] * rng.normal();
  const TWO_PI = 2 * Math.PI;
  az -= TWO_PI * Math.floor(az / TWO_PI);
  out[off + 1] = az;
  out[off + 2] = aer[2] + sigma[2] * rng.normal();
}

/** x + chol(P)·N(0, I): a draw from N(x, P) (n ≤ 7). */
export function drawGaussian(x: ArrayLike<number>, P: ArrayLike<number>, n: number, rng: RngStream): Float64Array {
  // Cholesky by hand (test helper only).
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = P[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] ** 2;
    L[j * n + j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = P[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / L[j * n + j];
    }
  }
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = rng.normal();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k <= i; k++) s += L[i * n + k] * w[k];
    out[i] = s;
  }
  return out;
}
