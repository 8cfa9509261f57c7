// The commander program: the global options, and the commands of the registry (commands/index.ts).
// It only parses; cli.ts runs what it parsed.
import { Command, type CommandUnknownOpts, type OutputConfiguration } from '@commander-js/extra-typings';
import {
  examples,
  integer,
  type OptsOf,
  type PpCommandDef,
  profileName,
  seconds,
  url,
  width,
} from './commands/command.js';
import { addHelpCommand } from './help/help-command.js';
import { helpLayout } from './help/layout.js';
import { helpTopicNames } from './help/topic-names.js';

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
  8  request rejected          18  still waiting (accounts
                                   wait: --max-wait ran out)
                              130  interrupted (Ctrl-C)
                              143  terminated (SIGTERM)`;

/** Where pp --help points to the variables (pp help environment has them all). */
const environmentHelp = `Environment (more: pp help environment):
  PP_API_KEY     the API key, over the stored one
  PP_ACCOUNT_ID  the account when none is given
  PP_BASE_URL    the API's base URL
  PP_CONFIG_DIR  the folder of config.json
  PP_STATE_DIR   what pp status remembers
  PP_SANDBOX=1   the same as --sandbox`;

/** The options every command takes, declared once: their values' types come from here. */
const withGlobalOptions = (program: Command) =>
  program
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
    );

export type GlobalOptionValues = OptsOf<ReturnType<typeof withGlobalOptions>>;

/**
 * The words of a command line up to its first option or its end, global options and their values
 * skipped (`--timeout 5 config set-key k` → config, set-key, k): what the registry loads from.
 */
export function leadingOperands(argv: readonly string[]): string[] {
  const takesValue = new Set(
    withGlobalOptions(new Command())
      .options.filter((o) => o.required || o.optional)
      .flatMap((o) => [o.long, o.short].filter((f) => f !== undefined)),
  );
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') break;
    if (word.startsWith('-')) {
      if (takesValue.has(word)) i++;
      continue;
    }
    words.push(word);
  }
  return words;
}

/**
 * A command's option values, with those of its own options that its parent command took instead:
 * commander gives an option written after `pp accounts reconnect` to `accounts` when both declare
 * it (`--state`, `--type`, `--group`), and the subcommand would see it as never given.
 */
function withShadowed(cmd: CommandUnknownOpts, own: Record<string, unknown>): Record<string, unknown> {
  const values = { ...own };
  for (let parent = cmd.parent; parent?.parent; parent = parent.parent) {
    const theirs = parent.opts() as Record<string, unknown>;
    for (const option of cmd.options) {
      const name = option.attributeName();
      const declared = parent.options.some((o) => o.long === option.long);
      if (declared && values[name] === undefined && theirs[name] !== undefined) values[name] = theirs[name];
    }
  }
  return values;
}

/** Whether `-h` or `--help` is among the options (before `--`). */
export const helpAsked = (argv: readonly string[]): boolean => {
  const dashes = argv.indexOf('--');
  return (dashes === -1 ? argv : argv.slice(0, dashes)).some((w) => w === '--help' || w === '-h');
};

/**
 * The program: the global options, then the commands the registry loaded (commands/index.ts), each
 * defined by its own file, and `help` on the program and on each group. `onRun` runs a command's
 * handler; the completion generator passes one that does nothing, since it only reads the
 * program's shape.
 */
export function buildProgram(
  version: string,
  commands: readonly PpCommandDef[],
  onRun: (def: PpCommandDef, values: readonly unknown[], cmd: CommandUnknownOpts) => Promise<void>,
  output: OutputConfiguration = {},
  /** Told of each command as commander starts to parse its words (before its options). */
  onEnter: (def: PpCommandDef) => void = () => {},
): CommandUnknownOpts {
  const program = new Command('pp')
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
    .addHelpText(
      'after',
      `${examples(
        'pp --sandbox whoami --account acc_demo_linkedin',
        'pp config set-key',
        'pp whoami --account acc_… --json | jq .email',
        'pp profile acc_… acc_… --json',
      )}\n${exitCodeHelp}\n\n${environmentHelp}\n\nThe manual: pp help <topic>, one of\n  ${helpTopicNames.join(', ')}\n`,
    );
  withGlobalOptions(program);

  const made = new Map<string, CommandUnknownOpts>([['', program]]);
  const defs = new Map<CommandUnknownOpts, PpCommandDef>();
  const groups: CommandUnknownOpts[] = [program];
  for (const def of commands) {
    const parent = made.get(def.path.slice(0, -1).join(' '));
    if (!parent) throw new Error(`command ${def.path.join(' ')} is listed before its group`);
    const cmd = parent.command(def.path.at(-1)!, { hidden: def.hidden });
    def.define(cmd);
    if (def.run)
      cmd.action((...parsed: unknown[]) => {
        const command = parsed.at(-1) as CommandUnknownOpts;
        const values = parsed.slice(0, -1);
        values[values.length - 1] = withShadowed(command, values.at(-1) as Record<string, unknown>);
        return onRun(def, values, command);
      });
    else groups.push(cmd);
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
  // last in each list, where commander put its own
  const helpExamples = examples('pp help config set-key', 'pp config help use', 'pp help exit-codes');
  for (const group of groups) addHelpCommand(group, helpExamples);
  return program;
}
