// How a command is written: one file under src/commands/ exports one `defineCommand(...)`, holding
// its definition (arguments, options, help, examples: commander calls on the Command it is given)
// next to its handler, and index.ts lists it. program.ts builds the commander program from that
// list, cli.ts runs the handler, and the completion generator reads the same program.
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';

/** Every output format pp has (CLI.md, "Formats"); each command says which of them it takes. */
export const formatNames = ['table', 'json', 'csv', 'tsv', 'nagios', 'prometheus'] as const;
export type Format = (typeof formatNames)[number];
/** What a command takes unless it says otherwise: a person's layout and JSON. */
export const oneAccountFormats: readonly Format[] = ['table', 'json'];
/** A row per account: also csv and tsv (pp accounts, many-account pp profile). */
export const listFormats: readonly Format[] = ['table', 'json', 'csv', 'tsv'];

export interface PpCommandDef {
  /** Words from the program down: ['whoami'], ['config', 'set-key']. */
  path: readonly string[];
  /** Declares the command on the Command commander made for it (description, arguments, options, help). */
  define(cmd: Command): void;
  /**
   * The handler, with commander's parsed values: the arguments in order, then the options. It
   * returns the exit code. A group such as `config` has none.
   */
  run?(ctx: Context, values: readonly unknown[]): Promise<number>;
  /** The --format values the command takes, given its parsed values (default: table and json). */
  formats?(values: readonly unknown[]): readonly Format[];
}

/**
 * The one check of --format, before any command runs: an unknown name, or one the command does
 * not take, is a usage error listing those it does.
 */
export function checkFormat(def: PpCommandDef, values: readonly unknown[], format: string): void {
  const valid = def.formats?.(values) ?? oneAccountFormats;
  if ((valid as readonly string[]).includes(format)) return;
  const command = `pp ${def.path.join(' ')}`;
  const known = (formatNames as readonly string[]).includes(format);
  throw usageError(
    known ? `--format ${format} does not apply to ${command}` : `unknown --format ${JSON.stringify(format)}`,
    `${command} takes --format ${valid.join(', ')}.`,
  );
}

/**
 * A command whose handler takes its options and arguments typed. The types are the handler's word
 * for what `define` declared: commander hands over exactly those values (arguments, then options).
 */
export function defineCommand<Options, Args extends unknown[] = []>(def: {
  path: readonly string[];
  define(cmd: Command): void;
  run(ctx: Context, opts: Options, ...args: Args): Promise<number>;
  /** The --format values it takes: a list, or one that depends on the options and arguments. */
  formats?: readonly Format[] | ((opts: Options, ...args: Args) => readonly Format[]);
}): PpCommandDef {
  const { formats } = def;
  return {
    path: def.path,
    define: def.define,
    run: (ctx, values) => {
      const args = values.slice(0, -1) as Args;
      return def.run(ctx, values.at(-1) as Options, ...args);
    },
    formats: (values) =>
      typeof formats === 'function'
        ? formats(values.at(-1) as Options, ...(values.slice(0, -1) as Args))
        : (formats ?? oneAccountFormats),
  };
}

/** A command that only groups others (`pp config`). */
export const defineGroup = (path: readonly string[], define: (cmd: Command) => void): PpCommandDef => ({
  path,
  define,
});

/** `--fail-on warning`: exit 17 when the accounts answered and one has warnings (the CLI contract). */
export const failOnOption = (): Option =>
  new Option('--fail-on <level>', 'exit 17 when an account answered with warnings').choices(['warning']);

export const examples = (...lines: string[]): string =>
  `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

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

export function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600) {
    throw new InvalidArgumentError('--timeout takes seconds, more than 0 and at most 3600 (e.g. 30 or 2.5).');
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
