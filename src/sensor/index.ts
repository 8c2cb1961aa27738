/** Public face of src/sensor: radar types and sites, radars, space-based early warning, the Scan contract. */
export type { Scan } from './measurement.js';
export {
  RadarTypeSchema,
  RadarSiteSchema,
  EarlyWarningSchema,
  compileRadarType,
  SPEED_OF_LIGHT,
  type RadarType,
  type RadarTypeInput,
  type RadarSite,
  type RadarSiteInput,
  type RadarParams,
  type EarlyWarningConfig,
  type EarlyWarningInput,
} from './radar-type.js';
export {
  BOLTZMANN,
  snrAt,
  radarRange,
  referenceSnr,
  cueSolidAngle,
  inCue,
  cueFromPosition,
  platformSiteAt,
  measurementToEcef,
  Radar,
  type RadarEquationInput,
  type ObjectSet,
  type ObjectState,
  type AngularCue,
  type PlatformTrack,
  type RadarOptions,
  type DetectionTerms,
} from './radar.js';
export { swerling1Pd, swerling1RequiredSnr, thresholdSnr, sigmaAtSnr, linearToDb, dbToLinear } from './swerling.js';
export {
  compileEarlyWarning,
  timeAtAltitude,
  observeLaunch,
  launchFanCue,
  EarlyWarning,
  type TrajectoryAccess,
  type LaunchReport,
  type EarlyWarningParams,
  type FanOptions,
} from './early-warning.js';
export { simulateSensors, type SensedObject, type TruthState } from './simulate.js';
