/**
 * Benchmark harness. Each `bench/*.bench.ts` exports `run(): Promise<Figure[]>`; `bench/main.ts`
 * runs them in order, prints each figure, writes `bench/results.json` and adds rows to
 * `BENCHMARKS.md` with the machine (cores, Node version, CPU). Never part of `npm test`.
 */
import os from 'node:os';

export interface Figure {
  /** Short, stable name, e.g. `trajectory.aimed_mrbm.median`. */
  name: string;
  value: number;
  unit: string;
  /** The goal as text, e.g. `≤ 5 ms`; `pass` is whether value meets it. */
  goal: string;
  pass: boolean;
  /** Optional detail shown in BENCHMARKS.md. */
  note?: string;
}

export function machine(): { cores: number; node: string; cpu: string } {
  const cpus = os.cpus();
  return { cores: cpus.length, node: process.version, cpu: cpus[0]?.model ?? 'unknown' };
}

/** Median of a list (copies, does not sort in place). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/** Times `fn` `reps` times after `warmup` calls; returns per-call milliseconds. */
export function timeEach(fn: () => void, reps: number, warmup = Math.min(20, reps)): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Heap used after a full GC (needs `node --expose-gc`, which `npm run bench` passes). */
export function heapAfterGc(): number {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
  return process.memoryUsage().heapUsed;
}
