// The config file: where it lives, reading it (on every command) and writing it. A file we cannot
// read or parse is an exit-3 error that names it, and it is never rewritten: the user's data stays
// as it was. Like ssh, pp trusts neither a file nor a folder someone else could have written: the
// judgments, the atomic replace and the lock are files.ts's, shared with pp status's memory.
import { chmodSync, mkdirSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../deps.js';
import { configError, PpError } from '../errors.js';
import {
  errCode,
  type FolderPlace,
  findFolder,
  judgeFolder as judgeAnyFolder,
  LockError,
  lockFile,
  noFolderReasons,
  octal,
  type Refusal,
  readOwnFile,
  replaceFile,
} from './files.js';

export { octal, replaceFile };

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

const configPlace: FolderPlace = { own: 'PP_CONFIG_DIR', xdg: 'XDG_CONFIG_HOME', underHome: ['.config'] };

/** The folder holding config.json: PP_CONFIG_DIR, else $XDG_CONFIG_HOME/postpress, else ~/.config/postpress. */
const findConfigDir = (env: Env): string | undefined => findFolder(env, configPlace);

/** The folder holding config.json; a configuration error when there is none (see findConfigDir). */
export function configDir(env: Env): string {
  const dir = findConfigDir(env);
  if (dir !== undefined) return dir;
  const why = noFolderReasons(env, configPlace);
  throw configError(
    'no folder for the config file: set PP_CONFIG_DIR',
    'Set PP_CONFIG_DIR to the absolute path of a folder for config.json (or set HOME).',
    `${why.join(', ')}.`,
  );
}

export const configPath = (env: Env): string => join(configDir(env), 'config.json');

const cannotRead = (path: string, code: string) =>
  configError(
    `cannot read the config file ${path} (${code})`,
    'Check its permissions, or point PP_CONFIG_DIR at another folder.',
  );

/**
 * The file's whole JSON object (unknown keys too, kept on write); undefined when there is none. A
 * config file pp reads settings from must be a regular file only the caller could have written:
 * one planted by another user could send PP_API_KEY to their baseUrl (files.ts, readOwnFile).
 */
function loadFile(path: string): Record<string, unknown> | undefined {
  const file = readOwnFile(path);
  if (file.kind === 'missing') return undefined;
  if (file.kind === 'refused') throw refused(path, file.refusal);
  const raw = file.text;
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

/** Why the config file is not used, as the error that says what to do. */
function refused(path: string, refusal: Refusal): PpError {
  if (refusal.kind === 'unreadable') return cannotRead(path, refusal.code);
  if (refusal.kind === 'not_file' && refusal.directory) return cannotRead(path, 'EISDIR');
  return configError(`the config file ${path} ${refusal.words}`, refusalHint(path, refusal));
}

function refusalHint(path: string, refusal: Refusal): string {
  switch (refusal.kind) {
    case 'symlink':
      return 'Replace it with a file of your own, or point PP_CONFIG_DIR at the folder it leads to.';
    case 'not_file':
      return 'Remove it, then store the key again.';
    case 'foreign':
      return `Remove it or fix its owner (chown ${process.getuid?.()} ${path}); pp does not use it.`;
    case 'writable':
      return `Check what it holds, then: chmod 600 ${path}`;
    default:
      return 'Check its permissions, or point PP_CONFIG_DIR at another folder.';
  }
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
  const verdict = judgeAnyFolder(stats);
  if (typeof verdict === 'string') return verdict;
  if (verdict.kind === 'foreign') {
    return configError(
      `the config folder ${dir} ${verdict.words}`,
      `Fix its owner (chown ${process.getuid?.()} ${dir}), or point PP_CONFIG_DIR at a folder of your own.`,
    );
  }
  return configError(
    `the config folder ${dir} ${verdict.words}`,
    'Point PP_CONFIG_DIR at a folder of your own; pp makes it 0700.',
  );
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

/** config.json.lock (files.ts, lockFile), its failures as configuration errors. */
function lockConfig(path: string): () => void {
  try {
    return lockFile(path);
  } catch (err) {
    if (!(err instanceof LockError)) throw err;
    if (err.code !== 'busy') throw configError(`cannot lock the config file ${err.lock} (${err.code})`);
    throw configError(
      `the config file is locked by another pp command (${err.lock})`,
      `If no pp command is running, remove ${err.lock} and try again.`,
    );
  }
}
