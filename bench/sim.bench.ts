/** Whole-defense figures (issue 5): one replica of the reference scenario, perfect and full tracking. */
import { loadScenarioFile, readCatalog } from '../src/cli/catalog-files.js';
import { prepareScenario, runReplica } from '../src/sim/replica.js';
import { buildSensors, cueFromEarlyWarning, sensedObjects } from '../src/sim/world.js';
import { simulateSensors } from '../src/sensor/index.js';
import { Tracker } from '../src/track/index.js';
import { median, timeEach, type Figure } from './harness.js';

export async function run(): Promise<Figure[]> {
  const catalog = readCatalog();
  const sc = loadScenarioFile('scenarios/japan-1999.yaml', catalog);
  const t0 = performance.now();
  const p = prepareScenario(sc, catalog);
  const prep = performance.now() - t0;
  let r = 0;
  const ms = median(timeEach(() => void runReplica(p, 1999, r++), 30, 3));
  let leak = 0, shots = 0;
  r = 0;
  const full = median(
    timeEach(
      () => {
        const o = runReplica(p, 1999, r++, false, { tracking: 'full' });
        leak += o.result.leakers;
        shots += o.result.interceptors;
      },
      5,
      1,
    ),
  );
  // the part of a full-tracking replica that is sensing and tracking alone (no battle manager):
  // every radar scan of the raid (nothing killed) through the tracker
  let nScans = 0, nDet = 0;
  const sense = median(
    timeEach(
      () => {
        const { objects, boosters } = sensedObjects(p.flown, p.catalog);
        const sensors = buildSensors(sc, p.catalog, 1999, 0);
        cueFromEarlyWarning(sensors, p.flown, boosters, p.catalog);
        const tEnd = Math.max(...p.flown.map((f) => f.aim.flight.impactTime));
        const { scans } = simulateSensors(objects, sensors.radars, 0, tEnd);
        const tr = new Tracker({ recordRows: false });
        for (const s of scans) tr.processScan(s);
        nScans = scans.length;
        nDet = tr.detectionsProcessed;
      },
      3,
      1,
    ),
  );
  return [
    { name: 'sim.japan1999.replica_median', value: ms, unit: 'ms', goal: '≤ 200 ms', pass: ms <= 200, note: `${p.flown.length} threats, ${p.batteries.length} batteries, perfect tracking, planEngagements BMC` },
    {
      name: 'sim.japan1999.replica_full_tracking_median',
      value: full,
      unit: 'ms',
      goal: '≤ 200 ms',
      pass: full <= 200,
      note: `radar scans → tracker → BMC on tracks; ${(leak / 6).toFixed(1)} leakers, ${(shots / 6).toFixed(0)} interceptors per replica (6 replicas)`,
    },
    { name: 'sim.japan1999.sensing_and_tracking_only', value: sense, unit: 'ms', goal: 'part of the full-tracking replica', pass: true, note: `${nScans} scans, ${nDet} detections through the Tracker, no BMC` },
    { name: 'sim.japan1999.prepare', value: prep, unit: 'ms', goal: 'once per worker', pass: true, note: 'aiming every threat, fly-out fans' },
  ];
}
