/**
 * The scenario file schema (zod 4): the single source of the `Scenario` type, of the
 * validation the loader runs, and of the published JSON Schema (schema/scenario.schema.json,
 * written by `npm run schema`).
 *
 * Keys carry their unit (`lat_deg`, `alt_m`, `apogee_km`). Every schema-level error message
 * is the *expected* half of a problem ("a latitude in [-90, 90] degrees"); the loader adds
 * the found value and the location (see load.ts).
 *
 * Later issues add `sensors`, `batteries`, `doctrine`, `communications`.
 */
import { z } from 'zod';

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
    id: id().meta({ description: 'Unique id (threats and assets share one namespace)' }),
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

export const AssetSchema = z
  .strictObject({
    id: id().meta({ description: 'Unique id (threats and assets share one namespace)' }),
    name: z.string({ error: 'a display name' }).optional(),
    lat_deg: latDeg(),
    lon_deg: lonDeg(),
    alt_m: altM(),
    radius_km: z.number({ error: RADIUS }).gt(0, { error: RADIUS }).meta({ description: 'Radius of the defended area, km' }),
    value: z.number({ error: VALUE }).min(0, { error: VALUE }).meta({ description: 'Relative worth, used by threat evaluation' }),
  }, notAMapping('an asset { id, lat_deg, lon_deg, radius_km, value }'))
  .meta({ description: 'A defended asset: a circle on the ground with a value' });

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
    threats: z.array(ThreatSchema, { error: 'a list of threats' }),
    assets: z.array(AssetSchema, { error: 'a list of defended assets' }).default([]),
  }, notAMapping('a scenario: a mapping with the keys epoch, threats and (optionally) assets, name, seed'))
  .meta({ title: 'tmdsim scenario', description: 'A tmdsim theater missile defense scenario' });

export type Site = z.infer<typeof SiteSchema>;
export type Shape = z.infer<typeof ShapeSchema>;
export type Threat = z.infer<typeof ThreatSchema>;
export type Asset = z.infer<typeof AssetSchema>;
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

/**
 * Checks zod cannot express per field: ids are unique across threats and assets. Works on
 * the raw (unvalidated) data so it reports together with the schema's problems.
 */
export function uniqueIdIssues(raw: unknown): PathIssue[] {
  const out: PathIssue[] = [];
  if (!raw || typeof raw !== 'object') return out;
  const seen = new Map<string, string>();
  for (const list of ['threats', 'assets'] as const) {
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
