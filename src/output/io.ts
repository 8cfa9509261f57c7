// The streams every command writes through. Standard output carries the result only; everything
// else goes to standard error. Secrets registered here are masked in anything written to either,
// and in what a JSON body means once parsed (json.ts asks holdsSecret of each decoded string).

import type { Env } from '../deps.js';
import { columnsFor } from './columns.js';
import { SecretMatcher } from './secret.js';
import type { InStream, OutStream, RawInput } from './streams.js';

export interface IoOptions {
  stdout: OutStream;
  stderr: OutStream;
  /** Taken when first read: building process.stdin costs ~2 ms that most commands never need. */
  stdin: () => InStream & RawInput;
  env: Env;
  /** false when --no-color was given */
  colorFlag?: boolean;
  /** --width: the columns to lay out in, whatever the terminal or COLUMNS say */
  width?: number | undefined;
}

export class Io {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdoutColor: boolean;
  readonly stderrColor: boolean;
  readonly #env: IoOptions['env'];
  readonly #width: number | undefined;
  readonly #stdin: () => InStream & RawInput;
  #errLines = 0;
  #secrets: { matcher: SecretMatcher; mask: string }[] = [];

  constructor(opts: IoOptions) {
    this.stdout = opts.stdout;
    this.stderr = opts.stderr;
    this.#stdin = opts.stdin;
    this.#env = opts.env;
    this.#width = opts.width;
    this.stdoutColor = wantsColor(opts.stdout, opts.env, opts.colorFlag);
    this.stderrColor = wantsColor(opts.stderr, opts.env, opts.colorFlag);
  }

  get stdin(): InStream & RawInput {
    return this.#stdin();
  }

  /** Width to lay standard output out in: --width, else COLUMNS, else the terminal's, else 80. */
  get columns(): number {
    return this.#columnsOf(this.stdout);
  }

  /**
   * The width a table of rows is fitted to: --width or COLUMNS when given, else the terminal's; a
   * pipe or a file has no width, so nothing in a table is cut there (`pp accounts | grep` finds
   * every whole name). Infinity for none.
   */
  get tableColumns(): number {
    const fromEnv = Number(this.#env.COLUMNS);
    const given = this.#width !== undefined || (Number.isInteger(fromEnv) && fromEnv > 0);
    return given || this.stdout.isTTY ? this.columns : Number.POSITIVE_INFINITY;
  }

  /** The same for standard error (errors, hints, the count line), which may be another terminal. */
  get errColumns(): number {
    return this.#columnsOf(this.stderr);
  }

  #columnsOf(stream: OutStream): number {
    return columnsFor(this.#env, this.#width, stream);
  }

  /** Never print this value again: it is replaced by its mask everywhere, in every form (secret.ts). */
  addSecret(value: string, mask: string): void {
    if (value.length >= 4) this.#secrets.push({ matcher: new SecretMatcher(value), mask });
  }

  redact(text: string): string {
    for (const { matcher, mask } of this.#secrets) text = matcher.replace(text, mask);
    return text;
  }

  /**
   * Where the first secret at or after `from` is in `text`, in any form redact masks, as [start,
   * end): what lets output/relay.ts mask a body that arrives in pieces, a secret cut across two.
   */
  findSecret(text: string, from = 0): [number, number] | undefined {
    let first: [number, number] | undefined;
    for (const { matcher } of this.#secrets) {
      const found = matcher.find(text, from);
      if (found && (!first || found[0] < first[0])) first = found;
    }
    return first;
  }

  /** Whether `text` holds a secret in any form redact masks: the test run on every parsed string. */
  holdsSecret(text: string): boolean {
    return this.#secrets.some(({ matcher }) => matcher.occursIn(text));
  }

  /** Writes the result. Resolves once the stream can take more (backpressure for long outputs). */
  out(text: string): Promise<void> | undefined {
    return this.stdout.write(this.redact(text))
      ? undefined
      : new Promise((resolve) => this.stdout.once('drain', resolve));
  }

  /**
   * Writes a piece of the result that its caller has masked already: output/relay.ts, which holds
   * back the end of each piece until it knows no secret runs on into the next (redact() here would
   * miss one cut in two), and writes bytes as they came.
   */
  outMasked(chunk: string | Uint8Array): Promise<void> | undefined {
    return this.stdout.write(chunk)
      ? undefined
      : new Promise((resolve) => this.stdout.once('drain', resolve));
  }

  err(text: string): void {
    this.stderr.write(this.redact(text));
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.#errLines++;
  }

  /**
   * Lines written to standard error so far: on a terminal they share the screen with the output,
   * so a line of output can be rewritten in place only while none came in between.
   */
  get errLines(): number {
    return this.#errLines;
  }
}

/** Colour only on a terminal, unless NO_COLOR / --no-color turn it off or FORCE_COLOR on. */
export function wantsColor(stream: OutStream, env: IoOptions['env'], colorFlag = true): boolean {
  if (!colorFlag) return false;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
