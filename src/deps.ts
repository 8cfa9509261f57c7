// What one pp invocation takes from the world around it. `run(argv, deps)` in cli.ts is the only way
// in: main.ts hands it the real process, tests hand it in-memory streams and a fake clock. Nothing
// under src/ but main.ts reads `process` for these.
import type { InStream, OutStream, RawInput } from './output/streams.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Time, for everything that waits: backoff, Retry-After, the rate-limit pause, progress redraws. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` every `ms` until the returned function is called. Must not keep the process alive. */
  every(ms: number, fn: () => void): () => void;
}

export interface RunDeps {
  stdout: OutStream;
  stderr: OutStream;
  /** Taken when first needed: building process.stdin costs ~2 ms that most commands never need. */
  stdin: () => InStream & RawInput;
  env: Env;
  /** Aborted on Ctrl-C, and on SIGTERM (its reason then a Termination). */
  signal: AbortSignal;
  /** Real time unless a test says otherwise. */
  clock?: Clock;
  /**
   * The code pp should exit with if standard output's reader goes away now (`pp … | head -1`):
   * a many-account run updates it as it prints results.
   */
  setExitCode?: (code: number) => void;
  /** Runs `fn` if the process ends before the command does (that closed pipe); returns a remover. */
  onExit?: (fn: () => void) => () => void;
}

/**
 * The reason the run's signal carries when SIGTERM aborted it: the command stops as on Ctrl-C, and
 * cli.ts makes its exit code 143 rather than 130 (Ctrl-C leaves the default AbortError).
 */
export class Termination extends Error {
  constructor() {
    super('terminated (SIGTERM)');
    this.name = 'AbortError';
  }
}

/** Whether SIGTERM, not Ctrl-C, stopped the run. */
export const terminatedBy = (signal: AbortSignal): boolean => signal.reason instanceof Termination;

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  every: (ms, fn) => {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};
