/**
 * Sensor-only simulation: fly given truth past given radars and collect every scan, in time
 * order, with the true states at each scan time. The core of `tmd simulate-sensors` (which adds
 * the scenario loading and the CSV files).
 *
 * Order: each radar scans at firstScan + k·revisit (`Radar.nextScanTime`) within [t0, t1]; scans
 * of different radars are merged by time, ties in the order of the `radars` list. At each scan
 * the objects alive then (launchTime ≤ t ≤ endTime) are packed and passed to `Radar.scan`; one
 * truth row per alive object is kept per distinct scan time.
 */
import type { TrajectoryAccess } from './early-warning.js';
import type { Scan } from './measurement.js';
import type { ObjectSet, Radar } from './radar.js';

/** An object radars can see: its flight and its radar cross section (m², one value for all aspects). */
export interface SensedObject extends TrajectoryAccess {
  rcs_m2: number;
}

/** The truth at one scan time: an object's ECEF state [x, y, z, vx, vy, vz] (m, m/s). */
export interface TruthState {
  time: number;
  object: string;
  state: Float64Array;
}

/**
 * Runs the radars over [t0, t1] (s) against the objects; returns the truth states at the scan
 * times and every scan (empty scans included), both in time order.
 */
export function simulateSensors(objects: readonly SensedObject[], radars: readonly Radar[], t0: number, t1: number): { truth: TruthState[]; scans: Scan[] } {
  const next = radars.map((r) => r.nextScanTime(t0 - 1e-9));
  const truth: TruthState[] = [];
  const scans: Scan[] = [];
  const set: ObjectSet = { n: 0, ids: new Array<string>(objects.length), ecef: new Float64Array(3 * objects.length), rcs_m2: new Float64Array(objects.length) };
  const s6 = new Float64Array(6);
  let lastTruthTime = NaN;
  for (;;) {
    let k = -1;
    for (let i = 0; i < radars.length; i++) if (next[i] <= t1 && (k < 0 || next[i] < next[k])) k = i;
    if (k < 0) break;
    const t = next[k];
    const newTime = t !== lastTruthTime;
    let n = 0;
    for (const o of objects) {
      if (t < o.launchTime || t > o.endTime) continue;
      o.stateAt(t, s6);
      set.ids[n] = o.id;
      set.ecef[3 * n] = s6[0];
      set.ecef[3 * n + 1] = s6[1];
      set.ecef[3 * n + 2] = s6[2];
      set.rcs_m2[n] = o.rcs_m2;
      n++;
      if (newTime) truth.push({ time: t, object: o.id, state: Float64Array.from(s6) });
    }
    lastTruthTime = t;
    set.n = n;
    scans.push(radars[k].scan(t, set));
    next[k] = radars[k].nextScanTime(t);
  }
  return { truth, scans };
}
