// Makes dist/pp.cjs.cache for bin/pp.js: loads the bundle exactly as bin/pp.js does, runs the
// commands people start most (whoami, profile tables, the accounts list) in this one process so
// their functions are compiled, then saves V8's code cache. Then dist/tab.cjs.cache, which
// bin/pp.js writes itself after a first `pp __complete`. Run by scripts/build.mjs with its output
// discarded.
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

// Against the sandbox in another process, as against the API: the sandbox's own code (the server,
// the generated workspace) stays out of the cache every command deserializes. Not `pp --help` nor
// `pp __complete`: bin/pp.js answers those with dist/help.cjs and dist/tab.cjs (measured: the
// cache was 620 KB with them and the sandbox, 514 KB without).
const sandbox = spawn(
  process.execPath,
  ['-e', `require(${JSON.stringify(bundle)}).main(['sandbox', '--port', '0'])`],
  {
    stdio: ['ignore', 'pipe', 'ignore'],
  },
);
const [url] = await once(createInterface({ input: sandbox.stdout }), 'line');
process.env.PP_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'pp-warm-'));
process.env.PP_STATE_DIR = mkdtempSync(join(tmpdir(), 'pp-warm-'));
process.env.PP_BASE_URL = url.trim();
process.env.PP_API_KEY = 'pp_test_warm';
process.env.NO_COLOR = '1';
try {
  for (const argv of [
    ['whoami', '--account', 'acc_demo_linkedin'],
    ['whoami', '--account', 'acc_demo_telegram', '--json'],
    ['profile', 'acc_demo_linkedin'],
    ['profile', 'acc_demo_gmail'],
    ['--retries', '0', 'whoami', '--account', 'acc_error_disconnected_account'],
    ['accounts'],
    ['accounts', '--json'],
  ]) {
    await module.exports.main(argv);
  }
} finally {
  sandbox.kill();
}
process.exitCode = 0;
const temp = `${bundle}.cache.${process.pid}.tmp`;
writeFileSync(temp, script.createCachedData());
renameSync(temp, `${bundle}.cache`);

// a shell's Tab, in a process of its own as a shell runs it (the config folder above is empty)
spawnSync(
  process.execPath,
  [fileURLToPath(new URL('../bin/pp.js', import.meta.url)), '__complete', 'accounts', '--', 'acc_'],
  {
    stdio: 'ignore',
  },
);
