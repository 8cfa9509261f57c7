// The process around run(): real streams, Ctrl-C and SIGTERM, closed pipes, the exit code. The only
// file that hands `process` to pp (see deps.ts).
import { writeSync } from 'node:fs';
import { realClock, Termination } from './deps.js';
import { ExitCode, jsonAsked, jsonError, PpError } from './errors.js';
import { oneLine } from './output/json.js';
import { cannotWriteStdout, StdioWriter } from './output/stdio.js';
import { version } from './version.js';

export async function main(argv: string[]): Promise<void> {
  const atExit = new Set<() => void>();
  /** What to exit with if standard output's reader leaves before the command is done. */
  let pending: number = ExitCode.ok;
  const exit = (code: number): never => {
    for (const fn of atExit) fn();
    process.exit(code);
  };
  const onStdoutError = (err: NodeJS.ErrnoException) => {
    // A closed pipe (`pp profile … | head -1`) ends the program quietly, with the exit code it
    // already had: whoever reads has what they wanted.
    if (err.code === 'EPIPE') exit(pending);
    // Any other failure to write the output (a full disk, a terminal gone) loses the result: pp
    // says so on standard error, if it can, and fails.
    const error = new PpError({ exitCode: ExitCode.bug, message: cannotWriteStdout(err) });
    try {
      writeSync(2, jsonAsked(argv) ? oneLine({ error: jsonError(error) }) : `error: ${error.message}\n`);
    } catch {
      // standard error is gone too
    }
    exit(error.exitCode);
  };
  // Standard error carries diagnostics only: when it fails, even for want of a reader, they are
  // lost, and the command goes on to its result and exit code (StdioWriter writes no more to it).
  const onStderrError = () => {};
  // Node's stream objects are built only if pp writes to a terminal (see StdioWriter).
  const stdout = new StdioWriter(1, () => process.stdout.on('error', onStdoutError), onStdoutError);
  // Scripts call `pp --version` to check the install: answer it before commander is even loaded
  // (the same text commander prints).
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    stdout.write(`${version}\n`);
    return;
  }
  const stderr = new StdioWriter(2, () => process.stderr.on('error', onStderrError), onStderrError);
  const interrupt = new AbortController();
  // Ctrl-C and SIGTERM (what cron, systemd and CI send on a timeout) stop the command the same way:
  // it fails as interrupted, and what its format promises on failure is written (cli.ts). A second
  // signal, or a command that has not stopped 1.5 s later, ends the process there and then.
  const stop = (signal: 'SIGINT' | 'SIGTERM', code: number, reason?: Error) => {
    interrupt.abort(reason);
    setTimeout(() => {
      stderr.write(`pp: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}\n`);
      exit(code);
    }, 1500).unref();
    process.once(signal, () => exit(code));
  };
  // whichever comes first decides; a later one of the other kind ends the process at once
  const onInt = () => {
    process.off('SIGTERM', onTerm);
    process.once('SIGTERM', () => exit(143));
    stop('SIGINT', 130);
  };
  const onTerm = () => {
    process.off('SIGINT', onInt);
    process.once('SIGINT', () => exit(130));
    stop('SIGTERM', 143, new Termination());
  };
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  const { run } = await import('./cli.js');
  const code = await run(argv, {
    stdout,
    stderr,
    stdin: () => process.stdin,
    env: process.env,
    signal: interrupt.signal,
    clock: realClock,
    setExitCode: (code) => {
      pending = code;
    },
    onExit: (fn) => {
      atExit.add(fn);
      return () => atExit.delete(fn);
    },
  });
  pending = code;
  process.exitCode = code;
}

/** The help pages laid out at build time (scripts/build.mjs → dist/help.json; see help/pages.ts). */
export const helpPages = async () => (await import('./help/pages.js')).helpPages();
