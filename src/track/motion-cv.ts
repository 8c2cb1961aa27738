/**
 * Nearly-constant-velocity (CV) motion model in ECEF: the continuous white-noise acceleration
 * model of Bar-Shalom, Li & Kirubarajan, "Estimation with Applications to Tracking and
 * Navigation", Wiley 2001, §6.2.2 (eqs. 6.2.2-12 and 6.2.2-13), applied per axis:
 *
 *   F(dt) = [ I  dt·I ]        Q(dt) = q · [ dt³/3·I  dt²/2·I ]
 *           [ 0   I   ]                    [ dt²/2·I  dt·I    ]
 *
 * q is the power spectral density of the white acceleration noise (m²/s³); Bar-Shalom et al.
 * (§6.2.2) suggest q·dt ≈ the expected velocity change² over a step, i.e. √(q·dt) ~ 0.5–1 of the
 * largest acceleration × dt. It ignores gravity, which a ballistic target feels (≈ 9.8 m/s²), so
 * for ballistic targets q must absorb it (see tracker defaults). Nothing allocates.
 */
import type { MotionModel } from './filter.js';

export class ConstantVelocityModel implements MotionModel {
  readonly name = 'cv';
  readonly dim = 6;
  /** White acceleration noise spectral density, m²/s³. */
  readonly q: number;

  /** q: acceleration noise power spectral density (m²/s³), > 0. */
  constructor(q: number) {
    if (!(q >= 0) || !Number.isFinite(q)) throw new RangeError(`ConstantVelocityModel: q must be a finite number ≥ 0, got ${q}`);
    this.q = q;
  }

  /** out = F(dt)·x (position += velocity·dt). out may alias x. */
  propagate(x: Float64Array, dt: number, out: Float64Array): Float64Array {
    const vx = x[3], vy = x[4], vz = x[5];
    out[0] = x[0] + vx * dt;
    out[1] = x[1] + vy * dt;
    out[2] = x[2] + vz * dt;
    out[3] = vx;
    out[4] = vy;
    out[5] = vz;
    return out;
  }

  /** outF (6×6) = F(dt), independent of x. */
  jacobian(_x: Float64Array, dt: number, outF: Float64Array): Float64Array {
    for (let i = 0; i < 36; i++) outF[i] = 0;
    for (let i = 0; i < 6; i++) outF[i * 7] = 1;
    outF[3] = dt;
    outF[10] = dt;
    outF[17] = dt;
    return outF;
  }

  /** outQ (6×6) = Q(dt) as in the file header (|dt| used so backward steps stay positive semidefinite). */
  processNoise(_x: Float64Array, dt: number, outQ: Float64Array): Float64Array {
    const t = Math.abs(dt);
    const q = this.q;
    const a = (q * t * t * t) / 3;
    const b = (q * t * t) / 2;
    const c = q * t;
    for (let i = 0; i < 36; i++) outQ[i] = 0;
    for (let k = 0; k < 3; k++) {
      outQ[k * 6 + k] = a;
      outQ[k * 6 + k + 3] = b;
      outQ[(k + 3) * 6 + k] = b;
      outQ[(k + 3) * 6 + k + 3] = c;
    }
    return outQ;
  }

  transition(x: Float64Array, dt: number, outX: Float64Array, outF: Float64Array): void {
    this.jacobian(x, dt, outF);
    this.propagate(x, dt, outX);
  }
}
