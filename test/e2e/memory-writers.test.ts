// pp status's state file where only real processes tell the truth: many pp at once writing the
// same file under its lock, and a disk that fills while the file is written (RLIMIT_FSIZE makes
// the write fail part-way, as a full disk does, with EFBIG for ENOSPC). The rest of the memory is
// tested in process: memory.test.ts.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedId } from '../../src/sandbox/accounts.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { pp } from '../helpers/pp.js';
import { baseEnv, bin, runCommand, spawnPp } from '../helpers/run.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 100 });
});
afterAll(() => sandbox.close());

const listIds = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { list: { ids: string[] } }).list.ids.sort();

describe('the state file', () => {
  it('20 concurrent pp status runs, with --profile runs beside them, leave a valid file with every account', async () => {
    // loopback only: no CA bundle to parse at each of the 22 starts (~70 ms each here, NOTES.md)
    const env = baseEnv({ PP_API_KEY: 'pp_test_writers', NODE_EXTRA_CA_CERTS: undefined });
    writeFileSync(join(env.PP_CONFIG_DIR!, 'config.json'), JSON.stringify({ profiles: { other: {} } }), {
      mode: 0o600,
    });
    // each run names its own five accounts: a write that lost another's would lose its ids
    const named = (run: number) => Array.from({ length: 5 }, (_, k) => generatedId(run * 5 + k + 1));
    const status = (...args: string[]) =>
      spawnPp(['--base-url', sandbox.url, ...args, '--format', 'csv'], { env, timeoutMs: 60_000 });
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, run) => status('status', ...named(run))),
      status('--profile', 'other', 'status'),
      status('--profile', 'other', 'status'),
    ]);
    for (const r of results) {
      expect([0, 5]).toContain(r.code);
      expect(r.stderr).toBe(''); // no warning: every run saved what it saw
    }
    const state = join(env.PP_STATE_DIR!, 'default', 'accounts.json');
    expect(listIds(state)).toEqual(Array.from({ length: 100 }, (_, i) => generatedId(i + 1)));
    expect(listIds(join(env.PP_STATE_DIR!, 'other', 'accounts.json'))).toHaveLength(112);
    expect(readdirSync(join(env.PP_STATE_DIR!, 'default'))).toEqual(['accounts.json']); // no lock or temp left
  });

  it('a full disk leaves the old state as it was, and the run still reports', async () => {
    const env = baseEnv({ PP_API_KEY: 'pp_test_full', NODE_EXTRA_CA_CERTS: undefined });
    await pp(['--base-url', sandbox.url, 'status', 'acc_demo_gmail'], { env });
    const folder = join(env.PP_STATE_DIR!, 'default');
    const before = readFileSync(join(folder, 'accounts.json'), 'utf8');
    // files of at most 1 KB (a smaller first state fits; 112 accounts do not)
    const full = await runCommand(
      '/bin/sh',
      [
        '-c',
        `ulimit -f 2; exec "${process.execPath}" "${bin}" --base-url ${sandbox.url} status --format csv`,
      ],
      { env },
    );
    expect(full.code).toBe(5);
    expect(full.stdout.trim().split('\n')).toHaveLength(113); // the header and every account
    expect(full.stderr).toMatch(
      /could not save what it saw in .*accounts\.json \(EFBIG\): the memory it had is kept/,
    );
    expect(readFileSync(join(folder, 'accounts.json'), 'utf8')).toBe(before);
    expect(readdirSync(folder)).toEqual(['accounts.json']);
  });
});
