/**
 * Each catalog missile reaches its published maximum range within 10 % on a minimum-energy
 * trajectory. The published ranges and their sources are in each catalog file (`range_km`
 * and `sources`): Scud-B 300 km (Zaloga 2006; NASIC 2017), Nodong 1,300 km (Wright & Kadyshev,
 * Science & Global Security 4, 1994; NASIC 2017 "1,250+ km"), DF-21 1,750 km (NASIC 2017
 * "1,750+ km"), Musudan 3,200 km (NASIC 2017 "3,000+ km"; Schiller, RAND TR-1268, 2012).
 *
 * Published ranges ignore the Earth's rotation; the test takes the mean of the maximum ranges
 * fired due east and due west from 40° N (rotation adds to one and takes from the other).
 */
import { describe, expect, it } from 'vitest';
import { maxRangeFor } from '../../src/threat/index.js';
import { DEG, MISSILES, vehicle } from '../threat/helpers.js';

describe('catalog missiles reach their published ranges', () => {
  it.each(MISSILES)('%s: minimum-energy maximum range within 10 %% of range_km', (id) => {
    const v = vehicle(id);
    const launch = { lat: 40 * DEG, lon: 0, h: 0, time: 0 };
    const east = maxRangeFor(v, launch, 90 * DEG, { type: 'min-energy' });
    const west = maxRangeFor(v, launch, 270 * DEG, { type: 'min-energy' });
    const mean = (east + west) / 2 / 1000;
    expect(Math.abs(mean - v.type.range_km) / v.type.range_km).toBeLessThan(0.1);
  });
});
