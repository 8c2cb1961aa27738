/** Whole-defense figures (issue 5): one replica of the reference scenario. */
import { loadScenarioFile, readCatalog } from '../src/cli/catalog-files.js';
import { prepareScenario, runReplica } from '../src/sim/replica.js';
import { median, timeEach, type Figure } from './harness.js';

export async function run(): Promise<Figure[]> {
  const catalog = readCatalog();
  const sc = loadScenarioFile('scenarios/japan-1999.yaml', catalog);
  const t0 = performance.now();
  const p = prepareScenario(sc, catalog);
  const prep = performance.now() - t0;
  let r = 0;
  const ms = median(timeEach(() => void runReplica(p, 1999, r++), 30, 3));
  return [
    { name: 'sim.japan1999.replica_median', value: ms, unit: 'ms', goal: '≤ 200 ms', pass: ms <= 200, note: `${p.flown.length} threats, ${p.batteries.length} batteries, perfect tracking (full tracker in the loop: not yet)` },
    { name: 'sim.japan1999.prepare', value: prep, unit: 'ms', goal: 'once per worker', pass: true, note: 'aiming every threat, fly-out fans' },
  ];
}
