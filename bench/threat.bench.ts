/**
 * Threat figures (issue 2): one aimed MRBM trajectory (solver included, rotating Earth, drag),
 * 1,000 of them, and the cost of a vacuum coast at 300 km and 10,000 km range.
 */
import { readCatalog } from '../src/cli/catalog-files.js';
import { aimMissile, minimumEnergy, timeToAltitudeDescending, vehicleFromEntry, ATMOSPHERE_EDGE_M } from '../src/threat/index.js';
import { geodesicDirect, geodeticToEcef } from '../src/earth/index.js';
import { keplerPropagate } from '../src/math/index.js';
import { median, timeEach, type Figure } from './harness.js';

const DEG = Math.PI / 180;

export async function run(): Promise<Figure[]> {
  const v = vehicleFromEntry(readCatalog().get('missile', 'nodong'));
  const launch = { lat: 40.0 * DEG, lon: 127.5 * DEG, h: 0, time: 0 };
  // 1,000 targets from 600 to 1,200 km on bearings 90°-150° (the Japan sector)
  const targets = Array.from({ length: 1000 }, (_, i) => {
    const g = geodesicDirect(launch.lat, launch.lon, (90 + (i % 61)) * DEG, (600 + ((i * 37) % 601)) * 1000);
    return { lat: g.lat, lon: g.lon };
  });
  aimMissile(v, launch, targets[0], { type: 'min-energy' }); // warm-up, and the per-type cache
  let k = 0;
  let flights = 0;
  const per = timeEach(() => {
    flights += aimMissile(v, launch, targets[k++ % targets.length], { type: 'min-energy' }).flights;
  }, 200);
  const med = median(per);
  const t0 = performance.now();
  for (const t of targets) aimMissile(v, launch, t, { type: 'min-energy' });
  const all = performance.now() - t0;

  // vacuum coast from a burnout at the edge of the atmosphere, on the ideal minimum-energy conic
  const coast = (rangeKm: number): number => {
    const ideal = minimumEnergy(rangeKm * 1000);
    const r = new Float64Array(3);
    geodeticToEcef(r, 0, 0, ATMOSPHERE_EDGE_M + 1);
    const g = ideal.flight_path_angle_rad;
    const s = ideal.burnout_speed_mps;
    const state = new Float64Array([r[0], r[1], r[2], s * Math.sin(g), 0, s * Math.cos(g)]);
    const out = new Float64Array(6);
    const ms = median(
      timeEach(() => {
        const dt = timeToAltitudeDescending(state, ATMOSPHERE_EDGE_M);
        keplerPropagate(out, state, dt, 3.986004418e14);
      }, 2000),
    );
    return ms * 1000;
  };
  const c300 = coast(300);
  const c10k = coast(10000);
  return [
    { name: 'threat.aimed_mrbm.median', value: med, unit: 'ms', goal: '≤ 5 ms', pass: med <= 5, note: `nodong, min-energy, ${(flights / 200).toFixed(1)} flights per aim` },
    { name: 'threat.aimed_mrbm.x1000', value: all / 1000, unit: 's', goal: '≤ 2 s', pass: all <= 2000 },
    { name: 'threat.coast_300km', value: c300, unit: 'µs', goal: 'same as 10,000 km', pass: true },
    { name: 'threat.coast_10000km', value: c10k, unit: 'µs', goal: 'within 2× of 300 km (O(1))', pass: c10k <= 2 * c300 && c300 <= 2 * c10k },
  ];
}
