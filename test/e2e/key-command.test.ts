// `config set-key-command`: the key is a command's output, run only when a key is needed, never
// shown; every failure is exit 3 naming the command and its status. In process (the command is a
// real /bin/sh child); the 10 s limit is the FakeClock's, so no test waits for it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultServer, json, linkedinProfile } from '../helpers/fault-server.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_01HXYZfromTheCommand9CMD';

let server: FaultServer;
beforeAll(async () => {
  server = await FaultServer.start();
  server.script(json(linkedinProfile()));
});
afterAll(() => server.close());

/** A config folder whose profile `default` has `command` as its key command. */
async function withCommand(command: string) {
  const dir = tempDir('pp-keycmd-');
  const env = baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: server.origin });
  const set = await pp(['config', 'set-key-command', command], { env });
  expect(set.code, set.stderr).toBe(0);
  return { dir, env };
}

const whoami = (env: Record<string, string>, clock?: FakeClock) =>
  pp(['--retries', '0', 'whoami', 'acc_1', '--json'], { env, ...(clock ? { clock } : {}) });

describe('a key command', () => {
  it('is stored, not run; its output less the trailing newline is the key sent', async () => {
    const marker = join(tempDir('pp-marker-'), 'ran');
    const { dir, env } = await withCommand(`touch ${marker}; printf '${KEY}\\n'`);
    expect(existsSync(marker)).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      profiles: { default: { keyCommand: `touch ${marker}; printf '${KEY}\\n'` } },
    });
    server.script(json(linkedinProfile()));
    const r = await whoami(env);
    expect(r.code, r.stderr).toBe(0);
    expect(server.requests[0]!.headers['x-api-key']).toBe(KEY);
    expect(existsSync(marker)).toBe(true);
    const show = await pp(['config', 'show', '--json'], { env });
    expect(JSON.parse(show.stdout).api_key).toMatchObject({ storage: 'command', masked: 'pp_live_…9CMD' });
    expect(show.stdout).not.toContain(KEY);
  });

  it('is not run when PP_API_KEY is set, nor by --version, --help, completion or --sandbox', async () => {
    const marker = join(tempDir('pp-marker-'), 'ran');
    const { env } = await withCommand(`touch ${marker}; printf '${KEY}'`);
    for (const args of [
      ['--version'],
      ['--help'],
      ['completion', 'bash'],
      ['--sandbox', 'whoami', 'acc_demo_gmail', '--json'],
    ]) {
      const r = await pp(args, { env });
      expect(r.code, args.join(' ')).toBe(0);
    }
    server.script(json(linkedinProfile()));
    expect((await whoami({ ...env, PP_API_KEY: 'pp_test_fromTheEnvironment' })).code).toBe(0);
    expect(server.requests[0]!.headers['x-api-key']).toBe('pp_test_fromTheEnvironment');
    expect(existsSync(marker)).toBe(false);
  });

  // the key comes from a file, so that naming the command names no key
  const keyFile = join(tempDir('pp-keyfile-'), 'key');
  writeFileSync(keyFile, `${KEY}\nsecond line\n`);
  it.each([
    ['exits non-zero', `head -1 ${keyFile}; exit 7`, /exited with status 7/],
    ['prints nothing', 'true', /exited with status 0 but printed nothing/],
    ['prints more than a key', `cat ${keyFile}`, /printed more than a key/],
    ['prints 10 MB', 'head -c 10000000 /dev/zero', /printed more than 64 KB/],
    ['is killed', 'kill -9 $$', /was killed by SIGKILL/],
  ])('that %s is exit 3 naming it, its output never shown, no request sent', async (_what, command, why) => {
    const { env } = await withCommand(command);
    server.script(json(linkedinProfile()));
    const r = await whoami(env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`the key command \`${command}\``);
    expect(r.stderr).toMatch(why);
    expect(r.stderr).not.toContain('9CMD');
    expect(r.stderr).not.toContain('second line');
    expect(server.requests).toHaveLength(0);
  });

  it('that hangs is stopped at 10 s (the clock’s), exit 3, with what it started', async () => {
    // sh waits on a sleep that holds the output pipe: pp returns only when both are stopped
    const { env } = await withCommand('sleep 30; true');
    const clock = new FakeClock();
    const r = await whoami(env, clock);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/did not finish within 10 s and was stopped/);
    expect(clock.sleeps).toContain(10_000);
  });

  it('an empty or multi-line command is a usage error; set-key-command replaces a stored key', async () => {
    const dir = tempDir('pp-keycmd-');
    const env = baseEnv({ PP_CONFIG_DIR: dir });
    for (const bad of ['', '  ', 'a\nb']) {
      const r = await pp(['config', 'set-key-command', bad], { env });
      expect(r.code, JSON.stringify(bad)).toBe(2);
    }
    expect((await pp(['config', 'set-key', '--no-verify'], { env, input: KEY })).code).toBe(0);
    expect((await pp(['config', 'set-key-command', 'pass show pp'], { env })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      profiles: { default: { keyCommand: 'pass show pp' } },
    });
    expect((await pp(['config', 'unset-key'], { env })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ profiles: { default: {} } });
  });
});
