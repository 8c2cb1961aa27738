import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { EVENT_FIELDS, EVENT_TYPES, eventToJson, parseJsonl, replay, writeJsonl, type SimEvent } from '../../src/sim/index.js';
import { runToy, type ToyOptions } from './toy-model.js';

/** One event of every type, with awkward numbers (tiny, huge, negative, many digits). */
const ALL: SimEvent[] = [
  { type: 'launch', t: 0, threatId: 't1#1', missile: 'nodong', launch_lat_deg: 40.1234567890123, launch_lon_deg: 127.5, aim_lat_deg: 35.68, aim_lon_deg: -139.69 },
  { type: 'detection', t: 12.5, sensorId: 'sbirs', threatId: 't1#1' },
  { type: 'detection', t: 13, sensorId: 'tpy2', threatId: null },
  { type: 'track-start', t: 14, trackId: 'T1', threatId: 't1#1' },
  { type: 'assignment', t: 20, trackId: 'T1', threatId: 't1#1', battery: 'kongo', shots: 2 },
  { type: 'fire', t: 22.000000000000004, interceptorId: 'kongo-1', battery: 'kongo', layer: 'upper', trackId: 'T1', threatId: 't1#1' },
  { type: 'fire', t: 23, interceptorId: 'kongo-2', battery: 'kongo', layer: 'upper', trackId: 'T1', threatId: 't1#1' },
  { type: 'intercept', t: 300.1, interceptorId: 'kongo-1', threatId: 't1#1', battery: 'kongo', altitude_m: 182345.25, miss_m: 1e-300, pk: 0.85, killed: false },
  { type: 'kill-assessment', t: 305.1, interceptorId: 'kongo-1', threatId: 't1#1', trackId: 'T1', call: 'kill', correct: false },
  { type: 'miss', t: 310, interceptorId: 'kongo-2', threatId: 't1#1', battery: 'kongo', reason: 'target lost' },
  { type: 'track-drop', t: 320, trackId: 'T1', threatId: 't1#1', reason: 'no update for 30 s' },
  { type: 'leak', t: 400, threatId: 't1#1', reason: 'assessed killed' },
  { type: 'impact', t: 612.75, threatId: 't1#1', lat_deg: 35.7, lon_deg: 139.7, aim_miss_m: 1234.5, assetId: 'tokyo' },
];

const TOY: ToyOptions = {
  seed: 11,
  threats: 12,
  pk: 0.6,
  inventory: 14,
  flight_s: 600,
  latencies: { sensor_to_tracker_s: 1, tracker_to_bmc_s: 2, bmc_to_battery_s: 2, battery_to_bmc_s: 2 },
};

describe('event log: JSON Lines', () => {
  it('covers every event type, and writes keys in the schema order', () => {
    expect(new Set(ALL.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    const line = eventToJson(ALL[7]);
    expect(line).toBe(
      '{"type":"intercept","t":300.1,"interceptorId":"kongo-1","threatId":"t1#1","battery":"kongo","altitude_m":182345.25,"miss_m":1e-300,"pk":0.85,"killed":false}',
    );
    expect(Object.keys(JSON.parse(line))).toEqual(EVENT_FIELDS.intercept);
  });

  it('the same events give the same bytes whatever order their keys were built in', () => {
    const shuffled = ALL.map((e) => Object.fromEntries(Object.entries(e).reverse()) as SimEvent);
    expect(writeJsonl(shuffled)).toBe(writeJsonl(ALL));
  });

  it('round trip: parse(write(events)) equals events, and write(parse(text)) equals text', () => {
    const text = writeJsonl(ALL);
    expect(text.split('\n')).toHaveLength(ALL.length + 1);
    const back = parseJsonl(text, 'log.jsonl');
    expect(back).toEqual(ALL);
    expect(writeJsonl(back)).toBe(text);
  });

  it('round trip holds for arbitrary finite numbers and ids (property)', () => {
    const ev = fc.record({
      type: fc.constant('intercept' as const),
      t: fc.double({ min: 0, max: 1e7, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
      interceptorId: fc.string({ minLength: 1 }),
      threatId: fc.string({ minLength: 1 }),
      battery: fc.string({ minLength: 1 }),
      altitude_m: fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)),
      miss_m: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)),
      pk: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
      killed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(ev, { maxLength: 20 }), (es) => {
        const sorted = [...es].sort((a, b) => a.t - b.t);
        expect(parseJsonl(writeJsonl(sorted), 'p.jsonl')).toEqual(sorted);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to write what JSON cannot hold', () => {
    expect(() => eventToJson({ ...(ALL[7] as object), miss_m: Infinity } as SimEvent)).toThrow(/miss_m is Infinity/);
    expect(() => eventToJson({ type: 'launch', t: 0 } as SimEvent)).toThrow(/without 'threatId'/);
  });

  it('reading reports every bad line at once, with file:line and what was expected', () => {
    const text = [
      eventToJson(ALL[0]),
      '',
      '{"type":"launh","t":1}',
      '{"type":"fire","t":2,"interceptorId":"a","battery":"b","layer":"middle","trackId":"T","threatId":null}',
      'not json',
      '{"type":"leak","t":3,"threatId":"t1","reason":"x","extra":1}',
      '{"type":"impact","t":4,"threatId":"t1","lat_deg":1,"lon_deg":2,"assetId":null}',
      eventToJson({ type: 'leak', t: 4, threatId: 't2', reason: 'window' }),
      eventToJson({ type: 'leak', t: 0.5, threatId: 't1', reason: 'late' }),
    ].join('\n');
    try {
      parseJsonl(text, 'bad.jsonl');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      const ps = (e as UserError).problems.map((p) => `${p.where}: ${p.message}`);
      expect(ps).toHaveLength(6);
      expect(ps[0]).toMatch(/^bad\.jsonl:3 type: found "launh", expected an event type: one of 'launch', 'detection'/);
      expect(ps[1]).toBe(`bad.jsonl:4 layer: found "middle", expected 'upper' or 'lower'`);
      expect(ps[2]).toMatch(/^bad\.jsonl:5: found text that is not JSON \(.*\), expected one JSON object per line$/);
      expect(ps[3]).toBe("bad.jsonl:6: unknown key 'extra'; expected only the keys of this event type");
      expect(ps[4]).toBe("bad.jsonl:7 aim_miss_m: missing key 'aim_miss_m'; expected a distance ≥ 0 m");
      expect(ps[5]).toBe("bad.jsonl:9 t: found 0.5, expected a time ≥ 4 (the previous event's): events are logged in time order");
    }
  });
});

describe('event log: replay', () => {
  it('folds the hand-made log into the outcome the events describe', () => {
    const r = replay(ALL);
    expect(r.threats).toHaveLength(1);
    expect(r.threats[0]).toEqual({
      threatId: 't1#1',
      launchTime: 0,
      firstDetection: 12.5,
      firstTrack: 14,
      shots: 2,
      intercepts: 1,
      outcome: 'leaked',
      killedBy: null,
      impact: { t: 612.75, lat_deg: 35.7, lon_deg: 139.7, aim_miss_m: 1234.5, assetId: 'tokyo' },
      leakReason: 'assessed killed',
      wrongKillCalls: 1,
      wrongMissCalls: 0,
    });
    expect(r).toMatchObject({ interceptorsSpent: 2, byBattery: { kongo: 2 }, killed: 0, leaked: 1, unresolved: 0, falseDetections: 1, shotsAtFalseTracks: 0 });
  });

  it('a kill stands against a later impact event; a threat with no end is unresolved', () => {
    const log: SimEvent[] = [
      { type: 'launch', t: 0, threatId: 'a', missile: 'm', launch_lat_deg: 0, launch_lon_deg: 0, aim_lat_deg: 1, aim_lon_deg: 1 },
      { type: 'launch', t: 0, threatId: 'b', missile: 'm', launch_lat_deg: 0, launch_lon_deg: 0, aim_lat_deg: 1, aim_lon_deg: 1 },
      { type: 'fire', t: 1, interceptorId: 'i1', battery: 'p1', layer: 'lower', trackId: 'T', threatId: null },
      { type: 'intercept', t: 5, interceptorId: 'i0', threatId: 'a', battery: 'p2', altitude_m: 15000, miss_m: 0.5, pk: 0.9, killed: true },
      { type: 'impact', t: 9, threatId: 'a', lat_deg: 1, lon_deg: 1, aim_miss_m: 0, assetId: null },
    ];
    const r = replay(log);
    expect(r.threats.map((o) => [o.threatId, o.outcome])).toEqual([
      ['a', 'killed'],
      ['b', 'unresolved'],
    ]);
    expect(r.threats[0].killedBy).toEqual({ interceptorId: 'i0', battery: 'p2', t: 5, altitude_m: 15000 });
    expect(r.threats[0].impact).toBeNull();
    expect(r).toMatchObject({ interceptorsSpent: 1, shotsAtFalseTracks: 1, killed: 1, leaked: 0, unresolved: 1 });
  });

  it('on the toy replica: every threat is killed or leaks, and the counts balance (conservation)', () => {
    const log = runToy(TOY);
    const r = replay(log.events);
    expect(r.threats).toHaveLength(TOY.threats);
    expect(r.killed + r.leaked).toBe(TOY.threats);
    const fires = log.events.filter((e) => e.type === 'fire').length;
    expect(r.interceptorsSpent).toBe(fires);
    expect(fires).toBeLessThanOrEqual(TOY.inventory);
    expect(r.threats.reduce((s, o) => s + o.shots, 0)).toBe(fires);
    // a threat is killed iff the log has a killing intercept for it
    for (const o of r.threats) {
      const kill = log.events.some((e) => e.type === 'intercept' && e.threatId === o.threatId && e.killed);
      expect(o.outcome === 'killed').toBe(kill);
    }
    // shoot-look-shoot: never a second shot at a threat before the first one's outcome is known
    for (const o of r.threats) {
      const ts = log.events.filter((e) => e.type === 'fire' && e.threatId === o.threatId).map((e) => e.t);
      const outcomes = log.events.filter((e) => e.type === 'intercept' && e.threatId === o.threatId).map((e) => e.t);
      for (let k = 1; k < ts.length; k++) expect(ts[k]).toBeGreaterThanOrEqual(outcomes[k - 1] + TOY.latencies.battery_to_bmc_s + TOY.latencies.bmc_to_battery_s);
    }
  });
});

describe('determinism', () => {
  it('same seed and schedule → the same log, byte for byte; another seed → another log', () => {
    const a = runToy(TOY).toJsonl();
    const b = runToy(TOY).toJsonl();
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(1000);
    expect(runToy({ ...TOY, seed: 12 }).toJsonl()).not.toBe(a);
    // and the written log reads back to the same bytes
    expect(writeJsonl(parseJsonl(a, 'toy.jsonl'))).toBe(a);
  });

  it('message latencies are the scenario values: a fire order reaches the battery exactly the chain latency after detection', () => {
    const log = runToy(TOY).events;
    const L = TOY.latencies;
    for (const f of log.filter((e) => e.type === 'fire')) {
      const firstShot = log.find((e) => e.type === 'fire' && e.threatId === f.threatId);
      if (firstShot !== f) continue;
      const det = log.find((e) => e.type === 'detection' && e.threatId === f.threatId);
      expect(f.t - (det as SimEvent).t).toBeCloseTo(L.sensor_to_tracker_s + L.tracker_to_bmc_s + L.bmc_to_battery_s, 9);
    }
  });
});
