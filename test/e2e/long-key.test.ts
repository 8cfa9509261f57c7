// Issue 24, point 5: a key of ~7,000 characters overflowed the regular expression that masked it,
// and pp exited 1 with a message that spelled the key out (in --json errors and doctor too). Now a
// key longer than any real key (4,096 characters) is refused up front, exit 3, wherever it comes
// from, and never shown; a long key within that is masked like any other.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, FaultServer, json, linkedinProfile } from '../helpers/fault-server.js';
import { type PrivateKeyring, startKeyring } from '../helpers/keyring.js';
import { pp } from '../helpers/pp.js';
import { baseEnv, spawnPp, tempDir } from '../helpers/run.js';
import { describeWith } from '../helpers/tools.js';

const PIECE = 'A1b2';
/** 8,008 characters: past the limit, and past where the regular expression overflowed. */
const LONG = `pp_live_${PIECE.repeat(2000)}`;
/** A piece of the key that no message may hold: 40 characters of it. */
const SPELLED = PIECE.repeat(10);

const server = FaultServer.forTests();

/** A config folder (0700) whose file (0600) holds `data`. */
function configWith(data: unknown): string {
  const dir = tempDir('pp-longkey-');
  chmodSync(dir, 0o700);
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(data));
  chmodSync(file, 0o600);
  return dir;
}

/** Exit 3, nothing on standard output, a message saying how long, and no piece of the key anywhere. */
function expectRefused(r: { code: number | null; stdout: string; stderr: string }, from: RegExp): void {
  expect(r.code, r.stderr).toBe(3);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(from);
  expect(r.stderr).toMatch(/ is longer than any API key \(more than 4096 characters\)/);
  expect(r.stderr).not.toContain(SPELLED);
}

describe('a key longer than any real key is refused, exit 3, never shown', () => {
  it('from PP_API_KEY: as a person sees it, with --json, and in pp doctor', async () => {
    const env = baseEnv({ PP_API_KEY: LONG, PP_BASE_URL: server.origin });
    const before = server.requests.length;
    expectRefused(await pp(['whoami', 'acc_1'], { env }), /^error: PP_API_KEY is longer than any API key/);
    const asJson = await pp(['--json', 'whoami', 'acc_1'], { env });
    expectRefused(asJson, /"exit_code":3/);
    expect(JSON.parse(asJson.stderr).error.title).toMatch(/^PP_API_KEY is longer than any API key/);
    // nothing was sent with it
    expect(server.requests.length).toBe(before);
    const doctor = await pp(['doctor'], { env });
    expect(doctor.code).toBe(3);
    expect(doctor.stdout + doctor.stderr).toMatch(/PP_API_KEY is longer than any API key/);
    expect(doctor.stdout + doctor.stderr).not.toContain(SPELLED);
    const doctorJson = await pp(['doctor', '--json'], { env });
    expect(doctorJson.code).toBe(3);
    expect(doctorJson.stdout + doctorJson.stderr).not.toContain(SPELLED);
    // doctor still checks that the base URL answers, without the key
    for (const request of server.requests) expect(request.headers['x-api-key']).not.toBe(LONG);
  });

  it('from the config file, and config show and config profiles say so without it', async () => {
    const dir = configWith({ profiles: { default: { apiKey: LONG } } });
    const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: server.origin });
    expectRefused(
      await pp(['whoami', 'acc_1'], { env }),
      /the API key of profile default in the config file .*config\.json is longer/,
    );
    for (const args of [
      ['config', 'show'],
      ['config', 'show', '--json'],
      ['config', 'profiles'],
    ]) {
      const r = await pp(args, { env });
      expect(r.stdout + r.stderr).toMatch(/is longer than any API key/);
      expect(r.stdout + r.stderr).not.toContain(SPELLED);
    }
  });

  it('from a key command', async () => {
    const dir = configWith({});
    const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: server.origin });
    // the command makes the key, so that the command's own text holds no piece of it
    const command = `printf pp_live_; i=0; while [ $i -lt 2000 ]; do printf ${PIECE}; i=$((i+1)); done`;
    expect((await pp(['config', 'set-key-command', command], { env })).code).toBe(0);
    expectRefused(
      await pp(['whoami', 'acc_1'], { env }),
      /the API key the key command of profile default printed/,
    );
  });

  it('by config set-key, as an argument or on standard input: nothing stored, nothing sent', async () => {
    const dir = configWith({});
    const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: server.origin });
    const before = server.requests.length;
    const asArgument = await pp(['config', 'set-key', '--insecure-storage', LONG], { env });
    expectRefused(asArgument, /the key given as an argument is longer/);
    const piped = await pp(['config', 'set-key', '--insecure-storage'], { env, input: LONG });
    expectRefused(piped, /the key given on standard input is longer/);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({});
    expect(server.requests.length).toBe(before);
  });
});

describeWith('gnome-keyring-daemon', 'a key longer than any real key, from the keychain', () =>
  describeWith('secret-tool', 'stored with secret-tool', () => {
    let keyring: PrivateKeyring;
    beforeAll(() => {
      keyring = startKeyring();
    });
    afterAll(() => keyring?.stop());

    it('is refused, exit 3, never shown', async () => {
      const dir = tempDir('pp-longkey-keychain-');
      const entry = `default@${join(dir, 'config.json')}`;
      keyring.store('postpress', entry, LONG);
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles: { default: { keychain: entry } } }));
      const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: server.origin, ...keyring.env });
      expectRefused(
        await spawnPp(['whoami', 'acc_1'], { env }),
        /the API key of profile default in the keychain is longer/,
      );
    });
  }),
);

describe('a long key within the limit', () => {
  it('is masked wherever the server echoes it (the expression it replaced overflowed past ~7,000)', async () => {
    const key = `pp_live_${PIECE.repeat(1022)}`; // 4,096 characters
    const env = baseEnv({ PP_API_KEY: key, PP_BASE_URL: server.origin });
    server.script(
      json(linkedinProfile({ headline: `your key: ${encodeURIComponent(key).replaceAll('_', '%5F')}` })),
    );
    const r = await pp(['--json', 'whoami', 'acc_1'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).headline).toBe('your key: pp_live_…A1b2');
    expect(r.stdout + r.stderr).not.toContain(SPELLED);
    server.script(
      answer(401, { status: 401, type: 'errors/invalid_credentials', title: 'bad key', detail: key }),
    );
    const refused = await pp(['--json', '--retries', '0', 'whoami', 'acc_1'], { env });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('pp_live_…A1b2');
    expect(refused.stderr).not.toContain(SPELLED);
  });
});
