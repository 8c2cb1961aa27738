/**
 * Validation: each catalog interceptor reaches its published class.
 *  - burnout speed (Earth-relative, fly-out at 40° from the vertical) within 10 % of the published
 *    figure: SM-3 Block IA ~3 km/s (CSIS Missile Threat "SM-3"; Lewis & Postol, Arms Control Today,
 *    May 2010), THAAD ~2.8 km/s (CSIS "THAAD", Mach 8.24), PAC-3 Mach ~5 class (~1.6 km/s);
 *  - the fly-out fan reaches at least 90 % of the published maximum range inside the altitude band,
 *    and at least 90 % of the published ceiling (SM-3 ~700 km / ~500 km, THAAD ~200 km / ~150 km,
 *    PAC-3 tens of km / ~20 km; CSIS pages, cited in the catalog files).
 */
import { describe, expect, it } from 'vitest';
import { FAN_SITE, FlyoutSim } from '../../src/interceptor/index.js';
import { DEG, INTERCEPTORS, fanOf, interceptor } from '../interceptor/helpers.js';

describe.each(INTERCEPTORS)('%s reaches its published class', (id) => {
  const v = interceptor(id);
  const pub = v.type.published;
  it('burnout speed within 10 % of the published figure', () => {
    const vbo = new FlyoutSim().flyUnguided(v, FAN_SITE, { launchTime: 0, azimuth: 0, kick: 40 * DEG }, v.burnout, { add() {} });
    expect(Math.abs(vbo / pub.burnout_speed_mps - 1)).toBeLessThan(0.1);
  });
  it('fan reaches ≥ 90 % of the published range and ceiling', () => {
    const fan = fanOf(id);
    let maxRho = 0, maxH = 0;
    for (let i = 0; i < fan.nRange; i++) {
      for (let j = 0; j < fan.nAlt; j++) {
        const t = fan.tof[i * fan.nAlt + j];
        if (!(t === t)) continue;
        maxRho = Math.max(maxRho, i * fan.dRange);
        maxH = Math.max(maxH, fan.alt0 + j * fan.dAlt);
      }
    }
    expect(maxRho).toBeGreaterThanOrEqual(0.9 * pub.max_range_km * 1000);
    expect(maxH).toBeGreaterThanOrEqual(0.9 * pub.max_altitude_km * 1000);
  });
});
