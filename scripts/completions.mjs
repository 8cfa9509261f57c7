// Writes the files generated from the commander program (`npm run completions`, or `npm run man`):
// completions/ and man/pp.1. With --check, writes nothing and fails when a committed file differs
// from what the program produces.
// The generator is TypeScript: esbuild bundles it into a temporary module that is then imported.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const temp = mkdtempSync(join(tmpdir(), 'pp-completions-'));
try {
  const outfile = join(temp, 'generate.mjs');
  await build({
    entryPoints: [join(root, 'src/generate.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // a native binding the generator never loads
    external: ['@napi-rs/keyring'],
    // commander is CommonJS: give the ESM bundle a `require` for its Node built-ins.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const { generatedFiles } = await import(pathToFileURL(outfile).href);
  const stale = [];
  for (const [file, text] of await generatedFiles()) {
    const path = join(root, file);
    let old = '';
    try {
      old = readFileSync(path, 'utf8');
    } catch {}
    if (old === text) continue;
    if (check) stale.push(path);
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  if (stale.length > 0) {
    console.error(`out of date: ${stale.join(', ')}\nRun \`npm run completions\` and commit the result.`);
    process.exitCode = 1;
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
