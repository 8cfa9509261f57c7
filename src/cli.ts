// Runs one pp invocation: parses the command line, builds the Context, runs the command, and is
// the one place that turns errors into words on standard error and an exit code. The only way in:
// main.ts calls it with the real process, tests with in-memory streams (deps.ts).
import { CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { checkFormat, formatsOf, type PpCommandDef } from './commands/command.js';
import { commandWords, loadCommands, subcommandsOf } from './commands/index.js';
import { Context, type Globals } from './context.js';
import { type RunDeps, realClock, terminatedBy } from './deps.js';
import {
  ExitCode,
  formatAsked,
  jsonAsked,
  jsonError,
  PpError,
  terminated,
  toPpError,
  usageError,
} from './errors.js';
import { helpWidth } from './help/page-file.js';
import { type Format, formatFailure } from './output/formats/index.js';
import { Io } from './output/io.js';
import { oneLine } from './output/json.js';
import { errorText } from './output/notices.js';
import { hideCredentials } from './output/showable.js';
import { OutputFile } from './output-file.js';
import { buildProgram, type GlobalOptionValues, helpAsked, leadingOperands } from './program.js';
import { closest } from './similar.js';
import { version } from './version.js';

export type { RunDeps };

export async function run(argv: string[], deps: RunDeps): Promise<number> {
  const noColorInArgs = argv.includes('--no-color');
  // Errors commander raises while parsing come before any Context: --json is read from argv for them.
  const json = jsonAsked(argv);
  // The command being parsed, and its parsed values once there are some: what decides whether a
  // failure is written in the format asked for (a command that does not take it, as `pp accounts
  // --format nagios`, fails with the usage error of any other command and format).
  let entered: PpCommandDef | undefined;
  let parsed: readonly unknown[] | undefined;
  // Until options are parsed, errors go out through an Io that knows only --no-color.
  let io = new Io({ ...deps, colorFlag: !noColorInArgs });
  let ctx: Context | undefined;
  let code: number = ExitCode.ok;
  // --output-file: the run's standard output, put in place at the end when the output is whole (the
  // command returned) or says it failed (its format's failure); given up otherwise
  let output: OutputFile | undefined;
  let whole = false;

  const contextFor = (cmd: CommandUnknownOpts, def: PpCommandDef, values: readonly unknown[]): Context => {
    // the values of the options program.ts declares (their type is read from that declaration)
    const g = cmd.optsWithGlobals() as GlobalOptionValues;
    if (g.json && g.format !== undefined && g.format !== 'json')
      throw usageError(
        `--json and --format ${g.format} disagree`,
        '--json is --format json: give one of them.',
      );
    const format = (g.format ?? (g.json ? 'json' : 'table')) as Format;
    checkFormat(def, values, format);
    const globals: Globals = {
      json: format === 'json',
      format,
      baseUrl: g.baseUrl,
      timeout: g.timeout,
      retries: g.retries,
      strict: g.strict === true,
      sandbox: g.sandbox === true,
      color: g.color !== false,
      verbose: g.verbose === true,
      profile: g.profile,
    };
    // declared by the commands that take it (commands/command.ts, outputFileOption); opened before
    // the command runs, so a path that cannot be written stops it before any request
    const { outputFile } = cmd.opts() as { outputFile?: unknown };
    if (typeof outputFile === 'string') output = OutputFile.open(outputFile, deps.onExit ?? (() => () => {}));
    io = new Io({ ...deps, stdout: output?.stream ?? deps.stdout, colorFlag: globals.color, width: g.width });
    ctx = new Context({
      io,
      env: deps.env,
      globals,
      version,
      signal: deps.signal,
      clock: deps.clock ?? realClock,
      setExitCode: deps.setExitCode ?? (() => {}),
      onExit: deps.onExit ?? (() => () => {}),
      commandWords,
    });
    return ctx;
  };

  const program = buildProgram(
    version,
    await loadCommands(leadingOperands(argv), helpAsked(argv)),
    async (def, values, cmd) => {
      parsed = values;
      const context = contextFor(cmd, def, values);
      code = (await def.run?.(context, values)) ?? ExitCode.ok;
      whole = true;
    },
    {
      writeOut: (s) => void io.out(s),
      // With --json, report() prints commander's errors as the one JSON object instead; this also
      // drops the help commander adds to standard error after `pp --json` with no command.
      writeErr: (s) => {
        if (!json) io.err(s);
      },
      // commander quotes the value it refused: a URL's password stays unsaid
      outputError: (s, write) => {
        if (json) return;
        const misplaced = misplacedWord(s, argv);
        write(
          hideCredentials(
            misplaced ? `error: ${misplaced.message}\n${misplaced.detail ? `${misplaced.detail}\n` : ''}` : s,
          ),
        );
      },
      // commander's own defaults (these, from process.stdout and process.stderr) would build the streams
      // the one width rule of the output (Io): COLUMNS, else the terminal's, else 80
      getOutHelpWidth: () => helpWidth(io.columns),
      getErrHelpWidth: () => helpWidth(io.errColumns),
      getOutHasColors: () => io.stdoutColor,
      getErrHasColors: () => io.stderrColor,
    },
    (def) => {
      entered = def;
    },
  );

  try {
    await program.parseAsync(argv, { from: 'user' });
    // a command that says on its own that it was interrupted (pp profile's partial table)
    if (code === ExitCode.interrupted && terminatedBy(deps.signal)) code = ExitCode.terminated;
  } catch (thrown) {
    // SIGTERM stops a command as Ctrl-C does; it is told apart here, once, for every command
    const err =
      terminatedBy(deps.signal) && toPpError(thrown).exitCode === ExitCode.interrupted
        ? terminated()
        : thrown;
    code = await report(err, io, ctx, json, argv);
    // A failed check is written in the format asked for, where the format says how (nagios:
    // UNKNOWN, exit 3; prometheus: pp_status_success 0), so it never passes for a good one.
    const format = ctx?.globals.format ?? formatAsked(argv);
    if (code !== ExitCode.ok && entered && format && formatsOf(entered, parsed).includes(format as Format)) {
      const error = err instanceof CommanderError ? usageErrorOf(err, argv) : toPpError(err);
      const failure = ctx
        ? await ctx.failure(error)
        : await formatFailure(format as Format, error, {
            profile: '',
            io,
            clock: deps.clock ?? realClock,
            warn: () => {},
            note: async () => {},
          });
      if (failure) {
        await io.out(failure.text);
        code = failure.exitCode ?? code;
        whole = true;
      }
    }
  } finally {
    // an interrupted run (Ctrl-C, SIGTERM) leaves the old file: it is no verdict
    const error = await output?.close(whole && !deps.signal.aborted);
    if (error) code = await report(error, io, ctx, json, argv);
    await ctx?.cleanup();
  }
  return code;
}

async function report(
  err: unknown,
  io: Io,
  ctx: Context | undefined,
  json: boolean,
  argv: readonly string[],
): Promise<number> {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
      return ExitCode.ok;
    if (json) {
      io.err(oneLine({ error: jsonError(usageErrorOf(err, argv)) }));
      return ExitCode.usage;
    }
    // `pp` or `pp config` with no command: commander has shown the help on stderr already
    if (err.code === 'commander.help') return ExitCode.usage;
    const hint = misplacedWord(err.message, argv)?.hint;
    io.err(
      hint
        ? `hint: ${hint}\n`
        : 'Run `pp --help` (or `pp <command> --help`) to see the commands, options and examples.\n',
    );
    return ExitCode.usage;
  }
  const verbose = ctx?.globals.verbose === true;
  let error = toPpError(
    err,
    verbose ? undefined : 'This is a bug in pp. Run again with --verbose for details, and report it.',
  );
  // the commands a hint names, as this run was typed (--sandbox, --profile, --base-url)
  if (ctx && error.hint) error = error.with({ hint: ctx.asTyped(error.hint) });
  // a refused key: what to do depends on where the key came from (PP_API_KEY, a profile, a command)
  const keyHint = error.exitCode === ExitCode.auth ? ctx?.refusedKeyHint() : undefined;
  if (keyHint) error = error.with({ hint: keyHint });
  // the owner must act: the hint names the pp command that does it (pp accounts reconnect acc_…)
  const fix = ctx && error.accountId ? await fixHint(error, error.accountId, ctx) : undefined;
  if (fix) error = error.with({ hint: error.hint ? `${error.hint} ${fix}` : fix });
  if (ctx?.globals.json ?? json) {
    io.err(oneLine({ error: jsonError(error) }));
  } else {
    io.err(await errorText(io, error, verbose));
  }
  if (verbose && !(err instanceof PpError) && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
  return error.exitCode;
}

/**
 * The pp command that does what an error's type says (reconnect the account, solve its checkpoint),
 * as a sentence for its hint; nothing when there is none, or the hint names it already.
 */
async function fixHint(error: PpError, accountId: string, ctx: Context): Promise<string | undefined> {
  // the health model (and the error catalogue with it) loads only for an error about an account
  const { fixCommands } = await import('./health.js');
  const command = fixCommands(error.type ?? '', [accountId], 1, ctx.ppCommand('')).find(
    (line) => !line.includes(' accounts wait '),
  );
  if (!command || error.hint?.includes(command)) return undefined;
  return command.includes(' accounts checkpoint ')
    ? `\`${command}\` sends the code its owner received.`
    : `\`${command}\` makes a link its owner opens to reconnect it.`;
}

/**
 * A commander parse error as pp's own usage error: "error: unknown command 'x'\n(Did you mean …?)"
 * has the title "unknown command 'x'" and the suggestion as its detail.
 */
function usageErrorOf(err: CommanderError, argv: readonly string[]): PpError {
  // `pp` or `pp config` with no command: commander's message is only a placeholder
  if (err.code === 'commander.help') return usageError('no command given');
  const misplaced = misplacedWord(err.message, argv);
  if (misplaced) return misplaced;
  const [first = '', ...rest] = hideCredentials(err.message).split('\n');
  return new PpError({
    exitCode: ExitCode.usage,
    message: first.replace(/^error: /, ''),
    detail: rest.join('\n') || undefined,
  });
}

/**
 * `pp accounts list`: a word after a command that takes no argument but has commands of its own.
 * commander says "too many arguments for 'accounts'"; the word was most likely meant as one of
 * them, or the command alone (`pp accounts` is the list).
 */
function misplacedWord(message: string, argv: readonly string[]): PpError | undefined {
  const name = /too many arguments for '([^']+)'/.exec(message)?.[1];
  const operands = leadingOperands(argv);
  const at = name === undefined ? -1 : operands.indexOf(name);
  const word = operands[at + 1];
  if (at < 0 || word === undefined) return undefined;
  const path = operands.slice(0, at + 1);
  const commands = subcommandsOf(path);
  if (commands.length === 0) return undefined;
  const similar = closest(word, commands).map((c) => `${path.join(' ')} ${c}`);
  return new PpError({
    exitCode: ExitCode.usage,
    message: `unknown command '${[...path, word].join(' ')}'`,
    detail: similar.length > 0 ? `(Did you mean ${similar.join(' or ')}?)` : undefined,
    hint: `Run \`pp ${path.join(' ')}\` alone, or one of its commands: ${commands.join(', ')}.`,
  });
}
