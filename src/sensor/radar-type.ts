/**
 * Radar types (the schema of a `catalog/radars/*.yaml` file), radar sites placed by a scenario
 * (`RadarSiteSchema`), the space-based early-warning sensor entry (`EarlyWarningSchema`), and the
 * compiled SI form a `Radar` runs on (`compileRadarType`).
 *
 * Catalog files state degrees and km (DESIGN.md: units at the edges); the compiled form is SI
 * and radians. Every number in a catalog file carries a comment naming a public source listed
 * under its `sources:`; the schema checks units and ranges, not provenance.
 *
 * The detection model a type describes: one search dwell on a Swerling 1 target has mean SNR
 *     S = S_ref · (σ / σ_ref) · (R_ref / R)^4
 * (the radar equation with everything but σ and R held fixed; Skolnik, "Introduction to Radar
 * Systems", 3rd ed. 2001, ch. 2), where the reference is given either as the SNR S_ref at
 * (R_ref, σ_ref) or as the detection probability there, converted with the Swerling 1 law.
 */
import { z } from 'zod';
import { dbToLinear, swerling1RequiredSnr } from './swerling.js';

const DEG = Math.PI / 180;

/** Ids name entities in event logs and CSV files (same pattern as the scenario's ids). */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ID_EXPECTED = "an id made of letters, digits, '_', '.' or '-'";
const id = () => z.string({ error: ID_EXPECTED }).max(64, { error: 'an id of at most 64 characters' }).regex(ID_PATTERN, { error: ID_EXPECTED });

const pos = (what: string) => z.number({ error: `${what} > 0` }).gt(0, { error: `${what} > 0` });
const inRange = (what: string, lo: number, hi: number) =>
  z.number({ error: `${what} in [${lo}, ${hi}]` }).min(lo, { error: `${what} in [${lo}, ${hi}]` }).max(hi, { error: `${what} in [${lo}, ${hi}]` });

const RadarSourceSchema = z.strictObject({
  id: z.string({ error: 'a short source id (e.g. nrc-2012)' }).regex(ID_PATTERN, { error: ID_EXPECTED }),
  citation: z.string({ error: 'a citation: author, title, year, page or table' }).min(10, {
    error: 'a citation of at least 10 characters: author, title, year, page or table',
  }),
  url: z.string({ error: 'a URL (https://…)' }).optional(),
});

/** Where the radar-equation reference point sits: S_ref (dB) or Pd at (R_ref, σ_ref). */
const ReferenceSchema = z
  .strictObject({
    range_km: pos('a reference detection range in km').meta({ description: 'R_ref, km' }),
    rcs_m2: pos('a reference radar cross section in m²').meta({ description: 'σ_ref, m²' }),
    snr_db: z.number({ error: 'the mean single-dwell SNR at the reference, dB' }).optional().meta({ description: 'S_ref, dB (give this or pd)' }),
    pd: z
      .number({ error: 'a detection probability in (0, 1)' })
      .gt(0, { error: 'a detection probability in (0, 1)' })
      .lt(1, { error: 'a detection probability in (0, 1)' })
      .optional()
      .meta({ description: 'Single-dwell Pd at the reference (give this or snr_db)' }),
  })
  .refine((r) => (r.snr_db === undefined) !== (r.pd === undefined), { error: 'exactly one of snr_db or pd' });

export const RadarTypeSchema = z
  .strictObject({
    id: id(),
    kind: z.literal('radar', { error: "'radar'" }),
    name: z.string({ error: 'a display name (text)' }).min(1, { error: 'a non-empty display name' }),
    description: z.string({ error: 'a description (text)' }),
    band: z.enum(['VHF', 'UHF', 'L', 'S', 'C', 'X', 'Ku'], { error: "an IEEE band letter: 'UHF', 'L', 'S', 'C', 'X', …" }),
    frequency_ghz: inRange('a carrier frequency in GHz', 0.03, 40),
    reference: ReferenceSchema,
    pfa: z
      .number({ error: 'a false-alarm probability in (0, 0.1]' })
      .gt(0, { error: 'a false-alarm probability in (0, 0.1]' })
      .max(0.1, { error: 'a false-alarm probability in (0, 0.1]' })
      .meta({ description: 'Probability of false alarm per resolution cell and dwell' }),
    search_cells: pos('a number of resolution cells searched per scan').meta({
      description: 'Independent threshold tests per scan after confirmation; false alarms per scan λ = pfa · search_cells',
    }),
    field_of_view: z.strictObject({
      azimuth_half_width_deg: z
        .number({ error: 'an azimuth half-width in (0, 180] degrees' })
        .gt(0, { error: 'an azimuth half-width in (0, 180] degrees' })
        .max(180, { error: 'an azimuth half-width in (0, 180] degrees' }),
      elevation_min_deg: inRange('an elevation in degrees', -10, 90),
      elevation_max_deg: inRange('an elevation in degrees', -10, 90),
    }),
    min_elevation_deg: inRange('a minimum elevation in degrees', -5, 45).meta({
      description: 'Below this the radar does not look (multipath, clutter, terrain mask)',
    }),
    instrumented_range_km: pos('an instrumented range in km'),
    revisit_s: pos('a revisit interval in seconds'),
    beamwidth_deg: pos('a 3 dB beamwidth in degrees').meta({ description: 'Two-way 3 dB beamwidth at broadside' }),
    noise: z.strictObject({
      sigma_range_m: pos('a range σ in m at the reference SNR'),
      sigma_angle_mrad: pos('an angle σ in mrad at the reference SNR'),
      floor_range_m: z.number({ error: 'a range σ floor ≥ 0 m' }).min(0, { error: 'a range σ floor ≥ 0 m' }),
      floor_angle_mrad: z.number({ error: 'an angle σ floor ≥ 0 mrad' }).min(0, { error: 'an angle σ floor ≥ 0 mrad' }),
    }),
    cued_search: z.strictObject({
      max_gain_db: inRange('a maximum cued-search SNR gain in dB', 0, 40),
    }),
    sources: z.array(RadarSourceSchema, { error: 'a list of sources ({id, citation, url?})' }).min(1, { error: 'at least one source' }),
  })
  .refine((t) => t.field_of_view.elevation_max_deg > t.field_of_view.elevation_min_deg, {
    error: 'elevation_max_deg above elevation_min_deg',
    path: ['field_of_view', 'elevation_max_deg'],
  });

export type RadarTypeInput = z.input<typeof RadarTypeSchema>;
export type RadarType = z.output<typeof RadarTypeSchema>;

// ---------------------------------------------------------------------------------------
// Sites placed by a scenario
// ---------------------------------------------------------------------------------------

const LAT = 'a latitude in [-90, 90] degrees';
const LON = 'a longitude in [-180, 360) degrees';
const latDeg = () => z.number({ error: LAT }).min(-90, { error: LAT }).max(90, { error: LAT });
const lonDeg = () => z.number({ error: LON }).min(-180, { error: LON }).lt(360, { error: LON });
const ALT = 'a height above the WGS84 ellipsoid in [-500, 100000] m';
const altM = () => z.number({ error: ALT }).min(-500, { error: ALT }).max(100_000, { error: ALT }).default(0);

const FixedSiteSchema = z.strictObject({ lat_deg: latDeg(), lon_deg: lonDeg(), alt_m: altM() });

const WaypointSchema = z.strictObject({
  time_s: z.number({ error: 'a time in s after the epoch' }),
  lat_deg: latDeg(),
  lon_deg: lonDeg(),
  alt_m: altM().meta({ description: 'Antenna height above the ellipsoid, m' }),
});

/** A moving platform: waypoints with strictly increasing times; held at the ends. */
const ShipSchema = z.strictObject({
  track: z
    .array(WaypointSchema, { error: 'a list of waypoints { time_s, lat_deg, lon_deg, alt_m }' })
    .min(1, { error: 'at least one waypoint' })
    .refine((w) => w.every((p, i) => i === 0 || p.time_s > w[i - 1].time_s), { error: 'waypoint times increasing strictly' }),
});

/** Per-site changes to the catalog type (all optional). */
const OverridesSchema = z.strictObject({
  reference_range_km: pos('a reference detection range in km').optional(),
  revisit_s: pos('a revisit interval in seconds').optional(),
  min_elevation_deg: inRange('a minimum elevation in degrees', -5, 45).optional(),
  instrumented_range_km: pos('an instrumented range in km').optional(),
  azimuth_half_width_deg: z
    .number({ error: 'an azimuth half-width in (0, 180] degrees' })
    .gt(0, { error: 'an azimuth half-width in (0, 180] degrees' })
    .max(180, { error: 'an azimuth half-width in (0, 180] degrees' })
    .optional(),
});

/**
 * A radar in a scenario's `sensors:` list: `type: radar`, the catalog type in `radar`, a fixed
 * `site` or a `ship` track (exactly one), the boresight azimuth, optional overrides.
 */
export const RadarSiteSchema = z
  .strictObject({
    id: id(),
    type: z.literal('radar', { error: "'radar'" }),
    radar: z.string({ error: 'a radar type id from the catalog (catalog/radars)' }),
    site: FixedSiteSchema.optional(),
    ship: ShipSchema.optional(),
    boresight_az_deg: z
      .number({ error: 'a boresight azimuth in [0, 360) degrees clockwise from north' })
      .min(0, { error: 'a boresight azimuth in [0, 360) degrees clockwise from north' })
      .lt(360, { error: 'a boresight azimuth in [0, 360) degrees clockwise from north' }),
    first_scan_s: z.number({ error: 'a time in s after the epoch' }).default(0).meta({ description: 'Time of the first scan (default 0)' }),
    overrides: OverridesSchema.optional(),
  })
  .refine((s) => (s.site === undefined) !== (s.ship === undefined), { error: 'exactly one of site or ship' });

export type RadarSiteInput = z.input<typeof RadarSiteSchema>;
export type RadarSite = z.output<typeof RadarSiteSchema>;

/**
 * A space-based early-warning constellation (SBIRS/DSP-like, notional) in a scenario's
 * `sensors:` list. Defaults and their sources: see src/sensor/early-warning.ts.
 */
export const EarlyWarningSchema = z.strictObject({
  id: id(),
  type: z.literal('early-warning', { error: "'early-warning'" }),
  detect_altitude_km: inRange('a plume detection altitude in km', 0, 100).default(12),
  latency_s: inRange('a reporting latency in s', 0, 600).default(45),
  sigma_launch_time_s: z.number({ error: 'a σ ≥ 0 s' }).min(0, { error: 'a σ ≥ 0 s' }).default(5),
  sigma_launch_position_km: z.number({ error: 'a σ ≥ 0 km' }).min(0, { error: 'a σ ≥ 0 km' }).default(2),
  sigma_heading_deg: z.number({ error: 'a σ ≥ 0 degrees' }).min(0, { error: 'a σ ≥ 0 degrees' }).default(3),
  detection_probability: inRange('a probability in [0, 1]', 0, 1).default(1),
});

export type EarlyWarningInput = z.input<typeof EarlyWarningSchema>;
export type EarlyWarningConfig = z.output<typeof EarlyWarningSchema>;

// ---------------------------------------------------------------------------------------
// Compiled form (SI, radians)
// ---------------------------------------------------------------------------------------

/** Speed of light in vacuum, m/s (exact; SI Brochure, 9th ed., BIPM 2019). */
export const SPEED_OF_LIGHT = 299_792_458;

/** A radar type in SI units and radians, with derived values precomputed. Frozen. */
export interface RadarParams {
  readonly id: string;
  readonly frequency_hz: number;
  readonly wavelength_m: number;
  /** R_ref, m. */
  readonly refRange_m: number;
  /** σ_ref, m². */
  readonly refRcs_m2: number;
  /** S_ref, linear. */
  readonly refSnr: number;
  readonly pfa: number;
  /** Mean number of false alarms per scan, λ = pfa · search_cells. */
  readonly falseAlarmsPerScan: number;
  /** Field of view about boresight: azimuth half-width (rad), elevation min/max (rad). */
  readonly azHalfWidth: number;
  readonly elMin: number;
  readonly elMax: number;
  /** Minimum elevation the radar looks at (rad); the effective lower limit is max(elMin, this). */
  readonly minElevation: number;
  readonly instrumentedRange_m: number;
  readonly revisit_s: number;
  readonly beamwidth: number;
  readonly sigmaRangeRef_m: number;
  readonly sigmaAngleRef: number;
  readonly floorRange_m: number;
  readonly floorAngle: number;
  /** Largest cued-search SNR gain, linear. */
  readonly cuedMaxGain: number;
  /** Solid angle of the searched volume (sr): 2·azHalfWidth·(sin elHi − sin elLo). */
  readonly searchSolidAngle: number;
}

/** Turns a validated catalog type (plus optional site overrides) into SI `RadarParams`. */
export function compileRadarType(t: RadarType, o: RadarSite['overrides'] = undefined): RadarParams {
  const pfa = t.pfa;
  const refSnr = t.reference.snr_db !== undefined ? dbToLinear(t.reference.snr_db) : swerling1RequiredSnr(t.reference.pd as number, pfa);
  const azHalfWidth = (o?.azimuth_half_width_deg ?? t.field_of_view.azimuth_half_width_deg) * DEG;
  const elMin = t.field_of_view.elevation_min_deg * DEG;
  const elMax = t.field_of_view.elevation_max_deg * DEG;
  const minElevation = (o?.min_elevation_deg ?? t.min_elevation_deg) * DEG;
  const elLo = Math.max(elMin, minElevation);
  const frequency_hz = t.frequency_ghz * 1e9;
  return Object.freeze({
    id: t.id,
    frequency_hz,
    wavelength_m: SPEED_OF_LIGHT / frequency_hz,
    refRange_m: (o?.reference_range_km ?? t.reference.range_km) * 1000,
    refRcs_m2: t.reference.rcs_m2,
    refSnr,
    pfa,
    falseAlarmsPerScan: pfa * t.search_cells,
    azHalfWidth,
    elMin,
    elMax,
    minElevation,
    instrumentedRange_m: (o?.instrumented_range_km ?? t.instrumented_range_km) * 1000,
    revisit_s: o?.revisit_s ?? t.revisit_s,
    beamwidth: t.beamwidth_deg * DEG,
    sigmaRangeRef_m: t.noise.sigma_range_m,
    sigmaAngleRef: t.noise.sigma_angle_mrad * 1e-3,
    floorRange_m: t.noise.floor_range_m,
    floorAngle: t.noise.floor_angle_mrad * 1e-3,
    cuedMaxGain: dbToLinear(t.cued_search.max_gain_db),
    searchSolidAngle: 2 * Math.min(azHalfWidth, Math.PI) * Math.max(0, Math.sin(elMax) - Math.sin(elLo)),
  });
}
