/**
 * The physical world of one replica before any decision is taken: the flown threats as objects
 * sensors can see (each RV and each spent stage separately), and the scenario's sensors built
 * with their random streams, radars cued by the early-warning satellites' launch reports.
 */
import type { Catalog, Scenario } from '../scenario/index.js';
import {
  EarlyWarning,
  Radar,
  compileEarlyWarning,
  launchFanCue,
  type LaunchReport,
  type RadarSite,
  type RadarType,
  type SensedObject,
} from '../sensor/index.js';
import { vehicleFromEntry, type Trajectory } from '../threat/index.js';
import type { FlownThreat } from './threats.js';

/** A trajectory as a sensed object alive on [from, impact], in ECEF. */
function objectOf(id: string, traj: Trajectory, from: number, rcs: number): SensedObject {
  return {
    id,
    launchTime: from,
    endTime: traj.t1,
    rcs_m2: rcs,
    stateAt: (t, out) => traj.stateAt(t, out, 'ecef'),
  };
}

/**
 * What radars see of each missile: while it boosts, one object (the whole missile, id
 * `<threat>/booster`, with the booster's RCS); after separation the spent stage keeps that id
 * and the RV appears as `<threat>` — so association has real work. A missile whose warhead
 * does not separate is one object, `<threat>`, all the way.
 */
export function sensedObjects(flown: readonly FlownThreat[], catalog: Catalog): { objects: SensedObject[]; boosters: Map<string, SensedObject> } {
  const objects: SensedObject[] = [];
  const boosters = new Map<string, SensedObject>();
  for (const f of flown) {
    const v = vehicleFromEntry(catalog.get('missile', f.missile));
    const fl = f.aim.flight;
    if (fl.booster) {
      const sep = fl.rv.eventTime('separation');
      const b = objectOf(`${f.id}/booster`, fl.booster, fl.rv.t0, v.boosterRcs);
      objects.push(b, objectOf(f.id, fl.rv, sep, v.rvRcs));
      boosters.set(f.id, b);
    } else {
      const o = objectOf(f.id, fl.rv, fl.rv.t0, v.rvRcs);
      objects.push(o);
      boosters.set(f.id, o);
    }
  }
  return { objects, boosters };
}

export interface SensorSet {
  radars: Radar[];
  earlyWarning: EarlyWarning[];
}

/** The scenario's sensors for one replica (random streams keyed by seed, replica and sensor id). */
export function buildSensors(scenario: Scenario, catalog: Catalog, seed: number, replica: number): SensorSet {
  const radars: Radar[] = [];
  const earlyWarning: EarlyWarning[] = [];
  for (const s of scenario.sensors) {
    if (s.type === 'radar') {
      const site = s as RadarSite;
      const { file: _f, ...type } = catalog.get('radar', site.radar) as unknown as RadarType & { file: string };
      radars.push(Radar.fromScenario(site, type as RadarType, seed, replica));
    } else {
      earlyWarning.push(new EarlyWarning(compileEarlyWarning(s), seed, replica));
    }
  }
  return { radars, earlyWarning };
}

/**
 * Early warning: every satellite sensor reports every launch it sees; each report cues every
 * radar to the fan of trajectories it implies (the missile type's published range, apogee up
 * to 40 % of it — the minimum-energy apogee is ~25 %, lofted shots higher). Returns the reports.
 */
export function cueFromEarlyWarning(sensors: SensorSet, flown: readonly FlownThreat[], boosters: Map<string, SensedObject>, catalog: Catalog): LaunchReport[] {
  const reports: LaunchReport[] = [];
  for (const ew of sensors.earlyWarning) {
    for (const f of flown) {
      const rep = ew.observe(boosters.get(f.id)!);
      if (!rep) continue;
      reports.push(rep);
      const range = vehicleFromEntry(catalog.get('missile', f.missile)).type.range_km * 1000;
      for (const r of sensors.radars) {
        const cue = launchFanCue(rep, r.siteAt(rep.reportTime), { maxRange_m: 1.1 * range, maxAltitude_m: 0.4 * range });
        if (cue) r.addCue(cue);
      }
    }
  }
  reports.sort((a, b) => a.reportTime - b.reportTime || (a.object < b.object ? -1 : 1));
  return reports;
}
