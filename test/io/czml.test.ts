import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoAddSeconds, isoDiffSeconds, isoInterval, toCzml, type PathForOutput } from '../../src/io/index.js';

const EPOCH = '2026-01-01T00:00:00Z';

function path(n: number, stride: 3 | 6, id = 'm1', t0 = 0): PathForOutput {
  const t = new Float64Array(n);
  const ecef = new Float64Array(n * stride);
  for (let i = 0; i < n; i++) {
    t[i] = t0 + i * 0.7 + (i % 3) * 1e-4; // irregular, sub-millisecond parts
    ecef[i * stride] = -3.9e6 + 1234.5678901 * i;
    ecef[i * stride + 1] = 3.3e6 - 987.654321 * i;
    ecef[i * stride + 2] = 3.8e6 + Math.sin(i) * 1e5;
    if (stride === 6) ecef.fill(99, i * 6 + 3, i * 6 + 6); // velocities: must not leak into positions
  }
  return {
    id,
    name: `missile ${id}`,
    kind: 'missile',
    t,
    ecef,
    stride,
    events: [{ name: 'burnout', t: t[Math.floor(n / 2)], lat_deg: 38.5, lon_deg: 130.25, alt_m: 150e3 }],
  };
}

/** Reads the samples of a CZML position back: absolute ISO epoch + offsets, and XYZ. */
function readBack(pkt: any): { epoch: string; t: number[]; xyz: number[] } {
  const c: number[] = pkt.position.cartesian;
  const t: number[] = [];
  const xyz: number[] = [];
  for (let i = 0; i < c.length; i += 4) {
    t.push(c[i]);
    xyz.push(c[i + 1], c[i + 2], c[i + 3]);
  }
  return { epoch: pkt.position.epoch, t, xyz };
}

describe('ISO 8601 time arithmetic', () => {
  it('adds seconds across day, month, year and leap-day boundaries', () => {
    expect(isoAddSeconds(EPOCH, 86400.5)).toBe('2026-01-02T00:00:00.500Z');
    expect(isoAddSeconds('2025-12-31T23:59:59Z', 1)).toBe('2026-01-01T00:00:00.000Z');
    expect(isoAddSeconds('2024-02-28T23:00:00Z', 3600)).toBe('2024-02-29T00:00:00.000Z');
    expect(isoAddSeconds('2024-02-29T23:00:00Z', 3600)).toBe('2024-03-01T00:00:00.000Z');
    expect(isoAddSeconds(EPOCH, -0.25)).toBe('2025-12-31T23:59:59.750Z');
  });

  it('rounds sub-millisecond offsets as asked, so intervals contain their samples', () => {
    expect(isoAddSeconds(EPOCH, 1.0004, 'floor')).toBe('2026-01-01T00:00:01.000Z');
    expect(isoAddSeconds(EPOCH, 1.0004, 'ceil')).toBe('2026-01-01T00:00:01.001Z');
    expect(isoAddSeconds(EPOCH, 1.0006)).toBe('2026-01-01T00:00:01.001Z');
    expect(isoInterval(EPOCH, 0.0004, 600.0001)).toBe('2026-01-01T00:00:00.000Z/2026-01-01T00:10:00.001Z');
  });

  it('isoDiffSeconds inverts isoAddSeconds to the millisecond', () => {
    for (const s of [0, 0.001, 59.999, 3600, 86399.123, 1e7]) expect(isoDiffSeconds(EPOCH, isoAddSeconds(EPOCH, s))).toBeCloseTo(s, 9);
  });

  it('throws on a string that is not an instant', () => {
    expect(() => isoAddSeconds('yesterday', 1)).toThrow(RangeError);
  });
});

describe('toCzml', () => {
  it('positions read back equal the input, for stride 3 and 6', () => {
    for (const stride of [3, 6] as const) {
      const p = path(40, stride);
      const doc = toCzml(EPOCH, [p]) as any[];
      const pkt = doc.find((q) => q.id === 'm1');
      const back = readBack(JSON.parse(JSON.stringify(pkt)));
      expect(back.epoch).toBe(EPOCH);
      expect(back.t).toEqual(Array.from(p.t));
      for (let i = 0; i < 40; i++) for (let k = 0; k < 3; k++) expect(back.xyz[3 * i + k]).toBe(p.ecef[i * stride + k]);
      expect(pkt.position).toMatchObject({ referenceFrame: 'FIXED', interpolationAlgorithm: 'LAGRANGE', interpolationDegree: 5 });
    }
  });

  it('has a document packet first, with a clock spanning every sample', () => {
    const a = path(10, 3, 'a', 5);
    const b = path(10, 3, 'b', 100);
    const doc = toCzml(EPOCH, [a, b], { multiplier: 20, name: 'demo' }) as any[];
    expect(doc[0]).toMatchObject({ id: 'document', version: '1.0', name: 'demo' });
    const [start, stop] = doc[0].clock.interval.split('/');
    expect(doc[0].clock.currentTime).toBe(start);
    expect(doc[0].clock.multiplier).toBe(20);
    expect(isoDiffSeconds(EPOCH, start)).toBeLessThanOrEqual(a.t[0]);
    expect(isoDiffSeconds(EPOCH, stop)).toBeGreaterThanOrEqual(b.t[9]);
    expect(isoDiffSeconds(EPOCH, stop) - b.t[9]).toBeLessThan(0.001);
  });

  it('availability covers the samples; path graphics trail the whole flight; events are children shown from their time', () => {
    const p = path(12, 6);
    const doc = toCzml(EPOCH, [p]) as any[];
    const pkt = doc.find((q) => q.id === 'm1');
    const [s, e] = pkt.availability.split('/');
    expect(isoDiffSeconds(EPOCH, s)).toBeLessThanOrEqual(p.t[0]);
    expect(isoDiffSeconds(EPOCH, e)).toBeGreaterThanOrEqual(p.t[11]);
    expect(pkt.path).toMatchObject({ show: true, leadTime: 0 });
    expect(pkt.path.trailTime).toBeCloseTo(p.t[11] - p.t[0], 12);
    const ev = doc.filter((q) => q.parent === 'm1');
    expect(ev).toHaveLength(1);
    expect(ev[0].position.cartographicDegrees).toEqual([130.25, 38.5, 150e3]);
    expect(ev[0].label.text).toBe('burnout');
    expect(isoDiffSeconds(EPOCH, ev[0].availability.split('/')[0])).toBeLessThanOrEqual(p.events[0].t);
    expect(new Set(doc.map((q) => q.id)).size).toBe(doc.length);
  });

  it('lowers the Lagrange degree for short paths and writes a constant position for one sample', () => {
    const doc3 = toCzml(EPOCH, [path(3, 3)]) as any[];
    expect(doc3[1].position.interpolationDegree).toBe(2);
    const doc1 = toCzml(EPOCH, [path(1, 3)]) as any[];
    expect(doc1[1].position.cartesian).toEqual([-3.9e6, 3.3e6, 3.8e6]);
  });

  it('rejects inconsistent input (a caller bug)', () => {
    const p = path(5, 3);
    expect(() => toCzml(EPOCH, [{ ...p, ecef: p.ecef.subarray(0, 14) }])).toThrow(RangeError);
    const back = path(5, 3);
    back.t[3] = 0;
    expect(() => toCzml(EPOCH, [back])).toThrow('times must not decrease');
  });
});

describe('isoAddSeconds floor/ceil property', () => {
  it('floor ≤ t ≤ ceil, within 1 ms, for any offset', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e7, noNaN: true }), (s) => {
        const lo = isoDiffSeconds(EPOCH, isoAddSeconds(EPOCH, s, 'floor'));
        const hi = isoDiffSeconds(EPOCH, isoAddSeconds(EPOCH, s, 'ceil'));
        expect(lo).toBeLessThanOrEqual(s);
        expect(hi).toBeGreaterThanOrEqual(s);
        expect(hi - lo).toBeLessThanOrEqual(0.001 + 1e-9);
      }),
      { numRuns: 2000 },
    );
  });
});
