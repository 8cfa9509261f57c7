// What pp does with the words it is given: usage errors with --json, `pp help <unknown>`, API keys
// and account ids with stray whitespace, and base URLs that cannot be extended into a request URL.
import { describe, expect, it } from 'vitest';
import { runPp } from '../helpers/run.js';

/** The one JSON object a failing --json run prints on standard error, for a usage error. */
const usageJson = (title: string, detail: string | null = null) => ({
  error: {
    status: null,
    type: null,
    title,
    detail,
    exit_code: 2,
    retryable: false,
    account_id: null,
    retry_after: null,
  },
});

describe.concurrent('--json and the usage errors commander finds', () => {
  it.each([
    [['--json', 'whoami', '--bogus'], "unknown option '--bogus'", null],
    [
      ['--json', '--timeout', '0', 'whoami'],
      "option '--timeout <seconds>' argument '0' is invalid. --timeout takes seconds, more than 0 and at most 3600 (e.g. 30 or 2.5).",
      null,
    ],
    [
      ['--json', 'profile', 'x', '--concurrency', 'x'],
      "option '--concurrency <n>' argument 'x' is invalid. --concurrency must be a whole number from 1 to 64.",
      null,
    ],
    [
      ['--json', 'completion', 'tcsh'],
      "command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.",
      null,
    ],
    [['--json', 'bogus'], "unknown command 'bogus'", null],
    [['whoamy', '--json'], "unknown command 'whoamy'", '(Did you mean whoami?)'],
    [['--json'], 'no command given', null],
  ])('pp %j: one JSON object on stderr, nothing on stdout, exit 2', async (args, title, detail) => {
    const r = await runPp(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stderr)).toEqual(usageJson(title, detail));
  });

  it('only a --json before `--` counts: after it, --json is an operand and the error stays text', async () => {
    const before = await runPp(['--json', 'whoami', '--', 'extra']);
    expect(before.code).toBe(2);
    expect(before.stdout).toBe('');
    expect(JSON.parse(before.stderr)).toEqual(
      usageJson("too many arguments for 'whoami'. Expected 0 arguments but got 1."),
    );
    const after = await runPp(['whoami', '--', '--json']);
    expect(after.code).toBe(2);
    expect(after.stdout).toBe('');
    expect(after.stderr).toMatch(/^error: too many arguments for 'whoami'/);
    expect(after.stderr).toContain('Run `pp --help`');
  });

  it('help asked for is text on stdout even with --json; a mistake beside it is JSON', async () => {
    for (const args of [
      ['--json', '--help'],
      ['--json', 'help'],
      ['--json', 'whoami', '--help'],
    ]) {
      const r = await runPp(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.stdout, args.join(' ')).toMatch(/^Usage: pp/);
    }
    const r = await runPp(['--json', 'config', 'sho']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual(usageJson("unknown command 'sho'", '(Did you mean show?)'));
  });
});

describe.concurrent('pp help <a command that does not exist>', () => {
  it('says the command is unknown, exactly as `pp <command>` does, exit 2', async () => {
    const [viaHelp, direct] = await Promise.all([runPp(['help', 'bogus']), runPp(['bogus'])]);
    expect(viaHelp.code).toBe(2);
    expect(viaHelp.stdout).toBe('');
    expect(viaHelp.stderr).toBe(
      "error: unknown command 'bogus'\nRun `pp --help` (or `pp <command> --help`) to see the commands, options and examples.\n",
    );
    expect(viaHelp.stderr).toBe(direct.stderr);
    // the help of a command that exists is still the help
    const known = await runPp(['help', 'whoami']);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/^Usage: pp whoami \[options\]\n/);
  });

  it.each([
    [['help', 'whoamy'], 'whoamy', 'whoami'],
    [['config', 'help', 'sho'], 'sho', 'show'],
  ])('pp %j suggests the close one', async (args, unknown, suggestion) => {
    const r = await runPp(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^error: unknown command '${unknown}'\n\\(Did you mean ${suggestion}\\?\\)\n`),
    );
    expect(r.stderr).not.toContain('Usage:');
  });

  it('with --json, the JSON usage error', async () => {
    const r = await runPp(['--json', 'help', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual(usageJson("unknown command 'bogus'"));
  });
});
