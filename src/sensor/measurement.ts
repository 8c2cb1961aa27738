/**
 * The measurement contract shared by sensor/ (which produces scans) and track/ (which consumes them).
 *
 * Units: SI and radians. Range is slant range from the sensor site in metres; azimuth is clockwise
 * from north in [0, 2π); elevation is above the geodetic horizontal of the site (WGS84).
 */
import type { Site } from '../earth/local.js'; // { lat, lon, h, ecef: Float64Array, rot: Float64Array(9) }

export type { Site };

/** One scan (or one report batch) of one sensor at one time: n detections, packed. */
export interface Scan {
  /** s since scenario epoch */
  time: number;
  /** sensor id */
  sensor: string;
  /** sensor position at `time` (a moving ship gives a new Site per scan) */
  site: Site;
  /** number of detections */
  n: number;
  /** 3n: range m, azimuth rad (clockwise from north, [0,2π)), elevation rad (above geodetic horizontal) */
  z: Float64Array;
  /** 3n: 1-σ of range m, azimuth rad, elevation rad */
  sigma: Float64Array;
  /** n: object id, or null for a false alarm — NEVER read by the tracker, only by the scorer */
  truth: (string | null)[];
  /**
   * Optional coverage predicate of this scan: true when an ECEF point (m) lies in the sensor's
   * geometric coverage from `site` at `time` (range, field of view, horizon), whatever its SNR.
   * The tracker counts a missed detection against a track only where it is covered. Absent (e.g.
   * scans read from a CSV file) means unknown.
   */
  covers?: (ecef: ArrayLike<number>) => boolean;
}
