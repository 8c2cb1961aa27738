/**
 * A flown trajectory: time-tagged ECI states with phase events, and the state at any time.
 *
 * Stored as segments: stretches of integration steps (position, velocity and the acceleration
  * just after and just before each step point, so interpolation is quintic Hermite in position
 * (quintic Hermite: O(h⁶) in position), respecting the jumps of thrust at staging), and Kepler coasts (one state;
 * any time is an exact propagation, O(1)).
 */
import { eciToEcefStateAt } from '../earth/index.js';
import { keplerPropagate, type Deriv } from '../math/index.js';
import { WGS84 } from '../earth/index.js';

export type ObjectKind = 'missile' | 'rv' | 'booster';

export interface TrajectoryEvent {
  /** launch, pitch-over, stage-N-burnout, stage-N-ignition, burnout, separation, exo-atmospheric, apogee, reentry, impact */
  name: string;
  /** s since the scenario epoch */
  t: number;
}

interface StepSegment {
  kind: 'steps';
  t0: number;
  t1: number;
  /** index of the first sample in the sample arrays */
  i0: number;
  /** index of the last sample */
  i1: number;
}
interface CoastSegment {
  kind: 'coast';
  t0: number;
  t1: number;
  state: Float64Array;
}
type Segment = StepSegment | CoastSegment;

const scratchAcc = new Float64Array(6);
const scratchEci = new Float64Array(6);

export class TrajectoryBuilder {
  private t: number[] = [];
  private y: number[] = [];
  /** acceleration just after (a+) and just before (a−) each sample: 6 numbers per sample */
  private acc: number[] = [];
  private segments: Segment[] = [];
  private events: TrajectoryEvent[] = [];
  private broken = false;
  constructor(readonly kind: ObjectKind) {}

  /** The next sample starts a new step segment (a velocity jump, e.g. a separation impulse). */
  breakSegment(): void {
    this.broken = true;
  }

  /**
   * Adds an integration point; consecutive points form one step segment. `f` is the derivative
   * of the phase that ends (or begins) here; a second call at the same instant (the start of
   * the next phase) refreshes the right-limit acceleration, so a thrust jump is kept.
   */
  sample(t: number, y: Float64Array, f: Deriv): void {
    const n = this.t.length;
    if (n > 0 && this.t[n - 1] === t && !this.broken) {
      // same instant (a phase boundary): keep the first, refresh its right-limit acceleration
      f(t, y, scratchAcc);
      this.acc[6 * (n - 1)] = scratchAcc[3];
      this.acc[6 * (n - 1) + 1] = scratchAcc[4];
      this.acc[6 * (n - 1) + 2] = scratchAcc[5];
      return;
    }
    this.t.push(t);
    for (let i = 0; i < 6; i++) this.y.push(y[i]);
    f(t, y, scratchAcc);
    this.acc.push(scratchAcc[3], scratchAcc[4], scratchAcc[5], scratchAcc[3], scratchAcc[4], scratchAcc[5]);
    const last = this.segments[this.segments.length - 1];
    if (!this.broken && last && last.kind === 'steps' && last.i1 === n - 1 && last.t1 <= t) {
      last.i1 = n;
      last.t1 = t;
    } else {
      this.segments.push({ kind: 'steps', t0: t, t1: t, i0: n, i1: n });
    }
    this.broken = false;
  }

  /** Adds a Kepler coast from (t0, state) to t1. */
  coast(t0: number, state: ArrayLike<number>, t1: number): void {
    this.segments.push({ kind: 'coast', t0, t1, state: Float64Array.from(state as ArrayLike<number>) });
  }

  event(name: string, t: number): void {
    this.events.push({ name, t });
  }

  /** A copy of what has been built so far, under another kind (the spent stage at separation). */
  fork(kind: ObjectKind): TrajectoryBuilder {
    const b = new TrajectoryBuilder(kind);
    b.t = [...this.t];
    b.y = [...this.y];
    b.acc = [...this.acc];
    b.segments = this.segments.map((s) => ({ ...s }));
    b.events = this.events.map((e) => ({ ...e }));
    b.broken = this.broken;
    return b;
  }

  build(): Trajectory {
    const events = [...this.events].sort((a, b) => a.t - b.t);
    return new Trajectory(
      this.kind,
      Float64Array.from(this.t),
      Float64Array.from(this.y),
      Float64Array.from(this.acc),
      this.segments.filter((s) => s.t1 > s.t0 || s.kind === 'coast'),
      events,
    );
  }
}

export class Trajectory {
  readonly t0: number;
  readonly t1: number;
  constructor(
    readonly kind: ObjectKind,
    /** times of the stored integration points, s */
    readonly times: Float64Array,
    /** ECI states of the stored points, 6 per point */
    readonly states: Float64Array,
    private readonly acc: Float64Array,
    private readonly segments: readonly Segment[],
    readonly events: readonly TrajectoryEvent[],
  ) {
    this.t0 = segments.length ? segments[0].t0 : times[0];
    this.t1 = segments.length ? segments[segments.length - 1].t1 : times[times.length - 1];
    Object.freeze(this);
  }

  /** Time of the first event with this name, or NaN. */
  eventTime(name: string): number {
    for (const e of this.events) if (e.name === name) return e.t;
    return NaN;
  }

  /**
   * State at time t (s since epoch), in ECI or ECEF, into out (length ≥ 6). Clamped to
   * [t0, t1]. Stored steps: quintic Hermite; coasts: Kepler propagation (exact for the model).
   */
  stateAt(t: number, out: Float64Array, frame: 'eci' | 'ecef' = 'eci'): Float64Array {
    if (t < this.t0) t = this.t0;
    if (t > this.t1) t = this.t1;
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid].t0 <= t) lo = mid;
      else hi = mid - 1;
    }
    const s = segs[lo];
    const target = frame === 'eci' ? out : scratchEci;
    if (s.kind === 'coast') {
      keplerPropagate(target, s.state, t - s.t0, WGS84.GM);
    } else {
      this.interpolate(s, t, target);
    }
    if (frame === 'ecef') eciToEcefStateAt(out, 0, scratchEci, 0, t);
    return out;
  }

  private interpolate(s: StepSegment, t: number, out: Float64Array): void {
    const T = this.times;
    let i = s.i0;
    let j = s.i1;
    if (i === j) {
      for (let k = 0; k < 6; k++) out[k] = this.states[6 * i + k];
      return;
    }
    while (j - i > 1) {
      const m = (i + j) >> 1;
      if (T[m] <= t) i = m;
      else j = m;
    }
    const h = T[j] - T[i];
    const u = (t - T[i]) / h;
    // quintic Hermite on (position, velocity, acceleration) at both ends: O(h⁶) in position,
    // O(h⁵) in velocity (its derivative); a+ at the left end, a− at the right end
    const u2 = u * u, u3 = u2 * u, u4 = u3 * u, u5 = u4 * u;
    const H0 = 1 - 10 * u3 + 15 * u4 - 6 * u5;
    const H1 = u - 6 * u3 + 8 * u4 - 3 * u5;
    const H2 = 0.5 * u2 - 1.5 * u3 + 1.5 * u4 - 0.5 * u5;
    const H3 = 0.5 * u3 - u4 + 0.5 * u5;
    const H4 = -4 * u3 + 7 * u4 - 3 * u5;
    const H5 = 10 * u3 - 15 * u4 + 6 * u5;
    const D0 = -30 * u2 + 60 * u3 - 30 * u4;
    const D1 = 1 - 18 * u2 + 32 * u3 - 15 * u4;
    const D2 = u - 4.5 * u2 + 6 * u3 - 2.5 * u4;
    const D3 = 1.5 * u2 - 4 * u3 + 2.5 * u4;
    const D4 = -12 * u2 + 28 * u3 - 15 * u4;
    const D5 = 30 * u2 - 60 * u3 + 30 * u4;
    const Y = this.states, A = this.acc;
    const a = 6 * i, b = 6 * j;
    const hh = h * h;
    for (let k = 0; k < 3; k++) {
      const p0 = Y[a + k], v0 = Y[a + 3 + k], a0 = A[a + k];
      const p1 = Y[b + k], v1 = Y[b + 3 + k], a1 = A[b + 3 + k];
      out[k] = H0 * p0 + H1 * h * v0 + H2 * hh * a0 + H3 * hh * a1 + H4 * h * v1 + H5 * p1;
      out[3 + k] = (D0 * p0 + D1 * h * v0 + D2 * hh * a0 + D3 * hh * a1 + D4 * h * v1 + D5 * p1) / h;
    }
  }

  /**
   * Points for output (CZML, GeoJSON, truth files): every stored step plus coast points every
   * `dtCoast` seconds and the segment ends. Returns times and packed ECI and ECEF states.
   */
  samples(dtCoast = 10): { t: Float64Array; eci: Float64Array; ecef: Float64Array } {
    const ts: number[] = [];
    for (const s of this.segments) {
      if (s.kind === 'steps') {
        for (let i = s.i0; i <= s.i1; i++) ts.push(this.times[i]);
      } else {
        const n = Math.max(1, Math.ceil((s.t1 - s.t0) / dtCoast));
        for (let k = 0; k <= n; k++) ts.push(s.t0 + ((s.t1 - s.t0) * k) / n);
      }
    }
    const uniq = [...new Set(ts)].sort((a, b) => a - b);
    return this.sampleAt(Float64Array.from(uniq));
  }

  /** States at the given times (packed ECI and ECEF). */
  sampleAt(t: Float64Array): { t: Float64Array; eci: Float64Array; ecef: Float64Array } {
    const n = t.length;
    const eci = new Float64Array(6 * n);
    const ecef = new Float64Array(6 * n);
    const tmp = new Float64Array(6);
    for (let i = 0; i < n; i++) {
      this.stateAt(t[i], tmp, 'eci');
      eci.set(tmp, 6 * i);
      eciToEcefStateAt(ecef, 6 * i, tmp, 0, t[i]);
    }
    return { t, eci, ecef };
  }
}
