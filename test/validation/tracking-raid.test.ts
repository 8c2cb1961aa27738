/**
 * Regression for tmdsim issue 3 (the tracker falling apart on a multi-radar raid): a small raid
 * built with the product's own chain — scenario → flyThreats → sensedObjects → buildSensors →
 * simulateSensors — five Scud-B-class missiles (each one object all the way: the body re-enters
 * whole, catalog scud-b) seen by three radars with different coverage (a TPY-2-like X-band with a
 * ±60° sector and two SPY-1-like ship radars with 360° but 1000 km instrumented range, at three
 * different sites, so horizons differ), each with its Poisson clutter (λ = 1 a scan).
 *
 * Before the fix (tracker of commit HEAD at the time of issue 3) this scenario gave 75 confirmed
 * tracks, 69 breaks and a GOSPA mean of 1294 m (c = 1 km, p = 2): every radar scan that did not
 * see a track counted a miss against it, boosting and re-entering targets diverged from the
 * low-q ballistic model, and rows were emitted once per scan instead of once per time.
 *
 * Bounds asserted (what a tracking engineer expects): confirmed tracks ≤ 1.3 × objects, breaks ≤
 * objects, purity ≥ 0.95, every object tracked, GOSPA mean ≤ 400 m. The GOSPA floor here is the
 * boost phase no radar sees yet (≈ 0.34 missed objects per scored time, each c/√2 = 707 m of
 * GOSPA before the root), not the track errors (RMSE ≈ 40 m). Seeds 1–6 give 5–6 tracks, 0
 * breaks and GOSPA 225–232 m.
 *
 * The same data with the fixes turned off (every scan relabelled to one sensor id and no
 * coverage predicates — the old "any scan is a miss" rule —, one process-noise level, no
 * duplicate pruning) must break the bounds: the test can fail.
 */
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/cli/catalog-files.js';
import { parseScenario } from '../../src/scenario/index.js';
import { simulateSensors, type Scan } from '../../src/sensor/index.js';
import { flyThreats } from '../../src/sim/threats.js';
import { buildSensors, sensedObjects } from '../../src/sim/world.js';
import { Tracker, scoreTracks, type ScoreResult, type StateRow, type TrackerOptions } from '../../src/track/index.js';

const RAID = `
name: tracking regression raid
epoch: 2026-01-01T00:00:00Z
seed: 7
end_time_s: 1200
threats:
  - { id: s1, missile: scud-b, launch: { lat_deg: 39.0, lon_deg: 125.7 }, target: { lat_deg: 37.0, lon_deg: 127.0 }, count: 2, salvo_interval_s: 15 }
  - { id: s2, missile: scud-b, launch: { lat_deg: 38.9, lon_deg: 126.3 }, launch_time_s: 40, target: { lat_deg: 36.8, lon_deg: 127.6 } }
  - { id: s3, missile: scud-b, launch: { lat_deg: 39.4, lon_deg: 127.3 }, launch_time_s: 70, target: { lat_deg: 37.3, lon_deg: 128.6 }, count: 2, salvo_interval_s: 20 }
assets:
  - { id: a, name: A, lat_deg: 37.0, lon_deg: 127.0, radius_km: 10, value: 1 }
sensors:
  - { id: xband, type: radar, radar: tpy2-like, site: { lat_deg: 35.9, lon_deg: 128.9, alt_m: 50 }, boresight_az_deg: 330 }
  - { id: ship-w, type: radar, radar: spy1-like, site: { lat_deg: 37.0, lon_deg: 124.9, alt_m: 20 }, boresight_az_deg: 0 }
  - { id: ship-e, type: radar, radar: spy1-like, site: { lat_deg: 38.3, lon_deg: 129.6, alt_m: 20 }, boresight_az_deg: 0 }
batteries: []
doctrine:
  engagement: { type: shoot-look-shoot, shots_per_look: 1, salvo_if_no_time: 2 }
  max_interceptors_per_threat: 2
`;

const catalog = readCatalog();
const scenario = parseScenario(RAID, 'tracking-raid.yaml', catalog);
const flown = flyThreats(scenario, catalog, 'tracking-raid.yaml');
const { objects } = sensedObjects(flown, catalog);
const sensors = buildSensors(scenario, catalog, scenario.seed ?? 1, 0);
const { truth, scans } = simulateSensors(objects, sensors.radars, 0, Math.max(...objects.map((o) => o.endTime)));
const truthRows: StateRow[] = truth.map((r) => ({ time: r.time, id: r.object, state: r.state }));
const N = objects.length;

function run(input: readonly Scan[], opts: TrackerOptions = {}): { confirmed: number; score: ScoreResult } {
  const tracker = new Tracker(opts);
  for (const s of input) tracker.processScan(s);
  const rows: StateRow[] = tracker.rows.map((r) => ({ time: r.time, id: r.track, state: r.state }));
  return { confirmed: tracker.confirmedTotal, score: scoreTracks(truthRows, rows) };
}

describe('tracker on a small multi-radar raid (issue 3)', () => {
  it('the scenario exercises what it should: 5 objects, 3 radars each detecting every object, clutter', () => {
    expect(N).toBe(5);
    const seen = new Map<string, Set<string>>();
    let falseAlarms = 0;
    for (const s of scans) {
      for (const id of s.truth) {
        if (id === null) falseAlarms++;
        else (seen.get(s.sensor) ?? seen.set(s.sensor, new Set()).get(s.sensor)!).add(id);
      }
    }
    expect([...seen.keys()].sort()).toEqual(['ship-e', 'ship-w', 'xband']);
    for (const ids of seen.values()) expect(ids.size).toBe(5);
    expect(falseAlarms).toBeGreaterThan(500); // λ = 1 a scan over ~800 scans
    expect(scans.every((s) => typeof s.covers === 'function')).toBe(true);
  });

  it('with coverage predicates (the simulation path): few tracks, no breaks, pure, GOSPA ≤ 400 m', () => {
    const { confirmed, score } = run(scans);
    expect(score.truths_tracked).toBe(N);
    expect(confirmed).toBeLessThanOrEqual(1.3 * N);
    expect(score.breaks).toBeLessThanOrEqual(N);
    expect(score.purity).toBeGreaterThanOrEqual(0.95);
    expect(score.gospa_mean).toBeLessThan(400);
  });

  it('without coverage predicates (the CSV path: per-sensor miss counting alone): the same bounds', () => {
    const { confirmed, score } = run(scans.map((s) => ({ ...s, covers: undefined })));
    expect(score.truths_tracked).toBe(N);
    expect(confirmed).toBeLessThanOrEqual(1.3 * N);
    expect(score.breaks).toBeLessThanOrEqual(N);
    expect(score.purity).toBeGreaterThanOrEqual(0.95);
    expect(score.gospa_mean).toBeLessThan(400);
  });

  it('the test can fail: the fixes turned off (one sensor id, no coverage, one process-noise level, no pruning) break the bounds', () => {
    const off = scans.map((s) => ({ ...s, sensor: 'one', covers: undefined }));
    const { confirmed, score } = run(off, { manoeuvreQ: 0, duplicateScans: 0 });
    expect(confirmed).toBeGreaterThan(1.3 * N);
    expect(score.breaks).toBeGreaterThan(N);
    expect(score.gospa_mean).toBeGreaterThan(400);
  });
});
