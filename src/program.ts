// The commander program: every command, option and example. It only parses; what each command
// does is handed in as `actions`, so the completion generator can read the same program.
import {
  Argument,
  Command,
  type HelpContext,
  InvalidArgumentError,
  Option,
  type OutputConfiguration,
} from 'commander';

export interface GlobalOptionValues {
  json?: boolean;
  baseUrl?: string;
  timeout: number;
  retries: number;
  strict?: boolean;
  sandbox?: boolean;
  color: boolean;
  verbose?: boolean;
}

export interface Actions {
  whoami(opts: { account?: string }, cmd: Command): Promise<void>;
  profile(ids: string[], opts: { fromFile?: string; concurrency: number }, cmd: Command): Promise<void>;
  configSetKey(key: string | undefined, cmd: Command): Promise<void>;
  configShow(cmd: Command): Promise<void>;
  configUnsetKey(cmd: Command): Promise<void>;
  configSetAccount(id: string, cmd: Command): Promise<void>;
  configUnsetAccount(cmd: Command): Promise<void>;
  completion(shell: string, cmd: Command): Promise<void>;
  sandbox(opts: { port: number; latency: number; rateLimit?: number }, cmd: Command): Promise<void>;
}

export const exitCodeHelp = `Exit codes:
  0  success                        9  rate limited (retries used up)
  1  unexpected failure (a bug)    10  server or provider error
  2  usage error                   11  not implemented
  3  configuration error           12  service unavailable (502, 503)
  4  authentication failed         13  gateway timeout
  5  account disconnected          14  network failure or timeout
  6  forbidden or restricted       15  invalid response
  7  not found                     16  several accounts failed differently
  8  request rejected (422, 4xx)  130  interrupted (Ctrl-C)`;

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600) {
    throw new InvalidArgumentError('--timeout takes seconds, more than 0 and at most 3600 (e.g. 30 or 2.5).');
  }
  return n;
}

function url(value: string): string {
  try {
    new URL(value);
  } catch {
    throw new InvalidArgumentError('--base-url takes a full URL such as https://api.postpress.ai.');
  }
  return value;
}

/**
 * commander's Command, except that `pp help <name>` (or `pp config help <name>`) with no command
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

const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

export function buildProgram(version: string, actions: Actions, output: OutputConfiguration = {}): Command {
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
    .addHelpCommand('help [command]', 'show help for a command')
    .addHelpText(
      'after',
      `${examples(
        'pp --sandbox whoami --account acc_demo_linkedin',
        'pp config set-key',
        'pp whoami --account acc_… --json | jq .email',
        'pp profile acc_… acc_… --json',
      )}\n${exitCodeHelp}\n`,
    );

  program
    .command('whoami')
    .description('who the linked account’s owner is, at a glance, with any warnings')
    .option('--account <id>', 'the account id (env PP_ACCOUNT_ID; default `pp config set-account`)')
    .addHelpText(
      'after',
      examples(
        'pp whoami --account acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
        'pp whoami --account acc_… --json | jq .email',
        'PP_ACCOUNT_ID=acc_… pp whoami',
        'pp --sandbox whoami --account acc_demo_telegram',
      ),
    )
    .action((opts, cmd: Command) => actions.whoami(opts, cmd));

  program
    .command('profile')
    .description('the full provider-specific profile of one account, or a summary of many')
    .argument('[account_id...]', 'one or more account ids')
    .option('--from-file <path>', 'read account ids from a file, one a line (- for standard input)')
    .option(
      '--concurrency <n>',
      'requests at once when inspecting many accounts',
      integer('--concurrency', 1, 64),
      4,
    )
    .addHelpText(
      'after',
      examples(
        'pp profile acc_demo_twitter --sandbox',
        'pp profile acc_… --json | jq .organizations',
        'pp profile --from-file accounts.txt --json | jq -c "select(.ok | not)"',
        'grep -v "^#" accounts.txt | pp profile --from-file - --concurrency 8',
      ),
    )
    .action((ids: string[], opts, cmd: Command) => actions.profile(ids, opts, cmd));

  const config = program
    .command('config')
    .description('store the API key and a default account')
    .addHelpText(
      'after',
      examples('pp config set-key', 'printf %s "$KEY" | pp config set-key', 'pp config show --json'),
    );
  config
    .command('set-key')
    .description('store the API key (hidden prompt on a terminal, standard input when piped)')
    .argument('[key]', 'the key itself (discouraged: it stays in shell history)')
    .addHelpText('after', examples('pp config set-key', 'printf %s "$PP_KEY" | pp config set-key'))
    .action((key: string | undefined, _opts, cmd: Command) => actions.configSetKey(key, cmd));
  config
    .command('show')
    .description('the config file, the masked key and where each setting comes from')
    .addHelpText('after', examples('pp config show', 'pp config show --json | jq .api_key.source'))
    .action((_opts, cmd: Command) => actions.configShow(cmd));
  config
    .command('unset-key')
    .description('remove the stored API key')
    .addHelpText('after', examples('pp config unset-key'))
    .action((_opts, cmd: Command) => actions.configUnsetKey(cmd));
  config
    .command('set-account')
    .description('store the default account for `pp whoami`')
    .argument('<account_id>', 'the account id')
    .addHelpText('after', examples('pp config set-account acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR'))
    .action((id: string, _opts, cmd: Command) => actions.configSetAccount(id, cmd));
  config
    .command('unset-account')
    .description('remove the default account')
    .addHelpText('after', examples('pp config unset-account'))
    .action((_opts, cmd: Command) => actions.configUnsetAccount(cmd));

  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      examples(
        'pp completion bash > ~/.local/share/bash-completion/completions/pp',
        'pp completion zsh > ~/.zfunc/_pp',
        'pp completion fish > ~/.config/fish/completions/pp.fish',
      ),
    )
    .action((shell: string, _opts, cmd: Command) => actions.completion(shell, cmd));

  program
    .command('sandbox')
    .description('serve the built-in sandbox API on 127.0.0.1 until interrupted')
    .option('--port <n>', 'the port (0 picks a free one)', integer('--port', 0, 65535), 0)
    .option(
      '--latency <ms>',
      'delay every answer by this many milliseconds',
      integer('--latency', 0, 60000),
      0,
    )
    .addOption(
      new Option('--rate-limit <n>', 'answer 429 beyond n requests per second').argParser(
        integer('--rate-limit', 1, 100000),
      ),
    )
    .addHelpText(
      'after',
      examples(
        'pp sandbox --port 8787',
        'PP_BASE_URL=http://127.0.0.1:8787 PP_API_KEY=pp_test_x pp whoami --account acc_demo_gmail',
      ),
    )
    .action((opts, cmd: Command) => actions.sandbox(opts, cmd));

  return program;
}
