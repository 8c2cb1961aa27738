/**
 * The executive's event queue: a binary min-heap keyed by (time, priority, sequence).
 *
 * Modelled on SimPy's `Environment` (core.py): the heap holds (time, priority, eid) and the
 * increasing event id `eid` breaks ties, so two events scheduled for the same time and
 * priority come out in the order they were scheduled (first in, first out) and a run is
 * deterministic. Verbs as in SimPy: `schedule`, `peek`, `step`, `run(until)`.
 *
 * Layout: the keys live in three parallel typed arrays (time Float64, priority Int32,
 * sequence Float64 — exact to 2^53 events) and the payloads in one plain array, all grown by
 * doubling; scheduling and popping allocate nothing beyond the event object the caller made.
 * The heap is the textbook implicit binary heap (Cormen, Leiserson, Rivest & Stein,
 * "Introduction to Algorithms", 3rd ed. 2009, §6.1–6.5): O(log n) schedule and pop.
 *
 * Times are seconds since the scenario epoch (DESIGN.md). Lower priority numbers come
 * first at equal times (SimPy: URGENT = 0 before NORMAL = 1).
 */

/** Priorities at equal times: lower first. Named levels for the executive's own use. */
export const PRIORITY = Object.freeze({
  /** Bookkeeping that must precede everything at its instant (e.g. a stop marker). */
  urgent: 0,
  /** Message deliveries: a message arriving at t is seen by events processed at t. */
  delivery: 1,
  /** Ordinary model events. */
  normal: 2,
  /** End-of-instant work (e.g. logging a summary after everything else at t). */
  late: 3,
});

/** Handler called for each event a `step` or `run` dispatches, with its time and priority. */
export type EventHandler<E> = (event: E, time: number, priority: number) => void;

const INITIAL_CAPACITY = 64;

/**
 * A deterministic discrete-event queue. `now` is the time of the last event dispatched (or
 * the last `run(until)` bound reached); scheduling before `now` is a programming error.
 */
export class EventQueue<E> {
  private times: Float64Array;
  private prios: Int32Array;
  private seqs: Float64Array;
  private events: (E | undefined)[];
  private n = 0;
  private nextSeq = 0;
  private _now: number;
  /** Priority of the event the last `pop`/`step` returned. */
  lastPriority = 0;

  /** An empty queue whose clock starts at `start` (s, default 0). */
  constructor(start = 0) {
    this.times = new Float64Array(INITIAL_CAPACITY);
    this.prios = new Int32Array(INITIAL_CAPACITY);
    this.seqs = new Float64Array(INITIAL_CAPACITY);
    this.events = new Array<E | undefined>(INITIAL_CAPACITY);
    this._now = start;
  }

  /** Simulation time of the last dispatched event, s. */
  get now(): number {
    return this._now;
  }

  /** Number of pending events. */
  get size(): number {
    return this.n;
  }

  /** Events scheduled since construction (the next sequence number). */
  get scheduled(): number {
    return this.nextSeq;
  }

  /**
   * Adds `event` at `time` (s) with `priority` (an integer; lower first at equal times).
   * Returns its sequence number. Throws (a bug in the caller) for a time that is NaN or
   * earlier than `now`, or a priority that is not a 32-bit integer.
   */
  schedule(time: number, priority: number, event: E): number {
    if (!(time >= this._now)) throw new Error(`EventQueue.schedule: time ${time} is before now (${this._now}) or not a number`);
    if ((priority | 0) !== priority) throw new Error(`EventQueue.schedule: priority ${priority} is not a 32-bit integer`);
    if (this.n === this.times.length) this.grow();
    const seq = this.nextSeq++;
    // sift up from the new leaf, moving parents down instead of swapping
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(time, priority, seq, p)) break;
      this.move(p, i);
      i = p;
    }
    this.times[i] = time;
    this.prios[i] = priority;
    this.seqs[i] = seq;
    this.events[i] = event;
    return seq;
  }

  /** Time of the next event, or Infinity when the queue is empty (SimPy's `peek`). */
  peek(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** Priority of the next event (undefined when empty). */
  peekPriority(): number | undefined {
    return this.n > 0 ? this.prios[0] : undefined;
  }

  /** The next event without removing it (undefined when empty). */
  peekEvent(): E | undefined {
    return this.n > 0 ? this.events[0] : undefined;
  }

  /**
   * Removes and returns the next event, advancing `now` to its time; undefined when empty.
   * The popped event's priority is then in `lastPriority`.
   */
  pop(): E | undefined {
    if (this.n === 0) return undefined;
    const ev = this.events[0];
    this._now = this.times[0];
    this.lastPriority = this.prios[0];
    this.removeRoot();
    return ev;
  }

  /**
   * Pops the next event and hands it to `handler` (which may schedule more). Returns false
   * when the queue was empty. A handler's exception propagates: an unhandled failure stops
   * the run with its cause, as in SimPy.
   */
  step(handler: EventHandler<E>): boolean {
    if (this.n === 0) return false;
    const t = this.times[0];
    const p = this.prios[0];
    const ev = this.pop() as E;
    handler(ev, t, p);
    return true;
  }

  /**
   * Dispatches, in order, every event with time < `until` (s), including events the handler
   * schedules meanwhile; then sets `now` to `until` if that is finite and later. As in SimPy
   * the bound is exclusive: an event at exactly `until` stays queued for a later run. Returns
   * the number of events dispatched. `run(Infinity, h)` runs until the queue is empty.
   */
  run(until: number, handler: EventHandler<E>): number {
    if (Number.isNaN(until)) throw new Error('EventQueue.run: until is NaN');
    let count = 0;
    while (this.n > 0 && this.times[0] < until) {
      const t = this.times[0];
      const p = this.prios[0];
      const ev = this.pop() as E;
      handler(ev, t, p);
      count++;
    }
    if (until !== Infinity && until > this._now) this._now = until;
    return count;
  }

  /** Drops every pending event (the clock and the sequence counter are kept). */
  clear(): void {
    for (let i = 0; i < this.n; i++) this.events[i] = undefined;
    this.n = 0;
  }

  // -------------------------------------------------------------------------------------

  /** True when key (t, p, s) orders strictly before the key at heap slot j. */
  private less(t: number, p: number, s: number, j: number): boolean {
    return keyLess(t, p, s, this.times[j], this.prios[j], this.seqs[j]);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.prios[to] = this.prios[from];
    this.seqs[to] = this.seqs[from];
    this.events[to] = this.events[from];
  }

  private removeRoot(): void {
    const last = --this.n;
    if (last === 0) {
      this.events[0] = undefined;
      return;
    }
    const t = this.times[last];
    const p = this.prios[last];
    const s = this.seqs[last];
    const e = this.events[last];
    this.events[last] = undefined;
    // sift the former last element down from the root
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const c = r < last && this.lessSlots(r, l) ? r : l;
      if (!keyLess(this.times[c], this.prios[c], this.seqs[c], t, p, s)) break;
      this.move(c, i);
      i = c;
    }
    this.times[i] = t;
    this.prios[i] = p;
    this.seqs[i] = s;
    this.events[i] = e;
  }

  private lessSlots(a: number, b: number): boolean {
    return this.less(this.times[a], this.prios[a], this.seqs[a], b);
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap);
    t.set(this.times);
    const p = new Int32Array(cap);
    p.set(this.prios);
    const s = new Float64Array(cap);
    s.set(this.seqs);
    this.times = t;
    this.prios = p;
    this.seqs = s;
    this.events.length = cap;
  }
}

/** Lexicographic order of (time, priority, sequence) keys: true when a < b. */
function keyLess(ta: number, pa: number, sa: number, tb: number, pb: number, sb: number): boolean {
  if (ta !== tb) return ta < tb;
  if (pa !== pb) return pa < pb;
  return sa < sb;
}
