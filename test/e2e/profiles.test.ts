// Profiles: choosing one (--profile, PP_PROFILE, the active one, default), the config commands that
// manage them, the old config file read as `default` and rewritten only on a write, and set-key
// checking the key first. In process, against one FaultServer and the sandbox.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { profileNames } from '../../src/config/settings.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { FaultServer, json, linkedinProfile } from '../helpers/fault-server.js';
import { pp } from '../helpers/pp.js';
import { baseEnv, tempDir } from '../helpers/run.js';

const LIVE = 'pp_live_01HXYZprofileKeyLive8GR2';
const TEST = 'pp_test_01HXYZprofileKeyTest4TST';

let server: FaultServer;
let sandbox: RunningSandbox;
beforeAll(async () => {
  server = await FaultServer.start();
  sandbox = await startSandbox();
});
afterAll(async () => {
  await server.close();
  await sandbox.close();
});
beforeEach(() => {
  server.script(json(linkedinProfile())); // the default answer, and the requests seen forgotten
});

/** A fresh config folder holding `content` as config.json (when given). */
function setup(content?: unknown) {
  const dir = tempDir('pp-profiles-');
  const file = join(dir, 'config.json');
  if (content !== undefined)
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  const env = (extra: Record<string, string | undefined> = {}) => baseEnv({ PP_CONFIG_DIR: dir, ...extra });
  const stored = () => JSON.parse(readFileSync(file, 'utf8'));
  return { dir, file, env, stored };
}

describe('the config file of earlier versions', () => {
  const legacy = `${JSON.stringify({ apiKey: LIVE, accountId: 'acc_1', baseUrl: 'http://127.0.0.1:9', mine: [1] }, null, '\t')}\n`;

  it('is read as the profile default, and left byte for byte by every command that only reads', async () => {
    const { file, env } = setup(legacy);
    const e = env({ PP_BASE_URL: server.origin });
    const who = await pp(['whoami', '--json'], { env: e });
    expect(who.code).toBe(0);
    expect(server.requests[0]!.headers['x-api-key']).toBe(LIVE);
    expect(server.requests[0]!.url).toContain('account_id=acc_1');
    const show = await pp(['config', 'show', '--json'], { env: e });
    expect(JSON.parse(show.stdout)).toMatchObject({
      profile: { name: 'default', source: 'default' },
      api_key: { masked: 'pp_live_…8GR2', kind: 'live', storage: 'file' },
      account_id: { value: 'acc_1', source: 'file' },
    });
    const list = await pp(['config', 'profiles', '--json'], { env: e });
    expect(JSON.parse(list.stdout).profiles).toEqual([
      {
        name: 'default',
        active: true,
        api_key: { masked: 'pp_live_…8GR2', kind: 'live', storage: 'file' },
        base_url: 'http://127.0.0.1:9',
        account_id: 'acc_1',
      },
    ]);
    expect(readFileSync(file, 'utf8')).toBe(legacy);
  });

  it('is rewritten in the profiles shape on the first write, losing nothing', async () => {
    const { env, stored } = setup(legacy);
    const r = await pp(['--profile', 'staging', 'config', 'set-account', 'acc_2'], { env: env() });
    expect(r.code).toBe(0);
    expect(stored()).toEqual({
      mine: [1],
      profiles: {
        default: { apiKey: LIVE, accountId: 'acc_1', baseUrl: 'http://127.0.0.1:9' },
        staging: { accountId: 'acc_2' },
      },
    });
  });
});

describe('choosing a profile', () => {
  const both = {
    activeProfile: 'work',
    profiles: {
      default: { apiKey: TEST, accountId: 'acc_default' },
      work: { apiKey: LIVE, accountId: 'acc_work', note: 'kept' },
      client: { accountId: 'acc_client' },
    },
  };
  const accountOf = async (args: string[], extra: Record<string, string> = {}, env = setup(both).env) => {
    const r = await pp([...args, 'config', 'show', '--json'], { env: env(extra) });
    expect(r.code, r.stderr).toBe(0);
    const shown = JSON.parse(r.stdout);
    return [shown.profile.name, shown.profile.source, shown.account_id.value];
  };

  it('--profile, else PP_PROFILE, else the active one; each says where it came from', async () => {
    expect(await accountOf([])).toEqual(['work', 'file', 'acc_work']);
    expect(await accountOf([], { PP_PROFILE: 'client' })).toEqual(['client', 'environment', 'acc_client']);
    expect(await accountOf(['--profile', 'default'], { PP_PROFILE: 'client' })).toEqual([
      'default',
      'flag',
      'acc_default',
    ]);
  });

  it('uses the profile’s key and base URL for requests', async () => {
    const { env } = setup({ profiles: { work: { apiKey: LIVE, baseUrl: server.origin } } });
    const r = await pp(['--profile', 'work', 'whoami', 'acc_x', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['x-api-key']).toBe(LIVE);
  });

  it('a profile that does not exist is exit 3 naming those that do; nothing is written', async () => {
    const { env, file } = setup(both);
    const before = readFileSync(file, 'utf8');
    for (const [args, extra] of [
      [['--profile', 'nope', 'whoami', '--account', 'a'], {}],
      [['config', 'show'], { PP_PROFILE: 'nope' }],
      [['--profile', 'nope', 'config', 'unset-key'], {}],
    ] as [string[], Record<string, string>][]) {
      const r = await pp(args, { env: env(extra) });
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toMatch(/there is no profile "nope"/);
      expect(r.stderr).toMatch(/The profiles are: client, default, work\./);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it.each([
    ['a/b', 'a slash'],
    ['my work', 'a space'],
    ['tab\there', 'a control character'],
    ['.hidden', 'a leading dot'],
    ['x'.repeat(65), '65 characters'],
  ])('the name %j (%s) is a usage error from --profile, PP_PROFILE and config use', async (name) => {
    const { env, file } = setup();
    const runs = [
      await pp(['--profile', name, 'config', 'show'], { env: env() }),
      await pp(['config', 'show'], { env: env({ PP_PROFILE: name }) }),
      await pp(['config', 'use', name], { env: env() }),
    ];
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/letters, digits, "\.", "_" and "-"/);
    }
    expect(existsSync(file)).toBe(false);
  });
});

describe('the profile commands', () => {
  it('config use --create makes a profile, makes it active and says so; a command word is refused', async () => {
    const { env, stored } = setup();
    const r = await pp(['config', 'use', 'client-a', '--create'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created and now using profile client-a/);
    expect(stored()).toEqual({ activeProfile: 'client-a', profiles: { 'client-a': {} } });
    const again = await pp(['config', 'use', 'client-a'], { env: env() });
    expect(again.stdout).toMatch(/^Now using profile client-a/);
    for (const word of ['whoami', 'config', 'set-key', 'help']) {
      const refused = await pp(['config', 'use', word, '--create'], { env: env() });
      expect(refused.code, word).toBe(2);
      expect(refused.stderr).toMatch(/is a pp command word/);
    }
    // writes act on the active profile
    await pp(['config', 'set-account', 'acc_a'], { env: env() });
    expect(stored().profiles['client-a']).toEqual({ accountId: 'acc_a' });
  });

  it('config use of a profile that does not exist is refused (exit 3), naming those that do and the closest', async () => {
    const { env, stored } = setup({
      activeProfile: 'global',
      profiles: { global: { apiKey: LIVE }, staging: {} },
    });
    const before = stored();
    const r = await pp(['config', 'use', 'globx'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/there is no profile "globx"/);
    expect(r.stderr.replace(/\s+/g, ' ')).toContain(
      'Did you mean global? The profiles are: default, global, staging.',
    );
    expect(r.stderr).toMatch(/pp config use globx --create/);
    expect(stored()).toEqual(before); // nothing made, nothing switched
    // a command that names it says the same, and how to create it
    const named = await pp(['--profile', 'stagng', 'config', 'show'], { env: env() });
    expect(named.code).toBe(3);
    expect(named.stderr).toMatch(/Did you mean staging\?/);
  });

  it('config profiles: a table for a person, JSON for scripts, live and test recognised', async () => {
    const { env } = setup({
      activeProfile: 'staging',
      profiles: {
        default: { apiKey: LIVE, accountId: 'acc_1' },
        staging: { apiKey: TEST, baseUrl: 'https://staging.example.com' },
        ops: { keyCommand: 'pass show postpress' },
        odd: { apiKey: 'someOtherKeyMaterial1234' },
      },
    });
    const table = await pp(['config', 'profiles'], { env: env(), tty: { columns: 140 } });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /\* +│ staging +│ pp_test_…4TST \(test\) +│ file \(plain text\) +│ https:\/\/staging\.example\.com/,
    );
    expect(table.stdout).toMatch(
      /│ default +│ pp_live_…8GR2 \(live\) +│ file \(plain text\) +│ \(default\) +│ acc_1/,
    );
    expect(table.stdout).toMatch(/│ ops +│ \(run when needed\) +│ command: pass show postpress/);
    for (const key of [LIVE, TEST, 'someOtherKeyMaterial1234']) expect(table.stdout).not.toContain(key);
    const json = JSON.parse((await pp(['config', 'profiles', '--json'], { env: env() })).stdout);
    expect(json.active).toBe('staging');
    expect(json.profiles.map((p: { name: string }) => p.name)).toEqual(['default', 'odd', 'ops', 'staging']);
    expect(json.profiles[1].api_key).toEqual({ masked: '…1234', kind: null, storage: 'file' });
    expect(json.profiles[2].api_key).toEqual({
      masked: null,
      kind: null,
      storage: 'command',
      command: 'pass show postpress',
    });
    expect(json.profiles[3]).toMatchObject({ active: true, base_url: 'https://staging.example.com' });
  });

  it('remove-profile: names what goes, needs --yes off a terminal, and the active one gives way to default', async () => {
    const { env, stored } = setup({
      activeProfile: 'old',
      profiles: { default: {}, old: { apiKey: LIVE, accountId: 'acc_old' } },
    });
    const refused = await pp(['config', 'remove-profile', 'old'], { env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /removing profile old, with its key in the config file, its default account acc_old needs --yes/,
    );
    expect(stored().profiles.old).toBeDefined();
    const removed = await pp(['config', 'remove-profile', 'old', '--yes'], { env: env() });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/Removed profile old.*; default is now the active profile/);
    expect(stored()).toEqual({ profiles: { default: {} } });
    const missing = await pp(['config', 'remove-profile', 'old', '--yes'], { env: env() });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/there is no profile "old"/);
  });

  it('set-base-url checks the URL and stores it on the selected profile; unset-base-url removes it', async () => {
    const { env, stored } = setup();
    for (const bad of ['not a url', 'http://example.com', 'ftp://x.example']) {
      const r = await pp(['--profile', 'eu', 'config', 'set-base-url', bad], { env: env() });
      expect(r.code, bad).toBe(2);
    }
    const set = await pp(['--profile', 'eu', 'config', 'set-base-url', `${server.origin}/`], { env: env() });
    expect(set.code).toBe(0);
    expect(stored()).toEqual({ profiles: { eu: { baseUrl: server.origin } } });
    const unset = await pp(['config', 'unset-base-url'], { env: env({ PP_PROFILE: 'eu' }) });
    expect(unset.code).toBe(0);
    expect(stored()).toEqual({ profiles: { eu: {} } });
  });

  it('profileNames (for completion) reads only the file; an unreadable one gives none', () => {
    const { env } = setup({ profiles: { zeta: {}, alpha: {}, 'bad name': {} } });
    expect(profileNames(env())).toEqual(['alpha', 'default', 'zeta']);
    expect(profileNames(setup('{oops').env())).toEqual([]);
  });

  it('an activeProfile that is no profile name is exit 3 (the file’s fault); config use mends it', async () => {
    const { env, stored } = setup({ activeProfile: '../x', profiles: {} });
    const r = await pp(['config', 'show'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/has an activeProfile that is not a profile name: "\.\.\/x"/);
    expect((await pp(['config', 'use', 'default'], { env: env() })).code).toBe(0);
    expect(stored().activeProfile).toBe('default');
  });

  it('a profiles entry of the wrong type is exit 3 and the file is left as it was', async () => {
    for (const content of [{ profiles: [] }, { profiles: { a: 'x' } }, { profiles: { a: { apiKey: 1 } } }]) {
      const { env, file } = setup(content);
      const before = readFileSync(file, 'utf8');
      const r = await pp(['config', 'set-account', 'acc_1'], { env: env() });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(file);
      expect(readFileSync(file, 'utf8')).toBe(before);
    }
  });
});

describe('config set-key checks the key first', () => {
  it('a refused key (401) stores nothing and exits 4 with the server’s reason', async () => {
    const { env, file } = setup();
    const r = await pp(['config', 'set-key'], {
      env: env({ PP_BASE_URL: sandbox.url }),
      input: 'pp_test_rejected',
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/refused that key: .*invalid_credentials.*nothing was stored/);
    expect(existsSync(file)).toBe(false);
  });

  it('a network failure stores the key with a warning; --no-verify sends nothing', async () => {
    const { env, stored } = setup();
    const down = await pp(['--retries', '0', 'config', 'set-key'], {
      env: env({ PP_BASE_URL: 'http://127.0.0.1:9' }),
      input: LIVE,
    });
    expect(down.code).toBe(0);
    expect(down.stderr).toMatch(/could not check the key with http:\/\/127\.0\.0\.1:9 .*stored it unchecked/);
    expect(stored().profiles.default.apiKey).toBe(LIVE);
    const unchecked = await pp(['--profile', 'b', 'config', 'set-key', '--no-verify'], {
      env: env({ PP_BASE_URL: server.origin }),
      input: TEST,
    });
    expect(unchecked.code).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(stored().profiles.b.apiKey).toBe(TEST);
  });

  it('an accepted key: one GET /api/v1/accounts?limit=1 with it, and the answer’s account named', async () => {
    const { env } = setup();
    server.script({
      kind: 'answer',
      status: 200,
      body: { object: 'AccountList', items: [{ object: 'Account', id: 'acc_first' }], cursor: null },
    });
    const r = await pp(['config', 'set-key', '--json'], {
      env: env({ PP_BASE_URL: server.origin }),
      input: LIVE,
    });
    expect(r.code).toBe(0);
    expect(server.requests.map((q) => q.url)).toEqual(['/api/v1/accounts?limit=1']);
    expect(server.requests[0]!.headers['x-api-key']).toBe(LIVE);
    expect(JSON.parse(r.stdout)).toMatchObject({
      saved: true,
      profile: 'default',
      kind: 'live',
      verified: true,
    });
    const human = await pp(['config', 'set-key'], { env: env({ PP_BASE_URL: server.origin }), input: LIVE });
    expect(human.stdout).toMatch(/accepted by http:\/\/127\.0\.0\.1:\d+, which holds account acc_first/);
  });
});
