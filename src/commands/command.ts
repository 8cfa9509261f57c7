// How a command is written: one file under src/commands/ exports one `defineCommand(...)`, holding
// its definition (arguments, options, help, examples: commander calls on the Command it is given)
// next to its handler, and index.ts lists it. program.ts builds the commander program from that
// list, cli.ts runs the handler, and the completion generator reads the same program.
import {
  type Command,
  type CommandUnknownOpts,
  InvalidArgumentError,
  Option,
} from '@commander-js/extra-typings';
import { profileNameShape } from '../config/settings.js';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { type Format, formatNames, oneAccountFormats } from '../output/formats/index.js';

export interface PpCommandDef {
  /** Words from the program down: ['whoami'], ['config', 'set-key']. */
  path: readonly string[];
  /** Left out of the help and the completions (`pp __complete`, which the completion scripts call). */
  hidden?: boolean;
  /** Declares the command on the Command commander made for it (description, arguments, options, help). */
  define(cmd: Command): CommandUnknownOpts;
  /**
   * The handler, with commander's parsed values: the arguments in order, then the options. It
   * returns the exit code. A group such as `config` has none.
   */
  run?(ctx: Context, values: readonly unknown[]): Promise<number>;
  /** The --format values the command takes, given its parsed values (default: table and json). */
  formats?(values: readonly unknown[]): readonly Format[];
  /** Those it takes whatever its values (a list given as such, not a function of them). */
  formatsAlways?: readonly Format[];
}

/**
 * The --format values a command takes, given its parsed values; before they are parsed (a usage
 * error), those it takes whatever they are.
 */
export const formatsOf = (def: PpCommandDef, values: readonly unknown[] | undefined): readonly Format[] =>
  (values ? def.formats?.(values) : def.formatsAlways) ?? oneAccountFormats;

/**
 * The one check of --format, before any command runs: an unknown name, or one the command does
 * not take, is a usage error listing those it does.
 */
export function checkFormat(def: PpCommandDef, values: readonly unknown[], format: string): void {
  const valid = formatsOf(def, values);
  if ((valid as readonly string[]).includes(format)) return;
  const command = `pp ${def.path.join(' ')}`;
  const known = (formatNames as readonly string[]).includes(format);
  throw usageError(
    known ? `--format ${format} does not apply to ${command}` : `unknown --format ${JSON.stringify(format)}`,
    `${command} takes --format ${valid.join(', ')}.`,
  );
}

/** The option values of a command as declared (`--from-file <path>` → `fromFile?: string`). */
export type OptsOf<C extends CommandUnknownOpts> = ReturnType<C['opts']>;
/** Its arguments as declared, in order (`[account_id...]` → `string[]`). */
export type ArgsOf<C extends CommandUnknownOpts> = C['processedArgs'];

/** What defineCommand returns: the definition, and its handler as written, typed from `define`. */
export interface TypedCommandDef<Declared extends CommandUnknownOpts> extends PpCommandDef {
  readonly handler: (ctx: Context, opts: OptsOf<Declared>, ...args: ArgsOf<Declared>) => Promise<number>;
}

/** A command's option values, for code it hands them to (`OptionsOf<typeof profileCommand>`). */
export type OptionsOf<D extends { handler: (ctx: Context, opts: never, ...args: never[]) => unknown }> =
  Parameters<D['handler']>[1];

/**
 * A command whose handler takes its options and arguments typed from what `define` declares
 * (@commander-js/extra-typings infers them from the chain of `.argument()` and `.option()` calls):
 * a flag is written once, and a handler that reads a renamed one no longer compiles.
 */
export function defineCommand<Declared extends CommandUnknownOpts>(def: {
  path: readonly string[];
  hidden?: boolean;
  define: (cmd: Command) => Declared;
  run: (ctx: Context, opts: OptsOf<Declared>, ...args: ArgsOf<Declared>) => Promise<number>;
  /** The --format values it takes: a list, or one that depends on the options and arguments. */
  formats?: readonly Format[] | ((opts: OptsOf<Declared>, ...args: ArgsOf<Declared>) => readonly Format[]);
}): TypedCommandDef<Declared> {
  const { formats } = def;
  // commander calls the action with the arguments, then the options, then the command; the
  // handler's types are those `define` returned, so these are the values it declared
  const split = (values: readonly unknown[]) => ({
    opts: values.at(-1) as OptsOf<Declared>,
    args: values.slice(0, -1) as ArgsOf<Declared>,
  });
  return {
    path: def.path,
    hidden: def.hidden,
    define: def.define,
    handler: def.run,
    run: (ctx, values) => {
      const { opts, args } = split(values);
      return def.run(ctx, opts, ...args);
    },
    formats: (values) => {
      if (typeof formats !== 'function') return formats ?? oneAccountFormats;
      const { opts, args } = split(values);
      return formats(opts, ...args);
    },
    formatsAlways: typeof formats === 'function' ? undefined : formats,
  };
}

/** A command that only groups others (`pp config`). */
export const defineGroup = (
  path: readonly string[],
  define: (cmd: Command) => CommandUnknownOpts,
): PpCommandDef => ({
  path,
  define,
});

/** `--fail-on warning`: exit 17 when the accounts answered and one has warnings (the CLI contract). */
export const failOnOption = () =>
  new Option('--fail-on <level>', 'exit 17 when an account answered with warnings').choices([
    'warning',
  ] as const);

/**
 * `--max-wait <duration>`: the most a run of many accounts waits out rate limits in all, in
 * milliseconds (plain seconds, as before durations, still read as seconds).
 */
export const maxWaitOption = (what: string) =>
  new Option(
    '--max-wait <duration>',
    `${what}: wait out rate limits this long in all (90, 90s, 10m), then fail the rest (exit 9)`,
  ).argParser(duration('--max-wait', { max: DAY_MS }));

/**
 * `--output-file <path>`: the output written to that file, replaced whole (cli.ts opens it and
 * puts it in place: output-file.ts). Declared here once for each command that takes it.
 */
export const outputFileOption = () =>
  new Option(
    '--output-file <path>',
    'write the output to this file instead, replaced whole (a temporary file beside it, renamed over it); a new file is made 0644 so that a collector running as another user can read it, an existing one keeps its mode',
  );

export const examples = (...lines: string[]): string =>
  `\nExamples:\n${lines.map((l) => exampleLines(l).join('\n')).join('\n')}\n`;

/** Help fits a terminal of this many columns (commander lays out the rest; examples are ours). */
export const helpColumns = 60;

/**
 * An example command as lines of at most `helpColumns`: broken only at a space outside quotes, with
 * a ` \` at each break, so what one copies still runs and no word is split.
 */
function exampleLines(command: string): string[] {
  const lines: string[] = [];
  let line = '  $';
  let empty = true; // no word on this line yet: a word too long for any line still goes on it
  for (const word of shellWords(command)) {
    // room for " \" after the word, in case the next one does not fit
    if (!empty && line.length + 1 + word.length + 2 > helpColumns) {
      lines.push(`${line} \\`);
      line = '     ';
    }
    line += ` ${word}`;
    empty = false;
  }
  return [...lines, line];
}

/** The words of a command line as typed (quotes kept): split at spaces outside quotes. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === ' ' && !quote) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += c;
    if (c === '\\' && quote !== "'" && i + 1 < command.length) word += command[++i];
    else if (quote ? c === quote : c === '"' || c === "'") quote = quote ? '' : c;
  }
  if (word) words.push(word);
  return words;
}

// Option values, checked as commander parses them (a bad one is a usage error naming the option).

export function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;
export const DAY_MS = 24 * UNIT_MS.h;

/**
 * The one reader of a duration (CLI.md): a number of seconds (`90`, `2.5`), or a number with `s`,
 * `m` or `h` (`90s`, `10m`, `2h`), wherever one is taken (--max-wait, --interval, --expires). In
 * milliseconds, from `min` to `max`; outside them, or anything else, a usage error naming the option.
 */
export function duration(name: string, { min = 0, max }: { min?: number; max: number }) {
  return (value: string): number => {
    const ms = parseDuration(value);
    if (ms === undefined || ms < min || ms > max) {
      throw new InvalidArgumentError(
        `${name} takes a duration from ${formatDuration(min)} to ${formatDuration(max)}: seconds (90), or with s, m or h (90s, 10m, 2h).`,
      );
    }
    return ms;
  };
}

/** A duration in milliseconds, or undefined when the text is none (see duration()). */
export function parseDuration(value: string): number | undefined {
  const m = /^\s*(\d{1,9}(?:\.\d{1,3})?)\s*([smh]?)\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = (m[2]?.toLowerCase() || 's') as keyof typeof UNIT_MS;
  return Math.round(Number(m[1]) * UNIT_MS[unit]);
}

/** A duration as a person writes it, in the largest unit it is a whole number of: 2h, 10m, 90s, 0.5s. */
export function formatDuration(ms: number): string {
  for (const unit of ['h', 'm'] as const)
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}

export function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600) {
    throw new InvalidArgumentError('--timeout takes seconds, more than 0 and at most 3600 (e.g. 30 or 2.5).');
  }
  return n;
}

/** --width: any whole number of columns from 1; Io clamps it as it clamps COLUMNS. */
export function width(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('--width takes a whole number of columns, e.g. 100.');
  }
  return n;
}

export function url(value: string): string {
  try {
    new URL(value);
  } catch {
    throw new InvalidArgumentError('--base-url takes a full URL such as https://api.postpress.ai.');
  }
  return value;
}

/** --profile: a name of the documented shape (letters, digits, `.`, `_`, `-`; at most 64). */
export function profileName(value: string): string {
  if (!profileNameShape.test(value.trim())) {
    throw new InvalidArgumentError(
      'a profile name is letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64 characters.',
    );
  }
  return value.trim();
}
