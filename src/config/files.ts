// The files pp keeps for the user (config.json in the config folder, what pp status remembers in
// the state folder), kept safe the same way: where their folder is (XDG), which files and folders
// pp trusts (ssh's rule: the caller's own, or root's, and not writable by others), an atomic 0600
// replace, and a lock so that two pp commands at once both land. Each caller decides what a
// refusal means for it: the config file is an error (exit 3), pp status's memory is set aside.
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { builtin } from '../builtin.js';
import type { Env } from '../deps.js';

export const errCode = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? 'error';

export const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');

// O_NOFOLLOW: a file that is a symlink is refused, never followed (it may lead into someone else's
// folder). O_NONBLOCK: a FIFO planted in its place cannot hang pp; it is refused as not a file.
// Windows has neither (undefined there), nor file owners: those checks are left out.
const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL } = constants;
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const STICKY = 0o1000;

/** HOME as set (an empty or relative one is no home); when it is unset, the user's from the system. */
export function homeDir(env: Env): string | undefined {
  let home = env.HOME;
  if (home === undefined) {
    try {
      // node:os only here: HOME is almost always set, and a shell's Tab reads this module
      home = builtin('node:os').homedir();
    } catch {
      return undefined; // no HOME and no password entry (e.g. a container run as an arbitrary uid)
    }
  }
  return isAbsolute(home) ? home : undefined;
}

/** Where one of pp's folders is: pp's own variable, else the XDG one, else under the home folder. */
export interface FolderPlace {
  /** PP_CONFIG_DIR, PP_STATE_DIR: the folder itself; a relative one is taken from the current folder. */
  own: string;
  /** XDG_CONFIG_HOME, XDG_STATE_HOME: the folder's parent (postpress/ goes under it). */
  xdg: string;
  /** The XDG default under HOME: ['.config'], ['.local', 'state']. */
  underHome: readonly string[];
}

/**
 * The folder, or undefined when there is no absolute place for it: the XDG Base Directory spec
 * says a relative XDG_*_HOME is to be ignored, and an empty or relative HOME would put the file
 * wherever the command happens to run.
 */
export function findFolder(env: Env, place: FolderPlace): string | undefined {
  // trimmed and blank-is-unset like every setting; a relative one is the user's own choice, taken
  // from the current folder and named in full
  const own = env[place.own]?.trim();
  if (own) return resolve(own);
  const xdg = env[place.xdg];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'postpress');
  const home = homeDir(env);
  return home === undefined ? undefined : join(home, ...place.underHome, 'postpress');
}

/** Why there is no folder (findFolder gave none), as the clauses of a sentence. */
export function noFolderReasons(env: Env, place: FolderPlace): string[] {
  const xdg = env[place.xdg];
  return [
    `${place.own} is not set`,
    xdg ? `${place.xdg} (${JSON.stringify(xdg)}) is not an absolute path` : `${place.xdg} is not set`,
    env.HOME === undefined
      ? 'there is no home directory'
      : env.HOME === ''
        ? 'HOME is empty'
        : `HOME (${JSON.stringify(env.HOME)}) is not an absolute path`,
  ];
}

/**
 * Someone other than the caller (or root, who could change it anyway: ssh's rule) owning the file or
 * folder, as words for a message; undefined when it is fine or there are no owners (Windows).
 */
export function foreignOwner(stats: Stats): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined || stats.uid === uid || stats.uid === 0) return undefined;
  return `is owned by uid ${stats.uid}, not you (uid ${uid})`;
}

/** Why pp does not read a file it keeps, and the words for it (after the file's name). */
export type Refusal =
  | { kind: 'symlink'; words: string }
  | { kind: 'not_file'; words: string; directory: boolean }
  | { kind: 'foreign'; words: string }
  | { kind: 'writable'; words: string; mode: number }
  | { kind: 'unreadable'; words: string; code: string }
  | { kind: 'too_large'; words: string };

export type OwnFile =
  | { kind: 'missing' }
  | { kind: 'read'; text: string; stats: Stats }
  | ({ kind: 'refused' } & { refusal: Refusal });

/**
 * A file pp keeps, read only if it is a regular file that only the caller could have written: one
 * planted by another user could send the key elsewhere (config) or pass a stopped account for a
 * healthy one (memory). Never follows a symlink, never waits on a FIFO; a byte-order mark goes.
 * With `maxBytes`, a larger file is refused unread (a 1 GB config.json was read whole, 1.1 GB of
 * memory, by every command and every Tab).
 */
export function readOwnFile(path: string, opts: { maxBytes?: number } = {}): OwnFile {
  let fd: number;
  try {
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ELOOP')
      return {
        kind: 'refused',
        refusal: { kind: 'symlink', words: 'is a symbolic link, which pp does not follow' },
      };
    return { kind: 'refused', refusal: { kind: 'unreadable', words: `cannot be read (${code})`, code } };
  }
  try {
    // fstat of the open file: the checks are about the very file read, at the cost of one call
    const stats = fstatSync(fd);
    const refusal = judgeFile(stats);
    if (refusal) return { kind: 'refused', refusal };
    const max = opts.maxBytes;
    // the size first, then the read itself bounded: the file may grow in between
    const bytes =
      max === undefined ? readFileSync(fd) : stats.size > max ? undefined : readAtMost(fd, max, stats.size);
    if (bytes === undefined) return { kind: 'refused', refusal: tooLarge(max ?? 0) };
    const text = bytes.toString('utf8');
    return { kind: 'read', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, stats };
  } catch (err) {
    const code = errCode(err);
    return { kind: 'refused', refusal: { kind: 'unreadable', words: `cannot be read (${code})`, code } };
  } finally {
    closeSync(fd);
  }
}

const tooLarge = (max: number): Refusal => ({
  kind: 'too_large',
  words: `is larger than ${max >= 1024 * 1024 ? `${max / 1024 / 1024} MB` : `${max / 1024} KB`}, more than pp ever writes there`,
});

/**
 * The file's bytes, or undefined past `max` (read no further than a chunk beyond it). The first
 * read asks for the `size` fstat gave and a byte more, which sees the end of a file that did not
 * grow: a 50-byte config file is one small buffer (a 64 KB one was ~0.3 ms of every start).
 */
function readAtMost(fd: number, max: number, size: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (let want = Math.min(size, max) + 1; ; want = 64 * 1024) {
    const chunk = Buffer.allocUnsafe(want);
    const n = readSync(fd, chunk, 0, want, null);
    if (n === 0) return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    total += n;
    if (total > max) return undefined;
    chunks.push(n === want ? chunk : chunk.subarray(0, n));
  }
}

function judgeFile(stats: Stats): Refusal | undefined {
  if (!stats.isFile()) {
    const directory = stats.isDirectory();
    return { kind: 'not_file', words: directory ? 'is a directory' : 'is not a regular file', directory };
  }
  if (process.getuid === undefined) return undefined;
  const owner = foreignOwner(stats);
  if (owner) return { kind: 'foreign', words: owner };
  if (stats.mode & 0o022)
    return { kind: 'writable', words: `is writable by others (mode ${octal(stats.mode)})`, mode: stats.mode };
  return undefined;
}

/**
 * Whether a folder may hold pp's files: whoever can write in it can swap them. `fine`; `loose` when
 * it is the caller's own folder open to others (pp makes it 0700 when it writes); or what is wrong
 * when it is someone else's, or shared (sticky and world-writable, like /tmp, not to be chmodded).
 */
export function judgeFolder(
  stats: Stats,
): 'fine' | 'loose' | { kind: 'foreign' | 'writable'; words: string } {
  const uid = process.getuid?.();
  if (uid === undefined) return 'fine';
  const owner = foreignOwner(stats);
  if (owner) return { kind: 'foreign', words: owner };
  if ((stats.mode & 0o077) === 0) return 'fine';
  if (stats.uid === uid && !(stats.mode & STICKY)) return 'loose';
  if (stats.mode & 0o022)
    return { kind: 'writable', words: `is writable by others (mode ${octal(stats.mode)})` };
  return 'fine';
}

/**
 * The folder of a file pp keeps (pp status's memory, the completion cache), before writing it: made
 * 0700, or tightened to it when it is the caller's and open; another's, or shared and writable by
 * others, is refused (an EUNTRUSTED error with the words).
 */
export function securedFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // a symlinked folder (e.g. into dotfiles) is the user's choice: its target is judged
  const verdict = judgeFolder(statSync(dir));
  if (verdict === 'loose') chmodSync(dir, 0o700);
  else if (verdict !== 'fine') throw Object.assign(new Error(verdict.words), { code: 'EUNTRUSTED' });
}

/** Whether the folder of a file pp keeps may be trusted for reading it; the words when not. */
export function untrustedFolder(path: string): string | undefined {
  const dir = dirname(path);
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch {
    return undefined; // no folder yet: nothing to read
  }
  const verdict = judgeFolder(stats);
  return typeof verdict === 'string' ? undefined : `its folder ${dir} ${verdict.words}`;
}

/**
 * A file being replaced: written under a temporary name beside it, then renamed over it whole
 * (rename is atomic within a folder), so a reader sees the old file or the new one, never part of
 * one. The temporary name ends in .tmp, which no reader of `*.json` or `*.prom` picks up.
 */
export interface TempFile {
  /** The file to replace. */
  path: string;
  /** Where it is written meanwhile: `<path>.<pid>-<random>.tmp`. */
  temp: string;
  fd: number;
}

/**
 * Creates the temporary file of `path`, by this process (so owned by the caller), with exactly
 * `mode` whatever the umask. O_EXCL|O_NOFOLLOW: nothing planted at the temp name is written through.
 */
export function createTemp(path: string, mode: number): TempFile {
  // A name no other writer uses: this process's id and a random part. Not node:crypto's bytes: the
  // name need not be secret (O_EXCL|O_NOFOLLOW write through nothing planted there, and the folder
  // is the caller's own), and loading crypto cost ~3-6 ms of every command that writes a file (pp
  // accounts writes the completion cache), and of every other when it was imported here.
  const temp = `${path}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
  const fd = openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  try {
    fchmodSync(fd, mode); // the umask may have taken bits away
  } catch (err) {
    discardTemp({ path, temp, fd });
    throw err;
  }
  return { path, temp, fd };
}

/**
 * Puts the temporary file in place: flushed to the disk, closed, renamed over `path` (a symlink
 * there is replaced, never followed). On any failure it is removed and `path` stays as it was.
 */
export function commitTemp(file: TempFile): void {
  try {
    try {
      fsyncSync(file.fd);
    } finally {
      closeSync(file.fd);
    }
    renameSync(file.temp, file.path);
  } catch (err) {
    rmSync(file.temp, { force: true });
    throw err;
  }
}

/** Gives the temporary file up: `path` stays as it was. Never throws (it runs on the way out). */
export function discardTemp(file: TempFile): void {
  try {
    closeSync(file.fd);
  } catch {
    // closed already
  }
  rmSync(file.temp, { force: true });
}

/**
 * Puts `text` at `path` through a new temp file renamed over it (createTemp, commitTemp): the file
 * is whole at every moment, mode 0600. A write that fails (a full disk) leaves the old file as it
 * was, and no temp file behind.
 */
export function replaceFile(path: string, text: string): void {
  const file = createTemp(path, 0o600);
  try {
    writeFileSync(file.fd, text);
  } catch (err) {
    discardTemp(file);
    throw err;
  }
  commitTemp(file);
}

const LOCK_TRIES = 500;
const LOCK_PAUSE_MS = 10;
/** A lock older than this was left by a pp that died: a write holds it for milliseconds. */
const STALE_LOCK_MS = 10_000;

/** Blocks the thread for `ms`: the lock is taken by synchronous code, and waits a few milliseconds. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Why a lock was not taken: `busy` (another pp held it ~5 s), `not_file` (something that is no
 * lock of pp's, a directory, is in its place: pp removes only what it made), or the error code of
 * creating it.
 */
export class LockError extends Error {
  constructor(
    readonly lock: string,
    readonly code: string,
  ) {
    super(
      code === 'busy'
        ? `${lock} is held by another pp command`
        : code === 'not_file'
          ? `${lock} is not a lock pp made (not a regular file)`
          : `cannot create ${lock} (${code})`,
    );
  }
}

/**
 * Takes `<path>.lock` (created O_EXCL: one holder at a time), waiting up to ~5 s for another pp to
 * finish its write; a lock whose writer is gone (no such process, or older than 10 s) is taken over.
 * A lock this call created and could not finish (a full disk: the file is made, its pid is not
 * written) is removed before the error: nothing pp made is left behind. Returns the release;
 * throws a LockError.
 */
export function lockFile(path: string): () => void {
  const lock = `${path}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
      try {
        writeFileSync(fd, `${process.pid}\n`);
      } catch (err) {
        rmSync(lock, { force: true });
        throw err;
      } finally {
        closeSync(fd);
      }
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if (errCode(err) !== 'EEXIST') throw new LockError(lock, errCode(err));
    }
    const found = inspectLock(lock);
    if (found.kind === 'not_file') throw new LockError(lock, 'not_file');
    if (found.kind === 'stale') {
      rmSync(lock, { force: true });
      continue;
    }
    if (attempt >= LOCK_TRIES) throw new LockError(lock, 'busy');
    pause(LOCK_PAUSE_MS + Math.floor(Math.random() * LOCK_PAUSE_MS));
  }
}

/**
 * What is at a lock's place: nothing; a lock held (by `pid`, when written yet); a stale one, left by
 * a pp that died (`why`); or something pp never makes there (a directory, a symlink).
 */
export type LockFound =
  | { kind: 'none' }
  | { kind: 'held'; pid?: number }
  | { kind: 'stale'; why: string }
  | { kind: 'not_file' };

/** What is at `lock` now (see LockFound); pp doctor says it too. */
export function inspectLock(lock: string): LockFound {
  try {
    // lstat: a symlink planted there is not followed, and a directory is not a lock to remove
    const stats = lstatSync(lock);
    if (!stats.isFile()) return { kind: 'not_file' };
    // file times against the wall clock: the lock is about other processes, not pp's own waits
    const age = Date.now() - stats.mtimeMs;
    if (age > STALE_LOCK_MS) return { kind: 'stale', why: `${Math.round(age / 1000)} s old` };
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (!Number.isSafeInteger(pid) || pid <= 0) return { kind: 'held' }; // being written right now
    try {
      process.kill(pid, 0);
    } catch (err) {
      if (errCode(err) === 'ESRCH') return { kind: 'stale', why: `its pp (process ${pid}) is gone` };
    }
    return { kind: 'held', pid };
  } catch {
    return { kind: 'none' }; // released meanwhile: try again
  }
}
