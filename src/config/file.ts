// The config file: where it lives, reading it (plain fs, on every command) and writing it (through
// conf, loaded only when something is written). A file we cannot read or parse is an exit-3 error
// that names it, and it is never rewritten: the user's data stays as it was.
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Env } from '../deps.js';
import { configError } from '../errors.js';

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

/** The stored settings; {} when there is no file yet. */
export function readConfig(env: Env): StoredConfig {
  // With no place for a config file there is none to read: PP_API_KEY and --sandbox still work, and
  // what writes or names the file fails in configDir, saying to set PP_CONFIG_DIR.
  const dir = findConfigDir(env);
  if (dir === undefined) return {};
  const path = join(dir, 'config.json');
  let raw: string;
  try {
    raw = withoutBom(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    throw configError(
      `cannot read the config file ${path} (${code ?? 'error'})`,
      'Check its permissions, or point PP_CONFIG_DIR at another folder.',
    );
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
  const stored: StoredConfig = {};
  for (const key of keys) {
    const value = (data as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw configError(
        `the config file ${path} has a ${typeof value} for "${key}", not a string`,
        'Fix or remove that file; pp leaves it untouched.',
      );
    }
    stored[key] = value;
  }
  return stored;
}

/**
 * Sets (or, with undefined, removes) one setting. The file is written by conf atomically (a temp
 * file renamed over it) with mode 0600, in a folder made 0700. A corrupt file stops it first.
 */
export async function writeConfig(env: Env, key: ConfigKey, value: string | undefined): Promise<string> {
  readConfig(env); // refuses a corrupt or unreadable file before conf could touch it
  const dir = configDir(env);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw configError(
      `cannot create the config folder ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const { default: Conf } = await import('conf');
  try {
    const conf = new Conf<Record<string, string>>({
      cwd: dir,
      configName: 'config',
      configFileMode: 0o600,
      projectSuffix: '',
      // readConfig reads an empty (e.g. `touch`ed) file as no settings, and skips a byte-order mark;
      // conf must agree, not throw
      deserialize: (text: string) => {
        const json = withoutBom(text);
        return json.trim() === '' ? {} : (JSON.parse(json) as Record<string, string>);
      },
    });
    if (value === undefined) conf.delete(key);
    else conf.set(key, value);
    return conf.path;
  } catch (err) {
    throw configError(
      `cannot write the config file ${configPath(env)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
}
