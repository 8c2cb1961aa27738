/**
 * Flies a scenario's threats: every missile of every threat entry (a `count` > 1 is a salvo
 * from the same site, `salvo_interval_s` apart), aimed with its shape. Threat trajectories are
 * computed once at launch, as DESIGN.md's executive expects.
 */
import { UserError, type Problem } from '../errors.js';
import type { Catalog, Scenario } from '../scenario/index.js';
import { aimMissile, vehicleFromEntry, type AimResult, type Shape } from '../threat/index.js';

const DEG = Math.PI / 180;

export interface FlownThreat {
  /** `id`, or `id#k` (k = 1…count) for the missiles of a salvo */
  id: string;
  /** index of the threat entry in the scenario */
  entry: number;
  missile: string;
  aim: AimResult;
}

/** The threat module's shape for a scenario shape. */
export function shapeOf(s: Scenario['threats'][number]['shape']): Shape {
  switch (s.type) {
    case 'min-energy':
      return { type: 'min-energy' };
    case 'lofted':
    case 'depressed':
      return { type: s.type, apogeeM: s.apogee_km * 1000 };
    case 'burnout-angle':
      return { type: 'burnout-angle', angleRad: s.angle_deg * DEG };
  }
}

/**
 * Aims and flies every missile. Unreachable targets are reported together, one problem per
 * threat entry, located at `threats[i].target` in `file`.
 */
export function flyThreats(scenario: Scenario, catalog: Catalog, file = 'scenario'): FlownThreat[] {
  const out: FlownThreat[] = [];
  const problems: Problem[] = [];
  scenario.threats.forEach((t, i) => {
    const vehicle = vehicleFromEntry(catalog.get('missile', t.missile, `${file} threats[${i}].missile`));
    const shape = shapeOf(t.shape);
    const target = { lat: t.target.lat_deg * DEG, lon: t.target.lon_deg * DEG };
    for (let k = 0; k < t.count; k++) {
      const launch = {
        lat: t.launch.lat_deg * DEG,
        lon: t.launch.lon_deg * DEG,
        h: t.launch.alt_m ?? 0,
        time: t.launch_time_s + k * (t.salvo_interval_s ?? 0),
      };
      try {
        const aim = aimMissile(vehicle, launch, target, shape);
        out.push({ id: t.count > 1 ? `${t.id}#${k + 1}` : t.id, entry: i, missile: t.missile, aim });
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        problems.push(...e.problems.map((p) => ({ where: `${file} threats[${i}].target`, message: p.message })));
        break; // the other missiles of the salvo share the geometry
      }
    }
  });
  if (problems.length) throw new UserError(problems);
  return out;
}
