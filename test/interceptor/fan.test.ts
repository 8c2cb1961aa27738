/** Fly-out fans: node values, interpolation, outside → NaN, and the direct solver agreeing at nodes. */
import { describe, expect, it } from 'vitest';
import { directFlyout } from '../../src/interceptor/index.js';
import { fanOf, interceptor } from './helpers.js';

describe('FlyoutFan (thaad-like)', () => {
  const fan = fanOf('thaad-like');
  const v = interceptor('thaad-like');

  it('returns the table at the nodes and interpolates linearly along a grid line', () => {
    let checked = 0;
    for (let i = 1; i < fan.nRange - 1; i += 7) {
      for (let j = 0; j < fan.nAlt - 1; j += 5) {
        const k = i * fan.nAlt + j;
        const a = fan.tof[k], b = fan.tof[k + 1];
        if (!(a === a && b === b && fan.tof[k + fan.nAlt] === fan.tof[k + fan.nAlt] && fan.tof[k + fan.nAlt + 1] === fan.tof[k + fan.nAlt + 1])) continue;
        const rho = i * fan.dRange, h = fan.alt0 + j * fan.dAlt;
        expect(fan.tofAt(rho, h)).toBeCloseTo(a, 9);
        expect(fan.tofAt(rho, h + 0.25 * fan.dAlt)).toBeCloseTo(0.75 * a + 0.25 * b, 9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('is NaN outside the grid and beyond the kinematic envelope', () => {
    expect(fan.tofAt(-1, 50e3)).toBeNaN();
    expect(fan.tofAt(10e3, v.maxAltitude + 1)).toBeNaN();
    expect(fan.tofAt(v.maxRange + 1, 50e3)).toBeNaN();
    expect(fan.tofAt(190e3, 45e3)).toBeNaN(); // far and low: the full-burn gravity turns climb higher than that on the way out
    expect(fan.tofAt(190e3, 145e3)).toBeGreaterThan(100); // far and high is inside
  });

  it('time of flight grows with range at fixed altitude, and the pitch-over flattens', () => {
    const h = 120e3;
    let prevT = 0, prevK = 0;
    for (let rho = 20e3; rho <= 190e3; rho += 10e3) {
      const t = fan.tofAt(rho, h), k = fan.kickAt(rho, h);
      expect(t).toBeGreaterThan(prevT);
      expect(k).toBeGreaterThan(prevK);
      prevT = t;
      prevK = k;
    }
  });

  it('agrees with the direct solver at a node to 1e-3 relative', () => {
    const i = 40, j = 30;
    const rho = i * fan.dRange, h = fan.alt0 + j * fan.dAlt;
    const d = directFlyout(v, rho, h);
    expect(Math.abs(fan.tof[i * fan.nAlt + j] / d.tof - 1)).toBeLessThan(1e-3);
    expect(Math.abs(fan.speed[i * fan.nAlt + j] / d.speed - 1)).toBeLessThan(1e-3);
  });
});
