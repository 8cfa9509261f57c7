// The shared rate-limit gate of bulk runs, on a fake clock: the in-flight bound, the shared pause
// on 429, pacing after it, growing back, Ctrl-C, and a Retry-After too long to wait out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedRateGate } from '../../src/api/gate.js';
import { PpError } from '../../src/errors.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `n` acquisitions; `granted` counts those that got through. */
function contenders(gate: SharedRateGate, n: number, signal?: AbortSignal) {
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

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('SharedRateGate', () => {
  it('lets at most `concurrency` through, the next one only on a release', async () => {
    const gate = new SharedRateGate({ concurrency: 3 });
    const c = contenders(gate, 5);
    await settle();
    expect(c.granted).toBe(3);
    expect(gate.inFlight).toBe(3);
    gate.release({});
    await settle();
    expect(c.granted).toBe(4);
    expect(gate.inFlight).toBe(3);
  });

  it('on a 429, halves the window and pauses every acquisition until Retry-After has passed', async () => {
    const gate = new SharedRateGate({ concurrency: 8 });
    const c = contenders(gate, 20);
    await settle();
    expect(c.granted).toBe(8);
    gate.release({ rateLimitedMs: 1000 });
    // The other seven were sent before the slowdown: their 429s are the same event, not new halvings.
    for (let i = 0; i < 7; i++) gate.release({ rateLimitedMs: 1000 });
    expect(gate.allowed).toBe(4);
    expect(gate.rateLimited).toBe(8);
    expect(gate.inFlight).toBe(0);
    await vi.advanceTimersByTimeAsync(999);
    expect(c.granted).toBe(8); // nobody started during the pause, though slots were free
    // The server let nothing through, so there is no rate to pace at: the halved window decides.
    await vi.advanceTimersByTimeAsync(1);
    expect(c.granted).toBe(12);
    expect(gate.inFlight).toBe(4);
    expect(gate.pace).toBe(Number.POSITIVE_INFINITY);
  });

  it('after the pause, paces starts at the rate the server let through', async () => {
    const gate = new SharedRateGate({ concurrency: 4 });
    const first = contenders(gate, 7);
    await settle();
    for (let i = 0; i < 3; i++) gate.release({});
    await settle();
    expect(first.granted).toBe(7);
    // One 429 asking for a second; the three others sent before it succeed during the pause.
    gate.release({ rateLimitedMs: 1000 });
    for (let i = 0; i < 3; i++) gate.release({});
    // From now on each request answers at once: only the pace holds them back.
    let granted = 0;
    for (let i = 0; i < 40; i++) {
      void gate.acquire().then(() => {
        granted++;
        gate.release({});
      });
    }
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toBe(0);
    // The server let 6 through around its 429 (3 before, 3 on their way): 95% of 6 a second from
    // now on, not 40 at once.
    await vi.advanceTimersByTimeAsync(1001);
    expect(gate.pace).toBeGreaterThan(5.5);
    expect(gate.pace).toBeLessThan(7.5);
    expect(granted).toBeGreaterThanOrEqual(5);
    expect(granted).toBeLessThanOrEqual(8);
  });

  it('grows the window back by one per window of successes', async () => {
    const gate = new SharedRateGate({ concurrency: 4 });
    contenders(gate, 100);
    await settle();
    gate.release({ rateLimitedMs: 0 });
    expect(gate.allowed).toBe(2);
    for (let i = 0; i < 3; i++) gate.release({}); // the stale ones drain
    for (let i = 0; i < 2; i++) gate.release({});
    expect(gate.allowed).toBe(3);
    for (let i = 0; i < 3; i++) gate.release({});
    expect(gate.allowed).toBe(4);
  });

  it('a waiting acquisition rejects on Ctrl-C and gives its place up', async () => {
    const gate = new SharedRateGate({ concurrency: 1 });
    const interrupt = new AbortController();
    const c = contenders(gate, 3, interrupt.signal);
    await settle();
    expect(c.granted).toBe(1);
    interrupt.abort(new Error('interrupted'));
    await settle();
    expect(c.rejected).toHaveLength(2);
    await expect(gate.acquire(interrupt.signal)).rejects.toThrow('interrupted');
  });

  it('a Retry-After too long to wait out fails the queued and later requests with exit 9', async () => {
    const gate = new SharedRateGate({ concurrency: 1, maxPauseMs: 60_000 });
    const c = contenders(gate, 3);
    await settle();
    gate.release({ rateLimitedMs: 3_600_000 });
    await settle();
    expect(c.rejected).toHaveLength(2);
    const error = c.rejected[0];
    expect(error).toBeInstanceOf(PpError);
    expect((error as PpError).exitCode).toBe(9);
    expect((error as PpError).message).toContain('3600 s');
    await expect(gate.acquire()).rejects.toBeInstanceOf(PpError);
  });
});
