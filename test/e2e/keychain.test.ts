// Keys in the OS keychain, against a real Secret Service (a private gnome-keyring on a private
// session bus, test/helpers/keyring.ts). The binding reads the process environment, so these run
// pp as a child process. Without a Secret Service the key goes to the file, said once; a keychain
// that refuses is exit 3, and the file only with --insecure-storage.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { type PrivateKeyring, startKeyring } from '../helpers/keyring.js';
import { pp } from '../helpers/pp.js';
import { baseEnv, spawnPp, tempDir } from '../helpers/run.js';
import { describeWith } from '../helpers/tools.js';

const KEY = 'pp_live_01HXYZkeptInTheKeychain8GR2';
const MASKED = 'pp_live_…8GR2';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const stored = (dir: string) => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));

// secret-tool (libsecret-tools) reads back what pp stored; both skip visibly when missing
describeWith('gnome-keyring-daemon', 'keys in a real Secret Service (gnome-keyring)', () =>
  describeWith('secret-tool', 'read back with secret-tool', keychainTests),
);

function keychainTests(): void {
  let keyring: PrivateKeyring;
  const dir = tempDir('pp-keychain-');
  const file = join(dir, 'config.json');
  const env = (extra: Record<string, string> = {}) =>
    baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: sandbox.url, ...keyring.env, ...extra });
  const entry = (profile: string) => `${profile}@${file}`;

  beforeAll(() => {
    keyring = startKeyring();
  });
  afterAll(() => keyring?.stop());

  it('set-key stores the key in the keychain, not the file; pp reads it from there', async () => {
    // a file of an earlier version, the key in plain text: it leaves the file
    writeFileSync(file, JSON.stringify({ apiKey: 'pp_live_theOldPlainTextKey0000' }));
    const set = await spawnPp(['config', 'set-key'], { env: env(), input: KEY });
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(new RegExp(`^Saved API key ${MASKED} for profile default in the keychain`));
    expect(stored(dir)).toEqual({ profiles: { default: { keychain: entry('default') } } });
    expect(readFileSync(file, 'utf8')).not.toContain('keptInTheKeychain');
    expect(readFileSync(file, 'utf8')).not.toContain('theOldPlainTextKey');
    expect(keyring.lookup('postpress', entry('default'))).toBe(KEY);
    const show = await spawnPp(['config', 'show', '--json'], { env: env({ NODE_DEBUG: 'module' }) });
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).api_key).toEqual({
      masked: MASKED,
      kind: 'live',
      storage: 'keychain',
      source: 'keychain',
    });
    // the binding is loaded when the key is read from the keychain...
    expect(show.stderr).toContain('@napi-rs/keyring');
    const who = await spawnPp(['whoami', 'acc_demo_gmail', '--json'], { env: env() });
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout).provider).toBe('GMAIL');
  });

  it('commands that need no key load no keychain binding', async () => {
    // (--help and completion stop in the parser, as --version does; key-command.test.ts runs them all)
    for (const args of [['--version'], ['--sandbox', 'whoami', 'acc_demo_imap']]) {
      const r = await spawnPp(args, { env: env({ NODE_DEBUG: 'module' }) });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr, args.join(' ')).not.toContain('@napi-rs/keyring');
    }
  });

  it('unset-key and remove-profile delete the keychain entry too', async () => {
    expect((await spawnPp(['config', 'unset-key'], { env: env() })).code).toBe(0);
    expect(keyring.lookup('postpress', entry('default'))).toBeUndefined();
    expect(stored(dir).profiles.default).toEqual({});
    const set = await spawnPp(['--profile', 'client-a', 'config', 'set-key', '--no-verify'], {
      env: env(),
      input: KEY,
    });
    expect(set.code).toBe(0);
    expect(keyring.lookup('postpress', entry('client-a'))).toBe(KEY);
    const list = await spawnPp(['config', 'profiles', '--json'], { env: env() });
    expect(JSON.parse(list.stdout).profiles[0]).toEqual({
      name: 'client-a',
      active: false,
      api_key: { masked: MASKED, kind: 'live', storage: 'keychain' },
      base_url: null,
      account_id: null,
    });
    const removed = await spawnPp(['config', 'remove-profile', 'client-a', '--yes'], { env: env() });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/with its key in the keychain/);
    expect(keyring.lookup('postpress', entry('client-a'))).toBeUndefined();
  });

  it('a locked keychain: exit 3 saying so, nothing stored; --insecure-storage uses the file', async () => {
    expect(
      (await spawnPp(['--profile', 'ops', 'config', 'set-key', '--no-verify'], { env: env(), input: KEY }))
        .code,
    ).toBe(0);
    keyring.lock();
    const read = await spawnPp(['--profile', 'ops', 'whoami', 'acc_demo_gmail'], { env: env() });
    expect(read.code).toBe(3);
    expect(read.stderr).toMatch(/cannot read the key of profile ops from the keychain: the keychain refused/);
    expect(read.stderr).toMatch(/Unlock your keychain/);
    const before = readFileSync(file, 'utf8');
    const refused = await spawnPp(['--profile', 'b', 'config', 'set-key', '--no-verify'], {
      env: env(),
      input: KEY,
    });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/cannot store the key of profile b in the keychain: the keychain refused/);
    expect(refused.stderr).toMatch(/--insecure-storage/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const insecure = await spawnPp(
      ['--profile', 'b', 'config', 'set-key', '--no-verify', '--insecure-storage'],
      {
        env: env(),
        input: KEY,
      },
    );
    expect(insecure.code).toBe(0);
    expect(insecure.stdout).toContain('(plain text)');
    expect(stored(dir).profiles.b).toEqual({ apiKey: KEY });
  });
}

describe('no Secret Service', () => {
  it('a bus with nothing behind it: the key goes to the file with a one-line notice', async () => {
    const dir = tempDir('pp-nobus-');
    const env = baseEnv({ PP_CONFIG_DIR: dir, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    const r = await spawnPp(['config', 'set-key', '--no-verify'], { env, input: KEY });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: no keychain is reachable \(.*\): the key is stored in plain text/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(stored(dir)).toEqual({ profiles: { default: { apiKey: KEY } } });
  });

  it('a key recorded in the keychain, read where there is none: exit 3 with the way out', async () => {
    const dir = tempDir('pp-nobus-');
    const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: sandbox.url });
    const file = join(dir, 'config.json');
    const content = JSON.stringify({ profiles: { default: { keychain: `default@${file}` } } });
    writeFileSync(file, content);
    const r = await pp(['whoami', 'acc_demo_gmail'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /cannot read the key of profile default from the keychain: no keychain is reachable/,
    );
    expect(r.stderr).toMatch(/PP_API_KEY|--insecure-storage/);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});
