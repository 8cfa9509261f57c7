// Builds dist/ from src/: one ESM bundle plus lazily loaded chunks (tables, sandbox, config writes).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

// ofetch's entries touch globalThis.Headers at load, which makes Node 20 load undici (~50 ms, ~12 MB).
// We pass our own fetch and Headers to createFetch, so import it from the shared module directly.
const ofetchCore = {
  name: 'ofetch-core',
  setup(b) {
    b.onResolve({ filter: /^ofetch$/ }, () => ({ path: 'ofetch', namespace: 'ofetch-core' }));
    b.onLoad({ filter: /.*/, namespace: 'ofetch-core' }, () => {
      const dir = dirname(require.resolve('ofetch/package.json'));
      const index = readFileSync(join(dir, 'dist/index.mjs'), 'utf8');
      const m = /import \{ c as createFetch \} from '\.\/(shared\/[^']+)'/.exec(index);
      if (!m) throw new Error('ofetch layout changed: cannot find createFetch in dist/index.mjs');
      const shared = join(dir, 'dist', m[1]).replaceAll('\\', '/');
      return {
        contents: `export { c as createFetch, F as FetchError } from ${JSON.stringify(shared)};`,
        resolveDir: dir,
        loader: 'js',
      };
    });
  },
};

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

// CommonJS code in an ESM bundle needs a `require` (NOTES.md). Only a few chunks have any; the
// banner is dropped from the others below, as import.meta and node:module cost every start ~1 ms.
const requireBanner =
  "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);";

const result = await build({
  // metafile paths are relative to absWorkingDir: the pruning below relies on it being root
  absWorkingDir: root,
  metafile: true,
  entryPoints: { main: join(root, 'src/main.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [ofetchCore, noChildProcess],
  banner: { js: requireBanner },
  define: {
    PP_VERSION: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version),
  },
});

// Chunk names carry content hashes: remove the files of earlier builds so stale chunks never ship.
// Pruned after the build rather than emptying dist/ first, so a pp started meanwhile (another
// test run) never finds dist/ missing.
for (const out of Object.keys(result.metafile.outputs)) {
  const path = join(root, out);
  const text = readFileSync(path, 'utf8');
  const rest = text.replace(requireBanner, '');
  if (!/\brequire\b/.test(rest)) writeFileSync(path, rest);
}

const built = new Set(Object.keys(result.metafile.outputs).map((f) => join(root, f)));
for (const entry of readdirSync(join(root, 'dist'), { recursive: true, withFileTypes: true })) {
  const path = join(entry.parentPath ?? entry.path, entry.name);
  if (entry.isFile() && !built.has(path)) rmSync(path);
}
