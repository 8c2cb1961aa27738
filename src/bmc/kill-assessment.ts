/**
 * Kill assessment: after an engagement's last intercept the sensors call it a kill or a miss,
 * correctly with probability p_correct_kill (when it was a kill) or p_correct_miss (when it was
 * a miss), and the call reaches the battle manager `delay_s` later.
 *
 * Consequences (issue 5): a "kill" call releases the threat — the battle manager engages it no
 * more, so a wrongly called kill leaks unless another layer engages it on its own (planner
 * option `lowerEngagesReleased`); a "miss" call puts it back for another engagement — when the
 * call is wrong, that engagement wastes interceptors on a dead threat. Imperfect assessment is
 * the case Wilkening treats beyond his base model (D. Wilkening, Science & Global Security
 * 8(2):183–215, 2000, on kill-assessment errors in shoot–look–shoot); the probabilities are
 * scenario inputs.
 */
import type { RngStream } from '../math/index.js';

/** The assessment parameters (structurally the scenario's `doctrine.kill_assessment`). */
export interface KillAssessmentConfig {
  p_correct_kill: number;
  p_correct_miss: number;
  delay_s: number;
}

export type KillCall = 'kill' | 'miss';

/** One assessment and what the battle manager does with it. */
export interface Assessment {
  call: KillCall;
  /** Whether the call matches the truth. */
  correct: boolean;
  /** When the call reaches the battle manager: last intercept + delay_s (s since epoch). */
  time: number;
  /** 'release': stop engaging the threat; 'reengage': plan another engagement. */
  action: 'release' | 'reengage';
}

/**
 * The call for a true outcome (`killed`), with exactly one uniform draw from `rng`: a kill is
 * called a kill when u < p_correct_kill, a miss is called a miss when u < p_correct_miss.
 */
export function killCall(ka: KillAssessmentConfig, killed: boolean, rng: RngStream): KillCall {
  const u = rng.uniform();
  if (killed) return u < ka.p_correct_kill ? 'kill' : 'miss';
  return u < ka.p_correct_miss ? 'miss' : 'kill';
}

/** The assessment of an engagement whose last intercept happened at `interceptTime` (s). One draw. */
export function assessKill(ka: KillAssessmentConfig, killed: boolean, interceptTime: number, rng: RngStream): Assessment {
  const call = killCall(ka, killed, rng);
  return { call, correct: (call === 'kill') === killed, time: interceptTime + ka.delay_s, action: call === 'kill' ? 'release' : 'reengage' };
}

/**
 * Probability that a threat engaged by one look of n shots of single-shot kill probability p
 * is called killed: P(kill)·p_ck + P(miss)·(1 − p_cm), P(kill) = 1 − (1 − p)ⁿ. (For tests and
 * analytic cross-checks.)
 */
export function pCalledKill(ka: KillAssessmentConfig, p: number, n: number): number {
  const pk = 1 - (1 - p) ** n;
  return pk * ka.p_correct_kill + (1 - pk) * (1 - ka.p_correct_miss);
}
