// pp in a hostile world, round 3 (issue 24): what only a real process shows. The keychain binding
// reads the process's own environment, so keychain cases spawn the built bin/pp.js.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { startKeyring } from '../helpers/keyring.js';
import { baseEnv, bin, runCommand, spawnPp, tempDir } from '../helpers/run.js';
import { describeWith } from '../helpers/tools.js';

const KEY = 'pp_live_01HXYZfrozenKeyringKey7FRZ';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describeWith('gnome-keyring-daemon', 'a keyring daemon that is frozen (SIGSTOP)', () => {
  it('is "did not answer" (exit 3), never "no key"; set-key changes nothing, nor falls back to the file', async () => {
    const keyring = startKeyring();
    const dir = tempDir('pp-frozen-');
    const file = join(dir, 'config.json');
    const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: sandbox.url, ...keyring.env });
    try {
      const set = await spawnPp(['config', 'set-key', '--no-verify'], { env, input: KEY });
      expect(set.code, set.stderr).toBe(0);
      const before = readFileSync(file, 'utf8');
      keyring.freeze();
      try {
        const read = await spawnPp(['whoami', 'acc_demo_gmail'], { env });
        expect(read.code).toBe(3);
        expect(read.stderr).toMatch(
          /cannot read the key of profile default from the keychain: the keychain did not answer/,
        );
        expect(read.stderr).not.toMatch(/has no key/);
        const again = await spawnPp(['config', 'set-key', '--no-verify'], {
          env,
          input: 'pp_live_01HXYZanotherKey0000NEW',
        });
        expect(again.code).toBe(3);
        expect(again.stderr).toMatch(
          /cannot store the key of profile default in the keychain: the keychain did not answer/,
        );
        expect(readFileSync(file, 'utf8')).toBe(before); // no key in plain text, the entry still named
      } finally {
        keyring.thaw();
      }
      expect(keyring.lookup('postpress', `default@${file}`)).toBe(KEY);
    } finally {
      keyring.stop();
    }
  }, 30_000);
});

describe('a full disk', () => {
  it('config set-key: exit 3, the config as it was, and no lock or temp file left behind', async () => {
    const dir = tempDir('pp-full-');
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ profiles: { default: { accountId: 'acc_kept' } } }), {
      mode: 0o600,
    });
    const before = readFileSync(file, 'utf8');
    // files may not grow past 0 bytes: creating one works, writing into it fails (EFBIG), as on a
    // full disk (ENOSPC) the lock is made and its pid cannot be written
    const r = await runCommand(
      '/bin/sh',
      [
        '-c',
        `ulimit -f 0; exec "${process.execPath}" "${bin}" config set-key --no-verify --insecure-storage`,
      ],
      { env: baseEnv({ PP_CONFIG_DIR: dir, NODE_EXTRA_CA_CERTS: undefined }), input: KEY },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot lock the config file .*config\.json\.lock \(EFBIG\)/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
