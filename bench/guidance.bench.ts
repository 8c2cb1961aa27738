/**
 * Benchmark: microseconds per guidance-lab run at the default step (h = min(T, TF)/1000), per
 * adjoint run (the whole miss-vs-flight-time curve), and nanoseconds per 3D PN command and per
 * endgame closest-approach solve.
 */
import { adjointMiss, runGuidanceLab, type LabInput } from '../src/interceptor/guidance-lab.js';
import { pnAccel } from '../src/interceptor/guidance.js';
import { closestApproach } from '../src/interceptor/endgame.js';
import { vec3 } from '../src/math/index.js';
import { median, timeEach, type Figure } from './harness.js';

let sink = 0;

export async function run(): Promise<Figure[]> {
  // Zarchan's usual single-lag case: N' = 3, T = 0.5 s, TF = 5 s (TF/T = 10: 10 000 grid steps + the terminal mesh).
  const inp: LabInput = {
    law: 'pn',
    navRatio: 3,
    timeConstant_s: 0.5,
    flightTime_s: 5,
    closingSpeed_mps: 4000,
    missileSpeed_mps: 3000,
    headingError_rad: -0.349,
    targetAccel_mps2: 29.42,
    lag: 'single',
  };
  const labUs = median(timeEach(() => (sink += runGuidanceLab(inp).miss_m), 200)) * 1e3;
  const adjUs = median(timeEach(() => (sink += adjointMiss(inp, { samples: 101 }).miss_m[100]), 100)) * 1e3;

  const N = 1 << 16;
  const r = vec3.fromValues(8000, 300, -120);
  const v = vec3.fromValues(-3000, 40, 12);
  const a = vec3.create();
  const pnNs = (median(timeEach(() => {
    for (let i = 0; i < N; i++) {
      r[1] = 300 + (i & 255);
      pnAccel(a, r, v, 4);
      sink += a[1];
    }
  }, 60)) * 1e6) / N;

  const M = 1 << 12;
  const r0 = vec3.fromValues(3, 1, -2), v0 = vec3.fromValues(-3000, 5, 7), r1 = vec3.create(), v1 = vec3.fromValues(-2990, 60, -20);
  const caNs = (median(timeEach(() => {
    for (let i = 0; i < M; i++) {
      r0[0] = 3 + (i & 7) * 0.1;
      vec3.scaleAndAdd(r1, r0, v0, 2e-3);
      sink += closestApproach(r0, v0, r1, v1, 2e-3).miss;
    }
  }, 40)) * 1e6) / M;
  if (!Number.isFinite(sink)) throw new Error('unreachable');
  return [
    { name: 'guidance.lab.single-lag.TF/T=10', value: labUs, unit: 'µs/run', goal: '≤ 2000 µs', pass: labUs <= 2000, note: 'default step T/1000, RK4, 10 000 steps + terminal mesh' },
    { name: 'guidance.adjoint.single-lag.TF/T=10', value: adjUs, unit: 'µs/run', goal: '≤ 2000 µs', pass: adjUs <= 2000, note: 'miss vs flight time, 101 samples, one backward run' },
    { name: 'guidance.pnAccel', value: pnNs, unit: 'ns/call', goal: '≤ 50 ns', pass: pnNs <= 50, note: '3D true PN command' },
    { name: 'guidance.closestApproach', value: caNs, unit: 'ns/call', goal: '≤ 5000 ns', pass: caNs <= 5000, note: 'Hermite quintic roots, once per engagement' },
  ];
}
