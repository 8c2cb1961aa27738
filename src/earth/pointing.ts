/**
 * A direction tilted from the local geodetic vertical towards an azimuth — the thrust direction
 * of a vertical rise (tilt 0) and of a programmed pitch-over, for missiles and interceptors alike.
 */
import { ecefToGeodetic } from './geodetic.js';

const scratchGeo = new Float64Array(3);

/**
 * Unit vector at position r (ECEF, or ECI: the ellipsoid is symmetric about z) tilted by `tilt`
 * (rad) from the geodetic up direction towards azimuth `az` (rad clockwise from north), given as
 * sin/cos of the azimuth: u = cos(tilt)·up + sin(tilt)·(sin az·east + cos az·north). Into out.
 */
export function tiltedVertical(out: Float64Array, r: ArrayLike<number>, sinAz: number, cosAz: number, tilt: number): Float64Array {
  ecefToGeodetic(scratchGeo, r);
  const sl = Math.sin(scratchGeo[0]), cl = Math.cos(scratchGeo[0]);
  const so = Math.sin(scratchGeo[1]), co = Math.cos(scratchGeo[1]);
  const st = Math.sin(tilt), ct = Math.cos(tilt);
  const hx = -sinAz * so - cosAz * sl * co;
  const hy = sinAz * co - cosAz * sl * so;
  const hz = cosAz * cl;
  out[0] = ct * cl * co + st * hx;
  out[1] = ct * cl * so + st * hy;
  out[2] = ct * sl + st * hz;
  return out;
}
