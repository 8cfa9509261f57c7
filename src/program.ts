// The commander program: the global options, and the commands of the registry (commands/index.ts).
// It only parses; cli.ts runs what it parsed.
import { Command, CommanderError, type HelpContext, type OutputConfiguration } from 'commander';
import type { PpCommandDef } from './commands/command.js';
import { examples, integer, profileName, seconds, url, width } from './commands/command.js';
import { commands } from './commands/index.js';
import { helpLayout } from './help/layout.js';
import { type HelpTopic, helpTopics } from './help/topics.js';

export interface GlobalOptionValues {
  json?: boolean;
  format?: string;
  baseUrl?: string;
  timeout: number;
  retries: number;
  strict?: boolean;
  sandbox?: boolean;
  color: boolean;
  verbose?: boolean;
  width?: number;
  profile?: string;
}

// Two columns that fit 60; `pp help exit-codes` says more about each.
export const exitCodeHelp = `Exit codes (more: pp help exit-codes):
  0  success                    9  rate limited
  1  unexpected failure (bug)  10  server or provider error
  2  usage error               11  not implemented
  3  configuration error       12  service unavailable
  4  the API key was refused   13  gateway timeout
  5  the account needs its     14  network failure
     owner to act              15  invalid response
  6  forbidden or restricted   16  mixed failures
  7  not found                 17  answered, with warnings
  8  request rejected         130  interrupted (Ctrl-C)`;

/** Where pp --help points to the variables (pp help environment has them all). */
const environmentHelp = `Environment (more: pp help environment):
  PP_API_KEY     the API key, over the stored one
  PP_ACCOUNT_ID  the account when none is given
  PP_BASE_URL    the API's base URL
  PP_CONFIG_DIR  the folder of config.json
  PP_SANDBOX=1   the same as --sandbox`;

const helpTopic = (name: string): HelpTopic | undefined =>
  Object.hasOwn(helpTopics, name) ? helpTopics[name as keyof typeof helpTopics] : undefined;

/**
 * commander's Command, except that `pp help <topic>` prints that topic, and `pp help <name>` (or `pp config help <name>`) with no command
 * <name> says so, as `pp <name>` does. commander itself shows the whole help on standard error then,
 * without a word about what was wrong.
 */
class PpCommand extends Command {
  override createCommand(name?: string): PpCommand {
    return new PpCommand(name);
  }

  /**
   * `pp help config set-key`: commander reads only the word after `help` (and so showed config's
   * help); pp follows every word down to the command they name. A word that names no subcommand of
   * a group is the error `pp config <word>` gives. commander's typings omit this method.
   */
  _dispatchHelpCommand(name?: string): unknown {
    const words = this.args.slice(1); // args[0] is `help`
    let target: Command = this;
    for (const [i, word] of words.entries()) {
      const next = target.commands.find((c) => c.name() === word || c.aliases().includes(word));
      if (next) {
        target = next;
        continue;
      }
      // `pp help whoami x` (x an argument's place) or a trailing `help`: the help found so far
      if (i === 0 || target.commands.length === 0 || word === 'help') break;
      target.args = [word];
      return (target as unknown as { unknownCommand(): never }).unknownCommand();
    }
    if (target !== this) return target.help();
    const dispatch = (Command.prototype as unknown as { _dispatchHelpCommand(n?: string): unknown })
      ._dispatchHelpCommand;
    return dispatch.call(this, name);
  }

  override help(context?: HelpContext | ((str: string) => string)): never {
    // commander's only call with an error context and `help <name>` as its words is that fallback
    const [word, name] = this.args;
    // `help help` names the help command, which commander cannot dispatch to (it falls back to
    // help on standard error, exit 2): it is help asked for, so it is the help, exit 0
    if (typeof context === 'object' && context.error && word === 'help' && name === 'help')
      return super.help();
    const known = (n: string) => this.commands.some((c) => c.name() === n || c.aliases().includes(n));
    // `pp help <topic>`: the manual's topics, for a terminal with no browser at hand
    const topic = name !== undefined && !this.parent ? helpTopic(name) : undefined;
    if (typeof context === 'object' && context.error && word === 'help' && topic && !known(name!)) {
      const { writeOut } = this.configureOutput() as { writeOut?: (s: string) => void };
      writeOut?.(topic.text.endsWith('\n') ? topic.text : `${topic.text}\n`);
      throw new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)');
    }
    if (
      typeof context === 'object' &&
      context.error &&
      word === 'help' &&
      name !== undefined &&
      !known(name)
    ) {
      // the error commander gives `pp <name>`, "(Did you mean …?)" included; it names args[0]. The
      // method is not in commander's typings (its JSDoc calls it private), hence the cast.
      this.args = [name];
      (this as unknown as { unknownCommand(): never }).unknownCommand();
    }
    return super.help(context as HelpContext);
  }
}

/**
 * The program: the global options, then every command of the registry (commands/index.ts), each
 * defined by its own file. `onRun` runs a command's handler; the completion generator passes one
 * that does nothing, since it only reads the program's shape.
 */
export function buildProgram(
  version: string,
  onRun: (def: PpCommandDef, values: readonly unknown[], cmd: Command) => Promise<void>,
  output: OutputConfiguration = {},
  /** Told of each command as commander starts to parse its words (before its options). */
  onEnter: (def: PpCommandDef) => void = () => {},
): Command {
  const program = new PpCommand('pp')
    .configureOutput(output)
    .description(
      'Inspect the linked accounts (LinkedIn, Telegram, Twitter, Gmail, Outlook, IMAP) of the postpress API.',
    )
    .version(version, '-V, --version', 'print the version of pp')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError(true)
    // 60 columns; a subcommand's help names the global options in one line (help/layout.ts)
    .configureHelp(helpLayout)
    .option('--json', 'print machine-readable JSON (the API body exactly as received)')
    .option('--format <name>', 'table, json, csv, tsv, nagios or prometheus, where the command takes it')
    .option('--base-url <url>', 'the API base URL (env PP_BASE_URL; default https://api.postpress.ai)', url)
    .option('--timeout <seconds>', 'give up on each attempt after this long', seconds, 30)
    .option(
      '--retries <n>',
      'extra attempts on 429, 5xx and network failures',
      integer('--retries', 0, 10),
      2,
    )
    .option('--strict', 'fail (exit 15) when a profile does not match its documented schema')
    .option('--sandbox', 'answer from the built-in sandbox: no key, no network (env PP_SANDBOX=1)')
    .option('--no-color', 'no colour, even on a terminal (env NO_COLOR)')
    .option('--verbose', 'log each request, answer and retry on standard error (the key is masked)')
    .option('--profile <name>', 'the profile to use (env PP_PROFILE; default: the active one)', profileName)
    .option(
      '--width <n>',
      'lay output out in n columns (default: COLUMNS, else the terminal, else 80)',
      width,
    )
    .addHelpCommand('help [command]', 'show help for a command, or a topic')
    .addHelpText(
      'after',
      `${examples(
        'pp --sandbox whoami --account acc_demo_linkedin',
        'pp config set-key',
        'pp whoami --account acc_… --json | jq .email',
        'pp profile acc_… acc_… --json',
      )}\n${exitCodeHelp}\n\n${environmentHelp}\n\nThe manual: pp help <topic>, one of\n  ${Object.keys(helpTopics).join(', ')}\n`,
    );

  const made = new Map<string, Command>([['', program]]);
  const defs = new Map<Command, PpCommandDef>();
  for (const def of commands) {
    const parent = made.get(def.path.slice(0, -1).join(' '));
    if (!parent) throw new Error(`command ${def.path.join(' ')} is listed before its group`);
    const cmd = parent.command(def.path.at(-1)!, { hidden: def.hidden });
    def.define(cmd);
    if (def.run)
      cmd.action((...parsed: unknown[]) => onRun(def, parsed.slice(0, -1), parsed.at(-1) as Command));
    made.set(def.path.join(' '), cmd);
    defs.set(cmd, def);
  }
  // commander's public hook before a subcommand parses its own options: a usage error there is
  // that command's (a failure nagios must hear of as UNKNOWN)
  for (const cmd of made.values()) {
    if (cmd.commands.length > 0)
      cmd.hook('preSubcommand', (_parent, sub) => {
        const def = defs.get(sub);
        if (def) onEnter(def);
      });
  }
  return program;
}
