/** Trajectories to the writers' common shape (PathForOutput), with events placed on the Earth. */
import { ecefToGeodetic } from '../earth/index.js';
import type { Trajectory } from '../threat/index.js';
import type { PathForOutput } from './czml.js';

const RAD = 180 / Math.PI;

/**
 * Samples a trajectory for output: every integration point plus coast points every
 * `dtCoast` s, ECEF states (stride 6), and each event with its geodetic position.
 */
export function trajectoryToPath(traj: Trajectory, id: string, name: string, dtCoast = 10): PathForOutput {
  const s = traj.samples(dtCoast);
  const st = new Float64Array(6);
  const llh = new Float64Array(3);
  const events = traj.events.map((e) => {
    traj.stateAt(e.t, st, 'ecef');
    ecefToGeodetic(llh, st);
    return { name: e.name, t: e.t, lat_deg: llh[0] * RAD, lon_deg: llh[1] * RAD, alt_m: llh[2] };
  });
  return { id, name, kind: traj.kind, t: s.t, ecef: s.ecef, stride: 6, events };
}
