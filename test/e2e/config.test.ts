// The config lifecycle, end to end, and the rule that the API key is never printed.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { baseEnv, type RunResult, runPp, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_01HXYZsecretKeyMaterial8GR2';
const MASKED = 'pp_live_…8GR2';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('config lifecycle', () => {
  const dir = join(tempDir(), 'nested', 'postpress');
  const env = () => baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: sandbox.url });
  const file = join(dir, 'config.json');

  it('set-key from standard input stores the key with mode 0600 in a 0700 folder, confirming with the mask', async () => {
    const r = await runPp(['config', 'set-key'], { env: env(), input: `${KEY}\n` });
    // no session bus in the tests: no keychain, so the file, said once
    expect(r.stderr).toBe(
      'warning: no keychain is reachable (no D-Bus session bus): the key is stored in plain text in the config file (mode 0600)\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Saved API key ${MASKED} for profile default in ${file} (plain text); accepted by ${sandbox.url}, which holds account acc_demo_linkedin\n`,
    );
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ profiles: { default: { apiKey: KEY } } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('show: the file, the masked key and where it came from', async () => {
    const r = await runPp(['config', 'show', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      config_file: file,
      profile: { name: 'default', source: 'default' },
      api_key: { masked: MASKED, source: 'file', storage: 'file', kind: 'live' },
      account_id: null,
      base_url: { value: sandbox.url, source: 'environment' },
    });
    const human = await runPp(['config', 'show'], { env: env() });
    expect(human.stdout).toContain(`${MASKED} (live), from file (plain text)`);
    expect(human.stdout).toContain(file);
  });

  it('PP_API_KEY wins over the file', async () => {
    const r = await runPp(['config', 'show', '--json'], {
      env: { ...env(), PP_API_KEY: 'pp_test_fromEnvironment1234' },
    });
    expect(JSON.parse(r.stdout).api_key).toEqual({
      masked: 'pp_test_…1234',
      kind: 'test',
      source: 'environment',
      storage: 'environment',
    });
  });

  it('set-account, then whoami uses it with the stored key', async () => {
    const set = await runPp(['config', 'set-account', 'acc_demo_twitter'], { env: env() });
    expect(set.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      profiles: { default: { apiKey: KEY, accountId: 'acc_demo_twitter' } },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const who = await runPp(['whoami', '--json'], { env: env() });
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout).provider).toBe('TWITTER');
  });

  it('unset-account and unset-key remove only their own setting', async () => {
    expect((await runPp(['config', 'unset-account'], { env: env() })).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ profiles: { default: { apiKey: KEY } } });
    const unset = await runPp(['config', 'unset-key'], { env: env() });
    expect(unset.stdout).toMatch(/Removed the API key/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ profiles: { default: {} } });
    const again = await runPp(['config', 'unset-key'], { env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/No API key was stored/);
    const noKey = await runPp(['whoami', '--account', 'acc_demo_gmail'], { env: env() });
    expect(noKey.code).toBe(3);
  });

  it('a key given as an argument works but warns about shell history', async () => {
    const r = await runPp(['config', 'set-key', KEY], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*shell history/);
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles.default.apiKey).toBe(KEY);
  });

  it('keeps other settings a user stored in the file', async () => {
    writeFileSync(file, JSON.stringify({ accountId: 'acc_demo_imap', note: 'mine' }));
    expect((await runPp(['config', 'set-key'], { env: env(), input: KEY })).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      note: 'mine',
      profiles: { default: { accountId: 'acc_demo_imap', apiKey: KEY } },
    });
  });

  it('an empty standard input is a usage error, nothing written', async () => {
    const fresh = join(tempDir(), 'pp');
    const r = await runPp(['config', 'set-key'], { env: baseEnv({ PP_CONFIG_DIR: fresh }), input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no API key given/);
    expect(existsSync(join(fresh, 'config.json'))).toBe(false);
  });

  it('a corrupt config file is exit 3 naming it, and is left exactly as it was', async () => {
    const broken = tempDir();
    const path = join(broken, 'config.json');
    const content = '{"apiKey": "pp_live_half';
    writeFileSync(path, content);
    for (const args of [
      ['whoami', '--account', 'a'],
      ['config', 'set-key', KEY],
      ['config', 'show'],
    ]) {
      const r = await runPp(args, { env: baseEnv({ PP_CONFIG_DIR: broken }) });
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toContain(path);
      expect(readFileSync(path, 'utf8')).toBe(content);
    }
  });
});

describe('the API key is never printed', () => {
  it('appears in no stream of any command, success or failure, --verbose included', async () => {
    const dir = tempDir();
    const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: sandbox.url });
    const runs: RunResult[] = [await runPp(['config', 'set-key', KEY], { env })];
    const commands = [
      ['config', 'show'],
      ['config', 'show', '--json'],
      ['--verbose', 'whoami', '--account', 'acc_demo_linkedin'],
      ['--verbose', 'profile', 'acc_demo_gmail', '--json'],
      ['--verbose', '--retries', '0', 'whoami', '--account', 'acc_error_invalid_credentials'],
      ['--verbose', '--json', '--retries', '1', 'whoami', '--account', 'acc_error_service_unavailable'],
      ['--verbose', 'profile', 'acc_nobody'],
      ['--verbose', '--base-url', 'http://127.0.0.1:9', '--retries', '0', 'whoami', '--account', 'a'],
      ['--verbose', '--base-url', 'http://example.com', 'whoami', '--account', 'a'],
    ];
    for (const args of commands) runs.push(await runPp(args, { env }));
    runs.push(
      await runPp(['--verbose', 'whoami', '--account', 'acc_demo_gmail'], {
        env: { ...env, PP_API_KEY: KEY },
      }),
    );
    for (const r of runs) {
      expect(r.stdout).not.toContain(KEY);
      expect(r.stderr).not.toContain(KEY);
      expect(r.stdout + r.stderr).not.toContain(KEY.slice(8, 24));
    }
    // and --verbose did show the masked key went out with the requests
    expect(runs.some((r) => r.stderr.includes(MASKED))).toBe(true);
  });
});

describe('a config file that starts with a byte-order mark', () => {
  it('is read as the JSON after the mark, and not rewritten by reading it', async () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    const content = `\uFEFF${JSON.stringify({ apiKey: KEY, accountId: 'acc_demo_gmail' }, null, 2)}\n`;
    writeFileSync(path, content);
    const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: sandbox.url });
    const who = await runPp(['whoami', '--json'], { env });
    expect(who.stderr).toBe('');
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout).provider).toBe('GMAIL');
    const show = await runPp(['config', 'show', '--json'], { env });
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({
      api_key: { masked: MASKED, source: 'file' },
      account_id: { value: 'acc_demo_gmail', source: 'file' },
    });
    expect(readFileSync(path, 'utf8')).toBe(content);
  });

  it('can be changed: set-account keeps the stored key', async () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    writeFileSync(path, `\uFEFF${JSON.stringify({ apiKey: KEY })}`);
    const set = await runPp(['config', 'set-account', 'acc_demo_imap'], {
      env: baseEnv({ PP_CONFIG_DIR: dir }),
    });
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''))).toEqual({
      profiles: { default: { apiKey: KEY, accountId: 'acc_demo_imap' } },
    });
  });
});

describe('where the config file goes without PP_CONFIG_DIR', () => {
  /** No PP_CONFIG_DIR; `extra` decides HOME and XDG_CONFIG_HOME. */
  const envWith = (extra: Record<string, string | undefined>) =>
    baseEnv({ PP_CONFIG_DIR: undefined, XDG_CONFIG_HOME: undefined, ...extra });

  it('uses an absolute XDG_CONFIG_HOME, and ignores a relative one (XDG spec) for ~/.config', async () => {
    const home = tempDir('pp-home-');
    const xdg = tempDir('pp-xdg-');
    const abs = await runPp(['config', 'set-key', '--no-verify'], {
      env: envWith({ HOME: home, XDG_CONFIG_HOME: xdg }),
      input: KEY,
    });
    expect(abs.code).toBe(0);
    expect(abs.stdout).toBe(
      `Saved API key ${MASKED} for profile default in ${join(xdg, 'postpress', 'config.json')} (plain text)\n`,
    );

    const cwd = tempDir('pp-cwd-');
    const rel = await runPp(['config', 'set-key', '--no-verify'], {
      env: envWith({ HOME: home, XDG_CONFIG_HOME: 'relative/xdg' }),
      input: KEY,
      cwd,
    });
    expect(rel.stderr).toMatch(/^warning: no keychain is reachable/);
    expect(rel.code).toBe(0);
    const file = join(home, '.config', 'postpress', 'config.json');
    expect(rel.stdout).toBe(`Saved API key ${MASKED} for profile default in ${file} (plain text)\n`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ profiles: { default: { apiKey: KEY } } });
    expect(existsSync(join(cwd, 'relative'))).toBe(false);
  });

  it('with no absolute place (HOME empty or relative) says to set PP_CONFIG_DIR (exit 3) when the file is needed', async () => {
    for (const [home, why] of [
      ['', /HOME is empty/],
      ['not/absolute', /HOME \("not\/absolute"\) is not an absolute path/],
    ] as const) {
      const cwd = tempDir('pp-cwd-');
      const env = envWith({ HOME: home, XDG_CONFIG_HOME: 'relative/xdg' });
      for (const args of [
        ['config', 'set-key'],
        ['config', 'set-account', 'acc_demo_gmail'],
        ['config', 'show'],
      ]) {
        const r = await runPp(args, { env, input: KEY, cwd });
        expect(r.code, `${args.join(' ')} HOME=${home}`).toBe(3);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^error: no folder for the config file: set PP_CONFIG_DIR\n/);
        expect(r.stderr).toMatch(why);
        expect(r.stderr).toMatch(/XDG_CONFIG_HOME \("relative\/xdg"\) is not an absolute path/);
        expect(r.stderr).toMatch(/hint: Set PP_CONFIG_DIR/);
      }
      const j = await runPp(['--json', 'config', 'show'], { env, cwd });
      expect(j.code).toBe(3);
      expect(JSON.parse(j.stderr).error).toMatchObject({
        exit_code: 3,
        title: expect.stringMatching(/PP_CONFIG_DIR/),
      });
      // nothing was written relative to the current directory
      expect(readdirSync(cwd)).toEqual([]);
    }
  });

  it('with no absolute place, reads no file relative to the current directory, and runs what needs none', async () => {
    // a config.json where HOME='' used to lead: ./.config/postpress, relative to where pp runs
    const cwd = tempDir('pp-cwd-');
    const planted = join(cwd, '.config', 'postpress');
    mkdirSync(planted, { recursive: true });
    writeFileSync(join(planted, 'config.json'), JSON.stringify({ accountId: 'acc_demo_imap' }));
    const env = envWith({ HOME: '' });
    // the settings are looked up in no file: no error about its folder, and not the planted account
    const sandboxed = await runPp(['--sandbox', 'whoami', '--account', 'acc_demo_gmail', '--json'], {
      env,
      cwd,
    });
    expect(sandboxed.stderr).toBe('');
    expect(sandboxed.code).toBe(0);
    expect(JSON.parse(sandboxed.stdout).provider).toBe('GMAIL');
    const noAccount = await runPp(['whoami'], {
      env: { ...env, PP_API_KEY: KEY, PP_BASE_URL: sandbox.url },
      cwd,
    });
    expect(noAccount.stdout).toBe('');
    expect(noAccount.code).toBe(2);
    expect(noAccount.stderr).toMatch(/account/);
    expect(noAccount.stderr).not.toMatch(/PP_CONFIG_DIR/);
  });
});
