// Help a person can learn from: every command's --help has its description, its options and
// examples; `pp --help` has the commands and the exit codes; a typo gets a suggestion.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { errorNames } from '../../src/api/catalogue.js';
import { programShape } from '../../src/completion/index.js';
import { globalOptionsLine } from '../../src/help/layout.js';
import { helpTopics } from '../../src/help/topics.js';
import { displayWidth } from '../../src/output/width.js';
import { demoAccountList } from '../../src/sandbox/accounts.js';
import { pp } from '../helpers/pp.js';
import { baseEnv, runPp } from '../helpers/run.js';

/** Every command and subcommand of the program, with the words that reach it. */
function commandsOf(
  cmd: CommandUnknownOpts,
  path: string[] = [],
): { path: string[]; cmd: CommandUnknownOpts }[] {
  return cmd.commands.flatMap((sub) => [
    { path: [...path, sub.name()], cmd: sub },
    ...commandsOf(sub, [...path, sub.name()]),
  ]);
}

const program = await programShape();
const commands = commandsOf(program);

describe('pp <command> --help', () => {
  it('reaches every command', () => {
    expect(commands.map((c) => c.path.join(' '))).toEqual(
      expect.arrayContaining([
        'whoami',
        'profile',
        'config',
        'config set-key',
        'config show',
        'completion',
        'sandbox',
      ]),
    );
  });

  it.each(commands.map((c) => [c.path.join(' '), c] as const))(
    '%s: description, options, examples',
    async (name, c) => {
      const r = await runPp([...c.path, '--help']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`Usage: pp ${name}`);
      expect(c.cmd.description()).not.toBe('');
      // commander wraps long descriptions: compare word by word
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(c.cmd.description());
      for (const option of c.cmd.options) expect(r.stdout).toContain(option.long ?? option.flags);
      // the options every command accepts from pp: named once, in pp --help
      expect(r.stdout).toContain(globalOptionsLine);
      expect(r.stdout).not.toContain('--base-url');
      const examples = r.stdout.split('\nExamples:\n')[1] ?? '';
      const lines = examples.split('\n').filter((l) => l.startsWith('  $ '));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.some((l) => l.includes(` ${c.path.at(-1)}`))).toBe(true);
    },
  );

  it('`pp help <command>` shows the same help', async () => {
    const [viaHelp, viaOption] = await Promise.all([
      runPp(['help', 'profile']),
      runPp(['profile', '--help']),
    ]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaOption.stdout);
  });

  it.each([
    [
      ['help', 'config', 'set-key'],
      ['config', 'set-key', '--help'],
    ],
    [
      ['help', 'accounts', 'show'],
      ['accounts', 'show', '--help'],
    ],
    [
      ['config', 'help', 'set-key'],
      ['config', 'set-key', '--help'],
    ],
    [
      ['help', 'config', 'help'],
      ['config', '--help'],
    ],
  ])('`pp %j` shows the help of that subcommand', async (words, asOption) => {
    const [viaHelp, viaOption] = await Promise.all([runPp(words), runPp(asOption)]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain(`Usage: pp ${asOption.slice(0, -1).join(' ')} `);
    expect(viaHelp.stdout).toBe(viaOption.stdout);
  });

  it('`pp help config nope` is the unknown command it names, exit 2', async () => {
    const r = await runPp(['help', 'config', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown command 'nope'/);
  });
});

describe('help on a narrow terminal', () => {
  const pages = [['--help'], ...commands.map((c) => [...c.path, '--help'])];
  const helpAt = async (columns: number, args: string[]) => {
    const r = await pp(args, { tty: { columns }, env: baseEnv({ NO_COLOR: '1' }) });
    expect(r.code).toBe(0);
    return r.stdout;
  };
  const words = (text: string) =>
    text
      .split(/\s+/)
      .filter((w) => w !== '')
      .sort();

  it.each(pages.flatMap((args) => [60, 80].map((columns) => [args.join(' '), columns, args] as const)))(
    '`pp %s` at %i columns: no line wider, no word split',
    async (_name, columns, args) => {
      const [narrow, wide] = await Promise.all([helpAt(columns, args), helpAt(1000, args)]);
      const long = narrow.split('\n').filter((line) => displayWidth(line) > columns);
      expect(long).toEqual([]);
      // wrapping only moves words to other lines: the same words as with room for everything
      expect(words(narrow)).toEqual(words(wide));
    },
  );

  it('through a pipe, help takes its width from COLUMNS as all output does (else 80)', async () => {
    const piped = await pp(['--help'], { env: baseEnv({ NO_COLOR: '1', COLUMNS: '60' }) });
    expect(piped.stdout.split('\n').filter((line) => displayWidth(line) > 60)).toEqual([]);
    expect(piped.stdout).toEqual(await helpAt(60, ['--help']));
    const plain = await pp(['--help'], { env: baseEnv({ NO_COLOR: '1' }) });
    expect(plain.stdout).toEqual(await helpAt(80, ['--help']));
  });

  it('the wide layout keeps an option beside its description; the narrow one puts it above', async () => {
    expect(await helpAt(80, ['--help'])).toMatch(/^ {2}--sandbox +answer from/m);
    expect(await helpAt(60, ['--help'])).toMatch(/^ {2}--sandbox\n {6}answer from/m);
  });
});

describe('pp --help', () => {
  it('lists every command, the examples and the exit codes', async () => {
    const r = await runPp(['--help']);
    expect(r.code).toBe(0);
    // every command but the hidden one the completion scripts call
    const listed = program.createHelp().visibleCommands(program);
    expect(listed.map((c) => c.name())).not.toContain('__complete');
    for (const sub of listed) expect(r.stdout).toContain(`  ${sub.name()}`);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('Exit codes (more: pp help exit-codes):');
    for (const code of [0, 1, 2, 3, 5, 9, 14, 15, 16, 17, 18, 130])
      expect(r.stdout).toMatch(new RegExp(`\\b${code}  \\w`));
  });

  it('lists the global options, and the variables a user sets', async () => {
    const r = await runPp(['--help']);
    for (const option of ['--json', '--base-url', '--timeout', '--retries', '--sandbox', '--verbose'])
      expect(r.stdout).toContain(`  ${option}`);
    expect(r.stdout).not.toContain(globalOptionsLine);
    for (const variable of ['PP_API_KEY', 'PP_CONFIG_DIR', 'PP_ACCOUNT_ID', 'PP_BASE_URL'])
      expect(r.stdout).toMatch(new RegExp(`^  ${variable} +\\S`, 'm'));
  });
});

describe('typos', () => {
  it.each([
    [['whoamy'], 'whoami'],
    [['profil', 'acc_demo_gmail'], 'profile'],
    [['config', 'sho'], 'show'],
    [['whoami', '--acount', 'acc_demo_gmail'], '--account'],
    [['--jsno', 'whoami'], '--json'],
    [['help', 'exit-code'], 'exit-codes'],
    [['accounts', 'shwo', 'acc_demo_gmail'], 'accounts show'],
  ])('pp %j suggests %s, exit 2', async (args, suggestion) => {
    const r = await runPp(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`(Did you mean ${suggestion}?)`);
  });
});

describe('pp help <topic>: the manual, offline', () => {
  it.each(Object.entries(helpTopics))(
    '`pp help %s` prints that topic on standard output, exit 0',
    async (name, topic) => {
      const r = await runPp(['help', name]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(topic.text);
    },
  );

  it('`pp --help` names every topic', async () => {
    const r = await runPp(['--help']);
    for (const name of Object.keys(helpTopics)) expect(r.stdout).toContain(name);
    expect(r.stdout).toContain('pp help <topic>');
  });

  it('a word that is neither a command nor a topic is an unknown one, with the topics listed (exit 2)', async () => {
    const r = await runPp(['help', 'healthz']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown command or help topic 'healthz'\n\(Did you mean health\?\)/);
    expect(r.stderr).toContain('The help topics: environment, exit-codes, formats, health, scripting.');
  });

  it('`pp accounts list`: the command alone lists them, and its commands are named (exit 2)', async () => {
    const r = await runPp(['accounts', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: unknown command 'accounts list'\nhint: Run `pp accounts` alone, or one of its commands: show/,
    );
    expect(r.stderr).not.toMatch(/too many arguments/);
  });

  it('a topic is only a topic at the top: `pp config help health` is not one', async () => {
    const r = await runPp(['config', 'help', 'health']);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain(helpTopics.health.text);
  });
});

describe("the sandbox's account ids", () => {
  // from the sandbox's own sources: every account it lists and every error type it answers
  const ids = [...demoAccountList().map((a) => a.id), ...errorNames.map((n) => `acc_error_${n}`)];

  it.each([
    ['sandbox', '--help'],
    ['help', 'scripting'],
  ])('`pp %s %s` lists every one, whole, and no other', async (...args) => {
    expect(errorNames).toHaveLength(38);
    const r = await runPp(args);
    expect(r.code).toBe(0);
    const listed = r.stdout.match(/\bacc_(demo|error)_\w+\b/g) ?? [];
    expect(new Set(listed)).toEqual(new Set([...ids, 'acc_demo_linkedin', 'acc_demo_gmail']));
    for (const id of ids) expect(r.stdout).toMatch(new RegExp(`(^| )${id}( |$)`, 'm'));
  });
});
