// Every file generated from the program pp runs: the completion scripts (completions/) and the man
// page (man/pp.1). `npm run completions` writes them; tests fail when a committed one drifts.
import { completionFile, completionScript, shells } from './completion/index.js';
import { manPage } from './help/man.js';
import { buildProgram } from './program.js';

export const manFile = 'man/pp.1';

/** Path in the package → text. */
export function generatedFiles(): Map<string, string> {
  const files = new Map(
    shells.map((shell) => [`completions/${completionFile[shell]}`, completionScript(shell)]),
  );
  // the version is left out, as in the completions, so the page does not change on every release
  files.set(
    manFile,
    manPage((output) => buildProgram('0.0.0', async () => {}, output)),
  );
  return files;
}
