import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, PRIORITY } from '../../src/sim/index.js';

/** Drains a queue, returning [time, priority, event] in dispatch order. */
function drain<E>(q: EventQueue<E>): [number, number, E][] {
  const out: [number, number, E][] = [];
  q.run(Infinity, (e, t, p) => out.push([t, p, e]));
  return out;
}

describe('EventQueue', () => {
  it('dispatches by time, then priority, then insertion order', () => {
    const q = new EventQueue<string>();
    q.schedule(5, PRIORITY.normal, 'c');
    q.schedule(1, PRIORITY.normal, 'a');
    q.schedule(5, PRIORITY.delivery, 'b'); // same time, lower priority number: first
    q.schedule(5, PRIORITY.normal, 'd'); // same time and priority as 'c': after it
    q.schedule(7, PRIORITY.urgent, 'e');
    q.schedule(5, PRIORITY.urgent, 'a2');
    expect(q.size).toBe(6);
    expect(q.peek()).toBe(1);
    expect(drain(q)).toEqual([
      [1, 2, 'a'],
      [5, 0, 'a2'],
      [5, 1, 'b'],
      [5, 2, 'c'],
      [5, 2, 'd'],
      [7, 0, 'e'],
    ]);
    expect(q.size).toBe(0);
    expect(q.now).toBe(7);
    expect(q.peek()).toBe(Infinity);
    expect(q.pop()).toBeUndefined();
  });

  it('1000 events at one instant and priority come out first-in-first-out (growth past the initial capacity)', () => {
    const q = new EventQueue<number>();
    for (let i = 0; i < 1000; i++) q.schedule(3, PRIORITY.normal, i);
    const got = drain(q).map((x) => x[2]);
    expect(got).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('run(until) is exclusive of until, advances now to it, and sees events the handler schedules', () => {
    const q = new EventQueue<string>();
    q.schedule(1, PRIORITY.normal, 'x');
    q.schedule(10, PRIORITY.normal, 'at-until');
    const seen: string[] = [];
    const n = q.run(10, (e, t) => {
      seen.push(`${e}@${t}`);
      // a handler may schedule at its own instant (after the current event) and later
      if (e === 'x') {
        q.schedule(t, PRIORITY.normal, 'same-instant');
        q.schedule(t + 4, PRIORITY.normal, 'later');
      }
    });
    expect(seen).toEqual(['x@1', 'same-instant@1', 'later@5']);
    expect(n).toBe(3);
    expect(q.now).toBe(10);
    expect(q.peek()).toBe(10);
    expect(q.peekEvent()).toBe('at-until');
  });

  it('step dispatches one event; scheduling in the past or with NaN is a bug that throws', () => {
    const q = new EventQueue<string>(100);
    expect(() => q.schedule(99, 0, 'past')).toThrow(/before now/);
    expect(() => q.schedule(NaN, 0, 'nan')).toThrow(/not a number/);
    expect(() => q.schedule(101, 0.5, 'p')).toThrow(/32-bit integer/);
    q.schedule(150, 0, 'a');
    q.schedule(120, 0, 'b');
    const seen: string[] = [];
    expect(q.step((e) => seen.push(e))).toBe(true);
    expect(seen).toEqual(['b']);
    expect(q.now).toBe(120);
    expect(() => q.schedule(110, 0, 'late')).toThrow(/before now/);
    q.clear();
    expect(q.size).toBe(0);
    expect(q.step(() => undefined)).toBe(false);
  });

  it('a handler failure stops the run with its cause; pending events stay queued', () => {
    const q = new EventQueue<string>();
    q.schedule(1, 0, 'ok');
    q.schedule(2, 0, 'boom');
    q.schedule(3, 0, 'after');
    expect(() =>
      q.run(Infinity, (e) => {
        if (e === 'boom') throw new Error('model failure at boom');
      }),
    ).toThrow('model failure at boom');
    expect(q.size).toBe(1);
    expect(q.peekEvent()).toBe('after');
  });

  it('same schedule, same dispatch sequence (determinism)', () => {
    const build = () => {
      const q = new EventQueue<string>();
      for (let i = 0; i < 200; i++) q.schedule((i * 37) % 11, i % 3, `e${i}`);
      return drain(q);
    };
    expect(build()).toEqual(build());
  });

  describe('properties (fast-check)', () => {
    const entry = fc.record({
      time: fc.double({ min: 0, max: 1e6, noNaN: true }),
      priority: fc.integer({ min: -3, max: 3 }),
    });

    it('popping yields non-decreasing (time, priority); equal keys keep insertion order', () => {
      fc.assert(
        fc.property(fc.array(entry, { maxLength: 300 }), (es) => {
          const q = new EventQueue<number>();
          es.forEach((e, i) => q.schedule(e.time, e.priority, i));
          const out = drain(q);
          expect(out).toHaveLength(es.length);
          for (let k = 1; k < out.length; k++) {
            const [t0, p0, i0] = out[k - 1];
            const [t1, p1, i1] = out[k];
            expect(t1 >= t0).toBe(true);
            if (t1 === t0) {
              expect(p1 >= p0).toBe(true);
              if (p1 === p0) expect(i1).toBeGreaterThan(i0);
            }
          }
          // and it is exactly a stable sort of the input by (time, priority)
          const sorted = es.map((e, i) => ({ ...e, i })).sort((a, b) => a.time - b.time || a.priority - b.priority);
          expect(out.map((x) => x[2])).toEqual(sorted.map((x) => x.i));
        }),
        { numRuns: 200 },
      );
    });

    it('interleaved schedule and pop (times ≥ now) still dispatch in order, losing nothing', () => {
      const op = fc.oneof(fc.record({ kind: fc.constant('pop' as const) }), fc.record({ kind: fc.constant('push' as const), dt: fc.integer({ min: 0, max: 5 }), p: fc.integer({ min: 0, max: 2 }) }));
      fc.assert(
        fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
          const q = new EventQueue<number>();
          let pushed = 0;
          const popped: { t: number; p: number; i: number }[] = [];
          for (const o of ops) {
            if (o.kind === 'push') q.schedule(q.now + o.dt, o.p, pushed++);
            else if (q.size) {
              const i = q.pop() as number;
              popped.push({ t: q.now, p: q.lastPriority, i });
            }
          }
          while (q.size) {
            const i = q.pop() as number;
            popped.push({ t: q.now, p: q.lastPriority, i });
          }
          expect(popped).toHaveLength(pushed);
          expect(new Set(popped.map((x) => x.i)).size).toBe(pushed);
          for (let k = 1; k < popped.length; k++) expect(popped[k].t).toBeGreaterThanOrEqual(popped[k - 1].t);
        }),
        { numRuns: 200 },
      );
    });
  });
});
