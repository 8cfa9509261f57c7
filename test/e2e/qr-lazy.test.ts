// The QR library is loaded only with `pp accounts reconnect --qr` (issue 22): in the bundle, which
// evaluates a module reached by `await import()` only when that import runs, every way to it is a
// dynamic import, from the one file that draws QR codes, which only reconnect imports, and only
// dynamically. Read from esbuild's own account of the bundle (its metafile), exact where a timing
// would not be.
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/run.js';

let meta: Metafile;
beforeAll(async () => {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src/main.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['@napi-rs/keyring'],
    define: { PP_VERSION: '"0.0.0-test"' },
  });
  meta = result.metafile;
});

/** Who imports `path` in the bundle, and how. */
const importersOf = (path: string) =>
  Object.entries(meta.inputs).flatMap(([from, input]) =>
    input.imports.filter((i) => i.path === path).map((i) => ({ from, kind: i.kind })),
  );

describe('the QR library in the bundle', () => {
  it('is in it (nothing to install at run time) ...', () => {
    expect(Object.keys(meta.inputs)).toContain('node_modules/qr/index.js');
  });

  it('... reached only by a dynamic import from src/output/qr.ts', () => {
    expect(importersOf('node_modules/qr/index.js')).toEqual([
      { from: 'src/output/qr.ts', kind: 'dynamic-import' },
    ]);
  });

  it('whose only importer is pp accounts reconnect, dynamically too', () => {
    expect(importersOf('src/output/qr.ts')).toEqual([
      { from: 'src/commands/accounts-reconnect.ts', kind: 'dynamic-import' },
    ]);
  });
});
