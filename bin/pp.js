#!/usr/bin/env node
// Thin shim: check the runtime, then run the bundle built from src/ (dist/pp.cjs).
//
// CommonJS on purpose (bin/package.json says so): an ES module entry makes Node start its ESM
// loader and build an ES facade for every built-in it imports (the one for node:fs loads all of
// node:stream), ~13 ms that `pp --version` would pay before doing anything.
//
// The bundle is compiled with a V8 code cache (dist/pp.cjs.cache): compiling ~370 KB of JavaScript
// is most of what a Node CLI adds to Node's own start-up, and Node 20 has no compile cache of its
// own (module.enableCompileCache is Node 22). V8 checks the cache against the source and its own
// version and flags, and rejects one that does not match; pp then compiles as usual and, after the
// command, tries to write a fresh cache (atomically; a read-only install simply goes without).
'use strict';

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(`pp needs Node.js 20 or newer; this is ${process.version}.\n`);
  process.exit(1);
}

const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'pp.cjs');
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
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, dist);

const done = bundleModule.exports.main(process.argv.slice(2));
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
