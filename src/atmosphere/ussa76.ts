/**
 * U.S. Standard Atmosphere, 1976 (COESA; NOAA-S/T 76-1562, NASA-TM-X-74335, U.S. Government
 * Printing Office, Washington D.C., October 1976) — referred to below as "USSA76".
 *
 * Input is GEOMETRIC altitude z in metres above mean sea level (−5 km ≤ z). Outputs are SI:
 * kinetic temperature K, pressure Pa, density kg/m³, speed of sound m/s.
 *
 * ## 0 – 86 km: exactly as the standard defines it (Part 1, §1.2–1.3)
 * - geopotential altitude H = r0·z/(r0 + z) with r0 = 6 356 766 m (Eq. 18);
 * - seven layers in H with base heights and molecular-scale-temperature gradients L_M,b
 *   (Table 4); T_M = T_M,b + L_M,b (H − H_b) (Eq. 23);
 * - pressure by the hydrostatic layer formulas (Eqs. 33a/33b), P_b of each layer computed
 *   from P0 = 101 325 Pa upward, as the standard prescribes;
 * - density ρ = P·M0/(R*·T_M) (Eq. 42-1); kinetic temperature T = T_M·(M/M0) (Eq. 21) where
 *   M/M0 = 1 below 80 km and is interpolated LINEARLY in the 0.5-km points of Table 8 between
 *   80 and 86 km (the interpolation is our choice; the standard only tabulates);
 * - speed of sound a = √(γ R* T_M / M0) (Eq. 50), γ = 1.4.
 *
 * ## 86 – 1000 km: a documented extension for drag (NOT the standard's species integration)
 * - Kinetic temperature from the standard's own profile, Eqs. 25–31 (Part 1 §1.3.2):
 *   isothermal 86–91 km (T7 = 186.8673 K), elliptical 91–110 km (Tc = 263.1905 K,
 *   A = −76.3232 K, a = −19.9429 km), linear 110–120 km (12 K/km from 240 K), exponential
 *   above 120 km (T∞ = 1000 K, T10 = 360 K, λ = 0.01875 /km, ξ = (z − 120)(r0 + 120)/(r0 + z)).
 * - Pressure and density are NOT integrated species by species. Instead, at the knots
 *   86, 90, 95, 100, 110, 120, 130, 150, 200, 250, 300, 400 … 1000 km we take p and ρ from
 *   USSA76 Table I (geometric altitude, metric units), derive the mean molecular weight
 *   M_k = ρ_k R* T_k / p_k (ideal gas, Eq. 42), and interpolate:
 *     · ln p with a cubic Hermite whose knot slopes are the hydrostatic ones,
 *       d ln p/dz = −g(z) M/(R* T) with g = g0 (r0/(r0+z))² (Eq. 17) — exact values AND
 *       exact slopes at every knot;
 *     · M(z) with a monotone piecewise-cubic (Fritsch–Carlson/Butland PCHIP) through M_k;
 *     · ρ = p M/(R* T), so p, ρ, T, M always satisfy the ideal-gas law.
 *   The 86-km knot is taken from the 0–86 km formulas, so the model is continuous there.
 *   Checked against Table I values NOT used as knots (92, 115, 140, 175, 180, 230, 350, 450,
 *   550, 650, 750, 850, 950 km): see test/validation/ussa76.test.ts for the achieved accuracy.
 * - Speed of sound above 86 km: the standard does not define one. We use √(γ R* T / M(z)) with
 *   γ = 1.4 and M(z) as above (i.e. √(γ p/ρ)), continuous with the Eq. 50 value at 86 km.
 *   Above ~150 km atomic species dominate (true γ → 5/3) and the mean free path exceeds any
 *   vehicle, so this value is only a Mach-number normaliser for drag tables.
 *
 * ## Above 1000 km
 * p and ρ continue exponentially with the scale heights of the last table interval
 * (900–1000 km: H_ρ ≈ 208.0 km, H_p ≈ 270.6 km, from the Table I values); T continues with
 * Eq. 31 (→ T∞ = 1000 K); a = √(γ p/ρ). There is no upper limit.
 *
 * Everything here is allocation-free after module load.
 */

/** An atmosphere state at one altitude (SI). */
export interface AtmosphereState {
  /** Kinetic temperature, K. */
  temperature_k: number;
  /** Total pressure, Pa. */
  pressure_pa: number;
  /** Mass density, kg/m³. */
  density_kg_m3: number;
  /** Speed of sound, m/s (see the module comment for its meaning above 86 km). */
  speed_of_sound_mps: number;
}

// ---------------------------------------------------------------------------------------------
// Constants of USSA76, Part 1 (Table 2 and §1.2). All SI unless stated.
// ---------------------------------------------------------------------------------------------
/** Standard gravity g0, m/s² (USSA76 Table 2). */
const G0 = 9.80665;
/** Effective Earth radius r0 for geopotential altitude, m (USSA76 Table 2 / Eq. 18). */
const R0 = 6_356_766;
/** Sea-level mean molecular weight M0, kg/kmol (USSA76 Table 2). */
const M0 = 28.9644;
/** Universal gas constant R*, J/(kmol·K) (USSA76 Table 2 — the 1976 value, not CODATA). */
const RSTAR = 8314.32;
/** Ratio of specific heats γ for air (USSA76 Eq. 50). */
const GAMMA = 1.4;
/** Sea-level pressure P0, Pa (USSA76 Table 2). */
const P0 = 101_325;
/** g0·M0/R*, K per geopotential metre (appears in Eqs. 33a/33b). */
const GMR = (G0 * M0) / RSTAR;

/** Lowest altitude the model accepts, m geometric (USSA76 tables start at −5 km). */
export const USSA76_MIN_ALTITUDE_M = -5000;
/** Altitude where the standard's explicit formulas end and the extension begins, m. */
export const USSA76_ZMAX_LOWER_M = 86_000;
/** Highest altitude of the standard's published table (the extension's last knot), m. */
export const USSA76_TABLE_TOP_M = 1_000_000;

// Layer bases: geopotential height H_b (m') and molecular-scale temperature gradient L_M,b
// (K/m'), USSA76 Table 4. Layer 7's base (84 852 m') is the top of the 0–86 km model.
const HB = Float64Array.of(0, 11_000, 20_000, 32_000, 47_000, 51_000, 71_000, 84_852);
const LB = Float64Array.of(-6.5e-3, 0, 1.0e-3, 2.8e-3, 0, -2.8e-3, -2.0e-3);
/** g0·M0/(R*·L_M,b): the pressure exponent of each gradient layer (0 for isothermal ones). */
const EXPO = new Float64Array(7);
for (let i = 0; i < 7; i++) EXPO[i] = LB[i] === 0 ? 0 : GMR / LB[i];
/** T_M,b and P_b at each layer base, built from T0 = 288.15 K, P0 (USSA76 Eqs. 23, 33). */
const TMB = new Float64Array(8);
const PB = new Float64Array(8);
{
  TMB[0] = 288.15; // USSA76 Table 2, T0
  PB[0] = P0;
  for (let i = 0; i < 7; i++) {
    const dh = HB[i + 1] - HB[i];
    TMB[i + 1] = TMB[i] + LB[i] * dh;
    PB[i + 1] = LB[i] === 0 ? PB[i] * Math.exp((-GMR * dh) / TMB[i]) : PB[i] * Math.pow(TMB[i] / TMB[i + 1], GMR / LB[i]);
  }
}

// M/M0 between 80 and 86 km geometric, every 0.5 km (USSA76 Table 8).
const MRATIO_Z0 = 80_000;
const MRATIO_DZ = 500;
const MRATIO = Float64Array.of(
  1.0, 0.999996, 0.999989, 0.999971, 0.999941, 0.999909, 0.99987, 0.999829, 0.999786, 0.999741, 0.999694, 0.999641,
  0.999579,
);

// ---------------------------------------------------------------------------------------------
// Above 86 km: temperature profile constants (USSA76 Part 1 §1.3.2, Table 5 and Eqs. 27–31).
// ---------------------------------------------------------------------------------------------
const Z7 = 86_000;
const T7 = 186.8673; // K, isothermal 86–91 km (Eq. 27)
const Z8 = 91_000;
const TC = 263.1905; // K (Eq. 28)
const A_ELL = -76.3232; // K (Eq. 28)
const a_ELL = -19_942.9; // m (Eq. 28)
const Z9 = 110_000;
const T9 = 240; // K
const LK9 = 12.0e-3; // K/m (Eq. 29)
const Z10 = 120_000;
const T10 = 360; // K
const TINF = 1000; // K, exospheric temperature T∞ (Eq. 31)
const LAMBDA = 0.01875e-3; // 1/m, λ = 0.01875 /km (Eq. 31)

/**
 * Kinetic temperature above 86 km, K (USSA76 Eqs. 27–31; Eq. 31 also used above 1000 km).
 * `z` geometric altitude in m, z ≥ 86 km.
 */
function temperatureUpper(z: number): number {
  if (z < Z8) return T7;
  if (z < Z9) {
    const u = (z - Z8) / a_ELL;
    return TC + A_ELL * Math.sqrt(1 - u * u);
  }
  if (z < Z10) return T9 + LK9 * (z - Z9);
  const xi = ((z - Z10) * (R0 + Z10)) / (R0 + z);
  return TINF - (TINF - T10) * Math.exp(-LAMBDA * xi);
}

// Knots of the extension: geometric altitude (m), pressure (Pa), density (kg/m³) from USSA76
// Table I (geometric altitude, metric units; 86–1000 km part). The 86-km row is replaced by the
// 0–86 km formulas at module load (they agree with Table I's 0.37338 Pa / 6.958e-6 kg/m³).
const KZ = Float64Array.of(
  86e3, 90e3, 95e3, 100e3, 110e3, 120e3, 130e3, 150e3, 200e3, 250e3, 300e3, 400e3, 500e3, 600e3, 700e3, 800e3, 900e3, 1000e3,
);
const KP = Float64Array.of(
  3.7338e-1, 1.8359e-1, 7.5966e-2, 3.2011e-2, 7.1042e-3, 2.5382e-3, 1.2505e-3, 4.5422e-4, 8.4736e-5, 2.4767e-5, 8.7704e-6,
  1.4518e-6, 3.0236e-7, 8.213e-8, 3.1908e-8, 1.7036e-8, 1.0873e-8, 7.5138e-9,
);
const KRHO = Float64Array.of(
  6.958e-6, 3.416e-6, 1.393e-6, 5.604e-7, 9.708e-8, 2.222e-8, 8.152e-9, 2.076e-9, 2.541e-10, 6.073e-11, 1.916e-11, 2.803e-12,
  5.215e-13, 1.137e-13, 3.07e-14, 1.136e-14, 5.759e-15, 3.561e-15,
);
const NK = KZ.length;
/** Per interval i (between knot i and i+1): ln p = c0 + t(c1 + t(c2 + t c3)), t = (z − z_i)/h_i. */
const LNP_C = new Float64Array(4 * (NK - 1));
/** Per interval: Hermite data for M(z): M_i, M_{i+1}, h·dM_i, h·dM_{i+1}. */
const M_C = new Float64Array(4 * (NK - 1));
/** Scale heights (m) beyond 1000 km, from the 900–1000 km interval of Table I. */
let H_RHO_TOP = 0;
let H_P_TOP = 0;
let LNP_TOP = 0;
let LNRHO_TOP = 0;

/** Gravity at geometric altitude z, m/s² (USSA76 Eq. 17, inverse-square from g0 at r0). */
function gravity(z: number): number {
  const q = R0 / (R0 + z);
  return G0 * q * q;
}

{
  // Knot 86 km from the lower model (layer 6 at H(86 km)), so the two halves meet exactly.
  const hTop = (R0 * Z7) / (R0 + Z7);
  const tmTop = TMB[6] + LB[6] * (hTop - HB[6]);
  const pTop = PB[6] * Math.exp(EXPO[6] * Math.log(TMB[6] / tmTop));
  KP[0] = pTop;
  KRHO[0] = (pTop * M0) / (RSTAR * tmTop);
  const mk = new Float64Array(NK);
  const sk = new Float64Array(NK); // d ln p / dz at knots
  for (let k = 0; k < NK; k++) {
    const t = temperatureUpper(KZ[k]);
    mk[k] = (KRHO[k] * RSTAR * t) / KP[k];
    sk[k] = (-gravity(KZ[k]) * mk[k]) / (RSTAR * t);
  }
  // PCHIP slopes for M (Fritsch & Butland 1984, the form used by Moler, "Numerical Computing
  // with MATLAB", §3.4): harmonic mean of neighbouring secants where they agree in sign, 0
  // otherwise; one-sided shape-preserving three-point formula at the ends.
  const del = new Float64Array(NK - 1);
  const hh = new Float64Array(NK - 1);
  for (let i = 0; i < NK - 1; i++) {
    hh[i] = KZ[i + 1] - KZ[i];
    del[i] = (mk[i + 1] - mk[i]) / hh[i];
  }
  const dm = new Float64Array(NK);
  for (let k = 1; k < NK - 1; k++) {
    if (del[k - 1] * del[k] <= 0) dm[k] = 0;
    else {
      const w1 = 2 * hh[k] + hh[k - 1];
      const w2 = hh[k] + 2 * hh[k - 1];
      dm[k] = (w1 + w2) / (w1 / del[k - 1] + w2 / del[k]);
    }
  }
  const endSlope = (h0: number, h1: number, d0: number, d1: number): number => {
    let d = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
    if (Math.sign(d) !== Math.sign(d0)) d = 0;
    else if (Math.sign(d0) !== Math.sign(d1) && Math.abs(d) > Math.abs(3 * d0)) d = 3 * d0;
    return d;
  };
  dm[0] = endSlope(hh[0], hh[1], del[0], del[1]);
  dm[NK - 1] = endSlope(hh[NK - 2], hh[NK - 3], del[NK - 2], del[NK - 3]);
  for (let i = 0; i < NK - 1; i++) {
    const h = hh[i];
    const y0 = Math.log(KP[i]);
    const y1 = Math.log(KP[i + 1]);
    const d = y1 - y0;
    const m0 = h * sk[i];
    const m1 = h * sk[i + 1];
    LNP_C[4 * i] = y0;
    LNP_C[4 * i + 1] = m0;
    LNP_C[4 * i + 2] = 3 * d - 2 * m0 - m1;
    LNP_C[4 * i + 3] = -2 * d + m0 + m1;
    M_C[4 * i] = mk[i];
    M_C[4 * i + 1] = mk[i + 1];
    M_C[4 * i + 2] = h * dm[i];
    M_C[4 * i + 3] = h * dm[i + 1];
  }
  const last = NK - 1;
  const dzTop = KZ[last] - KZ[last - 1];
  H_RHO_TOP = dzTop / Math.log(KRHO[last - 1] / KRHO[last]);
  H_P_TOP = dzTop / Math.log(KP[last - 1] / KP[last]);
  LNP_TOP = Math.log(KP[last]);
  LNRHO_TOP = Math.log(KRHO[last]);
}

/** Index i of the knot interval [KZ[i], KZ[i+1]) holding z (86 km ≤ z ≤ 1000 km); binary search. */
function knotInterval(z: number): number {
  let lo = 0;
  let hi = NK - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (KZ[mid] <= z) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** ln p on interval i at z (cubic Hermite, hydrostatic knot slopes). */
function lnPressureUpper(i: number, z: number): number {
  const t = (z - KZ[i]) / (KZ[i + 1] - KZ[i]);
  const o = 4 * i;
  return LNP_C[o] + t * (LNP_C[o + 1] + t * (LNP_C[o + 2] + t * LNP_C[o + 3]));
}

/** Mean molecular weight on interval i at z, kg/kmol (monotone cubic Hermite). */
function molecularWeightUpper(i: number, z: number): number {
  const t = (z - KZ[i]) / (KZ[i + 1] - KZ[i]);
  const o = 4 * i;
  const t2 = t * t;
  const t3 = t2 * t;
  return (
    (2 * t3 - 3 * t2 + 1) * M_C[o] + (t3 - 2 * t2 + t) * M_C[o + 2] + (-2 * t3 + 3 * t2) * M_C[o + 1] + (t3 - t2) * M_C[o + 3]
  );
}

/** Layer index (0..6) of geopotential height H in m' (layer 6 also serves up to 86 km). */
function layerOf(h: number): number {
  if (h < HB[1]) return 0;
  if (h < HB[2]) return 1;
  if (h < HB[3]) return 2;
  if (h < HB[4]) return 3;
  if (h < HB[5]) return 4;
  if (h < HB[6]) return 5;
  return 6;
}

function checkDomain(z: number): void {
  // `!(z >= min)` also rejects NaN.
  if (!(z >= USSA76_MIN_ALTITUDE_M)) {
    throw new RangeError(`ussa76: geometric altitude must be ≥ ${USSA76_MIN_ALTITUDE_M} m (−5 km), got ${z}`);
  }
}

/**
 * Full USSA76 state at geometric altitude `z` (m, −5 km ≤ z, no upper limit), written into
 * `out` and returned; allocates nothing. 0–86 km exactly per the standard; above 86 km the
 * documented extension (module comment). Throws RangeError below −5 km or for NaN.
 */
export function ussa76(z: number, out: AtmosphereState): AtmosphereState {
  checkDomain(z);
  if (z <= USSA76_ZMAX_LOWER_M) {
    const h = (R0 * z) / (R0 + z); // Eq. 18
    const b = layerOf(h);
    const lb = LB[b];
    const dh = h - HB[b];
    const tm = TMB[b] + lb * dh; // Eq. 23
    // Eqs. 33a/b; (T_M,b/T_M)^(g0 M0/(R* L)) evaluated as exp(k·ln(·)) — same value to ~1e-15, 2× faster than Math.pow.
    const p = lb === 0 ? PB[b] * Math.exp((-GMR * dh) / TMB[b]) : PB[b] * Math.exp(EXPO[b] * Math.log(TMB[b] / tm));
    let ratio = 1;
    if (z > MRATIO_Z0) {
      const u = (z - MRATIO_Z0) / MRATIO_DZ;
      const j = Math.min(Math.floor(u), MRATIO.length - 2);
      const f = u - j;
      ratio = MRATIO[j] + f * (MRATIO[j + 1] - MRATIO[j]);
    }
    out.temperature_k = tm * ratio; // Eq. 21
    out.pressure_pa = p;
    out.density_kg_m3 = (p * M0) / (RSTAR * tm); // Eq. 42
    out.speed_of_sound_mps = Math.sqrt((GAMMA * RSTAR * tm) / M0); // Eq. 50
    return out;
  }
  const t = temperatureUpper(z);
  out.temperature_k = t;
  if (z <= USSA76_TABLE_TOP_M) {
    const i = knotInterval(z);
    const p = Math.exp(lnPressureUpper(i, z));
    const m = molecularWeightUpper(i, z);
    out.pressure_pa = p;
    out.density_kg_m3 = (p * m) / (RSTAR * t);
    out.speed_of_sound_mps = Math.sqrt((GAMMA * RSTAR * t) / m);
    return out;
  }
  const dz = z - USSA76_TABLE_TOP_M;
  const p = Math.exp(LNP_TOP - dz / H_P_TOP);
  const rho = Math.exp(LNRHO_TOP - dz / H_RHO_TOP);
  out.pressure_pa = p;
  out.density_kg_m3 = rho;
  out.speed_of_sound_mps = Math.sqrt((GAMMA * p) / rho);
  return out;
}

/**
 * Density only, kg/m³, at geometric altitude `z` (m); same model and domain as {@link ussa76}
 * (RangeError below −5 km), for drag in hot loops. Allocates nothing.
 */
export function density(z: number): number {
  checkDomain(z);
  if (z <= USSA76_ZMAX_LOWER_M) {
    const h = (R0 * z) / (R0 + z);
    const b = layerOf(h);
    const lb = LB[b];
    const dh = h - HB[b];
    const tmb = TMB[b];
    if (lb === 0) return (PB[b] * Math.exp((-GMR * dh) / tmb) * M0) / (RSTAR * tmb);
    const tm = tmb + lb * dh;
    return (PB[b] * Math.exp(EXPO[b] * Math.log(tmb / tm)) * M0) / (RSTAR * tm);
  }
  if (z <= USSA76_TABLE_TOP_M) {
    const i = knotInterval(z);
    return (Math.exp(lnPressureUpper(i, z)) * molecularWeightUpper(i, z)) / (RSTAR * temperatureUpper(z));
  }
  return Math.exp(LNRHO_TOP - (z - USSA76_TABLE_TOP_M) / H_RHO_TOP);
}

/**
 * Speed of sound only, m/s, at geometric altitude `z` (m); same model and domain as
 * {@link ussa76}. Below 86 km USSA76 Eq. 50; above, √(γ R* T/M) of the extension.
 */
export function speedOfSound(z: number): number {
  checkDomain(z);
  if (z <= USSA76_ZMAX_LOWER_M) {
    const h = (R0 * z) / (R0 + z);
    const b = layerOf(h);
    const tm = TMB[b] + LB[b] * (h - HB[b]);
    return Math.sqrt((GAMMA * RSTAR * tm) / M0);
  }
  const t = temperatureUpper(z);
  if (z <= USSA76_TABLE_TOP_M) {
    const m = molecularWeightUpper(knotInterval(z), z);
    return Math.sqrt((GAMMA * RSTAR * t) / m);
  }
  const dz = z - USSA76_TABLE_TOP_M;
  return Math.sqrt((GAMMA * Math.exp(LNP_TOP - dz / H_P_TOP)) / Math.exp(LNRHO_TOP - dz / H_RHO_TOP));
}
