/**
 * Tracking benchmarks:
 * - track.ekf_step_us: one EKF predict + update (6 states, range/az/el, CV model), median over
 *   10⁶ steps in batches; heap growth over those steps (goal: ≤ 2 µs, ≈ 0 bytes);
 * - track.100_objects_600s: 100 ballistic objects, 2 radars at 1 s revisit for 600 s with Poisson
 *   clutter (5 per scan), ballistic EKF + GNN end to end (goal ≤ 1 s on one core, ≥ 100 000
 *   measurements/s); the simulation of the measurements is not timed;
 * - track.rmse_*: position RMSE of ballistic-EKF vs CV-EKF (q = 100 m²/s³) trackers on those data
 *   (scoreTracks, GOSPA c = 1 km pairs).
 */
import { rngStream } from '../src/math/index.js';
import { createSite, ecefToAer, geodeticAltitude, geodeticToEcef, type Site } from '../src/earth/index.js';
import type { Scan } from '../src/sensor/index.js';
import { BallisticModel, ConstantVelocityModel, ExtendedKalmanFilter, GaussianState, RangeAzElModel, Tracker, scoreTracks, type StateRow } from '../src/track/index.js';
import { heapAfterGc, median, timeEach, type Figure } from './harness.js';

const deg = Math.PI / 180;

function ekfStep(): Figure[] {
  const site = createSite(36 * deg, 127 * deg, 0);
  const f = new ExtendedKalmanFilter(new ConstantVelocityModel(10), new RangeAzElModel());
  const s = new GaussianState(6, 0);
  const p = geodeticToEcef(new Float64Array(3), 37 * deg, 128 * deg, 50_000);
  s.x.set([p[0], p[1], p[2], 1000, -500, 200]);
  for (let i = 0; i < 6; i++) s.P[i * 7] = i < 3 ? 1e4 : 1e2;
  const z = ecefToAer(new Float64Array(3), p, site);
  const sg = new Float64Array([20, 1e-3, 1e-3]);
  let t = 0;
  const BATCH = 10_000;
  const batch = () => {
    for (let k = 0; k < BATCH; k++) {
      t += 1;
      f.predict(s, t);
      // Keep the measurement near the track so the filter stays in its normal regime.
      ecefToAer(z, s.x, site);
      z[0] += 5;
      f.update(s, z, 0, sg, 0, site);
    }
  };
  const ms = timeEach(batch, 100, 5); // 100 × 10⁴ = 10⁶ steps
  const us = (median(ms) / BATCH) * 1000;
  const usMin = (Math.min(...ms) / BATCH) * 1000;
  // Heap: a plain loop of another 10⁶ steps between two full GCs (timeEach's own array excluded).
  const h0 = heapAfterGc();
  for (let b = 0; b < 100; b++) batch();
  const h1 = heapAfterGc();
  return [
    { name: 'track.ekf_step_us', value: us, unit: 'µs', goal: '≤ 2 µs', pass: us <= 2, note: `predict + update, 6 states, 3 measurements, CV; fastest batch ${usMin.toFixed(2)} µs` },
    { name: 'track.ekf_heap_growth_bytes', value: h1 - h0, unit: 'B', goal: '≈ 0 over 10⁶ steps', pass: Math.abs(h1 - h0) < 100_000 },
  ];
}

interface Data {
  scans: Scan[];
  truth: StateRow[];
  measurements: number;
}

function simulate(): Data {
  const N = 100, T = 600;
  const model = new BallisticModel();
  const rng = rngStream(2026, 0, 'bench-track', 'scenario');
  const sites: Site[] = [createSite(36.0 * deg, 129.0 * deg, 200), createSite(37.5 * deg, 127.0 * deg, 100)];
  // Objects: ballistic from 30 km altitude, staggered starts, spread launch points and headings.
  const start = new Float64Array(N), x = new Float64Array(6 * N), alive = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    start[i] = rng.uniformRange(0, 150);
    const lat = rng.uniformRange(38.5, 40.5) * deg, lon = rng.uniformRange(124.5, 127) * deg;
    const v = rng.uniformRange(2400, 3000), g = rng.uniformRange(35, 45) * deg, a = rng.uniformRange(110, 160) * deg;
    const r = geodeticToEcef(new Float64Array(3), lat, lon, 30_000);
    const e = v * Math.cos(g) * Math.sin(a), nn = v * Math.cos(g) * Math.cos(a), u = v * Math.sin(g);
    const sl = Math.sin(lat), cl = Math.cos(lat), so = Math.sin(lon), co = Math.cos(lon);
    x.set([r[0], r[1], r[2], -so * e - sl * co * nn + cl * co * u, co * e - sl * so * nn + cl * so * u, cl * nn + sl * u], 6 * i);
  }
  const scans: Scan[] = [];
  const truth: StateRow[] = [];
  const sigma = [30, 0.5e-3, 0.5e-3];
  const aer = new Float64Array(3);
  let measurements = 0;
  const noise = sites.map((_, k) => rngStream(2026, 0, `bench-radar-${k}`, 'noise'));
  for (let step = 0; step < 2 * T; step++) {
    const t = 0.5 * step;
    const k = step % 2; // radar k scans at t = k·0.5 + integer
    // Advance the objects that exist.
    for (let i = 0; i < N; i++) {
      const xi = x.subarray(6 * i, 6 * i + 6);
      if (t < start[i]) continue;
      if (!alive[i]) {
        if (t - start[i] < 0.5) alive[i] = 1;
        else continue;
      } else {
        model.propagate(xi, 0.5, xi);
        if (geodeticAltitude(xi) < 0) {
          alive[i] = 0;
          start[i] = Infinity;
          continue;
        }
      }
      truth.push({ time: t, id: `obj-${i}`, state: Float64Array.from(xi) });
    }
    const zs: number[] = [];
    const ids: (string | null)[] = [];
    const rn = noise[k];
    for (let i = 0; i < N; i++) {
      if (!alive[i]) continue;
      ecefToAer(aer, x.subarray(6 * i, 6 * i + 3), sites[k]);
      if (aer[2] < 1 * deg || aer[0] > 2000e3) continue;
      let az = aer[1] + sigma[1] * rn.normal();
      az -= 2 * Math.PI * Math.floor(az / (2 * Math.PI));
      zs.push(aer[0] + sigma[0] * rn.normal(), az, aer[2] + sigma[2] * rn.normal());
      ids.push(`obj-${i}`);
    }
    const nc = rn.poisson(5);
    for (let c = 0; c < nc; c++) {
      zs.push(rn.uniformRange(100e3, 1500e3), rn.uniformRange(0, 2 * Math.PI), rn.uniformRange(1 * deg, 60 * deg));
      ids.push(null);
    }
    const n = ids.length;
    const sg = new Float64Array(3 * n);
    for (let j = 0; j < n; j++) sg.set(sigma, 3 * j);
    scans.push({ time: t, sensor: `radar-${k}`, site: sites[k], n, z: Float64Array.from(zs), sigma: sg, truth: ids });
    measurements += n;
  }
  return { scans, truth, measurements };
}

function runTracker(d: Data, motion: 'cv' | 'ballistic'): { seconds: number; tracker: Tracker } {
  const tracker = new Tracker({ motion, filter: 'ekf' });
  const t0 = performance.now();
  for (const s of d.scans) tracker.processScan(s);
  return { seconds: (performance.now() - t0) / 1000, tracker };
}

export async function run(): Promise<Figure[]> {
  const figs = ekfStep();
  const d = simulate();
  runTracker(d, 'ballistic'); // warm-up
  const bal = runTracker(d, 'ballistic');
  const cv = runTracker(d, 'cv');
  const rate = d.measurements / bal.seconds;
  const rows = (tr: Tracker) => tr.rows.map((r) => ({ time: r.time, id: r.track, state: r.state }));
  const sb = scoreTracks(d.truth, rows(bal.tracker));
  const sc = scoreTracks(d.truth, rows(cv.tracker));
  figs.push(
    { name: 'track.100_objects_600s', value: bal.seconds, unit: 's', goal: '≤ 1 s', pass: bal.seconds <= 1, note: `${d.measurements} measurements, ${d.scans.length} scans, ${bal.tracker.confirmedTotal} tracks confirmed` },
    { name: 'track.100_objects_600s_rate', value: rate, unit: 'meas/s', goal: '≥ 100000', pass: rate >= 100_000 },
    { name: 'track.rmse_ballistic_m', value: sb.rmse_position_m, unit: 'm', goal: '< CV', pass: sb.rmse_position_m < sc.rmse_position_m, note: `GOSPA ${sb.gospa_mean.toFixed(1)} m, tracked ${sb.truths_tracked}/${sb.truths}, breaks ${sb.breaks}` },
    { name: 'track.rmse_cv_m', value: sc.rmse_position_m, unit: 'm', goal: 'reference (q = 100 m²/s³)', pass: true, note: `GOSPA ${sc.gospa_mean.toFixed(1)} m, tracked ${sc.truths_tracked}/${sc.truths}, breaks ${sc.breaks}, ${cv.seconds.toFixed(2)} s` },
  );
  return figs;
}
