/**
 * The scenario sections of issue 5: sensors, batteries, polygon assets, doctrine,
 * communications, end time. Valid files fill their defaults; each malformed fixture gives
 * exactly its located problems (file:line:col path: found …, expected …).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadCatalog, parseScenario, scenarioJsonSchema, type LocatedProblem } from '../../src/scenario/index.js';
import { looseKinds, missileFile } from './helpers.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'scenarios');

/** A test catalog with one missile, two interceptor types and two radar types (ids only matter here). */
function entry(kind: 'interceptor' | 'radar', id: string) {
  return { path: `catalog/${kind}s/${id}.yaml`, text: missileFile(id).text.replace('kind: missile', `kind: ${kind}`) };
}
const catalog = loadCatalog(
  [missileFile('nodong', 1300), entry('interceptor', 'sm3-like'), entry('interceptor', 'pac3-like'), entry('radar', 'tpy2-like'), entry('radar', 'spy1-like')],
  looseKinds,
);

function problemsOf(text: string, file: string): LocatedProblem[] {
  try {
    parseScenario(text, file, catalog);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).problems as LocatedProblem[];
  }
  throw new Error(`${file}: expected problems, the scenario was accepted`);
}

const HEAD = `epoch: 2026-01-01T00:00:00Z
threats:
  - { id: t1, missile: nodong, launch: { lat_deg: 40.0, lon_deg: 127.5 }, target: { lat_deg: 35.68, lon_deg: 139.69 } }
`;

describe('scenario sections: valid files', () => {
  it('a file without the new sections gets the stated defaults', () => {
    const s = parseScenario(HEAD, 'min.yaml', catalog);
    expect(s.sensors).toEqual([]);
    expect(s.batteries).toEqual([]);
    expect(s.end_time_s).toBeUndefined();
    expect(s.doctrine).toEqual({
      engagement: { type: 'shoot-look-shoot', shots_per_look: 1, salvo_if_no_time: 2 },
      max_interceptors_per_threat: 4,
      kill_assessment: { p_correct_kill: 1, p_correct_miss: 1, delay_s: 5 },
    });
    expect(s.communications).toEqual({ sensor_to_tracker_s: 1, tracker_to_bmc_s: 2, bmc_to_battery_s: 2, battery_to_bmc_s: 2 });
  });

  it('reads every section as written', () => {
    const text = `${HEAD}end_time_s: 1800
assets:
  - { id: tokyo, name: Tokyo, lat_deg: 35.68, lon_deg: 139.69, radius_km: 20, value: 100 }
  - { id: kanto, polygon: [[35.0, 139.0], [36.0, 140.5], [35.5, 140.0]], value: 80 }
sensors:
  - { id: sbirs, type: early-warning, latency_s: 30 }
  - { id: xband, type: radar, radar: tpy2-like, site: { lat_deg: 40.9, lon_deg: 140.4 }, boresight_az_deg: 270 }
batteries:
  - id: kongo
    interceptor: sm3-like
    layer: upper
    ship: { track: [ { time_s: 0, lat_deg: 38.5, lon_deg: 135.0 }, { time_s: 3600, lat_deg: 38.6, lon_deg: 135.3 } ] }
    inventory: 24
    max_salvo: 2
    salvo_interval_s: 5
    fire_channels: 3
  - { id: p1, interceptor: pac3-like, layer: lower, site: { lat_deg: 35.6, lon_deg: 139.6 }, inventory: 0, launchers: 4, rounds_per_launcher: 4, reload_s: 900 }
doctrine:
  engagement: { type: salvo, shots: 3 }
  max_interceptors_per_threat: 3
  reserve: { per_battery: 2, min_asset_value: 90 }
  kill_assessment: { p_correct_kill: 0.9, p_correct_miss: 0.8 }
communications: { bmc_to_battery_s: 0.5 }
`;
    const s = parseScenario(text, 'full.yaml', catalog);
    expect(s.end_time_s).toBe(1800);
    expect(s.assets[1]).toEqual({ id: 'kanto', alt_m: 0, polygon: [[35, 139], [36, 140.5], [35.5, 140]], value: 80 });
    expect(s.sensors.map((x) => x.type)).toEqual(['early-warning', 'radar']);
    expect(s.sensors[0]).toMatchObject({ id: 'sbirs', latency_s: 30, detect_altitude_km: 12 });
    expect(s.batteries[0]).toEqual({
      id: 'kongo',
      interceptor: 'sm3-like',
      layer: 'upper',
      ship: { track: [{ time_s: 0, lat_deg: 38.5, lon_deg: 135, alt_m: 0 }, { time_s: 3600, lat_deg: 38.6, lon_deg: 135.3, alt_m: 0 }] },
      inventory: 24,
      max_salvo: 2,
      salvo_interval_s: 5,
      fire_channels: 3,
    });
    expect(s.batteries[1]).toMatchObject({ inventory: 0, launchers: 4, rounds_per_launcher: 4, reload_s: 900, site: { lat_deg: 35.6, lon_deg: 139.6, alt_m: 0 } });
    expect(s.doctrine).toEqual({
      engagement: { type: 'salvo', shots: 3 },
      max_interceptors_per_threat: 3,
      reserve: { per_battery: 2, min_asset_value: 90 },
      kill_assessment: { p_correct_kill: 0.9, p_correct_miss: 0.8, delay_s: 5 },
    });
    expect(s.communications).toEqual({ sensor_to_tracker_s: 1, tracker_to_bmc_s: 2, bmc_to_battery_s: 0.5, battery_to_bmc_s: 2 });
  });

  it('the JSON Schema describes the new sections', () => {
    const js = scenarioJsonSchema() as any;
    expect(Object.keys(js.properties)).toEqual(expect.arrayContaining(['sensors', 'batteries', 'doctrine', 'communications', 'end_time_s']));
    expect(js.properties.batteries.items.required).toEqual(['id', 'interceptor', 'layer', 'inventory']);
    expect(js.properties.sensors.items.oneOf.map((o: any) => o.properties.type.const)).toEqual(['radar', 'early-warning']);
    expect(js.properties.assets.items.properties.polygon).toMatchObject({ type: 'array', minItems: 3 });
    expect(js.properties.communications.properties.bmc_to_battery_s).toMatchObject({ minimum: 0, maximum: 600, default: 2 });
  });
});

/** Each new fixture: every problem it must produce, in order, as [where, message]. */
const EXPECTED: Record<string, [string, string][]> = {
  'bad-battery-inventory.yaml': [['bad-battery-inventory.yaml:10:16 batteries[1].inventory', 'found -3, expected a whole number of interceptors ≥ 0']],
  'bad-unknown-interceptor.yaml': [
    [
      'bad-unknown-interceptor.yaml:6:18 batteries[0].interceptor',
      "found 'sm3-lik', expected an interceptor type from the catalog; did you mean 'sm3-like' or 'pac3-like'?",
    ],
  ],
  'bad-doctrine.yaml': [
    [
      'bad-doctrine.yaml:5:23 doctrine.engagement.type',
      "found 'shoot-look-shot', expected an engagement type: one of 'shoot-look-shoot', 'salvo'; did you mean 'shoot-look-shoot'?",
    ],
    ['bad-doctrine.yaml:6:32 doctrine.max_interceptors_per_threat', 'found 0, expected a whole number of interceptors per threat ≥ 1'],
  ],
  'bad-salvo-over-max.yaml': [
    ['bad-salvo-over-max.yaml:5:37 doctrine.engagement.shots', 'found 4, expected at most max_interceptors_per_threat (3) interceptors in one salvo'],
  ],
  'bad-polygon.yaml': [
    ['bad-polygon.yaml:6:14 assets[0].polygon', 'found a list of 2 items, expected a polygon: a list of at least 3 vertices [lat_deg, lon_deg]'],
    ['bad-polygon.yaml:9:45 assets[1].polygon[2]', 'found a list of 1 item, expected a vertex [lat_deg, lon_deg]'],
  ],
  'bad-asset-circle-and-polygon.yaml': [
    [
      'bad-asset-circle-and-polygon.yaml:6:14 assets[0].lat_deg',
      'found lat_deg, lon_deg and a polygon, expected either a circle (lat_deg, lon_deg, radius_km) or a polygon, not both',
    ],
    ['bad-asset-circle-and-polygon.yaml:10:5 assets[1].radius_km', "missing key 'radius_km'; expected a radius > 0 km (or give a polygon instead)"],
  ],
  'bad-latency.yaml': [
    ['bad-latency.yaml:5:24 communications.sensor_to_tracker_s', 'found -1, expected a latency in [0, 600] s'],
    ['bad-latency.yaml:6:3 communications.tracker_to_bmc', "unknown key 'tracker_to_bmc'; did you mean 'tracker_to_bmc_s' or 'battery_to_bmc_s'?"],
  ],
  'bad-sensor-type.yaml': [
    [
      'bad-sensor-type.yaml:5:24 sensors[0].type',
      "found 'early-warnin', expected a sensor type: one of 'radar', 'early-warning'; did you mean 'early-warning'?",
    ],
    ['bad-sensor-type.yaml:6:38 sensors[1].radar', "found 'tpy2-lik', expected a radar type from the catalog; did you mean 'tpy2-like' or 'spy1-like'?"],
  ],
  'bad-battery-site-ship.yaml': [
    ['bad-battery-site-ship.yaml:9:11 batteries[0].ship', 'found both a site and a ship, expected one of them: a land battery has a site, a ship a track'],
    [
      'bad-battery-site-ship.yaml:11:5 batteries[1].site',
      "missing key 'site'; expected a place { lat_deg, lon_deg, alt_m } or a ship { track: [waypoints] }",
    ],
  ],
  'bad-battery-layer.yaml': [
    ['bad-battery-layer.yaml:5:46 batteries[0].layer', "found 'middle', expected a defense layer: one of 'upper', 'lower'"],
    [
      'bad-battery-layer.yaml:5:120 batteries[0].reload_s',
      'found reload_s without launchers, expected launchers (the number of launchers to reload) alongside it',
    ],
  ],
  'bad-ship-track.yaml': [
    ['bad-ship-track.yaml:12:21 batteries[0].ship.track[2].time_s', "found 300, expected a time after the previous waypoint's (600 s)"],
  ],
  'bad-kill-assessment.yaml': [
    ['bad-kill-assessment.yaml:5:38 doctrine.kill_assessment.p_correct_kill', 'found 1.2, expected a probability in [0, 1]'],
    ['bad-kill-assessment.yaml:5:64 doctrine.kill_assessment.delay', "unknown key 'delay'; did you mean 'delay_s'?"],
    ['bad-kill-assessment.yaml:6:27 doctrine.reserve.per_battery', 'found 2.5, expected a whole number of interceptors ≥ 0'],
  ],
  'bad-end-time.yaml': [['bad-end-time.yaml:4:13 end_time_s', 'found 0, expected an end time > 0 s after the epoch']],
  'bad-duplicate-sensor-battery-id.yaml': [
    ['bad-duplicate-sensor-battery-id.yaml:7:11 batteries[0].id', "found 'kongo' again (first used by sensors[0]), expected an id used only once"],
  ],
};

function textAt(text: string, line: number, col: number): string {
  return text.split('\n')[line - 1].slice(col - 1);
}

describe('scenario sections: malformed files report every problem with line, column, path', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(file, () => {
      const text = readFileSync(join(FIX, file), 'utf8');
      const got = problemsOf(text, file);
      expect(got.map((p) => [p.where, p.message])).toEqual(expected);
      for (const p of got) {
        // the position is where the problem is: the found value, the unknown key, or the
        // mapping that lacks a key (checked against the source text independently)
        const at = textAt(text, p.line, p.col);
        const found = /^found (-?[\d.]+|'[^']*')/.exec(p.message)?.[1];
        if (found !== undefined) expect(at.startsWith(found.replace(/^'|'$/g, '')), `${p.where}: '${at}'`).toBe(true);
        const unknown = /^unknown key '([^']+)'/.exec(p.message)?.[1];
        if (unknown !== undefined) expect(at.startsWith(unknown)).toBe(true);
        if (p.message.startsWith('missing key')) expect(at).toMatch(/^[{\w]/);
      }
    });
  }

  it('covers at least 10 new kinds of mistake', () => {
    expect(Object.keys(EXPECTED).length).toBeGreaterThanOrEqual(10);
  });

  it('a catalog without interceptor types says so', () => {
    const bare = loadCatalog([missileFile('nodong', 1300)], looseKinds);
    const text = readFileSync(join(FIX, 'bad-unknown-interceptor.yaml'), 'utf8');
    try {
      parseScenario(text, 'x.yaml', bare);
      expect.unreachable();
    } catch (e) {
      expect((e as UserError).problems.map((p) => p.message)).toEqual(["found 'sm3-lik', but the catalog has no interceptor types"]);
    }
  });
});
