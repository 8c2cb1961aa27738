/**
 * Interceptor types: the schema of a `catalog/interceptors/*.yaml` file (kind `interceptor`) and
 * its compiled SI form (`InterceptorVehicle`) the fly-out, homing, lethality and fan code run on.
 *
 * Catalog files state km, degrees and g at the edges (DESIGN.md); the compiled form is SI and
 * radians. Every number in a catalog file carries a comment naming a public source listed under
 * its `sources:`; the schema checks units and ranges, not provenance.
 *
 * Lethality model (hit-to-kill, stated here once and used by lethality.ts):
 *   P_k(m) = p_max                                   for miss m ≤ r_L
 *   P_k(m) = p_max · exp(−(m − r_L)² / (2 σ_L²))      beyond,
 * r_L the lethal radius (body-to-body contact of the kill vehicle with the RV's lethal volume),
 * σ_L the fall-off width (a notional choice, cf. the "cookie-cutter plus Gaussian tail" damage
 * functions of R. E. Ball, "The Fundamentals of Aircraft Combat Survivability", 2nd ed., AIAA 2003,
 * ch. 5 on the probability of kill given a hit and the Carleton damage function).
 */
import { z } from 'zod';

/** Standard gravity g0 = 9.80665 m/s², exact (3rd CGPM 1901; BIPM SI Brochure 9th ed.). */
export const G0_MPS2 = 9.80665;
const DEG = Math.PI / 180;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ID_EXPECTED = "an id made of letters, digits, '_', '.' or '-'";

const pos = (what: string) => z.number({ error: `${what} > 0` }).gt(0, { error: `${what} > 0` });
const nonneg = (what: string) => z.number({ error: `${what} ≥ 0` }).min(0, { error: `${what} ≥ 0` });
const inRange = (what: string, lo: number, hi: number) =>
  z.number({ error: `${what} in [${lo}, ${hi}]` }).min(lo, { error: `${what} in [${lo}, ${hi}]` }).max(hi, { error: `${what} in [${lo}, ${hi}]` });

/** (Mach, C_D) pairs, Mach strictly increasing; linear between points, flat beyond. */
const CdMach = z
  .array(z.tuple([nonneg('a Mach number'), pos('a drag coefficient')]), { error: 'a list of [mach, cd] pairs' })
  .min(1, { error: 'at least one [mach, cd] pair' })
  .refine((t) => t.every((p, i) => i === 0 || p[0] > t[i - 1][0]), { error: 'Mach numbers must increase strictly' });

const SourceSchema = z.strictObject({
  id: z.string({ error: 'a short source id (e.g. csis-sm3)' }).regex(ID_PATTERN, { error: ID_EXPECTED }),
  citation: z.string({ error: 'a citation: author, title, year, page or table' }).min(10, {
    error: 'a citation of at least 10 characters: author, title, year, page or table',
  }),
  url: z.string({ error: 'a URL (https://…)' }).optional(),
});

const StageSchema = z.strictObject({
  name: z.string().optional(),
  propellant_kg: pos('propellant mass in kg'),
  /** Everything dropped at this stage's separation (for the last stage: the spent motor). */
  dry_mass_kg: pos('dry mass in kg'),
  burn_time_s: pos('a burn time in s'),
  isp_sl_s: pos('a sea-level specific impulse in s'),
  isp_vac_s: pos('a vacuum specific impulse in s'),
  diameter_m: pos('a diameter in m'),
  /** Coast from this stage's burnout to the next stage's ignition. */
  separation_delay_s: nonneg('a delay in s').default(0),
});

export const InterceptorTypeSchema = z
  .strictObject({
    id: z.string({ error: ID_EXPECTED }).regex(ID_PATTERN, { error: ID_EXPECTED }),
    kind: z.literal('interceptor', { error: "'interceptor'" }),
    name: z.string({ error: 'a display name (text)' }).min(1, { error: 'a non-empty display name' }),
    description: z.string({ error: 'a description (text)' }),
    /** Where it is fired from (display and scenario placement; the fly-out is the same). */
    launcher: z.enum(['ground', 'ship'], { error: "'ground' or 'ship'" }),
    /** 'exo': outside the sensible atmosphere only (aero lift unusable); 'endo': aerodynamic manoeuvre; 'endo-exo': both regimes. */
    regime: z.enum(['exo', 'endo-exo', 'endo'], { error: "'exo', 'endo-exo' or 'endo'" }),
    stages: z.array(StageSchema).min(1).max(4),
    boost_cd_mach: CdMach,
    steering: z.strictObject({
      /** Vertical (or launcher-elevation) rise after lift-off, s. */
      vertical_rise_s: pos('a time in s'),
      /** Programmed pitch-over to the fly-out angle that follows, s; then a zero-angle-of-attack gravity turn. */
      pitch_over_s: pos('a time in s'),
      /** Range of pitch-over angles from the vertical the fly-out may use, deg (the fan spans it). */
      min_kick_deg: inRange('an angle in degrees', 0.5, 89),
      max_kick_deg: inRange('an angle in degrees', 1, 89.5),
    }),
    kill_vehicle: z.strictObject({
      mass_kg: pos('a mass in kg'),
      /** true: the kill vehicle separates from the spent last stage at burnout; false: the whole missile homes (PAC-3). */
      separates: z.boolean({ error: 'true or false' }),
      diameter_m: pos('a diameter in m'),
      cd_mach: CdMach,
      /** Δv of the divert system, m/s (midcourse corrections after burnout and terminal homing share it). */
      divert_dv_mps: pos('a Δv in m/s'),
      /** Largest lateral acceleration, g. */
      max_accel_g: pos('an acceleration in g'),
      /** First-order flight-control / divert time constant, s. */
      time_constant_s: pos('a time constant in s'),
      /** Effective navigation ratio N'. */
      nav_ratio: inRange('a navigation ratio', 2, 8),
      /** Homing law. */
      law: z.enum(['pn', 'apn'], { error: "'pn' or 'apn'" }),
      seeker: z.strictObject({
        type: z.enum(['ir', 'rf'], { error: "'ir' (passive, range ∝ √intensity) or 'rf' (active, range ∝ σ^¼)" }),
        /** Acquisition range against the reference signature, km. */
        acquisition_range_km: pos('a range in km'),
        /** Reference signature: RCS (m², rf) or IR intensity (W/sr, ir). */
        reference_rcs_m2: pos('an RCS in m²').optional(),
        reference_intensity_w_sr: pos('an intensity in W/sr').optional(),
      }),
    }),
    guidance: z.strictObject({
      /** Interval between midcourse uplinks of the track, s. */
      uplink_interval_s: pos('an interval in s'),
      /** Kill-assessment delay after an intercept before a second shot may be committed, s. */
      kill_assessment_s: nonneg('a delay in s'),
    }),
    battlespace: z.strictObject({
      min_altitude_km: nonneg('an altitude in km'),
      max_altitude_km: pos('an altitude in km'),
      max_range_km: pos('a ground range in km'),
      max_time_of_flight_s: pos('a time in s'),
    }),
    lethality: z.strictObject({
      /** Miss distance within which the kill probability is p_max, m. */
      lethal_radius_m: pos('a radius in m'),
      /** Kill probability given a miss within the lethal radius. */
      pk_max: z.number({ error: 'a probability in (0, 1]' }).gt(0, { error: 'a probability in (0, 1]' }).max(1, { error: 'a probability in (0, 1]' }),
      /** Width σ_L of the Gaussian fall-off beyond the lethal radius, m. */
      falloff_m: pos('a length in m'),
    }),
    /** Published reference figures the type is built to reproduce (checked by test/validation). */
    published: z.strictObject({
      burnout_speed_mps: pos('a speed in m/s'),
      max_range_km: pos('a range in km'),
      max_altitude_km: pos('an altitude in km'),
    }),
    cost: z.strictObject({
      /** Unit cost, million US dollars, and the year of the dollars. */
      unit_musd: pos('a cost in M$'),
      year: z.number().int().min(1980).max(2100),
    }),
    sources: z.array(SourceSchema).min(1, { error: 'at least one source' }),
  })
  .superRefine((m, ctx) => {
    m.stages.forEach((s, i) => {
      if (s.isp_vac_s < s.isp_sl_s) ctx.addIssue({ code: 'custom', path: ['stages', i, 'isp_vac_s'], message: `vacuum Isp ${s.isp_vac_s} s is below the sea-level Isp ${s.isp_sl_s} s` });
    });
    if (m.steering.max_kick_deg <= m.steering.min_kick_deg) {
      ctx.addIssue({ code: 'custom', path: ['steering', 'max_kick_deg'], message: `found ${m.steering.max_kick_deg}, expected more than min_kick_deg ${m.steering.min_kick_deg}` });
    }
    if (m.battlespace.max_altitude_km <= m.battlespace.min_altitude_km) {
      ctx.addIssue({ code: 'custom', path: ['battlespace', 'max_altitude_km'], message: `found ${m.battlespace.max_altitude_km}, expected more than min_altitude_km ${m.battlespace.min_altitude_km}` });
    }
    const sk = m.kill_vehicle.seeker;
    if (sk.type === 'rf' && sk.reference_rcs_m2 === undefined) ctx.addIssue({ code: 'custom', path: ['kill_vehicle', 'seeker', 'reference_rcs_m2'], message: 'an rf seeker needs reference_rcs_m2' });
    if (sk.type === 'ir' && sk.reference_intensity_w_sr === undefined) ctx.addIssue({ code: 'custom', path: ['kill_vehicle', 'seeker', 'reference_intensity_w_sr'], message: 'an ir seeker needs reference_intensity_w_sr' });
  });

export type InterceptorTypeInput = z.input<typeof InterceptorTypeSchema>;
export type InterceptorType = z.output<typeof InterceptorTypeSchema>;

/** Drag coefficient against Mach number (src/math/table.ts). */
export { LinearTable as MachTable } from '../math/index.js';
import { LinearTable as MachTable } from '../math/index.js';

export interface InterceptorStage {
  readonly mdot: number;
  readonly thrustSl: number;
  readonly thrustVac: number;
  readonly propellant: number;
  readonly dry: number;
}

/** An interceptor type compiled to SI (frozen). */
export class InterceptorVehicle {
  readonly id: string;
  readonly type: InterceptorType;
  readonly stages: readonly InterceptorStage[];
  readonly stageStart: Float64Array;
  readonly stageEnd: Float64Array;
  /** End of the last stage's burn, s after lift-off. */
  readonly burnout: number;
  readonly launchMass: number;
  readonly boostArea: number;
  readonly boostCd: MachTable;
  readonly kvMass: number;
  readonly kvArea: number;
  readonly kvCd: MachTable;
  /** What coasts and homes after burnout: the kill vehicle, or the kill vehicle plus the spent last stage when it does not separate. */
  readonly coastMass: number;
  readonly coastArea: number;
  readonly coastCd: MachTable;
  readonly verticalRise: number;
  readonly pitchOver: number;
  readonly minKick: number;
  readonly maxKick: number;
  readonly divertDv: number;
  readonly maxAccel: number;
  readonly timeConstant: number;
  readonly navRatio: number;
  readonly law: 'pn' | 'apn';
  readonly uplinkInterval: number;
  readonly killAssessment: number;
  readonly minAltitude: number;
  readonly maxAltitude: number;
  readonly maxRange: number;
  readonly maxTof: number;
  readonly lethalRadius: number;
  readonly pkMax: number;
  readonly falloff: number;
  /** Aerodynamic lateral acceleration usable (endo or endo-exo) below this altitude, m. */
  readonly aeroCeiling: number;

  constructor(t: InterceptorType) {
    this.id = t.id;
    this.type = t;
    this.stages = t.stages.map((s) => {
      const mdot = s.propellant_kg / s.burn_time_s;
      return Object.freeze({ mdot, thrustSl: mdot * G0_MPS2 * s.isp_sl_s, thrustVac: mdot * G0_MPS2 * s.isp_vac_s, propellant: s.propellant_kg, dry: s.dry_mass_kg });
    });
    const n = t.stages.length;
    this.stageStart = new Float64Array(n);
    this.stageEnd = new Float64Array(n);
    let time = 0;
    for (let i = 0; i < n; i++) {
      this.stageStart[i] = time;
      time += t.stages[i].burn_time_s;
      this.stageEnd[i] = time;
      if (i < n - 1) time += t.stages[i].separation_delay_s ?? 0;
    }
    this.burnout = this.stageEnd[n - 1];
    let m = t.kill_vehicle.mass_kg;
    for (const s of this.stages) m += s.propellant + s.dry;
    this.launchMass = m;
    const d0 = t.stages[0].diameter_m;
    this.boostArea = (Math.PI * d0 * d0) / 4;
    this.boostCd = new MachTable(t.boost_cd_mach);
    this.kvMass = t.kill_vehicle.mass_kg;
    this.kvArea = (Math.PI * t.kill_vehicle.diameter_m ** 2) / 4;
    this.kvCd = new MachTable(t.kill_vehicle.cd_mach);
    const sep = t.kill_vehicle.separates;
    this.coastMass = this.kvMass + (sep ? 0 : this.stages[n - 1].dry);
    this.coastArea = sep ? this.kvArea : (Math.PI * t.stages[n - 1].diameter_m ** 2) / 4;
    this.coastCd = sep ? this.kvCd : this.boostCd;
    this.verticalRise = t.steering.vertical_rise_s;
    this.pitchOver = t.steering.pitch_over_s;
    this.minKick = t.steering.min_kick_deg * DEG;
    this.maxKick = t.steering.max_kick_deg * DEG;
    const kv = t.kill_vehicle;
    this.divertDv = kv.divert_dv_mps;
    this.maxAccel = kv.max_accel_g * G0_MPS2;
    this.timeConstant = kv.time_constant_s;
    this.navRatio = kv.nav_ratio;
    this.law = kv.law;
    this.uplinkInterval = t.guidance.uplink_interval_s;
    this.killAssessment = t.guidance.kill_assessment_s;
    this.minAltitude = t.battlespace.min_altitude_km * 1000;
    this.maxAltitude = t.battlespace.max_altitude_km * 1000;
    this.maxRange = t.battlespace.max_range_km * 1000;
    this.maxTof = t.battlespace.max_time_of_flight_s;
    this.lethalRadius = t.lethality.lethal_radius_m;
    this.pkMax = t.lethality.pk_max;
    this.falloff = t.lethality.falloff_m;
    // Aerodynamic control is notionally usable up to ~40 km for an endo interceptor (dynamic
    // pressure; Zarchan, ch. 20 on endo-atmospheric interceptors) and not at all for an exo one.
    this.aeroCeiling = t.regime === 'exo' ? -Infinity : 40_000;
    Object.freeze(this);
  }

  /** Mass at flight time tf (s after lift-off) during the boost; the coasting mass after burnout. */
  massAt(tf: number): number {
    if (tf >= this.burnout) return this.coastMass;
    let m = this.kvMass;
    const n = this.stages.length;
    for (let i = 0; i < n; i++) {
      if (i < n - 1 && tf >= this.stageStart[i + 1]) continue; // dropped at the next ignition
      const s = this.stages[i];
      const burnt = tf <= this.stageStart[i] ? 0 : s.mdot * (Math.min(tf, this.stageEnd[i]) - this.stageStart[i]);
      m += s.dry + s.propellant - burnt;
    }
    return m;
  }

  /**
   * Seeker acquisition range (m) against a target signature: rf (active radar) R = R_ref·(σ/σ_ref)^¼
   * (radar equation, Skolnik 2001 ch. 2); ir (passive, point source, background-limited) R = R_ref·(I/I_ref)^½
   * (inverse-square irradiance; Hudson, "Infrared System Engineering", Wiley 1969, ch. 3). A
   * missing signature gives the reference range.
   */
  acquisitionRange(signature?: number): number {
    const sk = this.type.kill_vehicle.seeker;
    const r0 = sk.acquisition_range_km * 1000;
    if (signature === undefined || !(signature > 0)) return r0;
    return sk.type === 'rf' ? r0 * Math.pow(signature / (sk.reference_rcs_m2 as number), 0.25) : r0 * Math.sqrt(signature / (sk.reference_intensity_w_sr as number));
  }
}

const cache = new WeakMap<object, InterceptorVehicle>();

/**
 * The compiled interceptor of a catalog entry (`catalog.get('interceptor', id)`), or of a plain
 * object satisfying the schema. The loader's bookkeeping key `file` is dropped. Cached per object.
 */
export function interceptorFromEntry(entry: object): InterceptorVehicle {
  let v = cache.get(entry);
  if (!v) {
    const { file: _file, ...data } = entry as Record<string, unknown>;
    v = new InterceptorVehicle(InterceptorTypeSchema.parse(data));
    cache.set(entry, v);
  }
  return v;
}
