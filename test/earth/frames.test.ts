import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WGS84,
  ecefToEciPos,
  ecefToEciState,
  ecefToEciStateAt,
  eciToEcefPos,
  eciToEcefState,
  eciToEcefStateAt,
} from '../../src/earth/index.js';

const coord = fc.double({ min: -5e7, max: 5e7, noNaN: true });
const vel = fc.double({ min: -1e4, max: 1e4, noNaN: true });
const time = fc.double({ min: -1e5, max: 1e5, noNaN: true });

describe('ECI ⇄ ECEF', () => {
  it('state round trip ECI → ECEF → ECI (and the reverse) to round-off', () => {
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    fc.assert(
      fc.property(coord, coord, coord, vel, vel, vel, time, (x, y, z, vx, vy, vz, t) => {
        const s = Float64Array.of(x, y, z, vx, vy, vz);
        eciToEcefState(a, s, t);
        ecefToEciState(b, a, t);
        for (let i = 0; i < 3; i++) expect(Math.abs(b[i] - s[i])).toBeLessThan(1e-7);
        for (let i = 3; i < 6; i++) expect(Math.abs(b[i] - s[i])).toBeLessThan(1e-8);
        ecefToEciState(a, s, t);
        eciToEcefState(b, a, t);
        for (let i = 0; i < 3; i++) expect(Math.abs(b[i] - s[i])).toBeLessThan(1e-7);
        for (let i = 3; i < 6; i++) expect(Math.abs(b[i] - s[i])).toBeLessThan(1e-8);
      }),
      { numRuns: 5000 },
    );
  });

  it('frames coincide at t = 0 apart from the −ω×r velocity term', () => {
    const s = Float64Array.of(7e6, -1e6, 2e6, 100, 200, 300);
    const e = eciToEcefState(new Float64Array(6), s, 0);
    expect(Array.from(e.subarray(0, 3))).toEqual([7e6, -1e6, 2e6]);
    expect(e[3]).toBeCloseTo(100 + WGS84.omega * -1e6, 9);
    expect(e[4]).toBeCloseTo(200 - WGS84.omega * 7e6, 9);
    expect(e[5]).toBe(300);
  });

  it('a point fixed on the Earth moves in ECI on a circle at ω r (analytic)', () => {
    const r = Float64Array.of(WGS84.a, 0, 1e6, 0, 0, 0);
    const eci = new Float64Array(6);
    const quarterDay = Math.PI / 2 / WGS84.omega;
    ecefToEciState(eci, r, quarterDay);
    // After a quarter turn x → y.
    expect(eci[0]).toBeCloseTo(0, 6);
    expect(eci[1]).toBeCloseTo(WGS84.a, 6);
    expect(eci[2]).toBe(1e6);
    // Inertial velocity of a fixed point: ω × r_eci = (−ω y, ω x, 0).
    expect(eci[3]).toBeCloseTo(-WGS84.omega * WGS84.a, 9);
    expect(eci[4]).toBeCloseTo(0, 9);
    expect(eci[5]).toBe(0);
  });

  it('ECEF velocity equals the time derivative of the ECEF position (finite difference)', () => {
    // Straight-line inertial motion; v_ecef must be d/dt of eciToEcefPos(r(t), t).
    const r0 = [6.5e6, 1.2e6, -3e6];
    const v = [1500, -2500, 4000];
    const t = 1234.5, dt = 1e-3;
    const pos = (tt: number): Float64Array =>
      eciToEcefPos(new Float64Array(3), [r0[0] + v[0] * tt, r0[1] + v[1] * tt, r0[2] + v[2] * tt], tt);
    const p1 = pos(t + dt), p0 = pos(t - dt);
    const s = Float64Array.of(r0[0] + v[0] * t, r0[1] + v[1] * t, r0[2] + v[2] * t, v[0], v[1], v[2]);
    const e = eciToEcefState(new Float64Array(6), s, t);
    for (let i = 0; i < 3; i++) expect(e[3 + i]).toBeCloseTo((p1[i] - p0[i]) / (2 * dt), 4);
  });

  it('positions: inverse pair, rotation about z preserves |r| and z; out may alias', () => {
    const r = Float64Array.of(3e6, -4e6, 5e6);
    const e = eciToEcefPos(new Float64Array(3), r, 3600);
    expect(Math.hypot(e[0], e[1])).toBeCloseTo(5e6, 7);
    expect(e[2]).toBe(5e6);
    const back = ecefToEciPos(new Float64Array(3), e, 3600);
    for (let i = 0; i < 3; i++) expect(back[i]).toBeCloseTo(r[i], 7);
    const alias = Float64Array.from(r);
    eciToEcefPos(alias, alias, 3600);
    expect(Array.from(alias)).toEqual(Array.from(e));
    ecefToEciPos(alias, alias, 3600);
    expect(Array.from(alias)).toEqual(Array.from(back));
  });

  it('state: aliasing and packed offsets agree with the plain functions', () => {
    const s = Float64Array.of(7e6, -1e6, 2e6, 100, 200, 300);
    const ref = eciToEcefState(new Float64Array(6), s, 77);
    const refBack = ecefToEciState(new Float64Array(6), s, 77);
    const alias = Float64Array.from(s);
    eciToEcefState(alias, alias, 77);
    expect(Array.from(alias)).toEqual(Array.from(ref));
    const packed = new Float64Array(18);
    packed.set(s, 6);
    eciToEcefStateAt(packed, 12, packed, 6, 77);
    expect(Array.from(packed.subarray(12, 18))).toEqual(Array.from(ref));
    ecefToEciStateAt(packed, 6, packed, 6, 77);
    expect(Array.from(packed.subarray(6, 12))).toEqual(Array.from(refBack));
  });
});
