/** Public face of src/interceptor/: types, fly-out, guidance, endgame, lethality, PIP, launch windows, fans, the guidance lab. */
export {
  InterceptorTypeSchema,
  InterceptorVehicle,
  MachTable,
  interceptorFromEntry,
  type InterceptorType,
  type InterceptorTypeInput,
  type InterceptorStage,
} from './interceptor-type.js';
export {
  FlyoutSim,
  sharedFlyout,
  BOOST_STEP_S,
  COAST_STEP_S,
  MIDCOURSE_NAV_RATIO,
  type TargetTrack,
  type LaunchSite,
  type FlyoutCommand,
  type InterceptOptions,
  type InterceptOutcome,
  type InterceptResult,
  type InterceptorTrajectory,
  type FlyoutSink,
} from './flyout.js';
export { radialHeight, batteryFrame, groundRange, type BatteryFrame } from './geometry.js';
export { killProbability, drawKill, lethalityOf, type LethalityParams } from './lethality.js';
export { FlyoutFan, buildFan, directFlyout, FAN_SITE, type FanOptions, type DirectPoint } from './fan.js';
export { createBattery, planShot, refineShot, pipForLaunch, threatEcef, tofTo, type Battery, type ShotPlan } from './intercept.js';
export {
  launchWindow,
  checkIntercept,
  CHECK_OK,
  CHECK_BELOW,
  CHECK_ABOVE,
  CHECK_RANGE,
  CHECK_FAN,
  CHECK_TOF,
  CHECK_LATE,
  type WindowOptions,
  type LaunchWindow,
  type Shot,
} from './windows.js';
export { engage, type EngagementInput, type Engagement } from './engagement.js';
export { pnAccel, apnAccel, zemAccel, limitLateral, closingSpeed, losRate } from './guidance.js';
export { closestApproach, type ClosestApproach } from './endgame.js';
export {
  runGuidanceLab,
  adjointMiss,
  defaultLabStep,
  type LabInput,
  type LabOptions,
  type LabHistory,
  type LabResult,
  type AdjointOptions,
  type AdjointResult,
} from './guidance-lab.js';
