// The streams every command writes through. Standard output carries the result only; everything
// else goes to standard error. Secrets registered here are masked in anything written to either.

export interface OutStream {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream extends AsyncIterable<string | Buffer> {
  isTTY?: boolean;
}

export interface IoOptions {
  stdout: OutStream;
  stderr: OutStream;
  /** Taken when first read: building process.stdin costs ~2 ms that most commands never need. */
  stdin: () => InStream;
  env: Readonly<Record<string, string | undefined>>;
  /** false when --no-color was given */
  colorFlag?: boolean;
}

export class Io {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdoutColor: boolean;
  readonly stderrColor: boolean;
  readonly #env: IoOptions['env'];
  readonly #stdin: () => InStream;
  #secrets: { value: string; mask: string }[] = [];

  constructor(opts: IoOptions) {
    this.stdout = opts.stdout;
    this.stderr = opts.stderr;
    this.#stdin = opts.stdin;
    this.#env = opts.env;
    this.stdoutColor = wantsColor(opts.stdout, opts.env, opts.colorFlag);
    this.stderrColor = wantsColor(opts.stderr, opts.env, opts.colorFlag);
  }

  get stdin(): InStream {
    return this.#stdin();
  }

  /** Width to lay tables out in: the terminal's, else COLUMNS, else 80. */
  get columns(): number {
    const fromEnv = Number(this.#env.COLUMNS);
    return this.stdout.columns || (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80);
  }

  /** Never print this value again: it is replaced by its mask everywhere. */
  addSecret(value: string, mask: string): void {
    if (value.length >= 4) this.#secrets.push({ value, mask });
  }

  redact(text: string): string {
    for (const { value, mask } of this.#secrets) text = text.replaceAll(value, mask);
    return text;
  }

  /** Writes the result. Resolves once the stream can take more (backpressure for long outputs). */
  out(text: string): Promise<void> | undefined {
    return this.stdout.write(this.redact(text))
      ? undefined
      : new Promise((resolve) => this.stdout.once('drain', resolve));
  }

  err(text: string): void {
    this.stderr.write(this.redact(text));
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
