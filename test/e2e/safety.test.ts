// pp in a hostile world: the key never leaves for another origin or shows in any output, a broken
// config file is refused and left as it was, writes are atomic, and Ctrl-C or a closed pipe end the
// program quietly. Each case spawns the built bin/pp.js.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { answer, FaultServer, hang, json, linkedinProfile, problem } from '../helpers/fault-server.js';
import { baseEnv, bin, type RunResult, runCommand, runPp, startPp, tempDir } from '../helpers/run.js';
import { itWith } from '../helpers/tools.js';

const KEY = 'pp_live_S4f3tyT3stK3y0123456789QrSt';
const MASKED = 'pp_live_…QrSt';
const STACK = /\n\s+at .+:\d+:\d+/;

const server = FaultServer.forTests();
/** A second origin on another loopback address: it must never see the key. */
const other = FaultServer.forTests({ host: '127.0.0.2' });
beforeEach(() => {
  server.script(json(linkedinProfile()));
  other.script(json(linkedinProfile()));
});

/** pp against the fault server with the key in the environment; the key must never show. */
async function pp(args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const result = await runPp(['--base-url', server.origin, ...args], {
    env: baseEnv({ PP_API_KEY: KEY, ...env }),
  });
  expect(result.stdout).not.toContain(KEY);
  expect(result.stderr).not.toContain(KEY);
  expect(result.stderr).not.toMatch(STACK);
  return result;
}

const sawKey = (s: FaultServer): boolean => s.requests.some((r) => r.headers['x-api-key'] !== undefined);

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])(
    'refuses a %i to another origin and never sends it the key',
    async (status) => {
      server.script(answer(status, '', { location: `${other.origin}/api/v1/users/me?account_id=acc_1` }));
      const r = await pp(['profile', 'acc_1']);
      expect(r.code).toBe(15);
      expect(r.stderr).toMatch(/refused a redirect/);
      expect(r.stderr).toContain(other.origin);
      expect(server.requests).toHaveLength(1);
      expect(other.requests).toHaveLength(0);
      expect(sawKey(other)).toBe(false);
    },
  );

  it('treats another port on the same host as another origin', async () => {
    const sibling = await FaultServer.start();
    try {
      server.script(answer(302, '', { location: `${sibling.origin}/api/v1/users/me?account_id=acc_1` }));
      const r = await pp(['--json', 'profile', 'acc_1']);
      expect(r.code).toBe(15);
      expect(sawKey(sibling)).toBe(false);
      const error = (JSON.parse(r.stderr) as { error: Record<string, unknown> }).error;
      expect(error).toMatchObject({ exit_code: 15, retryable: false, status: 302 });
    } finally {
      await sibling.close();
    }
  });

  it('refuses a protocol-relative redirect to another host', async () => {
    server.script(answer(302, '', { location: `//127.0.0.2:${other.port}/steal` }));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(15);
    expect(other.requests).toHaveLength(0);
  });

  it('follows a same-origin redirect, sending the key again', async () => {
    server.script(answer(302, '', { location: '/v2/users/me?account_id=acc_1' }), json(linkedinProfile()));
    const r = await pp(['--verbose', '--json', 'profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(server.requests.map((q) => q.url)).toEqual([
      '/api/v1/users/me?account_id=acc_1',
      '/v2/users/me?account_id=acc_1',
    ]);
    expect(server.requests.every((q) => q.headers['x-api-key'] === KEY)).toBe(true);
    expect(r.stderr).toMatch(/following redirect/);
    expect(JSON.parse(r.stdout)).toEqual(linkedinProfile());
  });

  it('refuses a same-origin hop that then leaves for another origin', async () => {
    server.script(
      answer(307, '', { location: '/hop' }),
      answer(307, '', { location: `${other.origin}/hop2` }),
    );
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(15);
    expect(server.requests).toHaveLength(2);
    expect(other.requests).toHaveLength(0);
  });
});

describe('plain http:// to a remote host', () => {
  it.each([
    'http://api.example.com',
    'http://10.1.2.3',
    'http://127.0.0.1.nip.io',
    'http://localhost.example.com',
  ])('refuses --base-url %s before any request (exit 2)', async (url) => {
    const r = await runPp(['--verbose', '--base-url', url, 'profile', 'acc_1'], {
      env: baseEnv({ PP_API_KEY: KEY }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plain http:\/\//);
    expect(r.stderr).toMatch(/clear text/);
    expect(r.stderr).not.toMatch(/GET |attempt/); // no request was even started
    expect(r.stderr).not.toContain(KEY);
  });

  it('refuses it from PP_BASE_URL too', async () => {
    const r = await runPp(['--verbose', 'whoami', '--account', 'acc_1'], {
      env: baseEnv({ PP_API_KEY: KEY, PP_BASE_URL: 'http://api.example.com' }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PP_BASE_URL/);
    expect(r.stderr).toMatch(/clear text/);
    expect(r.stderr).not.toMatch(/GET |attempt/);
  });

  it('allows loopback: localhost and 127.0.0.0/8', async () => {
    const viaName = await runPp(['--base-url', `http://localhost:${server.port}`, 'profile', 'acc_1'], {
      env: baseEnv({ PP_API_KEY: KEY }),
    });
    expect(viaName.code).toBe(0);
    const r = await runPp(['--base-url', `${other.origin}`, 'profile', 'acc_1'], {
      env: baseEnv({ PP_API_KEY: KEY }),
    });
    expect(r.code).toBe(0);
    expect(other.requests).toHaveLength(1);
  });
});

describe('the key never shows', () => {
  it('stays out of --verbose output, succeeding or failing', async () => {
    const cases: [() => void, string[], number][] = [
      [() => server.script(json(linkedinProfile())), ['profile', 'acc_1'], 0],
      [() => server.script(json(linkedinProfile())), ['--json', 'whoami', '--account', 'acc_1'], 0],
      [() => server.script(problem(401, 'invalid_credentials')), ['profile', 'acc_1'], 4],
      [() => server.script(problem(503, 'service_unavailable')), ['--retries', '1', 'profile', 'acc_1'], 12],
      [() => server.script(answer(200, 'not json')), ['profile', 'acc_1'], 15],
      [() => server.script(hang), ['--timeout', '0.5', '--retries', '0', 'profile', 'acc_1'], 14],
      [
        () => server.script(answer(302, '', { location: `${other.origin}/x` })),
        ['--json', 'profile', 'acc_1'],
        15,
      ],
    ];
    for (const [script, args, code] of cases) {
      script();
      const r = await pp(['--verbose', ...args]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
    // and every request did carry it, to the right server only
    expect(sawKey(other)).toBe(false);
  });

  it('masks the key when the server echoes it back in an error', async () => {
    server.script(
      problem(401, 'invalid_credentials', {
        title: `Invalid key ${KEY}`,
        detail: `The key ${KEY} is not valid.`,
      }),
    );
    const human = await pp(['--verbose', 'profile', 'acc_1']);
    expect(human.code).toBe(4);
    expect(human.stderr).toContain(`The key ${MASKED} is not valid.`);
    const machine = await pp(['--json', 'profile', 'acc_1']);
    expect(machine.code).toBe(4);
    const error = (JSON.parse(machine.stderr) as { error: Record<string, unknown> }).error;
    expect(error.detail).toBe(`The key ${MASKED} is not valid.`);
  });

  it('masks the key echoed in an invalid body, an HTML page and a redirect', async () => {
    server.script(answer(200, `${KEY} is what you sent`, { 'content-type': 'text/plain' }));
    expect((await pp(['--verbose', 'profile', 'acc_1'])).code).toBe(15);
    server.script(answer(502, `<html>bad gateway for ${KEY}</html>`, { 'content-type': 'text/html' }));
    expect((await pp(['--verbose', '--retries', '0', 'profile', 'acc_1'])).code).toBe(12);
    server.script(answer(302, '', { location: `/x?key=${KEY}` }), json(linkedinProfile()));
    expect((await pp(['--verbose', 'profile', 'acc_1'])).code).toBe(0);
  });

  it('masks the key in a profile that happens to contain it (still valid JSON)', async () => {
    server.script(json(linkedinProfile({ headline: `key: ${KEY}` })));
    const r = await pp(['--json', 'profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { headline: string }).headline).toBe(`key: ${MASKED}`);
  });

  // No run of 6 characters of the key's secret part, anywhere: a value wrapped over two lines or
  // cut to a column would slip past masking done on the finished text.
  const secret = KEY.slice('pp_live_'.length, -'QrSt'.length);
  const expectNoPieceOfKey = (text: string, key = secret) => {
    const lower = text.toLowerCase();
    for (let i = 0; i + 6 <= key.length; i++) expect(lower).not.toContain(key.slice(i, i + 6).toLowerCase());
  };

  it('masks the key before cutting the start of a body for a message, and in a lower-cased host', async () => {
    for (const lead of [30, 33, 36, 40]) {
      server.script(answer(200, `${'x'.repeat(lead)}${KEY} tail`, { 'content-type': 'text/html' }));
      const human = await pp(['profile', 'acc_1']);
      expect(human.code).toBe(15);
      expectNoPieceOfKey(human.stderr);
      const machine = await pp(['--json', 'profile', 'acc_1', 'acc_2']);
      expectNoPieceOfKey(machine.stdout + machine.stderr);
    }
    server.script(answer(302, '', { location: `https://${KEY}.example.com/` }));
    const redirect = await pp(['--verbose', 'profile', 'acc_1']);
    expect(redirect.code).toBe(15);
    expect(redirect.stderr).toContain(`https://${MASKED}.example.com`);
    expectNoPieceOfKey(redirect.stderr);
  });

  it('masks a key with a quote and a backslash in JSON, in --json and in a redirect path', async () => {
    const odd = 'pp_live_Qu0te"And\\Back5lash0123wXyZ';
    const env = { PP_API_KEY: odd };
    const oddSecret = 'Qu0te"And\\Back5lash0123';
    const run = (args: string[]) =>
      runPp(['--base-url', server.origin, ...args], { env: baseEnv(env) }).then((r) => {
        for (const piece of ['Qu0te', 'Back5lash0123']) expect(r.stdout + r.stderr).not.toContain(piece);
        return r;
      });
    server.script(json(linkedinProfile({ headline: odd })));
    const body = await run(['--json', 'profile', 'acc_1']);
    expect(body.code).toBe(0);
    expect((JSON.parse(body.stdout) as { headline: string }).headline).toBe('pp_live_…wXyZ');
    server.script(answer(302, '', { location: `/x/${odd}/y` }), json(linkedinProfile()));
    const redirect = await run(['--verbose', 'profile', 'acc_1']);
    expect(redirect.code).toBe(0);
    expectNoPieceOfKey(redirect.stderr, oddSecret);
  });

  it('masks an echoed key before wrapping it in a narrow terminal or cutting it in a table', async () => {
    const echoed = linkedinProfile({
      last_name: `Key ${KEY}`,
      headline: `Head of keys, whose key is ${KEY} and whose words go on to wrap`,
    });
    for (const args of [
      ['profile', 'acc_1'],
      ['whoami', '--account', 'acc_1'],
      ['profile', 'acc_1', 'acc_2'],
    ]) {
      server.script(json(echoed), json(echoed));
      const r = await pp(args, { COLUMNS: '40' });
      expect(r.code, args.join(' ')).toBe(0);
      expectNoPieceOfKey(r.stdout + r.stderr);
    }
    server.script(json(echoed));
    const whoami = await pp(['whoami', '--account', 'acc_1'], { COLUMNS: '200' });
    expect(whoami.stdout).toContain(`Ada Key ${MASKED}`);
  });
});

describe('what the server says is shown safely', () => {
  const ESC = '\u001b';
  // raw control characters, or a right-to-left override, that would act on the terminal
  const expectInert = (text: string) => expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);

  it('shows escape sequences, carriage returns and bidi overrides in a profile as visible escapes', async () => {
    const hostile = linkedinProfile({
      first_name: `${ESC}[31mRed${ESC}[0m`,
      last_name: '\u202eevil',
      headline: 'looks fine\rOVERWRITTEN',
    });
    for (const args of [
      ['whoami', '--account', 'acc_1'],
      ['profile', 'acc_1'],
      ['profile', 'acc_1', 'acc_2'],
    ]) {
      server.script(json(hostile), json(hostile));
      const r = await pp(args, { COLUMNS: '200' });
      expect(r.code, args.join(' ')).toBe(0);
      expectInert(r.stdout + r.stderr);
      // (the many-accounts table cuts names to a column)
      expect(r.stdout).toContain(
        args.length === 3 ? '\\u001b[31mRed\\u001b' : '\\u001b[31mRed\\u001b[0m \\u202eevil',
      );
    }
    server.script(json(hostile));
    const profile = await pp(['profile', 'acc_1'], { COLUMNS: '200' });
    expect(profile.stdout).toContain('looks fine\\u000dOVERWRITTEN');
    // --json is the body as it came, for programs (JSON itself escapes the control characters)
    server.script(json(hostile));
    const machine = await pp(['--json', 'profile', 'acc_1']);
    expect((JSON.parse(machine.stdout) as { first_name: string }).first_name).toBe(`${ESC}[31mRed${ESC}[0m`);
  });

  it('neutralizes an error that would retitle or clear the terminal, and indents its lines', async () => {
    server.script(
      problem(401, 'invalid_credentials', {
        title: `${ESC}]0;pwned\u0007Invalid key`,
        detail: `first line${ESC}[2J\nsecond line`,
      }),
    );
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(4);
    expectInert(r.stderr);
    expect(r.stderr).toContain('error: \\u001b]0;pwned\\u0007Invalid key');
    expect(r.stderr).toContain('  first line\\u001b[2J\n  second line\n');
  });

  it('neutralizes error types in the summary table and its advice', async () => {
    server.script(problem(404, `gone${ESC}[2J`));
    const r = await pp(['profile', 'acc_1', 'acc_2'], { COLUMNS: '200' });
    expect(r.code).toBe(7);
    expectInert(r.stdout + r.stderr);
    expect(r.stdout).toMatch(/ unknown +errors\/gone\\u001b\[2J\n/);
    expect(r.stdout).toContain('  errors/gone\\u001b[2J: acc_1, acc_2\n');
  });
});

describe('config safety', () => {
  const write = (dir: string, content: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), content, { mode: 0o600 });
  };
  const configEnv = (dir: string) => baseEnv({ PP_CONFIG_DIR: dir, PP_API_KEY: undefined });

  it.each([
    ['invalid JSON', '{"apiKey": "pp_live_abc", '],
    ['a JSON array', '["pp_live_abc"]\n'],
    ['a number for the key', '{"apiKey": 42}'],
  ])('refuses %s (exit 3, naming it) and leaves it byte for byte', async (_what, content) => {
    const dir = tempDir('pp-corrupt-');
    write(dir, content);
    const file = join(dir, 'config.json');
    const before = statSync(file);
    const env = configEnv(dir);
    const runs: [string[], string | undefined][] = [
      [['--base-url', server.origin, 'profile', 'acc_1'], undefined],
      [['--base-url', server.origin, 'whoami'], undefined],
      [['config', 'show'], undefined],
      [['config', 'set-key'], `${KEY}\n`],
      [['config', 'set-key', KEY], undefined],
      [['config', 'set-account', 'acc_1'], undefined],
      [['config', 'unset-key'], undefined],
      [['config', 'unset-account'], undefined],
    ];
    for (const [args, input] of runs) {
      const r = await runPp(args, { env, ...(input !== undefined ? { input } : {}) });
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr, args.join(' ')).toContain(file);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr).not.toContain(KEY);
      expect(r.stdout).toBe('');
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
    const after = statSync(file);
    expect(after.mode).toBe(before.mode);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(server.requests).toHaveLength(0);
  });

  it('still works beside a corrupt file when PP_API_KEY is set', async () => {
    const dir = tempDir('pp-corrupt-');
    write(dir, '{oops');
    const r = await runPp(['--base-url', server.origin, 'profile', 'acc_1'], {
      env: baseEnv({ PP_CONFIG_DIR: dir, PP_API_KEY: KEY }),
    });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{oops');
  });

  it('refuses an unreadable config file (exit 3)', async () => {
    const dir = tempDir('pp-unreadable-');
    const file = join(dir, 'config.json');
    // root reads through chmod 000, so make the path unreadable as a file: a directory (EISDIR)
    mkdirSync(file);
    for (const args of [
      ['profile', 'acc_1'],
      ['config', 'set-account', 'acc_1'],
    ]) {
      const r = await runPp(['--base-url', server.origin, ...args], { env: configEnv(dir) });
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(/EISDIR/);
      expect(r.stderr).not.toMatch(STACK);
      expect(statSync(file).isDirectory()).toBe(true);
    }
    if (process.getuid?.() !== 0) {
      rmSync(file, { recursive: true });
      write(dir, '{"apiKey":"pp_live_0123456789abcdefghij"}');
      chmodSync(file, 0o000);
      const r = await runPp(['profile', 'acc_1'], { env: configEnv(dir) });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/EACCES/);
      chmodSync(file, 0o600);
    }
  });

  it('creates a missing nested folder 0700 and the file 0600, complete and with no temp files', async () => {
    const dir = join(tempDir('pp-nested-'), 'a', 'b', 'postpress');
    const r = await runPp(['config', 'set-key', '--no-verify'], { env: configEnv(dir), input: `${KEY}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(MASKED);
    expect(r.stdout).not.toContain(KEY);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      profiles: { default: { apiKey: KEY } },
    });
    // the stored key is used
    const used = await runPp(['--base-url', server.origin, 'profile', 'acc_1'], { env: configEnv(dir) });
    expect(used.code).toBe(0);
    expect(server.requests[0]!.headers['x-api-key']).toBe(KEY);
  });

  it('tightens a 0644 file to 0600 on write and keeps the other settings and unknown keys', async () => {
    const dir = tempDir('pp-loose-');
    write(dir, '{"accountId":"acc_keep","mine":{"x":1}}');
    chmodSync(join(dir, 'config.json'), 0o644);
    const r = await runPp(['config', 'set-key', '--no-verify'], { env: configEnv(dir), input: KEY });
    expect(r.code).toBe(0);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      mine: { x: 1 },
      profiles: { default: { accountId: 'acc_keep', apiKey: KEY } },
    });
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('writes into an empty config file (as read, it holds nothing)', async () => {
    const dir = tempDir('pp-empty-');
    write(dir, '');
    const r = await runPp(['config', 'set-account', 'acc_1'], { env: configEnv(dir) });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      profiles: { default: { accountId: 'acc_1' } },
    });
  });

  it('never leaves a half-written file when set-key is killed at any moment', async () => {
    const dir = tempDir('pp-kill-');
    const keys = Array.from(
      { length: 12 },
      (_, i) => `pp_live_${String(i).padStart(2, '0')}${'k'.repeat(40)}`,
    );
    const env = configEnv(dir);
    for (const [i, key] of keys.entries()) {
      const { child, done } = startPp(['config', 'set-key', '--no-verify'], { env, input: key });
      // spread the kills over start-up, the conf import and the write itself
      await new Promise((resolve) => setTimeout(resolve, 60 + ((i * 37) % 260)));
      child.kill('SIGKILL');
      await done;
      const file = join(dir, 'config.json');
      if (existsSync(file)) {
        const stored = JSON.parse(readFileSync(file, 'utf8')) as {
          profiles: { default: { apiKey?: string } };
        };
        expect(keys).toContain(stored.profiles.default.apiKey);
        expect(statSync(file).mode & 0o777).toBe(0o600);
      }
    }
    // and a normal run afterwards completes
    const r = await runPp(['config', 'set-key', '--no-verify'], { env, input: keys[0]! });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      profiles: { default: { apiKey: keys[0] } },
    });
  }, 60_000);
});

describe('signals and pipes', () => {
  const start = (args: string[]) =>
    startPp(['--base-url', server.origin, ...args], { env: baseEnv({ PP_API_KEY: KEY }) });

  async function interruptAfterFirstRequest(args: string[]) {
    const { child, done } = start(args);
    await server.waitForRequests(1);
    await new Promise((resolve) => setTimeout(resolve, 150)); // into the wait / the hanging read
    const sent = performance.now();
    child.kill('SIGINT');
    const result = await done;
    return { ...result, ms: performance.now() - sent };
  }

  it('exits 130 at once on Ctrl-C during a Retry-After wait', async () => {
    server.script(
      answer(429, { status: 429, type: 'errors/too_many_requests', title: 'x' }, { 'retry-after': '30' }),
    );
    const r = await interruptAfterFirstRequest(['profile', 'acc_1']);
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(2_000);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/interrupted/);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(server.requests).toHaveLength(1);
  });

  it('exits 130 at once on Ctrl-C during a hanging request', async () => {
    server.script(hang);
    const r = await interruptAfterFirstRequest(['profile', 'acc_1']);
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(2_000);
    expect(r.stderr).toMatch(/interrupted/);
    expect(r.stderr).not.toMatch(STACK);
    expect(server.requests).toHaveLength(1);
  });

  it('reports Ctrl-C as exit_code 130 with --json', async () => {
    server.script(hang);
    const r = await interruptAfterFirstRequest(['--json', 'profile', 'acc_1']);
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(2_000);
    const error = (JSON.parse(r.stderr) as { error: Record<string, unknown> }).error;
    expect(error.exit_code).toBe(130);
  });

  const throughHead = async (command: string) => {
    const r = await runCommand(
      'bash',
      ['-c', `${command} | head -c 40; echo "status=\${PIPESTATUS[0]}" >&2`],
      {
        env: baseEnv({ PP_API_KEY: KEY }),
      },
    );
    const status = /status=(\d+)/.exec(r.stderr)?.[1] ?? '';
    return { stdout: r.stdout, stderr: r.stderr.replace(/status=\d+\n?/, ''), status };
  };

  it('ends quietly when stdout is closed early (sandbox profile | head)', async () => {
    const r = await throughHead(`"${process.execPath}" bin/pp.js --sandbox profile acc_demo_linkedin`);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/EPIPE|Error|STACK/);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.status).toBe('0');
  });

  itWith('python3', 'keeps the exit code when nothing reads standard error any more', async () => {
    const closedStderr = `
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
sys.exit(subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=w).returncode)
`;
    const cases: [string[], number][] = [
      [['whoami', '--account', 'acc_nope'], 7],
      [['--json', 'whoami', '--account', 'acc_error_disconnected_account'], 5],
      [['whoami'], 2],
      [['profile', 'acc_x', 'acc_y'], 7],
      [['whoami', '--account', 'acc_demo_linkedin_seats_disconnected'], 0],
    ];
    const runs = await Promise.all(
      cases.map(([args]) =>
        runCommand('python3', ['-c', closedStderr, process.execPath, bin, '--sandbox', ...args], {
          env: baseEnv(),
        }),
      ),
    );
    for (const [i, [args, code]] of cases.entries()) expect(runs[i]!.code, args.join(' ')).toBe(code);
  });

  it('ends quietly when standard error is the closed pipe (--verbose 2>&1 | head)', async () => {
    const r = await throughHead(
      `"${process.execPath}" bin/pp.js --verbose --sandbox profile acc_demo_linkedin 2>&1 >/dev/null`,
    );
    expect(r.stdout).toMatch(/^pp: /);
    expect(r.stderr).toBe('');
    expect(r.status).toBe('0');
  });

  // Outputs far larger than a pipe's buffer, so pp is still writing when head has gone.
  const organizations = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `org_${i}`,
      mailbox_id: `mbx_${i}`,
      name: `Organisation number ${i} of a very large company`,
    }));

  it('ends quietly when stdout closes in the middle of a 5 MB --json answer', async () => {
    server.script(json(linkedinProfile({ organizations: organizations(60_000) })));
    const r = await throughHead(
      `"${process.execPath}" bin/pp.js --base-url ${server.origin} --json profile acc_1`,
    );
    expect(r.stdout.length).toBe(40);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.status).toBe('0');
  });

  // A reader that waits, on a pipe someone left non-blocking, that takes both standard output and
  // error: pp's writes meet EAGAIN once the pipe is full, and must still deliver every line, in the
  // order written (the count line last). (Node's own spawn makes a child's standard streams
  // blocking, so Python sets this up.)
  const nonBlockingPipe = `
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=w)
os.close(w)
time.sleep(0.5)
data = b''
while True:
    chunk = os.read(r, 65536)
    if not chunk: break
    data += chunk
code = child.wait()
sys.stdout.buffer.write(data)
sys.exit(code)
`;
  itWith(
    'python3',
    'delivers all of a long output, in order, into a full non-blocking pipe shared by stdout and stderr',
    async () => {
      // every profile is off its schema: a warning on stderr, then the row on stdout, per account
      server.script(json(linkedinProfile({ premium: 'yes', organizations: organizations(40) })));
      const dir = tempDir();
      const ids = Array.from({ length: 300 }, (_, i) => `acc_${i}`);
      writeFileSync(join(dir, 'ids'), `${ids.join('\n')}\n`);
      const r = await runCommand(
        'python3',
        ['-c', nonBlockingPipe, process.execPath, bin, '--base-url', server.origin].concat([
          'profile',
          '--from-file',
          join(dir, 'ids'),
          '--json',
        ]),
        { env: baseEnv({ PP_API_KEY: KEY }) },
      );
      expect(r.code).toBe(0);
      expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(256 * 1024);
      const lines = r.stdout.trimEnd().split('\n');
      // NDJSON into a pipe: no count line after it (a script reads the exit code)
      expect(lines.at(-1)).toMatch(/^\{"account_id":"acc_299"/);
      // each row right after its own warning
      let warned = '';
      const rows: string[] = [];
      for (const line of lines) {
        const warning = /^warning: the LinkedIn profile of (\S+) does not match/.exec(line);
        if (warning) warned = warning[1]!;
        else if (line.startsWith('{')) {
          const id = (JSON.parse(line) as { account_id: string }).account_id;
          expect(id).toBe(warned);
          rows.push(id);
        }
      }
      expect(rows).toEqual(ids);
    },
  );

  describe.skipIf(!existsSync('/dev/full'))('a full disk', () => {
    const redirected = (args: string, redirect: string) =>
      runCommand('bash', ['-c', `"${process.execPath}" bin/pp.js ${args} ${redirect}`], { env: baseEnv() });
    const message = 'error: cannot write to standard output: no space left on device (ENOSPC)\n';

    it.each([
      '--sandbox whoami --account acc_demo_linkedin',
      '--sandbox profile acc_demo_gmail',
      '--help',
      '--version',
    ])('on stdout fails pp %s with exit 1 and says so, without a stack trace', async (args) => {
      const r = await redirected(args, '>/dev/full');
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(message);
    });

    it('on stdout with --json is one JSON error on stderr', async () => {
      const r = await redirected('--sandbox whoami --account acc_demo_linkedin --json', '>/dev/full');
      expect(r.code).toBe(1);
      const { error } = JSON.parse(r.stderr) as { error: Record<string, unknown> };
      expect(error).toMatchObject({ exit_code: 1, title: message.slice('error: '.length, -1), status: null });
      // a --json after -- is an operand (an account id here), not the option
      const operand = await redirected('--sandbox profile acc_demo_linkedin -- --json', '>/dev/full');
      expect(operand.code).toBe(1);
      expect(operand.stderr).toBe(message);
    });

    it('on stderr loses only the diagnostics: the result and the exit code stand', async () => {
      const warned = await redirected(
        '--sandbox whoami --account acc_demo_linkedin_seats_disconnected',
        '2>/dev/full',
      );
      expect(warned.code).toBe(0);
      expect(warned.stdout).toMatch(/^Jonas Lindqvist/);
      const failed = await redirected('--sandbox whoami --account acc_nope', '2>/dev/full');
      expect(failed.code).toBe(7);
      expect(failed.stdout).toBe('');
    });
  });

  it('ends quietly when stdout closes in the middle of a long table', async () => {
    server.script(json(linkedinProfile({ organizations: organizations(2_000) })));
    const r = await throughHead(`"${process.execPath}" bin/pp.js --base-url ${server.origin} profile acc_1`);
    expect(Buffer.byteLength(r.stdout)).toBe(40);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.status).toBe('0');
  });
});
