/**
 * The executive's other parts: the clock a run is paced by, and the network messages travel
 * on with stated latencies.
 *
 * Clock (SimPy's `Environment` vs `RealtimeEnvironment`, core.py / rt.py): a campaign runs
 * as fast as possible — the clock jumps to each event's time; the browser will pace the same
 * event sequence against the wall clock. Both dispatch the same events in the same order,
 * so a paced run logs exactly what an unpaced one does.
 *
 * Network: every message between the nodes of the defense (sensor → tracker → battle
 * manager → battery, and battery reports back) is delivered `latency(from, to)` seconds after
 * it is sent, the latency of its link given by the scenario's `communications:` section.
 */
import type { Communications } from '../scenario/index.js';
import type { EventHandler, EventQueue } from './queue.js';

// ---------------------------------------------------------------------------------------
// Clocks
// ---------------------------------------------------------------------------------------

/** The pace of a run. Times are simulation seconds since the scenario epoch. */
export interface Clock {
  /** The simulation time the clock has reached, s. */
  now(): number;
  /**
   * Returns when simulation time `t` (≥ now) may be processed: immediately (`undefined`) for
   * an as-fast-as-possible clock, a Promise that resolves at the right wall time otherwise.
   */
  waitUntil(t: number): void | Promise<void>;
}

/** The campaign clock: jumps to each time at once. */
export class AsFastAsPossibleClock implements Clock {
  private t: number;
  constructor(start = 0) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  /** Sets the time to `t`; throws (a bug in the caller) if `t` is earlier than now or NaN. */
  waitUntil(t: number): void {
    if (!(t >= this.t)) throw new Error(`AsFastAsPossibleClock.waitUntil: ${t} is before ${this.t} or not a number`);
    this.t = t;
  }
}

/** Wall-clock access for `PacedClock`, injected so the core stays browser-neutral and testable. */
export interface WallClock {
  /** Milliseconds on a monotonic clock (performance.now() in a browser). */
  nowMs(): number;
  /** Resolves after `ms` milliseconds (a setTimeout wrapper). */
  sleep(ms: number): Promise<void>;
}

/**
 * Real time scaled by `speed` (2 = twice real time): simulation time `t` is released at wall
 * time wall0 + (t − start)/speed, where wall0 is the wall time at construction. If the run
 * falls behind (a slow handler) it does not sleep; it never releases a time early.
 */
export class PacedClock implements Clock {
  private t: number;
  private readonly wall0: number;
  constructor(
    private readonly wall: WallClock,
    private readonly speed = 1,
    private readonly start = 0,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`PacedClock: speed ${speed} is not a finite number > 0`);
    this.t = start;
    this.wall0 = wall.nowMs();
  }
  now(): number {
    return this.t;
  }
  waitUntil(t: number): void | Promise<void> {
    if (!(t >= this.t)) throw new Error(`PacedClock.waitUntil: ${t} is before ${this.t} or not a number`);
    const due = this.wall0 + ((t - this.start) / this.speed) * 1000;
    const delay = due - this.wall.nowMs();
    if (delay <= 0) {
      this.t = t;
      return;
    }
    return this.wall.sleep(delay).then(() => {
      this.t = t;
    });
  }
}

/**
 * `queue.run(until, handler)` paced by `clock`: before each event the clock is asked to reach
 * its time. With an as-fast-as-possible clock this dispatches exactly the events `run` does,
 * in the same order. Resolves to the number of events dispatched.
 */
export async function runWithClock<E>(queue: EventQueue<E>, clock: Clock, until: number, handler: EventHandler<E>): Promise<number> {
  let count = 0;
  while (queue.size > 0 && queue.peek() < until) {
    const w = clock.waitUntil(queue.peek());
    if (w) await w;
    queue.step(handler);
    count++;
  }
  if (until !== Infinity) {
    const w = until > clock.now() ? clock.waitUntil(until) : undefined;
    if (w) await w;
    queue.run(until, handler); // advances queue.now to `until` (nothing left before it)
  }
  return count;
}

// ---------------------------------------------------------------------------------------
// Messages and the network
// ---------------------------------------------------------------------------------------

/** The role of a node on the defense network. */
export type NodeRole = 'sensor' | 'tracker' | 'bmc' | 'battery';

/** A message in flight: sent at `sendTime`, seen by its receiver at `deliverTime` (s). */
export interface Message<P = unknown> {
  from: string;
  to: string;
  sendTime: number;
  deliverTime: number;
  payload: P;
}

/** Latency of each kind of link, s (the validated `communications:` section). */
export type LinkLatencies = Communications;

/**
 * The defense's network: nodes by id and role, a latency per pair of roles from the scenario,
 * and optional latencies for particular pairs of nodes (e.g. a ship whose radar and launcher
 * share one combat system). Links not in the scenario's list (a sensor straight to a battery)
 * do not exist: sending on them is a bug in the caller and throws.
 */
export class Network {
  private readonly roles = new Map<string, NodeRole>();
  private readonly pairs = new Map<string, number>();
  private readonly byRole: Record<string, number>;

  constructor(latencies: LinkLatencies) {
    this.byRole = {
      'sensor>tracker': latencies.sensor_to_tracker_s,
      'tracker>bmc': latencies.tracker_to_bmc_s,
      'bmc>battery': latencies.bmc_to_battery_s,
      'battery>bmc': latencies.battery_to_bmc_s,
    };
  }

  /** Adds a node. Throws if the id is already registered with another role. */
  addNode(id: string, role: NodeRole): void {
    const prev = this.roles.get(id);
    if (prev !== undefined && prev !== role) throw new Error(`Network.addNode: '${id}' is already a ${prev}`);
    this.roles.set(id, role);
  }

  /** The role of a node (throws for an unknown id). */
  roleOf(id: string): NodeRole {
    const r = this.roles.get(id);
    if (r === undefined) throw new Error(`Network: unknown node '${id}'`);
    return r;
  }

  /** Sets the latency (s, ≥ 0) of the link from one node to another, overriding the role default. */
  setLinkLatency(from: string, to: string, seconds: number): void {
    this.roleOf(from);
    this.roleOf(to);
    if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new Error(`Network.setLinkLatency: ${seconds} is not a latency ≥ 0 s`);
    this.pairs.set(`${from}\u0000${to}`, seconds);
  }

  /** Latency from node `from` to node `to`, s. Throws when no such link exists. */
  latency(from: string, to: string): number {
    const pair = this.pairs.get(`${from}\u0000${to}`);
    if (pair !== undefined) return pair;
    const key = `${this.roleOf(from)}>${this.roleOf(to)}`;
    const l = this.byRole[key];
    if (l === undefined) throw new Error(`Network: no link from ${this.roleOf(from)} '${from}' to ${this.roleOf(to)} '${to}'`);
    return l;
  }

  /** A message from `from` to `to` sent at `sendTime` (s), delivered one link latency later. */
  send<P>(from: string, to: string, sendTime: number, payload: P): Message<P> {
    return { from, to, sendTime, deliverTime: sendTime + this.latency(from, to), payload };
  }
}
