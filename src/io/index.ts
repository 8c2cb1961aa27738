/** Writers for viewers and GIS: CZML (Cesium) and GeoJSON (RFC 7946). Pure functions, no I/O. */
export { toCzml, isoAddSeconds, isoInterval, isoDiffSeconds, isoToMs, KIND_COLORS, type PathForOutput, type CzmlOptions } from './czml.js';
export {
  toGeoJson,
  splitAtAntimeridian,
  type FeatureCollection,
  type Feature,
  type PointGeometry,
  type LineStringGeometry,
  type MultiLineStringGeometry,
  type Position,
  type GeoJsonOptions,
} from './geojson.js';
export { trajectoryToPath } from './paths.js';
export {
  readMeasurementsCsv,
  writeMeasurementsCsv,
  readTruthCsv,
  writeTruthCsv,
  readTracksCsv,
  writeTracksCsv,
  MEASUREMENT_HEADER,
  TRUTH_HEADER,
  TRACK_HEADER,
  type TruthRow,
  type TrackRow,
} from './measurements.js';
