// The one place rate limits are handled (the CLI contract, "Many accounts"): every request acquires a slot
// here before it goes out and releases it after. Three rules:
// - at most `concurrency` requests in flight;
// - after a 429, nobody starts before its Retry-After has passed: the whole run waits once,
//   instead of each request retrying on its own into the same limit;
// - in a run of many accounts, a 429 that asked for a wait also sets a pace: starts are spaced to
//   90% of the answers the server gave in the second before it, and the pace then doubles every
//   second until the next such 429, after which it grows by 1% a second. Retry-After comes in
//   whole seconds, so every burst into a limit costs the run a second: running just under it is
//   worth more than finding it again often.
// A Retry-After longer than a minute is not waited out: every later request fails at once with
// exit 9, saying when to try again.
//
// Why a pace, from `npm run bench` on this machine: against a token bucket (burst 10, 50/s,
// Retry-After: 1), 600 accounts took 57 s with the pause alone (382 of the answers 429); against a
// fixed window of 20/s the pause alone sent 826 requests for 600 accounts, 226 of them 429.
import type { Clock } from '../deps.js';
import { ExitCode, PpError, retryHint } from '../errors.js';

/** Waits longer than this are not waited out (the CLI contract): the command fails and says when to retry. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** The pace after a 429 is this share of the answers (not 429) of the second before it... */
const BACK_OFF = 0.9;
/** ...and grows by this factor a second: fast after the run's first paced 429, slowly after. */
const FAST_GROWTH = 2;
const SLOW_GROWTH = 1.01;
/** Starts a second: the pace never drops below it. */
const MIN_RATE = 0.5;

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
  /** Set a pace after a 429 (a run of many accounts; one account's retries only wait). */
  pace?: boolean;
  /** --max-wait: the most a run waits out 429s in all; a wait past it is refused (exit 9). */
  maxWaitMs?: number | undefined;
}

export class RateGate {
  readonly #concurrency: number;
  readonly #clock: Clock;
  readonly #log: ((line: string) => void) | undefined;
  readonly #pacing: boolean;
  readonly #queue: Waiter[] = [];
  /** When the answers (not 429) of about the last second came. */
  readonly #answered: number[] = [];
  /** Starts a second as set by the latest 429 (none before one), since when, and its growth. */
  #pace: number | undefined;
  #paceSince = 0;
  #growth = FAST_GROWTH;
  #nextStartAt = 0;
  #firstStart: number | undefined;
  #inFlight = 0;
  #pausedUntil = 0;
  #waking = false;
  /** Set when the server asked for a wait too long to wait out. */
  #refusedUntil: number | undefined;
  readonly #maxWaitMs: number | undefined;
  /** What the run has been told to wait out so far (the pauses, overlaps counted once). */
  #waitedMs = 0;
  /** The account whose 429 set the current pause: what the run waits for. */
  #pausedBy: string | undefined;

  /** Requests started and 429s seen: for the progress line. */
  started = 0;
  rateLimited = 0;

  constructor(opts: GateOptions) {
    this.#concurrency = Math.max(1, opts.concurrency);
    this.#clock = opts.clock;
    this.#log = opts.log;
    this.#pacing = opts.pace === true;
    this.#maxWaitMs = opts.maxWaitMs;
  }

  /** The account whose 429 the run is waiting out, while it waits. */
  get waitingFor(): string | undefined {
    return this.pausedFor > 0 ? this.#pausedBy : undefined;
  }

  /** Starts a second now; Infinity while no pace is set. */
  get pace(): number {
    if (this.#pace === undefined) return Number.POSITIVE_INFINITY;
    const seconds = Math.max(0, this.#clock.now() - this.#paceSince) / 1000;
    return this.#pace * this.#growth ** seconds;
  }

  /** Milliseconds until requests may start again (0 when they may now). */
  get pausedFor(): number {
    return Math.max(0, this.#pausedUntil - this.#clock.now());
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (this.#refusedUntil !== undefined)
      return Promise.reject(this.#refusalError?.() ?? this.#refusal(this.#refusedUntil));
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

  /** A request is done; `answered` unless its answer was a 429. */
  release(answered = true): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (answered && this.#pacing) this.#answered.push(this.#clock.now());
    this.#pump();
  }

  /** A 429 (for `accountId`) asked to wait `ms`: nobody starts before then; in a run of many, a pace follows. */
  pause(ms: number, accountId?: string): void {
    this.rateLimited++;
    const now = this.#clock.now();
    const added = Math.max(0, now + ms - Math.max(now, this.#pausedUntil));
    if (this.#maxWaitMs !== undefined && added > 0 && this.#waitedMs + added > this.#maxWaitMs) {
      this.#refuse(now + ms, this.#maxWaitRefusal());
      return;
    }
    // Nothing starts during a pause: a 429 that comes while one runs answers a request sent before
    // it, an echo of the same event, which must not set the pace again.
    const echo = now < this.#pausedUntil;
    if (!echo && this.#pacing && ms > 0 && ms <= MAX_RETRY_AFTER_MS) this.#setPace(now, now + ms);
    if (ms > MAX_RETRY_AFTER_MS) {
      this.#refuse(now + ms, () => this.#refusal(now + ms));
      return;
    }
    if (now + ms > this.#pausedUntil) {
      this.#waitedMs += added;
      this.#pausedUntil = now + ms;
      this.#pausedBy = accountId;
      this.#log?.(`429: every request waits ${(ms / 1000).toFixed(1)} s`);
    }
  }

  /** A 429 that asked for a wait: the pace from then on (see the top of this file). */
  #setPace(now: number, resumeAt: number): void {
    this.#forgetOld(now);
    if (this.#pace !== undefined) this.#growth = SLOW_GROWTH;
    // answers a second; in a run younger than a second, over the time it has run (but not under a
    // quarter of a second: a handful of answers in a few ms says little)
    const seconds = Math.min(1, Math.max(0.25, (now - (this.#firstStart ?? now)) / 1000));
    this.#pace = Math.max(MIN_RATE, (BACK_OFF * this.#answered.length) / seconds);
    this.#paceSince = Math.max(this.#pausedUntil, resumeAt);
    this.#log?.(`pacing at ${this.#pace.toFixed(1)} requests/s after the wait`);
  }

  /** Keeps the answers of the last second only: a run of any length holds a few hundred at most. */
  #forgetOld(now: number): void {
    let old = 0;
    while (old < this.#answered.length && this.#answered[old]! <= now - 1000) old++;
    if (old > 0) this.#answered.splice(0, old);
  }

  /** From now on every waiting and later request fails with `error()`: the run waits no more. */
  #refuse(until: number, error: () => PpError): void {
    this.#refusedUntil = until;
    this.#refusalError = error;
    for (const waiter of this.#queue.splice(0)) {
      waiter.detach();
      waiter.reject(error());
    }
  }

  #refusalError: (() => PpError) | undefined;

  #maxWaitRefusal(): () => PpError {
    const spent = Math.round(this.#waitedMs / 1000);
    const max = Math.round((this.#maxWaitMs ?? 0) / 1000);
    return () =>
      new PpError({
        exitCode: ExitCode.rateLimited,
        message: `rate limited: --max-wait ${max} s would be exceeded (${spent} s waited)`,
        hint: 'Run these accounts again later, or give --max-wait more seconds.',
        status: 429,
      });
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

  /** Lets waiters through, first come first served, while the concurrency, any pause and the pace allow. */
  #pump(): void {
    if (this.#waking) return;
    const wait = Math.max(this.pausedFor, this.#nextStartAt - this.#clock.now());
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
      const now = this.#clock.now();
      if (now < this.#nextStartAt) {
        this.#pump(); // the pace: sleep until the next start
        return;
      }
      const waiter = this.#queue.shift()!;
      waiter.detach();
      this.#inFlight++;
      this.started++;
      this.#firstStart ??= now;
      if (this.#pace !== undefined) this.#nextStartAt = now + 1000 / this.pace;
      if (this.#pacing) this.#forgetOld(now);
      waiter.resolve();
    }
  }
}
