/** Shared by the replica tests: scenarios prepared once per file (and edit), and events by type. */
import { loadScenarioFile, readCatalog } from '../../src/cli/catalog-files.js';
import type { Scenario } from '../../src/scenario/index.js';
import { prepareScenario, type PreparedScenario } from '../../src/sim/replica.js';
import type { SimEvent } from '../../src/sim/index.js';

export const catalog = readCatalog();
const cache = new Map<string, PreparedScenario>();

/** The scenario file prepared for replicas, after an optional edit; cached. */
export function prepared(file: string, edit?: (s: Scenario) => void): PreparedScenario {
  const key = file + (edit ? edit.toString() : '');
  let p = cache.get(key);
  if (!p) {
    const sc = loadScenarioFile(file, catalog);
    edit?.(sc);
    p = prepareScenario(sc, catalog, file);
    cache.set(key, p);
  }
  return p;
}

/** The events of one type. */
export const of = <T extends SimEvent['type']>(events: readonly SimEvent[], type: T) => events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
