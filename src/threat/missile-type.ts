/**
 * Missile types: the schema of a `catalog/missiles/*.yaml` file and its compiled form.
 *
 * Every number in a catalog file carries a comment naming its public source (the `sources`
 * list at the file's end); the schema checks units and ranges, not provenance.
 */
import { z } from 'zod';

/** A table of (Mach, drag coefficient) pairs, Mach strictly increasing; linear between, flat beyond. */
const CdMach = z
  .array(z.tuple([z.number().min(0), z.number().positive()]))
  .min(1)
  .refine((t) => t.every((p, i) => i === 0 || p[0] > t[i - 1][0]), { message: 'Mach numbers must increase strictly' });

export const SourceSchema = z.strictObject({
  id: z.string().min(1),
  citation: z.string().min(1),
  url: z.string().optional(),
});

const StageSchema = z.strictObject({
  name: z.string().optional(),
  /** Propellant burnt by this stage. */
  propellant_kg: z.number().positive(),
  /** Everything this stage drops at separation (structure, engine, interstage); for the last stage: what stays with the spent booster. */
  dry_mass_kg: z.number().positive(),
  burn_time_s: z.number().positive(),
  isp_sl_s: z.number().positive(),
  isp_vac_s: z.number().positive(),
  diameter_m: z.number().positive(),
  /** Coast between this stage's burnout and the next stage's ignition. */
  separation_delay_s: z.number().min(0).default(0),
});

export const MissileTypeSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    kind: z.literal('missile'),
    name: z.string(),
    description: z.string().optional(),
    /** The published maximum range this notional type is built to reproduce (minimum-energy trajectory). */
    range_km: z.number().positive(),
    /** Unit cost, million US dollars (with its public source in the file's comment and sources). */
    unit_cost_musd: z.number().positive().optional(),
    /** Propellant class, for display. */
    propellant: z.enum(['liquid', 'solid']),
    stages: z.array(StageSchema).min(1).max(4),
    /** Drag of the stack during powered flight, referenced to the first stage's cross-section. */
    boost_cd_mach: CdMach,
    rv: z.strictObject({
      mass_kg: z.number().positive(),
      /** Reference area for drag is π d²/4. */
      diameter_m: z.number().positive(),
      cd_mach: CdMach,
      /** Radar cross section, m², the typical aspect seen by a ground radar. */
      rcs_m2: z.number().positive(),
      /** false: the warhead stays on the missile body, which re-enters as one object (Scud-B). */
      separates: z.boolean(),
      /** Delay from final burnout to separation. */
      separation_delay_s: z.number().min(0).default(0),
      /** Relative speed given to the RV at separation, along the velocity. */
      separation_dv_mps: z.number().min(0).default(0),
    }),
    /** The spent last stage after separation (or the whole body when the RV does not separate). */
    booster: z.strictObject({
      cd_mach: CdMach,
      rcs_m2: z.number().positive(),
    }),
    steering: z.strictObject({
      /** Vertical rise after lift-off. */
      vertical_rise_s: z.number().positive(),
      /** Duration of the programmed pitch-over that follows; then a zero-angle-of-attack gravity turn. */
      pitch_over_s: z.number().positive(),
    }),
    sources: z.array(SourceSchema).min(1),
  })
  .superRefine((m, ctx) => {
    m.stages.forEach((s, i) => {
      if (s.isp_vac_s < s.isp_sl_s) {
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'isp_vac_s'], message: `vacuum Isp ${s.isp_vac_s} s is below the sea-level Isp ${s.isp_sl_s} s` });
      }
    });
  });

export type MissileTypeInput = z.input<typeof MissileTypeSchema>;
export type MissileType = z.output<typeof MissileTypeSchema>;
