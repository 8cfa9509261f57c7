// `pp completion <shell>`: prints the script shipped in completions/ (generated from the program).
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Argument } from '@commander-js/extra-typings';
import { defineCommand, examples } from './command.js';

export const shells = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof shells)[number];
export const completionFile: Record<Shell, string> = { bash: 'pp.bash', zsh: '_pp', fish: 'pp.fish' };

export default defineCommand({
  path: ['completion'],
  define: (cmd) =>
    cmd
      .description('print the shell completion script for bash, zsh or fish')
      .addArgument(new Argument('<shell>', 'the shell').choices(shells))
      .addHelpText(
        'after',
        // the folders may not exist yet on a fresh HOME
        `${examples(
          "pp completion bash > ~/.pp.bash && echo '. ~/.pp.bash' >> ~/.bashrc",
          'mkdir -p ~/.zfunc && pp completion zsh > ~/.zfunc/_pp',
          'mkdir -p ~/.config/fish/completions && pp completion fish > ~/.config/fish/completions/pp.fish',
        )}
bash: the script needs nothing but bash (sourced from
~/.bashrc, as above). With the bash-completion package it
may instead go, loaded on first use, in
~/.local/share/bash-completion/completions/pp.
zsh: fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc.
fish loads its folder by itself.
`,
      ),
  async run(ctx, _opts, shell) {
    await ctx.io.out(readFileSync(packageFile(`completions/${completionFile[shell]}`), 'utf8'));
    return 0;
  },
});

/** A file of the installed package, found from wherever the bundle put this module (dist/ or dist/chunks/). */
function packageFile(relative: string): URL {
  // the bundle is CommonJS (dist/pp.cjs, see bin/pp.js); the sources run as ES modules in tests
  const here = typeof __dirname === 'string' ? pathToFileURL(`${__dirname}/`).href : import.meta.url;
  for (const up of ['../', '../../', '../../../']) {
    const candidate = new URL(up + relative, here);
    if (existsSync(candidate)) return candidate;
  }
  return new URL(`../${relative}`, here);
}
