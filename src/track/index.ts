/** Public face of src/track: filters, motion and measurement models, assignment, tracker, PIP, metrics. */
export { GaussianState, wrapPi, type Filter, type MotionModel, type MeasurementModel } from './filter.js';
export { ConstantVelocityModel } from './motion-cv.js';
export { BallisticModel, type BallisticModelOptions } from './motion-ballistic.js';
export { RangeAzElModel } from './measurement-model.js';
export { ExtendedKalmanFilter } from './ekf.js';
export { UnscentedKalmanFilter, type UkfOptions } from './ukf.js';
export { LinearAssignment, assign } from './assign.js';
export { Tracker, Track, makeFilter, nisThresholdFor, type TrackerOptions, type TrackRow, type TrackKind } from './tracker.js';
export { ImpactPredictor, type ImpactPrediction, type ImpactPredictorOptions } from './impact-point.js';
export {
  logGamma,
  gammaP,
  chi2Cdf,
  chi2Quantile,
  neesBand,
  nees,
  gospa,
  ospa,
  scoreTracks,
  type GospaResult,
  type StateRow,
  type ScoreOptions,
  type ScoreResult,
} from './metrics.js';
