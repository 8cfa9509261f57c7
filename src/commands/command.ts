// How a command is written: one file under src/commands/ exports one `defineCommand(...)`, holding
// its definition (arguments, options, help, examples: commander calls on the Command it is given)
// next to its handler, and index.ts lists it. program.ts builds the commander program from that
// list, cli.ts runs the handler, and the completion generator reads the same program.
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../context.js';

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
}

/**
 * A command whose handler takes its options and arguments typed. The types are the handler's word
 * for what `define` declared: commander hands over exactly those values (arguments, then options).
 */
export function defineCommand<Options, Args extends unknown[] = []>(def: {
  path: readonly string[];
  define(cmd: Command): void;
  run(ctx: Context, opts: Options, ...args: Args): Promise<number>;
}): PpCommandDef {
  return {
    path: def.path,
    define: def.define,
    run: (ctx, values) => {
      const args = values.slice(0, -1) as Args;
      return def.run(ctx, values.at(-1) as Options, ...args);
    },
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
