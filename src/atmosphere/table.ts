/**
 * A precomputed grid of the USSA76 model (ussa76.ts) for hot loops: density and pressure
 * interpolated log-linearly, speed of sound linearly, every 50 m from −5 km to 200 km.
 *
 * Why: one exact evaluation costs a Math.pow or Math.exp per call and the flight dynamics call
 * it four times per RK4 step; the table costs a multiply and two exps-free lerps. The grid is
 * fine enough that the interpolation error stays below 1e-5 relative in density and pressure
 * and 1e-6 in the speed of sound (test/atmosphere/table.test.ts), far inside the standard's own
 * printed precision. Above 200 km the exact model is called (drag there is negligible and rare).
 */
import { ussa76, type AtmosphereState } from './ussa76.js';

const H0 = -5000;
const H1 = 200_000;
const STEP = 50;
const N = Math.round((H1 - H0) / STEP) + 1;
const lnRho = new Float64Array(N);
const lnP = new Float64Array(N);
const sound = new Float64Array(N);
{
  const s: AtmosphereState = { temperature_k: 0, pressure_pa: 0, density_kg_m3: 0, speed_of_sound_mps: 0 };
  for (let i = 0; i < N; i++) {
    ussa76(H0 + i * STEP, s);
    lnRho[i] = Math.log(s.density_kg_m3);
    lnP[i] = Math.log(s.pressure_pa);
    sound[i] = s.speed_of_sound_mps;
  }
}

/** Highest altitude (m) served from the table; above it the exact model is used. */
export const ATMOSPHERE_TABLE_TOP_M = H1;

/**
 * Density, pressure and speed of sound at geometric altitude h (m) into out (temperature is not
 * filled: NaN). Altitudes below −5 km are clamped to −5 km (an object under the ground has
 * already hit it; the caller finds the impact). Allocates nothing.
 */
export function atmosphereFast(h: number, out: AtmosphereState): AtmosphereState {
  if (h >= H1) {
    ussa76(h, out);
    return out;
  }
  let u = (h - H0) / STEP;
  if (!(u > 0)) u = 0;
  const i = Math.min(N - 2, Math.floor(u));
  const f = u - i;
  out.density_kg_m3 = Math.exp(lnRho[i] + f * (lnRho[i + 1] - lnRho[i]));
  out.pressure_pa = Math.exp(lnP[i] + f * (lnP[i + 1] - lnP[i]));
  out.speed_of_sound_mps = sound[i] + f * (sound[i + 1] - sound[i]);
  out.temperature_k = NaN;
  return out;
}
