// The process around run(): real streams, Ctrl-C, closed pipes, the exit code.
import { version } from './version.js';

export async function main(argv: string[]): Promise<void> {
  // Scripts call `pp --version` to check the install: answer it before commander is even loaded
  // (the same text commander prints).
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${version}\n`);
    return;
  }
  const interrupt = new AbortController();
  // A closed pipe (`pp profile … | head -1`, or `pp … 2>&1 | head -1`) ends the program quietly:
  // whoever reads has what they wanted, and there is nowhere left to write an error to.
  const onStreamError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  };
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);
  process.once('SIGINT', () => {
    interrupt.abort();
    // Commands stop at once on the signal; this is the backstop if one does not.
    setTimeout(() => {
      process.stderr.write('pp: interrupted\n');
      process.exit(130);
    }, 1500).unref();
    process.once('SIGINT', () => process.exit(130));
  });
  const { run } = await import('./cli.js');
  const code = await run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signal: interrupt.signal,
  });
  process.exitCode = code;
}
