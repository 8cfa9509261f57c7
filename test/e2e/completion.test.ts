// The completion scripts: generated from the program (no drift), printed by `pp completion`, and
// asked for completions by the real bash, zsh and fish.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from '@commander-js/extra-typings';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/commands/index.js';
import {
  completionFile,
  completionScript,
  programShape,
  type Shell,
  shells,
} from '../../src/completion/index.js';
import { formatNames } from '../../src/output/formats/index.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { pp } from '../helpers/pp.js';
import { baseEnv, bin, root, runPp, tempDir } from '../helpers/run.js';
import { describeWith } from '../helpers/tools.js';

const file = (shell: Shell): string => join(root, 'completions', completionFile[shell]);

/** Runs a program to completion; fails the test when it cannot start or times out. */
function sh(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { encoding: 'utf8', env, timeout: 15_000 });
  if (result.error) throw result.error;
  return result;
}

const commands = await loadCommands();
/** The config subcommands of the registry, in its order, then help: what every shell offers after `pp config`. */
const config = [
  ...commands.filter((c) => c.path.length === 2 && c.path[0] === 'config' && !c.hidden).map((c) => c.path[1]),
  'help',
];

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

/**
 * What the shells run in: pp on PATH (the scripts call `pp __complete`), and a config folder with
 * a default account (acc_mine) and the ids `pp accounts` listed from a sandbox with 3 generated
 * accounts (acc_gen_000001…3), which only the cache knows.
 */
let shellEnv: Record<string, string> = {};
beforeAll(async () => {
  const dir = tempDir('pp-shells-');
  mkdirSync(join(dir, 'bin'));
  symlinkSync(bin, join(dir, 'bin', 'pp'));
  shellEnv = baseEnv({ PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` });
  const sandbox = await startSandbox({ accounts: 3 });
  // the profile's own base URL, which a shell's Tab reads too: the ids are cached for that API
  const env = { ...shellEnv, PP_API_KEY: 'pp_test_x' };
  expect((await pp(['config', 'set-base-url', sandbox.url], { env })).code).toBe(0);
  expect((await pp(['config', 'set-account', 'acc_mine'], { env })).code).toBe(0);
  expect((await pp(['accounts'], { env })).code).toBe(0);
  await sandbox.close();
});

describe('completion scripts', () => {
  it.each(shells)('completions/ holds what the program generates for %s', async (shell) => {
    // On failure: run `npm run completions` and commit the result.
    expect(readFileSync(file(shell), 'utf8')).toBe(completionScript(shell, await programShape()));
  });

  it('`npm run completions -- --check` agrees', () => {
    const check = sh(process.execPath, [join(root, 'scripts/completions.mjs'), '--check']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it.each(shells)('`pp completion %s` prints the committed file', async (shell) => {
    const result = await runPp(['completion', shell]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(file(shell), 'utf8'));
  });

  it('`pp completion` with another shell is a usage error', async () => {
    const result = await runPp(['completion', 'tcsh']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bash, zsh, fish/);
  });
});

describe('bash', () => {
  /** What `fn` in `script` offers for the words typed so far; the last word is the one being completed. */
  function bashComplete(script: string, fn: string, words: string[]): string[] {
    const run = [
      `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); ${fn}`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('; ');
    const result = sh('bash', ['--norc', '--noprofile', '-c', run, 'bash', script, ...words], shellEnv);
    expect(result.stderr).toBe('');
    return lines(result.stdout);
  }
  const complete = (...words: string[]): string[] => bashComplete(file('bash'), '_pp', words);

  it('registers _pp for pp', () => {
    const result = sh('bash', [
      '--norc',
      '--noprofile',
      '-c',
      'source "$1" && complete -p pp',
      'bash',
      file('bash'),
    ]);
    expect(result.stdout.trim()).toBe('complete -F _pp pp');
  });
  it('the README’s install line works with bash alone, no bash-completion package', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const line = /^pp completion bash .*$/m.exec(readme)?.[0];
    expect(line).toBeDefined();
    const home = tempDir('pp-home-');
    const env = { ...shellEnv, HOME: home };
    expect(sh('bash', ['--norc', '--noprofile', '-c', line!], env).status).toBe(0);
    // a new interactive shell reads ~/.bashrc (and only it: no system bash-completion)
    const shell = sh(
      'bash',
      ['--noprofile', '--rcfile', join(home, '.bashrc'), '-i', '-c', 'complete -p pp'],
      env,
    );
    expect(shell.stdout.trim()).toBe('complete -F _pp pp');
  });
  it('completes commands', () => {
    expect(complete('pp', 'wh')).toEqual(['whoami']);
    // every top-level command of the registry, in its order, then help
    const top = commands.filter((c) => c.path.length === 1 && !c.hidden).map((c) => c.path[0]);
    expect(top).toContain('whoami');
    expect(complete('pp', '')).toEqual([...top, 'help']);
  });
  it('completes subcommands, also after global options', () => {
    expect(config).toEqual(expect.arrayContaining(['set-key', 'use', 'remove-profile', 'help']));
    expect(complete('pp', 'config', '')).toEqual(config);
    expect(complete('pp', '--json', '--timeout', '5', 'config', 's')).toEqual([
      'set-key',
      'set-key-command',
      'show',
      'set-account',
      'set-base-url',
    ]);
    expect(complete('pp', 'help', 'pr')).toEqual(['profile']);
    // help follows its words down, as `pp help config set-key` does
    expect(complete('pp', 'help', 'config', 's')).toEqual([
      'set-key',
      'set-key-command',
      'show',
      'set-account',
      'set-base-url',
    ]);
    expect(complete('pp', 'help', 'ex')).toEqual(['exit-codes']);
  });
  it("completes a command's options and the global ones", () => {
    const options = complete('pp', 'whoami', '--');
    expect(options).toContain('--account');
    expect(options).toEqual(
      expect.arrayContaining(['--json', '--sandbox', '--no-color', '--help', '--timeout']),
    );
    expect(complete('pp', 'config', 'show', '--j')).toEqual(['--json']);
  });
  it('completes the paths pp knows and the methods of `pp api`', () => {
    expect(complete('pp', 'api', '/api/v1/accounts/c')).toEqual([
      '/api/v1/accounts/checkpoint',
      '/api/v1/accounts/checkpoint/resend',
    ]);
    expect(complete('pp', 'api', '-X', 'P')).toEqual(['POST', 'PUT', 'PATCH']);
  });

  it('completes the shells of `pp completion`', () => {
    expect(complete('pp', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('pp', 'completion', 'bash', '')).toEqual([]);
  });
  // each offer of ids starts pp: as few as cover the three sources
  it('completes account ids: the default, those pp accounts listed, the sandbox’s under --sandbox', () => {
    const ids = complete('pp', 'profile', 'acc_demo_linkedin', 'acc_');
    expect(ids).toEqual(expect.arrayContaining(['acc_mine', 'acc_demo_gmail', 'acc_gen_000003']));
    expect(ids).not.toContain('acc_error_wrong_account');
    expect(complete('pp', '--sandbox', 'whoami', '--account', 'acc_error_wr')).toEqual([
      'acc_error_wrong_account',
    ]);
    expect(complete('pp', 'help', 'sc')).toEqual(['scripting']);
  });
  it('completes --format names where a command has --format', () => {
    const demo = new Command('pp');
    demo.command('status').option('--format <name>', 'the format');
    const script = join(tempDir('pp-bash-'), 'format.bash');
    writeFileSync(script, completionScript('bash', demo));
    expect(bashComplete(script, '_pp', ['pp', 'status', '--format', ''])).toEqual([...formatNames]);
  });
  it('offers nothing for a free value, and file names for --from-file', () => {
    expect(complete('pp', '--timeout', '=', '')).toEqual([]);
    expect(complete('pp', 'whoami', '--account', 'acc_x', '--j')).toEqual(['--json']);
    expect(complete('pp', 'profile', '--from-file', join(root, 'complet'))).toEqual([
      join(root, 'completions'),
    ]);
  });
  it('follows the shape of any program: aliases, deeper subcommands, option choices', () => {
    const demo = new Command('demo').addOption(
      new Option('--format <fmt>', 'the format').choices(['json', 'text']),
    );
    const remote = demo.command('remote').alias('r').description('the remotes');
    remote.command('add').description('add one').argument('<name>').option('-f, --force', 'overwrite');
    const script = join(tempDir('pp-bash-'), 'demo.bash');
    writeFileSync(script, completionScript('bash', demo));
    expect(bashComplete(script, '_demo', ['demo', 'r', ''])).toEqual(['add', 'help']);
    expect(bashComplete(script, '_demo', ['demo', '--format', ''])).toEqual(['json', 'text']);
    expect(bashComplete(script, '_demo', ['demo', 'remote', 'add', '-'])).toEqual([
      '-f',
      '--force',
      '--format',
      '-h',
      '--help',
    ]);
  });
});

describeWith('zsh', 'zsh', () => {
  /**
   * Asks an interactive zsh for completions, as Tab would: zle needs a terminal, so the shell runs
   * in zsh/zpty, and a wrapper around compadd prints every match that would be offered.
   */
  const driver = `
zmodload zsh/zpty || exit 3
setup=$(mktemp)
# $2 loads the completion system and pp's script; compinit resets comppostfuncs, so it goes first.
print -r -- "$2" > $setup
cat >> $setup <<'SETUP'
PROMPT=''
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
compadd() {
  # calls that only store or describe matches are compsys internals: pass them through
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return; fi
  local -a hits
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rl -- '<<'\${^hits}'>>'
}
comppostfuncs=(__pp_test_done)
__pp_test_done() { print -r -- '<<END>>'; exit }
print -r -- '<<READY>>'
SETUP
zpty z zsh -f -i
zpty -w z "source \${(q)setup}"
local line
while zpty -r z line; do [[ $line == *'<<READY>>'* ]] && break; done
zpty -w -n z "$1"$'\\t'
while zpty -r z line; do
  [[ $line == *'<<END>>'* ]] && break
  [[ $line =~ '<<(.*)>>' ]] && print -r -- $match[1]
done
zpty -d z
rm -f $setup
`;
  let driverFile = '';
  beforeAll(() => {
    driverFile = join(tempDir('pp-zsh-'), 'complete.zsh');
    writeFileSync(driverFile, driver);
  });

  // The two ways the README installs it: a file in $fpath, or `source <(pp completion zsh)`.
  const viaFpath = `fpath=(${join(root, 'completions')} $fpath); autoload -Uz compinit && compinit -u -D`;
  const viaSource = `autoload -Uz compinit && compinit -u -D; source ${file('zsh')}`;
  function complete(line: string, setup = viaFpath): string[] {
    const result = sh('zsh', ['-f', driverFile, line, setup], shellEnv);
    expect(result.status).toBe(0);
    return lines(result.stdout);
  }

  it('passes zsh -n', () => {
    const result = sh('zsh', ['-n', file('zsh')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
  it('completes commands, subcommands and options', () => {
    expect(complete('pp wh')).toEqual(['whoami']);
    expect(complete('pp config ')).toEqual(config);
    expect(complete('pp --json config s')).toEqual([
      'set-key',
      'set-key-command',
      'show',
      'set-account',
      'set-base-url',
    ]);
    const options = complete('pp whoami --');
    expect(options).toContain('--account');
    expect(options).toEqual(expect.arrayContaining(['--json', '--sandbox', '--no-color', '--help']));
  });
  it('completes shells, option values and file names', () => {
    expect(complete('pp completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('pp --timeout ')).toEqual([]);
    expect(complete(`pp profile --from-file ${join(root, 'complet')}`)).toEqual(['completions']);
  });
  it('completes account ids: the default, those pp accounts listed, the sandbox’s under --sandbox', () => {
    expect(complete('pp whoami --account acc_')).toEqual(
      expect.arrayContaining(['acc_mine', 'acc_demo_gmail', 'acc_gen_000003']),
    );
    expect(complete('pp --sandbox profile acc_error_wr')).toEqual(['acc_error_wrong_account']);
  });
  it('works sourced as well as autoloaded', () => {
    expect(complete('pp wh', viaSource)).toEqual(['whoami']);
  });
});

describeWith('fish', 'fish', () => {
  // fish autoloads completions/pp.fish from $fish_complete_path only for a command on PATH.
  /** The completions, without their descriptions unless `described`. */
  function complete(line: string, described = false): string[] {
    const script = 'set -p fish_complete_path $argv[1]; complete -C $argv[2]';
    const result = sh('fish', ['--no-config', '-c', script, join(root, 'completions'), line], shellEnv);
    expect(result.stderr).toBe('');
    return lines(result.stdout).map((l) => (described ? l : l.split('\t')[0]!));
  }

  it('passes fish -n', () => {
    const result = sh('fish', ['-n', file('fish')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
  it('completes commands with their descriptions', () => {
    const result = sh(
      'fish',
      ['--no-config', '-c', 'source $argv[1]; complete -C "pp wh"', file('fish')],
      shellEnv,
    );
    expect(result.stdout).toMatch(/^whoami\t.*at a glance/);
  });
  it('describes no value with its option’s or argument’s description ("bash (the shell)")', () => {
    const result = sh(
      'fish',
      ['--no-config', '-c', 'source $argv[1]; complete -C "pp completion "', file('fish')],
      shellEnv,
    );
    expect(result.stdout).toBe('bash\nfish\nzsh\n'); // fish sorts them
  });
  it('completes account ids: the default, those pp accounts listed, the sandbox’s under --sandbox', () => {
    const ids = complete('pp whoami --account acc_');
    expect(ids).toEqual(expect.arrayContaining(['acc_mine', 'acc_demo_gmail', 'acc_gen_000003']));
    expect(ids).not.toContain('acc_error_wrong_account');
    // and no description: it would be the same for every id
    expect(complete('pp --sandbox whoami --account acc_error_wr', true)).toEqual(['acc_error_wrong_account']);
    expect(complete('pp help sc')).toEqual(['scripting']);
  });
  it('completes subcommands and options', () => {
    expect(complete('pp wh')).toEqual(['whoami']);
    expect(complete('pp config ').sort()).toEqual([...config].sort());
    expect(complete('pp --timeout 5 config s').sort()).toEqual(
      ['set-key', 'set-key-command', 'show', 'set-account', 'set-base-url'].sort(),
    );
    expect(complete('pp help config s').sort()).toEqual(
      ['set-key', 'set-key-command', 'show', 'set-account', 'set-base-url'].sort(),
    );
    const options = complete('pp whoami --');
    expect(options).toContain('--account');
    expect(options).toEqual(expect.arrayContaining(['--json', '--sandbox', '--no-color', '--help']));
  });
  it('completes shells, option values and file names', () => {
    expect(complete('pp completion ').sort()).toEqual(['bash', 'fish', 'zsh']);
    expect(complete('pp completion bash ')).toEqual([]);
    expect(complete('pp --timeout ')).toEqual([]);
    expect(complete(`pp profile --from-file ${join(root, 'complet')}`)).toEqual([
      `${join(root, 'completions')}/`,
    ]);
  });
});
