/** Public face of src/earth: WGS84, geodetic/ECEF/ECI/ENU/AER conversions, gravity, horizon, geodesics. */
export { WGS84, R_MEAN } from './wgs84.js';
export { geodeticToEcef, geodeticToEcefAt, ecefToGeodetic, ecefToGeodeticAt, geodeticAltitude, radialHeight } from './geodetic.js';
export {
  eciToEcefPos,
  ecefToEciPos,
  eciToEcefState,
  ecefToEciState,
  eciToEcefStateAt,
  ecefToEciStateAt,
} from './frames.js';
export type { Site } from './local.js';
export { createSite, ecefToEnu, enuToEcef, ecefVecToEnu, enuVecToEcef, ecefToAer, aerToEcef, aerJacobian } from './local.js';
export { gravityPointMass, gravityJ2, gravityJ2Jacobian, potentialJ2 } from './gravity.js';
export { lineOfSight } from './horizon.js';
export { geodesicInverse, geodesicDirect } from './geodesic.js';
export { tiltedVertical } from './pointing.js';
