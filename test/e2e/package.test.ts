// The npm package: only what pp needs to run, and the README's install from a clean clone: a
// tarball that installs globally on a clean prefix, as a copy that works without the clone.
import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, root, tempDir } from '../helpers/run.js';

function npm(args: string[], cwd = root) {
  // --ignore-scripts on pack: the tests run on the build `npm test` made; rebuilding dist/ here
  // would pull it from under the other end-to-end tests running at the same time.
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return result;
}

const required = [
  'package.json',
  'README.md',
  'LICENSE',
  'bin/pp.js',
  'bin/package.json',
  'dist/pp.cjs',
  'dist/pp.cjs.cache',
  'completions/pp.bash',
  'completions/_pp',
  'completions/pp.fish',
  'man/pp.1',
];

describe('npm package', () => {
  it('contains dist, bin, completions, man, README, LICENSE and package.json, nothing else', () => {
    const pack = npm(['pack', '--dry-run', '--json', '--ignore-scripts']);
    expect(pack.status, pack.stderr).toBe(0);
    const [manifest] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
    const files = manifest.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(required));
    const stray = files.filter(
      (f) =>
        !/^(dist|bin|completions|man)\//.test(f) && !['package.json', 'README.md', 'LICENSE'].includes(f),
    );
    expect(stray).toEqual([]);
    expect(files.filter((f) => /^(src|test|scripts|node_modules)\//.test(f) || f.endsWith('.ts'))).toEqual(
      [],
    );
  });

  it('installs as the README says from a clean clone: a copy on a clean prefix, not a link, that runs', {
    timeout: 180_000,
  }, () => {
    // A clone of what is committed: no dist/, no node_modules, as a new user gets it.
    const dir = tempDir('pp-clone-');
    const clone = join(dir, 'pp');
    const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', root, clone], {
      encoding: 'utf8',
    });
    expect(cloned.status, cloned.stderr).toBe(0);
    // The README's Install (npm ci: the same install, from the lock file, sooner): npm install && npm pack && npm install -g ./pp-cli-<version>.tgz
    const installed = npm(['ci', '--prefer-offline', '--no-audit', '--no-fund'], clone);
    expect(installed.status, installed.stderr).toBe(0);
    const pack = npm(['pack', '--json'], clone);
    expect(pack.status, pack.stderr).toBe(0);
    const [{ filename }] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as [{ filename: string }];
    const prefix = join(dir, 'prefix');
    const install = npm(
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        join(clone, filename),
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
      ],
      dir,
    );
    // npm runs no `prepare` (esbuild, a dev dependency) for a tarball: dist/ comes built in it.
    expect(install.status, install.stderr).toBe(0);
    // a copy: removing the clone leaves the installed pp working
    expect(lstatSync(join(prefix, 'lib', 'node_modules', 'pp-cli')).isSymbolicLink()).toBe(false);
    rmSync(clone, { recursive: true, force: true });

    const pp = join(prefix, 'bin', 'pp');
    const env = baseEnv();
    const who = spawnSync(pp, ['--sandbox', 'whoami', '--account', 'acc_demo_outlook'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(who.stderr).toBe('');
    expect(who.status).toBe(0);
    expect(who.stdout).toContain('Grace Okafor');

    // The installed copy finds its own completion files.
    const completion = spawnSync(pp, ['completion', 'fish'], { cwd: dir, env, encoding: 'utf8' });
    expect(completion.status).toBe(0);
    expect(completion.stdout).toBe(readFileSync(join(root, 'completions', 'pp.fish'), 'utf8'));
  });
});
