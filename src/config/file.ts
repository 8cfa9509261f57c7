// The config file: where it lives, reading it (on every command) and writing it. A file we cannot
// read or parse is an exit-3 error that names it, and it is never rewritten: the user's data stays
// as it was. Like ssh, pp trusts neither a file nor a folder someone else could have written: see
// trustFile and trustFolder.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Env } from '../deps.js';
import { configError, PpError } from '../errors.js';

/** One profile's settings as the file holds them. Its key is in one place: apiKey (the file, plain
 * text), keychain (the name of its entry in the OS keychain) or keyCommand (a command printing it). */
export interface StoredProfile {
  apiKey?: string;
  keychain?: string;
  keyCommand?: string;
  accountId?: string;
  baseUrl?: string;
}

const profileKeys = ['apiKey', 'keychain', 'keyCommand', 'accountId', 'baseUrl'] as const;
export type ProfileKey = (typeof profileKeys)[number];
/** What earlier versions wrote at the top level: read as the profile `default`. */
const legacyKeys = ['apiKey', 'accountId', 'baseUrl'] as const;

/**
 * The file's settings: the active profile and every profile by name. A profile object keeps any key
 * pp does not know, and so does the file (both are written back as they were).
 */
export interface StoredConfig {
  activeProfile?: string;
  profiles: Map<string, StoredProfile>;
}

export const DEFAULT_PROFILE = 'default';

/**
 * The folder holding config.json: PP_CONFIG_DIR, else $XDG_CONFIG_HOME/postpress, else
 * ~/.config/postpress. Undefined when there is no absolute place for it: the XDG Base Directory spec
 * says a relative XDG_CONFIG_HOME is to be ignored, and an empty or relative HOME would put the file
 * wherever the command happens to run.
 */
function findConfigDir(env: Env): string | undefined {
  // trimmed and blank-is-unset like every setting; a relative one is the user's own choice, taken
  // from the current folder and named in full
  const own = env.PP_CONFIG_DIR?.trim();
  if (own) return resolve(own);
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'postpress');
  const home = homeDir(env);
  return home === undefined ? undefined : join(home, '.config', 'postpress');
}

/** HOME as set (an empty or relative one is no home); when it is unset, the user's from the system. */
function homeDir(env: Env): string | undefined {
  let home = env.HOME;
  if (home === undefined) {
    try {
      home = homedir();
    } catch {
      return undefined; // no HOME and no password entry (e.g. a container run as an arbitrary uid)
    }
  }
  return isAbsolute(home) ? home : undefined;
}

/** The folder holding config.json; a configuration error when there is none (see findConfigDir). */
export function configDir(env: Env): string {
  const dir = findConfigDir(env);
  if (dir !== undefined) return dir;
  const xdg = env.XDG_CONFIG_HOME;
  const why = [
    'PP_CONFIG_DIR is not set',
    xdg ? `XDG_CONFIG_HOME (${JSON.stringify(xdg)}) is not an absolute path` : 'XDG_CONFIG_HOME is not set',
    env.HOME === undefined
      ? 'there is no home directory'
      : env.HOME === ''
        ? 'HOME is empty'
        : `HOME (${JSON.stringify(env.HOME)}) is not an absolute path`,
  ];
  throw configError(
    'no folder for the config file: set PP_CONFIG_DIR',
    'Set PP_CONFIG_DIR to the absolute path of a folder for config.json (or set HOME).',
    `${why.join(', ')}.`,
  );
}

export const configPath = (env: Env): string => join(configDir(env), 'config.json');

/** The text without a leading byte-order mark: some editors write one, and JSON.parse refuses it. */
const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

const errCode = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? 'error';

// O_NOFOLLOW: a config.json that is a symlink is refused, never followed (it may lead into someone
// else's folder). O_NONBLOCK: a FIFO planted as config.json cannot hang pp; it is refused as not a
// file. Windows has neither (undefined there), nor file owners: those checks are left out.
const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL } = constants;
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const STICKY = 0o1000;

export const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');

const cannotRead = (path: string, code: string) =>
  configError(
    `cannot read the config file ${path} (${code})`,
    'Check its permissions, or point PP_CONFIG_DIR at another folder.',
  );

/**
 * Someone other than the caller (or root, who could change it anyway: ssh's rule) owning the file or
 * folder, as words for the error; undefined when it is fine or there are no owners (Windows).
 */
function foreignOwner(stats: Stats): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined || stats.uid === uid || stats.uid === 0) return undefined;
  return `is owned by uid ${stats.uid}, not you (uid ${uid})`;
}

/**
 * A config file pp reads settings from must be a regular file only the caller could have written:
 * one planted by another user could send PP_API_KEY to their baseUrl.
 */
function trustFile(path: string, stats: Stats): void {
  if (stats.isDirectory()) throw cannotRead(path, 'EISDIR');
  if (!stats.isFile()) {
    throw configError(
      `the config file ${path} is not a regular file`,
      'Remove it, then store the key again.',
    );
  }
  if (process.getuid === undefined) return;
  const owner = foreignOwner(stats);
  if (owner) {
    throw configError(
      `the config file ${path} ${owner}`,
      `Remove it or fix its owner (chown ${process.getuid()} ${path}); pp does not use it.`,
    );
  }
  if (stats.mode & 0o022) {
    throw configError(
      `the config file ${path} is writable by others (mode ${octal(stats.mode)})`,
      `Check what it holds, then: chmod 600 ${path}`,
    );
  }
}

/** The file's whole JSON object (unknown keys too, kept on write); undefined when there is none. */
function loadFile(path: string): Record<string, unknown> | undefined {
  let fd: number;
  try {
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') {
      throw configError(
        `the config file ${path} is a symbolic link, which pp does not follow`,
        'Replace it with a file of your own, or point PP_CONFIG_DIR at the folder it leads to.',
      );
    }
    throw cannotRead(path, code);
  }
  let raw: string;
  try {
    // fstat of the open file: the checks are about the very file read, at the cost of one call
    trustFile(path, fstatSync(fd));
    raw = withoutBom(readFileSync(fd, 'utf8'));
  } catch (err) {
    throw err instanceof PpError ? err : cannotRead(path, errCode(err));
  } finally {
    closeSync(fd);
  }
  if (raw.trim() === '') return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw configError(
      `the config file ${path} is not valid JSON`,
      'Fix or remove that file; pp leaves it untouched.',
      (err as Error).message,
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw configError(
      `the config file ${path} does not hold a JSON object`,
      'Fix or remove that file; pp leaves it untouched.',
    );
  }
  return data as Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** pp's settings in the file's object, checked: a value of the wrong type is a file pp did not write. */
function parseConfig(path: string, data: Record<string, unknown>): StoredConfig {
  const foreign = (what: string) =>
    configError(`the config file ${path} has ${what}`, 'Fix or remove that file; pp leaves it untouched.');
  const strings = (record: Record<string, unknown>, names: readonly string[], where: string) => {
    for (const key of names) {
      const value = record[key];
      if (value !== undefined && value !== null && typeof value !== 'string')
        throw foreign(`a ${typeof value} for "${where}${key}", not a string`);
    }
  };
  const profiles = new Map<string, StoredProfile>();
  if (data.profiles === undefined) {
    // the shape of earlier versions: the settings at the top level are the profile `default`
    strings(data, legacyKeys, '');
    const legacy: StoredProfile = {};
    for (const key of legacyKeys) if (typeof data[key] === 'string') legacy[key] = data[key] as string;
    if (Object.keys(legacy).length > 0) profiles.set(DEFAULT_PROFILE, legacy);
    return { profiles };
  }
  if (!isObject(data.profiles)) throw foreign('a "profiles" that is not an object');
  strings(data, ['activeProfile'], '');
  for (const [name, profile] of Object.entries(data.profiles)) {
    if (!isObject(profile)) throw foreign(`a profile "${name}" that is not an object`);
    strings(profile, profileKeys, `profiles.${name}.`);
    profiles.set(name, profile as StoredProfile);
  }
  const active = typeof data.activeProfile === 'string' ? data.activeProfile : undefined;
  return active ? { activeProfile: active, profiles } : { profiles };
}

/** The stored settings; no profile when there is no file yet. Reads only the file. */
export function readConfig(env: Env): StoredConfig {
  // With no place for a config file there is none to read: PP_API_KEY and --sandbox still work, and
  // what writes or names the file fails in configDir, saying to set PP_CONFIG_DIR.
  const dir = findConfigDir(env);
  if (dir === undefined) return { profiles: new Map() };
  const path = join(dir, 'config.json');
  return parseConfig(path, loadFile(path) ?? {});
}

/**
 * Whether the config folder may hold the key: whoever can write in it can swap config.json. `fine`;
 * `loose` when it is the caller's own folder open to others (pp makes it 0700 when it writes, as the
 * README promises); or the error when it is someone else's, or shared (sticky and world-writable,
 * like /tmp, not to be chmodded). Also what `pp doctor` reports, without changing anything.
 */
export function judgeFolder(dir: string, stats: Stats): 'fine' | 'loose' | PpError {
  const uid = process.getuid?.();
  if (uid === undefined) return 'fine';
  const owner = foreignOwner(stats);
  if (owner) {
    return configError(
      `the config folder ${dir} ${owner}`,
      `Fix its owner (chown ${uid} ${dir}), or point PP_CONFIG_DIR at a folder of your own.`,
    );
  }
  if ((stats.mode & 0o077) === 0) return 'fine';
  if (stats.uid === uid && !(stats.mode & STICKY)) return 'loose';
  if (stats.mode & 0o022) {
    return configError(
      `the config folder ${dir} is writable by others (mode ${octal(stats.mode)})`,
      'Point PP_CONFIG_DIR at a folder of your own; pp makes it 0700.',
    );
  }
  return 'fine';
}

function trustFolder(dir: string): void {
  try {
    // a symlinked folder (e.g. into dotfiles) is the user's choice: its target is checked
    const verdict = judgeFolder(dir, statSync(dir));
    if (verdict instanceof PpError) throw verdict;
    if (verdict === 'loose') chmodSync(dir, 0o700);
  } catch (err) {
    if (err instanceof PpError) throw err;
    throw configError(`cannot secure the config folder ${dir} (${errCode(err)})`);
  }
}

/**
 * A file being replaced: written under a temporary name beside it, then renamed over it whole
 * (rename is atomic within a folder), so a reader sees the old file or the new one, never part of
 * one. The temporary name ends in .tmp, which no reader of `*.json` or `*.prom` picks up.
 */
export interface TempFile {
  /** The file to replace. */
  path: string;
  /** Where it is written meanwhile: `<path>.<random>.tmp`. */
  temp: string;
  fd: number;
}

/**
 * Creates the temporary file of `path`, by this process (so owned by the caller), with exactly
 * `mode` whatever the umask. O_EXCL|O_NOFOLLOW: nothing planted at the temp name is written through.
 */
export function createTemp(path: string, mode: number): TempFile {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
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

/** The config folder, made (0700) and checked before anything is written in it. */
export function writableConfigDir(env: Env): string {
  const dir = configDir(env);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw configError(`cannot create the config folder ${dir} (${errCode(err)})`);
  }
  trustFolder(dir);
  return dir;
}

/**
 * Changes the stored settings: `change` edits what the file holds now, and the file is rewritten
 * in the profiles shape, keeping every key pp does not know. The read, the change and the write
 * happen under the config lock, so two pp commands at once both land. A corrupt, symlinked or
 * untrusted file stops it before anything is written. Returns the file's path.
 */
export function updateConfig(env: Env, change: (config: StoredConfig) => void): string {
  // a file pp would refuse stops it before the folder is made or tightened
  readConfig(env);
  const dir = writableConfigDir(env);
  const path = join(dir, 'config.json');
  const unlock = lockConfig(path);
  try {
    const data = loadFile(path) ?? {};
    const config = parseConfig(path, data);
    change(config);
    // no prototype: a key named "__proto__" in the file is a key like any other, kept
    const out: Record<string, unknown> = Object.create(null);
    const legacy = data.profiles === undefined;
    for (const [key, value] of Object.entries(data)) {
      // the top-level settings of the old shape now live in profiles.default
      if (key === 'activeProfile' || key === 'profiles') continue;
      if (legacy && (legacyKeys as readonly string[]).includes(key)) continue;
      out[key] = value;
    }
    if (config.activeProfile !== undefined) out.activeProfile = config.activeProfile;
    const profiles: Record<string, StoredProfile> = Object.create(null);
    for (const [name, profile] of config.profiles) {
      for (const key of profileKeys) if (profile[key] === undefined) delete profile[key];
      profiles[name] = profile;
    }
    out.profiles = profiles;
    try {
      replaceFile(path, JSON.stringify(out, undefined, '\t')); // conf's layout, which wrote it before
    } catch (err) {
      throw configError(`cannot write the config file ${path} (${errCode(err)})`);
    }
  } finally {
    unlock();
  }
  return path;
}

const LOCK_TRIES = 500;
const LOCK_PAUSE_MS = 10;
/** A lock older than this was left by a pp that died: a write holds it for milliseconds. */
const STALE_LOCK_MS = 10_000;

/** Blocks the thread for `ms`: the lock is taken by synchronous code, and waits a few milliseconds. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes config.json.lock (created O_EXCL: one holder at a time), waiting up to ~5 s for another pp to
 * finish its write; a lock whose writer is gone (no such process, or older than 10 s) is taken over.
 * Returns the release.
 */
function lockConfig(path: string): () => void {
  const lock = `${path}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
      try {
        writeFileSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if (errCode(err) !== 'EEXIST')
        throw configError(`cannot lock the config file ${lock} (${errCode(err)})`);
    }
    if (staleLock(lock)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (attempt >= LOCK_TRIES) {
      throw configError(
        `the config file is locked by another pp command (${lock})`,
        `If no pp command is running, remove ${lock} and try again.`,
      );
    }
    pause(LOCK_PAUSE_MS + Math.floor(Math.random() * LOCK_PAUSE_MS));
  }
}

function staleLock(lock: string): boolean {
  try {
    // file times against the wall clock: the lock is about other processes, not pp's own waits
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (!Number.isSafeInteger(pid) || pid <= 0) return false; // being written right now
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return errCode(err) === 'ESRCH'; // its process is gone; ENOENT: released meanwhile, try again
  }
}
