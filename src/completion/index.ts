// The completion scripts in completions/, generated from the very program `pp` runs, so they list
// exactly its commands and options. `npm run completions` writes them; a test fails when the
// committed files differ from what this produces.
import type { CommandUnknownOpts, OutputConfiguration } from '@commander-js/extra-typings';
import { knownPaths, methods } from '../api/paths.js';
import type { PpCommandDef } from '../commands/command.js';
import { completionFile, type Shell, shells } from '../commands/completion.js';
import { loadCommands } from '../commands/index.js';
import { helpTopics } from '../help/topics.js';
import { formatNames } from '../output/formats/index.js';
import { buildProgram } from '../program.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { readCommand, type ValueHints } from './spec.js';
import { zshScript } from './zsh.js';

export { completionFile, type Shell, shells };

/** The program pp runs, every command loaded, read for its shape only: its handlers are never called here. */
export async function programShape(): Promise<CommandUnknownOpts> {
  return shapeOf(await loadCommands());
}

/** The program of these commands, for its shape. */
export function shapeOf(commands: readonly PpCommandDef[], output?: OutputConfiguration): CommandUnknownOpts {
  // The version is not part of any script, so the files do not change on every release.
  return buildProgram('0.0.0', commands, async () => {}, output);
}

/**
 * pp's values beyond what commander declares: account ids and profile names from
 * `pp __complete` when Tab is pressed, the --format names and the help topics as they are.
 */
export const ppValues: ValueHints = {
  dynamic: {
    '--account': 'accounts',
    account_id: 'accounts',
    '--profile': 'profiles',
    profile: 'profiles',
  },
  // --format, should a command have one without declaring its choices; pp api's paths and methods
  choices: { '--format': formatNames, path: knownPaths, '--method': methods },
  helpTree: { topics: Object.fromEntries(Object.entries(helpTopics).map(([name, t]) => [name, t.summary])) },
};

export function completionScript(
  shell: Shell,
  program: CommandUnknownOpts,
  hints: ValueHints = ppValues,
): string {
  const spec = readCommand(program, hints);
  const name = program.name();
  if (shell === 'bash') return bashScript(spec, name);
  if (shell === 'zsh') return zshScript(spec, name);
  return fishScript(spec, name);
}
