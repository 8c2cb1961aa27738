/** Ballistic missiles: types, 3-DOF flight, aim-point solving, trajectories, ideal relations. */
export { MissileTypeSchema, SourceSchema, type MissileType, type MissileTypeInput } from './missile-type.js';
export { Vehicle, CdTable, G0, P0, type CompiledStage } from './vehicle.js';
export {
  flyMissile,
  relativeSpeedAndGamma,
  radialAltitude,
  setStepSizes,
  BOOST_STEP_S,
  ATMOSPHERIC_STEP_S,
  type Steering,
  type Launch,
  type FlightResult,
  type FlightSummary,
} from './flight.js';
export { ATMOSPHERE_EDGE_M, timeToAltitudeDescending, timeToApoapsis, timeToRadiusDescending } from './coast.js';
export { Trajectory, TrajectoryBuilder, type TrajectoryEvent, type ObjectKind } from './trajectory.js';
export { aimMissile, maxRangeFor, maxRangeKick, AIM_TOLERANCE_M, type Shape, type Target, type AimResult } from './aim.js';
export { minimumEnergy, forAngle, maxAngleForRange, IDEAL_EARTH, type IdealBallistic, type IdealBody } from './ideal-ballistic.js';
export { vehicleFromEntry } from './from-catalog.js';
