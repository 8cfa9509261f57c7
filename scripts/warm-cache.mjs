// Makes dist/pp.cjs.cache for bin/pp.js: loads the bundle exactly as bin/pp.js does, runs the
// commands people start most (help, whoami, profile tables, the accounts list, completion) in this one process so their functions
// are compiled, then saves V8's code cache. Run by scripts/build.mjs with its output discarded.
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/pp.cjs', import.meta.url));
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));

process.env.PP_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'pp-warm-'));
process.env.NO_COLOR = '1';
for (const argv of [
  ['--help'],
  ['whoami', '--help'],
  ['--sandbox', 'whoami', '--account', 'acc_demo_linkedin'],
  ['--sandbox', 'whoami', '--account', 'acc_demo_telegram', '--json'],
  ['--sandbox', 'profile', 'acc_demo_linkedin'],
  ['--sandbox', 'profile', 'acc_demo_gmail'],
  ['--sandbox', '--retries', '0', 'whoami', '--account', 'acc_error_disconnected_account'],
  ['--sandbox', 'accounts'],
  ['--sandbox', 'accounts', '--json'],
  // what a shell runs on every Tab
  ['__complete', 'accounts', '--', 'acc_'],
]) {
  await module.exports.main(argv);
}
process.exitCode = 0;
const temp = `${bundle}.cache.${process.pid}.tmp`;
writeFileSync(temp, script.createCachedData());
renameSync(temp, `${bundle}.cache`);
