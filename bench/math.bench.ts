/**
 * Numerical core benchmarks: allocation-free ODE stepping, O(1) Kepler propagation, Philox normals.
 */
import { heapAfterGc, median, timeEach, type Figure } from './harness.js';
import { DormandPrince54, keplerPropagate, rngStream, type Deriv } from '../src/math/index.js';

const MU = 3.986004418e14; // m³/s², Earth GM (NIMA TR8350.2, WGS84, 3rd ed., Table 3.1)

const twoBody: Deriv = (_t, y, d) => {
  const r = Math.sqrt(y[0] * y[0] + y[1] * y[1] + y[2] * y[2]);
  const k = -MU / (r * r * r);
  d[0] = y[3];
  d[1] = y[4];
  d[2] = y[5];
  d[3] = k * y[0];
  d[4] = k * y[1];
  d[5] = k * y[2];
};

// Low Earth orbit, e ≈ 0.05.
const LEO = [7.0e6, 0, 0, 0, 1.025 * Math.sqrt(MU / 7.0e6), 300];

function odeHeapGrowth(): Figure {
  const dp = new DormandPrince54(6, { rtol: 1e-9, atol: 1e-6, hMax: 1 });
  const run = (steps: number) => {
    dp.reset(twoBody, 0, LEO);
    for (let i = 0; i < steps; i++) {
      if (dp.step(1e12) < 0) throw new Error('DormandPrince54 failed in the benchmark');
    }
  };
  run(200_000); // warm up the JIT so compiled code is not counted as growth
  const before = heapAfterGc();
  const t0 = performance.now();
  run(1_000_000);
  const ms = performance.now() - t0;
  const after = heapAfterGc();
  const growth = after - before;
  return {
    name: 'math.ode.heap_growth_1e6_steps',
    value: growth,
    unit: 'bytes',
    goal: '≈ 0 (< 100 kB)',
    pass: growth < 100_000,
    note: `DormandPrince54, 6-state two-body, hMax 1 s; ${(ms * 1000 / 1e6).toFixed(2)} µs/step`,
  };
}

function keplerTimes(): Figure[] {
  const out = new Float64Array(6);
  const BATCH = 1000;
  const per = (dt: number) => {
    const ms = timeEach(() => {
      for (let i = 0; i < BATCH; i++) keplerPropagate(out, LEO, dt + i * 1e-3, MU);
    }, 200);
    return (median(ms) * 1000) / BATCH; // µs per call
  };
  const t300 = per(300);
  const t3000 = per(3000);
  const ratio = Math.max(t300, t3000) / Math.min(t300, t3000);
  const goal = 'dt = 300 s and 3000 s within 2× (O(1))';
  return [
    { name: 'math.kepler.propagate.dt300', value: t300, unit: 'µs/call', goal, pass: ratio <= 2, note: `ratio ${ratio.toFixed(2)}` },
    { name: 'math.kepler.propagate.dt3000', value: t3000, unit: 'µs/call', goal, pass: ratio <= 2, note: `ratio ${ratio.toFixed(2)}` },
  ];
}

function philoxNormal(): Figure {
  const rng = rngStream(2024, 0, 'bench', 'normal');
  const BATCH = 100_000;
  let sink = 0;
  const ms = timeEach(() => {
    for (let i = 0; i < BATCH; i++) sink += rng.normal();
  }, 50);
  const ns = (median(ms) * 1e6) / BATCH;
  return {
    name: 'math.philox.normal',
    value: ns,
    unit: 'ns/draw',
    goal: 'report',
    pass: Number.isFinite(sink) && ns > 0,
    note: 'Philox4x32-10 + Box–Muller (one block per two normals)',
  };
}

export async function run(): Promise<Figure[]> {
  return [odeHeapGrowth(), ...keplerTimes(), philoxNormal()];
}
