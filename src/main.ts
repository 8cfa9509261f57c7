// The process around run(): real streams, Ctrl-C, closed pipes, the exit code.
import { StdioWriter } from './output/stdio.js';
import { version } from './version.js';

export async function main(argv: string[]): Promise<void> {
  // A closed pipe (`pp profile … | head -1`, or `pp … 2>&1 | head -1`) ends the program quietly:
  // whoever reads has what they wanted, and there is nowhere left to write an error to.
  const closed = () => process.exit(process.exitCode ?? 0);
  const onStreamError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed();
    throw err;
  };
  // Node's stream objects are built only if pp writes to a terminal (see StdioWriter).
  const stdout = new StdioWriter(1, () => process.stdout.on('error', onStreamError), closed);
  // Scripts call `pp --version` to check the install: answer it before commander is even loaded
  // (the same text commander prints).
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    stdout.write(`${version}\n`);
    return;
  }
  const stderr = new StdioWriter(2, () => process.stderr.on('error', onStreamError), closed);
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    interrupt.abort();
    // Commands stop at once on the signal; this is the backstop if one does not.
    setTimeout(() => {
      stderr.write('pp: interrupted\n');
      process.exit(130);
    }, 1500).unref();
    process.once('SIGINT', () => process.exit(130));
  });
  const { run } = await import('./cli.js');
  const code = await run(argv, {
    stdout,
    stderr,
    stdin: () => process.stdin,
    env: process.env,
    signal: interrupt.signal,
  });
  process.exitCode = code;
}
