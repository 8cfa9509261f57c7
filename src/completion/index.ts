// The completion scripts in completions/, generated from the very program `pp` runs, so they list
// exactly its commands and options. `npm run completions` writes them; a test fails when the
// committed files differ from what this produces.
import type { Command } from 'commander';
import { completionFile, type Shell, shells } from '../commands/completion.js';
import { buildProgram } from '../program.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { readCommand } from './spec.js';
import { zshScript } from './zsh.js';

export { completionFile, type Shell, shells };

/** The program pp runs, read for its shape only: its handlers are never called here. */
export function programShape(): Command {
  // The version is not part of any script, so the files do not change on every release.
  return buildProgram('0.0.0', async () => {});
}

export function completionScript(shell: Shell, program: Command = programShape()): string {
  const spec = readCommand(program);
  const name = program.name();
  if (shell === 'bash') return bashScript(spec, name);
  if (shell === 'zsh') return zshScript(spec, name);
  return fishScript(spec, name);
}
