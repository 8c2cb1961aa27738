/**
 * The scenario file schema (zod 4): the single source of the `Scenario` type, of the
 * validation the loader runs, and of the published JSON Schema (schema/scenario.schema.json,
 * written by `npm run schema`).
 *
 * Keys carry their unit (`lat_deg`, `alt_m`, `apogee_km`). Every schema-level error message
 * is the *expected* half of a problem ("a latitude in [-90, 90] degrees"); the loader adds
 * the found value and the location (see load.ts).
 *
 * Sections: epoch, seed, end_time_s, threats, assets (circles or polygons), sensors (radars
 * and space-based early warning, defined in src/sensor/), batteries, doctrine, communications.
 * Cross-field rules zod cannot say per field (unique ids, point-or-polygon, site-or-ship, …)
 * are in `crossFieldIssues`; catalog references are listed by `catalogReferences` and resolved
 * by the loader.
 */
import { z } from 'zod';
import { EarlyWarningSchema, RadarSiteSchema } from '../sensor/index.js';

// ---------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------

/**
 * An error option for objects: `expected` when the value is not a mapping at all; other
 * issues (unknown keys) fall through to the loader's error map.
 */
function notAMapping(expected: string) {
  return { error: (iss: { code?: string }) => (iss.code === 'invalid_type' ? expected : undefined) };
}

/** Ids name entities in event logs, CSV columns and CZML packet ids, so keep them plain. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ID_EXPECTED = "an id made of letters, digits, '_', '.' or '-' (e.g. t1)";

function id() {
  return z
    .string({ error: ID_EXPECTED })
    .max(64, { error: 'an id of at most 64 characters' })
    .regex(ID_PATTERN, { error: ID_EXPECTED });
}

const LAT = 'a latitude in [-90, 90] degrees';
const LON = 'a longitude in [-180, 360) degrees';

/** Geodetic latitude on WGS84, degrees. */
const latDeg = () =>
  z.number({ error: LAT }).min(-90, { error: LAT }).max(90, { error: LAT }).meta({ description: 'Geodetic latitude (WGS84), degrees' });

/** Longitude, degrees east; [-180, 360) so both conventions are accepted (not normalised). */
const lonDeg = () =>
  z
    .number({ error: LON })
    .min(-180, { error: LON })
    .lt(360, { error: LON })
    .meta({ description: 'Longitude, degrees east, in [-180, 360)' });

/** Height above the WGS84 ellipsoid, metres; -500 m (Dead Sea shore is about -430 m) to 100 km. */
const ALT = 'a height above the WGS84 ellipsoid in [-500, 100000] m';
const altM = () =>
  z
    .number({ error: ALT })
    .min(-500, { error: ALT })
    .max(100_000, { error: ALT })
    .default(0)
    .meta({ description: 'Height above the WGS84 ellipsoid, metres (default 0)' });

const NONNEG_TIME = 'a time ≥ 0 s after the epoch';
const timeS = () => z.number({ error: NONNEG_TIME }).min(0, { error: NONNEG_TIME });

/** An ISO 8601 UTC instant: date, 'T', hours:minutes[:seconds[.fraction]], 'Z'. */
export const ISO_UTC_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?Z$/;
const EPOCH = 'an ISO 8601 UTC instant such as 2026-01-01T00:00:00Z';

/**
 * True when `s` matches ISO_UTC_PATTERN and names a real instant (month 1–12, a day that
 * exists in that month of that year, hour < 24, minute < 60, second < 60; leap seconds
 * (second 60) are refused because JavaScript time has none).
 */
export function isIsoUtcInstant(s: string): boolean {
  const m = ISO_UTC_PATTERN.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth;
}

const epoch = () =>
  z
    .string({ error: EPOCH })
    .regex(ISO_UTC_PATTERN, { error: EPOCH, abort: true })
    .refine(isIsoUtcInstant, { error: 'a real calendar date and time (this one does not exist)' })
    .meta({ description: 'Scenario time zero, ISO 8601 UTC (e.g. 2026-01-01T00:00:00Z)', format: 'date-time' });

/** A place on or above the Earth. */
export const SiteSchema = z
  .strictObject({ lat_deg: latDeg(), lon_deg: lonDeg(), alt_m: altM() }, notAMapping('a place { lat_deg, lon_deg, alt_m (optional) }'))
  .meta({ description: 'A point: geodetic latitude/longitude in degrees, height in metres' });

// ---------------------------------------------------------------------------------------
// Trajectory shapes
// ---------------------------------------------------------------------------------------

const APOGEE = 'an apogee height in (0, 5000] km';
const apogeeKm = (what: string) =>
  z
    .number({ error: `${APOGEE} (required for a ${what} trajectory)` })
    .gt(0, { error: APOGEE })
    .max(5000, { error: APOGEE })
    .meta({ description: `Apogee height above the ellipsoid, km (${what})` });
const ANGLE = 'a burnout flight-path angle in (0, 90) degrees above the local horizontal';

/**
 * How the threat flies to its target: the minimum-energy trajectory, a lofted one (apogee
 * above minimum energy), a depressed one (apogee below), or a fixed flight-path angle at
 * burnout. Whether a given apogee is feasible for the missile is checked by the threat
 * module, not here.
 */
export const ShapeSchema = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('min-energy') }),
      z.strictObject({ type: z.literal('lofted'), apogee_km: apogeeKm('lofted') }),
      z.strictObject({ type: z.literal('depressed'), apogee_km: apogeeKm('depressed') }),
      z.strictObject({
        type: z.literal('burnout-angle'),
        angle_deg: z.number({ error: ANGLE }).gt(0, { error: ANGLE }).lt(90, { error: ANGLE }),
      }),
    ],
    { error: "one of 'min-energy', 'lofted', 'depressed', 'burnout-angle'" },
  )
  .meta({ description: 'Trajectory shape; default min-energy' });

// ---------------------------------------------------------------------------------------
// Threats and assets
// ---------------------------------------------------------------------------------------

const COUNT = 'a whole number of missiles in [1, 1000]';

export const ThreatSchema = z
  .strictObject({
    id: id().meta({ description: 'Unique id (threats, assets, sensors and batteries share one namespace)' }),
    missile: z.string({ error: 'a missile type id from the catalog (see `tmd catalog`)' }).meta({
      description: 'Missile type id from the catalog (tmd catalog)',
    }),
    launch: SiteSchema.meta({ description: 'Launch site' }),
    launch_time_s: timeS().default(0).meta({ description: 'Launch time, seconds after the epoch (default 0)' }),
    target: SiteSchema.meta({ description: 'Aim point' }),
    shape: ShapeSchema.default({ type: 'min-energy' }),
    count: z
      .number({ error: COUNT })
      .int({ error: COUNT })
      .min(1, { error: COUNT })
      .max(1000, { error: COUNT })
      .default(1)
      .meta({ description: 'Salvo size: identical missiles from the same site (default 1)' }),
    salvo_interval_s: z
      .number({ error: 'an interval ≥ 0 s between the launches of a salvo' })
      .min(0, { error: 'an interval ≥ 0 s between the launches of a salvo' })
      .default(0)
      .meta({ description: 'Seconds between successive launches of a salvo (default 0: simultaneous)' }),
  }, notAMapping('a threat { id, missile, launch, target, … }'))
  .meta({ description: 'A ballistic missile (or a salvo of identical ones) aimed at a point' });

const RADIUS = 'a radius > 0 km';
const VALUE = 'a value ≥ 0';
const POLYGON = 'a polygon: a list of at least 3 vertices [lat_deg, lon_deg]';
const VERTEX = 'a vertex [lat_deg, lon_deg]';

/**
 * A defended asset: either a circle (lat_deg, lon_deg, radius_km) or a polygon of at least
 * three [lat_deg, lon_deg] vertices (the ring closes itself; repeating the first vertex at
 * the end is allowed). Exactly one of the two forms: checked by `crossFieldIssues`.
 */
export const AssetSchema = z
  .strictObject({
    id: id().meta({ description: 'Unique id (threats, assets, sensors and batteries share one namespace)' }),
    name: z.string({ error: 'a display name' }).optional(),
    lat_deg: latDeg().optional().meta({ description: 'Centre of a circular asset: latitude, degrees' }),
    lon_deg: lonDeg().optional().meta({ description: 'Centre of a circular asset: longitude, degrees' }),
    alt_m: altM(),
    radius_km: z.number({ error: RADIUS }).gt(0, { error: RADIUS }).optional().meta({ description: 'Radius of a circular asset, km' }),
    polygon: z
      .array(z.tuple([latDeg(), lonDeg()], { error: VERTEX }), { error: POLYGON })
      .min(3, { error: POLYGON })
      .optional()
      .meta({ description: 'Outline of the asset as [lat_deg, lon_deg] vertices (instead of a centre and radius)' }),
    value: z.number({ error: VALUE }).min(0, { error: VALUE }).meta({ description: 'Relative worth, used by threat evaluation' }),
  }, notAMapping('an asset { id, lat_deg, lon_deg, radius_km, value } or { id, polygon, value }'))
  .meta({ description: 'A defended asset: a circle or a polygon on the ground, with a value' });

// ---------------------------------------------------------------------------------------
// Sensors and batteries
// ---------------------------------------------------------------------------------------

/**
 * A sensor placed by the scenario: a radar of a catalog type (`type: radar`) or a space-based
 * early-warning constellation (`type: early-warning`); both schemas live in src/sensor/.
 */
export const SensorSchema = z
  .discriminatedUnion('type', [RadarSiteSchema, EarlyWarningSchema], { error: "a sensor type: one of 'radar', 'early-warning'" })
  .meta({ description: 'A radar site or a space-based early-warning sensor' });

const WHOLE_GE0 = 'a whole number of interceptors ≥ 0';
const WHOLE_GE1 = (what: string) => `a whole number of ${what} ≥ 1`;
const wholeAtLeast1 = (what: string) =>
  z.number({ error: WHOLE_GE1(what) }).int({ error: WHOLE_GE1(what) }).min(1, { error: WHOLE_GE1(what) });
const TIME = 'a time in s after the epoch';

/** A ship's track: waypoints at strictly increasing times, held at the ends (as a radar's `ship`). */
export const ShipTrackSchema = z
  .strictObject(
    {
      track: z
        .array(
          z.strictObject(
            {
              time_s: z.number({ error: TIME }),
              lat_deg: latDeg(),
              lon_deg: lonDeg(),
              alt_m: altM(),
            },
            notAMapping('a waypoint { time_s, lat_deg, lon_deg, alt_m (optional) }'),
          ),
          { error: 'a list of waypoints { time_s, lat_deg, lon_deg, alt_m }' },
        )
        .min(1, { error: 'a list of at least one waypoint { time_s, lat_deg, lon_deg }' })
        .superRefine((w, ctx) => {
          for (let i = 1; i < w.length; i++) {
            if (!(w[i].time_s > w[i - 1].time_s)) {
              ctx.addIssue({ code: 'custom', path: [i, 'time_s'], message: `a time after the previous waypoint's (${w[i - 1].time_s} s)` });
            }
          }
        }),
    },
    notAMapping('a ship { track: [waypoints] }'),
  )
  .meta({ description: 'A moving platform: waypoints { time_s, lat_deg, lon_deg, alt_m }, linear in between, held at the ends' });

const LAYER = "a defense layer: one of 'upper', 'lower'";

/**
 * A fire unit: a land battery at a `site` or a ship following a `track` (exactly one: see
 * `crossFieldIssues`), firing interceptors of one catalog type in one layer.
 */
export const BatterySchema = z
  .strictObject(
    {
      id: id().meta({ description: 'Unique id (threats, assets, sensors and batteries share one namespace)' }),
      name: z.string({ error: 'a display name' }).optional(),
      interceptor: z
        .string({ error: 'an interceptor type id from the catalog (see `tmd catalog`)' })
        .meta({ description: 'Interceptor type id from the catalog (catalog/interceptors)' }),
      layer: z.enum(['upper', 'lower'], { error: LAYER }).meta({ description: 'upper: exo-atmospheric midcourse; lower: endo-atmospheric terminal' }),
      site: SiteSchema.optional().meta({ description: 'A land battery: its place' }),
      ship: ShipTrackSchema.optional().meta({ description: 'A ship: its track' }),
      inventory: z
        .number({ error: WHOLE_GE0 })
        .int({ error: WHOLE_GE0 })
        .min(0, { error: WHOLE_GE0 })
        .meta({ description: 'Interceptors available at t = 0 (ready and in reserve)' }),
      launchers: wholeAtLeast1('launchers').optional().meta({ description: 'Launchers (absent: every round is ready to fire)' }),
      rounds_per_launcher: wholeAtLeast1('rounds per launcher')
        .optional()
        .meta({ description: 'Ready rounds a launcher holds (with launchers; absent: the inventory is shared out)' }),
      reload_s: z
        .number({ error: 'a reload time > 0 s' })
        .gt(0, { error: 'a reload time > 0 s' })
        .optional()
        .meta({ description: 'Time to reload an empty launcher from the remaining inventory (needs launchers; absent: no reloads)' }),
      max_salvo: wholeAtLeast1('interceptors').optional().meta({ description: 'Most interceptors this unit launches at one threat in one engagement' }),
      salvo_interval_s: z
        .number({ error: 'an interval ≥ 0 s between launches' })
        .min(0, { error: 'an interval ≥ 0 s between launches' })
        .optional()
        .meta({ description: 'Least time between two launches from this unit, s' }),
      fire_channels: wholeAtLeast1('fire channels').optional().meta({ description: 'Most threats engaged at once (absent: no limit)' }),
    },
    notAMapping('a battery { id, interceptor, layer, site or ship, inventory, … }'),
  )
  .meta({ description: 'A fire unit (land battery or ship) of one interceptor type' });

// ---------------------------------------------------------------------------------------
// Doctrine and communications
// ---------------------------------------------------------------------------------------

const PROB = 'a probability in [0, 1]';
const prob = () => z.number({ error: PROB }).min(0, { error: PROB }).max(1, { error: PROB });

/**
 * How many interceptors an engagement uses. Shoot–look–shoot fires `shots_per_look`, waits
 * for the kill assessment, and fires again only at a threat assessed as surviving; when the
 * window leaves no time to look it fires a salvo of `salvo_if_no_time` instead (issue 5).
 * A salvo fires `shots` at once. Both are the doctrines of Wilkening, "A Simple Model for
 * Calculating Ballistic Missile Defense Effectiveness", Science & Global Security 8(2):183–215
 * (2000); defaults are that paper's base case of one shot per look and two-shot salvoes.
 */
export const EngagementSchema = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({
        type: z.literal('shoot-look-shoot'),
        shots_per_look: wholeAtLeast1('interceptors per look').default(1),
        salvo_if_no_time: wholeAtLeast1('interceptors').default(2),
      }),
      z.strictObject({ type: z.literal('salvo'), shots: wholeAtLeast1('interceptors per salvo').default(2) }),
    ],
    { error: "an engagement type: one of 'shoot-look-shoot', 'salvo'" },
  )
  .meta({ description: 'Shoot-look-shoot (with a salvo when there is no time to look) or a salvo of k' });

/**
 * Kill assessment by the sensors after an intercept. p_correct_kill: probability that a real
 * kill is called a kill (otherwise a wasted follow-up shot); p_correct_miss: probability that a
 * real miss is called a miss (otherwise the threat is let through). Defaults are the perfect
 * assessment Wilkening (2000) assumes for shoot–look–shoot; the delay default is notional.
 */
export const KillAssessmentSchema = z
  .strictObject({
    p_correct_kill: prob().default(1).meta({ description: 'P(call kill | killed), default 1' }),
    p_correct_miss: prob().default(1).meta({ description: 'P(call miss | not killed), default 1' }),
    delay_s: z
      .number({ error: 'a delay in [0, 600] s' })
      .min(0, { error: 'a delay in [0, 600] s' })
      .max(600, { error: 'a delay in [0, 600] s' })
      .default(5)
      .meta({ description: 'Time from intercept to the assessment at the battle manager, s (default 5, notional)' }),
  }, notAMapping('a kill assessment { p_correct_kill, p_correct_miss, delay_s }'))
  .meta({ description: 'Kill assessment quality and delay' });

/** Interceptors a battery holds back for threats to high-value assets. */
export const ReserveSchema = z
  .strictObject({
    per_battery: z
      .number({ error: WHOLE_GE0 })
      .int({ error: WHOLE_GE0 })
      .min(0, { error: WHOLE_GE0 })
      .meta({ description: 'Interceptors each battery keeps back' }),
    min_asset_value: z
      .number({ error: VALUE })
      .min(0, { error: VALUE })
      .meta({ description: 'The reserve is released only against threats to assets of at least this value' }),
  }, notAMapping('a reserve { per_battery, min_asset_value }'))
  .meta({ description: 'Reserve policy' });

export const DoctrineSchema = z
  .strictObject(
    {
      engagement: EngagementSchema.prefault({ type: 'shoot-look-shoot' }),
      max_interceptors_per_threat: wholeAtLeast1('interceptors per threat')
        .default(4)
        .meta({ description: 'Most interceptors spent on one threat over all layers and looks (default 4: two looks of a two-shot salvo, notional)' }),
      reserve: ReserveSchema.optional(),
      kill_assessment: KillAssessmentSchema.prefault({}),
    },
    notAMapping('a doctrine { engagement, max_interceptors_per_threat, reserve, kill_assessment }'),
  )
  .meta({ description: 'Firing doctrine, reserve policy and kill assessment' });

const LATENCY = 'a latency in [0, 600] s';
const latency = (dflt: number, what: string) =>
  z
    .number({ error: LATENCY })
    .min(0, { error: LATENCY })
    .max(600, { error: LATENCY })
    .default(dflt)
    .meta({ description: `${what}, s (default ${dflt})` });

/**
 * Message latencies on the defense network, per kind of link. Defaults are notional, of the
 * order of one Link 16 time-slot recurrence: a participant's slots recur within the 12 s
 * TDMA frame, a few seconds apart in typical networks (Northrop Grumman, "Understanding Voice
 * and Data Link Networking", 2014, ch. 2); on-board links (sensor to its own tracker) are
 * faster.
 */
export const CommunicationsSchema = z
  .strictObject(
    {
      sensor_to_tracker_s: latency(1, 'Sensor report to the tracker'),
      tracker_to_bmc_s: latency(2, 'Track update to the battle manager'),
      bmc_to_battery_s: latency(2, 'Fire order to a battery'),
      battery_to_bmc_s: latency(2, 'Battery status and engagement report to the battle manager'),
    },
    notAMapping('communications { sensor_to_tracker_s, tracker_to_bmc_s, bmc_to_battery_s, battery_to_bmc_s }'),
  )
  .meta({ description: 'Message latencies, s' });

const END = 'an end time > 0 s after the epoch';

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string({ error: 'a URL or path of the JSON Schema, for editors' }).optional(),
    name: z.string({ error: 'a scenario name (text)' }).optional(),
    description: z.string({ error: 'a description (text)' }).optional(),
    epoch: epoch(),
    seed: z
      .number({ error: 'a whole-number seed in [0, 2^53)' })
      .int({ error: 'a whole-number seed in [0, 2^53)' })
      .min(0, { error: 'a whole-number seed in [0, 2^53)' })
      .optional()
      .meta({ description: 'Replica seed (optional)' }),
    end_time_s: z
      .number({ error: END })
      .gt(0, { error: END })
      .optional()
      .meta({ description: 'Stop the run at this time (optional; default: when every threat has landed or been killed)' }),
    threats: z.array(ThreatSchema, { error: 'a list of threats' }),
    assets: z.array(AssetSchema, { error: 'a list of defended assets' }).default([]),
    sensors: z.array(SensorSchema, { error: 'a list of sensors' }).default([]),
    batteries: z.array(BatterySchema, { error: 'a list of batteries' }).default([]),
    doctrine: DoctrineSchema.prefault({}),
    communications: CommunicationsSchema.prefault({}),
  }, notAMapping('a scenario: a mapping with the keys epoch, threats and (optionally) assets, name, seed'))
  .meta({ title: 'tmdsim scenario', description: 'A tmdsim theater missile defense scenario' });

export type Site = z.infer<typeof SiteSchema>;
export type Shape = z.infer<typeof ShapeSchema>;
export type Threat = z.infer<typeof ThreatSchema>;
export type Asset = z.infer<typeof AssetSchema>;
export type Sensor = z.infer<typeof SensorSchema>;
export type ShipTrack = z.infer<typeof ShipTrackSchema>;
export type Battery = z.infer<typeof BatterySchema>;
export type Engagement = z.infer<typeof EngagementSchema>;
export type KillAssessment = z.infer<typeof KillAssessmentSchema>;
export type Reserve = z.infer<typeof ReserveSchema>;
export type Doctrine = z.infer<typeof DoctrineSchema>;
export type Communications = z.infer<typeof CommunicationsSchema>;
/** A validated scenario with defaults filled in (alt_m 0, shape min-energy, count 1, …). */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** What a scenario file may contain (defaults not yet applied). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/**
 * The JSON Schema (draft 2020-12) of a scenario *file*: optional keys with defaults are
 * optional. scripts/gen-schema.ts writes it to schema/scenario.schema.json.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** A problem found by a cross-field check: the path inside the file and what is expected. */
export interface PathIssue {
  path: (string | number)[];
  /** Full message, found and expected. */
  message: string;
}

/** The lists whose entries share one id namespace (ids name entities in logs and CSV columns). */
export const ID_LISTS = ['threats', 'assets', 'sensors', 'batteries'] as const;

/**
 * Checks zod cannot express per field: ids are unique across threats, assets, sensors and
 * batteries. Works on the raw (unvalidated) data so it reports together with the schema's
 * problems.
 */
export function uniqueIdIssues(raw: unknown): PathIssue[] {
  const out: PathIssue[] = [];
  if (!raw || typeof raw !== 'object') return out;
  const seen = new Map<string, string>();
  for (const list of ID_LISTS) {
    const arr = (raw as Record<string, unknown>)[list];
    if (!Array.isArray(arr)) continue;
    arr.forEach((item, i) => {
      const v = item && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
      if (typeof v !== 'string') return;
      const first = seen.get(v);
      if (first !== undefined) {
        out.push({ path: [list, i, 'id'], message: `found '${v}' again (first used by ${first}), expected an id used only once` });
      } else seen.set(v, `${list}[${i}]`);
    });
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function listOf(raw: unknown, key: string): unknown[] {
  if (!isRecord(raw)) return [];
  const v = raw[key];
  return Array.isArray(v) ? v : [];
}

const CIRCLE_KEYS = ['lat_deg', 'lon_deg', 'radius_km'] as const;
const CIRCLE_EXPECTED: Record<(typeof CIRCLE_KEYS)[number], string> = {
  lat_deg: `${LAT} (the centre of a circular asset; or give a polygon instead)`,
  lon_deg: `${LON} (the centre of a circular asset; or give a polygon instead)`,
  radius_km: `${RADIUS} (or give a polygon instead)`,
};

/**
 * Every cross-field rule of a scenario, on the raw data (reported with the schema's problems):
 * unique ids (`uniqueIdIssues`); an asset is a circle (lat_deg, lon_deg, radius_km) or a
 * polygon, not both; a battery has a site or a ship, not both; `reload_s` needs `launchers`;
 * a salvo doctrine fires no more than `max_interceptors_per_threat`.
 */
export function crossFieldIssues(raw: unknown): PathIssue[] {
  const out = uniqueIdIssues(raw);
  listOf(raw, 'assets').forEach((a, i) => {
    if (!isRecord(a)) return;
    const circle = CIRCLE_KEYS.filter((k) => k in a);
    if ('polygon' in a) {
      if (circle.length) {
        out.push({
          path: ['assets', i, circle[0]],
          message: `found ${circle.join(', ')} and a polygon, expected either a circle (lat_deg, lon_deg, radius_km) or a polygon, not both`,
        });
      }
    } else {
      for (const k of CIRCLE_KEYS) if (!(k in a)) out.push({ path: ['assets', i, k], message: `missing key '${k}'; expected ${CIRCLE_EXPECTED[k]}` });
    }
  });
  listOf(raw, 'batteries').forEach((b, i) => {
    if (!isRecord(b)) return;
    const hasSite = 'site' in b;
    const hasShip = 'ship' in b;
    if (hasSite && hasShip) {
      out.push({ path: ['batteries', i, 'ship'], message: 'found both a site and a ship, expected one of them: a land battery has a site, a ship a track' });
    } else if (!hasSite && !hasShip) {
      out.push({ path: ['batteries', i, 'site'], message: "missing key 'site'; expected a place { lat_deg, lon_deg, alt_m } or a ship { track: [waypoints] }" });
    }
    if ('reload_s' in b && !('launchers' in b)) {
      out.push({ path: ['batteries', i, 'reload_s'], message: "found reload_s without launchers, expected launchers (the number of launchers to reload) alongside it" });
    }
    if ('rounds_per_launcher' in b && !('launchers' in b)) {
      out.push({ path: ['batteries', i, 'rounds_per_launcher'], message: 'found rounds_per_launcher without launchers, expected launchers alongside it' });
    }
  });
  const d = isRecord(raw) ? raw.doctrine : undefined;
  if (isRecord(d)) {
    const e = d.engagement;
    const max = typeof d.max_interceptors_per_threat === 'number' ? d.max_interceptors_per_threat : 4;
    if (isRecord(e)) {
      const k = e.type === 'salvo' ? e.shots : e.type === 'shoot-look-shoot' ? e.salvo_if_no_time : undefined;
      const key = e.type === 'salvo' ? 'shots' : 'salvo_if_no_time';
      if (typeof k === 'number' && Number.isInteger(k) && k > max) {
        out.push({
          path: ['doctrine', 'engagement', key],
          message: `found ${k}, expected at most max_interceptors_per_threat (${max}) interceptors in one salvo`,
        });
      }
    }
  }
  return out;
}

/** A reference from a scenario to a catalog entry. */
export interface CatalogReference {
  path: (string | number)[];
  kind: 'missile' | 'radar' | 'interceptor';
  id: string;
}

/**
 * Every catalog reference in the raw data: threats[i].missile (missile), sensors[i].radar for
 * radars (radar), batteries[i].interceptor (interceptor). Non-text values are left to the schema.
 */
export function catalogReferences(raw: unknown): CatalogReference[] {
  const out: CatalogReference[] = [];
  const add = (list: string, key: string, kind: CatalogReference['kind'], when?: (o: Record<string, unknown>) => boolean) =>
    listOf(raw, list).forEach((o, i) => {
      if (!isRecord(o) || (when && !when(o))) return;
      const v = o[key];
      if (typeof v === 'string') out.push({ path: [list, i, key], kind, id: v });
    });
  add('threats', 'missile', 'missile');
  add('sensors', 'radar', 'radar', (o) => o.type === 'radar');
  add('batteries', 'interceptor', 'interceptor');
  return out;
}
