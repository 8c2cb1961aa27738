/**
 * A tiny stand-in replica for the executive's tests (Stone Soup style: small parts, maths
 * checkable by hand): threats launch at seeded times, a sensor detects each after a seeded
 * delay, messages cross the network with the scenario's latencies, a battery fires shots
 * with a fixed kill probability under shoot-look-shoot, and unkilled threats impact. It
 * exercises the queue, the network and the log together; it is not the real replica loop.
 */
import { rngStream } from '../../src/math/index.js';
import { EventLog, EventQueue, Network, PRIORITY, type Message } from '../../src/sim/index.js';

type Task =
  | { kind: 'launch'; threat: string }
  | { kind: 'detect'; threat: string }
  | { kind: 'deliver'; msg: Message<{ threat: string; what: 'track' | 'order' | 'assess' }> }
  | { kind: 'intercept'; threat: string; shot: number }
  | { kind: 'impact'; threat: string };

export interface ToyOptions {
  seed: number;
  threats: number;
  pk: number;
  inventory: number;
  flight_s: number;
  latencies: { sensor_to_tracker_s: number; tracker_to_bmc_s: number; bmc_to_battery_s: number; battery_to_bmc_s: number };
}

export function runToy(o: ToyOptions): EventLog {
  const rng = rngStream(o.seed, 0, 'toy', 'events');
  const q = new EventQueue<Task>();
  const log = new EventLog();
  const net = new Network(o.latencies);
  net.addNode('ew', 'sensor');
  net.addNode('trk', 'tracker');
  net.addNode('bmc', 'bmc');
  net.addNode('bat', 'battery');
  const launchT = new Map<string, number>();
  const dead = new Set<string>();
  let stock = o.inventory;
  let shotNo = 0;
  for (let i = 0; i < o.threats; i++) q.schedule(Math.round(rng.uniformRange(0, 60)), PRIORITY.normal, { kind: 'launch', threat: `t${i + 1}` });
  const fire = (threat: string, t: number) => {
    if (stock === 0 || t > (launchT.get(threat) as number) + o.flight_s - 60) {
      log.push({ type: 'leak', t, threatId: threat, reason: stock === 0 ? 'inventory' : 'window' });
      return;
    }
    stock--;
    const id = `i${++shotNo}`;
    log.push({ type: 'fire', t, interceptorId: id, battery: 'bat', layer: 'lower', trackId: `trk-${threat}`, threatId: threat });
    q.schedule(t + 30, PRIORITY.normal, { kind: 'intercept', threat, shot: shotNo });
  };
  q.run(Infinity, (task, t) => {
    switch (task.kind) {
      case 'launch':
        launchT.set(task.threat, t);
        log.push({ type: 'launch', t, threatId: task.threat, missile: 'nodong', launch_lat_deg: 40, launch_lon_deg: 127.5, aim_lat_deg: 35.68, aim_lon_deg: 139.69 });
        q.schedule(t + 20 + rng.uniformRange(0, 10), PRIORITY.normal, { kind: 'detect', threat: task.threat });
        q.schedule(t + o.flight_s, PRIORITY.normal, { kind: 'impact', threat: task.threat });
        break;
      case 'detect': {
        log.push({ type: 'detection', t, sensorId: 'ew', threatId: task.threat });
        const m = net.send('ew', 'trk', t, { threat: task.threat, what: 'track' as const });
        q.schedule(m.deliverTime, PRIORITY.delivery, { kind: 'deliver', msg: m });
        break;
      }
      case 'deliver': {
        const { threat, what } = task.msg.payload;
        if (task.msg.to === 'trk') {
          log.push({ type: 'track-start', t, trackId: `trk-${threat}`, threatId: threat });
          const m = net.send('trk', 'bmc', t, { threat, what });
          q.schedule(m.deliverTime, PRIORITY.delivery, { kind: 'deliver', msg: m });
        } else if (task.msg.to === 'bmc' && what === 'track') {
          log.push({ type: 'assignment', t, trackId: `trk-${threat}`, threatId: threat, battery: 'bat', shots: 1 });
          const m = net.send('bmc', 'bat', t, { threat, what: 'order' as const });
          q.schedule(m.deliverTime, PRIORITY.delivery, { kind: 'deliver', msg: m });
        } else if (task.msg.to === 'bat') {
          if (!dead.has(threat)) fire(threat, t);
        } else if (task.msg.to === 'bmc' && what === 'assess') {
          if (!dead.has(threat)) {
            const m = net.send('bmc', 'bat', t, { threat, what: 'order' as const });
            q.schedule(m.deliverTime, PRIORITY.delivery, { kind: 'deliver', msg: m });
          }
        }
        break;
      }
      case 'intercept': {
        if (dead.has(task.threat)) break;
        const killed = rng.bernoulli(o.pk);
        log.push({ type: 'intercept', t, interceptorId: `i${task.shot}`, threatId: task.threat, battery: 'bat', altitude_m: 20_000 + rng.uniformRange(0, 1000), miss_m: rng.uniformRange(0, 3), pk: o.pk, killed });
        if (killed) dead.add(task.threat);
        log.push({ type: 'kill-assessment', t, interceptorId: `i${task.shot}`, threatId: task.threat, trackId: `trk-${task.threat}`, call: killed ? 'kill' : 'miss', correct: true });
        const m = net.send('bat', 'bmc', t, { threat: task.threat, what: 'assess' as const });
        q.schedule(m.deliverTime, PRIORITY.delivery, { kind: 'deliver', msg: m });
        break;
      }
      case 'impact':
        if (!dead.has(task.threat)) log.push({ type: 'impact', t, threatId: task.threat, lat_deg: 35.68, lon_deg: 139.69, aim_miss_m: 850.25, assetId: 'tokyo' });
        break;
    }
  });
  return log;
}
