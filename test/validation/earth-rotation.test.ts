/**
 * Earth rotation changes the range of a missile fired east versus west by the amount the
 * ideal relations predict.
 *
 * Physics (Bate, Mueller & White, Fundamentals of Astrodynamics, Dover 1971, §6.2 and §6.4
 * "Effect of Earth rotation"): a missile leaves the pad with the ground's eastward speed ωr, so
 * its inertial burnout velocity is the Earth-relative one plus ωr eastward, which changes its
 * free-flight range angle ψ (BMW Eq. 6.2-7, equal radii: tan(ψ/2) = ν sinγ cosγ / (1 − ν cos²γ),
 * ν = v² r/μ); and during the flight time T the ground under it turns by ωT, which shortens an
 * eastward shot's ground range by ωR T and lengthens a westward one's.
 *
 * The test flies the same steering due east and due west from the equator, takes each flight's
 * own Earth-relative burnout speed and angle, predicts the rotation's effect on the ground range
 * from these two relations (vacuum, spherical Earth R = 6,371 km), and compares the predicted
 * east–west difference with the simulated one (which has drag, J2, the ellipsoid and the boost in
 * the rotating atmosphere).
 */
import { describe, expect, it } from 'vitest';
import { flyMissile, maxRangeKick, relativeSpeedAndGamma } from '../../src/threat/index.js';
import { WGS84, geodesicInverse } from '../../src/earth/index.js';
import { DEG, MISSILES, vehicle } from '../threat/helpers.js';

const MU = WGS84.GM;
const R = 6_371_000;
const W = WGS84.omega;

/** Free-flight range angle and time of flight (BMW §6.2, equal burnout and impact radii r). */
function freeFlight(v: number, gamma: number, r: number): { psi: number; T: number } {
  const nu = (v * v * r) / MU;
  const c = Math.cos(gamma);
  const psi = 2 * Math.atan2(nu * Math.sin(gamma) * c, 1 - nu * c * c);
  const a = r / (2 - nu);
  const e = Math.sqrt(1 - nu * (2 - nu) * c * c);
  const th1 = Math.PI - psi / 2;
  const E1 = Math.atan2(Math.sqrt(1 - e * e) * Math.sin(th1), e + Math.cos(th1));
  const M1 = E1 - e * Math.sin(E1);
  return { psi, T: (2 * (Math.PI - M1)) / Math.sqrt(MU / (a * a * a)) };
}

describe('Earth rotation: east versus west range', () => {
  it.each(MISSILES)('%s: simulated east−west range difference within 5 %% of the predicted one', (id) => {
    const v = vehicle(id);
    const launch = { lat: 0, lon: 0, h: 0, time: 0 };
    const kick = maxRangeKick(v);
    let sim = 0;
    let pred = 0;
    for (const sign of [1, -1]) {
      const f = flyMissile(v, launch, { azimuth: (sign > 0 ? 90 : 270) * DEG, kick, cutoff: v.fullBurnout }, false);
      sim += sign * geodesicInverse(launch.lat, launch.lon, f.impactLat, f.impactLon).s;
      const { speed, gamma } = relativeSpeedAndGamma(f.burnoutState);
      const r = Math.hypot(f.burnoutState[0], f.burnoutState[1], f.burnoutState[2]);
      const vh = speed * Math.cos(gamma) + sign * W * r;
      const vv = speed * Math.sin(gamma);
      const rotating = freeFlight(Math.hypot(vh, vv), Math.atan2(vv, vh), r);
      const still = freeFlight(speed, gamma, r);
      pred += sign * ((rotating.psi - still.psi) * R - sign * W * R * rotating.T);
    }
    // east gains: measured 6.7 (scud-b), 77.6 (nodong), 110.9 (df-21), 360.5 km (musudan)
    expect(sim).toBeGreaterThan(0);
    expect(Math.abs(sim - pred)).toBeLessThan(0.05 * Math.abs(pred));
  });
});
