/**
 * The whole-defense replica (src/sim/replica.ts) as a campaign model: the scenario is parsed
 * and prepared (threats aimed, fans built) once per worker; each replica then runs with its own
 * random streams, perfect tracking (the full tracker in the loop is `tmd run --tracking full`;
 * at ~2 s a replica it is not yet the campaign default).
 *
 * Node side: the catalog is read from the package's catalog/ folder.
 */
import { readCatalog } from '../cli/catalog-files.js';
import { parseScenario } from '../scenario/index.js';
import { prepareScenario, runReplica } from '../sim/replica.js';
import type { ReplicaModel } from './types.js';

export function simModel(text: string, file: string): ReplicaModel {
  const catalog = readCatalog();
  const scenario = parseScenario(text, file, catalog);
  const prepared = prepareScenario(scenario, catalog, file);
  return {
    assets: scenario.assets.map((a) => a.id),
    run: (seed, replica) => runReplica(prepared, seed, replica).result,
  };
}
