// What a command does not use, its process does not load: with the commands loaded one at a time
// by the registry and the heavy built-ins behind builtin(), neither `pp --help` nor a plain
// request to a loopback server loads TLS, https or child_process (each costs start-up
// time on every run: tls and https together ~5 ms here). Read from Node's own list of the
// built-ins a process loaded, which is exact where a timing would not be.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { baseEnv, bin, runCommand, tempDir } from '../helpers/run.js';

let sandbox: RunningSandbox;
const preload = join(tempDir('pp-modules-'), 'print-modules.cjs');

beforeAll(async () => {
  sandbox = await startSandbox();
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeSync(2, '\\n@@' + JSON.stringify(process.moduleLoadList)));\n",
  );
});
afterAll(() => sandbox.close());

/** The built-in modules (public names, `node:` dropped) that a run of pp loaded. */
async function builtinsLoaded(args: string[]): Promise<string[]> {
  const env = baseEnv({ PP_BASE_URL: sandbox.url, PP_API_KEY: 'pp_test_x' });
  const r = await runCommand(process.execPath, ['-r', preload, bin, ...args], { env });
  expect(r.code, r.stderr).toBe(0);
  const list = JSON.parse(r.stderr.split('\n@@').at(-1) ?? '[]') as string[];
  return list.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
}

describe('built-ins a run does not need stay unloaded', () => {
  const heavy = ['tls', 'https', 'child_process'];

  it.each([[['--help']], [['whoami', '--json', '--account', 'acc_demo_linkedin']]])('pp %j', async (args) => {
    const loaded = await builtinsLoaded(args);
    expect(loaded).toContain('fs'); // the list is read at all
    expect(loaded.filter((m) => heavy.includes(m))).toEqual([]);
  });
});
