/**
 * Test-only ballistic truth: unpowered flight in ECEF under J2 gravity with the Coriolis and
 * centrifugal terms, r'' = gJ2(r) − 2ω×v − ω×(ω×r), ω = (0, 0, WGS84.omega), integrated with
 * DormandPrince54 at rtol 1e-10 (the brief's recipe). Not part of src/.
 */
import { geodeticAltitude, geodeticToEcef, gravityJ2, WGS84 } from '../../src/earth/index.js';
import { DormandPrince54 } from '../../src/math/index.js';
import type { TrajectoryAccess } from '../../src/sensor/index.js';

const W = WGS84.omega;
const g = new Float64Array(3);

function deriv(_t: number, y: Float64Array, dy: Float64Array): void {
  gravityJ2(g, y);
  dy[0] = y[3];
  dy[1] = y[4];
  dy[2] = y[5];
  dy[3] = g[0] + 2 * W * y[4] + W * W * y[0];
  dy[4] = g[1] - 2 * W * y[3] + W * W * y[1];
  dy[5] = g[2];
}

/** A ballistic flight sampled every second from launch to impact (altitude < 0 on the way down). */
export interface Ballistic extends TrajectoryAccess {
  samples: Float64Array[];
}

/**
 * Launches from geodetic (lat, lon) rad at height h0 m with ground-relative speed v (m/s), flight
 * path angle gamma above the local horizontal and azimuth az (rad), at launchTime (s).
 */
export function ballistic(id: string, lat: number, lon: number, h0: number, v: number, gamma: number, az: number, launchTime = 0): Ballistic {
  const r = geodeticToEcef(new Float64Array(3), lat, lon, h0);
  const sl = Math.sin(lat), cl = Math.cos(lat), so = Math.sin(lon), co = Math.cos(lon);
  const e = [-so, co, 0], n = [-sl * co, -sl * so, cl], u = [cl * co, cl * so, sl];
  const ve = v * Math.cos(gamma) * Math.sin(az), vn = v * Math.cos(gamma) * Math.cos(az), vu = v * Math.sin(gamma);
  const y0 = new Float64Array(6);
  y0.set(r);
  for (let k = 0; k < 3; k++) y0[3 + k] = ve * e[k] + vn * n[k] + vu * u[k];
  const dp = new DormandPrince54(6, { rtol: 1e-10, atol: 1e-6 });
  dp.reset(deriv, launchTime, y0);
  const samples: Float64Array[] = [Float64Array.from(y0)];
  let t = launchTime;
  for (;;) {
    t += 1;
    dp.integrateTo(t);
    samples.push(Float64Array.from(dp.y));
    if (geodeticAltitude(dp.y) < 0 && samples.length > 2) break;
    if (samples.length > 20000) throw new Error('no impact');
  }
  const endTime = launchTime + samples.length - 1;
  const local = new DormandPrince54(6, { rtol: 1e-10, atol: 1e-6 });
  return {
    id,
    launchTime,
    endTime,
    samples,
    stateAt(tq: number, out: Float64Array): Float64Array {
      const k = Math.max(0, Math.min(samples.length - 1, Math.floor(tq - launchTime)));
      const t0 = launchTime + k;
      if (tq === t0) {
        out.set(samples[k]);
        return out;
      }
      local.reset(deriv, t0, samples[k]);
      local.integrateTo(tq);
      out.set(local.y);
      return out;
    },
  };
}
