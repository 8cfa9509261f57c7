// Every exit code of the CLI contract from 0 to 15, each produced by a real run of bin/pp.js.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue, errorNames, exitCodeFor } from '../../src/api/catalogue.js';
import { baseEnv, root, runPp } from '../helpers/run.js';

const KEY = 'pp_live_exitCodesKey0123456789AB';

/** Answers every request with the body the test put under the account id. */
let bodies: Record<string, string> = {};
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('account_id') ?? '';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(bodies[id] ?? '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bodies = {
    not_json: '<html>hello</html>',
    mismatch: JSON.stringify({ object: 'AccountOwnerProfile', provider: 'OUTLOOK', id: 7, email: 'a@b.c' }),
    unknown: JSON.stringify({
      object: 'AccountOwnerProfile',
      provider: 'MASTODON',
      display_name: 'Ann',
      handle: '@ann',
    }),
  };
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const env = () => baseEnv({ PP_API_KEY: KEY, PP_BASE_URL: base });
/** A config folder whose file holds these profiles. */
function configWith(profiles: Record<string, Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pp-exit-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles }), { mode: 0o600 });
  return dir;
}

const sandbox = (account: string, ...more: string[]) =>
  runPp(['--sandbox', '--retries', '0', 'whoami', '--account', account, ...more]);

describe.concurrent('exit codes', () => {
  it('0: success', async () => {
    expect((await sandbox('acc_demo_gmail')).code).toBe(0);
  });

  it('1: an unexpected failure (a broken install with no completions/) is reported as a bug', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'pp-broken-'));
    try {
      cpSync(join(root, 'bin'), join(copy, 'bin'), { recursive: true });
      cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
      cpSync(join(root, 'package.json'), join(copy, 'package.json'));
      const { spawnSync } = await import('node:child_process');
      const r = spawnSync(process.execPath, [join(copy, 'bin/pp.js'), 'completion', 'bash'], {
        env: baseEnv(),
        encoding: 'utf8',
        cwd: copy,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^error: unexpected failure: .*ENOENT/);
      expect(r.stderr).toMatch(/This is a bug in pp/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace without --verbose
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('2: usage errors', async () => {
    const cases = [
      ['whoamx'],
      ['whoami', '--bogus'],
      ['--retries', 'many', 'whoami'],
      ['--timeout', '-1', 'whoami'],
      ['config', 'set-account'],
      ['completion', 'tcsh'],
      ['--sandbox', 'whoami'],
      ['--base-url', 'http://api.example.com', 'whoami', '--account', 'a'],
      ['--base-url', 'not a url', 'whoami', '--account', 'a'],
      ['profile'],
    ];
    for (const args of cases) {
      const r = await runPp(args, { env: baseEnv({ PP_API_KEY: KEY }) });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(/error/);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });

  it('2: no account given says how to set one', async () => {
    const r = await runPp(['--sandbox', 'whoami']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no account given/);
    expect(r.stderr).toMatch(/--account[\s\S]*PP_ACCOUNT_ID[\s\S]*`pp --sandbox config set-account acc_…`/);
  });

  it('2: a mistyped command suggests the right one', async () => {
    const r = await runPp(['whoamy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean whoami\?/);
  });

  it('3: no API key anywhere, with the hint to run pp config set-key', async () => {
    const r = await runPp(['whoami', '--account', 'acc_demo_gmail'], { env: baseEnv({ PP_BASE_URL: base }) });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no API key/);
    expect(r.stderr).toMatch(/pp config set-key/);
  });

  it('3: no API key names the profile that has none', async () => {
    const r = await runPp(['--profile', 'acme', 'whoami', '--account', 'acc_demo_gmail'], {
      env: baseEnv({ PP_BASE_URL: base, PP_CONFIG_DIR: configWith({ acme: {} }) }),
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no API key for profile acme/);
    expect(r.stderr).toMatch(/pp --profile acme config set-key/);
  });

  it('4: a refused key says where it came from: PP_API_KEY, or the profile that stores it', async () => {
    const fromEnv = await runPp(['--sandbox', 'accounts'], {
      env: baseEnv({ PP_API_KEY: 'pp_test_rejected' }),
    });
    expect(fromEnv.code).toBe(4);
    expect(fromEnv.stderr).toMatch(/hint: The key comes from PP_API_KEY/);
    expect(fromEnv.stderr).not.toMatch(/set-key/);
    const stored = await runPp(['--sandbox', '--profile', 'acme', 'accounts'], {
      env: baseEnv({ PP_CONFIG_DIR: configWith({ acme: { apiKey: 'pp_test_rejected' } }) }),
    });
    expect(stored.code).toBe(4);
    expect(stored.stderr).toMatch(
      /The key of profile acme was refused: store a valid one with\s+`pp --profile acme config set-key`/,
    );
  });

  it('7: an id not found says how to find the right one, as this run was typed', async () => {
    const r = await runPp(['--sandbox', 'accounts', 'show', 'acc_nope']);
    expect(r.code).toBe(7);
    // the list that has the sandbox's ids is the sandbox's
    expect(r.stderr).toMatch(/`pp --sandbox accounts` lists the workspace’s ids/);
    expect(r.stderr).not.toMatch(/whoami/);
    const profile = await runPp(['--sandbox', '--profile', 'acme', 'whoami', 'acc_nope'], {
      env: baseEnv({ PP_CONFIG_DIR: configWith({ acme: {} }) }),
    });
    expect(profile.code).toBe(7);
    expect(profile.stderr).toMatch(/`pp --sandbox --profile acme accounts` lists the workspace’s ids/);
  });

  const byCode: [number, string][] = [
    [4, 'invalid_credentials'],
    [5, 'disconnected_account'],
    [5, 'expired_credentials'],
    [6, 'account_restricted'],
    [7, 'resource_not_found'],
    [8, 'unprocessable_entity'],
    [9, 'too_many_requests'],
    [10, 'unexpected_error'],
    [11, 'feature_not_implemented'],
    [12, 'service_unavailable'],
    [13, 'request_timeout'],
  ];
  for (const [code, name] of byCode) {
    it(`${code}: errors/${name}`, async () => {
      const r = await sandbox(`acc_error_${name}`);
      expect(r.code).toBe(code);
      expect(r.stderr).toContain(`errors/${name}`);
      expect(r.stderr).toContain(`HTTP ${errorCatalogue[name]!.status}`);
    });
  }

  it('14: no HTTP answer at all (connection refused)', async () => {
    const r = await runPp(['--retries', '0', 'whoami', '--account', 'a'], {
      env: baseEnv({ PP_API_KEY: KEY, PP_BASE_URL: 'http://127.0.0.1:9' }),
    });
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(/connection refused/);
  });

  it('15: a 2xx that is not a profile', async () => {
    const r = await runPp(['whoami', '--account', 'not_json'], { env: env() });
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(/not JSON/);
    expect(r.stderr).toMatch(/text\/html|application\/json/);
  });

  it('15: with --strict, a profile that does not match its schema; without, a warning and exit 0', async () => {
    const strict = await runPp(['--strict', 'profile', 'mismatch'], { env: env() });
    expect(strict.code).toBe(15);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/does not match its schema/);
    expect(strict.stderr).toMatch(/id: /); // names the path
    const tolerant = await runPp(['profile', 'mismatch'], { env: env() });
    expect(tolerant.code).toBe(0);
    expect(tolerant.stderr).toMatch(/warning: .*does not match the documented schema/);
    expect(tolerant.stderr).toMatch(/display_name/);
    expect(tolerant.stdout).toContain('a@b.c');
  });

  it('an unknown provider is shown generically with a warning, exit 0', async () => {
    const r = await runPp(['profile', 'unknown'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/unknown provider "MASTODON"/);
    expect(r.stdout).toContain('@ann');
    const json = await runPp(['profile', 'unknown', '--json'], { env: env() });
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(bodies.unknown!));
  });
});

describe.concurrent('all 38 error types through the sandbox', () => {
  for (const name of errorNames) {
    const info = errorCatalogue[name]!;
    it(`acc_error_${name} → HTTP ${info.status}, exit ${exitCodeFor(info.status, `errors/${name}`)}`, async () => {
      const r = await sandbox(`acc_error_${name}`, '--json');
      expect(r.code).toBe(exitCodeFor(info.status, `errors/${name}`));
      const { error } = JSON.parse(r.stderr);
      expect(error).toMatchObject({ status: info.status, type: `errors/${name}`, exit_code: r.code });
      expect(r.stdout).toBe('');
    });
  }
});
