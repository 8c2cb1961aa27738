/**
 * A fire unit's interceptor inventory: rounds, launchers, reloads, fire channels and salvo limits
 * — exactly what the scenario's battery entry states (src/scenario/schema.ts `BatterySchema`).
 *
 * Model (notional; a deliberate simplification of real fire-unit logistics):
 *  - `inventory` rounds at t = 0. Without `launchers` every remaining round is ready to fire at
 *    any time (a ship's vertical launch cells, or a battery whose reloads are not modelled).
 *  - With `launchers` L: each holds up to `rounds_per_launcher` c ready rounds (absent: the
 *    inventory shared out, c = ⌈inventory / L⌉). At t = 0 the launchers are filled in index
 *    order; what is left is the magazine. Rounds are fired from the lowest-index loaded launcher.
 *    When a launcher is emptied and the magazine is not, its reload starts at the launch time of
 *    its last round and after `reload_s` it holds min(c, magazine) rounds again (taken from the
 *    magazine when the reload starts). Without `reload_s` there are no reloads: magazine rounds
 *    are never fired.
 *  - `salvo_interval_s` Δ: the least time between two launches from the unit; a salvo of k
 *    launches at t, t + Δ, …, t + (k − 1)Δ.
 *  - `max_salvo`: the most rounds the unit fires at one threat in one engagement.
 *  - `fire_channels`: the most threats the unit engages at once (a threat holds a channel from
 *    the fire order until the caller releases it, typically at the last intercept).
 *
 * The state changes only through `fire`, `engage`, `release` and `advance`, whose times must not
 * decrease; nothing is allocated after construction.
 */

/** A battery entry as the scenario gives it (structurally the scenario's `Battery`). */
export interface BatteryConfig {
  id: string;
  layer: 'upper' | 'lower';
  inventory: number;
  launchers?: number;
  rounds_per_launcher?: number;
  reload_s?: number;
  max_salvo?: number;
  salvo_interval_s?: number;
  fire_channels?: number;
}

export class BatteryInventory {
  readonly id: string;
  readonly layer: 'upper' | 'lower';
  /** Launchers (0: not modelled — every remaining round is ready). */
  readonly launchers: number;
  /** Ready rounds a launcher holds. */
  readonly capacity: number;
  /** Reload time, s (Infinity: no reloads). */
  readonly reloadTime: number;
  /** Least time between launches, s. */
  readonly salvoInterval: number;
  /** Most rounds at one threat in one engagement (Infinity: no limit). */
  readonly maxSalvo: number;
  /** Most threats engaged at once (Infinity: no limit). */
  readonly fireChannels: number;

  /** Rounds not yet fired (on launchers, being reloaded, or in the magazine). */
  remaining: number;
  /** Rounds fired so far. */
  fired = 0;
  /** Time of the latest launch (−Infinity: none). */
  lastLaunch = -Infinity;
  private magazine: number;
  private readonly loaded: Int32Array;
  private readonly pending: Int32Array; // rounds arriving with a reload in progress
  private readonly reloadDone: Float64Array; // completion time of that reload (Infinity: none)
  private readonly engaged: Int32Array; // threat keys holding a channel (−1: free)
  private nEngaged = 0;
  private clock = -Infinity;

  constructor(cfg: BatteryConfig) {
    this.id = cfg.id;
    this.layer = cfg.layer;
    this.launchers = cfg.launchers ?? 0;
    this.capacity = this.launchers > 0 ? (cfg.rounds_per_launcher ?? Math.max(1, Math.ceil(cfg.inventory / this.launchers))) : 0;
    this.reloadTime = cfg.reload_s ?? Infinity;
    this.salvoInterval = cfg.salvo_interval_s ?? 0;
    this.maxSalvo = cfg.max_salvo ?? Infinity;
    this.fireChannels = cfg.fire_channels ?? Infinity;
    this.remaining = cfg.inventory;
    this.loaded = new Int32Array(this.launchers);
    this.pending = new Int32Array(this.launchers);
    this.reloadDone = new Float64Array(this.launchers).fill(Infinity);
    let left = cfg.inventory;
    for (let l = 0; l < this.launchers; l++) {
      const n = Math.min(this.capacity, left);
      this.loaded[l] = n;
      left -= n;
    }
    this.magazine = this.launchers > 0 ? left : 0;
    this.engaged = new Int32Array(Number.isFinite(this.fireChannels) ? this.fireChannels : 0).fill(-1);
  }

  /** Completes the reloads due by t (s). Times must not decrease between state changes. */
  advance(t: number): void {
    if (t > this.clock) this.clock = t;
    for (let l = 0; l < this.launchers; l++) {
      if (this.reloadDone[l] <= t) {
        this.loaded[l] += this.pending[l];
        this.pending[l] = 0;
        this.reloadDone[l] = Infinity;
      }
    }
  }

  /** Rounds ready to fire at t (after the reloads due by t): loaded rounds, or all remaining without launchers. */
  ready(t: number): number {
    this.advance(t);
    if (this.launchers === 0) return this.remaining;
    let n = 0;
    for (let l = 0; l < this.launchers; l++) n += this.loaded[l];
    return n;
  }

  /**
   * Rounds that may be fired at t at one threat: ready rounds, less the `reserve` held back (the
   * reserve counts against all remaining rounds, so it is what stays after firing), capped by
   * `maxSalvo`. Never negative.
   */
  available(t: number, reserve = 0): number {
    const r = Math.min(this.ready(t), this.remaining - reserve, this.maxSalvo);
    return r > 0 ? r : 0;
  }

  /** Earliest launch time ≥ t the salvo interval allows. */
  earliestLaunch(t: number): number {
    const e = this.lastLaunch + this.salvoInterval;
    return e > t ? e : t;
  }

  /** Time the next reload in progress completes (Infinity: none): a moment to decide again. */
  nextReload(): number {
    let t = Infinity;
    for (let l = 0; l < this.launchers; l++) if (this.reloadDone[l] < t) t = this.reloadDone[l];
    return t;
  }

  /**
   * Fires n rounds: the first at `launchTime` (raised to `earliestLaunch`), the next ones a salvo
   * interval apart; writes the launch times to outTimes[0..) when given. Fires fewer when fewer
   * are ready at `now` (the time the order is accepted, ≤ launchTime). Returns the number fired.
   */
  fire(now: number, n: number, launchTime: number, outTimes?: Float64Array): number {
    this.advance(now);
    let t = this.earliestLaunch(launchTime);
    let done = 0;
    while (done < n && this.remaining > 0) {
      if (this.launchers > 0) {
        let l = 0;
        while (l < this.launchers && this.loaded[l] === 0) l++;
        if (l === this.launchers) break;
        this.loaded[l]--;
        if (this.loaded[l] === 0 && this.magazine > 0 && Number.isFinite(this.reloadTime) && this.reloadDone[l] === Infinity) {
          const k = Math.min(this.capacity, this.magazine);
          this.magazine -= k;
          this.pending[l] = k;
          this.reloadDone[l] = t + this.reloadTime;
        }
      }
      this.remaining--;
      this.fired++;
      if (outTimes) outTimes[done] = t;
      this.lastLaunch = t;
      done++;
      t += this.salvoInterval;
    }
    return done;
  }

  /** True when the unit has a fire channel for this threat (already engaging it, or one free). */
  hasChannel(threatKey: number): boolean {
    return !Number.isFinite(this.fireChannels) || this.nEngaged < this.fireChannels || this.isEngaging(threatKey);
  }

  /** True when the threat holds one of the unit's channels. */
  isEngaging(threatKey: number): boolean {
    for (let i = 0; i < this.engaged.length; i++) if (this.engaged[i] === threatKey) return true;
    return false;
  }

  /** Takes a fire channel for the threat; false when none is free. Idempotent. */
  engage(threatKey: number): boolean {
    if (!Number.isFinite(this.fireChannels) || this.isEngaging(threatKey)) return true;
    for (let i = 0; i < this.engaged.length; i++) {
      if (this.engaged[i] === -1) {
        this.engaged[i] = threatKey;
        this.nEngaged++;
        return true;
      }
    }
    return false;
  }

  /** Frees the threat's channel (no-op when it holds none). */
  release(threatKey: number): void {
    for (let i = 0; i < this.engaged.length; i++) {
      if (this.engaged[i] === threatKey) {
        this.engaged[i] = -1;
        this.nEngaged--;
      }
    }
  }

  /** Threats engaged now. */
  get channelsInUse(): number {
    return this.nEngaged;
  }

  /** Rounds in the magazine (not on a launcher, not in a reload in progress). */
  get magazineRounds(): number {
    return this.magazine;
  }
}
