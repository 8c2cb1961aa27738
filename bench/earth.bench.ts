/**
 * Benchmark: nanoseconds per call of the src/earth kernels that sit on hot paths (trajectory
 * integration, radar detection, tracking): ecefToGeodetic, geodeticToEcef, gravityJ2 and its
 * Jacobian, ECI→ECEF state, ecefToAer, lineOfSight.
 */
import {
  createSite,
  ecefToAer,
  ecefToGeodeticAt,
  geodeticAltitude,
  eciToEcefStateAt,
  geodeticToEcefAt,
  gravityJ2,
  gravityJ2Jacobian,
  lineOfSight,
} from '../src/earth/index.js';
import { median, timeEach, type Figure } from './harness.js';

const N = 1 << 14;

/** N ECEF points (packed xyz) from ground level to 1,500 km, spread over the globe, no RNG. */
function points(): Float64Array {
  const p = new Float64Array(3 * N);
  for (let i = 0; i < N; i++) {
    const lat = Math.asin(2 * (((i * 40503) % N) / N) - 1);
    const lon = (((i * 7919) % N) / N) * 2 * Math.PI - Math.PI;
    const h = (((i * 2741) % N) / N) * 1.5e6;
    geodeticToEcefAt(p, 3 * i, lat, lon, h);
  }
  return p;
}

let sink = 0;

function nsPer(body: () => number): number {
  const ms = timeEach(() => {
    sink += body();
  }, 60);
  return (median(ms) * 1e6) / N;
}

export async function run(): Promise<Figure[]> {
  const p = points();
  const llh = new Float64Array(3 * N);
  for (let i = 0; i < N; i++) ecefToGeodeticAt(llh, 3 * i, p, 3 * i);
  const states = new Float64Array(6 * N);
  for (let i = 0; i < N; i++) {
    states[6 * i] = p[3 * i];
    states[6 * i + 1] = p[3 * i + 1];
    states[6 * i + 2] = p[3 * i + 2];
    states[6 * i + 3] = 1000;
    states[6 * i + 4] = -2000;
    states[6 * i + 5] = 3000;
  }
  const out = new Float64Array(3 * N);
  const out6 = new Float64Array(6 * N);
  const v = new Float64Array(3);
  const m9 = new Float64Array(9);
  const site = createSite(0.6, 2.3, 10);

  const toGeo = nsPer(() => {
    for (let i = 0; i < N; i++) ecefToGeodeticAt(out, 3 * i, p, 3 * i);
    return out[3 * N - 1];
  });
  const alt = nsPer(() => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      v[0] = p[3 * i];
      v[1] = p[3 * i + 1];
      v[2] = p[3 * i + 2];
      s += geodeticAltitude(v);
    }
    return s;
  });
  const toEcef = nsPer(() => {
    for (let i = 0; i < N; i++) geodeticToEcefAt(out, 3 * i, llh[3 * i], llh[3 * i + 1], llh[3 * i + 2]);
    return out[3 * N - 1];
  });
  const grav = nsPer(() => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      v[0] = p[3 * i];
      v[1] = p[3 * i + 1];
      v[2] = p[3 * i + 2];
      gravityJ2(v, v);
      s += v[2];
    }
    return s;
  });
  const gravJac = nsPer(() => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      v[0] = p[3 * i];
      v[1] = p[3 * i + 1];
      v[2] = p[3 * i + 2];
      gravityJ2Jacobian(m9, v);
      s += m9[8];
    }
    return s;
  });
  const eci = nsPer(() => {
    for (let i = 0; i < N; i++) eciToEcefStateAt(out6, 6 * i, states, 6 * i, i * 0.5);
    return out6[6 * N - 1];
  });
  const aer = nsPer(() => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      v[0] = p[3 * i];
      v[1] = p[3 * i + 1];
      v[2] = p[3 * i + 2];
      ecefToAer(v, v, site);
      s += v[2];
    }
    return s;
  });
  const los = nsPer(() => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      v[0] = p[3 * i];
      v[1] = p[3 * i + 1];
      v[2] = p[3 * i + 2];
      if (lineOfSight(site.ecef, v, 0)) s++;
    }
    return s;
  });
  if (!Number.isFinite(sink)) throw new Error('unreachable');
  const fig = (name: string, value: number, goal: number, note: string): Figure => ({
    name: `earth.${name}`,
    value,
    unit: 'ns/call',
    goal: `≤ ${goal} ns`,
    pass: value <= goal,
    note,
  });
  // Goals: chosen so that a 10^4-step trajectory calling each kernel ~6 times a step spends
  // ≲ 20 ms in the Earth layer; libm calls (cbrt, atan2, sin/cos) dominate the conversions.
  return [
    fig('ecefToGeodetic', toGeo, 300, 'Vermeille closed form, packed array; cbrt + 2 atan2'),
    fig('geodeticAltitude', alt, 150, 'same, h only: cbrt, no atan2'),
    fig('geodeticToEcef', toEcef, 100, 'packed array'),
    fig('gravityJ2', grav, 50, 'point mass + J2'),
    fig('gravityJ2Jacobian', gravJac, 80, '3×3 ∂a/∂r'),
    fig('eciToEcefState', eci, 80, '6-state, packed'),
    fig('ecefToAer', aer, 100, 'range/az/el from a site'),
    fig('lineOfSight', los, 50, 'segment vs scaled sphere'),
  ];
}
