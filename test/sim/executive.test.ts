import { describe, expect, it } from 'vitest';
import { AsFastAsPossibleClock, EventQueue, Network, PacedClock, runWithClock, type WallClock } from '../../src/sim/index.js';

const LAT = { sensor_to_tracker_s: 1, tracker_to_bmc_s: 2.5, bmc_to_battery_s: 3, battery_to_bmc_s: 4 };

/** A fake wall clock: sleeping advances it exactly, and every sleep is recorded. */
function fakeWall(start = 1000): WallClock & { slept: number[]; ms: number } {
  const w = {
    ms: start,
    slept: [] as number[],
    nowMs: () => w.ms,
    sleep: (ms: number) => {
      w.slept.push(ms);
      w.ms += ms;
      return Promise.resolve();
    },
  };
  return w;
}

function schedule(q: EventQueue<string>) {
  q.schedule(0.5, 2, 'a');
  q.schedule(2, 2, 'b');
  q.schedule(2, 1, 'c');
  q.schedule(10, 2, 'd');
}

describe('clocks', () => {
  it('as fast as possible: jumps to each time, refuses to go back', () => {
    const c = new AsFastAsPossibleClock();
    expect(c.now()).toBe(0);
    expect(c.waitUntil(12.5)).toBeUndefined();
    expect(c.now()).toBe(12.5);
    expect(() => c.waitUntil(3)).toThrow(/before/);
  });

  it('runWithClock with the fast clock dispatches exactly what queue.run does', async () => {
    const seenRun: string[] = [];
    const q1 = new EventQueue<string>();
    schedule(q1);
    q1.run(5, (e, t) => seenRun.push(`${e}@${t}`));
    const seenClock: string[] = [];
    const q2 = new EventQueue<string>();
    schedule(q2);
    const clock = new AsFastAsPossibleClock();
    const n = await runWithClock(q2, clock, 5, (e, t) => seenClock.push(`${e}@${t}`));
    expect(seenClock).toEqual(seenRun);
    expect(seenClock).toEqual(['a@0.5', 'c@2', 'b@2']);
    expect(n).toBe(3);
    expect(q2.now).toBe(5);
    expect(clock.now()).toBe(5);
    expect(q2.peek()).toBe(10);
  });

  it('paced at 2× real time: sleeps (t − t_prev)/2 s of wall time before each event', async () => {
    const wall = fakeWall();
    const clock = new PacedClock(wall, 2);
    const q = new EventQueue<string>();
    schedule(q);
    const at: number[] = [];
    await runWithClock(q, clock, Infinity, () => at.push(wall.ms));
    // events at 0.5, 2, 2, 10 s → wall 1000 + 250, 1000 + 1000 (twice), 1000 + 5000 ms
    expect(at).toEqual([1250, 2000, 2000, 6000]);
    expect(wall.slept).toEqual([250, 750, 4000]);
    expect(clock.now()).toBe(10);
  });

  it('paced clock that has fallen behind does not sleep, and never releases early', async () => {
    const wall = fakeWall(0);
    const clock = new PacedClock(wall, 1);
    wall.ms = 7000; // a slow handler took 7 s of wall time
    expect(clock.waitUntil(3)).toBeUndefined();
    expect(clock.now()).toBe(3);
    await clock.waitUntil(9);
    expect(wall.slept).toEqual([2000]);
    expect(() => new PacedClock(wall, 0)).toThrow(/speed/);
  });
});

describe('Network', () => {
  const net = new Network(LAT);
  net.addNode('tpy2', 'sensor');
  net.addNode('c2', 'tracker');
  net.addNode('bmc', 'bmc');
  net.addNode('kongo', 'battery');
  net.addNode('pac3-tokyo', 'battery');

  it('delivers each message one link latency after it is sent, per the scenario', () => {
    expect(net.send('tpy2', 'c2', 100, 'plot')).toEqual({ from: 'tpy2', to: 'c2', sendTime: 100, deliverTime: 101, payload: 'plot' });
    expect(net.send('c2', 'bmc', 101, 'track').deliverTime).toBe(103.5);
    expect(net.send('bmc', 'kongo', 103.5, 'fire').deliverTime).toBe(106.5);
    expect(net.send('kongo', 'bmc', 200, 'report').deliverTime).toBe(204);
  });

  it('a per-pair latency overrides the role default for that pair only', () => {
    const n2 = new Network(LAT);
    n2.addNode('spy1', 'sensor');
    n2.addNode('aegis-c2', 'tracker');
    n2.addNode('tpy2', 'sensor');
    n2.setLinkLatency('spy1', 'aegis-c2', 0.1);
    expect(n2.latency('spy1', 'aegis-c2')).toBe(0.1);
    expect(n2.latency('tpy2', 'aegis-c2')).toBe(1);
    expect(() => n2.setLinkLatency('spy1', 'aegis-c2', -1)).toThrow(/latency ≥ 0/);
  });

  it('links that do not exist, unknown nodes and role clashes are bugs that throw', () => {
    expect(() => net.latency('tpy2', 'kongo')).toThrow("no link from sensor 'tpy2' to battery 'kongo'");
    expect(() => net.latency('bmc', 'nobody')).toThrow("unknown node 'nobody'");
    expect(() => net.addNode('kongo', 'sensor')).toThrow("'kongo' is already a battery");
  });
});
