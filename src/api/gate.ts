// The one place rate limits are handled (the CLI contract, "Many accounts"): every request acquires a slot
// here before it goes out and releases it after. Two rules a reader can hold in mind:
// - at most `concurrency` requests in flight;
// - after a 429, nobody starts before its Retry-After has passed: the whole run waits once,
//   instead of each request retrying on its own into the same limit.
// A Retry-After longer than a minute is not waited out: every later request fails at
// once with exit 9, saying when to try again.
//
// The gate this replaced also halved the concurrency on a 429 and learnt a pace from the answers
// (four tuning constants). `npm run bench` (c) compares: see the figures in the note of the change
// that made it this simple.
import type { Clock } from '../deps.js';
import { ExitCode, PpError, retryHint } from '../errors.js';

/** Waits longer than this are not waited out (the CLI contract): the command fails and says when to retry. */
export const MAX_RETRY_AFTER_MS = 60_000;

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  /** Stops listening for Ctrl-C (a run of 100,000 requests must not pile up listeners). */
  detach(): void;
}

export interface GateOptions {
  /** The most requests in flight at once (--concurrency). */
  concurrency: number;
  clock: Clock;
  /** --verbose lines about pauses. */
  log?: ((line: string) => void) | undefined;
}

export class RateGate {
  readonly #concurrency: number;
  readonly #clock: Clock;
  readonly #log: ((line: string) => void) | undefined;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;
  #pausedUntil = 0;
  #waking = false;
  /** Set when the server asked for a wait too long to wait out. */
  #refusedUntil: number | undefined;

  /** Requests started and 429s seen: for the progress line. */
  started = 0;
  rateLimited = 0;

  constructor(opts: GateOptions) {
    this.#concurrency = Math.max(1, opts.concurrency);
    this.#clock = opts.clock;
    this.#log = opts.log;
  }

  /** Milliseconds until requests may start again (0 when they may now). */
  get pausedFor(): number {
    return Math.max(0, this.#pausedUntil - this.#clock.now());
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (this.#refusedUntil !== undefined) return Promise.reject(this.#refusal(this.#refusedUntil));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#queue.indexOf(waiter);
        if (at >= 0) this.#queue.splice(at, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = { resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  release(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    this.#pump();
  }

  /** A 429 asked to wait `ms`: nobody starts before then. */
  pause(ms: number): void {
    this.rateLimited++;
    const now = this.#clock.now();
    if (ms > MAX_RETRY_AFTER_MS) {
      this.#refusedUntil = now + ms;
      for (const waiter of this.#queue.splice(0)) {
        waiter.detach();
        waiter.reject(this.#refusal(this.#refusedUntil));
      }
      return;
    }
    if (now + ms > this.#pausedUntil) {
      this.#pausedUntil = now + ms;
      this.#log?.(`429: every request waits ${(ms / 1000).toFixed(1)} s`);
    }
  }

  /** A new error each time: the bulk runner names its account on it. */
  #refusal(until: number): PpError {
    const seconds = Math.ceil((until - this.#clock.now()) / 1000);
    return new PpError({
      exitCode: ExitCode.rateLimited,
      message: `rate limited: the API asks to wait ${seconds} s; not waiting that long`,
      hint: retryHint(seconds, this.#clock.now()),
      status: 429,
      retryAfter: seconds,
    });
  }

  /** Lets waiters through, first come first served, while the concurrency and any pause allow. */
  #pump(): void {
    if (this.#waking) return;
    const wait = this.pausedFor;
    if (wait > 0 && this.#queue.length > 0) {
      // One sleeper for the whole queue; a later, longer pause is seen when it wakes.
      this.#waking = true;
      void this.#clock.sleep(wait).then(() => {
        this.#waking = false;
        this.#pump();
      });
      return;
    }
    while (this.#queue.length > 0 && this.#inFlight < this.#concurrency) {
      const waiter = this.#queue.shift()!;
      waiter.detach();
      this.#inFlight++;
      this.started++;
      waiter.resolve();
    }
  }
}
