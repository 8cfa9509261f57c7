// The one object every command receives: streams, environment, global options, settings, the
// clock and the interrupt signal (api/open.ts builds the API client from it). Built once in cli.ts
// from run()'s deps, so a command reaches the outside world only through it.
import { type KeySetting, SANDBOX_KEY, SettingsReader } from './config/settings.js';
import type { Clock, Env } from './deps.js';
import { configError, type PpError } from './errors.js';
import { maskKey } from './key.js';
import type { ExportDeps, Exporter, Failure, FormatModule, RowView } from './output/exporter.js';
import { type Format, formatFailure, formats } from './output/formats/index.js';
import type { Io } from './output/io.js';
import { oneLine } from './output/json.js';
import { warningText } from './output/notices.js';
import { neutralize } from './output/showable.js';

export interface Globals {
  /** --json, or --format json. */
  json: boolean;
  /** --format, checked against what the command takes (commands/command.ts); json with --json. */
  format: Format;
  baseUrl?: string;
  timeout: number;
  retries: number;
  strict: boolean;
  sandbox: boolean;
  color: boolean;
  verbose: boolean;
  /** --profile: the profile to use (else PP_PROFILE, else the config file's active one). */
  profile?: string | undefined;
}

export interface ContextInit {
  io: Io;
  env: Env;
  globals: Globals;
  version: string;
  signal: AbortSignal;
  clock: Clock;
  setExitCode: (code: number) => void;
  onExit: (fn: () => void) => () => void;
  commandWords: ReadonlySet<string>;
}

export class Context {
  readonly io: Io;
  readonly env: Env;
  readonly globals: Globals;
  readonly version: string;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** What pp exits with if standard output's reader leaves now (see RunDeps). */
  readonly setExitCode: (code: number) => void;
  /** Runs `fn` if the process ends before the command does; returns a remover. */
  readonly onExit: (fn: () => void) => () => void;
  /**
   * Every word of a pp command (`whoami`, `config`, `set-key`, `help`…), from the registry: no
   * profile may be named so. Handed in, so that a command never imports the registry it is in.
   */
  readonly commandWords: ReadonlySet<string>;
  readonly settings: SettingsReader;
  readonly #cleanups: (() => Promise<void>)[] = [];
  #exporter: Exporter<unknown> | undefined;
  readonly #warned = new Set<string>();
  #keyOrigin: KeySetting['origin'] | undefined;

  constructor(init: ContextInit) {
    this.io = init.io;
    this.env = init.env;
    this.globals = init.globals;
    this.version = init.version;
    this.signal = init.signal;
    this.clock = init.clock;
    this.setExitCode = init.setExitCode;
    this.onExit = init.onExit;
    this.commandWords = init.commandWords;
    this.settings = new SettingsReader(init.env, init.globals.profile);
  }

  get sandbox(): boolean {
    const env = this.env.PP_SANDBOX?.trim().toLowerCase(); // trimmed, like every setting
    return this.globals.sandbox || env === '1' || env === 'true';
  }

  /**
   * A pp command as a person types it to act on what this run read: with the --sandbox, --profile
   * and --base-url this run was given, so that the hint works when copied (`pp --sandbox accounts
   * reconnect acc_…`).
   */
  ppCommand(words: string): string {
    const { sandbox, profile, baseUrl } = this.globals;
    const flags = [
      sandbox ? ' --sandbox' : '',
      profile ? ` --profile ${profile}` : '',
      baseUrl && !sandbox ? ` --base-url ${baseUrl}` : '',
    ].join('');
    return `pp${flags}${words ? ` ${words}` : ''}`;
  }

  /**
   * `text` (a hint) with each pp command it names as ppCommand gives it: "`pp accounts` lists the
   * workspace's ids" says `pp --sandbox accounts` in a sandbox run, which is the list that has them.
   * A command that has its flags already (`pp --sandbox …`) is left as it is.
   */
  asTyped(text: string): string {
    const pp = this.ppCommand('');
    return pp === 'pp' ? text : text.replace(/`pp (?=[a-z])/g, `\`${pp} `);
  }

  /** A --verbose line on standard error (it may quote the server: a status text, a redirect). */
  verbose(line: string): void {
    if (this.globals.verbose) this.io.err(`pp: ${neutralize(line)}\n`);
  }

  /** A command's one-line result: the sentence for a person, or the object as one JSON line (--json). */
  async result(human: string, json: Record<string, unknown>): Promise<number> {
    await this.io.out(this.globals.json ? oneLine(json) : `${human}\n`);
    return 0;
  }

  /**
   * A note for a person on standard error (the count line after a table): written with the table
   * format, or when standard error is a terminal. A machine format whose check succeeded writes
   * nothing there, so that a cron job sends no mail (CLI.md, "Output").
   */
  async note(text: string): Promise<void> {
    if (this.globals.format !== 'table' && !this.io.stderr.isTTY) return;
    // on a terminal, a long line wraps at spaces rather than wherever the terminal cuts it
    if (this.io.stderr.isTTY && text.length > this.io.errColumns) {
      const { wrapText } = await import('./output/width.js');
      text = wrapText(text, this.io.errColumns);
    }
    this.io.err(`${text}\n`);
  }

  /** The exporter of the --format in use, for a command that prints a row per account. */
  async exporter<R>(view: RowView<R>): Promise<Exporter<R>> {
    const format: FormatModule = await formats[this.globals.format]();
    const exporter = format.exporter(view, this.exportDeps());
    this.#exporter = exporter as Exporter<unknown>;
    return exporter;
  }

  /** What the format writes on standard output now that the command has failed (cli.ts). */
  async failure(error: PpError): Promise<Failure | undefined> {
    if (this.#exporter) return this.#exporter.failed?.(error);
    return formatFailure(this.globals.format, error, this.exportDeps());
  }

  exportDeps(): ExportDeps {
    let profile = '';
    try {
      profile = this.settings.profileChoice().name;
    } catch {
      // a profile name pp cannot use: the command fails on it, and says so, on its own
    }
    return {
      profile,
      io: this.io,
      clock: this.clock,
      // written at once, and before the command ends (cleanup waits for it)
      warn: (text) => {
        const written = this.warn(text);
        this.onCleanup(() => written);
      },
      note: (text) => this.note(text),
    };
  }

  /** A warning said once a run, however many accounts give it (`key` says which are alike). */
  async warnOnce(key: string, text: string): Promise<void> {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    await this.warn(text);
  }

  async warn(text: string): Promise<void> {
    this.io.err(await warningText(this.io, text));
  }

  /** Runs when the command has finished, whatever the outcome. */
  onCleanup(fn: () => Promise<void>): void {
    this.#cleanups.push(fn);
  }

  async cleanup(): Promise<void> {
    for (const fn of this.#cleanups.splice(0)) await fn();
  }

  /**
   * The API key to send, registered with the Io so it can never be printed. With --sandbox, a key
   * kept in the keychain or behind a command is not read: the sandbox needs none (the start-up
   * contract), so only one at hand (PP_API_KEY, the file) is sent, else the sandbox's own.
   */
  async apiKey(): Promise<KeySetting> {
    const origin = this.settings.keyOrigin();
    const cheap = origin?.storage === 'environment' || origin?.storage === 'file';
    const key =
      this.sandbox && !cheap
        ? { value: SANDBOX_KEY, origin: { storage: 'sandbox' as const } }
        : await this.settings.apiKey({ clock: this.clock, signal: this.signal });
    if (!key) {
      const { name } = this.settings.profileChoice();
      const setKey = `pp${name === 'default' ? '' : ` --profile ${name}`} config set-key`;
      throw configError(
        `no API key for profile ${name}: set one with \`${setKey}\` or the PP_API_KEY variable`,
        `Run \`${setKey}\` and paste the key (it is not echoed), or try \`pp --sandbox …\` with no key.`,
      );
    }
    this.io.addSecret(key.value, maskKey(key.value));
    this.#keyOrigin = key.origin;
    return key;
  }

  /**
   * What to do about a key the API refused (exit 4), where it really comes from: PP_API_KEY wins
   * over everything stored, so storing another would change nothing.
   */
  refusedKeyHint(): string | undefined {
    const origin = this.#keyOrigin;
    if (!origin || origin.storage === 'sandbox') return undefined;
    if (origin.storage === 'environment')
      return 'The key comes from PP_API_KEY: check its value, or unset it to use the stored one (`pp config show`).';
    const profile = origin.profile === 'default' ? '' : ` --profile ${origin.profile}`;
    if (origin.storage === 'command')
      return `The key is what the key command of profile ${origin.profile} prints: check it (\`pp${profile} config show\`).`;
    return `The key of profile ${origin.profile} was refused: store a valid one with \`pp${profile} config set-key\`.`;
  }
}
