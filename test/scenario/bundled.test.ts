/**
 * Every bundled scenario (scenarios/*.yaml) validates against the real catalog, and every
 * threat in it can reach its aim point: the aim-point solver (aimMissile, the full 3-DOF
 * flight) lands the RV within 100 m of each target. The reference scenario also has the
 * shape issue 5 asks for.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, readCatalog } from '../../src/cli/catalog-files.js';
import { geodesicInverse } from '../../src/earth/index.js';
import { missileCount, type Scenario, type Shape as ScenarioShape } from '../../src/scenario/index.js';
import { aimMissile, vehicleFromEntry, type Shape } from '../../src/threat/index.js';

const DEG = Math.PI / 180;
const DIR = join(import.meta.dirname, '..', '..', 'scenarios');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const catalog = readCatalog();

function toShape(s: ScenarioShape): Shape {
  switch (s.type) {
    case 'min-energy':
      return { type: 'min-energy' };
    case 'lofted':
    case 'depressed':
      return { type: s.type, apogeeM: s.apogee_km * 1000 };
    case 'burnout-angle':
      return { type: 'burnout-angle', angleRad: s.angle_deg * DEG };
  }
}

/** Ray casting on (lon, lat) treated as plane coordinates: fine for city-sized polygons. */
function inPolygon(lat: number, lon: number, poly: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [yi, xi] = poly[i];
    const [yj, xj] = poly[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function assetsContaining(s: Scenario, lat: number, lon: number): string[] {
  return s.assets
    .filter((a) =>
      a.polygon ? inPolygon(lat, lon, a.polygon as [number, number][]) : geodesicInverse(lat * DEG, lon * DEG, (a.lat_deg as number) * DEG, (a.lon_deg as number) * DEG).s <= (a.radius_km as number) * 1000,
    )
    .map((a) => a.id);
}

describe('bundled scenarios', () => {
  it('the reference and the three didactic scenarios are there', () => {
    expect(files).toEqual(['didactic-one-on-one.yaml', 'didactic-saturation.yaml', 'didactic-sls.yaml', 'japan-1999.yaml']);
  });

  for (const f of files) {
    describe(f, () => {
      const s = loadScenarioFile(join(DIR, f), catalog);

      it('validates, and names only catalog types', () => {
        for (const t of s.threats) expect(catalog.has('missile', t.missile)).toBe(true);
        for (const b of s.batteries) expect(catalog.has('interceptor', b.interceptor)).toBe(true);
        for (const x of s.sensors) if (x.type === 'radar') expect(catalog.has('radar', x.radar)).toBe(true);
        expect(s.batteries.length).toBeGreaterThan(0);
        expect(s.sensors.length).toBeGreaterThan(0);
      });

      it('every aim point lies in a defended asset', () => {
        for (const t of s.threats) expect(assetsContaining(s, t.target.lat_deg, t.target.lon_deg), t.id).not.toEqual([]);
      });

      it('every threat reaches its aim point (aimMissile lands within 100 m), inside the catalog range', { timeout: 120_000 }, () => {
        const done = new Set<string>();
        for (const t of s.threats) {
          const key = JSON.stringify([t.missile, t.launch, t.target, t.shape]);
          if (done.has(key)) continue;
          done.add(key);
          const v = vehicleFromEntry(catalog.get('missile', t.missile));
          const r = aimMissile(
            v,
            { lat: t.launch.lat_deg * DEG, lon: t.launch.lon_deg * DEG, h: t.launch.alt_m, time: t.launch_time_s },
            { lat: t.target.lat_deg * DEG, lon: t.target.lon_deg * DEG },
            toShape(t.shape),
          );
          expect(r.miss, t.id).toBeLessThan(100);
          expect(r.range / 1000, t.id).toBeLessThanOrEqual(v.type.range_km);
        }
      });
    });
  }

  it('japan-1999: tens of Nodong-class missiles, both tiers, a forward X-band radar and early warning', () => {
    const s = loadScenarioFile(join(DIR, 'japan-1999.yaml'), catalog);
    const n = missileCount(s);
    expect(n).toBeGreaterThanOrEqual(20);
    expect(n).toBeLessThanOrEqual(40);
    expect(new Set(s.threats.map((t) => t.missile))).toEqual(new Set(['nodong']));
    const upper = s.batteries.filter((b) => b.layer === 'upper');
    const lower = s.batteries.filter((b) => b.layer === 'lower');
    expect(upper.every((b) => b.interceptor === 'sm3-like' && b.ship !== undefined)).toBe(true);
    expect(lower.every((b) => b.interceptor === 'pac3-like' && b.site !== undefined)).toBe(true);
    expect(upper.length).toBeGreaterThanOrEqual(2);
    expect(lower.length).toBeGreaterThanOrEqual(5);
    expect(s.sensors.some((x) => x.type === 'radar' && x.radar === 'tpy2-like')).toBe(true);
    expect(s.sensors.some((x) => x.type === 'early-warning')).toBe(true);
    // the upper-tier ships are in the Sea of Japan: west of Honshu's west coast, east of Korea
    for (const b of upper) for (const w of b.ship!.track) expect(w.lon_deg > 130 && w.lon_deg < 136.5 && w.lat_deg > 35.5 && w.lat_deg < 42).toBe(true);
  });

  it('didactic-saturation: the raid is larger than what the inventory can engage', () => {
    const s = loadScenarioFile(join(DIR, 'didactic-saturation.yaml'), catalog);
    const inv = s.batteries.reduce((k, b) => k + b.inventory, 0);
    const perThreat = s.doctrine.engagement.type === 'salvo' ? s.doctrine.engagement.shots : 1;
    expect(missileCount(s)).toBeGreaterThan(inv / perThreat);
  });
});
