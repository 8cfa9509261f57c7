// Bounded waits (CLI.md: `pp accounts wait`, `pp accounts resync --wait`): rounds of requests every
// --interval, further apart after a round that failed in a way that may pass (backoff, and at least
// a Retry-After), never past --max-wait whatever the server does: each round's requests carry a
// signal that fires at the deadline as well as on Ctrl-C, so a server that hangs, or a 429 whose
// Retry-After is longer than the time left, ends the wait on time. The waits between rounds are on
// the command's clock (a test's fake one passes at once); the deadline of a round's requests is
// real time, as the --timeout of each attempt is.
import type { Context } from '../context.js';
import { terminatedBy } from '../deps.js';
import { ExitCode, interrupted, PpError } from '../errors.js';

/** After rounds that failed, the interval doubles, up to this (or the interval, if longer). */
const BACKOFF_CAP_MS = 5 * 60_000;

/** The reason a round's signal fires at the deadline (Ctrl-C has its own). */
export class DeadlineReached extends Error {
  constructor() {
    super('the --max-wait ran out');
    this.name = 'DeadlineReached';
  }
}

export class Poll {
  readonly started: number;
  readonly deadline: number;
  /** When the next round starts, while the poll waits for it. */
  nextAt: number | undefined;
  #failures = 0;

  constructor(
    private readonly ctx: Context,
    private readonly opts: { maxWaitMs: number; intervalMs: number },
  ) {
    this.started = ctx.clock.now();
    this.deadline = this.started + opts.maxWaitMs;
  }

  get elapsed(): number {
    return this.ctx.clock.now() - this.started;
  }

  get remaining(): number {
    return Math.max(0, this.deadline - this.ctx.clock.now());
  }

  get interrupted(): boolean {
    return this.ctx.signal.aborted;
  }

  /**
   * One round of requests, whose signal fires on Ctrl-C or at the deadline (a hanging server, a
   * long rate limit). `work` gets the signal to pass to its client.
   */
  async round<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const stop = new AbortController();
    const outer = this.ctx.signal;
    const onInterrupt = () => stop.abort(outer.reason);
    outer.addEventListener('abort', onInterrupt, { once: true });
    if (outer.aborted) onInterrupt();
    const timer = setTimeout(() => stop.abort(new DeadlineReached()), this.remaining);
    timer.unref?.();
    try {
      return await work(stop.signal);
    } finally {
      clearTimeout(timer);
      outer.removeEventListener('abort', onInterrupt);
    }
  }

  /**
   * Waits for the next round: the interval, doubled for each round in a row that `failed` (up to
   * 5 minutes), and at least `retryAfterMs`. False when the deadline comes first: the wait is over
   * (it sleeps until then, so that --max-wait is what the wait lasted). Ctrl-C throws (exit 130).
   */
  async next({
    failed = false,
    retryAfterMs = 0,
  }: {
    failed?: boolean;
    retryAfterMs?: number;
  } = {}): Promise<boolean> {
    this.#failures = failed ? this.#failures + 1 : 0;
    const { intervalMs } = this.opts;
    const backoff = Math.min(
      intervalMs * 2 ** Math.min(this.#failures, 16),
      Math.max(intervalMs, BACKOFF_CAP_MS),
    );
    const delay = Math.max(backoff, retryAfterMs);
    const remaining = this.remaining;
    const wait = Math.min(delay, remaining);
    this.nextAt = this.ctx.clock.now() + wait;
    try {
      if (wait > 0) await this.ctx.clock.sleep(wait, this.ctx.signal);
    } catch {
      throw interrupted();
    } finally {
      this.nextAt = undefined;
    }
    return delay < remaining;
  }
}

/** What a failed request of a round means for the wait. */
export type Verdict =
  /** Ctrl-C: the command ends now (130). */
  | 'interrupted'
  /** The deadline fired during the request: no answer this round, and time is up. */
  | 'deadline'
  /** It may pass (rate limited, unavailable, no answer, a server error): try again, later. */
  | 'again'
  /** Nothing will change by waiting (the key refused, no such account): it ends the wait for it. */
  | 'final';

/** How a round's error is taken: see Verdict. `signal` is the round's. */
export function verdictOf(error: unknown, signal: AbortSignal, ctx: Context): Verdict {
  if (ctx.signal.aborted) return 'interrupted';
  if (signal.aborted) return 'deadline';
  if (!(error instanceof PpError)) return 'final';
  if (error.retryable || error.exitCode === ExitCode.server) return 'again';
  return 'final';
}

/** Errors that end the whole command rather than the wait for one account: the key, the config. */
export const endsEverything = (error: PpError): boolean =>
  error.exitCode === ExitCode.auth || error.exitCode === ExitCode.config || error.exitCode === ExitCode.usage;

/** What stopped the command, for its last line: Ctrl-C (130), or a scheduler's SIGTERM (143). */
export const stoppedBy = (ctx: Context): string =>
  terminatedBy(ctx.signal) ? 'terminated (SIGTERM)' : 'interrupted';
