/** The benchmarks `npm run bench` runs, in order. Add `[name, run]` for each new bench file. */
import type { Figure } from './harness.js';
import { run as atmosphere } from './atmosphere.bench.js';
import { run as campaign } from './campaign.bench.js';
import { run as earth } from './earth.bench.js';
import { run as guidance } from './guidance.bench.js';
import { run as interceptor } from './interceptor.bench.js';
import { run as math } from './math.bench.js';
import { run as sensor } from './sensor.bench.js';
import { run as sim } from './sim.bench.js';
import { run as threat } from './threat.bench.js';
import { run as track } from './track.bench.js';
import { run as wta } from './wta.bench.js';

export const benches: Array<[string, () => Promise<Figure[]>]> = [
  ['atmosphere', atmosphere],
  ['campaign', campaign],
  ['earth', earth],
  ['guidance', guidance],
  ['interceptor', interceptor],
  ['math', math],
  ['sensor', sensor],
  ['sim', sim],
  ['threat', threat],
  ['track', track],
  ['wta', wta],
];
