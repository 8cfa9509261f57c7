// A guard that is not a timing (issue 20): the built-in modules `pp --version`, `pp whoami --json`
// (the key in the config file, a loopback server), `pp __complete` and `pp --help` load, as Node itself lists
// them (process.moduleLoadList, written at exit by test/helpers/print-modules.cjs), against the
// allow-list beside this file. crypto, readline, fs/promises and the fs watchers once crept onto
// `whoami --json` unnoticed (136 → 163 internal modules): a module that does so again fails here,
// by name, whatever the machine's speed. Subprocesses: only a fresh process shows what it loads.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultServer, json, linkedinProfile } from '../helpers/fault-server.js';
import { bin, root, runCommand, tempDir } from '../helpers/run.js';
import { allowedModules } from './modules.allowed.js';

const preload = join(root, 'test/helpers/print-modules.cjs');
const work = tempDir('pp-modules-');

let server: FaultServer;
/** What an empty script loads: Node's own start-up, with the same preload. */
let baseline: Set<string>;

/** The built-in modules `node <args>` loads, run with only the variables a user's shell would pass. */
async function modulesOf(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const file = join(work, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const r = await runCommand(process.execPath, ['-r', preload, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: work, PP_TEST_MODULES_FILE: file, ...env },
  });
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

beforeAll(async () => {
  server = await FaultServer.start();
  writeFileSync(join(work, 'empty.js'), '');
  baseline = new Set(await modulesOf([join(work, 'empty.js')]));
});
afterAll(() => server.close());

/** Fails naming every module `command` loaded beyond an empty script's and its allow-list. */
function expectAllowed(command: string, loaded: string[]): void {
  const allowed = new Set(allowedModules[command]);
  const extra = loaded.filter((m) => !baseline.has(m) && !allowed.has(m));
  expect(
    extra,
    `\`${command}\` loaded built-in modules its allow-list (test/e2e/modules.allowed.ts) does not name`,
  ).toEqual([]);
}

describe('the built-in modules pp loads on its hottest paths', () => {
  it('pp --version: none beyond an empty script', async () => {
    expectAllowed('pp --version', await modulesOf([bin, '--version']));
  });

  it('pp __complete: none beyond an empty script', async () => {
    const config = join(work, 'complete');
    mkdirSync(config);
    expectAllowed(
      'pp __complete accounts -- acc_',
      await modulesOf([bin, '__complete', 'accounts', '--', 'acc_'], { PP_CONFIG_DIR: config }),
    );
  });

  it('pp --help: none beyond an empty script (the page laid out at build time)', async () => {
    expectAllowed('pp --help', await modulesOf([bin, '--help']));
  });

  it('pp whoami --json with the key in the config file: the request, nothing else', async () => {
    const config = join(work, 'whoami');
    mkdirSync(config, { mode: 0o700 });
    writeFileSync(
      join(config, 'config.json'),
      JSON.stringify({ profiles: { default: { apiKey: 'pp_live_modulesTest0000' } } }),
    );
    chmodSync(join(config, 'config.json'), 0o600);
    server.script(json(linkedinProfile()));
    const loaded = await modulesOf([bin, 'whoami', 'acc_1', '--json'], {
      PP_CONFIG_DIR: config,
      PP_BASE_URL: server.origin,
    });
    expect(server.requests).toHaveLength(1);
    expectAllowed('pp whoami --json', loaded);
  });
});
