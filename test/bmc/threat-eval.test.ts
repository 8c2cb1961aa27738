/** Threat evaluation: impact probabilities vs closed forms, an independent series, Monte Carlo; priority order. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  GK15,
  ThreatEvaluator,
  circleProbability,
  compileAssets,
  evaluateThreats,
  integrateGk15,
  polygonProbability,
} from '../../src/bmc/index.js';
import { geodesicDirect } from '../../src/earth/index.js';
import { rngStream } from '../../src/math/index.js';

const DEG = Math.PI / 180;

/** erf by its Maclaurin series (A&S 7.1.5), fine to ~1e-12 for |x| ≤ 4; independent of the code under test. */
function erf(x: number): number {
  if (x > 5) return 1;
  if (x < -5) return -1;
  let term = x, sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const Phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

/** Modified Bessel I_k(x) by its power series (A&S 9.6.10). */
function besselI(k: number, x: number): number {
  let term = 1;
  for (let i = 1; i <= k; i++) term *= x / 2 / i;
  let sum = term;
  for (let s = 1; s < 500; s++) {
    term *= (x * x) / 4 / (s * (s + k));
    sum += term;
    if (term < 1e-18 * sum) break;
  }
  return sum;
}

/** Marcum Q₁(a, b) by the Bessel series Q₁ = e^{−(a²+b²)/2} Σ_{k≥0} (a/b)^k I_k(ab), valid for a < b. */
function marcumQ1(a: number, b: number): number {
  let s = 0;
  for (let k = 0; k < 400; k++) {
    const t = (a / b) ** k * besselI(k, a * b);
    s += t;
    if (t < 1e-18 * s) break;
  }
  return Math.exp(-(a * a + b * b) / 2) * s;
}

/** 2×2 covariance from principal σ's and the angle of the first axis from east (rad). */
function covRot(s1: number, s2: number, th: number): number[] {
  const c = Math.cos(th), s = Math.sin(th);
  const ee = s1 * s1 * c * c + s2 * s2 * s * s;
  const nn = s1 * s1 * s * s + s2 * s2 * c * c;
  const en = (s1 * s1 - s2 * s2) * c * s;
  return [ee, en, en, nn];
}

/** Monte Carlo estimate of P(X ∈ set), X ~ N(0, Σ), N draws from a fixed stream; returns [p, se]. */
function monteCarlo(cov: number[], inside: (x: number, y: number) => boolean, n: number, purpose: string): [number, number] {
  const rng = rngStream(20260, 0, 'threat-eval-test', purpose);
  const l11 = Math.sqrt(cov[0]), l21 = cov[1] / l11, l22 = Math.sqrt(cov[3] - l21 * l21);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const z1 = rng.normal(), z2 = rng.normal();
    if (inside(l11 * z1, l21 * z1 + l22 * z2)) hits++;
  }
  const p = hits / n;
  return [p, Math.sqrt((p * (1 - p)) / n)];
}

describe('Gauss–Kronrod 7–15 nodes and weights (QUADPACK qk15)', () => {
  it('weights sum to 2 and the rules integrate monomials exactly up to their degree (K15: 22, G7: 13)', () => {
    const { xgk, wgk, wg } = GK15;
    const k15 = (f: (x: number) => number) => wgk[7] * f(0) + xgk.slice(0, 7).reduce((s, x, j) => s + wgk[j] * (f(x) + f(-x)), 0);
    const g7 = (f: (x: number) => number) => wg[3] * f(0) + [1, 3, 5].reduce((s, j, i) => s + wg[i] * (f(xgk[j]) + f(-xgk[j])), 0);
    for (let d = 0; d <= 22; d += 2) expect(k15((x) => x ** d)).toBeCloseTo(2 / (d + 1), 14);
    for (let d = 0; d <= 12; d += 2) expect(g7((x) => x ** d)).toBeCloseTo(2 / (d + 1), 14);
    // beyond its degree the Gauss rule is no longer exact
    expect(Math.abs(g7((x) => x ** 14) - 2 / 15)).toBeGreaterThan(1e-6);
  });

  it('integrateGk15 is adaptive: ∫₀¹ √x dx = 2/3 and ∫₀^π sin = 2', () => {
    expect(integrateGk15(Math.sqrt, 0, 1, 1e-12)).toBeCloseTo(2 / 3, 10);
    expect(integrateGk15(Math.sin, 0, Math.PI)).toBeCloseTo(2, 13);
  });
});

describe('circleProbability', () => {
  it('centred circle, isotropic Σ = σ²I: 1 − exp(−R²/2σ²) to 1e-12', () => {
    for (const sigma of [1, 250, 3000]) {
      for (const k of [0.01, 0.3, 1, 2.5, 6]) {
        const R = k * sigma;
        expect(circleProbability(0, 0, R, [sigma * sigma, 0, 0, sigma * sigma])).toBeCloseTo(1 - Math.exp(-(k * k) / 2), 12);
      }
    }
  });

  it('offset circle, isotropic: 1 − Q₁(d/σ, R/σ); Q₁(1, 1) = 0.7328798037968204 (komm.marcum_q docs, https://komm.dev/ref/marcum_q)', () => {
    const s = 800;
    expect(circleProbability(s, 0, s, [s * s, 0, 0, s * s])).toBeCloseTo(1 - 0.7328798037968204, 12);
    expect(circleProbability(0, -s, s, [s * s, 0, 0, s * s])).toBeCloseTo(1 - 0.7328798037968204, 12);
    // against the Bessel series of Marcum (independent), mean inside and outside, b > a
    for (const [a, b] of [[0.5, 1.2], [1.5, 2], [2.9, 3], [0.2, 4], [1, 1.0001]]) {
      expect(circleProbability(a * s * Math.cos(1), a * s * Math.sin(1), b * s, [s * s, 0, 0, s * s])).toBeCloseTo(1 - marcumQ1(a, b), 10);
    }
  });

  it('agrees with Monte Carlo (400 000 draws, fixed stream) for anisotropic, rotated Σ, inside and outside', () => {
    const cases: [number, number, number, number[]][] = [
      [300, -200, 1000, covRot(1500, 400, 0.6)],
      [4000, 1000, 1500, covRot(2500, 700, 0.3)],
      [0, 0, 500, covRot(2000, 100, 0.3)],
    ];
    cases.forEach(([ce, cn, R, cov], i) => {
      const p = circleProbability(ce, cn, R, cov);
      const [mc, se] = monteCarlo(cov, (x, y) => (x - ce) ** 2 + (y - cn) ** 2 <= R * R, 400_000, `circle-${i}`);
      expect(Math.abs(p - mc)).toBeLessThan(4.5 * se);
      expect(p).toBeGreaterThan(0.01);
    });
  });

  it('is rotation invariant (property): rotating centre and Σ together leaves P unchanged to 1e-9', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: 50, max: 4000, noNaN: true }),
        fc.double({ min: 30, max: 3000, noNaN: true }),
        fc.double({ min: 30, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (ce, cn, R, s1, s2, th, rot) => {
          const p0 = circleProbability(ce, cn, R, covRot(s1, s2, th));
          const c = Math.cos(rot), s = Math.sin(rot);
          const p1 = circleProbability(c * ce - s * cn, s * ce + c * cn, R, covRot(s1, s2, th + rot));
          return Math.abs(p0 - p1) < 1e-9 && p0 >= 0 && p0 <= 1;
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('lies between the inscribed and circumscribed squares (rectangle closed form, diagonal Σ)', () => {
    const se = 900, sn = 1700, R = 1200;
    const rect = (h: number) => (Phi(h / se) - Phi(-h / se)) * (Phi(h / sn) - Phi(-h / sn));
    const p = circleProbability(0, 0, R, [se * se, 0, 0, sn * sn]);
    expect(p).toBeGreaterThan(rect(R / Math.SQRT2));
    expect(p).toBeLessThan(rect(R));
  });

  it('limits: tiny σ gives the indicator, a degenerate Σ the exact indicator, and R → 0 gives 0', () => {
    expect(circleProbability(999, 0, 1000, [1e-2, 0, 0, 1e-2])).toBeCloseTo(1, 12);
    expect(circleProbability(1001, 0, 1000, [1e-2, 0, 0, 1e-2])).toBeCloseTo(0, 12);
    expect(circleProbability(10, 0, 1000, [0, 0, 0, 0])).toBe(1);
    expect(circleProbability(1e4, 0, 1000, [0, 0, 0, 0])).toBe(0);
    expect(circleProbability(0, 0, 0, [1, 0, 0, 1])).toBe(0);
    // σ ≫ R: P ≈ R²/(2σ_e σ_n) (density at the centre times the area)
    expect(circleProbability(0, 0, 1, [1e6, 0, 0, 4e6]) / (1 / (2 * 1000 * 2000))).toBeCloseTo(1, 5);
  });
});

describe('polygonProbability', () => {
  const sq = (x1: number, y1: number, x2: number, y2: number) => [x1, y1, x2, y1, x2, y2, x1, y2];

  it('rectangles under diagonal Σ: the product of normal CDF differences, either orientation', () => {
    const se = 700, sn = 1300;
    for (const [x1, y1, x2, y2] of [[-1000, -1000, 1000, 1000], [200, -3000, 2500, -100], [-5000, 400, 5000, 900]]) {
      const exact = (Phi(x2 / se) - Phi(x1 / se)) * (Phi(y2 / sn) - Phi(y1 / sn));
      const ccw = sq(x1, y1, x2, y2);
      const cw = [x1, y1, x1, y2, x2, y2, x2, y1];
      expect(polygonProbability(ccw, 4, [se * se, 0, 0, sn * sn])).toBeCloseTo(exact, 11);
      expect(polygonProbability(cw, 4, [se * se, 0, 0, sn * sn])).toBeCloseTo(exact, 11);
    }
  });

  it('a non-convex L-shape equals the sum of its two rectangles', () => {
    const s = 1000;
    const L = [-1000, -1000, 2000, -1000, 2000, 0, 0, 0, 0, 1500, -1000, 1500];
    const cov = [s * s, 0, 0, s * s];
    const a = polygonProbability(sq(-1000, -1000, 2000, 0), 4, cov);
    const b = polygonProbability(sq(-1000, 0, 0, 1500), 4, cov);
    expect(polygonProbability(L, 6, cov)).toBeCloseTo(a + b, 11);
  });

  it('a regular 4000-gon approaches the circle (inscribed: below, within the area deficit)', () => {
    const N = 4000, R = 1500, ce = 2500, cn = -700;
    const xy = new Float64Array(2 * N);
    for (let k = 0; k < N; k++) {
      xy[2 * k] = ce + R * Math.cos((2 * Math.PI * k) / N);
      xy[2 * k + 1] = cn + R * Math.sin((2 * Math.PI * k) / N);
    }
    const cov = covRot(1800, 600, 0.4);
    const pc = circleProbability(ce, cn, R, cov);
    const pp = polygonProbability(xy, N, cov);
    expect(pp).toBeLessThan(pc);
    expect(pc - pp).toBeLessThan(1e-6); // relative area deficit ≈ (2π²/3)/N² ≈ 4e-7
  });

  it('agrees with Monte Carlo for a rotated Σ and a triangle off the mean', () => {
    const tri = [500, 500, 3000, 800, 1200, 2600];
    const cov = covRot(2000, 800, 1.0);
    const p = polygonProbability(tri, 3, cov);
    const inTri = (x: number, y: number) => {
      const s = (ax: number, ay: number, bx: number, by: number) => (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      const d1 = s(500, 500, 3000, 800), d2 = s(3000, 800, 1200, 2600), d3 = s(1200, 2600, 500, 500);
      return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
    };
    const [mc, se] = monteCarlo(cov, inTri, 400_000, 'triangle');
    expect(Math.abs(p - mc)).toBeLessThan(4.5 * se);
  });

  it('degenerate Σ: the indicator of the mean inside', () => {
    expect(polygonProbability(sq(-1, -1, 1, 1), 4, [0, 0, 0, 0])).toBe(1);
    expect(polygonProbability(sq(1, 1, 2, 2), 4, [0, 0, 0, 0])).toBe(0);
  });
});

describe('ThreatEvaluator and evaluateThreats (geodesic placement of assets)', () => {
  const lat0 = 35.7 * DEG, lon0 = 139.7 * DEG;
  const north = geodesicDirect(lat0, lon0, 0, 3000);
  const corner = (az: number, s: number) => {
    const g = geodesicDirect(lat0, lon0, az * DEG, s);
    return [g.lat / DEG, g.lon / DEG] as [number, number];
  };
  const h = 1000 * Math.SQRT2;
  const assets = compileAssets([
    { id: 'city', value: 100, lat_deg: lat0 / DEG, lon_deg: lon0 / DEG, radius_km: 2 },
    { id: 'base', value: 40, lat_deg: north.lat / DEG, lon_deg: north.lon / DEG, radius_km: 1 },
    { id: 'port', value: 10, polygon: [corner(45, h), corner(135, h), corner(225, h), corner(315, h), corner(45, h)] },
  ]);
  const ev = new ThreatEvaluator(assets);
  const sigma = 1000;
  const cov = new Float64Array([sigma * sigma, 0, 0, sigma * sigma]);

  it('per-asset probabilities match the plane formulas and the value at risk is Σ value·P', () => {
    const p = new Float64Array(3);
    const v = ev.evaluate(p, { lat: lat0, lon: lon0, covEN: cov, time: 500 });
    expect(p[0]).toBeCloseTo(1 - Math.exp(-2), 9); // R = 2σ centred
    expect(p[1]).toBeCloseTo(1 - marcumQ1(3, 1), 8); // d = 3σ, R = σ
    const side = Phi(1) - Phi(-1);
    expect(p[2]).toBeCloseTo(side * side, 5); // a ±1 km "square" of geodesic corners (edges nearly straight)
    expect(v).toBeCloseTo(100 * p[0] + 40 * p[1] + 10 * p[2], 12);
    expect(assets[2].kind === 'polygon' && assets[2].lat.length).toBe(4); // closing vertex dropped
  });

  it('sorts by value at risk, then impact time, then id; priority asset respects pMin', () => {
    const far = geodesicDirect(lat0, lon0, 90, 200_000);
    const list = evaluateThreats(
      ev,
      [
        { id: 'b', key: 0, impact: { lat: lat0, lon: lon0, covEN: cov, time: 600 } },
        { id: 'a', key: 1, impact: { lat: lat0, lon: lon0, covEN: cov, time: 600 } },
        { id: 'c', key: 2, impact: { lat: lat0, lon: lon0, covEN: cov, time: 550 } },
        { id: 'z', key: 3, impact: { lat: far.lat, lon: far.lon, covEN: cov, time: 100 } },
        { id: 'n', key: 4, impact: { lat: north.lat, lon: north.lon, covEN: new Float64Array(4), time: 700 } },
      ],
      400,
    );
    expect(list.map((t) => t.id)).toEqual(['c', 'a', 'b', 'n', 'z']);
    expect(list[0].timeToImpact).toBe(150);
    expect(list[0].priorityAssetValue).toBe(100);
    expect(list[3].valueAtRisk).toBe(40); // perfect track on the base
    expect(list[3].priorityAsset).toBe(1);
    expect(list[4].valueAtRisk).toBe(0);
    expect(list[4].priorityAsset).toBe(-1);
    expect(list[4].priorityAssetValue).toBe(0);
  });
});
