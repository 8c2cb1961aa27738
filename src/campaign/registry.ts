/**
 * Replica models by name. A worker thread rebuilds its model from (name, scenario text, file),
 * so every model must be registered here at import time (not by the CLI at run time): the worker
 * entry point (worker.ts) imports this module and finds the same list.
 *
 * Built in: `analytic` (analytic.ts, a defense with a known answer). The whole-defense replica
 * of src/sim registers as `sim` (sim-model.ts).
 */
import { suggestion, userError } from '../errors.js';
import { analyticModel, hasAnalyticSection } from './analytic.js';
import { simModel } from './sim-model.js';
import type { ReplicaModelFactory } from './types.js';

const models = new Map<string, ReplicaModelFactory>();

/** Registers (or replaces) a replica model factory under `name`. */
export function registerModel(name: string, factory: ReplicaModelFactory): void {
  models.set(name, factory);
}

/** Registered model names, in registration order. */
export function modelNames(): string[] {
  return [...models.keys()];
}

/** The factory registered as `name`; UserError naming `where` (e.g. `--model`) otherwise. */
export function modelFactory(name: string, where = '--model'): ReplicaModelFactory {
  const f = models.get(name);
  if (!f) throw userError(where, `unknown replica model '${name}'; expected one of ${modelNames().join(', ')}${suggestion(name, modelNames())}`);
  return f;
}

/**
 * The model to use when the user names none: `analytic` when the scenario has an `analytic:`
 * section (such a file is not a whole-defense scenario), else `sim`.
 */
export function defaultModel(scenarioText: string, where: string): string {
  if (hasAnalyticSection(scenarioText)) return 'analytic';
  if (models.has('sim')) return 'sim';
  throw userError(
    where,
    `no replica model for this scenario: the whole-defense model 'sim' is not available in this build and the scenario has no 'analytic:' section; pass --model (one of ${modelNames().join(', ')}) or add an analytic section`,
  );
}

registerModel('analytic', analyticModel);
registerModel('sim', simModel);
