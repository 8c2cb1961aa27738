/**
 * CZML writer: trajectories and events as a document any Cesium viewer plays back.
 *
 * Format: the CZML guide, AnalyticalGraphicsInc/czml-writer wiki —
 * "CZML Structure" (a JSON array of packets, the first one `id: "document"`, `version: "1.0"`),
 * "Packet" (id, name, parent, availability, description, position, point, label, path),
 * "Clock" (interval, currentTime, multiplier, range, step),
 * "Position" (sampled `cartesian: [t, X, Y, Z, …]` with `epoch` and seconds after it, metres,
 * `referenceFrame: "FIXED"` = Earth-fixed, `interpolationAlgorithm`, `interpolationDegree`),
 * "Path" (leadTime, trailTime, width, resolution, material),
 * https://github.com/AnalyticalGraphicsInc/czml-writer/wiki/Packet (and siblings).
 *
 * Times: ISO 8601 UTC strings built by plain millisecond arithmetic (JavaScript time, which
 * has no leap seconds). Cesium counts sample offsets in TAI seconds after the epoch, so a
 * scenario that straddles a leap second would shift by 1 s; none has been inserted since
 * 2016-12-31 (IERS Bulletin C).
 */

/** A trajectory or object track to write out. */
export interface PathForOutput {
  /** Unique id; becomes the CZML packet id / GeoJSON feature id. */
  id: string;
  /** Display name. */
  name: string;
  kind: 'missile' | 'interceptor' | 'rv' | 'booster';
  /** Sample times, seconds since the scenario epoch, non-decreasing. */
  t: Float64Array;
  /** ECEF (WGS84) metres, packed per sample with `stride` numbers: [x, y, z] or [x, y, z, vx, vy, vz]. */
  ecef: Float64Array;
  /** 3 when `ecef` packs positions only, 6 when it packs states (velocity ignored here). */
  stride: 3 | 6;
  /** Notable moments (launch, burnout, apogee, intercept, impact), geodetic degrees / metres. */
  events: { name: string; t: number; lat_deg: number; lon_deg: number; alt_m: number }[];
  /** RGBA 0–255; a default per kind otherwise. */
  color?: [number, number, number, number];
}

/** Default colours per kind, RGBA 0–255. */
export const KIND_COLORS: Readonly<Record<PathForOutput['kind'], readonly [number, number, number, number]>> = Object.freeze({
  missile: [230, 57, 70, 255],
  rv: [255, 140, 0, 255],
  booster: [150, 150, 150, 200],
  interceptor: [46, 134, 222, 255],
});

/** Milliseconds since 1970 of an ISO 8601 instant; a RangeError for text that is not one. */
export function isoToMs(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`not an ISO 8601 instant: '${iso}'`);
  return ms;
}

/**
 * `epochIso` plus `seconds`, as ISO 8601 UTC with millisecond precision. `round` chooses
 * how sub-millisecond offsets are rounded: 'floor' and 'ceil' let an availability interval
 * always contain the samples it covers.
 */
export function isoAddSeconds(epochIso: string, seconds: number, round: 'nearest' | 'floor' | 'ceil' = 'nearest'): string {
  // Round the offset on its own (adding it to ~1.7e12 ms first would lose its last digits),
  // then make floor/ceil exact: k/1000 must not pass `seconds` on the wrong side.
  const x = seconds * 1000;
  let k = round === 'floor' ? Math.floor(x) : round === 'ceil' ? Math.ceil(x) : Math.round(x);
  if (round === 'floor' && k / 1000 > seconds) k -= 1;
  if (round === 'ceil' && k / 1000 < seconds) k += 1;
  return new Date(isoToMs(epochIso) + k).toISOString();
}

/** An ISO 8601 interval `start/stop` from two offsets in seconds after the epoch. */
export function isoInterval(epochIso: string, t0: number, t1: number): string {
  return `${isoAddSeconds(epochIso, t0, 'floor')}/${isoAddSeconds(epochIso, t1, 'ceil')}`;
}

/** Seconds from `epochIso` to `iso` (the inverse of isoAddSeconds, to the millisecond). */
export function isoDiffSeconds(epochIso: string, iso: string): number {
  return (isoToMs(iso) - isoToMs(epochIso)) / 1000;
}

function checkPath(p: PathForOutput): number {
  const n = p.t.length;
  if (p.stride !== 3 && p.stride !== 6) throw new RangeError(`path ${p.id}: stride must be 3 or 6, got ${String(p.stride)}`);
  if (p.ecef.length !== n * p.stride) {
    throw new RangeError(`path ${p.id}: ecef has ${p.ecef.length} numbers, expected ${n} samples × ${p.stride}`);
  }
  if (n === 0) throw new RangeError(`path ${p.id}: no samples`);
  for (let i = 1; i < n; i++) if (!(p.t[i] >= p.t[i - 1])) throw new RangeError(`path ${p.id}: times must not decrease (t[${i}] = ${p.t[i]})`);
  return n;
}

/** Options of toCzml. */
export interface CzmlOptions {
  /** Document name; default 'tmdsim'. */
  name?: string;
  /** Clock multiplier (simulated seconds per wall second); default 10. */
  multiplier?: number;
  /** Seconds of path drawn behind the moving point; default: the whole flight. */
  trailTime_s?: number;
}

/**
 * Builds a CZML document (an array of packets; JSON.stringify it to write a .czml file).
 * The document clock spans the earliest to the latest sample. Each path becomes one packet
 * with a sampled Earth-fixed position (Lagrange, degree min(5, n − 1)), a point, a label and
 * a trailing `path`; each event becomes a point + label packet (child of its path) shown
 * from the event time to the end.
 */
export function toCzml(epochIso: string, paths: readonly PathForOutput[], opts: CzmlOptions = {}): object[] {
  isoToMs(epochIso);
  let tMin = Infinity;
  let tMax = -Infinity;
  for (const p of paths) {
    const n = checkPath(p);
    tMin = Math.min(tMin, p.t[0]);
    tMax = Math.max(tMax, p.t[n - 1]);
    for (const e of p.events) {
      tMin = Math.min(tMin, e.t);
      tMax = Math.max(tMax, e.t);
    }
  }
  if (paths.length === 0) {
    tMin = 0;
    tMax = 0;
  }
  const docInterval = isoInterval(epochIso, tMin, tMax);
  const docStop = docInterval.split('/')[1];
  const packets: object[] = [
    {
      id: 'document',
      name: opts.name ?? 'tmdsim',
      version: '1.0',
      clock: {
        interval: docInterval,
        currentTime: docInterval.split('/')[0],
        multiplier: opts.multiplier ?? 10,
        range: 'LOOP_STOP',
        step: 'SYSTEM_CLOCK_MULTIPLIER',
      },
    },
  ];
  for (const p of paths) {
    const n = p.t.length;
    const rgba = [...(p.color ?? KIND_COLORS[p.kind])];
    let position: object;
    if (n === 1) {
      position = { referenceFrame: 'FIXED', cartesian: [p.ecef[0], p.ecef[1], p.ecef[2]] };
    } else {
      const cart = new Array<number>(4 * n);
      for (let i = 0; i < n; i++) {
        const o = i * p.stride;
        cart[4 * i] = p.t[i];
        cart[4 * i + 1] = p.ecef[o];
        cart[4 * i + 2] = p.ecef[o + 1];
        cart[4 * i + 3] = p.ecef[o + 2];
      }
      position = {
        epoch: epochIso,
        referenceFrame: 'FIXED',
        interpolationAlgorithm: 'LAGRANGE',
        interpolationDegree: Math.min(5, n - 1),
        cartesian: cart,
      };
    }
    const duration = p.t[n - 1] - p.t[0];
    packets.push({
      id: p.id,
      name: p.name,
      description: `${p.kind} ${p.name}: t = ${p.t[0]} s to ${p.t[n - 1]} s after ${epochIso}`,
      availability: isoInterval(epochIso, p.t[0], p.t[n - 1]),
      position,
      point: { pixelSize: 6, color: { rgba } },
      label: { text: p.name, font: '11pt sans-serif', pixelOffset: { cartesian2: [10, -10] }, fillColor: { rgba }, show: true },
      path: {
        show: true,
        leadTime: 0,
        trailTime: opts.trailTime_s ?? Math.max(duration, 1),
        width: 2,
        resolution: 1,
        material: { solidColor: { color: { rgba } } },
      },
    });
    p.events.forEach((e, k) => {
      packets.push({
        id: `${p.id}/${k}-${e.name}`,
        name: `${p.name}: ${e.name}`,
        parent: p.id,
        availability: `${isoAddSeconds(epochIso, e.t, 'floor')}/${docStop}`,
        position: { cartographicDegrees: [e.lon_deg, e.lat_deg, e.alt_m] },
        point: { pixelSize: 8, color: { rgba }, outlineColor: { rgba: [255, 255, 255, 255] }, outlineWidth: 1 },
        label: { text: e.name, font: '10pt sans-serif', pixelOffset: { cartesian2: [10, 10] }, fillColor: { rgba: [255, 255, 255, 255] } },
      });
    });
  }
  return packets;
}
