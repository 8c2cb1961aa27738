/**
 * Firing doctrine: how many interceptors one engagement of a threat uses, whether the battle
 * manager looks (waits for a kill assessment) before shooting again, the per-threat cap over all
 * layers and looks, and the reserve policy.
 *
 * Shoot–look–shoot fires `shots_per_look` and looks when some battery (of any layer) could still
 * launch after the first intercept plus the kill-assessment delay plus the order latency:
 *     t_L,last ≥ t_I,1 + Δ_KA + Δ_order;
 * otherwise it fires a salvo of `salvo_if_no_time`. A salvo doctrine fires `shots`. Every
 * engagement is capped so that the interceptors spent on a threat over all layers and looks do
 * not exceed `max_interceptors_per_threat`. These are the doctrines of D. Wilkening, "A Simple
 * Model for Calculating Ballistic Missile Defense Effectiveness", Science & Global Security
 * 8(2):183–215, 2000 (shoot–shoot = a salvo of 2; shoot–look–shoot).
 *
 * Reserve: each battery keeps `per_battery` rounds back unless the threat's priority asset (see
 * threat-eval.ts) is worth at least `min_asset_value`.
 */

/** The doctrine as the scenario gives it (structurally the scenario's `Doctrine`). */
export interface DoctrineConfig {
  engagement: { type: 'shoot-look-shoot'; shots_per_look: number; salvo_if_no_time: number } | { type: 'salvo'; shots: number };
  max_interceptors_per_threat: number;
  reserve?: { per_battery: number; min_asset_value: number };
  kill_assessment: { p_correct_kill: number; p_correct_miss: number; delay_s: number };
}

/** How one engagement of a threat is to be fought. */
export interface EngagementDecision {
  /** Interceptors to fire now (0: none — the cap is reached). */
  shots: number;
  /** true: shoot–look–shoot with time (and budget) for a follow-up after the assessment. */
  look: boolean;
  /** Earliest time a follow-up may be launched: t_I,1 + Δ_KA + Δ_order (s since epoch). */
  followUpAt: number;
}

/** True when a follow-up launch fits after the assessment (module comment). Times in s. */
export function canLook(firstIntercept: number, latestFollowUpLaunch: number, assessDelay: number, orderLatency = 0): boolean {
  return latestFollowUpLaunch >= firstIntercept + assessDelay + orderLatency;
}

/**
 * The engagement size for a threat on which `spent` interceptors were already used (all
 * layers): `firstIntercept` is the intercept time of this engagement's first shot and
 * `latestFollowUpLaunch` the latest launch time of any battery that could take a follow-up
 * (−Infinity: none), s since epoch; `orderLatency` the battle manager → battery latency, s.
 */
export function engagementSize(d: DoctrineConfig, spent: number, firstIntercept: number, latestFollowUpLaunch: number, orderLatency = 0): EngagementDecision {
  const cap = d.max_interceptors_per_threat - spent;
  const followUpAt = firstIntercept + d.kill_assessment.delay_s + orderLatency;
  if (cap <= 0) return { shots: 0, look: false, followUpAt };
  const e = d.engagement;
  if (e.type === 'salvo') return { shots: Math.min(e.shots, cap), look: false, followUpAt };
  if (canLook(firstIntercept, latestFollowUpLaunch, d.kill_assessment.delay_s, orderLatency)) {
    const shots = Math.min(e.shots_per_look, cap);
    return { shots, look: cap > shots, followUpAt };
  }
  return { shots: Math.min(e.salvo_if_no_time, cap), look: false, followUpAt };
}

/** Rounds a battery must keep back from a threat whose priority asset is worth `priorityAssetValue`. */
export function reserveFor(d: DoctrineConfig, priorityAssetValue: number): number {
  const r = d.reserve;
  if (!r) return 0;
  return priorityAssetValue >= r.min_asset_value ? 0 : r.per_battery;
}
