// The commander program: the global options, and the commands of the registry (commands/index.ts).
// It only parses; cli.ts runs what it parsed.
import { Command, CommanderError, type HelpContext, type OutputConfiguration } from 'commander';
import type { PpCommandDef } from './commands/command.js';
import { examples, integer, seconds, url, width } from './commands/command.js';
import { commands } from './commands/index.js';
import { type HelpTopic, helpTopics } from './help/topics.js';

export interface GlobalOptionValues {
  json?: boolean;
  baseUrl?: string;
  timeout: number;
  retries: number;
  strict?: boolean;
  sandbox?: boolean;
  color: boolean;
  verbose?: boolean;
  width?: number;
}

export const exitCodeHelp = `Exit codes:
  0  success                        9  rate limited (retries used up)
  1  unexpected failure (a bug)    10  server or provider error
  2  usage error                   11  not implemented
  3  configuration error           12  service unavailable (502, 503)
  4  the API key was refused       13  gateway timeout
  5  the account needs its owner   14  network failure or timeout
  6  forbidden or restricted       15  invalid response
  7  not found                     16  several accounts failed differently
  8  request rejected (422, 4xx)  130  interrupted (Ctrl-C)`;

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
    // A subcommand's help also lists --json, --sandbox and the other options it accepts from pp.
    .configureHelp({ showGlobalOptions: true })
    .option('--json', 'print machine-readable JSON (the API body exactly as received)')
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
      )}\n${exitCodeHelp}\n\nThe manual: pp help <topic>, one of\n  ${Object.keys(helpTopics).join(', ')}\n`,
    );

  const made = new Map<string, Command>([['', program]]);
  for (const def of commands) {
    const parent = made.get(def.path.slice(0, -1).join(' '));
    if (!parent) throw new Error(`command ${def.path.join(' ')} is listed before its group`);
    const cmd = parent.command(def.path.at(-1)!);
    def.define(cmd);
    if (def.run)
      cmd.action((...parsed: unknown[]) => onRun(def, parsed.slice(0, -1), parsed.at(-1) as Command));
    made.set(def.path.join(' '), cmd);
  }
  return program;
}
