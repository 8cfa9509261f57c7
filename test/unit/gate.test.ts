// The rate-limit gate on a clock the test moves by hand: the in-flight bound, the pause every
// request waits out after a 429, Ctrl-C while waiting, and a Retry-After too long to wait out.
import { describe, expect, it } from 'vitest';
import { RateGate } from '../../src/api/gate.js';
import type { Clock } from '../../src/deps.js';
import { PpError } from '../../src/errors.js';

/** Time moves only when advance() says; sleeps end when it passes their end. */
class ManualClock implements Clock {
  time = 1_000_000;
  readonly #sleepers: { until: number; resolve: () => void }[] = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#sleepers.push({ until: this.time + ms, resolve }));
  }
  every(): () => void {
    return () => {};
  }
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (const s of this.#sleepers.filter((s) => s.until <= this.time)) {
      this.#sleepers.splice(this.#sleepers.indexOf(s), 1);
      s.resolve();
    }
    await settle();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Starts `n` acquisitions; `granted` counts those that got through. */
function contenders(gate: RateGate, n: number, signal?: AbortSignal) {
  const state = { granted: 0, rejected: [] as unknown[] };
  for (let i = 0; i < n; i++) {
    gate.acquire(signal).then(
      () => {
        state.granted++;
      },
      (err: unknown) => {
        state.rejected.push(err);
      },
    );
  }
  return state;
}

describe('RateGate', () => {
  it('lets at most `concurrency` through, the next one only on a release', async () => {
    const gate = new RateGate({ concurrency: 3, clock: new ManualClock() });
    const c = contenders(gate, 5);
    await settle();
    expect(c.granted).toBe(3);
    gate.release();
    await settle();
    expect(c.granted).toBe(4);
    expect(gate.started).toBe(4);
  });

  it('after a 429, nobody starts before Retry-After has passed; then all slots open again', async () => {
    const clock = new ManualClock();
    const gate = new RateGate({ concurrency: 4, clock });
    const first = contenders(gate, 4);
    await settle();
    expect(first.granted).toBe(4);
    gate.pause(1_000);
    for (let i = 0; i < 4; i++) gate.release();
    const next = contenders(gate, 4);
    await clock.advance(999);
    expect(next.granted).toBe(0);
    expect(gate.pausedFor).toBe(1);
    await clock.advance(1);
    expect(next.granted).toBe(4);
    expect(gate.pausedFor).toBe(0);
    expect(gate.rateLimited).toBe(1);
  });

  it('a longer pause seen during a shorter one is waited out too', async () => {
    const clock = new ManualClock();
    const gate = new RateGate({ concurrency: 1, clock });
    gate.pause(500);
    const c = contenders(gate, 1);
    await clock.advance(200);
    gate.pause(2_000); // until 2,200 ms from the start
    await clock.advance(300);
    expect(c.granted).toBe(0);
    await clock.advance(1_700);
    expect(c.granted).toBe(1);
  });

  it('Ctrl-C rejects a waiting acquisition without giving it a slot', async () => {
    const gate = new RateGate({ concurrency: 1, clock: new ManualClock() });
    const held = contenders(gate, 1);
    const stop = new AbortController();
    const waiting = contenders(gate, 2, stop.signal);
    await settle();
    stop.abort(new Error('interrupted'));
    await settle();
    expect(held.granted).toBe(1);
    expect(waiting.rejected).toHaveLength(2);
    gate.release();
    await settle();
    expect(gate.started).toBe(1);
  });

  it('a Retry-After over a minute is not waited out: waiting and later acquisitions fail with 9', async () => {
    const clock = new ManualClock();
    const gate = new RateGate({ concurrency: 1, clock });
    const held = contenders(gate, 1);
    const waiting = contenders(gate, 2);
    await settle();
    gate.pause(120_000);
    await settle();
    expect(held.granted).toBe(1);
    expect(waiting.rejected).toHaveLength(2);
    const later = await gate.acquire().catch((err: unknown) => err);
    expect(later).toBeInstanceOf(PpError);
    expect(later).toMatchObject({ exitCode: 9, retryAfter: 120 });
    expect((later as PpError).hint).toMatch(/Try again in 120 s \(after 1970-01-01 00:18:40 UTC\)/);
  });

  describe('the pace of a run of many accounts', () => {
    /** A gate with `answered` answers in the last second, then one 429 asking to wait `ms`. */
    async function afterA429(answered: number, ms: number) {
      const clock = new ManualClock();
      const gate = new RateGate({ concurrency: 8, clock, pace: true });
      await gate.acquire(); // the run starts...
      gate.release(false);
      await clock.advance(1000); // ...and is a second old: the last second's answers are a rate
      for (let i = 0; i < answered; i++) {
        await gate.acquire();
        gate.release(true);
      }
      await gate.acquire();
      gate.pause(ms);
      gate.release(false);
      return { clock, gate };
    }

    it('after the wait, starts are spaced to 90% of what the server answered in the second before', async () => {
      const { clock, gate } = await afterA429(20, 1000);
      expect(gate.pace).toBeCloseTo(18, 5);
      const c = contenders(gate, 3);
      await clock.advance(1000);
      expect(c.granted).toBe(1); // the first at the end of the wait...
      await clock.advance(Math.ceil(1000 / 18) - 1);
      expect(c.granted).toBe(1);
      await clock.advance(2);
      expect(c.granted).toBe(2); // ...the next 1/18 s later
    });

    it('a 429 that comes during the wait is an echo: it sets no new pace', async () => {
      const { clock, gate } = await afterA429(20, 1000);
      await clock.advance(10);
      gate.pause(1000);
      expect(gate.pace).toBeCloseTo(18, 5);
    });

    it('grows: doubling a second after the first paced 429, 1% a second after a later one', async () => {
      const { clock, gate } = await afterA429(20, 1000);
      await clock.advance(2000); // the wait, then a second at the pace
      expect(gate.pace).toBeCloseTo(36, 5);
      for (let i = 0; i < 30; i++) gate.release(true); // 30 answers in the last second
      await gate.acquire();
      gate.pause(1000);
      gate.release(false);
      expect(gate.pace).toBeCloseTo(27, 5);
      await clock.advance(2000);
      expect(gate.pace).toBeCloseTo(27 * 1.01, 5);
    });

    it('a 429 asking for no wait (Retry-After: 0) sets no pace, and one gate of one account never paces', async () => {
      const { gate } = await afterA429(20, 0);
      expect(gate.pace).toBe(Number.POSITIVE_INFINITY);
      const single = new RateGate({ concurrency: 1, clock: new ManualClock() });
      await single.acquire();
      single.pause(1000);
      single.release(false);
      expect(single.pace).toBe(Number.POSITIVE_INFINITY);
    });
  });
});

describe('--max-wait and what the run waits for', () => {
  it('names the account whose 429 the run waits out, while it waits', async () => {
    const clock = new ManualClock();
    const gate = new RateGate({ concurrency: 2, clock });
    expect(gate.waitingFor).toBeUndefined();
    gate.pause(5000, 'acc_limited');
    expect(gate.waitingFor).toBe('acc_limited');
    await clock.advance(5000);
    expect(gate.waitingFor).toBeUndefined();
  });

  it('counts overlapping pauses once, and refuses a wait past the budget: every waiter fails with exit 9', async () => {
    const clock = new ManualClock();
    const gate = new RateGate({ concurrency: 1, clock, maxWaitMs: 10_000 });
    gate.pause(6000, 'a');
    await clock.advance(2000);
    gate.pause(6000, 'b'); // ends 2 s after the first: 8 s waited in all
    expect(gate.waitingFor).toBe('b');
    const state = contenders(gate, 2);
    await settle();
    expect(state.rejected).toHaveLength(0);
    gate.pause(9000, 'c'); // ends 3 s after b: 8 + 3 > 10
    await settle();
    expect(state.rejected).toHaveLength(2);
    const error = state.rejected[0] as PpError;
    expect(error.exitCode).toBe(9);
    expect(error.message).toContain('--max-wait 10 s');
    await expect(gate.acquire()).rejects.toMatchObject({ exitCode: 9 });
  });
});
