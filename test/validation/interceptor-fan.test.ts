/**
 * Validation: fly-out fans against direct simulation. For each catalog interceptor, random
 * (ground range, altitude) points inside the fan (all four cell corners defined) are solved by
 * direct simulation (bisection on the pitch-over angle until the fly-out passes the point within
 * 1 cm, `directFlyout`); the fan's bilinear time of flight and speed must agree within 1 %
 * (issue 4 requirement).
 */
import { describe, expect, it } from 'vitest';
import { directFlyout } from '../../src/interceptor/index.js';
import { INTERCEPTORS, fanOf, interceptor, lcg } from '../interceptor/helpers.js';

describe.each(INTERCEPTORS)('fan of %s vs direct simulation', (id) => {
  it('time of flight and speed within 1 % at random points inside the fan', () => {
    const v = interceptor(id);
    const fan = fanOf(id);
    const rnd = lcg(id.length * 7919);
    let n = 0, worstT = 0, worstS = 0;
    for (let q = 0; q < 400 && n < 12; q++) {
      const rho = rnd() * v.maxRange;
      const h = v.minAltitude + rnd() * (v.maxAltitude - v.minAltitude);
      const tf = fan.tofAt(rho, h);
      if (!(tf === tf)) continue;
      const d = directFlyout(v, rho, h);
      expect(d.tof).toBeGreaterThan(0);
      worstT = Math.max(worstT, Math.abs(tf / d.tof - 1));
      worstS = Math.max(worstS, Math.abs(fan.speedAt(rho, h) / d.speed - 1));
      n++;
    }
    expect(n).toBe(12);
    expect(worstT).toBeLessThan(0.01);
    expect(worstS).toBeLessThan(0.01);
  });
});
