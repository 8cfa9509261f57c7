// The shapes of the streams pp reads and writes: what process.stdout, process.stderr and process.stdin
// give main.ts, and what tests give run() in memory. Types only, so that deps.ts (run's inputs),
// io.ts and prompt.ts share them without importing one another.

export interface OutStream {
  /** Text is written as UTF-8; bytes as they are (pp api's answer, which may be any content). */
  write(chunk: string | Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean;
  columns?: number;
  /** A terminal's height: how far back a line can still be rewritten in place. */
  rows?: number;
}

export interface InStream extends AsyncIterable<string | Buffer> {
  isTTY?: boolean;
}

/** Standard input as a terminal gives it: raw mode for a hidden prompt, data events for a line. */
export interface RawInput {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  off(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  off(event: 'end', listener: () => void): unknown;
  resume(): unknown;
  pause(): unknown;
}
