/**
 * closestApproach: exact for straight-line and constant-acceleration relative motion (the cubic
 * Hermite reproduces both), O(dt⁴) for curved motion, and independent of where the step falls.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vec3 } from '../../src/math/index.js';
import { closestApproach } from '../../src/interceptor/endgame.js';

const coord = fc.double({ min: -5e3, max: 5e3, noNaN: true });
const v3 = fc.tuple(coord, coord, coord);
const vecOf = (t: [number, number, number]) => vec3.fromValues(t[0], t[1], t[2]);

describe('closestApproach: straight-line relative motion', () => {
  it('matches the analytic tca = clamp(−r0·v/|v|², 0, dt) and miss for any step', () => {
    fc.assert(
      fc.property(v3, v3, fc.double({ min: 1e-4, max: 10, noNaN: true }), (rt, vt, dt) => {
        const r0 = vecOf(rt);
        const v = vecOf(vt);
        const vv = vec3.dot(v, v);
        fc.pre(vv > 1e-6);
        const r1 = vec3.scaleAndAdd(vec3.create(), r0, v, dt);
        const t = Math.min(Math.max(-vec3.dot(r0, v) / vv, 0), dt);
        const miss = vec3.length(vec3.scaleAndAdd(vec3.create(), r0, v, t));
        const ca = closestApproach(r0, v, r1, v, dt);
        const scale = vec3.length(r0) + Math.sqrt(vv) * dt;
        expect(ca.tca).toBeGreaterThanOrEqual(0);
        expect(ca.tca).toBeLessThanOrEqual(dt);
        expect(Math.abs(ca.miss - miss)).toBeLessThan(1e-9 * scale);
        // The time is well determined only when the distance curve is not flat at the scale of the
        // round-off of |r|² (i.e. unless the miss is tiny next to the positions' size).
        if (miss > 1e-3 * scale) expect(Math.abs(ca.tca - t)).toBeLessThan(1e-6 * dt + 1e-12);
      }),
      { numRuns: 500, seed: 21 },
    );
  });
  it('a dead-centre hit gives miss 0 at the right time', () => {
    const r0 = vec3.fromValues(300, -40, 12);
    const v = vec3.fromValues(-3000, 400, -120);
    const ca = closestApproach(r0, v, vec3.scaleAndAdd(vec3.create(), r0, v, 0.25), v, 0.25);
    expect(ca.tca).toBeCloseTo(0.1, 12);
    expect(ca.miss).toBeLessThan(1e-9);
  });
  it('minimum at an end: receding gives tca = 0, still closing at the end gives tca = dt; dt ≤ 0 gives |r0|', () => {
    const r0 = vec3.fromValues(100, 20, 0);
    const away = vec3.fromValues(50, 0, 0);
    expect(closestApproach(r0, away, vec3.scaleAndAdd(vec3.create(), r0, away, 1), away, 1)).toEqual({ tca: 0, miss: vec3.length(r0) });
    const toward = vec3.fromValues(-50, 0, 0);
    const r1 = vec3.scaleAndAdd(vec3.create(), r0, toward, 1);
    const ca = closestApproach(r0, toward, r1, toward, 1);
    expect(ca.tca).toBe(1);
    expect(ca.miss).toBeCloseTo(vec3.length(r1), 12);
    expect(closestApproach(r0, toward, r1, toward, 0)).toEqual({ tca: 0, miss: vec3.length(r0) });
  });
});

describe('closestApproach: curved relative motion', () => {
  it('constant relative acceleration is reproduced exactly (Hermite cubic ⊇ quadratics)', () => {
    // r(t) = r0 + v0 t + ½ a t²; the minimum of |r| found independently by dense sampling + refinement.
    const r0 = vec3.fromValues(2000, 150, -30);
    const v0 = vec3.fromValues(-4000, -250, 80);
    const a = vec3.fromValues(300, 900, -500);
    const at = (t: number) => [0, 1, 2].map((i) => r0[i] + v0[i] * t + 0.5 * a[i] * t * t);
    const dist = (t: number) => Math.hypot(...at(t));
    let tBest = 0;
    for (let i = 0; i <= 200000; i++) if (dist(i * 1e-5) < dist(tBest)) tBest = i * 1e-5;
    // Golden-section refinement around the best sample.
    let lo = tBest - 1e-5, hi = tBest + 1e-5;
    for (let k = 0; k < 100; k++) {
      const m1 = lo + 0.382 * (hi - lo), m2 = lo + 0.618 * (hi - lo);
      if (dist(m1) < dist(m2)) hi = m2;
      else lo = m1;
    }
    const tStar = 0.5 * (lo + hi);
    for (const [t0, dt] of [[0, 2], [0.4, 0.2], [0.45, 0.1], [0.49, 0.02]]) {
      const p0 = vec3.fromValues(...(at(t0) as [number, number, number]));
      const p1 = vec3.fromValues(...(at(t0 + dt) as [number, number, number]));
      const w0 = vec3.scaleAndAdd(vec3.create(), v0, a, t0);
      const w1 = vec3.scaleAndAdd(vec3.create(), v0, a, t0 + dt);
      const ca = closestApproach(p0, w0, p1, w1, dt);
      if (tStar >= t0 && tStar <= t0 + dt) {
        expect(Math.abs(ca.miss - dist(tStar))).toBeLessThan(1e-9);
        expect(ca.tca + t0).toBeCloseTo(tStar, 7);
      }
    }
  });
  // Uniform circular relative motion r(t) = c + ρ(cos ωt, sin ωt, 0) with |c_xy| > ρ: the closest
  // point faces the origin in the xy-plane, ωt* = atan2(−c_y, −c_x), at distance
  // √((|c_xy| − ρ)² + c_z²).
  const c = vec3.fromValues(-130, 40, 25);
  const rho = 100;
  const w = 2;
  const pos = (t: number) => vec3.fromValues(c[0] + rho * Math.cos(w * t), c[1] + rho * Math.sin(w * t), c[2]);
  const vel = (t: number) => vec3.fromValues(-rho * w * Math.sin(w * t), rho * w * Math.cos(w * t), 0);
  let tStar = Math.atan2(-c[1], -c[0]) / w;
  if (tStar < 0) tStar += (2 * Math.PI) / w;
  const exact = Math.hypot(Math.hypot(c[0], c[1]) - rho, c[2]);
  const step = (t0: number, dt: number) => closestApproach(pos(t0), vel(t0), pos(t0 + dt), vel(t0 + dt), dt);
  it('circular motion: the miss converges like dt⁴ (×16 per halving) to the exact distance', () => {
    const errs: number[] = [];
    for (const dt of [0.4, 0.2, 0.1, 0.05, 0.025]) {
      const ca = step(tStar - 0.3 * dt, dt);
      errs.push(Math.abs(ca.miss - exact));
    }
    for (let i = 1; i < errs.length; i++) {
      const ratio = errs[i - 1] / errs[i];
      expect(ratio).toBeGreaterThan(12);
      expect(ratio).toBeLessThan(20);
    }
    expect(errs[errs.length - 1]).toBeLessThan(1e-5 * rho);
  });
  it('no dependence on where the step falls beyond the O(dt⁴) interpolation error', () => {
    const dt = 0.02; // ω·dt = 0.04: the Hermite error is ~ρ(ω dt)⁴/384 ≈ 7e-7 m
    const bound = (rho * (w * dt) ** 4) / 384;
    for (const phase of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
      const t0 = tStar - phase * dt;
      const ca = step(t0, dt);
      expect(Math.abs(ca.miss - exact)).toBeLessThan(bound);
      expect(Math.abs(ca.tca + t0 - tStar)).toBeLessThan(1e-3 * dt);
    }
  });
});
