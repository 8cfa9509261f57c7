// bin/pp.js runs the bundle, and dist/tab.cjs, with a V8 code cache. A missing, stale or corrupt
// cache must never change what pp does: it compiles as usual and writes a fresh one; a read-only
// install goes without.
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

const config = tempDir('pp-cache-config-');
writeFileSync(join(config, 'config.json'), JSON.stringify({ profiles: { default: {}, staging: {} } }), {
  mode: 0o600,
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(copy, 'bin/pp.js'), ...args], {
    env: baseEnv({ PP_CONFIG_DIR: config }),
    encoding: 'utf8',
  });

// the program (dist/pp.cjs) with the cache of every command, and with whoami's own; what a shell
// runs on every Tab (dist/tab.cjs)
const bundles = [
  {
    cache: 'pp.cjs.cache',
    run: () => run('--sandbox', 'profile', 'acc_demo_gmail', '--json'),
    answered: (stdout: string) => expect(JSON.parse(stdout).provider).toBe('GMAIL'),
  },
  {
    cache: 'pp.cjs.whoami.cache',
    run: () => run('--sandbox', 'whoami', '--account', 'acc_demo_gmail', '--json'),
    answered: (stdout: string) => expect(JSON.parse(stdout).provider).toBe('GMAIL'),
  },
  {
    cache: 'tab.cjs.cache',
    run: () => run('__complete', 'profiles', '--', 'st'),
    answered: (stdout: string) => expect(stdout).toBe('staging\n'),
  },
];

describe.each(bundles)('the code cache $cache', ({ cache: name, run, answered }) => {
  const cache = join(copy, 'dist', name);

  it('ships with the build', () => {
    expect(readFileSync(join(root, 'dist', name)).length).toBeGreaterThan(1000);
  });

  it('the one shipped is taken: a run leaves it byte for byte (same source, same V8)', () => {
    const shipped = readFileSync(cache);
    const r = run();
    expect(r.status).toBe(0);
    answered(r.stdout);
    expect(readFileSync(cache).equals(shipped)).toBe(true);
  });

  it('a corrupt cache is rejected: pp answers as usual and writes a good one', () => {
    writeFileSync(cache, 'not a V8 code cache');
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    answered(r.stdout);
    expect(readFileSync(cache, 'utf8')).not.toBe('not a V8 code cache');
    expect(readFileSync(cache).length).toBeGreaterThan(1000);
  });

  it('a missing cache is made after the first run', () => {
    rmSync(cache);
    const r = run();
    expect(r.status).toBe(0);
    answered(r.stdout);
    expect(existsSync(cache)).toBe(true);
  });

  it('a folder pp cannot write to leaves pp working, with no temp files', () => {
    const before = readdirSync(join(copy, 'dist')).sort();
    rmSync(cache);
    // root can write anywhere, so make the cache path unwritable another way: a directory there
    cpSync(join(copy, 'bin'), cache, { recursive: true });
    chmodSync(cache, 0o500);
    const r = run();
    expect(r.status).toBe(0);
    answered(r.stdout);
    expect(r.stderr).toBe('');
    expect(readdirSync(join(copy, 'dist')).sort()).toEqual(before);
    chmodSync(cache, 0o700);
    rmSync(cache, { recursive: true });
  });
});
