/**
 * Range / azimuth / elevation measurement of an ECEF state from a Site (src/earth): h(x) is
 * `ecefToAer` of the position part, H = [∂(ρ, az, el)/∂r (aerJacobian), 0] (velocity and any
 * extra state do not enter). Azimuth residuals are wrapped to (−π, π] so a target near north
 * (az ≈ 0 ≈ 2π) is not scored 2π away. R = diag(σ_ρ², σ_az², σ_el²) from the scan's 1-σ values
 * (src/sensor/measurement.ts contract). Nothing allocates.
 */
import { ecefToAer, aerJacobian, type Site } from '../earth/index.js';
import { wrapPi, type MeasurementModel } from './filter.js';

export class RangeAzElModel implements MeasurementModel {
  readonly dim = 3;
  readonly circular: readonly boolean[] = [false, true, false];
  private readonly J = new Float64Array(9);

  /** out = [range m, az rad in [0, 2π), el rad] of x's position seen from site. */
  predict(out: Float64Array, x: Float64Array, site: Site): Float64Array {
    return ecefToAer(out, x, site);
  }

  /** outH (3×n): aerJacobian in columns 0..2, zeros elsewhere. */
  jacobian(outH: Float64Array, x: Float64Array, n: number, site: Site): Float64Array {
    const J = this.J;
    aerJacobian(J, x, site);
    for (let i = 0; i < 3 * n; i++) outH[i] = 0;
    for (let i = 0; i < 3; i++) {
      outH[i * n] = J[i * 3];
      outH[i * n + 1] = J[i * 3 + 1];
      outH[i * n + 2] = J[i * 3 + 2];
    }
    return outH;
  }

  /** out = z − zhat, azimuth wrapped to (−π, π]. */
  residual(out: Float64Array, z: ArrayLike<number>, zOff: number, zhat: ArrayLike<number>): Float64Array {
    out[0] = z[zOff] - zhat[0];
    out[1] = wrapPi(z[zOff + 1] - zhat[1]);
    out[2] = z[zOff + 2] - zhat[2];
    return out;
  }
}
