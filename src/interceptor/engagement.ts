/**
 * One threat against one battery: the launch window from the fan, the earliest good shot (its fan
 * solution refined by direct simulation, `refineShot`), and the fly-out with midcourse guidance, homing and the endgame (flyout.ts). Perfect track unless the
 * caller passes an estimated track; the seeker always sees the truth.
 */
import type { RngStream } from '../math/index.js';
import type { FlyoutFan } from './fan.js';
import { sharedFlyout, type InterceptResult, type TargetTrack } from './flyout.js';
import { planShot, refineShot, type Battery, type ShotPlan } from './intercept.js';
import type { InterceptorVehicle } from './interceptor-type.js';
import { launchWindow, type LaunchWindow, type WindowOptions } from './windows.js';

export interface EngagementInput {
  vehicle: InterceptorVehicle;
  fan: FlyoutFan;
  battery: Battery;
  /** The true threat (seeker). */
  truth: TargetTrack;
  /** The track uplinked in midcourse and used for planning (default: truth — a perfect track). */
  track?: TargetTrack;
  /** Threat flight span [tStart, tEnd], s since epoch (launch to impact). */
  tStart: number;
  tEnd: number;
  /** Seeker signature of the target (RCS m² or W/sr). */
  signature?: number;
  window?: WindowOptions;
  rng?: RngStream | null;
  record?: boolean;
  /** Refine the fan's fire solution by direct simulation (default true). */
  refine?: boolean;
}

export interface Engagement {
  window: LaunchWindow;
  /** The fire solution of the first shot (null when no shot). */
  plan: ShotPlan | null;
  /** The flown first shot (null when no shot). */
  result: InterceptResult | null;
}

/** Plans and flies the earliest good shot (module comment). */
export function engage(inp: EngagementInput): Engagement {
  const track = inp.track ?? inp.truth;
  const w = launchWindow(inp.vehicle, inp.fan, inp.battery, track, inp.tStart, inp.tEnd, inp.window);
  if (!w.feasible || !w.first) return { window: w, plan: null, result: null };
  const fanPlan = planShot(inp.fan, inp.battery, track, w.first.interceptTime);
  if (!fanPlan) return { window: w, plan: null, result: null };
  // direct-simulation refinement of the fan's solution at the battery's own site (intercept.ts)
  const plan = inp.refine === false ? fanPlan : refineShot(inp.vehicle, inp.battery, fanPlan);
  const result = sharedFlyout.flyIntercept(inp.vehicle, inp.battery.site, plan, {
    track,
    truth: inp.truth,
    targetEnd: inp.tEnd,
    signature: inp.signature,
    rng: inp.rng ?? null,
    record: inp.record ?? false,
  });
  return { window: w, plan, result };
}
