// What pp does with the words it is given: usage errors with --json, `pp help <unknown>`, API keys
// and account ids with stray whitespace, and base URLs that cannot be extended into a request URL.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FaultServer, json, linkedinProfile } from '../helpers/fault-server.js';
import { baseEnv, runPp, spawnPp, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_1nputT3stK3y0123456789wXyZ';

const server = FaultServer.forTests();
beforeEach(() => {
  server.script(json(linkedinProfile()));
});

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
    request_id: null,
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
    const before = await runPp(['--json', 'config', 'show', '--', 'extra']);
    expect(before.code).toBe(2);
    expect(before.stdout).toBe('');
    expect(JSON.parse(before.stderr)).toEqual(
      usageJson("too many arguments for 'show'. Expected 0 arguments but got 1."),
    );
    const after = await runPp(['config', 'show', '--', '--json']);
    expect(after.code).toBe(2);
    expect(after.stdout).toBe('');
    expect(after.stderr).toMatch(/^error: too many arguments for 'show'/);
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
  it('says the command is unknown, as `pp <command>` does, and names the topics it could have been, exit 2', async () => {
    const [viaHelp, direct] = await Promise.all([runPp(['help', 'bogus']), runPp(['bogus'])]);
    expect(viaHelp.code).toBe(2);
    expect(viaHelp.stdout).toBe('');
    expect(viaHelp.stderr).toBe(
      "error: unknown command or help topic 'bogus'\nThe help topics: environment, exit-codes, formats, health, scripting.\nRun `pp --help` (or `pp <command> --help`) to see the commands, options and examples.\n",
    );
    expect(direct.stderr).toBe(
      "error: unknown command 'bogus'\nRun `pp --help` (or `pp <command> --help`) to see the commands, options and examples.\n",
    );
    // the help of a command that exists is still the help
    const known = await runPp(['help', 'whoami']);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/^Usage: pp whoami \[options\] \[account_id\]\n/);
  });

  it.each([
    [['help', 'whoamy'], 'whoamy', 'whoami'],
    [['config', 'help', 'sho'], 'sho', 'show'],
  ])('pp %j suggests the close one', async (args, unknown, suggestion) => {
    const r = await runPp(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: unknown command( or help topic)? '${unknown}'\n\\(Did you mean ${suggestion}\\?\\)\n`,
      ),
    );
    expect(r.stderr).not.toContain('Usage:');
  });

  it('pp help help is the help asked for: on stdout, exit 0, --json or not', async () => {
    const [plain, json, top] = await Promise.all([
      runPp(['help', 'help']),
      runPp(['--json', 'help', 'help']),
      runPp(['--help']),
    ]);
    for (const r of [plain, json]) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(top.stdout);
    }
  });

  it('with --json, the JSON usage error', async () => {
    const r = await runPp(['--json', 'help', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual(
      usageJson(
        "unknown command or help topic 'bogus'",
        'The help topics: environment, exit-codes, formats, health, scripting.',
      ),
    );
  });
});

describe('the API key from PP_API_KEY or the config file', () => {
  /** whoami against the fault server, with this environment and, when given, this config file. */
  const whoami = (env: Record<string, string>, stored?: Record<string, string>) => {
    const e = baseEnv({ PP_BASE_URL: server.origin, ...env });
    if (stored) writeFileSync(join(e.PP_CONFIG_DIR!, 'config.json'), JSON.stringify(stored));
    return runPp(['whoami', '--account', 'acc_1'], { env: e });
  };

  it('whitespace around it is trimmed (a .env file with CRLF line endings)', async () => {
    const r = await whoami({ PP_API_KEY: `${KEY}\r` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(server.requests.map((q) => q.headers['x-api-key'])).toEqual([KEY]);
    const stored = await whoami({}, { apiKey: ` ${KEY}\n` });
    expect(stored.code).toBe(0);
    expect(server.requests.map((q) => q.headers['x-api-key'])).toEqual([KEY, KEY]);
  });

  it('an empty or blank PP_API_KEY is no key: the config file answers, else "no API key" (exit 3)', async () => {
    for (const blank of ['', '   ', '\r']) {
      const fromFile = await whoami({ PP_API_KEY: blank }, { apiKey: KEY });
      expect(fromFile.code, JSON.stringify(blank)).toBe(0);
      const none = await whoami({ PP_API_KEY: blank });
      expect(none.code, JSON.stringify(blank)).toBe(3);
      expect(none.stdout).toBe('');
      expect(none.stderr).toMatch(/^error: no API key for profile default: set one with `pp config set-key`/);
    }
    expect(server.requests.map((q) => q.headers['x-api-key'])).toEqual([KEY, KEY, KEY]);
  });

  it.each([
    ['an inner space', 'pp_live_1nput T3stK3y0123456789wXyZ'],
    ['a line break', 'pp_live_1nput\nT3stK3y0123456789wXyZ'],
    ['a control character', 'pp_live_1nput\u0001T3stK3y0123456789wXyZ'],
  ])(
    'a PP_API_KEY with %s is exit 3 naming PP_API_KEY, the key never shown, no request made',
    async (_, key) => {
      const r = await whoami({ PP_API_KEY: key }, { apiKey: KEY });
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^error: PP_API_KEY has a space, a control character or a non-ASCII character in it\n/,
      );
      for (const part of ['1nput', 'T3stK3y', 'wXyZ']) expect(r.stderr).not.toContain(part);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('a stored key with an inner space is exit 3 naming the config file, with --json too', async () => {
    const env = baseEnv({ PP_BASE_URL: server.origin });
    const file = join(env.PP_CONFIG_DIR!, 'config.json');
    writeFileSync(file, JSON.stringify({ apiKey: 'pp_live_1nput T3stK3y0123456789wXyZ' }));
    const r = await runPp(['whoami', '--account', 'acc_1', '--json'], { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const { error } = JSON.parse(r.stderr);
    expect(error).toMatchObject({ exit_code: 3, status: null, type: null });
    expect(error.title).toBe(
      `the API key of profile default in the config file ${file} has a space, a control character or a non-ASCII character in it`,
    );
    for (const part of ['1nput', 'T3stK3y', 'wXyZ']) expect(r.stderr).not.toContain(part);
    expect(server.requests).toHaveLength(0);
  });
});

describe('account ids', () => {
  const env = (extra: Record<string, string> = {}) =>
    baseEnv({ PP_API_KEY: KEY, PP_BASE_URL: server.origin, ...extra });
  const sent = () => server.requests.map((q) => new URL(q.url, 'http://x').searchParams.get('account_id'));

  it.each([[''], ['   ']])(
    'whoami --account %j is a usage error naming --account, not PP_ACCOUNT_ID’s account',
    async (empty) => {
      const r = await runPp(['whoami', '--account', empty], { env: env({ PP_ACCOUNT_ID: 'acc_from_env' }) });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: --account is empty\n/);
      expect(server.requests).toHaveLength(0);
    },
  );

  it.each([[['']], [['  ']], [['acc_1', '']]])(
    'pp profile %j: an empty id argument is a usage error',
    async (ids) => {
      const r = await runPp(['profile', ...ids], { env: env() });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: an account id argument is empty\n/);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('spaces around an id are trimmed, for whoami --account and for profile', async () => {
    const who = await runPp(['whoami', '--account', ' acc_1 '], { env: env() });
    expect(who.code).toBe(0);
    const profile = await runPp(['profile', '\tacc_2 '], { env: env() });
    expect(profile.code).toBe(0);
    expect(profile.stdout).toMatch(/^LinkedIn profile · Ada Lovelace · acc_2\n/);
    expect(sent()).toEqual(['acc_1', 'acc_2']);
  });

  it('an empty or blank PP_ACCOUNT_ID is unset: the stored default account answers', async () => {
    for (const blank of ['', '   ']) {
      const e = env({ PP_ACCOUNT_ID: blank });
      writeFileSync(join(e.PP_CONFIG_DIR!, 'config.json'), JSON.stringify({ accountId: 'acc_stored' }));
      const r = await runPp(['whoami'], { env: e });
      expect(r.code, JSON.stringify(blank)).toBe(0);
    }
    expect(sent()).toEqual(['acc_stored', 'acc_stored']);
  });
});

describe.concurrent('pp config set-key with an empty argument', () => {
  it.each([[''], ['  ']])('set-key %j says the argument is empty, exit 2, nothing written', async (empty) => {
    const env = baseEnv();
    // standard input is not a terminal and empty: the message must not blame it
    const r = await runPp(['config', 'set-key', empty], { env, input: '' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: the key given as an argument is empty\n/);
    expect(r.stderr).not.toContain('standard input');
    expect(existsSync(join(env.PP_CONFIG_DIR!, 'config.json'))).toBe(false);
  });
});

describe('a base URL with a query or a fragment', () => {
  const run = (args: string[], extra: Record<string, string> = {}) =>
    runPp(['--retries', '0', ...args, 'whoami', '--account', 'acc_1'], {
      env: baseEnv({ PP_API_KEY: KEY, ...extra }),
    });

  it.each([['/?x=1'], ['/#frag'], ['?'], ['/api#']])(
    '--base-url <origin>%s is a usage error before any request; PP_BASE_URL too',
    async (tail) => {
      const flag = await run(['--base-url', `${server.origin}${tail}`]);
      expect(flag.code).toBe(2);
      expect(flag.stdout).toBe('');
      expect(flag.stderr).toMatch(/^error: --base-url must not have a query \(\?…\) or a fragment \(#…\)\n/);
      const env = await run([], { PP_BASE_URL: `${server.origin}${tail}` });
      expect(env.code).toBe(2);
      expect(env.stderr).toMatch(/^error: PP_BASE_URL must not have a query/);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('a path after the address is still fine, and one with a query is JSON with --json', async () => {
    const r = await run(['--base-url', `${server.origin}/v2/`]);
    expect(r.code).toBe(0);
    expect(server.requests.map((q) => q.url)).toEqual(['/v2/api/v1/users/me?account_id=acc_1']);
    const bad = await run(['--json', '--base-url', `${server.origin}/v2?region=eu`]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(JSON.parse(bad.stderr).error).toMatchObject({
      title: '--base-url must not have a query (?…) or a fragment (#…)',
      exit_code: 2,
    });
    expect(server.requests).toHaveLength(1);
  });
});

describe('PP_SANDBOX and PP_CONFIG_DIR are read like the other settings', () => {
  it('PP_SANDBOX is trimmed (a .env file with CRLF line endings), TRUE or true or 1', async () => {
    for (const value of ['1\r', ' 1 ', 'TRUE', 'true\r\n']) {
      const r = await runPp(['whoami', '--account', 'acc_demo_gmail'], {
        env: baseEnv({ PP_SANDBOX: value }),
      });
      expect(r.code, JSON.stringify(value)).toBe(0);
      expect(r.stdout).toMatch(/^Tomáš Novák/);
    }
  });

  it('a blank PP_CONFIG_DIR is unset; a relative one is taken from the current folder and named in full', async () => {
    const home = tempDir('pp-home-');
    const blank = await runPp(['--json', 'config', 'show'], {
      env: baseEnv({ PP_CONFIG_DIR: '  ', HOME: home, XDG_CONFIG_HOME: undefined }),
    });
    expect(blank.code).toBe(0);
    expect((JSON.parse(blank.stdout) as { config_file: string }).config_file).toBe(
      join(home, '.config', 'postpress', 'config.json'),
    );
    const cwd = tempDir('pp-cwd-');
    // the current folder is the process's: a child process started in it
    const relative = await spawnPp(['--json', 'config', 'show'], {
      env: baseEnv({ PP_CONFIG_DIR: 'conf ' }),
      cwd,
    });
    expect(relative.code).toBe(0);
    expect((JSON.parse(relative.stdout) as { config_file: string }).config_file).toBe(
      join(cwd, 'conf', 'config.json'),
    );
  });
});

describe('which account: one rule for whoami and profile', () => {
  const sandboxEnv = (extra: Record<string, string | undefined> = {}) =>
    baseEnv({ PP_SANDBOX: '1', ...extra });

  it('whoami takes the account as an argument, as --account, or both when they agree', async () => {
    for (const args of [
      ['whoami', 'acc_demo_gmail'],
      ['whoami', '--account', 'acc_demo_gmail'],
      ['whoami', 'acc_demo_gmail', '--account', 'acc_demo_gmail'],
    ]) {
      const r = await runPp([...args, '--json'], { env: sandboxEnv() });
      expect(r.code, args.join(' ')).toBe(0);
      expect(JSON.parse(r.stdout).provider, args.join(' ')).toBe('GMAIL');
    }
  });

  it('whoami with two different accounts is a usage error naming both', async () => {
    const r = await runPp(['whoami', 'acc_demo_gmail', '--account', 'acc_demo_imap'], { env: sandboxEnv() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/two different accounts given: "acc_demo_gmail" and --account "acc_demo_imap"/);
  });

  it('an empty argument is a usage error, never PP_ACCOUNT_ID or the default', async () => {
    const r = await runPp(['whoami', ''], { env: sandboxEnv({ PP_ACCOUNT_ID: 'acc_demo_gmail' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: the account id argument is empty\n/);
  });

  it('profile with no id uses PP_ACCOUNT_ID, else the default account, as whoami does', async () => {
    const fromEnv = await runPp(['profile', '--json'], {
      env: sandboxEnv({ PP_ACCOUNT_ID: 'acc_demo_twitter' }),
    });
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(fromEnv.stdout).provider).toBe('TWITTER');
    const env = sandboxEnv();
    expect((await runPp(['config', 'set-account', 'acc_demo_outlook'], { env })).code).toBe(0);
    const fromConfig = await runPp(['profile', '--json'], { env });
    expect(fromConfig.code).toBe(0);
    expect(JSON.parse(fromConfig.stdout).provider).toBe('OUTLOOK');
    const none = await runPp(['profile'], { env: sandboxEnv() });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no account given/);
    expect(none.stderr).toMatch(/PP_ACCOUNT_ID/);
  });
});

describe('input with no line breaks, or far too long', () => {
  it('--from-file /dev/zero is a usage error naming the line, not a memory blow-up or a stack trace', async () => {
    const r = await runPp(['--sandbox', 'profile', '--from-file', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: line 1 of \/dev\/zero is longer than 4096 characters: that is no account id\n/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const json = await runPp(['--sandbox', '--json', 'profile', '--from-file', '/dev/zero']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr).error.exit_code).toBe(2);
  });

  it('a line past 4096 characters on standard input names its line number; ids before it were read', async () => {
    const input = `acc_demo_gmail\n${'x'.repeat(5000)}\n`;
    const r = await runPp(['--sandbox', 'profile', '--from-file', '-', '--json'], { input });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 2 of standard input is longer than 4096 characters/);
  });

  it('pp config set-key with more than 4096 characters on standard input stores nothing (exit 3, as any key that long)', async () => {
    const env = baseEnv();
    const r = await runPp(['config', 'set-key'], { env, input: '\0'.repeat(100_000) });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /the key given on standard input is longer than any API key \(more than 4096 characters\)/,
    );
    expect(existsSync(join(env.PP_CONFIG_DIR!, 'config.json'))).toBe(false);
  });
});
