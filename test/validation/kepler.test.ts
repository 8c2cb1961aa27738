/**
 * Published reference values for the universal-variable Kepler propagator (src/math/kepler.ts).
 */
import { describe, expect, it } from 'vitest';
import { DormandPrince54, keplerPropagate, ODE_REACHED, type Deriv } from '../../src/math/index.js';

describe('Vallado, Fundamentals of Astrodynamics and Applications, 4th ed. (2013), Example 2-4, pp. 94–95', () => {
  // Given r₀ = 1131.340 I − 2282.343 J + 6672.423 K km, v₀ = −5.64305 I + 4.30333 J + 2.42879 K km/s,
  // find the state 40 min later. μ = 398600.4418 km³/s² (Vallado's Earth value).
  // Published: r = −4219.7527 I + 4363.0292 J − 3958.7666 K km, v = 3.689866 I − 1.916735 J − 6.112511 K km/s.
  const MU = 398600.4418e9; // m³/s²
  const s0 = [1131.34e3, -2282.343e3, 6672.423e3, -5.64305e3, 4.30333e3, 2.42879e3];
  const rPub = [-4219.7527e3, 4363.0292e3, -3958.7666e3];
  const vPub = [3.689866e3, -1.916735e3, -6.112511e3];

  it('position to the printed 0.1 m (4 decimals of km), velocity to the printed 1 mm/s', () => {
    const out = new Float64Array(6);
    expect(keplerPropagate(out, s0, 40 * 60, MU)).toBeGreaterThan(0);
    // Half a unit in the last printed digit: 0.05 m and 0.0005 m/s.
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(out[i] - rPub[i])).toBeLessThan(0.05);
      expect(Math.abs(out[3 + i] - vPub[i])).toBeLessThan(5e-4);
    }
  });

  it('propagating the published answer by −40 min returns the given state', () => {
    const out = new Float64Array(6);
    keplerPropagate(out, [...rPub, ...vPub], -40 * 60, MU);
    // The published answer is rounded to 0.05 m / 0.5 mm/s; 0.5 mm/s over 2400 s moves the
    // start by ≲ 1.2 m plus the effect of the position rounding.
    for (let i = 0; i < 3; i++) expect(Math.abs(out[i] - s0[i])).toBeLessThan(2);
  });

  it('agrees with Dormand–Prince integration of r″ = −μ r/|r|³ at rtol 1e-12 to < 1 m', () => {
    const f: Deriv = (_t, y, d) => {
      const r = Math.hypot(y[0], y[1], y[2]);
      const k = -MU / (r * r * r);
      d[0] = y[3];
      d[1] = y[4];
      d[2] = y[5];
      d[3] = k * y[0];
      d[4] = k * y[1];
      d[5] = k * y[2];
    };
    const dp = new DormandPrince54(6, { rtol: 1e-12, atol: 1e-9 });
    dp.reset(f, 0, s0);
    expect(dp.integrateTo(2400)).toBe(ODE_REACHED);
    const out = new Float64Array(6);
    keplerPropagate(out, s0, 2400, MU);
    expect(Math.hypot(out[0] - dp.y[0], out[1] - dp.y[1], out[2] - dp.y[2])).toBeLessThan(1);
  });
});

describe('Curtis, Orbital Mechanics for Engineering Students, 3rd ed. (2014), Example 3.5 (hyperbolic)', () => {
  // Perigee altitude 300 km (R_E = 6378 km), perigee speed 15 km/s, μ = 398600 km³/s². The
  // true anomaly 100° is reached 4141 s after perigee; three hours later (t = 14941 s after
  // perigee) Curtis gives r = 163180 km and v = 10.51 km/s.
  const MU = 398600e9;
  it('radius and speed 14941 s after perigee', () => {
    const out = new Float64Array(6);
    expect(keplerPropagate(out, [6678e3, 0, 0, 0, 15e3, 0], 14941, MU)).toBeGreaterThan(0);
    const r = Math.hypot(out[0], out[1], out[2]);
    const v = Math.hypot(out[3], out[4], out[5]);
    // Curtis rounds the flight time to 1 s (≈ ±0.5 s × 10.5 km/s ≈ ±5 km) and prints r to the
    // nearest 10 km (±5 km): allow 10 km. Speed printed to 0.01 km/s: allow 0.005 km/s.
    expect(Math.abs(r - 163180e3)).toBeLessThan(10e3);
    expect(Math.abs(v - 10.51e3)).toBeLessThan(5);
  });
});
