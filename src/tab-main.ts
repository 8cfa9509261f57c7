// `pp __complete <kind> -- <partial> <words...>`, the short way: what a shell runs on every Tab,
// so every Tab pays Node's start-up and this, and nothing else. Built alone into dist/tab.cjs
// (scripts/build.mjs), which bin/pp.js runs for a command line that starts with `__complete`: the
// whole program (commander, every command's definition, the API client) is ~10 ms more to read and
// start, measured here, against ~35 ms for Node itself. The second file, after main.ts, that hands
// `process` to pp.
import { fileValues, sandboxFromEnv } from './completion/tab.js';
import { completionKinds } from './completion/values.js';
import { StdioWriter } from './output/stdio.js';

const isKind = (word: string | undefined): word is (typeof completionKinds)[number] =>
  (completionKinds as readonly (string | undefined)[]).includes(word);

/**
 * Answers `argv` (`__complete` first) and resolves true; false when it is not the form the
 * completion scripts send (an option among the words before `--`, an unknown kind, `--help`) or
 * asks for pp's own lists (formats, help topics, the sandbox's ids: the scripts hold the first two
 * themselves), which the whole program answers as it always has.
 */
export async function main(argv: string[]): Promise<boolean> {
  const [, kind, ...rest] = argv;
  if (!isKind(kind)) return false;
  const dashes = rest.indexOf('--');
  const beforeDashes = dashes === -1 ? rest : rest.slice(0, dashes);
  // options there are commander's to read (`pp __complete accounts --sandbox`)
  if (beforeDashes.some((word) => word.startsWith('-'))) return false;
  const [partial = '', ...words] = dashes === -1 ? rest : [...beforeDashes, ...rest.slice(dashes + 1)];
  const values = fileValues({
    env: process.env,
    kind,
    partial,
    words,
    sandbox: sandboxFromEnv(process.env),
    now: Date.now(),
  });
  if (values === undefined) return false;
  // a shell that stopped reading gets nothing more, and Tab never shows an error
  const stdout = new StdioWriter(
    1,
    () => process.stdout,
    () => {},
  );
  if (values.length > 0) stdout.write(`${values.join('\n')}\n`);
  await stdout.idle();
  return true;
}
