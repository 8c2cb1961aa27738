/** Benchmark: nanoseconds per USSA76 density() call (drag evaluates it every integrator stage). */
import { density } from '../src/atmosphere/index.js';
import { median, timeEach, type Figure } from './harness.js';

const N = 1 << 16;

/** Altitudes spread evenly over [lo, hi] in a scrambled order (no branch-predictor streaks). */
function altitudes(lo: number, hi: number): Float64Array {
  const z = new Float64Array(N);
  for (let i = 0; i < N; i++) z[i] = lo + ((hi - lo) * ((i * 40503) % N)) / N;
  return z;
}

let sink = 0;

function nsPerCall(z: Float64Array): number {
  const ms = timeEach(() => {
    let s = 0;
    for (let i = 0; i < N; i++) s += density(z[i]);
    sink += s;
  }, 60);
  return (median(ms) * 1e6) / N;
}

export async function run(): Promise<Figure[]> {
  const goal = 100; // ns; a drag integrator calls density ~4–6 times per step
  const lower = nsPerCall(altitudes(0, 86e3));
  const upper = nsPerCall(altitudes(86e3, 1000e3));
  const mixed = nsPerCall(altitudes(0, 200e3));
  if (!Number.isFinite(sink)) throw new Error('unreachable');
  return [
    { name: 'atmosphere.density.0-86km', value: lower, unit: 'ns/call', goal: `≤ ${goal} ns`, pass: lower <= goal, note: 'USSA76 layer formulas' },
    { name: 'atmosphere.density.86-1000km', value: upper, unit: 'ns/call', goal: `≤ ${goal} ns`, pass: upper <= goal, note: 'Table I Hermite extension' },
    { name: 'atmosphere.density.0-200km', value: mixed, unit: 'ns/call', goal: `≤ ${goal} ns`, pass: mixed <= goal, note: 'reentry band mix' },
  ];
}
