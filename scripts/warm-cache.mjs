// Makes the V8 code caches bin/pp.js runs the bundles with, each by loading the bundle exactly as
// bin/pp.js does and running commands in one process so that their functions are compiled:
// - dist/pp.cjs.cache, for every command but whoami: those people start most (whoami, profile
//   tables, the accounts list);
// - dist/pp.cjs.whoami.cache, for `pp whoami` (`node scripts/warm-cache.mjs whoami`, run from
//   here): whoami alone, a cache of ~380 KB against ~460, which V8 deserialises whole on every
//   start (see bin/pp.js);
// - dist/tab.cjs.cache, which bin/pp.js writes itself after a first `pp __complete`.
// One cache a process: a second Script of the same source gets the functions the first compiled.
// Run by scripts/build.mjs with its output discarded.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/pp.cjs', import.meta.url));
// the text bin/pp.js compiles: V8 takes a cache only for the same source
const source = readFileSync(bundle, 'utf8');
const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, {
  filename: bundle,
});
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));

const family = process.argv[2] === 'whoami' ? 'whoami' : undefined;
const commands = {
  all: [
    ['whoami', '--account', 'acc_demo_linkedin'],
    ['whoami', '--account', 'acc_demo_telegram', '--json'],
    ['profile', 'acc_demo_linkedin'],
    ['profile', 'acc_demo_gmail'],
    ['--retries', '0', 'whoami', '--account', 'acc_error_disconnected_account'],
    ['accounts'],
    ['accounts', '--json'],
  ],
  whoami: [
    ['whoami', '--account', 'acc_demo_linkedin'],
    ['whoami', '--account', 'acc_demo_telegram', '--json'],
    ['--retries', '0', 'whoami', '--account', 'acc_error_disconnected_account'],
  ],
};

// the whoami cache's process runs against the sandbox this one started
const sandbox = family ? undefined : await startSandbox();
try {
  if (!family) spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'whoami'], { stdio: 'ignore' });
  for (const argv of commands[family ?? 'all']) await module.exports.main(argv);
} finally {
  sandbox?.kill();
}
process.exitCode = 0;
const cacheFile = family ? `${bundle}.${family}.cache` : `${bundle}.cache`;
const temp = `${cacheFile}.${process.pid}.tmp`;
writeFileSync(temp, script.createCachedData());
renameSync(temp, cacheFile);

// a shell's Tab, in a process of its own as a shell runs it (the config folder above is empty)
if (!family)
  spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../bin/pp.js', import.meta.url)), '__complete', 'accounts', '--', 'acc_'],
    { stdio: 'ignore' },
  );

/**
 * The sandbox in another process, as against the API: its own code (the server, the generated
 * workspace) stays out of the cache every command deserializes. Not `pp --help` nor `pp __complete`
 * either: bin/pp.js answers those with dist/help.cjs and dist/tab.cjs (measured: the cache was 620
 * KB with them and the sandbox, 514 KB without). Sets the environment every warm-up run reads.
 */
async function startSandbox() {
  const child = spawn(
    process.execPath,
    ['-e', `require(${JSON.stringify(bundle)}).main(['sandbox', '--port', '0'])`],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const [url] = await once(createInterface({ input: child.stdout }), 'line');
  process.env.PP_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'pp-warm-'));
  process.env.PP_STATE_DIR = mkdtempSync(join(tmpdir(), 'pp-warm-'));
  process.env.PP_BASE_URL = url.trim();
  process.env.PP_API_KEY = 'pp_test_warm';
  process.env.NO_COLOR = '1';
  return child;
}
