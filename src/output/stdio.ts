// pp's standard output and error. On a terminal they are Node's own streams. Anywhere else (a pipe,
// a file, /dev/null: every script and cron job) pp writes to the descriptor itself. To a pipe with
// fs.write, which runs in libuv's thread pool: a reader that is slow or paused blocks that thread,
// never the event loop, so requests in flight go on and their timers stay honest. write() says when
// the queue is long (false, then 'drain'), which is the backpressure a many-account run awaits. To a
// file or /dev/null, which have no reader to wait for, at once (writeSync).
//
// Not Node's process.stdout on a pipe: it loads node:net and node:stream (~6 ms of every start), and
// it makes the pipe non-blocking, which a shell's other programs sharing it do not expect.
import { fstatSync, write, writeSync } from 'node:fs';
import { builtin } from '../builtin.js';
import type { OutStream } from './streams.js';

/**
 * write() returns false once this many bytes of a descriptor wait in the queue. More than a page of
 * the accounts list as NDJSON (~130 KB), so that the write of one page overlaps the laying out of
 * the next: at 64 KB every page waited for its own write before the next was laid out (10,000
 * accounts to /dev/null: ~57 ms of waiting, ~5% of the run; `npm run bench`). Still a bound on
 * what a reader that does not read costs: 1 MB.
 */
const HIGH_WATER = 1024 * 1024;

/**
 * The first bytes of a run are written at once (writeSync) while nothing waits in the queue: an
 * empty pipe takes 16 KB without waiting for its reader (64 KB on Linux, 16 on macOS), so no reader
 * can block them, and the first asynchronous write starts libuv's thread pool, ~4 ms of a command
 * that prints a page of help or one JSON body (measured: an empty script with one fs.write, 1.13×
 * the script alone; with writeSync, 1.01×). Past them, every write goes through the queue.
 */
let syncBudget = 16 * 1024;

interface Pending {
  writer: StdioWriter;
  bytes: Buffer;
  offset: number;
}

/**
 * One queue for both descriptors, written one chunk at a time in the order written, so that
 * `2>&1` (one pipe for both) gets warnings and results in the order pp wrote them.
 */
class WriteQueue {
  readonly #items: Pending[] = [];
  #busy = false;

  get empty(): boolean {
    return this.#items.length === 0 && !this.#busy;
  }

  push(item: Pending): void {
    this.#items.push(item);
    this.#next();
  }

  drop(writer: StdioWriter): void {
    for (let i = this.#items.length - 1; i >= (this.#busy ? 1 : 0); i--) {
      if (this.#items[i]!.writer === writer) this.#items.splice(i, 1);
    }
  }

  #next(pause = 1): void {
    const item = this.#items[0];
    if (this.#busy || !item) return;
    this.#busy = true;
    write(item.writer.fd, item.bytes, item.offset, item.bytes.length - item.offset, null, (err, written) => {
      this.#busy = false;
      if (err?.code === 'EAGAIN') {
        // A descriptor someone left non-blocking, and a reader that is behind: try again shortly,
        // as a blocking write would wait (this timer keeps the process alive until it is written).
        this.#busy = true; // still this chunk's turn
        setTimeout(() => {
          this.#busy = false;
          this.#next(Math.min(pause * 2, 50));
        }, pause);
        return;
      }
      if (err) {
        // Nothing more goes to that descriptor. Its handler is told before anything else is
        // written: it may end the process (a full disk under standard output), and then the
        // diagnostics queued behind must not go out after its last word.
        this.#items.shift();
        this.drop(item.writer);
        try {
          item.writer.failed(err);
        } finally {
          this.#next();
        }
        return;
      }
      item.offset += written;
      if (item.offset < item.bytes.length) return this.#next();
      this.#items.shift();
      item.writer.written(item.bytes.length);
      this.#next();
    });
  }
}

const queue = new WriteQueue();

export class StdioWriter implements OutStream {
  readonly isTTY: boolean;
  #stream: NodeJS.WriteStream | undefined;
  #failed = false;
  #queued = 0;
  #drainListeners: (() => void)[] = [];
  #idleListeners: (() => void)[] = [];

  /**
   * A regular file or /dev/null: written at once, always (as Node's own process.stdout writes to a
   * file), while nothing waits in the queue. No reader can hold such a write up, and a write that
   * waits for the thread pool costs more than it does: 10,000 accounts to /dev/null, 5% of the run.
   */
  readonly #direct: boolean;

  /**
   * @param open Node's stream for this descriptor, taken only when it is a terminal.
   * @param onError called when a write fails (EPIPE: the reader has gone; ENOSPC, EIO, ...);
   *   nothing more is written to the descriptor after it.
   */
  constructor(
    readonly fd: number,
    private readonly open: () => NodeJS.WriteStream,
    private readonly onError: (err: NodeJS.ErrnoException) => void,
  ) {
    const kind = descriptorKind(fd);
    this.isTTY = kind === 'terminal';
    this.#direct = kind === 'file';
  }

  get columns(): number | undefined {
    return this.isTTY ? this.stream().columns : undefined;
  }

  get rows(): number | undefined {
    return this.isTTY ? this.stream().rows : undefined;
  }

  write(chunk: string | Uint8Array): boolean {
    if (this.#failed) return true;
    if (this.isTTY) return this.stream().write(chunk);
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    if (bytes.length === 0) return true;
    if (queue.empty && (this.#direct || bytes.length <= syncBudget)) {
      if (!this.#direct) syncBudget -= bytes.length;
      let written = 0;
      try {
        written = writeSync(this.fd, bytes);
      } catch {
        // EPIPE, EAGAIN...: the queue writes it again and deals with it as with any write
      }
      if (written === bytes.length) return true;
      bytes = bytes.subarray(written);
    }
    this.#queued += bytes.length;
    queue.push({ writer: this, bytes, offset: 0 });
    return this.#queued < HIGH_WATER;
  }

  once(event: 'drain', listener: () => void): unknown {
    if (this.isTTY) return this.stream().once(event, listener);
    if (this.#queued < HIGH_WATER || this.#failed) queueMicrotask(listener);
    else this.#drainListeners.push(listener);
    return this;
  }

  /** Resolves once everything written so far is out (or the descriptor failed). */
  idle(): Promise<void> {
    if (this.isTTY || this.#queued === 0 || this.#failed) return Promise.resolve();
    return new Promise((resolve) => this.#idleListeners.push(resolve));
  }

  /** Called by the queue when a chunk is out. */
  written(bytes: number): void {
    this.#queued -= bytes;
    if (this.#queued < HIGH_WATER / 2) this.#drain();
    if (this.#queued === 0) for (const resolve of this.#idleListeners.splice(0)) resolve();
  }

  /** Called by the queue when a write failed: nothing more goes to this descriptor. */
  failed(err: NodeJS.ErrnoException): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#queued = 0;
    this.#drain();
    for (const resolve of this.#idleListeners.splice(0)) resolve();
    this.onError(err);
  }

  #drain(): void {
    for (const listener of this.#drainListeners.splice(0)) listener();
  }

  private stream(): NodeJS.WriteStream {
    this.#stream ??= this.open();
    return this.#stream;
  }
}

/** Why the output is lost, for standard error: "cannot write to standard output: no space left on device (ENOSPC)". */
export function cannotWriteStdout(err: NodeJS.ErrnoException): string {
  // err.message reads "ENOSPC: no space left on device, write"
  const reason = err.message.replace(/^[A-Z]+: /, '').replace(/, write$/, '');
  return `cannot write to standard output: ${reason}${err.code ? ` (${err.code})` : ''}`;
}

/**
 * What a descriptor writes to, without loading node:tty (and node:net with it) for the usual
 * answers: a terminal; a regular file or /dev/null, which no reader can hold up; or anything else
 * (a pipe, a socket, another device, or closed).
 */
export function descriptorKind(fd: number): 'terminal' | 'file' | 'other' {
  let stat: ReturnType<typeof fstatSync>;
  try {
    stat = fstatSync(fd);
  } catch {
    return 'other'; // closed
  }
  if (stat.isFile()) return 'file';
  if (!stat.isCharacterDevice()) return 'other'; // a pipe, a socket
  // /dev/null is a character device too. On Linux it and the other memory devices have major
  // number 1 (bits 8-19 of the device number, higher major bits past 32), and none of them is a
  // terminal; for every other device, ask.
  if (process.platform === 'linux' && stat.rdev < 2 ** 32 && (stat.rdev >>> 8) % 4096 === 1) return 'file';
  return builtin('node:tty').isatty(fd) ? 'terminal' : 'other';
}
