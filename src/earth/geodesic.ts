/**
 * Geodesics on the WGS84 ellipsoid: thin wrappers over GeographicLib (C. F. F. Karney,
 * "Algorithms for geodesics", Journal of Geodesy 87 (2013) 43–55; the geographiclib-geodesic
 * package), converting radians ⇄ degrees. Accurate to round-off (≈15 nm). Not for hot paths:
 * each call allocates GeographicLib's result object.
 */
import geodesic from 'geographiclib-geodesic';

const geod = geodesic.Geodesic.WGS84;
const OUT_INVERSE = geodesic.Geodesic.DISTANCE | geodesic.Geodesic.AZIMUTH;
const OUT_DIRECT = geodesic.Geodesic.LATITUDE | geodesic.Geodesic.LONGITUDE | geodesic.Geodesic.AZIMUTH;
const DEG = Math.PI / 180;

/**
 * Inverse problem: the shortest geodesic between (lat1, lon1) and (lat2, lon2) (rad). Returns
 * its length s (m) and the forward azimuths azi1 at the start and azi2 at the end (rad,
 * clockwise from north, in [−π, π]).
 */
export function geodesicInverse(lat1: number, lon1: number, lat2: number, lon2: number): { s: number; azi1: number; azi2: number } {
  const r = geod.Inverse(lat1 / DEG, lon1 / DEG, lat2 / DEG, lon2 / DEG, OUT_INVERSE);
  return { s: r.s12 as number, azi1: (r.azi1 as number) * DEG, azi2: (r.azi2 as number) * DEG };
}

/**
 * Direct problem: from (lat1, lon1) (rad) along azimuth azi1 (rad, clockwise from north) for s
 * metres. Returns the end point (lat in [−π/2, π/2], lon in [−π, π]) and the forward azimuth
 * there (rad).
 */
export function geodesicDirect(lat1: number, lon1: number, azi1: number, s: number): { lat: number; lon: number; azi2: number } {
  const r = geod.Direct(lat1 / DEG, lon1 / DEG, azi1 / DEG, s, OUT_DIRECT);
  return { lat: (r.lat2 as number) * DEG, lon: (r.lon2 as number) * DEG, azi2: (r.azi2 as number) * DEG };
}
