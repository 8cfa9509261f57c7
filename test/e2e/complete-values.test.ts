// `pp __complete <kind>`: the values the completion scripts offer, from local files only. The
// account ids come from the cache `pp accounts` writes; the shells themselves are in completion.test.ts.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountCacheTtlMs,
  cacheFile,
  cacheOwnerOf,
  writeAccountCache,
} from '../../src/completion/values.js';
import { helpTopics } from '../../src/help/topics.js';
import { formatNames } from '../../src/output/formats/index.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv, spawnPp } from '../helpers/run.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 3 });
});
afterAll(() => sandbox.close());

/** Whose cache: a profile, and the API the test's environment points at. */
const owner = (env: Record<string, string>, profile: string) =>
  cacheOwnerOf(profile, env.PP_BASE_URL ?? 'https://api.postpress.ai');
const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
/** A config folder whose cache `pp accounts` wrote (at `clock`'s time), and `acc_mine` as default account. */
async function workspace(clock?: FakeClock) {
  const env = baseEnv({ PP_BASE_URL: sandbox.url, PP_API_KEY: 'pp_test_x' });
  expect((await pp(['config', 'set-account', 'acc_mine'], { env })).code).toBe(0);
  expect((await pp(['accounts'], { env, ...(clock ? { clock } : {}) })).code).toBe(0);
  return env;
}

describe('pp accounts keeps the ids it listed, for completion', () => {
  it('writes them to a cache of the profile in the config folder, 0600', async () => {
    const env = await workspace();
    const path = cacheFile(env, owner(env, 'default'));
    expect(path.startsWith(env.PP_CONFIG_DIR!)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const cache = JSON.parse(readFileSync(path, 'utf8')) as { ids: string[] };
    expect(cache.ids).toHaveLength(15);
    expect(cache.ids).toEqual(expect.arrayContaining(['acc_demo_linkedin', 'acc_gen_000003']));
  });

  it('per profile: each profile’s ids under its name, offered for the profile typed or in use', async () => {
    const env = baseEnv({ PP_BASE_URL: sandbox.url, PP_API_KEY: 'pp_test_x' });
    writeAccountCache(env, owner(env, 'default'), ['acc_default_only'], Date.now());
    expect((await pp(['--profile', 'staging', 'config', 'set-account', 'acc_staging'], { env })).code).toBe(
      0,
    );
    expect((await pp(['--profile', 'staging', 'accounts'], { env })).code).toBe(0);
    expect(JSON.parse(readFileSync(cacheFile(env, owner(env, 'staging')), 'utf8')).ids).toContain(
      'acc_gen_000001',
    );
    const typed = await pp(['__complete', 'accounts', '--', 'acc_', 'whoami', '--profile', 'staging'], {
      env,
    });
    expect(lines(typed.stdout)).toContain('acc_staging');
    expect(lines(typed.stdout)).toContain('acc_gen_000001');
    expect(lines(typed.stdout)).not.toContain('acc_default_only');
    const inUse = await pp(['__complete', 'accounts', 'acc_'], { env: { ...env, PP_PROFILE: 'staging' } });
    expect(lines(inUse.stdout)).toEqual(lines(typed.stdout));
    expect(lines((await pp(['__complete', 'accounts', 'acc_'], { env })).stdout)).toEqual([
      'acc_default_only',
    ]);
  });

  it('per API too: a run against another base URL does not fill the profile’s cache with its ids', async () => {
    const env = baseEnv({ PP_BASE_URL: sandbox.url, PP_API_KEY: 'pp_test_x' });
    writeAccountCache(env, owner(env, 'default'), ['acc_of_this_api'], Date.now());
    // the same profile, pointed at another workspace's API for one run
    const elsewhere = await startSandbox({ accounts: 2 });
    try {
      expect((await pp(['--base-url', elsewhere.url, 'accounts'], { env })).code).toBe(0);
    } finally {
      await elsewhere.close();
    }
    expect(lines((await pp(['__complete', 'accounts', 'acc_'], { env })).stdout)).toEqual([
      'acc_of_this_api',
    ]);
    expect(
      JSON.parse(readFileSync(cacheFile(env, cacheOwnerOf('default', elsewhere.url)), 'utf8')).ids,
    ).toContain('acc_gen_000001');
  });

  it('not the sandbox’s, and not when the list could not be read', async () => {
    const env = baseEnv();
    expect((await pp(['--sandbox', 'accounts'], { env })).code).toBe(0);
    const refused = await pp(['accounts'], {
      env: { ...env, PP_BASE_URL: sandbox.url, PP_API_KEY: 'pp_test_rejected' },
    });
    expect(refused.code).toBe(4);
    expect(() => statSync(cacheFile(env, owner(env, 'default')))).toThrow();
  });
});

describe('pp __complete accounts', () => {
  it('prints the default account, then the cached ids, that start with the word typed', async () => {
    const env = await workspace();
    const all = await pp(['__complete', 'accounts'], { env });
    expect(all.code).toBe(0);
    expect(all.stderr).toBe('');
    expect(lines(all.stdout)[0]).toBe('acc_mine');
    expect(lines(all.stdout)).toHaveLength(16);
    const some = await pp(['__complete', 'accounts', '--', 'acc_gen_'], { env });
    expect(lines(some.stdout)).toEqual(['acc_gen_000001', 'acc_gen_000002', 'acc_gen_000003']);
  });

  it('forgets ids listed longer ago than the cache lasts', async () => {
    const clock = new FakeClock();
    const env = await workspace(clock);
    clock.time += accountCacheTtlMs + 1000;
    const r = await pp(['__complete', 'accounts'], { env, clock });
    expect(lines(r.stdout)).toEqual(['acc_mine']);
  });

  it('offers the sandbox’s ids under --sandbox, typed before the cursor or given to pp', async () => {
    const env = await workspace();
    for (const args of [
      ['__complete', 'accounts', '--', 'acc_error_wr', 'whoami', '--sandbox'],
      ['--sandbox', '__complete', 'accounts', 'acc_error_wr'],
    ]) {
      const r = await pp(args, { env });
      expect(lines(r.stdout)).toEqual(['acc_error_wrong_account']);
    }
    const demo = await pp(['__complete', 'accounts', '--', 'acc_', '--sandbox'], { env });
    expect(lines(demo.stdout)).toHaveLength(12 + 38);
    expect(demo.stdout).not.toContain('acc_gen_');
  });

  it('offers only ids a shell takes as they are: no $(…), quotes, spaces or control characters', async () => {
    const env = baseEnv();
    const ids = ['acc_ok', '$(touch pwned)', '`id`', 'a b', "it's", 'acc_\u001b[31m', '~root', 'acc_ok.2'];
    writeAccountCache(env, owner(env, 'default'), ids, Date.now());
    const r = await pp(['__complete', 'accounts'], { env });
    expect(lines(r.stdout)).toEqual(['acc_ok', 'acc_ok.2']);
  });

  it('makes no request and needs no key, even with a broken config file', async () => {
    let requests = 0;
    const server: Server = createServer((_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const env = baseEnv({ PP_BASE_URL: `http://127.0.0.1:${port}` });
    writeAccountCache(env, owner(env, 'default'), ['acc_gen_000001'], Date.now());
    const r = await pp(['__complete', 'accounts', '--', 'acc_gen_000001'], { env });
    expect(lines(r.stdout)).toEqual(['acc_gen_000001']);
    writeFileSync(join(env.PP_CONFIG_DIR!, 'config.json'), '{not json');
    const broken = await pp(['__complete', 'accounts', '--', 'acc_gen_000001'], { env });
    expect(broken.code).toBe(0);
    expect(lines(broken.stdout)).toEqual(['acc_gen_000001']);
    await new Promise((resolve) => server.close(resolve));
    expect(requests).toBe(0);
  });
});

describe('pp __complete formats, topics, profiles', () => {
  it.each([
    ['formats', [...formatNames]],
    ['topics', Object.keys(helpTopics)],
    ['profiles', ['default']],
  ])('%s', async (kind, values) => {
    const r = await pp(['__complete', kind]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual(values);
  });

  it('profiles: default, then those the config file names', async () => {
    const env = baseEnv();
    writeFileSync(join(env.PP_CONFIG_DIR!, 'config.json'), '{"profiles": {"staging": {}, "prod": {}}}');
    const r = await pp(['__complete', 'profiles', '--', 's'], { env });
    expect(lines(r.stdout)).toEqual(['staging']);
    expect(lines((await pp(['__complete', 'profiles'], { env })).stdout)).toEqual([
      'default',
      'prod',
      'staging',
    ]);
  });

  it('is hidden: not in pp --help', async () => {
    const r = await pp(['--help']);
    expect(r.stdout).not.toContain('__complete');
  });
});

describe('the short way a shell takes on Tab (bin/pp.js runs dist/tab.cjs for `pp __complete`)', () => {
  it('answers as the command does, and leaves any other command line to the whole program', async () => {
    const env = await workspace();
    const cases = [
      ['__complete', 'accounts', '--', 'acc_', 'whoami'],
      ['__complete', 'accounts', '--', 'acc_demo_', 'whoami', '--sandbox'],
      ['__complete', 'accounts', 'acc_g'],
      ['__complete', 'formats', '--', 'cs'],
      ['__complete', 'topics'],
      ['__complete', 'profiles'],
      // not the short way's: an option before `--` (commander reads --sandbox), an unknown kind
      ['__complete', 'accounts', '--sandbox', 'acc_demo_t'],
      ['__complete', 'nothing'],
    ];
    for (const args of cases) {
      const inProcess = await pp(args, { env });
      const spawned = await spawnPp(args, { env });
      expect({ args, code: spawned.code, stdout: spawned.stdout, stderr: spawned.stderr }).toEqual({
        args,
        code: inProcess.code,
        stdout: inProcess.stdout,
        stderr: inProcess.stderr,
      });
    }
  });
});
