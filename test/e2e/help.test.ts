// Help a person can learn from: every command's --help has its description, its options and
// examples; `pp --help` has the commands and the exit codes; a typo gets a suggestion.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { programShape } from '../../src/completion/index.js';
import { helpTopics } from '../../src/help/topics.js';
import { runPp } from '../helpers/run.js';

/** Every command and subcommand of the program, with the words that reach it. */
function commandsOf(cmd: Command, path: string[] = []): { path: string[]; cmd: Command }[] {
  return cmd.commands.flatMap((sub) => [
    { path: [...path, sub.name()], cmd: sub },
    ...commandsOf(sub, [...path, sub.name()]),
  ]);
}

const program = programShape();
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
      expect(r.stdout).toContain('--json'); // the options every command accepts from pp
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
});

describe('pp --help', () => {
  it('lists every command, the examples and the exit codes', async () => {
    const r = await runPp(['--help']);
    expect(r.code).toBe(0);
    for (const sub of program.commands) expect(r.stdout).toContain(`  ${sub.name()}`);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('Exit codes:');
    for (const code of [0, 1, 2, 3, 5, 9, 14, 15, 16, 130])
      expect(r.stdout).toMatch(new RegExp(`\\b${code}  \\w`));
  });
});

describe('typos', () => {
  it.each([
    [['whoamy'], 'whoami'],
    [['profil', 'acc_demo_gmail'], 'profile'],
    [['config', 'sho'], 'show'],
    [['whoami', '--acount', 'acc_demo_gmail'], '--account'],
    [['--jsno', 'whoami'], '--json'],
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

  it('a word that is neither a command nor a topic is still an unknown command (exit 2)', async () => {
    const r = await runPp(['help', 'healthz']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown command 'healthz'/);
  });

  it('a topic is only a topic at the top: `pp config help health` is not one', async () => {
    const r = await runPp(['config', 'help', 'health']);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain(helpTopics.health.text);
  });
});
