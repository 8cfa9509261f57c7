// The shared view of the API's rate limit for a bulk run (CLI.md, "Many accounts"). Every request
// of the run acquires a slot here before it goes out and releases it after, so a 429 seen by one
// worker slows all of them, instead of each retrying on its own into the same wall.
//
// Three levers, all learned from the server's answers:
// - in flight: at most `concurrency`; halved on a 429 (at least 1), then grown back by one per
//   window's worth of successes (additive increase, as TCP does), so a burst after a pause is small;
// - a pause: nobody starts before the Retry-After of the latest 429 has passed;
// - a pace: in flight alone cannot hold a rate when answers are quick, so once the server has said
//   429, starts are spaced out at 95% of what it let through in the second before it said no
//   (answers already on their way included), then sped up slowly (0.5% a second, at least 0.1/s)
//   in case the limit rose. Retry-After comes in whole seconds, so each 429 costs everyone a second
//   or more: running just under the limit is worth more than probing it often. A limit counted
//   over a longer window (a minute) is overestimated this way, but then the run goes in bursts of
//   that window's allowance and the pauses hold it to the limit all the same.
import { ExitCode, PpError } from '../errors.js';
import { MAX_RETRY_AFTER_MS, type RateGate } from './client.js';

export interface GateOptions {
  /** The most requests in flight at once (--concurrency). */
  concurrency: number;
  /** Milliseconds; tests pass a fake clock (timers are the global ones, which vitest can fake). */
  now?: () => number;
  /** A Retry-After longer than this is not waited out: the run's remaining requests fail with 9. */
  maxPauseMs?: number;
  /** --verbose lines about slowdowns. */
  log?: ((line: string) => void) | undefined;
}

/** After a 429 the pace resumes at this fraction of what the server let through... */
const BACK_OFF = 0.95;
/** ...and grows by this fraction of itself per second, and at least by MIN_GROWTH requests/s. */
const GROWTH = 0.005;
const MIN_GROWTH = 0.1;
/** Requests per second: the pace never drops below this. */
const MIN_RATE = 0.5;

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  detach(): void;
}

export class SharedRateGate implements RateGate {
  readonly #ceiling: number;
  readonly #now: () => number;
  readonly #maxPauseMs: number;
  readonly #log: ((line: string) => void) | undefined;
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** How many may be in flight now; fractional so that growth is one per window of successes. */
  #allowed: number;
  #inFlight = 0;
  #pausedUntil = 0;
  /** Set when the server asked for a wait too long to wait out: every acquisition fails. */
  #refusedUntil: number | undefined;
  /** Requests already out when the latest slowdown began: their 429s belong to the same event. */
  #stale = 0;
  /** Starts per second once a 429 was seen (Infinity before), and since when it applies. */
  #rate = Number.POSITIVE_INFINITY;
  #rateSince = 0;
  #nextStartAt = 0;
  /** Answers other than 429 in each tenth of the last second, oldest overwritten first. */
  readonly #accepted = new Array<number>(10).fill(0);
  #acceptedTenth = 0;
  /** Between a 429 and the end of its pause: what the server let through, and the pace then. */
  #sample: { accepted: number; pace: number } | undefined;

  /** Requests started, and 429s seen: for the progress line and tests. */
  started = 0;
  rateLimited = 0;

  constructor(opts: GateOptions) {
    this.#ceiling = Math.max(1, opts.concurrency);
    this.#allowed = this.#ceiling;
    this.#now = opts.now ?? (() => Date.now());
    this.#maxPauseMs = opts.maxPauseMs ?? MAX_RETRY_AFTER_MS;
    this.#log = opts.log;
  }

  /** How many requests may be in flight now (whole number). */
  get allowed(): number {
    return Math.floor(this.#allowed);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Starts per second the gate paces at, or Infinity while it has seen no 429. */
  get pace(): number {
    return this.#currentRate(this.#now());
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (this.#refusedUntil !== undefined) return Promise.reject(this.#refusal(this.#refusedUntil));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#queue.indexOf(waiter);
        if (at >= 0) this.#queue.splice(at, 1);
        reject(signal?.reason);
        this.#pump();
      };
      const waiter: Waiter = {
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  release(outcome: { rateLimitedMs?: number }): void {
    const now = this.#now();
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    const stale = this.#stale > 0;
    if (stale) this.#stale--;
    const waitMs = outcome.rateLimitedMs;
    if (waitMs === undefined) {
      this.#countAccepted(now);
      if (this.#sample) this.#sample.accepted++;
      this.#allowed = Math.min(this.#ceiling, this.#allowed + 1 / this.#allowed);
    } else if (waitMs > this.#maxPauseMs) {
      this.rateLimited++;
      this.#refuse(waitMs);
    } else {
      this.rateLimited++;
      this.#pausedUntil = Math.max(this.#pausedUntil, now + waitMs);
      // One slowdown per burst: the 429s of requests sent before it are echoes of the same event.
      if (!stale) {
        this.#allowed = Math.max(1, this.#allowed / 2);
        this.#stale = this.#inFlight;
        this.#sample = { accepted: this.#acceptedLastSecond(now), pace: this.#currentRate(now) };
        this.#log?.(
          `429: everyone waits ${(waitMs / 1000).toFixed(1)} s; at most ${this.allowed} in flight from now on`,
        );
      }
    }
    this.#pump();
  }

  #currentRate(now: number): number {
    const seconds = Math.max(0, now - this.#rateSince) / 1000;
    return this.#rate + Math.max(MIN_GROWTH, GROWTH * this.#rate) * seconds;
  }

  #countAccepted(now: number): void {
    this.#acceptedLastSecond(now);
    this.#accepted[this.#acceptedTenth % 10]!++;
  }

  /** Answers other than 429 in the last second (in tenths: the current one counts whole). */
  #acceptedLastSecond(now: number): number {
    const tenth = Math.floor(now / 100);
    for (let t = Math.max(this.#acceptedTenth + 1, tenth - 9); t <= tenth; t++) this.#accepted[t % 10] = 0;
    this.#acceptedTenth = Math.max(this.#acceptedTenth, tenth);
    return this.#accepted.reduce((a, b) => a + b, 0);
  }

  /** At the end of a pause: the pace to resume at. */
  #estimate(sample: { accepted: number; pace: number }): void {
    this.#sample = undefined;
    // Nothing let through (another client used the limit up): no rate learned, only the pause.
    if (sample.accepted === 0) return;
    const previous = this.#currentRate(this.#pausedUntil);
    // Never more than halve the pace at once: one odd second must not crush the run.
    const floor = Number.isFinite(previous) ? previous / 2 : 0;
    this.#rate = Math.max(MIN_RATE, BACK_OFF * Math.min(sample.accepted, sample.pace), floor);
    this.#rateSince = this.#pausedUntil;
    this.#log?.(
      `pacing at ${this.#rate.toFixed(1)} requests/s (the API let ${sample.accepted} through in the second before its 429)`,
    );
  }

  #refuse(waitMs: number): void {
    this.#refusedUntil = Date.now() + waitMs;
    for (const waiter of this.#queue.splice(0)) {
      waiter.detach();
      waiter.reject(this.#refusal(this.#refusedUntil));
    }
  }

  /** A new error each time: the bulk runner names its account on it. */
  #refusal(until: number): PpError {
    const seconds = Math.ceil((until - Date.now()) / 1000);
    return new PpError({
      exitCode: ExitCode.rateLimited,
      message: `rate limited: the API asks to wait ${seconds} s; not waiting that long`,
      hint: `Try again in ${seconds} s (after ${new Date(until).toISOString()}).`,
      status: 429,
      retryAfter: seconds,
    });
  }

  /** Lets waiters through, first come first served, while the window, pause and pace allow. */
  #pump(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const now = this.#now();
    if (this.#sample && now >= this.#pausedUntil) this.#estimate(this.#sample);
    while (this.#queue.length > 0 && this.#inFlight < Math.floor(this.#allowed)) {
      const readyAt = Math.max(this.#pausedUntil, this.#nextStartAt);
      if (now < readyAt) {
        // Not unref'd: while requests wait here, this timer is what keeps the run going.
        this.#timer = setTimeout(() => this.#pump(), readyAt - now);
        return;
      }
      const waiter = this.#queue.shift()!;
      waiter.detach();
      this.#inFlight++;
      this.started++;
      if (Number.isFinite(this.#rate)) this.#nextStartAt = now + 1000 / this.#currentRate(now);
      waiter.resolve();
    }
  }
}
