/**
 * Executors of replica batches: a piscina 5 worker-thread pool, or the calling thread
 * (`workers: 0`, for tests and tiny campaigns). Which executor runs a batch never changes its
 * rows: a replica depends only on (seed, replica index).
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runBatch, type BatchResult } from './batch.js';
import { modelFactory } from './registry.js';
import type { BatchTask, WorkerInit } from './worker.js';

export interface Executor {
  /** worker threads (0: the calling thread) */
  readonly workers: number;
  run(start: number, end: number): Promise<BatchResult>;
  close(): Promise<void>;
}

/**
 * The worker script: dist/campaign-worker.js beside the bundled CLI; when the sources run
 * unbundled (tsx, vitest), src/campaign/worker.ts.
 */
export function defaultWorkerFile(): string {
  const here = import.meta.url;
  return fileURLToPath(here.endsWith('.ts') ? new URL('./worker.ts', here) : new URL('./campaign-worker.js', here));
}

/** An executor with `workers` threads (0: in the calling thread). */
export function createExecutor(init: WorkerInit, workers: number, workerFile = defaultWorkerFile()): Executor {
  if (workers === 0) {
    const model = modelFactory(init.model)(init.scenarioText, init.file);
    return {
      workers: 0,
      run: (start, end) => Promise.resolve(runBatch(model, init.seed, start, end)),
      close: () => Promise.resolve(),
    };
  }
  const pool = new Piscina<BatchTask, BatchResult>({
    filename: workerFile,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    workerData: init,
  });
  return {
    workers,
    run: (start, end) => pool.run({ start, end }),
    close: () => pool.destroy(),
  };
}
