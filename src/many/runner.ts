// The many-accounts runner (CLI.md, "Many accounts"), whatever each account's task: the shared
// gate keeps at most --concurrency requests in flight and slows the whole run on a 429, a window
// bounds how far the run reads ahead, results reach the sink in input order as soon as the order
// allows (a reorder buffer of bounded size, so memory stays flat for any length), and a terminal
// gets a progress line. Used by many-account pp profile and pp status --deep.
import { setMaxListeners } from 'node:events';
import type { Client } from '../api/client.js';
import { RateGate } from '../api/gate.js';
import { openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { groupDigits } from '../output/format.js';
import { LiveLine } from '../output/live-line.js';
import { truncateMiddle } from '../output/width.js';

/** How long a person's terminal waits for one row before the rows after it print (see runMany). */
const STUCK_MS = 3000;

/** What runMany does with each account: the task, and the sink its results go to in input order. */
export interface ManyAccounts<T, R> {
  /** The accounts in input order, pulled only as the window has room (memory stays flat). */
  items: AsyncIterable<T>;
  concurrency: number;
  /** --max-wait: the most the run waits out rate limits in all (then the waiting fail, exit 9). */
  maxWaitMs?: number | undefined;
  /**
   * Stops the run's requests and its reading of items: Ctrl-C unless told (a bounded wait passes one
   * that also fires at its deadline).
   */
  signal?: AbortSignal | undefined;
  /** The run's own progress line on a terminal (default); false when the command draws its own. */
  progress?: boolean | undefined;
  /**
   * Given, a result awaited STUCK_MS while later ones are done does not hold them back: `mark` is
   * called at its place (whether the run waits out a rate limit), and the result goes to the sink
   * when it finishes. For a person's terminal; pipes and --json keep strict input order.
   */
  mark?:
    | ((item: T, rateLimited: boolean, progress: { clear(): void } | undefined) => Promise<void>)
    | undefined;
  /** The work on one account; its requests go through `client`, which shares the run's gate. */
  task(client: Client, item: T): Promise<R>;
  /** Counts as a failure on the progress line. */
  failed(result: R): boolean;
  /**
   * Gets each result in input order, as soon as the order allows; awaiting it is the backpressure.
   * `ahead()`: the results finished after it, and whether more are to come.
   */
  sink(
    result: R,
    progress: { clear(): void } | undefined,
    ahead: () => { results: R[]; pending: boolean },
  ): Promise<void>;
}

/**
 * The many-accounts machinery, whatever the task: the shared gate keeps at most `concurrency`
 * requests in flight and paces the whole run after a 429, a window bounds how far the run reads
 * ahead, results reach the sink in input order, and a terminal gets a progress line. Returns how
 * many accounts were started, and the error reading the items ended with, if any.
 */
export async function runMany<T, R>(
  ctx: Context,
  run: ManyAccounts<T, R>,
): Promise<{ started: number; readError: unknown }> {
  const gate = new RateGate({
    concurrency: run.concurrency,
    pace: true,
    clock: ctx.clock,
    log: ctx.globals.verbose ? (line) => ctx.verbose(line) : undefined,
    maxWaitMs: run.maxWaitMs,
  });
  const signal = run.signal ?? ctx.signal;
  const client = await openClient(ctx, { gate, signal });
  const progress = ctx.io.stderr.isTTY && run.progress !== false ? new Progress(ctx, gate) : undefined;
  // Wider than --concurrency so that one slow account does not stall the others (head-of-line
  // blocking); still small, so buffered results stay a few hundred at most.
  const windowSize = Math.max(64, run.concurrency * 8);
  // Each account in the window listens for Ctrl-C (at the gate, in a request or a retry's wait):
  // a known, bounded number of listeners, not the leak Node warns about past ten.
  setMaxListeners(2 * windowSize + 16, signal);

  const finished = new Map<number, R>();
  const wake = new Wakeup();
  let started = 0;
  let settled = 0;
  let printed = 0;
  let reading = true; // items may still come
  const ahead = () => ({ results: [...finished.values()], pending: reading || settled < started });
  const inFlight = new Map<number, T>(); // with `mark`: the items launched and not yet out
  const late = new Set<number>(); // items passed over: out when they finish
  let headSince = ctx.clock.now(); // since when the result to hand on next has been awaited
  let timer = false;

  // Hands on every result whose predecessors are all out; stops at the first unfinished one. With
  // `mark`, one awaited STUCK_MS while later ones are done (a rate limit's wait, a slow provider)
  // is passed over, its place marked, and handed on when it finishes.
  const printReady = async () => {
    for (const index of late) {
      const done = finished.get(index);
      if (done === undefined) continue;
      finished.delete(index);
      late.delete(index);
      inFlight.delete(index);
      await run.sink(done, progress, ahead);
    }
    for (;;) {
      const next = finished.get(printed);
      if (next !== undefined) {
        finished.delete(printed);
        inFlight.delete(printed);
        printed++;
        headSince = ctx.clock.now();
        await run.sink(next, progress, ahead);
        continue;
      }
      if (!run.mark || finished.size === 0 || !inFlight.has(printed)) break;
      const stuckFor = ctx.clock.now() - headSince;
      if (stuckFor < STUCK_MS) {
        if (!timer) {
          timer = true; // look again once it has been stuck that long
          ctx.clock.sleep(STUCK_MS - stuckFor, signal).then(
            () => {
              timer = false;
              print().catch(() => {});
            },
            () => {},
          );
        }
        break;
      }
      await run.mark(inFlight.get(printed)!, gate.waitingFor !== undefined, progress);
      late.add(printed);
      printed++;
      headSince = ctx.clock.now();
    }
  };
  // One printer at a time, started by each result as it comes, so a result is out as soon as the
  // order allows even while the next id is slow to arrive (ids piped in from a slow producer).
  let printing = Promise.resolve();
  const print = (): Promise<void> => {
    printing = printing.then(printReady);
    return printing;
  };

  const launch = (item: T) => {
    const index = started++;
    if (run.mark) inFlight.set(index, item);
    void run.task(client, item).then((result) => {
      finished.set(index, result);
      settled++;
      progress?.settled(run.failed(result));
      wake.notify();
      print().catch(() => {}); // a failure here is the main loop's to report: it awaits print() too
    });
  };

  progress?.start();
  let readError: unknown;
  try {
    for await (const item of run.items) {
      launch(item);
      await print();
      // The window is full: pull no more ids until the oldest result is out.
      while (started - printed >= windowSize && !signal.aborted) {
        await wake.wait();
        await print();
      }
      if (signal.aborted) break;
    }
  } catch (err) {
    readError = err;
  }
  reading = false;
  progress?.total(started);
  while (settled < started) {
    await wake.wait();
    await print();
  }
  await print();
  progress?.stop();
  return { started, readError };
}

/** The progress line of a run on a terminal's standard error: done, failed, and the pace or the pause. */
class Progress {
  readonly #line: LiveLine;
  #done = 0;
  #failed = 0;
  #total: number | undefined;
  /** Recent (time, requests started) pairs, for a rate over the last couple of seconds. */
  readonly #samples: [number, number][] = [];

  constructor(
    private readonly ctx: Context,
    private readonly gate: RateGate,
  ) {
    this.#line = new LiveLine(ctx, () => this.#text(), 250);
  }

  start(): void {
    this.#line.start();
  }

  settled(failed: boolean): void {
    this.#done++;
    if (failed) this.#failed++;
  }

  /** Known once every id has been read. */
  total(n: number): void {
    this.#total = n;
  }

  #text(): string {
    const now = this.ctx.clock.now();
    this.#samples.push([now, this.gate.started]);
    if (this.#samples.length > 8) this.#samples.shift();
    const [t0, r0] = this.#samples[0]!;
    const rate = now > t0 ? ((this.gate.started - r0) * 1000) / (now - t0) : 0;
    const n = groupDigits; // not toLocaleString: its first call loads ICU data (~20 ms)
    // one wording whether or not every id has been read yet: "12 done", then "12 of 40 done"
    const done = `${n(this.#done)}${this.#total === undefined ? '' : ` of ${n(this.#total)}`} done`;
    const paused = this.gate.pausedFor;
    const by = this.gate.waitingFor;
    const pace =
      paused > 0
        ? `waiting ${Math.ceil(paused / 1000)} s: rate limited${by ? ` (${truncateMiddle(by, 24)})` : ''}`
        : `${rate.toFixed(1)} req/s`;
    return `${done} · ${n(this.#failed)} failed · ${pace}`;
  }

  clear(): void {
    this.#line.clear();
  }

  stop(): void {
    this.#line.stop();
  }
}

/** Wakes the main loop when a result arrives; a wake-up that comes before the wait is not lost. */
class Wakeup {
  #pending = false;
  #resolve: (() => void) | undefined;

  notify(): void {
    this.#pending = true;
    this.#resolve?.();
    this.#resolve = undefined;
  }

  async wait(): Promise<void> {
    if (!this.#pending) await new Promise<void>((resolve) => (this.#resolve = resolve));
    this.#pending = false;
  }
}
