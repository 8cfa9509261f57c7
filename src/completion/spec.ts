// Reads a commander program into plain data for the shell generators: the (sub)commands, their
// options and arguments, and what each value completes to. Only what `--help` shows is read, so
// the completions offer exactly what the help documents.
import type { Argument, CommandUnknownOpts, Help, Option } from '@commander-js/extra-typings';

/** What the value of an option or argument completes to. */
export type ValueCompletion =
  | { kind: 'none' } // free text (a number, a URL): nothing to offer
  | { kind: 'files' }
  | { kind: 'choices'; choices: string[] }
  // values known only when Tab is pressed (account ids, profiles): `<program> __complete <source>`
  | { kind: 'dynamic'; source: string };

/**
 * What a program's values complete to beyond what commander declares, by option (long flag) or
 * argument name: `{ '--account': 'accounts', account_id: 'accounts' }` for `dynamic`.
 */
export interface ValueHints {
  dynamic?: Readonly<Record<string, string>>;
  choices?: Readonly<Record<string, readonly string[]>>;
  /**
   * `help` follows its words down the tree (`pp help config set-key`), so it completes like the
   * commands themselves; at the top it also takes these topics (name → summary).
   */
  helpTree?: { topics: Readonly<Record<string, string>> };
}

export interface OptionSpec {
  /** e.g. ['-h', '--help'] */
  flags: string[];
  description: string;
  /** Set when the option takes a value (`--account <id>`), so that value is not read as a word. */
  value?: { name: string; completion: ValueCompletion };
}

export interface ArgumentSpec {
  name: string;
  description: string;
  required: boolean;
  variadic: boolean;
  completion: ValueCompletion;
}

export interface CommandSpec {
  /** Names from the program down to this command, without the program's: [] for pp, ['config', 'show']. */
  path: string[];
  name: string;
  aliases: string[];
  description: string;
  /** Its own options only (none an ancestor has); commander accepts an ancestor's options after a subcommand. */
  options: OptionSpec[];
  arguments: ArgumentSpec[];
  commands: CommandSpec[];
}

// A value named like a file completes file names (`--from-file <path>`); choices complete themselves.
const fileValue = /^(path|file|dir|directory)$/i;

/** `key` is the option's long flag or the argument's name; `name` the value's name. */
function completionFor(
  key: string,
  name: string,
  choices: readonly string[] | undefined,
  hints: ValueHints,
): ValueCompletion {
  if (choices && choices.length > 0) return { kind: 'choices', choices: [...choices] };
  const hinted = Object.hasOwn(hints.choices ?? {}, key) ? hints.choices![key] : undefined;
  if (hinted) return { kind: 'choices', choices: [...hinted] };
  const source = Object.hasOwn(hints.dynamic ?? {}, key) ? hints.dynamic![key] : undefined;
  if (source) return { kind: 'dynamic', source };
  if (fileValue.test(name)) return { kind: 'files' };
  return { kind: 'none' };
}

function readOption(option: Option, hints: ValueHints): OptionSpec {
  const flags = [option.short, option.long].filter((f): f is string => f !== undefined);
  const spec: OptionSpec = { flags, description: option.description };
  // Only a required value (`<id>`) surely takes the next word; an optional one (`[id]`) may not.
  if (option.required) {
    const name = /<([^>]+)>/.exec(option.flags)?.[1] ?? 'value';
    spec.value = { name, completion: completionFor(option.long ?? name, name, option.argChoices, hints) };
  }
  return spec;
}

function readArgument(argument: Argument, hints: ValueHints): ArgumentSpec {
  return {
    name: argument.name(),
    description: argument.description,
    required: argument.required,
    variadic: argument.variadic,
    completion: completionFor(argument.name(), argument.name(), argument.argChoices, hints),
  };
}

/**
 * The command and everything below it. Options an ancestor already declares (each subcommand's
 * own `--help`) are left out: commander accepts an ancestor's options after a subcommand too.
 */
export function readCommand(
  cmd: CommandUnknownOpts,
  hints: ValueHints = {},
  path: string[] = [],
  inherited: ReadonlySet<string> = new Set(),
  help: Help = cmd.createHelp(),
): CommandSpec {
  const subcommands = help.visibleCommands(cmd);
  const options = help
    .visibleOptions(cmd)
    .map((o) => readOption(o, hints))
    .filter((o) => !o.flags.some((f) => inherited.has(f)));
  const declared = new Set([...inherited, ...options.flatMap((o) => o.flags)]);
  const spec: CommandSpec = {
    path,
    name: cmd.name(),
    aliases: cmd.aliases(),
    description: cmd.description(),
    options,
    arguments: cmd.registeredArguments.map((a) => readArgument(a, hints)),
    commands: [],
  };
  for (const sub of subcommands) {
    const child = readCommand(sub, hints, [...path, sub.name()], declared, help);
    // `help [command...]` (help/help-command.ts) takes the name of one of its siblings.
    if (sub.name() === 'help' && child.arguments.length === 1 && child.arguments[0]) {
      const siblings = subcommands.filter((s) => s !== sub).map((s) => s.name());
      child.arguments[0].completion = { kind: 'choices', choices: siblings };
    }
    spec.commands.push(child);
  }
  const helpCommand = spec.commands.find((c) => c.name === 'help');
  if (hints.helpTree && helpCommand) {
    // `help` then completes as a command whose subcommands are its siblings' names, down the tree
    const topics = path.length === 0 ? Object.entries(hints.helpTree.topics) : [];
    helpCommand.arguments = [];
    helpCommand.commands = [
      ...spec.commands.filter((c) => c !== helpCommand).map((c) => namesOnly(c, helpCommand.path)),
      ...topics.map(([name, summary]) =>
        namesOnly({ name, description: summary, commands: [] }, helpCommand.path),
      ),
    ];
  }
  return spec;
}

/** A command's name, description and subcommands (named under `parent`), without options or arguments. */
function namesOnly(
  cmd: Pick<CommandSpec, 'name' | 'description' | 'commands'>,
  parent: string[],
): CommandSpec {
  const path = [...parent, cmd.name];
  return {
    path,
    name: cmd.name,
    aliases: [],
    description: cmd.description,
    options: [],
    arguments: [],
    commands: cmd.commands.filter((c) => c.name !== 'help').map((c) => namesOnly(c, path)),
  };
}

/** Every command of the tree, parents before children. */
export function allCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.commands.flatMap(allCommands)];
}

/** The commands from the program down to `path`. */
export function chainTo(root: CommandSpec, path: string[]): CommandSpec[] {
  const chain = [root];
  for (const name of path) {
    const next = chain.at(-1)!.commands.find((c) => c.name === name);
    if (!next) throw new Error(`no command ${path.join(' ')}`);
    chain.push(next);
  }
  return chain;
}

/** The options accepted after `path`: its own, then its ancestors' (as commander parses them). */
export const optionsAt = (root: CommandSpec, path: string[]): OptionSpec[] =>
  chainTo(root, path)
    .reverse()
    .flatMap((c) => c.options);

export const pathKey = (path: string[]): string => path.join(' ');
