import { readCatalog } from '../../src/cli/catalog-files.js';
import { buildFan, interceptorFromEntry, type FlyoutFan, type InterceptorVehicle, type TargetTrack } from '../../src/interceptor/index.js';
import { aimMissile, vehicleFromEntry, type Trajectory } from '../../src/threat/index.js';

export const DEG = Math.PI / 180;
export const catalog = readCatalog();
export const INTERCEPTORS = ['sm3-like', 'thaad-like', 'pac3-like'] as const;

export function interceptor(id: string): InterceptorVehicle {
  return interceptorFromEntry(catalog.get('interceptor', id));
}

const fans = new Map<string, FlyoutFan>();
/** The fan of a catalog type, built once per test file. */
export function fanOf(id: string): FlyoutFan {
  let f = fans.get(id);
  if (!f) {
    f = buildFan(interceptor(id));
    fans.set(id, f);
  }
  return f;
}

const rvs = new Map<string, Trajectory>();
/** The RV trajectory of a min-energy shot (degrees in). */
export function rvOf(missile: string, from: [number, number], to: [number, number]): Trajectory {
  const key = `${missile}|${from}|${to}`;
  let t = rvs.get(key);
  if (!t) {
    const v = vehicleFromEntry(catalog.get('missile', missile));
    t = aimMissile(v, { lat: from[0] * DEG, lon: from[1] * DEG, h: 0, time: 0 }, { lat: to[0] * DEG, lon: to[1] * DEG }, { type: 'min-energy' }).flight.rv;
    rvs.set(key, t);
  }
  return t;
}

/** A track with a constant position bias (m) and velocity bias (m/s), ECI: an imperfect midcourse track. */
export class BiasedTrack implements TargetTrack {
  constructor(
    readonly truth: TargetTrack,
    readonly dr: [number, number, number],
    readonly dv: [number, number, number] = [0, 0, 0],
  ) {}
  stateAt(t: number, out: Float64Array): Float64Array {
    this.truth.stateAt(t, out);
    for (let k = 0; k < 3; k++) {
      out[k] += this.dr[k];
      out[3 + k] += this.dv[k];
    }
    return out;
  }
}

/** Deterministic uniform numbers in [0, 1) for test point sets (LCG, Numerical Recipes constants). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
