// Runs pp in this process through its one entry point, run(argv, deps), with in-memory streams,
// the environment a test gives, and optionally a fake clock. Most behaviour tests use this; the
// few that need a real process (signals, closed pipes, the code cache, the package) use spawnPp.
import { Readable } from 'node:stream';
import { run } from '../../src/cli.js';
import type { Clock } from '../../src/deps.js';
import { Io } from '../../src/output/io.js';
import type { OutStream } from '../../src/output/streams.js';
import { baseEnv } from './env.js';

/** Standard output or error, kept in memory. A terminal when `tty` is given. */
export class MemoryStream implements OutStream {
  text = '';
  readonly isTTY: boolean;
  readonly columns: number | undefined;
  readonly rows: number | undefined;

  constructor(tty?: { columns: number; rows?: number }) {
    this.isTTY = tty !== undefined;
    this.columns = tty?.columns;
    this.rows = tty?.rows;
  }

  /** Everything written, as bytes (what a binary answer is checked by). */
  readonly chunks: Buffer[] = [];

  write(chunk: string | Uint8Array): boolean {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    this.chunks.push(bytes);
    this.text += bytes.toString('utf8');
    return true;
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  once(_event: 'drain', listener: () => void): unknown {
    queueMicrotask(listener);
    return this;
  }
}

/**
 * Time that passes only when pp waits: sleep() returns at once and moves the clock on, and each
 * wait is recorded, so a test asserts how long pp waited without waiting itself.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  readonly #ticks: (() => void)[] = [];
  /** `ticks`: every() callbacks run each time a wait starts (a progress line redraws). */
  constructor(
    public time = Date.UTC(2026, 10, 30, 6, 0, 0),
    private readonly opts: { ticks?: boolean } = {},
  ) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.sleeps.push(ms);
    for (const tick of this.#ticks) tick(); // as the wait starts: what it waits for is on show
    this.time += ms;
    return new Promise((resolve) => setImmediate(resolve));
  }

  every(_ms: number, fn: () => void): () => void {
    if (!this.opts.ticks) return () => {};
    this.#ticks.push(fn);
    return () => {
      const at = this.#ticks.indexOf(fn);
      if (at >= 0) this.#ticks.splice(at, 1);
    };
  }
}

export interface InProcessOptions {
  /** The whole environment (baseEnv() when not given: no PP_* variables, a fresh config folder). */
  env?: Record<string, string | undefined>;
  /** Standard input's contents. */
  input?: string;
  /** Make standard output and error terminals this wide (and this high). */
  tty?: { columns: number; rows?: number };
  clock?: Clock;
  signal?: AbortSignal;
  stdout?: OutStream;
}

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function pp(args: string[], opts: InProcessOptions = {}): Promise<InProcessResult> {
  const stdout = opts.stdout ?? new MemoryStream(opts.tty);
  const stderr = new MemoryStream(opts.tty);
  const env = opts.env ?? baseEnv();
  const code = await run(args, {
    stdout,
    stderr,
    stdin: () => Object.assign(Readable.from(opts.input === undefined ? [] : [opts.input]), { isTTY: false }),
    env,
    signal: opts.signal ?? new AbortController().signal,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return { code, stdout: stdout instanceof MemoryStream ? stdout.text : '', stderr: stderr.text };
}

/** An Io over in-memory streams: a terminal `columns` wide (or not a terminal), colour when asked. */
export function memoryIo(opts: { columns?: number; color?: boolean } = {}): Io {
  const tty = opts.columns === undefined ? undefined : { columns: opts.columns };
  return new Io({
    stdout: new MemoryStream(tty),
    stderr: new MemoryStream(tty),
    stdin: emptyStdin,
    env: opts.color ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' },
  });
}

/** A standard input with nothing in it, not a terminal. */
export const emptyStdin = () => Object.assign(Readable.from([]), { isTTY: false });

/**
 * What a terminal shows after `text`: its lines, with carriage returns, line clears and the cursor
 * moving up and down (\u001b[nA, \u001b[nB) applied, as a person would see them.
 */
export function screen(text: string): string[] {
  const shown: string[] = [''];
  let row = 0;
  let column = 0;
  const put = (ch: string) => {
    const line = shown[row]!.padEnd(column, ' ');
    shown[row] = line.slice(0, column) + ch + line.slice(column + 1);
    column++;
  };
  for (let i = 0; i < text.length; i++) {
    const control = /^\u001b\[(\d*)([ABK])/.exec(text.slice(i));
    if (control) {
      const n = Number(control[1] || 1);
      if (control[2] === 'A') row = Math.max(0, row - n);
      else if (control[2] === 'B') row += n;
      else shown[row] = shown[row]!.slice(0, column);
      while (shown.length <= row) shown.push('');
      i += control[0].length - 1;
    } else if (text[i] === '\r') column = 0;
    else if (text[i] === '\n') {
      row++;
      column = 0;
      while (shown.length <= row) shown.push('');
    } else put(text[i]!);
  }
  return shown;
}
