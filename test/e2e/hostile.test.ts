// pp in a hostile world, round 3 (issue 24): answers that break HTTP, lists that page wrongly,
// servers that send what should stay hidden, profiles that do not exist, and inputs too large to
// read whole. In process against a scripted server (test/helpers/fault-server.ts); the cases that
// need a real process (a key command's background child, memory) are in hostile-process.test.ts.
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheFile, cacheOwnerOf, writeAccountCache } from '../../src/completion/values.js';
import { readOwnFile } from '../../src/config/files.js';
import { runKeyCommand } from '../../src/config/key-command.js';
import { realClock } from '../../src/deps.js';
import { Io } from '../../src/output/io.js';
import { FaultServer, json, linkedinProfile, problem } from '../helpers/fault-server.js';
import { pp as inProcess, MemoryStream } from '../helpers/pp.js';
import { baseEnv, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_H0st1leW0rldK3y0123456789AbCd';
const STACK = /\n\s+at .+:\d+:\d+/;

const server = await FaultServer.start();
afterAll(() => server.close());
// every test starts with what it sees forgotten (script() clears the requests)
beforeEach(() => void server.script(json(linkedinProfile())));

/** pp against the fault server with the key in the environment; the key and stacks never show. */
async function pp(args: string[], env: Record<string, string | undefined> = {}) {
  const r = await inProcess(['--base-url', server.origin, ...args], {
    env: baseEnv({ PP_API_KEY: KEY, ...env }),
  });
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toContain(KEY);
    expect(text).not.toMatch(STACK);
  }
  return r;
}

describe('an answer that is not well-formed HTTP is invalid (15), not a network failure (14)', () => {
  const profile = JSON.stringify(linkedinProfile());
  it.each([
    ['a Content-Length shorter than the body', `HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n${profile}`],
    ['a 204 with a body', `HTTP/1.1 204 No Content\r\n\r\n${profile}`],
    ['a 304 with a body', `HTTP/1.1 304 Not Modified\r\n\r\n${profile}`],
    [
      'data after Connection: close',
      `HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: ${profile.length}\r\n\r\n${profile}more`,
    ],
  ])('%s: exit 15, named, not retried', async (_what, text) => {
    server.script({ kind: 'raw', text });
    const r = await pp(['whoami', '--account', 'acc_1']);
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(
      /invalid response: the answer from 127\.0\.0\.1:\d+ is not well-formed HTTP \(HPE_/,
    );
    expect(r.stderr).not.toMatch(/network failure/);
    expect(server.requests).toHaveLength(1);
  });

  it('says so in --json: exit_code 15, not retryable', async () => {
    server.script({ kind: 'raw', text: `HTTP/1.1 204 No Content\r\n\r\n${profile}` });
    const r = await pp(['--json', 'whoami', '--account', 'acc_1']);
    expect(JSON.parse(r.stderr).error).toMatchObject({ exit_code: 15, retryable: false });
  });
});

/** An account of the list, its sources in `statuses`. */
const listed = (id: string, statuses: string[] = ['OK'], extra: Record<string, unknown> = {}) => ({
  object: 'Account',
  type: 'MAIL',
  id,
  name: `Mailbox ${id}`,
  created_at: '2025-01-01T00:00:00.000Z',
  sources: statuses.map((status, i) => ({ id: `${id}_src_${i}`, status })),
  connection_params: {},
  groups: [],
  ...extra,
});

describe('a cursor pp cannot follow is an invalid list (15), never its end', () => {
  it.each([
    ['a number', 2],
    ['a boolean', true],
    ['an object', { next: 'c2' }],
    ['an array', ['c2']],
  ])('%s: nagios UNKNOWN (3), prometheus pp_status_success 0, the table exit 15', async (_what, cursor) => {
    const page = { object: 'AccountList', items: [listed('acc_1')], cursor };
    server.script(json(page));
    const nagios = await pp(['status', '--format', 'nagios']);
    expect(nagios.code).toBe(3);
    expect(nagios.stdout).toMatch(
      /^PP UNKNOWN - invalid response: the list's cursor is an? \w+, not a string/,
    );
    expect(server.requests).toHaveLength(1); // nothing was made of it
    const prometheus = await pp(['status', '--format', 'prometheus']);
    expect(prometheus.stdout).toMatch(/^pp_status_success\{profile="default"\} 0$/m);
    const table = await pp(['status']);
    expect(table.code).toBe(15);
    expect(table.stderr).toMatch(/page 1 of the accounts list/);
  });

  it('a cursor with a lone surrogate: exit 15, not "URI malformed" (1)', async () => {
    const items = JSON.stringify([listed('acc_1')]);
    server.script(json(`{"object":"AccountList","items":${items},"cursor":"ab\\ud800"}`));
    const r = await pp(['accounts']);
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(/cursor that cannot be sent back/);
    expect(r.stderr).not.toMatch(/URI malformed|bug in pp/);
  });
});

describe('an account id with a lone surrogate is a usage error (2), not "URI malformed" (1)', () => {
  it.each([
    ['whoami', ['whoami', '--account', 'acc_\ud800']],
    ['accounts show', ['accounts', 'show', 'acc_\udc00x']],
  ])('%s', async (_what, args) => {
    const r = await pp(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not an account id: "acc_\\ud[8c]00x?" holds a lone UTF-16 surrogate/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('an account the list gives on two pages is one account', () => {
  const pages = () =>
    server.script(
      json({ object: 'AccountList', items: [listed('acc_a'), listed('acc_b', ['STOPPED'])], cursor: 'c2' }),
      json({ object: 'AccountList', items: [listed('acc_b', ['STOPPED']), listed('acc_c')], cursor: null }),
    );

  it('prometheus: one series each, the counts add up to 3, one warning', async () => {
    pages();
    const r = await pp(['status', '--format', 'prometheus']);
    expect(r.stdout.match(/^pp_account_health\{account_id="acc_b"/gm)).toHaveLength(1);
    expect(r.stdout).toMatch(/^pp_accounts\{state="ok",profile="default"\} 2$/m);
    expect(r.stdout).toMatch(/^pp_accounts\{state="stopped",profile="default"\} 1$/m);
    expect(r.stderr.match(/warning:/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/gave account acc_b more than once: each is counted once/);
  });

  it('nagios: stopped=1, one long-output line; --json: one line each', async () => {
    pages();
    const nagios = await pp(['status', '--format', 'nagios']);
    expect(nagios.stdout).toMatch(/\| ok=2 warning=0 connecting=0 action_needed=0 stopped=1 unknown=0\b/);
    expect(nagios.stdout.match(/^stopped: acc_b/gm)).toHaveLength(1);
    pages();
    const lines = (await pp(['accounts', '--json'])).stdout.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).account_id)).toEqual(['acc_a', 'acc_b', 'acc_c']);
  });
});

describe('config set-key: any 401 while checking the key stores nothing (exit 4)', () => {
  it.each(['expired_credentials', 'disconnected_account', 'invalid_credentials'])(
    'a 401 %s',
    async (type) => {
      server.script(problem(401, type));
      const dir = tempDir();
      const r = await inProcess(['--base-url', server.origin, 'config', 'set-key'], {
        env: baseEnv({ PP_CONFIG_DIR: dir }),
        input: KEY,
      });
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(new RegExp(`refused that key: .*${type}.*nothing was stored`));
      expect(r.stdout).toBe('');
      expect(existsSync(join(dir, 'config.json'))).toBe(false);
    },
  );
});

describe('accounts show: connection parameters by an allow-list of exact names', () => {
  it('shows host, port, username, phone number and ids; never a name that only contains one', async () => {
    const names = ['user_pwd', 'login_pin', 'host_bearer', 'server_jwt', 'phone_otp', 'imap_login_hash'];
    const secrets = Object.fromEntries(
      [...names, 'csrf_user', 'hostname_proof'].map((name) => [name, `SECRET-${name}`]),
    );
    const params = {
      imap: { host: 'imap.example.com', port: 993, username: 'me@example.com', ...secrets },
      im: { id: 'ACoAAB1234', phone_number: '+33 6 00 00 00 01' },
      ...secrets,
    };
    server.script(json(listed('acc_params', ['OK'], { connection_params: params })));
    const r = await pp(['accounts', 'show', 'acc_params']);
    expect(r.code).toBe(0);
    const expected: [string, string][] = [
      ['imap.host', 'imap.example.com'],
      ['imap.port', '993'],
      ['imap.username', 'me@example.com'],
      ['im.id', 'ACoAAB1234'],
      ['im.phone_number', '+33 6 00 00 00 01'],
    ];
    for (const [label, value] of expected)
      expect(r.stdout).toMatch(
        new RegExp(`^ +${label.replace('.', '\\.')} +${value.replace('+', '\\+')}$`, 'm'),
      );
    expect(r.stdout).not.toContain('SECRET');
  });
});

describe('a profile that does not exist is exit 3, whatever else is given', () => {
  /** A config with the profiles default and staging; the key and base URL come from elsewhere. */
  const withProfiles = () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ profiles: { default: {}, staging: { baseUrl: 'https://staging.example' } } }),
      { mode: 0o600 },
    );
    return dir;
  };

  it.each([
    ['PP_PROFILE with the key and base URL in the environment', ['accounts'], { PP_PROFILE: 'stagng' }],
    ['--profile with --format nagios', ['--profile', 'stagng', 'status', '--format', 'nagios'], {}],
    ['--profile with --sandbox', ['--profile', 'stagng', '--sandbox', 'accounts'], {}],
    ['PP_PROFILE in pp doctor', ['doctor'], { PP_PROFILE: 'stagng' }],
    ['--profile in whoami with PP_ACCOUNT_ID', ['--profile', 'stagng', 'whoami'], { PP_ACCOUNT_ID: 'acc_1' }],
  ])('%s', async (_what, args, extra) => {
    server.script(json({ object: 'AccountList', items: [listed('acc_1')], cursor: null }));
    const r = await pp(args, { PP_CONFIG_DIR: withProfiles(), PP_BASE_URL: server.origin, ...extra });
    expect(r.code).toBe(3);
    // nagios and doctor say it on standard output (PP UNKNOWN, the API key line), the rest on stderr
    expect(`${r.stdout}${r.stderr}`).toMatch(/there is no profile "stagng"/);
    if (args.includes('nagios')) expect(r.stdout).toMatch(/^PP UNKNOWN - /);
    expect(server.requests).toHaveLength(0);
  });

  it('default needs no config file, and a profile that exists works as before', async () => {
    server.script(json({ object: 'AccountList', items: [listed('acc_1')], cursor: null }));
    expect((await pp(['accounts'], { PP_PROFILE: 'default' })).code).toBe(0);
    expect((await pp(['accounts'], { PP_CONFIG_DIR: withProfiles(), PP_PROFILE: 'staging' })).code).toBe(0);
  });
});

describe('credentials in a URL pp quotes are masked', () => {
  const bad = 'http://user:Hunter2Pw@host:99999';
  const never = (r: { stdout: string; stderr: string }) => {
    expect(`${r.stdout}${r.stderr}`).not.toContain('Hunter2Pw');
    expect(`${r.stdout}${r.stderr}`).not.toContain('user:');
  };

  it.each([
    ['nagios', ['--base-url', bad, 'status', '--format', 'nagios'], {}],
    ['standard error', ['--base-url', bad, 'accounts'], {}],
    ['--json on standard error', ['--json', 'accounts'], { PP_BASE_URL: bad }],
    ['doctor', ['doctor'], { PP_BASE_URL: bad }],
    ['doctor --json', ['doctor', '--json'], { PP_BASE_URL: bad }],
    ['set-base-url', ['config', 'set-base-url', bad], {}],
  ])('%s', async (_what, args, extra) => {
    const r = await inProcess(args, { env: baseEnv({ PP_API_KEY: KEY, ...extra }) });
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('http://***@host:99999');
    never(r);
  });

  it('in a redirect followed under --verbose', async () => {
    const to = `http://someone:Hunter2Pw@127.0.0.1:${server.port}/api/v1/users/me?account_id=acc_1`;
    server.script({ kind: 'answer', status: 302, headers: { location: to } }, json(linkedinProfile()));
    const r = await pp(['--verbose', 'whoami', '--account', 'acc_1']);
    expect(r.stderr).toMatch(/following redirect to http:\/\/\*\*\*@127\.0\.0\.1/);
    never(r);
  });
});

describe('pp doctor shows server text as every command does', () => {
  const list = { object: 'AccountList', items: [], cursor: null };
  const doctor = (env: Record<string, string> = {}) =>
    inProcess(['doctor'], { env: baseEnv({ PP_API_KEY: KEY, PP_BASE_URL: server.origin, ...env }) });

  it('a 401 title with OSC 52, CSI 2J, C1 controls, bidi overrides, CR and BS: escaped; exit 4 whatever the type', async () => {
    const title = 'Nope\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u009b31m\u202eevil\r\bx';
    server.script(problem(401, 'expired_credentials', { title }));
    const r = await doctor();
    expect(r.code).toBe(4);
    const line = r.stdout.split('\n').find((l) => l.includes('Key accepted'));
    expect(line).toContain('Nope\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J\\u009b31m\\u202eevil\\u000d\\u0008x');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it.each(['1', '-1', '0', '12'])(
    'a garbage Date header (%s) is not compared, nor read as 2001',
    async (date) => {
      server.script(json(list, { date }));
      const r = await doctor();
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(`✓ Clock +not compared: the server's Date header is not a date \\("${date}"\\)`),
      );
      expect(r.stdout).not.toMatch(/ s (behind|ahead of) the server's/);
    },
  );

  it('a real Date is still compared', async () => {
    server.script(json(list, { date: new Date().toUTCString() }));
    expect((await doctor()).stdout).toMatch(/✓ Clock +within \d+ s of the server's/);
  });
});

describe('an integer past 2^53 is shown with the digits the server sent', () => {
  const big = '12345678901234567891';

  it('pp profile: a LinkedIn provider_id sent as a number, and a nested one', async () => {
    const profile = JSON.stringify(linkedinProfile({ organizations: [{ id: 1, name: 'Org' }] }))
      .replace('"provider_id":"ACoAAB1234"', `"provider_id":${big}`)
      .replace('"id":1,', '"id":98765432109876543210,');
    server.script(json(profile));
    const r = await pp(['profile', 'acc_1']);
    expect(r.stdout).toMatch(new RegExp(`Provider ID +${big}$`, 'm'));
    expect(r.stdout).toContain('98765432109876543210');
    expect(r.stdout).not.toMatch(/rounded|12345678901234567000|98765432109876540000/);
  });

  it('pp whoami: a Twitter follower count past 2^53, its digits', async () => {
    const twitter = JSON.stringify({
      object: 'AccountOwnerProfile',
      provider: 'TWITTER',
      id: '1',
      name: 'Big',
    });
    server.script(json(twitter.replace(/}$/, `,"followers_count":${big}}`)));
    const r = await pp(['whoami', '--account', 'acc_1']);
    expect(r.stdout).toMatch(new RegExp(`Followers +${big}$`, 'm'));
  });

  it('pp accounts show: a connection id sent as a number', async () => {
    const account = JSON.stringify(listed('acc_big', ['OK'], { connection_params: { im: { id: 7 } } }));
    server.script(json(account.replace('"id":7', `"id":${big}`)));
    const r = await pp(['accounts', 'show', 'acc_big']);
    expect(r.stdout).toMatch(new RegExp(`im\\.id +${big}$`, 'm'));
  });
});

describe('csv and tsv: a name a spreadsheet would run as a formula gets a leading quote', () => {
  const names: [string, string][] = [
    ['=HYPERLINK("http://evil.test","click")', `'=HYPERLINK("http://evil.test","click")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['+33 6 00 00 00 01', '+33 6 00 00 00 01'],
    ['+1 (555) 010-9999', '+1 (555) 010-9999'],
    ['-12.5', '-12.5'],
    ['+', '+'],
    ['Ada = Lovelace', 'Ada = Lovelace'],
  ];
  const list = () =>
    server.script(
      json({
        object: 'AccountList',
        items: names.map(([name], i) => listed(`acc_${i}`, ['OK'], { name })),
        cursor: null,
      }),
    );

  it.each([['accounts'], ['status']])('pp %s --format csv, read back by a csv parser', async (command) => {
    list();
    const r = await pp([command, '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout, { columns: true }) as { name: string }[];
    expect(rows.map((row) => row.name)).toEqual(names.map(([, shown]) => shown));
  });

  it('tsv: the quote comes before the escaping', async () => {
    list();
    const r = await pp(['accounts', '--format', 'tsv']);
    const cells = r.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[2]);
    expect(cells[4]).toBe("'\\t=1+1");
    expect(cells[5]).toBe("'\\r=1+1");
    expect(cells[0]).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(cells[6]).toBe('+33 6 00 00 00 01');
  });
});

describe('config profiles with many profiles is linear', () => {
  it('registers no key with the output masking (each one was searched for in every line), and masks a key pasted as a setting', async () => {
    const dir = tempDir();
    const profiles: Record<string, Record<string, string>> = {};
    for (let i = 0; i < 50; i++)
      profiles[`client-${i}`] = { apiKey: `pp_live_${String(i).padStart(6, '0')}abcdefghijklmnopqrstuvwx` };
    profiles['client-7']!.accountId = profiles['client-3']!.apiKey!; // a key pasted in the wrong place
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles }), { mode: 0o600 });
    const added = vi.spyOn(Io.prototype, 'addSecret');
    try {
      for (const args of [
        ['config', 'profiles'],
        ['config', 'profiles', '--json'],
      ]) {
        const r = await inProcess(args, { env: baseEnv({ PP_CONFIG_DIR: dir }) });
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('pp_live_…uvwx');
        expect(r.stdout).not.toMatch(/pp_live_\d{6}abc/);
      }
      expect(added).not.toHaveBeenCalled();
    } finally {
      added.mockRestore();
    }
  });
});

describe('a key command that leaves a background child holding its output', () => {
  it('is done when the command exits, not when the pipe closes (the 10 s limit held for 30 s)', async () => {
    const dir = tempDir();
    const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: server.origin });
    // the sleep outlives the command and keeps its standard output open; pp must not wait for it
    const set = await inProcess(['config', 'set-key-command', `printf '%s\\n' '${KEY}'; sleep 4 &`], { env });
    expect(set.code).toBe(0);
    server.script(json(linkedinProfile()));
    const r = await inProcess(['whoami', '--account', 'acc_1', '--json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(server.requests[0]!.headers['x-api-key']).toBe(KEY);
  });

  it('a limit shorter than the child’s life: still the key, not "did not finish"', async () => {
    const key = await runKeyCommand(`printf %s '${KEY}'; setsid sleep 3 &`, {
      env: baseEnv(),
      clock: realClock,
      signal: new AbortController().signal,
      limitMs: 2_000,
    });
    expect(key).toBe(KEY);
  });
});

describe('accounts show lays out huge server values in output linear in them', () => {
  it('a 32 KB source id: on its own line, not the indent of every other line', async () => {
    const sources = [
      { id: 'x'.repeat(32 * 1024), status: 'OK' },
      ...Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, status: 'CREDENTIALS' })),
    ];
    server.script(json(listed('acc_big', [], { sources })));
    const r = await pp(['accounts', 'show', 'acc_big']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('x'.repeat(32 * 1024)); // whole: an id is never cut
    expect(r.stdout.length).toBeLessThan(32 * 1024 + 20_000); // it was 6.6 MB
    expect(r.stdout).toMatch(/^ {2}s0 +CREDENTIALS: A source needs/m);
  });

  it('a 64 KB source id and a 64 KB status of short words: shown, not exit 1 "Invalid string length"', async () => {
    const sources = [{ id: 'i'.repeat(64 * 1024), status: 'y '.repeat(32 * 1024) }];
    server.script(json(listed('acc_big', [], { sources })));
    const r = await pp(['accounts', 'show', 'acc_big']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(1024 * 1024); // every line was indented by 64 KB: 512 MB
  });
});

describe('locks pp left, or that are not pp’s', () => {
  const configWith = () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles: { default: {} } }), { mode: 0o600 });
    return dir;
  };
  const old = (path: string) =>
    utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

  it('a lock that is a directory older than 10 s: exit 3 naming it (it was exit 1, EISDIR), and it stays', async () => {
    const dir = configWith();
    const lock = join(dir, 'config.json.lock');
    mkdirSync(lock);
    old(lock);
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    const r = await inProcess(['config', 'set-account', 'acc_1'], { env: baseEnv({ PP_CONFIG_DIR: dir }) });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot lock the config file: .*config\.json\.lock is not a lock pp made/);
    expect(r.stderr).not.toMatch(/bug in pp|EISDIR/);
    expect(statSync(lock).isDirectory()).toBe(true);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
    const doctor = await inProcess(['--sandbox', 'doctor'], { env: baseEnv({ PP_CONFIG_DIR: dir }) });
    expect(doctor.code).toBe(3);
    expect(doctor.stdout).toMatch(/✗ Config lock +.*config\.json\.lock is not a lock pp made/);
  });

  it('pp doctor says a lock is stale: one left by a pp that is gone, one older than 10 s', async () => {
    const dir = configWith();
    const lock = join(dir, 'config.json.lock');
    writeFileSync(lock, '2147483646\n'); // no such process
    const gone = await inProcess(['--sandbox', 'doctor'], {
      env: baseEnv({ PP_CONFIG_DIR: dir, COLUMNS: '400' }),
    });
    expect(gone.code).toBe(0);
    expect(gone.stdout).toMatch(
      /! Config lock +.*config\.json\.lock is stale \(its pp \(process 2147483646\) is gone\)/,
    );
    writeFileSync(lock, `${process.pid}\n`);
    old(lock);
    const aged = await inProcess(['--sandbox', 'doctor'], {
      env: baseEnv({ PP_CONFIG_DIR: dir, COLUMNS: '400' }),
    });
    expect(aged.stdout).toMatch(/! Config lock +.*is stale \(\d+ s old\)/);
    expect(aged.stdout).toMatch(/pp takes it over on its next write/);
    rmSync(lock);
    const none = await inProcess(['--sandbox', 'doctor'], {
      env: baseEnv({ PP_CONFIG_DIR: dir, COLUMNS: '400' }),
    });
    expect(none.stdout).not.toMatch(/(Config|State) lock/);
  });
});

describe('files pp reads are bounded', () => {
  it('a 1 GB config.json is refused unread (exit 3), by a command and by Tab', async () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    writeFileSync(path, '{"profiles":{"default":{}}}', { mode: 0o600 });
    truncateSync(path, 1024 * 1024 * 1024); // sparse: no disk used, and no time to write it
    const r = await inProcess(['config', 'show'], { env: baseEnv({ PP_CONFIG_DIR: dir }) });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /the config file .*config\.json is larger than 8 MB, more than pp ever writes there/,
    );
    const tab = await inProcess(['__complete', 'profiles', ''], { env: baseEnv({ PP_CONFIG_DIR: dir }) });
    expect(tab.code).toBe(0);
    expect(tab.stdout).toBe('');
  });

  it.skipIf(!existsSync('/proc/self/maps'))(
    'the read itself stops past the bound, whatever the size said',
    () => {
      // /proc files say they are 0 bytes long and hold more
      const read = readOwnFile('/proc/self/maps', { maxBytes: 100 });
      expect(read).toMatchObject({ kind: 'refused', refusal: { kind: 'too_large' } });
      expect(readOwnFile('/proc/self/maps', { maxBytes: 10 * 1024 * 1024 }).kind).toBe('read');
    },
  );
});

describe('the completion cache is kept as config.json is', () => {
  const asRoot = process.getuid?.() === 0;
  /** A config folder with a cache of `ids` for the profile default, written now. */
  const withCache = (ids: string[]) => {
    // the API the runs below read from: the cache of ids is kept per profile and API
    const env = baseEnv({ PP_BASE_URL: server.origin });
    const owner = cacheOwnerOf('default', server.origin);
    writeAccountCache(env, owner, ids, Date.now());
    return { env, path: cacheFile(env, owner) };
  };
  const tab = async (env: Record<string, string>) =>
    (await inProcess(['__complete', 'accounts', 'acc_'], { env })).stdout.split('\n').filter(Boolean);

  it('one larger than any pp writes (2 MB) is not read on a Tab', async () => {
    const { env, path } = withCache(['acc_small']);
    expect(await tab(env)).toEqual(['acc_small']);
    const ids = Array.from({ length: 150_000 }, (_, i) => `acc_${String(i).padStart(10, '0')}`);
    writeFileSync(path, JSON.stringify({ written_at: new Date().toISOString(), ids }), { mode: 0o600 });
    expect(await tab(env)).toEqual([]);
  });

  it.skipIf(!asRoot)('one owned by another user is not read, and pp accounts replaces it', async () => {
    const { env, path } = withCache(['acc_planted']);
    chownSync(path, 4242, 4242);
    expect(await tab(env)).toEqual([]);
    server.script(json({ object: 'AccountList', items: [listed('acc_real')], cursor: null }));
    const r = await inProcess(['--base-url', server.origin, 'accounts'], {
      env: { ...env, PP_API_KEY: KEY },
    });
    expect(r.code).toBe(0);
    expect(statSync(path).uid).toBe(0);
    expect(await tab(env)).toEqual(['acc_real']);
  });

  it.skipIf(!asRoot)('in a folder another user may write in: neither read nor written', async () => {
    const { env, path } = withCache(['acc_there']);
    const folder = dirname(path);
    chownSync(folder, 4242, 4242);
    chmodSync(folder, 0o777);
    expect(await tab(env)).toEqual([]);
    const before = readFileSync(path, 'utf8');
    server.script(json({ object: 'AccountList', items: [listed('acc_real')], cursor: null }));
    const r = await inProcess(['--base-url', server.origin, 'accounts'], {
      env: { ...env, PP_API_KEY: KEY },
    });
    expect(r.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});

describe('nagios and the table hold their rows compactly and write them a block at a time', () => {
  it('3,000 accounts not ok: worst first, list order within a state, exact lines, no write of it all', async () => {
    const statuses = ['STOPPED', 'CREDENTIALS', 'CONNECTING'];
    const accounts = Array.from({ length: 3000 }, (_, i) =>
      listed(`acc_${i}`, [statuses[i % 3]!], { name: i === 7 ? 'two\n lines | pipe' : `Mailbox ${i}` }),
    );
    const pages = Array.from({ length: 12 }, (_, p) =>
      json({
        object: 'AccountList',
        items: accounts.slice(p * 250, p * 250 + 250),
        cursor: p < 11 ? `c${p + 1}` : null,
      }),
    );
    server.script(...pages);
    const writes: string[] = [];
    const stdout = Object.assign(new MemoryStream(), {
      write(chunk: string) {
        writes.push(chunk);
        return true;
      },
    });
    const r = await inProcess(['--base-url', server.origin, 'status', '--format', 'nagios', '--no-state'], {
      env: baseEnv({ PP_API_KEY: KEY }),
      stdout,
    });
    expect(r.code).toBe(2);
    const lines = writes.join('').trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^PP CRITICAL - default: 3000 accounts: 1000 connecting, 1000 action_needed, 1000 stopped \|/,
    );
    const byState = (state: string, status: number) =>
      accounts
        .map((a, i) => ({ a, i }))
        .filter(({ i }) => i % 3 === status)
        .map(
          ({ a }) =>
            `${state}: ${a.id} (MAIL, ${String(a.name)
              .replace(/\s*\n\s*/g, ' ')
              .replace('|', '/')})`,
        );
    const expected = [...byState('stopped', 0), ...byState('action_needed', 1), ...byState('connecting', 2)];
    expect(lines.slice(1).map((l) => l.replace(/: A source.*$/, ''))).toEqual(expected);
    expect(lines[1]).toMatch(/^stopped: acc_0 \(MAIL, Mailbox 0\): A source has been stopped\. Restart it/);
    expect(
      lines.filter((l) => /^action_needed: acc_7 \(MAIL, two lines \/ pipe\): A source needs/.test(l)),
    ).toHaveLength(1);
    // a block of 1,024 lines at most a write (it was one write of every line)
    for (const chunk of writes) expect(chunk.split('\n').length).toBeLessThanOrEqual(1025);
    // the table too: a block of rows at a time, worst first
    server.script(...pages);
    writes.length = 0;
    const table = await inProcess(['--base-url', server.origin, 'status', '--no-state'], {
      env: baseEnv({ PP_API_KEY: KEY }),
      stdout,
    });
    expect(table.code).toBe(5);
    const rows = writes
      .join('')
      .split('\n')
      .filter((l) => /^acc_\d+ /.test(l));
    expect(rows).toHaveLength(3000);
    expect(rows[0]).toMatch(/^acc_0 +MAIL +Mailbox 0 +stopped/);
    for (const chunk of writes) expect(chunk.split('\n').length).toBeLessThanOrEqual(1026);
  });
});
