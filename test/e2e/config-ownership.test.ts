// Config files and folders someone else could have written are refused (exit 3), as ssh does: pp run
// as root in a shared folder must neither hand its key to another user nor take settings (a baseUrl
// that would receive PP_API_KEY) from one. The owner cases need root, to chown to nobody.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultServer } from '../helpers/fault-server.js';
import { baseEnv, runPp, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_01HXYZsecretKeyMaterial8GR2';
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const NEEDS_ROOT = asRoot ? '' : ' (skipped: needs root to chown to another user)';

const planter = FaultServer.forTests();
const honest = FaultServer.forTests();

const env = (dir: string, extra: Record<string, string | undefined> = {}) =>
  baseEnv({ PP_CONFIG_DIR: dir, PP_API_KEY: undefined, ...extra });

/** A folder like /tmp: world-writable with the sticky bit, owned by root (the test's user). */
function sharedDir(): string {
  const dir = tempDir('pp-shared-');
  chmodSync(dir, 0o1777);
  return dir;
}

/** config.json in `dir` with `content`, exactly `mode`, owned by `uid` (when given). */
function plant(dir: string, content: string, mode = 0o600, uid?: number): string {
  const file = join(dir, 'config.json');
  writeFileSync(file, content);
  chmodSync(file, mode);
  if (uid !== undefined) chownSync(file, uid, uid);
  return file;
}

const writes: [string[], string | undefined][] = [
  [['config', 'set-key'], `${KEY}\n`],
  [['config', 'set-account', 'acc_1'], undefined],
  [['config', 'unset-key'], undefined],
];

describe('config ownership and permissions', () => {
  it.skipIf(!asRoot)(
    `another user’s {} config.json in a shared 1777 folder: set-key exits 3, the file stays theirs, unchanged and without the key${NEEDS_ROOT}`,
    async () => {
      const dir = sharedDir();
      const file = plant(dir, '{}', 0o600, NOBODY);
      for (const [args, input] of writes) {
        const r = await runPp(args, { env: env(dir), ...(input ? { input } : {}) });
        expect(r.code, args.join(' ')).toBe(3);
        expect(r.stderr).toContain(`the config file ${file} is owned by uid ${NOBODY}, not you (uid 0)`);
        expect(r.stderr).toContain('chown');
        expect(r.stderr).not.toContain(KEY);
        expect(r.stdout).toBe('');
      }
      expect(readFileSync(file, 'utf8')).toBe('{}');
      expect(statSync(file).uid).toBe(NOBODY);
      expect(readdirSync(dir)).toEqual(['config.json']);
      expect(statSync(dir).mode & 0o7777).toBe(0o1777); // a shared folder is not pp's to chmod
    },
  );

  it.skipIf(!asRoot)(
    `a shared 1777 folder or another user’s folder, with no file yet: set-key exits 3 and writes nothing${NEEDS_ROOT}`,
    async () => {
      const shared = sharedDir();
      const theirs = tempDir('pp-theirs-');
      chownSync(theirs, NOBODY, NOBODY);
      for (const [dir, why] of [
        [shared, 'is writable by others (mode 1777)'],
        [theirs, `is owned by uid ${NOBODY}, not you (uid 0)`],
      ] as const) {
        const r = await runPp(['config', 'set-key'], { env: env(dir), input: KEY });
        expect(r.code, dir).toBe(3);
        expect(r.stderr).toContain(`the config folder ${dir} ${why}`);
        expect(readdirSync(dir)).toEqual([]);
      }
      expect(statSync(shared).mode & 0o7777).toBe(0o1777);
    },
  );

  it.skipIf(!asRoot)(
    `another user’s planted baseUrl is never used: whoami with PP_API_KEY exits 3 and sends nothing there; --base-url still works${NEEDS_ROOT}`,
    async () => {
      const dir = sharedDir();
      const file = plant(dir, JSON.stringify({ baseUrl: planter.origin }), 0o644, NOBODY);
      const r = await runPp(['whoami', 'x'], { env: env(dir, { PP_API_KEY: KEY }) });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(file);
      expect(r.stderr).not.toContain(KEY);
      expect(planter.requests).toHaveLength(0);
      // nothing is needed from the file when the flag and the environment answer: it is not read
      const ok = await runPp(['--base-url', honest.origin, 'profile', 'acc_1'], {
        env: env(dir, { PP_API_KEY: KEY }),
      });
      expect(ok.code).toBe(0);
      expect(honest.requests).toHaveLength(1);
      expect(planter.requests).toHaveLength(0);
    },
  );

  it('a config.json that is a symlink is refused for writing and reading, its target untouched', async () => {
    const elsewhere = tempDir('pp-elsewhere-');
    const target = plant(elsewhere, JSON.stringify({ baseUrl: planter.origin }), 0o600);
    const dir = tempDir('pp-link-');
    const link = join(dir, 'config.json');
    symlinkSync(target, link);
    const runs: [string[], string | undefined, Record<string, string>][] = [
      ...writes.map(
        ([args, input]) => [args, input, {}] as [string[], string | undefined, Record<string, string>],
      ),
      [['config', 'show'], undefined, {}],
      [['whoami', 'x'], undefined, { PP_API_KEY: KEY }],
    ];
    for (const [args, input, extra] of runs) {
      const r = await runPp(args, { env: env(dir, extra), ...(input ? { input } : {}) });
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toContain(`the config file ${link} is a symbolic link`);
      expect(r.stderr).not.toContain(KEY);
    }
    expect(readFileSync(target, 'utf8')).toBe(JSON.stringify({ baseUrl: planter.origin }));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(planter.requests).toHaveLength(0);
  });

  it.each([
    ['0666', 0o666],
    ['0620', 0o620],
  ])(
    'a config.json writable by group or others (mode %s) is refused for reading and writing',
    async (shown, mode) => {
      const dir = tempDir('pp-writable-');
      const content = JSON.stringify({ baseUrl: planter.origin });
      const file = plant(dir, content, mode);
      for (const [args, input] of [...writes, [['config', 'show'], undefined] as [string[], undefined]]) {
        const r = await runPp(args, { env: env(dir), ...(input ? { input } : {}) });
        expect(r.code, args.join(' ')).toBe(3);
        expect(r.stderr).toContain(`the config file ${file} is writable by others (mode ${shown})`);
        expect(r.stderr).toContain(`chmod 600 ${file}`);
      }
      expect(readFileSync(file, 'utf8')).toBe(content);
      expect(statSync(file).mode & 0o777).toBe(mode);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'a FIFO as config.json is refused at once, not waited on',
    async () => {
      const dir = tempDir('pp-fifo-');
      execFileSync('mkfifo', [join(dir, 'config.json')]);
      const r = await runPp(['config', 'show'], { env: env(dir) });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('is not a regular file');
    },
  );

  it('a pre-existing 0777 PP_CONFIG_DIR of your own is made 0700 by set-key', async () => {
    const dir = join(tempDir('pp-open-'), 'postpress');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const r = await runPp(['config', 'set-key', '--no-verify'], { env: env(dir), input: KEY });
    expect(r.code).toBe(0);
    expect(statSync(dir).mode & 0o7777).toBe(0o700);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('a clean run: the file is yours, 0600, in a 0700 folder, and is read back', async () => {
    const dir = join(tempDir('pp-clean-'), 'postpress');
    const set = await runPp(['config', 'set-key', '--no-verify'], { env: env(dir), input: KEY });
    expect(set.code).toBe(0);
    const file = join(dir, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    if (process.getuid) expect(statSync(file).uid).toBe(process.getuid());
    expect(readdirSync(dir)).toEqual(['config.json']);
    const show = await runPp(['config', 'show', '--json'], { env: env(dir) });
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).api_key.source).toBe('file');
    const account = await runPp(['config', 'set-account', 'acc_1'], { env: env(dir) });
    expect(account.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      profiles: { default: { apiKey: KEY, accountId: 'acc_1' } },
    });
  });
});
