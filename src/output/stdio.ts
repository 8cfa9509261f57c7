// pp's standard output and error. On a terminal they are Node's own streams. Anywhere else (a pipe,
// a file, /dev/null: every script and cron job) pp writes to the descriptor itself, synchronously,
// as a blocking write does, in the order written, without building Node's streams: process.stdout
// and process.stderr on a pipe load node:net and node:stream, ~6 ms of every start.
import { fstatSync, writeSync } from 'node:fs';
import { builtin } from '../builtin.js';
import type { OutStream } from './io.js';

export class StdioWriter implements OutStream {
  readonly isTTY: boolean;
  #stream: NodeJS.WriteStream | undefined;
  #failed = false;

  /**
   * @param open Node's stream for this descriptor, taken only when it is a terminal.
   * @param onError called when a write fails (EPIPE: the reader has gone; ENOSPC, EIO, ...);
   *   nothing more is written to the descriptor after it.
   */
  constructor(
    private readonly fd: number,
    private readonly open: () => NodeJS.WriteStream,
    private readonly onError: (err: NodeJS.ErrnoException) => void,
  ) {
    this.isTTY = isTerminal(fd);
  }

  get columns(): number | undefined {
    return this.isTTY ? this.stream().columns : undefined;
  }

  write(chunk: string): boolean {
    if (this.#failed) return true;
    if (this.isTTY) return this.stream().write(chunk);
    const bytes = Buffer.from(chunk, 'utf8');
    let done = 0;
    let pause = 1;
    while (done < bytes.length) {
      try {
        done += writeSync(this.fd, bytes, done);
        pause = 1;
      } catch (err) {
        const error = err as NodeJS.ErrnoException;
        if (error.code !== 'EAGAIN') {
          this.#failed = true;
          this.onError(error);
          return true;
        }
        // A descriptor someone left non-blocking, and a reader that is behind: wait for it, as a
        // blocking write would. (Handing the rest to Node's stream would queue it while the other
        // descriptor writes on, and a pipe shared by both would get them out of order.)
        sleep(pause);
        pause = Math.min(pause * 2, 50);
      }
    }
    return true;
  }

  once(event: 'drain', listener: () => void): unknown {
    return this.stream().once(event, listener);
  }

  private stream(): NodeJS.WriteStream {
    this.#stream ??= this.open();
    return this.#stream;
  }
}

/** Whether a descriptor is a terminal, without loading node:tty (and node:net with it) for the usual answers. */
export function isTerminal(fd: number): boolean {
  let stat: ReturnType<typeof fstatSync>;
  try {
    stat = fstatSync(fd);
  } catch {
    return false; // closed
  }
  if (!stat.isCharacterDevice()) return false; // a pipe, a socket, a file
  // /dev/null is a character device too. On Linux it and the other memory devices have major
  // number 1 (bits 8-19 of the device number, higher major bits past 32), and none of them is a
  // terminal; for every other device, ask.
  if (process.platform === 'linux' && stat.rdev < 2 ** 32 && (stat.rdev >>> 8) % 4096 === 1) return false;
  return builtin('node:tty').isatty(fd);
}

let napping: Int32Array | undefined;
/** Blocks this thread for `ms` milliseconds (Node allows Atomics.wait on its main thread). */
function sleep(ms: number): void {
  napping ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(napping, 0, 0, ms);
}
