#!/usr/bin/env node
// Thin shim: check the runtime, then run the bundle built from src/ (dist/pp.cjs).
//
// CommonJS on purpose (bin/package.json says so): an ES module entry makes Node start its ESM
// loader and build an ES facade for every built-in it imports (the one for node:fs loads all of
// node:stream), ~13 ms that `pp --version` would pay before doing anything.
//
// The bundle is compiled with a V8 code cache (dist/pp.cjs.cache): compiling ~250 KB of JavaScript
// is most of what a Node CLI adds to Node's own start-up, and Node 20 has no compile cache of its
// own (module.enableCompileCache is Node 22). V8 checks the cache against the source and its own
// version and flags, and rejects one that does not match; pp then compiles as usual and, after the
// command, tries to write a fresh cache (atomically; a read-only install simply goes without).
// dist/tab.cjs, which a shell runs on every Tab, is run the same way (dist/tab.cjs.cache): 1-2 ms
// of ~52 less than require() compiling it (61 interleaved rounds against `node -e 0`, twice).
'use strict';

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(`pp needs Node.js 20 or newer; this is ${process.version}.\n`);
  process.exit(1);
}

const { existsSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'pp.cjs');
const argv = process.argv.slice(2);

// The command lines that must cost no more than Node's own start-up (measured by npm run bench
// against `node -e 0`), answered before the bundle is read, which is ~10 ms of ~35:
// - `pp --version`, which scripts run to check the install: the package's version, as the bundle
//   would print it (it is built from the same package.json), once the bundle is known to be there;
// - `pp __complete …`, which a shell runs on every Tab: dist/tab.cjs, only what completing reads
//   (src/tab-main.ts); a command line it does not take (an option, --help) goes to the bundle;
// - `pp --help`, `pp <command> --help`, `pp help …`: dist/help.cjs prints the page the program
//   laid out at build time (dist/help.json), where the output is as wide as it was then.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V') && existsSync(bundle)) {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  try {
    // to the descriptor: process.stdout on a pipe would load node:net and node:stream (~6 ms)
    writeSync(1, `${version}\n`);
  } catch {
    // a full disk, a closed pipe: the program says so (or ends quietly), as for any output
    runBundle();
  }
} else if (
  (argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) &&
  existsSync(join(dist, 'help.cjs'))
) {
  // the help pages, as the program laid them out at build time (src/help-main.ts); a command line
  // they do not hold (an option among the words, a word pp does not know) goes to the bundle
  require(join(dist, 'help.cjs'))
    .main(argv)
    .then((answered) => answered || runBundle(), runBundle);
} else if (argv[0] === '__complete' && existsSync(join(dist, 'tab.cjs'))) {
  // a failure there (none is known) leaves the answer to the program, which says what it is
  let tab;
  try {
    tab = compiled(join(dist, 'tab.cjs'));
  } catch {
    runBundle();
  }
  if (tab) tab.keepCache(tab.exports.main(argv).then((answered) => answered || runBundle(), runBundle));
} else {
  runBundle();
}

function runBundle() {
  let pp;
  try {
    // `pp whoami` has a cache of its own, of only what it runs (scripts/warm-cache.mjs): V8
    // deserialises a whole cache, and the one of every command is ~460 KB against ~380 (whoami
    // --json 2-4% faster in four runs of 101-121 paired rounds; the others keep the whole cache,
    // without which they were 2-4% slower)
    pp = compiled(bundle, argv.includes('whoami') ? `${bundle}.whoami.cache` : undefined);
  } catch (err) {
    process.stderr.write(
      `pp: cannot load its build (${err.code ?? err.message}); run \`npm install\` or \`npm run build\`.\n`,
    );
    process.exit(1);
  }
  pp.keepCache(pp.exports.main(argv));
}

/**
 * Runs a bundle of dist/ with a V8 code cache (`<file>.cache` unless said), and returns its exports
 * and keepCache(done): where there was no cache, or V8 rejected it, a fresh one is written once
 * `done` resolves (the command's functions are compiled by then).
 */
function compiled(file, cacheFile = `${file}.cache`) {
  const { Script } = require('node:vm');
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet: compile, and write one after the command
  }
  // CommonJS's own wrapper, as node:module's wrap() writes it, and this file's require (a bundle
  // requires built-ins and @napi-rs/keyring, found from bin/ as from dist/): not node:module, which
  // loads Node's ES module loader with it, 4 modules more on every path (scripts/warm-cache.mjs
  // makes the cache with the same text)
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new Script(wrapped, { filename: file, cachedData });
  const bundleModule = { exports: {} };
  script.runInThisContext()(bundleModule.exports, require, bundleModule, file, dist);
  const fresh = cachedData === undefined || script.cachedDataRejected;
  return {
    exports: bundleModule.exports,
    keepCache(done) {
      if (!fresh) return;
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
    },
  };
}
