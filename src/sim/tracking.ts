/**
 * The tracker in the replica loop: what the battle manager and the interceptors' midcourse see of
 * a track (its state propagated with the ballistic model, as a `TargetTrack` adapter), and the
 * harness-side bookkeeping of which true object a track follows (majority of the scans' `truth`
 * labels — read only here, by the simulation harness, never by the tracker or the battle manager).
 */
import { aerToEcef, ecefToEciState } from '../earth/index.js';
import type { TargetTrack } from '../interceptor/index.js';
import type { Scan } from '../sensor/index.js';
import type { MotionModel, Track } from '../track/index.js';

/**
 * Cubic Hermite interpolation in a table of states S (6 per sample, position and velocity)
 * sampled every h s from t0 (the last interval ends at t1 and may be shorter): position from the
 * Hermite basis on the sample positions and velocities, velocity from its derivative
 * (e.g. Burden & Faires, "Numerical Analysis", 9th ed., 2011, §3.4). Writes out[0..6), returns out.
 * `t` is clamped to [t0, t1].
 */
export function hermiteState(S: Float64Array, n: number, t0: number, h: number, t1: number, t: number, out: Float64Array): Float64Array {
  let u = (t - t0) / h;
  if (!(u > 0)) u = 0;
  let i = Math.floor(u);
  if (i >= n - 1) i = n - 2;
  const hh = i === n - 2 ? t1 - (t0 + i * h) : h;
  let f = hh > 0 ? (t - (t0 + i * h)) / hh : 0;
  if (f < 0) f = 0;
  if (f > 1) f = 1;
  const f2 = f * f, f3 = f2 * f;
  const h00 = 2 * f3 - 3 * f2 + 1, h10 = f3 - 2 * f2 + f, h01 = -2 * f3 + 3 * f2, h11 = f3 - f2;
  const ih = hh > 0 ? 1 / hh : 0;
  const d00 = (6 * f2 - 6 * f) * ih, d10 = 3 * f2 - 4 * f + 1, d01 = (-6 * f2 + 6 * f) * ih, d11 = 3 * f2 - 2 * f;
  const a = 6 * i, b = 6 * i + 6;
  for (let k = 0; k < 3; k++) {
    out[k] = h00 * S[a + k] + h10 * hh * S[a + 3 + k] + h01 * S[b + k] + h11 * hh * S[b + 3 + k];
    out[3 + k] = d00 * S[a + k] + d10 * S[a + 3 + k] + d01 * S[b + k] + d11 * S[b + 3 + k];
  }
  return out;
}

/**
 * A track's predicted trajectory as a `TargetTrack` (ECI, the frame of src/interceptor): the
 * track's ECEF state at `tState` propagated with a motion model (src/track `BallisticModel`: J2
 * gravity, rotating-frame terms, drag when it has the 7th state) and sampled every `step` s over
 * [tState, tEnd], read back by cubic Hermite interpolation (`hermiteState`; for a drag-free
 * coast with 1 s samples the interpolation error is far below a metre; test/sim/tracking.test.ts). Times outside
 * [tState, tEnd] are propagated directly from the nearer end. ECEF → ECI by the rotation of
 * DESIGN.md (ECI = ECEF frozen at t = 0, ω = 7.2921150e-5 rad/s).
 *
 * This is what the battle manager plans on and what midcourse uplinks carry: the track as the
 * battle manager holds it at the decision (later updates do not reach an interceptor already
 * flown — stated simplification of the replica loop).
 */
export class PredictedTrack implements TargetTrack {
  readonly t0: number;
  readonly t1: number;
  readonly step: number;
  private readonly s: Float64Array;
  private readonly n: number;
  private readonly first: Float64Array;
  private readonly last: Float64Array;
  private readonly tmp: Float64Array;
  private readonly tmp2 = new Float64Array(6);

  /**
   * `x`: the model's state (ECEF [x, y, z, vx, vy, vz] in m, m/s, then any extra states of the
   * model, e.g. the drag parameter b) at tState (s); tEnd > tState (s); step (s, default 1).
   */
  constructor(
    private readonly motion: MotionModel,
    x0: ArrayLike<number>,
    tState: number,
    tEnd: number,
    step = 1,
  ) {
    this.t0 = tState;
    this.t1 = Math.max(tEnd, tState + step);
    this.step = step;
    this.n = Math.max(2, Math.ceil((this.t1 - this.t0) / step) + 1);
    this.s = new Float64Array(6 * this.n);
    const dim = motion.dim;
    this.first = new Float64Array(dim);
    this.last = new Float64Array(dim);
    this.tmp = new Float64Array(dim);
    const x = this.tmp;
    for (let k = 0; k < dim; k++) x[k] = x0[k];
    this.first.set(x);
    let t = tState;
    for (let i = 0; i < this.n; i++) {
      const ti = Math.min(this.t1, tState + i * step);
      if (ti > t) {
        motion.propagate(x, ti - t, x);
        t = ti;
      }
      ecefToEciState(this.tmp2, x, ti);
      this.s.set(this.tmp2, 6 * i);
    }
    this.last.set(x);
  }

  /** ECI state (m, m/s) of the predicted trajectory at t (s since epoch) into out. */
  stateAt(t: number, out: Float64Array): Float64Array {
    if (t >= this.t0 && t <= this.t1) return hermiteState(this.s, this.n, this.t0, this.step, this.t1, t, out);
    const from = t < this.t0 ? this.first : this.last;
    const tf = t < this.t0 ? this.t0 : this.t1;
    this.motion.propagate(from, t - tf, this.tmp);
    return ecefToEciState(out, this.tmp, t);
  }
}

/**
 * Truth labels of tracks (harness only): after each scan, every track updated or initiated by it
 * is credited with the `truth` label of the detection nearest to its state (ECEF); a track's label
 * is the majority of its credits (ties: the label credited first). The tracker does not expose
 * its assignment, so "nearest detection" stands in for it — the same detection whenever the
 * update was gated (the updated state lies within the measurement's few-σ ellipsoid).
 */
export class TrackLabels {
  private readonly counts = new Map<Track, Map<string | null, number>>();
  private pos = new Float64Array(3 * 64);
  private readonly p3 = new Float64Array(3);

  /** Credits the tracks updated by `scan` (time scan.time) among `tracks`. */
  credit(scan: Scan, tracks: readonly Track[]): void {
    const n = scan.n;
    if (n === 0) return;
    if (this.pos.length < 3 * n) this.pos = new Float64Array(6 * n);
    const pos = this.pos;
    for (let j = 0; j < n; j++) {
      aerToEcef(this.p3, scan.z[3 * j], scan.z[3 * j + 1], scan.z[3 * j + 2], scan.site);
      pos[3 * j] = this.p3[0];
      pos[3 * j + 1] = this.p3[1];
      pos[3 * j + 2] = this.p3[2];
    }
    for (const tr of tracks) {
      if (tr.lastUpdate !== scan.time) continue;
      const x = tr.state.x;
      let best = -1, bestD = Infinity;
      for (let j = 0; j < n; j++) {
        const dx = pos[3 * j] - x[0], dy = pos[3 * j + 1] - x[1], dz = pos[3 * j + 2] - x[2];
        const d = dx * dx + dy * dy + dz * dz;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      if (best < 0) continue;
      let m = this.counts.get(tr);
      if (!m) this.counts.set(tr, (m = new Map()));
      const l = scan.truth[best];
      m.set(l, (m.get(l) ?? 0) + 1);
    }
  }

  /** The track's majority label (an object id, or null: false alarms or never credited). */
  label(tr: Track): string | null {
    const m = this.counts.get(tr);
    if (!m) return null;
    let best: string | null = null, bestN = 0;
    for (const [l, c] of m) {
      if (c > bestN) {
        best = l;
        bestN = c;
      }
    }
    return best;
  }

  /** Forgets a deleted track. */
  forget(tr: Track): void {
    this.counts.delete(tr);
  }
}
