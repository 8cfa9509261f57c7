// pp's standard output and error. On a terminal they are Node's own streams. Anywhere else (a pipe,
// a file, /dev/null: every script and cron job) pp writes to the descriptor itself, synchronously,
// which is what Node's streams do there on Linux too, without building them: process.stdout and
// process.stderr on a pipe load node:net and node:stream, ~6 ms of every start.
import { fstatSync, writeSync } from 'node:fs';
import { builtin } from '../builtin.js';
import type { OutStream } from './io.js';

export class StdioWriter implements OutStream {
  readonly isTTY: boolean;
  #stream: NodeJS.WriteStream | undefined;
  #failed = false;

  /**
   * @param open Node's stream for this descriptor, taken only when needed.
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
    if (this.isTTY || this.#stream) return this.stream().write(chunk);
    const bytes = Buffer.from(chunk, 'utf8');
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd, bytes, done);
      return true;
    } catch (err) {
      const error = err as NodeJS.ErrnoException;
      // A descriptor someone left non-blocking, now full: from here on Node's stream writes, and
      // waits for the reader, in order.
      if (error.code === 'EAGAIN') return this.stream().write(bytes.subarray(done));
      this.#failed = true;
      this.onError(error);
      return true;
    }
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
