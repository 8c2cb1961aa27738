/**
 * Worker-thread entry point of the campaign pool (bundled by esbuild as dist/campaign-worker.js,
 * loaded by piscina). The pool's `workerData` says which model to build (WorkerInit); the model is
 * built once per thread, then each task runs one batch of replicas.
 */
import { workerData } from 'piscina';
import { runBatch, type BatchResult } from './batch.js';
import { modelFactory } from './registry.js';
import type { ReplicaModel } from './types.js';

/** What a worker needs to rebuild the replica model. */
export interface WorkerInit {
  model: string;
  scenarioText: string;
  file: string;
  seed: number;
}

/** One task: replica indices [start, end). */
export interface BatchTask {
  start: number;
  end: number;
}

let model: ReplicaModel | null = null;

/** Runs one batch (the result is structured-cloned to the main thread: a few kB per batch). */
export default function task(t: BatchTask): BatchResult {
  const init = workerData as WorkerInit;
  model ??= modelFactory(init.model)(init.scenarioText, init.file);
  return runBatch(model, init.seed, t.start, t.end);
}
