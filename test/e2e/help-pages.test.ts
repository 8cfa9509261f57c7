// The help pages laid out at build time (dist/help.json, src/help/pages.ts), which bin/pp.js prints
// without starting the program (src/help-main.ts): each is what the program itself prints for that
// command line, whatever the environment; every command's help is among them; and the program
// still answers what the pages do not hold (a narrower output, an option among the words, a word
// it does not know). That the pages are what bin/pp.js prints is shown by modules.test.ts (`pp
// --help` loads nothing the program would) and terminal.test.ts (a wide terminal gets the page).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type HelpPages, helpLineKey, helpPageWidth } from '../../src/help/page-file.js';
import { helpCommandLines } from '../../src/help/pages.js';
import { pp } from '../helpers/pp.js';
import { baseEnv, root, runPp, tempDir } from '../helpers/run.js';

const help = JSON.parse(readFileSync(join(root, 'dist/help.json'), 'utf8')) as HelpPages;
const lines = Object.keys(help.lines).map((key) => JSON.parse(key) as string[]);

/** A user's environment that help must not depend on: a sandbox, a profile with a key, a wide COLUMNS. */
function userEnv(): Record<string, string> {
  const config = tempDir('pp-help-pages-');
  writeFileSync(
    join(config, 'config.json'),
    JSON.stringify({ active: 'work', profiles: { work: { apiKey: 'pp_live_helpPages0000' } } }),
    { mode: 0o600 },
  );
  return baseEnv({ PP_CONFIG_DIR: config, PP_SANDBOX: '1', PP_PROFILE: 'work', COLUMNS: '200' });
}

describe('the help pages laid out at build time', () => {
  it('hold every command line that asks for help: each command’s --help, -h and help, and the topics', async () => {
    expect(help.width).toBe(helpPageWidth);
    expect(lines).toEqual(await helpCommandLines());
    for (const words of [['--help'], ['whoami', '-h'], ['help', 'config', 'set-key'], ['help', 'exit-codes']])
      expect(Object.keys(help.lines)).toContain(helpLineKey(words));
  });

  it('are what the program prints for each, in a user’s environment', async () => {
    const env = userEnv();
    for (const argv of lines) {
      const r = await pp(argv, { env });
      expect([argv.join(' '), r.code, r.stderr]).toEqual([argv.join(' '), 0, '']);
      expect(r.stdout, `pp ${argv.join(' ')}`).toBe(help.pages[help.lines[helpLineKey(argv)]!]);
    }
  });
});

describe('what the pages do not hold, the program answers', () => {
  const page = help.pages[help.lines[helpLineKey(['--help'])]!]!;

  it('a narrower output (COLUMNS=60): laid out in 60 columns', async () => {
    const r = await runPp(['--help'], { env: baseEnv({ COLUMNS: '60' }) });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toBe(page);
    expect(r.stdout.split('\n').every((line) => line.length <= 60)).toBe(true);
    expect(r.stdout).toBe((await pp(['--help'], { env: baseEnv({ COLUMNS: '60' }) })).stdout);
  });

  it('an option among the words, and a word pp does not know', async () => {
    const sandbox = await runPp(['--sandbox', '--help']);
    expect([sandbox.code, sandbox.stdout]).toEqual([0, page]);
    const unknown = await runPp(['help', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/unknown command or help topic 'nope'/);
  });
});
