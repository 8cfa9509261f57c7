// Every file generated from the program pp runs: the completion scripts (completions/) and the man
// page (man/pp.1). `npm run completions` writes them; tests fail when a committed one drifts.
import { loadCommands } from './commands/index.js';
import { completionFile, completionScript, shapeOf, shells } from './completion/index.js';
import { manPage } from './help/man.js';

export const manFile = 'man/pp.1';

/** Path in the package → text. */
export async function generatedFiles(): Promise<Map<string, string>> {
  const commands = await loadCommands();
  const program = shapeOf(commands);
  const files = new Map(
    shells.map((shell) => [`completions/${completionFile[shell]}`, completionScript(shell, program)]),
  );
  // the version is left out, as in the completions, so the page does not change on every release
  files.set(
    manFile,
    manPage((output) => shapeOf(commands, output)),
  );
  return files;
}
