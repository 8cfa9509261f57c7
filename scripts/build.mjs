// Builds dist/pp.cjs from src/: one CommonJS bundle, which bin/pp.js compiles with a V8 code cache
// (dist/pp.cjs.cache, made here by a warm-up run). Modules reached only by `await import()` stay
// lazy: esbuild evaluates them on first import, so the tables, the sandbox and the proxy cost
// nothing on a path that does not use them. And dist/tab.cjs, the short way a shell's Tab takes
// (src/tab-main.ts): only what `pp __complete` reads. And dist/help.cjs (src/help-main.ts), which
// prints the help pages laid out here by the program itself (dist/help.json).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// commander requires child_process at load for stand-alone executable subcommands, which pp does
// not have; loading it costs ~15 ms of every start. pp's commands never reach it.
const noChildProcess = {
  name: 'no-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/commander/`)
        ? { path: 'child_process', namespace: 'no-child-process' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-child-process' }, () => ({
      contents:
        "const refuse = () => { throw new Error('pp has no executable subcommands'); };\n" +
        'module.exports = { spawn: refuse, execFileSync: refuse };',
      loader: 'js',
    }));
  },
};

// chalk's own detection of colour support (its `#supports-color` import, the default chalk instance)
// loads node:tty, and node:net with it (~4.5 ms in a fresh process), for an answer pp
// never reads: render.ts builds its Chalk with the level Io decided (NO_COLOR, --no-color, a
// terminal or not). chalk's package maps that import to a file without detection for other
// platforms ("default"); pp takes that one.
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/chalk/`)
        ? { path: join(dirname(args.importer), 'vendor/supports-color/browser.js') }
        : undefined,
    );
  },
};

const bundles = { pp: 'src/main.ts', tab: 'src/tab-main.ts', help: 'src/help-main.ts' };
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(bundles).map(([name, entry]) => [name, join(root, entry)])),
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // completion.ts reads __dirname in the bundle and import.meta.url only when run from source
  logOverride: { 'empty-import-meta': 'silent' },
  plugins: [noChildProcess, chalkWithoutDetection],
  // a native binding with a binary per platform: required from node_modules at run time, when a
  // key is read from or written to the keychain
  external: ['@napi-rs/keyring'],
  define: {
    PP_VERSION: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version),
  },
});

// The help pages, laid out by the bundle just built (src/help/pages.ts).
const { helpPages } = createRequire(import.meta.url)(join(root, 'dist/pp.cjs'));
writeFileSync(join(root, 'dist/help.json'), JSON.stringify(await helpPages()));

// Files of earlier builds (the ESM chunks of older versions, a cache of another bundle) go.
for (const name of readdirSync(join(root, 'dist'))) {
  if (!(name.replace(/\.cjs$/, '') in bundles) && name !== 'help.json')
    rmSync(join(root, 'dist', name), { recursive: true, force: true });
}

// The code cache bin/pp.js runs the bundle with, made by running the common commands once.
const warm = spawnSync(process.execPath, [join(root, 'scripts/warm-cache.mjs')], { stdio: 'ignore' });
if (warm.status !== 0)
  console.warn(`warning: the code-cache warm-up exited ${warm.status}; pp will make its cache on first use`);
