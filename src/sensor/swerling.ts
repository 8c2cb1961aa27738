/**
 * Detection statistics and measurement accuracy for a single radar dwell.
 *
 * Detection: a square-law detector with a fixed threshold on one (coherently integrated) dwell
 * against a Swerling 1 target — RCS exponentially distributed from dwell to dwell, constant
 * within the dwell. Then the probability of detection at mean signal-to-noise ratio S (linear)
 * and probability of false alarm Pfa is
 *
 *     Pd = exp(−T / (1 + S)) = Pfa^(1 / (1 + S)),   T = −ln Pfa (threshold / noise power)
 *
 * (M. A. Richards, "Fundamentals of Radar Signal Processing", McGraw-Hill 2005, §6.3, eqs.
 * 6.99–6.101 with N = 1; the same result is in B. R. Mahafza & A. Z. Elsherbeni, "MATLAB
 * Simulations for Radar Systems Design", 2004, eq. 2.75, and behind the Swerling curves of
 * M. Skolnik, "Introduction to Radar Systems", 3rd ed. 2001, ch. 2). Its inverse gives the SNR a detection probability needs:
 * S = ln Pfa / ln Pd − 1 (Pd = 0.9, Pfa = 1e−6 → 21.14 dB).
 *
 * Accuracy: the thermal-noise (Cramér–Rao-type) accuracy of a monopulse angle estimate and a
 * split-gate range estimate at SNR S (W. D. Blair, "Radar Measurements", ch. 18 of M. A.
 * Richards, J. A. Scheer & W. A. Holm, "Principles of Modern Radar: Basic Principles", SciTech
 * 2010; also Skolnik 2001 §6.3, "theoretical accuracy of radar measurements"):
 *     σ_θ ≈ θ_3dB / (k_m √(2 S)),   σ_R ≈ ΔR / √(2 S)
 * with k_m ≈ 1.6 the monopulse slope and ΔR = c / (2B) the range resolution; both scale as 1/√S. The catalog states σ at a reference SNR and a floor (bias, calibration,
 * quantisation); `sigmaAtSnr` applies σ(S) = max(floor, σ_ref √(S_ref / S)).
 */

/** 10·log10(x): a power ratio to decibels. */
export function linearToDb(x: number): number {
  return 10 * Math.log10(x);
}

/** 10^(db/10): decibels to a power ratio. */
export function dbToLinear(db: number): number {
  return Math.pow(10, db / 10);
}

/**
 * Swerling 1 (and 2: identical for one dwell) probability of detection for one dwell at mean
 * SNR `snr` (linear, ≥ 0) and false-alarm probability `pfa` in (0, 1): Pfa^(1/(1+snr))
 * (Richards 2005 eq. 6.101 with N = 1; see the file header).
 */
export function swerling1Pd(snr: number, pfa: number): number {
  if (!(snr > 0)) return pfa; // no signal: only the noise can cross the threshold
  return Math.exp(Math.log(pfa) / (1 + snr));
}

/**
 * The mean SNR (linear) a Swerling 1 target needs for detection probability `pd` at false-alarm
 * probability `pfa` on one dwell: ln(pfa)/ln(pd) − 1 (inverse of swerling1Pd). Requires
 * pfa < pd < 1; returns 0 when pd ≤ pfa (noise alone does it).
 */
export function swerling1RequiredSnr(pd: number, pfa: number): number {
  if (pd <= pfa) return 0;
  return Math.log(pfa) / Math.log(pd) - 1;
}

/**
 * Threshold-to-noise ratio of a square-law detector for false-alarm probability pfa: −ln pfa
 * (Richards 2005 eq. 6.19). A false alarm's apparent SNR is about this value; it sets the
 * accuracy the radar reports for it.
 */
export function thresholdSnr(pfa: number): number {
  return -Math.log(pfa);
}

/**
 * Measurement σ at SNR `snr` (linear) from σ_ref at `snrRef` (linear), never below `floor`:
 * max(floor, σ_ref √(snrRef / snr)) (the 1/√SNR law of the file header). Any unit.
 */
export function sigmaAtSnr(sigmaRef: number, snrRef: number, floor: number, snr: number): number {
  const s = snr > 0 ? sigmaRef * Math.sqrt(snrRef / snr) : Infinity;
  return s > floor ? s : floor;
}
