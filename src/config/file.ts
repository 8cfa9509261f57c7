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

export interface StoredConfig {
  apiKey?: string;
  accountId?: string;
  baseUrl?: string;
}

const keys = ['apiKey', 'accountId', 'baseUrl'] as const;
export type ConfigKey = (typeof keys)[number];

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
  const record = data as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw configError(
        `the config file ${path} has a ${typeof value} for "${key}", not a string`,
        'Fix or remove that file; pp leaves it untouched.',
      );
    }
  }
  return record;
}

/** The stored settings; {} when there is no file yet. */
export function readConfig(env: Env): StoredConfig {
  // With no place for a config file there is none to read: PP_API_KEY and --sandbox still work, and
  // what writes or names the file fails in configDir, saying to set PP_CONFIG_DIR.
  const dir = findConfigDir(env);
  if (dir === undefined) return {};
  const data = loadFile(join(dir, 'config.json')) ?? {};
  const stored: StoredConfig = {};
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string') stored[key] = value;
  }
  return stored;
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
 * Puts `text` at `path` through a new temp file renamed over it: the file is whole at every moment,
 * created by this process (so owned by the caller) with mode 0600, and a symlink at `path` is
 * replaced, never followed. O_EXCL|O_NOFOLLOW: nothing planted at the temp name is written through.
 */
function replaceFile(path: string, text: string): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  try {
    try {
      fchmodSync(fd, 0o600); // the umask may have taken bits away: exactly 0600, as promised
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * Sets (or, with undefined, removes) one setting, keeping the others and any unknown keys. A corrupt,
 * symlinked or untrusted file stops it before anything is written.
 */
export function writeConfig(env: Env, key: ConfigKey, value: string | undefined): string {
  const dir = configDir(env);
  const path = join(dir, 'config.json');
  const data = loadFile(path) ?? {};
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw configError(`cannot create the config folder ${dir} (${errCode(err)})`);
  }
  trustFolder(dir);
  if (value === undefined) delete data[key];
  else data[key] = value;
  try {
    replaceFile(path, JSON.stringify(data, undefined, '\t')); // conf's layout, which wrote it before
  } catch (err) {
    throw configError(`cannot write the config file ${path} (${errCode(err)})`);
  }
  return path;
}
