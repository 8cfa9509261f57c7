#!/usr/bin/env node
// Thin shim: check the runtime, then run the bundle built from src/ (dist/pp.cjs).
//
// The bundle is compiled with a V8 code cache (dist/pp.cjs.cache): compiling ~370 KB of JavaScript
// is most of what a Node CLI adds to Node's own start-up, and Node 20 has no compile cache of its
// own (module.enableCompileCache is Node 22). V8 checks the cache against the source and its own
// version and flags, and rejects one that does not match; pp then compiles as usual and, after the
// command, tries to write a fresh cache (atomically; a read-only install simply goes without).
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(`pp needs Node.js 20 or newer; this is ${process.version}.\n`);
  process.exit(1);
}

const bundle = fileURLToPath(new URL('../dist/pp.cjs', import.meta.url));
const cacheFile = `${bundle}.cache`;
let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch (err) {
  process.stderr.write(
    `pp: cannot load its build (${err.code ?? err.message}); run \`npm install\` or \`npm run build\`.\n`,
  );
  process.exit(1);
}
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache yet: compile, and write one after the command
}
const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));

const done = module.exports.main(process.argv.slice(2));
if (cachedData === undefined || script.cachedDataRejected) {
  done.then(() => {
    const temp = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {
      // a read-only install: pp works the same, only without the cache
      rmSync(temp, { force: true });
    }
  });
}
