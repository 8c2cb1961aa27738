/**
 * Exo-atmospheric coast: two-body (point-mass) Kepler motion in ECI, O(1) in flight time.
 *
 * Above the atmosphere's edge (`ATMOSPHERE_EDGE_M`) drag is dropped and the RV and spent
 * stages follow a Kepler conic. J2 is not applied during the coast (it is during boost and
 * reentry): over an MRBM's ~8 min coast its effect is of the order of 1 km at impact for the
 * same burnout state (measured in test/threat/flight.test.ts); the aim solver flies the same
 * model, so aimed flights still land on target within the model.
 *
 * The descending crossing of a geodetic altitude is found without stepping: the crossing lies
 * between the times the conic reaches the geocentric radii a+H and b+H (the ellipsoid's
 * equatorial and polar radii), which come from Kepler's equation in closed form; Brent's
 * method then finds the geodetic crossing inside that bracket.
 */
import { WGS84, geodeticAltitude } from '../earth/index.js';
import { brent, keplerPropagate } from '../math/index.js';

/** Altitude above which drag is ignored and coasting objects follow a Kepler conic, m. The "reentry" event is its descending crossing. */
export const ATMOSPHERE_EDGE_M = 100_000;

const scratchState = new Float64Array(6);

/**
 * Time (s from the state's epoch) at which a Keplerian orbit reaches geocentric radius `r`
 * on its descending branch (after apoapsis). NaN when the orbit is not elliptic or never
 * reaches r. From a state on the descending branch above r: the time it gets there.
 */
export function timeToRadiusDescending(state: ArrayLike<number>, r: number, mu: number): number {
  const rx = state[0], ry = state[1], rz = state[2];
  const vx = state[3], vy = state[4], vz = state[5];
  const r0 = Math.sqrt(rx * rx + ry * ry + rz * rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const rv = rx * vx + ry * vy + rz * vz;
  const energy = v2 / 2 - mu / r0;
  if (energy >= 0) return NaN;
  const a = -mu / (2 * energy);
  const ecosE0 = 1 - r0 / a;
  const esinE0 = rv / Math.sqrt(mu * a);
  const e = Math.hypot(ecosE0, esinE0);
  if (e < 1e-12) return NaN;
  const rp = a * (1 - e);
  const ra = a * (1 + e);
  if (r < rp || r > ra) return NaN;
  const n = Math.sqrt(mu / (a * a * a));
  const E0 = Math.atan2(esinE0, ecosE0); // in (−π, π]
  const M0 = E0 - esinE0;
  let cosE = (1 - r / a) / e;
  cosE = Math.max(-1, Math.min(1, cosE));
  // descending branch: E in [π, 2π) ≡ (−π, 0]; choose E in (−π, 0] then unwrap after E0
  let E = -Math.acos(cosE);
  let M = E - e * Math.sin(E);
  let dt = (M - M0) / n;
  if (dt < 0) dt += (2 * Math.PI) / n;
  return dt;
}

/** Time from the state's epoch to apoapsis (s), ≥ 0, or NaN for a non-elliptic orbit. */
export function timeToApoapsis(state: ArrayLike<number>, mu: number): number {
  const rx = state[0], ry = state[1], rz = state[2];
  const vx = state[3], vy = state[4], vz = state[5];
  const r0 = Math.sqrt(rx * rx + ry * ry + rz * rz);
  const energy = (vx * vx + vy * vy + vz * vz) / 2 - mu / r0;
  if (energy >= 0) return NaN;
  const a = -mu / (2 * energy);
  const ecosE0 = 1 - r0 / a;
  const esinE0 = (rx * vx + ry * vy + rz * vz) / Math.sqrt(mu * a);
  const n = Math.sqrt(mu / (a * a * a));
  const E0 = Math.atan2(esinE0, ecosE0);
  const M0 = E0 - esinE0;
  let dt = (Math.PI - M0) / n;
  if (dt < 0) dt += (2 * Math.PI) / n;
  return dt;
}

/**
 * Time from `state` (ECI, at the start of a coast) to the descending crossing of geodetic
 * altitude `h` (m) on its Kepler conic; NaN when the conic does not come down through h
 * before its perigee (then the caller keeps integrating with drag).
 * Geodetic altitude is unchanged by a rotation about z, so ECI positions are used directly.
 */
export function timeToAltitudeDescending(state: ArrayLike<number>, h: number): number {
  const mu = WGS84.GM;
  const tApo = timeToApoapsis(state, mu);
  if (!Number.isFinite(tApo)) return NaN;
  // Bracket between the radii a+h (reached first when descending) and b+h.
  let tLo = timeToRadiusDescending(state, WGS84.a + h + 1000, mu);
  if (!Number.isFinite(tLo)) tLo = tApo;
  let tHi = timeToRadiusDescending(state, WGS84.b + h - 1000, mu);
  if (!Number.isFinite(tHi)) {
    // the perigee lies above b + h − 1 km: bracket up to the perigee that follows the apogee
    const r0 = Math.hypot(state[0], state[1], state[2]);
    const v2 = state[3] * state[3] + state[4] * state[4] + state[5] * state[5];
    const a = -mu / (2 * (v2 / 2 - mu / r0));
    tHi = tApo + Math.PI * Math.sqrt((a * a * a) / mu);
  }
  if (tHi <= tLo) return NaN;
  const f = (t: number): number => {
    keplerPropagate(scratchState, state, t, mu);
    return geodeticAltitude(scratchState) - h;
  };
  if (f(tLo) < 0) {
    // Already below h at the upper-radius time: the crossing is before it (between now and then).
    tLo = 0;
    if (f(tLo) < 0) return NaN;
  }
  if (f(tHi) > 0) return NaN; // the conic stays above h (a grazing pass): no descending crossing
  return brent(f, tLo, tHi, 1e-7);
}
