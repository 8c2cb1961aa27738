/**
 * Analytic defense effectiveness in the manner of D. A. Wilkening, "A Simple Model for Calculating
 * Ballistic Missile Defense Effectiveness", Science & Global Security 8(2):183–215, 2000.
 *
 * The model's measure of effectiveness is the probability that no attacking reentry vehicle (RV)
 * leaks through the defense, for N independent RVs each engaged by the same firing doctrine:
 *
 *     P(zero leakers) = R · P_k^N,      E[leakers] = N (1 − R · P_k),
 *
 * where P_k is the probability that one RV is killed when the defense works, and R is the
 * reliability of the parts every engagement shares (battle management, command and control,
 * sensors): a common-mode failure, with probability 1 − R, lets every RV through, so it multiplies
 * P(zero leakers) once instead of entering each RV's P_k.
 *
 * Per RV (SSPK = single-shot kill probability of one interceptor against one RV; q = 1 − SSPK;
 * d = probability the RV is detected, tracked and discriminated so it can be engaged at all):
 *
 * - shoot-shoot (one engagement opportunity, a salvo of n interceptors fired before any look):
 *   P_k = d (1 − q^n); interceptors per RV = d·n.
 * - shoot-look-shoot (e ≥ 2 opportunities, a salvo of n each, with a kill assessment between them):
 *   the defense re-engages an RV it judges to have survived. Kill assessment is characterised by
 *   K = P(a surviving RV is judged alive) and F = P(a killed RV is judged alive). An RV judged dead
 *   is dropped (if it was alive, it leaks). With α_t, δ_t the probabilities that after salvo t the RV
 *   is alive / dead and still being engaged (α_1 = q^n, δ_1 = 1 − q^n):
 *       shots in salvo t+1 = n (K α_t + F δ_t),  α_{t+1} = K α_t q^n,  δ_{t+1} = K α_t (1 − q^n) + F δ_t,
 *   P(leak | engaged) = α_e + Σ_{t<e} (1 − K) α_t. With perfect kill assessment (K = 1, F = 0) this is
 *   q^{ne}, the same kill probability as firing all n·e at once, for an expected
 *   n (1 + q^n + … + q^{n(e−1)}) interceptors instead of n·e — the point of shoot-look-shoot.
 *
 * `interceptors_needed` is the expected number of interceptors fired when the defense works,
 * N · d · E[shots per engaged RV]; the inventory that covers the worst case is N·n (shoot-shoot) or
 * N·n·e (shoot-look-shoot).
 *
 * Source note: the formulas above are the standard independent-shot algebra that Wilkening's model is
 * built on (salvo kill 1 − (1 − SSPK)^n, zero-leaker probability P_k^N, a common-mode reliability
 * factor, kill assessment between engagement opportunities). The paper's own tables and figures could
 * not be retrieved while writing this module, so the validation tests check closed forms, identities
 * and a seeded Monte Carlo simulation rather than the paper's printed numbers.
 */

export type FiringDoctrine = 'shoot-shoot' | 'sls';

export interface WilkeningInput {
  /** Single-shot kill probability of one interceptor against one RV, in [0, 1]. */
  sspk: number;
  /** Number of attacking RVs N (an integer ≥ 0). */
  threats: number;
  /** Interceptors per RV in each salvo, n (an integer ≥ 1). */
  shotsPerThreat: number;
  doctrine: FiringDoctrine;
  /** Shoot-look-shoot: engagement opportunities e (integer ≥ 1, default 2). Ignored for shoot-shoot. */
  engagements?: number;
  /** Shoot-look-shoot: P(a surviving RV is judged alive) K, default 1 (perfect kill assessment). */
  killAssessment?: number;
  /** Shoot-look-shoot: P(a killed RV is judged alive) F, default 0. */
  falseAlarm?: number;
  /** Common-mode reliability R of the shared BM/C3 and sensors, default 1. */
  reliability?: number;
  /** Per-RV probability d of detection, tracking and discrimination, default 1. */
  detection?: number;
}

export interface WilkeningResult {
  /** R · P_k^N. */
  p_zero_leakers: number;
  /** N (1 − R · P_k). */
  expected_leakers: number;
  /** Expected interceptors fired when the defense works: N · d · E[shots per engaged RV]. */
  interceptors_needed: number;
  /** P_k: probability one RV is killed when the defense works. */
  p_kill_per_threat: number;
}

function checkProb(name: string, x: number): void {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`wilkening: ${name} must be in [0, 1], got ${x}`);
}

/**
 * Defense effectiveness of N RVs against a doctrine (see the module comment for the definitions and
 * the source). Throws RangeError for inputs outside their ranges (the CLI validates user input
 * before calling).
 */
export function wilkening(input: WilkeningInput): WilkeningResult {
  const { sspk, threats: N, shotsPerThreat: n, doctrine } = input;
  const e = doctrine === 'sls' ? (input.engagements ?? 2) : 1;
  const K = input.killAssessment ?? 1;
  const F = input.falseAlarm ?? 0;
  const R = input.reliability ?? 1;
  const d = input.detection ?? 1;
  checkProb('sspk', sspk);
  checkProb('killAssessment', K);
  checkProb('falseAlarm', F);
  checkProb('reliability', R);
  checkProb('detection', d);
  if (!Number.isInteger(N) || N < 0) throw new RangeError(`wilkening: threats must be an integer ≥ 0, got ${N}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`wilkening: shotsPerThreat must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(e) || e < 1) throw new RangeError(`wilkening: engagements must be an integer ≥ 1, got ${e}`);
  if (doctrine !== 'shoot-shoot' && doctrine !== 'sls') throw new RangeError(`wilkening: doctrine must be 'shoot-shoot' or 'sls', got ${String(doctrine)}`);

  const qn = Math.pow(1 - sspk, n); // one salvo leaves the RV alive
  let alive = qn;
  let dead = 1 - qn;
  let shots = n;
  let leak = 0;
  for (let t = 1; t < e; t++) {
    leak += (1 - K) * alive; // a survivor judged dead is dropped and leaks
    shots += n * (K * alive + F * dead);
    const engagedAlive = K * alive;
    dead = engagedAlive * (1 - qn) + F * dead;
    alive = engagedAlive * qn;
  }
  leak += alive;
  const pk = d * (1 - leak);
  return {
    p_zero_leakers: R * Math.pow(pk, N),
    expected_leakers: N * (1 - R * pk),
    interceptors_needed: N * d * shots,
    p_kill_per_threat: pk,
  };
}
