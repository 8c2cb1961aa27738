/**
 * Radar: coverage (range, field of view, minimum elevation, Earth masking), the reference-point
 * SNR law, drawn detections against the Swerling 1 Pd, measurement noise statistics, noise-free
 * AER → ECEF round trip, Poisson false alarms, cued search, revisit times, stream independence,
 * and the bundled catalog types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { aerToEcef, createSite, ecefToAer, geodeticAltitude } from '../../src/earth/index.js';
import {
  compileRadarType,
  cueFromPosition,
  cueSolidAngle,
  platformSiteAt,
  Radar,
  RadarSiteSchema,
  RadarTypeSchema,
  referenceSnr,
  swerling1Pd,
  swerling1RequiredSnr,
  type ObjectState,
  type RadarParams,
  type RadarTypeInput,
} from '../../src/sensor/index.js';

const DEG = Math.PI / 180;

const TYPE: RadarTypeInput = {
  id: 'test-x',
  kind: 'radar',
  name: 'test',
  description: 'test radar',
  band: 'X',
  frequency_ghz: 10,
  reference: { range_km: 1000, rcs_m2: 0.01, pd: 0.9 },
  pfa: 1e-6,
  search_cells: 2e6,
  field_of_view: { azimuth_half_width_deg: 60, elevation_min_deg: 0, elevation_max_deg: 70 },
  min_elevation_deg: 1,
  instrumented_range_km: 3000,
  revisit_s: 1,
  beamwidth_deg: 0.6,
  noise: { sigma_range_m: 1, sigma_angle_mrad: 0.5, floor_range_m: 0.2, floor_angle_mrad: 0.05 },
  cued_search: { max_gain_db: 13 },
  sources: [{ id: 'test', citation: 'a test fixture, not a source' }],
};
const PARAMS = compileRadarType(RadarTypeSchema.parse(TYPE));
const SITE = createSite(35 * DEG, 135 * DEG, 0);

function radar(p: Partial<RadarParams> = {}, id = 'r1', boresightDeg = 270, site = SITE): Radar {
  return new Radar({ id, params: { ...PARAMS, ...p }, site, boresightAz: boresightDeg * DEG, seed: 7, replica: 0 });
}

function at(range: number, azDeg: number, elDeg: number, site = SITE): Float64Array {
  return aerToEcef(new Float64Array(3), range, azDeg * DEG, elDeg * DEG, site);
}

describe('catalog radar types', () => {
  const dir = new URL('../../catalog/radars/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  it('the three bundled types parse, and their reference point gives the stated Pd', () => {
    expect(files.sort()).toEqual(['spy1-like.yaml', 'tpy2-like.yaml', 'uewr-like.yaml']);
    for (const f of files) {
      const t = RadarTypeSchema.parse(parseYaml(readFileSync(new URL(f, dir), 'utf8')));
      expect(t.id + '.yaml').toBe(f);
      const p = compileRadarType(t);
      const snr = referenceSnr(p, t.reference.rcs_m2, t.reference.range_km * 1000);
      expect(swerling1Pd(snr, p.pfa)).toBeCloseTo(t.reference.pd ?? NaN, 12);
      // The catalog's range σ is ΔR/√(2S) at the reference SNR: S = 130.1 (21.1 dB) for Pd 0.9.
      expect(p.refSnr).toBeCloseTo(swerling1RequiredSnr(0.9, 1e-6), 10);
    }
  });
  it('UEWR-like: a 10 m² target at 5,556 km is detected with Pd 0.9; 1 m² at the same range far less', () => {
    const t = RadarTypeSchema.parse(parseYaml(readFileSync(new URL('uewr-like.yaml', dir), 'utf8')));
    const p = compileRadarType(t);
    expect(swerling1Pd(referenceSnr(p, 10, 5556e3), p.pfa)).toBeCloseTo(0.9, 12);
    // 10 dB less RCS = 10 dB less SNR: Pd = 1e-6^(1/(1 + 13.01)).
    expect(swerling1Pd(referenceSnr(p, 1, 5556e3), p.pfa)).toBeCloseTo(Math.exp(Math.log(1e-6) / (1 + p.refSnr / 10)), 12);
  });
  it('a type with both snr_db and pd, or an inverted elevation span, is refused', () => {
    expect(RadarTypeSchema.safeParse({ ...TYPE, reference: { range_km: 1, rcs_m2: 1, pd: 0.9, snr_db: 13 } }).success).toBe(false);
    expect(
      RadarTypeSchema.safeParse({ ...TYPE, field_of_view: { azimuth_half_width_deg: 60, elevation_min_deg: 50, elevation_max_deg: 10 } }).success,
    ).toBe(false);
  });
});

describe('reference-point SNR', () => {
  it('S = S_ref at R_ref, falls 16× at twice the range, rises 10× with 10× RCS', () => {
    expect(referenceSnr(PARAMS, 0.01, 1e6)).toBeCloseTo(PARAMS.refSnr, 12);
    expect(referenceSnr(PARAMS, 0.01, 2e6)).toBeCloseTo(PARAMS.refSnr / 16, 12);
    expect(referenceSnr(PARAMS, 0.1, 1e6)).toBeCloseTo(PARAMS.refSnr * 10, 10);
  });
  it('search solid angle = 2·60°·(sin 70° − sin 1°)', () => {
    expect(PARAMS.searchSolidAngle).toBeCloseTo(2 * (60 * DEG) * (Math.sin(70 * DEG) - Math.sin(1 * DEG)), 14);
  });
});

describe('coverage', () => {
  const r = radar();
  const aer = new Float64Array(3);
  it('field of view, minimum elevation and instrumented range', () => {
    expect(r.covers(SITE, at(500e3, 270, 10), aer)).toBe(true);
    expect(r.covers(SITE, at(500e3, 329, 10), aer)).toBe(true);
    expect(r.covers(SITE, at(500e3, 331, 10), aer)).toBe(false); // outside ±60° of 270°
    expect(r.covers(SITE, at(500e3, 90, 10), aer)).toBe(false); // behind
    expect(r.covers(SITE, at(500e3, 270, 0.5), aer)).toBe(false); // below the 1° minimum elevation
    expect(r.covers(SITE, at(500e3, 270, 71), aer)).toBe(false); // above the 70° field of view
    expect(r.covers(SITE, at(3001e3, 270, 10), aer)).toBe(false); // beyond instrumented range
  });
  it('azimuth field of view wraps through north', () => {
    const n = radar({ azHalfWidth: 30 * DEG }, 'r1', 350);
    expect(n.covers(SITE, at(500e3, 10, 10), aer)).toBe(true);
    expect(n.covers(SITE, at(500e3, 21, 10), aer)).toBe(false);
    expect(n.covers(SITE, at(500e3, 321, 10), aer)).toBe(true);
  });
  it('Earth masking: a ray 3° down from a 3 km mountain dips into the Earth and comes back out', () => {
    const high = createSite(35 * DEG, 135 * DEG, 3000);
    const m = radar({ minElevation: -5 * DEG, elMin: -5 * DEG }, 'm', 270, high);
    // Height of the ray s km out, spherical Earth R ≈ 6,371 km: h(s) ≈ 3 − s·sin(el) + s²/(2R).
    // el = −1°: min h at s ≈ 111 km is 3 − 1.94 + 0.97 ≈ 2 km > 0, so the ray never touches
    // (the horizon dip from 3 km is ≈ √(2h/R) = 1.76°): visible at 300 km.
    expect(m.covers(high, at(300e3, 270, -1, high), aer)).toBe(true);
    // el = −3°: h(50) ≈ 3 − 2.62 + 0.20 = 0.6 km, still clear: visible.
    expect(m.covers(high, at(50e3, 270, -3, high), aer)).toBe(true);
    // el = −3°: h(s) < 0 between ≈ 59 km and ≈ 610 km; at s = 1,000 km the point is ≈ 29 km up,
    // in range and field of view, but the line of sight passes through the Earth.
    const p = at(1000e3, 270, -3, high);
    expect(geodeticAltitude(p)).toBeGreaterThan(20e3);
    expect(m.covers(high, p, aer)).toBe(false);
    // At the same range 2° up it is in view: the mask, not range or field of view, refused it.
    expect(m.covers(high, at(1000e3, 270, 2, high), aer)).toBe(true);
  });
});

describe('detections', () => {
  it('noise-free measurements map back to the true ECEF position within 1 mm', () => {
    const r = radar({ sigmaRangeRef_m: 0, floorRange_m: 0, sigmaAngleRef: 0, floorAngle: 0, falseAlarmsPerScan: 0 });
    const p = new Float64Array(3);
    fc.assert(
      fc.property(
        fc.double({ min: 50e3, max: 2500e3, noNaN: true }),
        fc.double({ min: 215, max: 325, noNaN: true }),
        fc.double({ min: 2, max: 65, noNaN: true }),
        (range, az, el) => {
          const truth = at(range, az, el);
          const s = r.scan(0, [{ id: 'x', ecef: truth, rcs_m2: 1e9 }]);
          expect(s.n).toBe(1);
          aerToEcef(p, s.z[0], s.z[1], s.z[2], s.site);
          expect(Math.hypot(p[0] - truth[0], p[1] - truth[1], p[2] - truth[2])).toBeLessThan(1e-3);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('detection frequency matches the Swerling 1 Pd (0.5 at the range where S = 18.93)', () => {
    const r = radar({ falseAlarmsPerScan: 0 });
    const s50 = swerling1RequiredSnr(0.5, 1e-6);
    const range = 1e6 * Math.pow(PARAMS.refSnr / s50, 0.25);
    const obj = [{ id: 'rv', ecef: at(range, 270, 20), rcs_m2: 0.01 }];
    const N = 8000;
    let hits = 0;
    for (let k = 0; k < N; k++) hits += r.scan(k, obj).n;
    expect(Math.abs(hits / N - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / N));
  });

  it('errors are unbiased with the stated σ; azimuth σ = angle σ / cos(el)', () => {
    const r = radar({ falseAlarmsPerScan: 0 });
    const truth = at(400e3, 250, 40);
    const aer = ecefToAer(new Float64Array(3), truth, SITE);
    const obj = [{ id: 'rv', ecef: truth, rcs_m2: 0.01 }];
    const N = 4000;
    const sum = [0, 0, 0], sum2 = [0, 0, 0];
    let n = 0;
    let s0: Float64Array = new Float64Array(3);
    for (let k = 0; k < N; k++) {
      const s = r.scan(k, obj);
      if (!s.n) continue;
      n++;
      s0 = s.sigma;
      for (let i = 0; i < 3; i++) {
        const e = (s.z[i] - aer[i]) / s.sigma[i];
        sum[i] += e;
        sum2[i] += e * e;
      }
    }
    expect(n).toBeGreaterThan(3900); // S ≈ 800 → Pd ≈ 0.983
    const snr = referenceSnr(PARAMS, 0.01, aer[0]);
    const sa = Math.max(PARAMS.floorAngle, PARAMS.sigmaAngleRef * Math.sqrt(PARAMS.refSnr / snr));
    expect(s0[0]).toBeCloseTo(Math.max(PARAMS.floorRange_m, PARAMS.sigmaRangeRef_m * Math.sqrt(PARAMS.refSnr / snr)), 12);
    expect(s0[2]).toBeCloseTo(sa, 15);
    expect(s0[1]).toBeCloseTo(sa / Math.cos(aer[2]), 15);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(sum[i] / n)).toBeLessThan(4 / Math.sqrt(n)); // mean of N(0,1)
      expect(Math.abs(sum2[i] / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n)); // variance of N(0,1)
    }
  });

  it('false alarms: Poisson(λ) per scan (mean and variance λ), in the field of view and range, truth null', () => {
    const lambda = 2;
    const r = radar({ falseAlarmsPerScan: lambda });
    const N = 5000;
    let s1 = 0, s2 = 0, rSum = 0, m = 0;
    for (let k = 0; k < N; k++) {
      const s = r.scan(k, []);
      s1 += s.n;
      s2 += s.n * s.n;
      for (let i = 0; i < s.n; i++) {
        expect(s.truth[i]).toBeNull();
        const rr = s.z[3 * i], az = s.z[3 * i + 1] / DEG, el = s.z[3 * i + 2] / DEG;
        expect(rr).toBeLessThanOrEqual(PARAMS.instrumentedRange_m + 10 * s.sigma[3 * i]);
        expect(Math.abs(az - 270)).toBeLessThan(60 + 1);
        expect(el).toBeGreaterThan(1 - 1);
        rSum += rr;
        m++;
      }
    }
    const mean = s1 / N;
    const variance = s2 / N - mean * mean;
    expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / N));
    expect(Math.abs(variance - lambda)).toBeLessThan(5 * Math.sqrt((lambda + 2 * lambda * lambda) / N));
    // Range uniform on (0, R_inst): mean R_inst/2, σ of the mean R_inst/√(12 m).
    expect(Math.abs(rSum / m - PARAMS.instrumentedRange_m / 2)).toBeLessThan((4 * PARAMS.instrumentedRange_m) / Math.sqrt(12 * m));
  });

  it('a packed ObjectSet gives the same scan as the list form', () => {
    const objs: ObjectState[] = [
      { id: 'a', ecef: at(900e3, 260, 10), rcs_m2: 0.01 },
      { id: 'b', ecef: at(1200e3, 280, 20), rcs_m2: 0.02 },
      { id: 'c', ecef: at(300e3, 90, 20), rcs_m2: 1 },
    ];
    const packed = { n: 3, ids: objs.map((o) => o.id), ecef: new Float64Array(9), rcs_m2: Float64Array.from(objs, (o) => o.rcs_m2) };
    objs.forEach((o, i) => packed.ecef.set(o.ecef, 3 * i));
    const a = radar({}, 'same'), b = radar({}, 'same');
    for (let k = 0; k < 50; k++) {
      const s1 = a.scan(k, objs), s2 = b.scan(k, packed);
      expect(s2.truth).toEqual(s1.truth);
      expect(Array.from(s2.z)).toEqual(Array.from(s1.z));
    }
  });

  it("another radar's existence and draws do not change a radar's scans", () => {
    const obj = [{ id: 'rv', ecef: at(1100e3, 270, 15), rcs_m2: 0.01 }];
    const alone = radar({}, 'A');
    const withB = radar({}, 'A');
    const b = radar({}, 'B');
    for (let k = 0; k < 30; k++) {
      const s1 = alone.scan(k, obj);
      b.scan(k, obj);
      b.scan(k + 0.5, obj);
      const s2 = withB.scan(k, obj);
      expect(Array.from(s2.z)).toEqual(Array.from(s1.z));
      expect(s2.truth).toEqual(s1.truth);
    }
    const s3 = radar({}, 'B').scan(0, obj);
    const s4 = radar({}, 'A').scan(0, obj);
    expect(Array.from(s3.z)).not.toEqual(Array.from(s4.z));
  });
});

describe('cued search', () => {
  const far = at(1800e3, 270, 10); // S = S_ref / 10.5 → Pd ≈ 0.29
  it('a cue around the object raises its SNR by Ω_search/Ω_cue, capped at the maximum gain', () => {
    const r = radar();
    const base = r.detectionTerms(0, SITE, far, 0.01);
    // A 20°×20° box: gain = Ω_s/Ω_c below the 13 dB cap.
    const wide = { azMin: 260 * DEG, azMax: 280 * DEG, elMin: 0, elMax: 20 * DEG, validFrom: 0, validUntil: 100 };
    r.addCue(wide);
    const g = PARAMS.searchSolidAngle / cueSolidAngle(wide);
    expect(g).toBeLessThan(PARAMS.cuedMaxGain);
    expect(r.detectionTerms(5, SITE, far, 0.01).snr).toBeCloseTo(base.snr * g, 10);
    // A tight cue from a predicted position: capped.
    r.addCue(cueFromPosition(SITE, far, 5e3, 0, 100));
    const cued = r.detectionTerms(5, SITE, far, 0.01);
    expect(cued.snr).toBeCloseTo(base.snr * PARAMS.cuedMaxGain, 10);
    expect(cued.pd).toBeGreaterThan(base.pd + 0.3);
    // Not yet valid, expired, or another direction: no gain.
    expect(r.detectionTerms(101, SITE, far, 0.01).snr).toBeCloseTo(base.snr, 12);
    expect(r.detectionTerms(5, SITE, at(1800e3, 300, 10), 0.01).snr).toBeCloseTo(referenceSnr(PARAMS, 0.01, 1800e3), 12);
  });
  it('a cue covering the whole search volume gives no gain', () => {
    const r = radar();
    r.addCue({ azMin: 0, azMax: 2 * Math.PI - 1e-9, elMin: -Math.PI / 2, elMax: Math.PI / 2, validFrom: 0, validUntil: 10 });
    expect(r.cueGain(1, 270 * DEG, 10 * DEG)).toBe(1);
  });
  it('cued scans detect more often than uncued ones', () => {
    const obj = [{ id: 'rv', ecef: far, rcs_m2: 0.01 }];
    const plain = radar({ falseAlarmsPerScan: 0 }, 'p');
    const cued = radar({ falseAlarmsPerScan: 0 }, 'p');
    cued.addCue(cueFromPosition(SITE, far, 5e3, 0, 1e9));
    let a = 0, b = 0;
    for (let k = 0; k < 2000; k++) {
      a += plain.scan(k, obj).n;
      b += cued.scan(k, obj).n;
    }
    const pa = swerling1Pd(referenceSnr(PARAMS, 0.01, 1800e3), 1e-6);
    const pb = swerling1Pd(referenceSnr(PARAMS, 0.01, 1800e3) * PARAMS.cuedMaxGain, 1e-6);
    expect(Math.abs(a / 2000 - pa)).toBeLessThan(4 * Math.sqrt((pa * (1 - pa)) / 2000));
    expect(Math.abs(b / 2000 - pb)).toBeLessThan(4 * Math.sqrt((pb * (1 - pb)) / 2000));
  });
  it('cueFromPosition contains every point of the uncertainty sphere (sampled)', () => {
    const centre = at(700e3, 300, 30);
    const cue = cueFromPosition(SITE, centre, 20e3, 0, 1);
    const q = new Float64Array(3), aer = new Float64Array(3);
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (u, phi) => {
        const s = Math.sqrt(1 - u * u);
        q[0] = centre[0] + 20e3 * s * Math.cos(phi);
        q[1] = centre[1] + 20e3 * s * Math.sin(phi);
        q[2] = centre[2] + 20e3 * u;
        ecefToAer(aer, q, SITE);
        const inAz = ((aer[1] - cue.azMin + 2 * Math.PI) % (2 * Math.PI)) <= ((cue.azMax - cue.azMin + 2 * Math.PI) % (2 * Math.PI)) + 1e-12;
        expect(inAz && aer[2] >= cue.elMin - 1e-12 && aer[2] <= cue.elMax + 1e-12).toBe(true);
      }),
    );
  });
});

describe('revisit and platforms', () => {
  it('nextScanTime steps by the revisit interval from the first scan', () => {
    const r = new Radar({ id: 'x', params: { ...PARAMS, revisit_s: 2.5 }, site: SITE, boresightAz: 0, firstScan_s: 10, seed: 1, replica: 0 });
    expect(r.nextScanTime(0)).toBe(10);
    expect(r.nextScanTime(10)).toBe(12.5);
    expect(r.nextScanTime(12.4)).toBe(12.5);
    expect(r.nextScanTime(12.5)).toBe(15);
    let t = 10;
    for (let k = 0; k < 1000; k++) t = r.nextScanTime(t);
    expect(t).toBeCloseTo(10 + 2500, 9);
  });
  it('a ship radar moves along its track; the scan carries the site at scan time', () => {
    const entry = RadarSiteSchema.parse({
      id: 'ddg',
      type: 'radar',
      radar: 'test-x',
      boresight_az_deg: 0,
      ship: { track: [ { time_s: 0, lat_deg: 38, lon_deg: 134, alt_m: 20 }, { time_s: 3600, lat_deg: 38.2, lon_deg: 134.4, alt_m: 20 } ] },
    });
    const r = Radar.fromScenario(entry, RadarTypeSchema.parse(TYPE), 1, 0);
    const s = r.scan(1800, []);
    expect(s.site.lat / DEG).toBeCloseTo(38.1, 12);
    expect(s.site.lon / DEG).toBeCloseTo(134.2, 12);
    expect(s.site.h).toBe(20);
    expect(r.siteAt(-5).lat / DEG).toBeCloseTo(38, 12);
    expect(r.siteAt(9999).lon / DEG).toBeCloseTo(134.4, 12);
    // Across the antimeridian the shorter way is taken.
    const site = platformSiteAt(
      { time: Float64Array.of(0, 10), lat: Float64Array.of(0, 0), lon: Float64Array.of(179 * DEG, -179 * DEG), h: Float64Array.of(0, 0) },
      5,
    );
    expect(Math.abs(Math.abs(site.lon) - Math.PI)).toBeLessThan(1e-12);
  });
  it('a radar site needs exactly one of site or ship', () => {
    const ok = { id: 'r', type: 'radar', radar: 'x', boresight_az_deg: 10, site: { lat_deg: 1, lon_deg: 2 } };
    expect(RadarSiteSchema.safeParse(ok).success).toBe(true);
    expect(RadarSiteSchema.safeParse({ ...ok, ship: { track: [{ time_s: 0, lat_deg: 0, lon_deg: 0 }] } }).success).toBe(false);
    expect(RadarSiteSchema.safeParse({ ...ok, site: undefined }).success).toBe(false);
  });
});
