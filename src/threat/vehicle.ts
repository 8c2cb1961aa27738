/**
 * A missile type compiled for flight: numbers in SI, drag tables as typed arrays,
 * derived masses and flow rates precomputed once (frozen after construction).
 */
import type { MissileType } from './missile-type.js';

/** Standard gravity, used only to turn Isp (s) into exhaust velocity; CGPM 1901, exact. */
export const G0 = 9.80665;
/** Sea-level pressure of the U.S. Standard Atmosphere 1976 (Pa), to scale thrust between sea level and vacuum. */
export const P0 = 101325;

/** Drag coefficient against Mach number (src/math/table.ts). */
export { LinearTable as CdTable } from '../math/index.js';
import { LinearTable as CdTable } from '../math/index.js';

export interface CompiledStage {
  readonly propellant: number;
  readonly dry: number;
  readonly burnTime: number;
  /** Mass flow, kg/s (constant: a notional flat thrust profile). */
  readonly mdot: number;
  /** Thrust at sea level and in vacuum, N (F = ṁ g0 Isp). */
  readonly thrustSl: number;
  readonly thrustVac: number;
  readonly separationDelay: number;
}

/** The missile type ready to fly. */
export class Vehicle {
  readonly id: string;
  readonly type: MissileType;
  readonly stages: readonly CompiledStage[];
  /** Mass at lift-off, kg. */
  readonly launchMass: number;
  /** Reference area of the boosting stack (first-stage cross-section), m². */
  readonly boostArea: number;
  readonly boostCd: CdTable;
  readonly rvMass: number;
  readonly rvArea: number;
  readonly rvCd: CdTable;
  readonly rvRcs: number;
  readonly rvSeparates: boolean;
  readonly rvSeparationDelay: number;
  readonly rvSeparationDv: number;
  readonly boosterCd: CdTable;
  readonly boosterRcs: number;
  /** Reference area of the spent last stage, m². */
  readonly boosterArea: number;
  readonly verticalRise: number;
  readonly pitchOver: number;
  /** Time from lift-off to the nominal burnout of each stage (the stage's end of thrust), s. */
  readonly stageEnd: Float64Array;
  /** Time of each stage's ignition, s. */
  readonly stageStart: Float64Array;
  /** Nominal burnout of the last stage (full propellant load), s after lift-off. */
  readonly fullBurnout: number;

  constructor(type: MissileType) {
    this.id = type.id;
    this.type = type;
    this.stages = type.stages.map((s) => {
      const mdot = s.propellant_kg / s.burn_time_s;
      return Object.freeze({
        propellant: s.propellant_kg,
        dry: s.dry_mass_kg,
        burnTime: s.burn_time_s,
        mdot,
        thrustSl: mdot * G0 * s.isp_sl_s,
        thrustVac: mdot * G0 * s.isp_vac_s,
        separationDelay: s.separation_delay_s ?? 0,
      });
    });
    let m = type.rv.mass_kg;
    for (const s of this.stages) m += s.propellant + s.dry;
    this.launchMass = m;
    const d0 = type.stages[0].diameter_m;
    this.boostArea = (Math.PI * d0 * d0) / 4;
    this.boostCd = new CdTable(type.boost_cd_mach);
    this.rvMass = type.rv.mass_kg;
    this.rvArea = (Math.PI * type.rv.diameter_m * type.rv.diameter_m) / 4;
    this.rvCd = new CdTable(type.rv.cd_mach);
    this.rvRcs = type.rv.rcs_m2;
    this.rvSeparates = type.rv.separates;
    this.rvSeparationDelay = type.rv.separation_delay_s ?? 0;
    this.rvSeparationDv = type.rv.separation_dv_mps ?? 0;
    this.boosterCd = new CdTable(type.booster.cd_mach);
    this.boosterRcs = type.booster.rcs_m2;
    const dl = type.stages[type.stages.length - 1].diameter_m;
    this.boosterArea = (Math.PI * dl * dl) / 4;
    this.verticalRise = type.steering.vertical_rise_s;
    this.pitchOver = type.steering.pitch_over_s;
    const n = this.stages.length;
    this.stageStart = new Float64Array(n);
    this.stageEnd = new Float64Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      this.stageStart[i] = t;
      t += this.stages[i].burnTime;
      this.stageEnd[i] = t;
      if (i < n - 1) t += this.stages[i].separationDelay;
    }
    this.fullBurnout = this.stageEnd[n - 1];
    Object.freeze(this);
  }

  /** Mass at time t after lift-off (s) for a flight that cuts thrust at `cutoff` (≤ fullBurnout). */
  massAt(t: number, cutoff: number): number {
    let m = this.rvMass;
    const n = this.stages.length;
    for (let i = 0; i < n; i++) {
      const s = this.stages[i];
      const start = this.stageStart[i];
      const end = this.stageEnd[i];
      // a stage is dropped when the next stage ignites (after its separation delay)
      if (i < n - 1 && t >= this.stageStart[i + 1]) continue;
      const burnEnd = i === n - 1 ? Math.min(end, cutoff) : end;
      const burnt = t <= start ? 0 : s.mdot * (Math.min(t, burnEnd) - start);
      m += s.dry + s.propellant - Math.max(0, burnt);
    }
    return m;
  }
}
