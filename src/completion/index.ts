// The completion scripts in completions/, generated from the very program `pp` runs, so they list
// exactly its commands and options. `npm run completions` writes them; a test fails when the
// committed files differ from what this produces.
import type { Command } from 'commander';
import { completionFile, type Shell, shells } from '../commands/completion.js';
import { type Actions, buildProgram } from '../program.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { readCommand } from './spec.js';
import { zshScript } from './zsh.js';

export { completionFile, type Shell, shells };

/** The program with actions that do nothing: only its shape is read. */
export function programShape(): Command {
  const nothing = async (): Promise<void> => {};
  const actions: Actions = {
    whoami: nothing,
    profile: nothing,
    configSetKey: nothing,
    configShow: nothing,
    configUnsetKey: nothing,
    configSetAccount: nothing,
    configUnsetAccount: nothing,
    completion: nothing,
    sandbox: nothing,
  };
  // The version is not part of any script, so the files do not change on every release.
  return buildProgram('0.0.0', actions);
}

export function completionScript(shell: Shell, program: Command = programShape()): string {
  const spec = readCommand(program);
  const name = program.name();
  if (shell === 'bash') return bashScript(spec, name);
  if (shell === 'zsh') return zshScript(spec, name);
  return fishScript(spec, name);
}
