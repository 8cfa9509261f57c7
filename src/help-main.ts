// `pp --help`, `pp <command> --help`, `pp help <command or topic>`, the short way: the page as the
// program laid it out at build time (help/pages.ts, dist/help.json), when the output is as wide as
// it was then. Built alone into dist/help.cjs (scripts/build.mjs), which bin/pp.js runs for a
// command line that asks for help. The third file, after main.ts and tab-main.ts, that hands
// `process` to pp.
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from './errors.js';
import { type HelpPages, helpLineKey, helpWidth } from './help/page-file.js';
import { columnsFor } from './output/columns.js';
import { cannotWriteStdout, StdioWriter } from './output/stdio.js';

/**
 * Prints the page of `argv` and resolves true; false when there is none for it (a command line
 * the program must read: an option, a word it does not know), or the output is narrower than the
 * page (COLUMNS, a narrow terminal): the program answers those.
 */
export async function main(argv: readonly string[]): Promise<boolean> {
  let help: HelpPages;
  try {
    help = JSON.parse(readFileSync(join(__dirname, 'help.json'), 'utf8')) as HelpPages;
  } catch {
    return false;
  }
  const key = helpLineKey(argv);
  const page = Object.hasOwn(help.lines, key) ? help.pages[help.lines[key]!] : undefined;
  if (page === undefined) return false;
  // As the program writes: a closed pipe ends it quietly, any other failure is said, exit 1.
  const stdout = new StdioWriter(
    1,
    () => process.stdout,
    (err) => {
      if (err.code === 'EPIPE') return;
      try {
        writeSync(2, `error: ${cannotWriteStdout(err)}\n`);
      } catch {
        // standard error is gone too
      }
      process.exitCode = ExitCode.bug; // as the program: the output is lost
    },
  );
  // the program's own width (Node's stream is built only on a terminal, to ask it)
  if (helpWidth(columnsFor(process.env, undefined, stdout)) !== help.width) return false;
  stdout.write(page);
  await stdout.idle();
  return true;
}
