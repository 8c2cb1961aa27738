/** The benchmarks `npm run bench` runs, in order. Add `[name, run]` for each new bench file. */
import type { Figure } from './harness.js';

export const benches: Array<[string, () => Promise<Figure[]>]> = [];
