// The help pages bin/pp.js prints without starting the program (help-main.ts): laid out once, at
// build time (scripts/build.mjs writes dist/help.json), by the program itself, at the width help
// takes off a terminal and on any terminal of 80 columns or more (page-file.ts). Printing one is
// reading a file: `pp --help` costs what Node's own start-up does, where building the program
// with its 26 commands and laying the page out made it 1.7× that (`npm run bench`).
import { run } from '../cli.js';
import { loadCommands } from '../commands/index.js';
import { realClock } from '../deps.js';
import type { OutStream } from '../output/streams.js';
import { type HelpPages, helpLineKey, helpPageWidth } from './page-file.js';
import { helpTopicNames } from './topic-names.js';

/**
 * The command lines whose answer is a help page, as people type them: the program's and each
 * command's `--help` and `-h`, `pp help` with a command's words, and `pp help <topic>`.
 */
export async function helpCommandLines(): Promise<string[][]> {
  const paths = [[], ...(await loadCommands()).filter((def) => !def.hidden).map((def) => [...def.path])];
  return [
    ...paths.flatMap((path) => [
      [...path, '--help'],
      [...path, '-h'],
      ['help', ...path],
    ]),
    ...helpTopicNames.map((topic) => ['help', topic]),
  ];
}

/** Runs each command line through the program, with nothing of the environment, and keeps what it printed. */
export async function helpPages(): Promise<HelpPages> {
  const lines: Record<string, number> = {};
  const pages: string[] = [];
  for (const argv of await helpCommandLines()) {
    let stdout = '';
    let stderr = '';
    const stream = (write: (s: string) => void): OutStream => ({
      write: (chunk) => {
        write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      },
      once: () => undefined,
    });
    const code = await run(argv, {
      stdout: stream((s) => {
        stdout += s;
      }),
      stderr: stream((s) => {
        stderr += s;
      }),
      stdin: () => {
        throw new Error('help reads no input');
      },
      env: {},
      signal: new AbortController().signal,
      clock: realClock,
    });
    if (code !== 0 || stderr !== '') throw new Error(`pp ${argv.join(' ')} exited ${code}: ${stderr}`);
    const known = pages.indexOf(stdout);
    lines[helpLineKey(argv)] = known >= 0 ? known : pages.push(stdout) - 1;
  }
  return { width: helpPageWidth, lines, pages };
}
