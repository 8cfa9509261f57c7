// The one object every command receives: streams, environment, global options, settings, the
// interrupt signal and the API client. Built once in cli.ts; tests can build their own.
import type { Client, RateGate } from './api/client.js';
import type { Env } from './config/file.js';
import { maskKey, SANDBOX_KEY, type Setting, SettingsReader } from './config/settings.js';
import { configError } from './errors.js';
import type { Io } from './output/io.js';

export interface Globals {
  json: boolean;
  baseUrl?: string;
  timeout: number;
  retries: number;
  strict: boolean;
  sandbox: boolean;
  color: boolean;
  verbose: boolean;
}

export interface ContextInit {
  io: Io;
  env: Env;
  globals: Globals;
  version: string;
  signal: AbortSignal;
}

export class Context {
  readonly io: Io;
  readonly env: Env;
  readonly globals: Globals;
  readonly version: string;
  readonly signal: AbortSignal;
  readonly settings: SettingsReader;
  readonly #cleanups: (() => Promise<void>)[] = [];

  constructor(init: ContextInit) {
    this.io = init.io;
    this.env = init.env;
    this.globals = init.globals;
    this.version = init.version;
    this.signal = init.signal;
    this.settings = new SettingsReader(init.env);
  }

  get sandbox(): boolean {
    return this.globals.sandbox || this.env.PP_SANDBOX === '1' || this.env.PP_SANDBOX === 'true';
  }

  /** A --verbose line on standard error. */
  verbose(line: string): void {
    if (this.globals.verbose) this.io.err(`pp: ${line}\n`);
  }

  async warn(text: string): Promise<void> {
    const { renderWarning } = await import('./output/render.js');
    this.io.err(renderWarning(this.io, text));
  }

  /** Runs when the command has finished, whatever the outcome. */
  onCleanup(fn: () => Promise<void>): void {
    this.#cleanups.push(fn);
  }

  async cleanup(): Promise<void> {
    for (const fn of this.#cleanups.splice(0)) await fn();
  }

  /** The API key to send, registered with the Io so it can never be printed. */
  apiKey(): Setting {
    const key =
      this.settings.apiKey() ??
      (this.sandbox ? { value: SANDBOX_KEY, source: 'sandbox' as const } : undefined);
    if (!key) {
      throw configError(
        'no API key: set one with `pp config set-key` or the PP_API_KEY variable',
        'Run `pp config set-key` and paste the key (it is not echoed), or try `pp --sandbox …` with no key.',
      );
    }
    this.io.addSecret(key.value, maskKey(key.value));
    return key;
  }

  /**
   * The API client: against the in-process sandbox with --sandbox, else the base URL. A bulk run
   * passes its shared rate-limit gate, so every request of the run waits on the same view of 429s.
   */
  async client(opts: { gate?: RateGate } = {}): Promise<Client> {
    const key = this.apiKey();
    let baseUrl: string;
    if (this.sandbox) {
      const { startSandbox } = await import('./sandbox/server.js');
      const sandbox = await startSandbox();
      this.onCleanup(sandbox.close);
      baseUrl = sandbox.url;
      this.verbose(`sandbox: serving on ${baseUrl}`);
    } else {
      baseUrl = this.settings.baseUrl(this.globals.baseUrl).value;
    }
    const { createClient } = await import('./api/client.js');
    return createClient({
      baseUrl,
      apiKey: key.value,
      timeoutMs: this.globals.timeout * 1000,
      retries: this.globals.retries,
      userAgent: `pp/${this.version} node/${process.versions.node}`,
      env: this.env,
      log: this.globals.verbose ? (line) => this.verbose(line) : undefined,
      signal: this.signal,
      gate: opts.gate,
    });
  }
}
