// bin/pp.js runs the bundle with a V8 code cache. A missing, stale or corrupt cache must never
// change what pp does: it compiles as usual and writes a fresh one; a read-only install goes without.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseEnv, root, tempDir } from '../helpers/run.js';

const copy = tempDir('pp-cache-');
cpSync(join(root, 'bin'), join(copy, 'bin'), { recursive: true });
cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
cpSync(join(root, 'package.json'), join(copy, 'package.json'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const cache = join(copy, 'dist/pp.cjs.cache');
const whoami = () =>
  spawnSync(
    process.execPath,
    [join(copy, 'bin/pp.js'), '--sandbox', 'whoami', '--account', 'acc_demo_gmail', '--json'],
    {
      env: baseEnv(),
      encoding: 'utf8',
    },
  );

describe('the code cache', () => {
  it('ships with the build', () => {
    expect(readFileSync(join(root, 'dist/pp.cjs.cache')).length).toBeGreaterThan(1000);
  });

  it('a corrupt cache is rejected: pp answers as usual and writes a good one', () => {
    writeFileSync(cache, 'not a V8 code cache');
    const r = whoami();
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).provider).toBe('GMAIL');
    expect(readFileSync(cache, 'utf8')).not.toBe('not a V8 code cache');
    expect(readFileSync(cache).length).toBeGreaterThan(1000);
  });

  it('a missing cache is made after the first run', () => {
    rmSync(cache);
    expect(whoami().status).toBe(0);
    expect(existsSync(cache)).toBe(true);
  });

  it('a folder pp cannot write to leaves pp working, with no temp files', () => {
    rmSync(cache);
    // root can write anywhere, so make the cache path unwritable another way: a directory there
    cpSync(join(copy, 'bin'), cache, { recursive: true });
    chmodSync(cache, 0o500);
    const r = whoami();
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).provider).toBe('GMAIL');
    expect(r.stderr).toBe('');
    expect(readdirSync(join(copy, 'dist')).sort()).toEqual([
      'help.cjs',
      'help.json',
      'pp.cjs',
      'pp.cjs.cache',
      'tab.cjs',
    ]);
  });
});
