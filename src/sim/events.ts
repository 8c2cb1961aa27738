/**
 * The typed event log of one replica: what happened, when, to whom — written as JSON Lines
 * (one JSON object per line, https://jsonlines.org), read back with located errors, and
 * folded by `replay` into what became of each threat and how many interceptors were spent.
 *
 * Events are a discriminated union on `type`. Times `t` are seconds since the scenario
 * epoch; positions are geodetic degrees and heights metres (an output, so units at the edge
 * as DESIGN.md asks, and in the key names). Ids are the scenario's ids (threats: the
 * threat id, with `#k` appended for the k-th missile of a salvo, k from 1 — a convention of
 * the executive, not checked here).
 *
 * Writing is deterministic: keys are emitted in the fixed order of `EVENT_FIELDS`, numbers
 * with JavaScript's shortest round-trip form (ECMA-262 Number::toString), so the same
 * events give the same bytes, and parse(write(events)) equals events (−0 is written as 0).
 */
import { z } from 'zod';
import { UserError, type Problem } from '../errors.js';

// ---------------------------------------------------------------------------------------
// Schemas (the single source of the event types)
// ---------------------------------------------------------------------------------------

const t = () => z.number({ error: 'a finite time in s' });
const idStr = () => z.string({ error: 'an id (text)' });
const nullableId = () => z.union([z.string(), z.null()], { error: 'an id (text) or null' });
const finite = (what: string) => z.number({ error: `${what} (a finite number)` });
const prob = () => z.number({ error: 'a probability in [0, 1]' }).min(0, { error: 'a probability in [0, 1]' }).max(1, { error: 'a probability in [0, 1]' });
const count = () => z.number({ error: 'a whole number ≥ 1' }).int({ error: 'a whole number ≥ 1' }).min(1, { error: 'a whole number ≥ 1' });
const layer = () => z.enum(['upper', 'lower'], { error: "'upper' or 'lower'" });

/** A missile leaves its launcher. */
export const LaunchEventSchema = z.strictObject({
  type: z.literal('launch'),
  t: t(),
  threatId: idStr(),
  missile: idStr(),
  launch_lat_deg: finite('a latitude in degrees'),
  launch_lon_deg: finite('a longitude in degrees'),
  aim_lat_deg: finite('a latitude in degrees'),
  aim_lon_deg: finite('a longitude in degrees'),
});

/** A sensor report: a radar detection or an early-warning launch report. `threatId` null: false alarm. */
export const DetectionEventSchema = z.strictObject({
  type: z.literal('detection'),
  t: t(),
  sensorId: idStr(),
  threatId: nullableId(),
});

/** The tracker confirms a new track (`threatId`: the truth it follows, null for a false track). */
export const TrackStartEventSchema = z.strictObject({
  type: z.literal('track-start'),
  t: t(),
  trackId: idStr(),
  threatId: nullableId(),
});

/** The tracker deletes a track. */
export const TrackDropEventSchema = z.strictObject({
  type: z.literal('track-drop'),
  t: t(),
  trackId: idStr(),
  threatId: nullableId(),
  reason: z.string({ error: 'a reason (text)' }),
});

/** The battle manager assigns `shots` interceptors of a battery to a track. */
export const AssignmentEventSchema = z.strictObject({
  type: z.literal('assignment'),
  t: t(),
  trackId: idStr(),
  threatId: nullableId(),
  battery: idStr(),
  shots: count(),
});

/** A battery launches an interceptor at a track. */
export const FireEventSchema = z.strictObject({
  type: z.literal('fire'),
  t: t(),
  interceptorId: idStr(),
  battery: idStr(),
  layer: layer(),
  trackId: idStr(),
  threatId: nullableId(),
});

/** A kill-assessment call on an engagement: `call` what was decided, `correct` whether it matched the truth. */
export const KillAssessmentEventSchema = z.strictObject({
  type: z.literal('kill-assessment'),
  t: t(),
  interceptorId: idStr(),
  threatId: idStr(),
  trackId: idStr(),
  call: z.enum(['kill', 'miss'], { error: "'kill' or 'miss'" }),
  correct: z.boolean({ error: 'true or false' }),
});

/** An interceptor reaches its endgame: closest approach `miss_m`, kill probability `pk`, drawn outcome `killed`. */
export const InterceptEventSchema = z.strictObject({
  type: z.literal('intercept'),
  t: t(),
  interceptorId: idStr(),
  threatId: idStr(),
  battery: idStr(),
  altitude_m: finite('a height in m'),
  miss_m: z.number({ error: 'a miss distance ≥ 0 m' }).min(0, { error: 'a miss distance ≥ 0 m' }),
  pk: prob(),
  killed: z.boolean({ error: 'true or false' }),
});

/** An interceptor ends without reaching an endgame (lost guidance, target gone, out of energy…). */
export const MissEventSchema = z.strictObject({
  type: z.literal('miss'),
  t: t(),
  interceptorId: idStr(),
  threatId: nullableId(),
  battery: idStr(),
  reason: z.string({ error: 'a reason (text)' }),
});

/** The defense's last chance at a threat has passed and it was not killed. */
export const LeakEventSchema = z.strictObject({
  type: z.literal('leak'),
  t: t(),
  threatId: idStr(),
  reason: z.string({ error: 'a reason (text)' }),
});

/** A reentry vehicle reaches the ground: where, how far from its aim point, inside which asset (or none). */
export const ImpactEventSchema = z.strictObject({
  type: z.literal('impact'),
  t: t(),
  threatId: idStr(),
  lat_deg: finite('a latitude in degrees'),
  lon_deg: finite('a longitude in degrees'),
  aim_miss_m: z.number({ error: 'a distance ≥ 0 m' }).min(0, { error: 'a distance ≥ 0 m' }),
  assetId: nullableId(),
});

export const EVENT_TYPES = [
  'launch',
  'detection',
  'track-start',
  'track-drop',
  'assignment',
  'fire',
  'kill-assessment',
  'intercept',
  'miss',
  'leak',
  'impact',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const SimEventSchema = z.discriminatedUnion(
  'type',
  [
    LaunchEventSchema,
    DetectionEventSchema,
    TrackStartEventSchema,
    TrackDropEventSchema,
    AssignmentEventSchema,
    FireEventSchema,
    KillAssessmentEventSchema,
    InterceptEventSchema,
    MissEventSchema,
    LeakEventSchema,
    ImpactEventSchema,
  ],
  { error: `an event type: one of ${EVENT_TYPES.map((x) => `'${x}'`).join(', ')}` },
);

export type LaunchEvent = z.infer<typeof LaunchEventSchema>;
export type DetectionEvent = z.infer<typeof DetectionEventSchema>;
export type TrackStartEvent = z.infer<typeof TrackStartEventSchema>;
export type TrackDropEvent = z.infer<typeof TrackDropEventSchema>;
export type AssignmentEvent = z.infer<typeof AssignmentEventSchema>;
export type FireEvent = z.infer<typeof FireEventSchema>;
export type KillAssessmentEvent = z.infer<typeof KillAssessmentEventSchema>;
export type InterceptEvent = z.infer<typeof InterceptEventSchema>;
export type MissEvent = z.infer<typeof MissEventSchema>;
export type LeakEvent = z.infer<typeof LeakEventSchema>;
export type ImpactEvent = z.infer<typeof ImpactEventSchema>;
/** Any logged event. */
export type SimEvent = z.infer<typeof SimEventSchema>;

/** The key order each event type is written in (= the schema's declaration order). */
export const EVENT_FIELDS: Readonly<Record<EventType, readonly string[]>> = Object.freeze({
  launch: Object.keys(LaunchEventSchema.shape),
  detection: Object.keys(DetectionEventSchema.shape),
  'track-start': Object.keys(TrackStartEventSchema.shape),
  'track-drop': Object.keys(TrackDropEventSchema.shape),
  assignment: Object.keys(AssignmentEventSchema.shape),
  fire: Object.keys(FireEventSchema.shape),
  'kill-assessment': Object.keys(KillAssessmentEventSchema.shape),
  intercept: Object.keys(InterceptEventSchema.shape),
  miss: Object.keys(MissEventSchema.shape),
  leak: Object.keys(LeakEventSchema.shape),
  impact: Object.keys(ImpactEventSchema.shape),
});

// ---------------------------------------------------------------------------------------
// Writing and reading JSON Lines
// ---------------------------------------------------------------------------------------

/**
 * One event as one JSON line (no newline), keys in `EVENT_FIELDS` order. Throws (a bug in the
 * caller) for an unknown type, a missing field or a non-finite number — JSON has no NaN.
 */
export function eventToJson(e: SimEvent): string {
  const fields = EVENT_FIELDS[e.type];
  if (!fields) throw new Error(`eventToJson: unknown event type '${String((e as { type?: unknown }).type)}'`);
  const rec = e as unknown as Record<string, unknown>;
  let s = '{';
  for (let i = 0; i < fields.length; i++) {
    const k = fields[i];
    const v = rec[k];
    if (v === undefined) throw new Error(`eventToJson: ${e.type} event without '${k}'`);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`eventToJson: ${e.type}.${k} is ${v}, not a finite number`);
    s += (i ? ',' : '') + JSON.stringify(k) + ':' + JSON.stringify(v);
  }
  return s + '}';
}

/** Events as JSON Lines text: one line each, every line ending in '\n'. */
export function writeJsonl(events: readonly SimEvent[]): string {
  let s = '';
  for (const e of events) s += eventToJson(e) + '\n';
  return s;
}

/**
 * Reads JSON Lines text back into events. Blank lines are skipped. Every bad line is reported
 * at once (`file:line path: found …, expected …`) in one UserError; events must come in
 * non-decreasing time order, as the executive writes them.
 */
export function parseJsonl(text: string, file: string): SimEvent[] {
  const out: SimEvent[] = [];
  const problems: Problem[] = [];
  const lines = text.split('\n');
  let lastT = -Infinity;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const where = `${file}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      problems.push({ where, message: `found text that is not JSON (${(e as Error).message}), expected one JSON object per line` });
      continue;
    }
    const r = SimEventSchema.safeParse(raw);
    if (!r.success) {
      for (const iss of r.error.issues) problems.push({ where: issueWhere(where, iss.path), message: issueMessage(raw, iss) });
      continue;
    }
    if (r.data.t < lastT) {
      problems.push({ where: `${where} t`, message: `found ${r.data.t}, expected a time ≥ ${lastT} (the previous event's): events are logged in time order` });
    }
    lastT = Math.max(lastT, r.data.t);
    out.push(r.data);
  }
  if (problems.length) throw new UserError(problems);
  return out;
}

function issueWhere(where: string, path: readonly PropertyKey[]): string {
  const p = path.filter((k): k is string | number => typeof k !== 'symbol').join('.');
  return p ? `${where} ${p}` : where;
}

function issueMessage(raw: unknown, iss: z.core.$ZodIssue): string {
  if (iss.code === 'unrecognized_keys') return `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `'${k}'`).join(', ')}; expected only the keys of this event type`;
  let v: unknown = raw;
  for (const k of iss.path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  const expected = iss.message;
  if (v === undefined) return `missing key '${String(iss.path[iss.path.length - 1] ?? '')}'; expected ${expected}`;
  return `found ${JSON.stringify(v)}, expected ${expected}`;
}

// ---------------------------------------------------------------------------------------
// The log and its replay
// ---------------------------------------------------------------------------------------

/** An append-only event log in dispatch order. */
export class EventLog {
  readonly events: SimEvent[] = [];

  /** Appends an event (kept by reference; do not mutate it afterwards). */
  push(e: SimEvent): void {
    this.events.push(e);
  }

  get length(): number {
    return this.events.length;
  }

  /** The log as JSON Lines text (see `writeJsonl`). */
  toJsonl(): string {
    return writeJsonl(this.events);
  }
}

/** What became of one threat, folded from the log. */
export interface ThreatOutcome {
  threatId: string;
  /** Launch time, s (NaN if the log has no launch event for it). */
  launchTime: number;
  /** First detection by any sensor, s; null if never detected. */
  firstDetection: number | null;
  /** First confirmed track on it, s; null if never tracked. */
  firstTrack: number | null;
  /** Interceptors fired at it. */
  shots: number;
  /** Interceptor engagements that reached an endgame. */
  intercepts: number;
  /** 'killed': an intercept drew a kill; 'leaked': it impacted or a leak was logged; 'unresolved': neither (the run ended first). */
  outcome: 'killed' | 'leaked' | 'unresolved';
  /** The killing intercept, if any. */
  killedBy: { interceptorId: string; battery: string; t: number; altitude_m: number } | null;
  /** Where it landed, if it did. */
  impact: { t: number; lat_deg: number; lon_deg: number; aim_miss_m: number; assetId: string | null } | null;
  /** Reason of the first leak event, if any. */
  leakReason: string | null;
  /** Kill-assessment calls on it that were wrong, by call. */
  wrongKillCalls: number;
  wrongMissCalls: number;
}

/** The fold of a whole log. */
export interface ReplaySummary {
  /** One entry per threat, in order of first appearance in the log. */
  threats: ThreatOutcome[];
  /** Interceptors fired, in total and per battery (batteries in order of first shot). */
  interceptorsSpent: number;
  byBattery: Record<string, number>;
  killed: number;
  leaked: number;
  unresolved: number;
  /** Detections and fires whose threatId was null (false alarms, shots at false tracks). */
  falseDetections: number;
  shotsAtFalseTracks: number;
}

function blankOutcome(threatId: string): ThreatOutcome {
  return {
    threatId,
    launchTime: NaN,
    firstDetection: null,
    firstTrack: null,
    shots: 0,
    intercepts: 0,
    outcome: 'unresolved',
    killedBy: null,
    impact: null,
    leakReason: null,
    wrongKillCalls: 0,
    wrongMissCalls: 0,
  };
}

/**
 * Folds a log (in time order) into per-threat outcomes and interceptor counts. A threat is
 * killed by the first intercept that drew a kill; a threat not killed that impacts or is
 * logged as leaking is a leaker. Events after a threat's kill (e.g. a late impact of debris)
 * do not change its outcome.
 */
export function replay(events: readonly SimEvent[]): ReplaySummary {
  const byId = new Map<string, ThreatOutcome>();
  const order: ThreatOutcome[] = [];
  const get = (id: string): ThreatOutcome => {
    let o = byId.get(id);
    if (!o) {
      o = blankOutcome(id);
      byId.set(id, o);
      order.push(o);
    }
    return o;
  };
  const byBattery: Record<string, number> = {};
  let spent = 0;
  let falseDetections = 0;
  let shotsAtFalseTracks = 0;
  for (const e of events) {
    switch (e.type) {
      case 'launch':
        get(e.threatId).launchTime = e.t;
        break;
      case 'detection':
        if (e.threatId === null) falseDetections++;
        else {
          const o = get(e.threatId);
          if (o.firstDetection === null) o.firstDetection = e.t;
        }
        break;
      case 'track-start':
        if (e.threatId !== null) {
          const o = get(e.threatId);
          if (o.firstTrack === null) o.firstTrack = e.t;
        }
        break;
      case 'fire':
        spent++;
        byBattery[e.battery] = (byBattery[e.battery] ?? 0) + 1;
        if (e.threatId === null) shotsAtFalseTracks++;
        else get(e.threatId).shots++;
        break;
      case 'kill-assessment':
        if (!e.correct) {
          const o = get(e.threatId);
          if (e.call === 'kill') o.wrongKillCalls++;
          else o.wrongMissCalls++;
        }
        break;
      case 'intercept': {
        const o = get(e.threatId);
        o.intercepts++;
        if (e.killed && o.outcome !== 'killed') {
          o.outcome = 'killed';
          o.killedBy = { interceptorId: e.interceptorId, battery: e.battery, t: e.t, altitude_m: e.altitude_m };
        }
        break;
      }
      case 'leak': {
        const o = get(e.threatId);
        if (o.leakReason === null) o.leakReason = e.reason;
        if (o.outcome === 'unresolved') o.outcome = 'leaked';
        break;
      }
      case 'impact': {
        const o = get(e.threatId);
        if (o.outcome === 'killed') break;
        o.impact = { t: e.t, lat_deg: e.lat_deg, lon_deg: e.lon_deg, aim_miss_m: e.aim_miss_m, assetId: e.assetId };
        o.outcome = 'leaked';
        break;
      }
      case 'assignment':
      case 'track-drop':
      case 'miss':
        break;
    }
  }
  let killed = 0;
  let leaked = 0;
  for (const o of order) {
    if (o.outcome === 'killed') killed++;
    else if (o.outcome === 'leaked') leaked++;
  }
  return {
    threats: order,
    interceptorsSpent: spent,
    byBattery,
    killed,
    leaked,
    unresolved: order.length - killed - leaked,
    falseDetections,
    shotsAtFalseTracks,
  };
}
