// Where each setting comes from: flag, then environment, then the selected profile in the config
// file, then default (the CLI contract). The profile is --profile, else PP_PROFILE, else the file's
// active one, else `default`.

import type { Clock, Env } from '../deps.js';
import { configError, type PpError, usageError } from '../errors.js';
import { keyShape } from '../key.js';
import { closest } from '../similar.js';
import { configPath, DEFAULT_PROFILE, readConfig, type StoredConfig, type StoredProfile } from './file.js';
import { runKeyCommand } from './key-command.js';
import { readKeychainKey } from './keychain.js';

export const DEFAULT_BASE_URL = 'https://api.postpress.ai';
/** The key pp sends to its own sandbox when the user has none: the sandbox needs no real key. */
export const SANDBOX_KEY = 'pp_test_sandbox0000';

/**
 * Longer than any real API key (they are about 40 characters): such a "key" is something else (a
 * file, a page a command printed) and is refused wherever it comes from, before pp holds it as a
 * secret, and never shown. 4 KB is also about what one header line may carry through proxies.
 */
export const MAX_KEY_LENGTH = 4096;

/** The error for a key longer than MAX_KEY_LENGTH (exit 3): `from` says where it came from, never the key. */
export const keyTooLong = (from: string): PpError =>
  configError(
    `${from} is longer than any API key (more than ${MAX_KEY_LENGTH} characters)`,
    'Store the key alone: it looks like pp_live_… (pp config set-key, or set PP_API_KEY to it).',
  );

/** Refuses a key longer than MAX_KEY_LENGTH; see keyTooLong. */
export function checkKeyLength(key: string, from: string): void {
  if (key.length > MAX_KEY_LENGTH) throw keyTooLong(from);
}

/**
 * Profile names: letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 64.
 * Safe in a file name, a keychain entry, a shell word and a table cell.
 */
export const profileNameShape = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkProfileName(name: string, from: string): string {
  if (profileNameShape.test(name)) return name;
  throw usageError(
    `${from} is not a profile name: ${JSON.stringify(name)}`,
    'Profile names are letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64 characters.',
  );
}

export type Source = 'flag' | 'environment' | 'file' | 'default' | 'sandbox';

export interface Setting {
  value: string;
  source: Source;
}

/** Which profile is in use and why. */
export interface ProfileChoice {
  name: string;
  source: 'flag' | 'environment' | 'file' | 'default';
}

/**
 * Where the API key comes from and how it is kept, without reading it: what `config show` and
 * `pp doctor` tell a person. `file` is plain text (mode 0600); `keychain` the OS keychain's entry;
 * `command` a command printing it.
 */
export type KeyOrigin =
  | { storage: 'environment' }
  | { storage: 'file'; profile: string; path: string }
  | { storage: 'keychain'; profile: string; entry: string }
  | { storage: 'command'; profile: string; command: string }
  | { storage: 'sandbox' };

export type KeyStorage = KeyOrigin['storage'];

export interface KeySetting {
  value: string;
  origin: KeyOrigin;
}

/** What reading a key from the keychain or a command needs. */
export interface KeyReadDeps {
  clock: Clock;
  signal: AbortSignal;
}

/**
 * Reads settings in precedence order. The config file is read at most once, and only when neither a
 * flag nor the environment already answered (so PP_API_KEY works even beside a broken file).
 */
export class SettingsReader {
  #config: StoredConfig | undefined;
  /**
   * Set by the commands that create the profile they write to (`config use`, `config set-*`): a
   * profile that does not exist yet then reads as empty instead of being an error.
   */
  creating = false;
  constructor(
    readonly env: Env,
    readonly profileFlag?: string,
  ) {}

  get config(): StoredConfig {
    this.#config ??= readConfig(this.env);
    return this.#config;
  }

  /** The profile in use; a name of the wrong shape is a usage error (exit 2). */
  profileChoice(): ProfileChoice {
    const flag = this.profileFlag?.trim();
    if (flag) return { name: checkProfileName(flag, '--profile'), source: 'flag' };
    const fromEnv = this.env.PP_PROFILE?.trim();
    if (fromEnv) return { name: checkProfileName(fromEnv, 'PP_PROFILE'), source: 'environment' };
    const active = this.config.activeProfile;
    if (active && !profileNameShape.test(active)) {
      // the file's fault, not the command line's: a configuration error
      throw configError(
        `the config file ${configPath(this.env)} has an activeProfile that is not a profile name: ${JSON.stringify(active)}`,
        'Run `pp config use <profile>` to set it again.',
      );
    }
    if (active) return { name: active, source: 'file' };
    return { name: DEFAULT_PROFILE, source: 'default' };
  }

  /**
   * The settings of the profile in use. One that does not exist is exit 3 naming those that do;
   * `default` always exists, empty until something is stored in it.
   */
  profile(): StoredProfile {
    const { name, source } = this.profileChoice();
    const stored = this.config.profiles.get(name);
    if (stored) return stored;
    if (name === DEFAULT_PROFILE || this.creating) return {};
    const from =
      source === 'flag' ? '--profile' : source === 'environment' ? 'PP_PROFILE' : 'the config file';
    throw noProfile(name, `from ${from}`, profileNamesOf(this.config));
  }

  #pick(
    flag: string | undefined,
    envValue: string | undefined,
    key: 'accountId' | 'baseUrl',
  ): Setting | undefined {
    // Whitespace around a value is never part of it (a .env file with CRLF line endings leaves a \r
    // at the end of each), and a blank value is no value: the next source answers.
    const value = flag?.trim();
    if (value) return { value, source: 'flag' };
    const fromEnv = envValue?.trim();
    if (fromEnv) return { value: fromEnv, source: 'environment' };
    const stored = this.profile()[key]?.trim();
    return stored ? { value: stored, source: 'file' } : undefined;
  }

  /** Where the key is, without reading the keychain or running a command (fast, no secret read). */
  keyOrigin(): KeyOrigin | undefined {
    if (this.env.PP_API_KEY?.trim()) return { storage: 'environment' };
    const profile = this.profile();
    return profileKeyOrigin(this.profileChoice().name, profile, this.env);
  }

  /**
   * The key to send, from the environment or the profile (its file, keychain entry or command);
   * one that could not go in a header is an error naming where it came from, never the key.
   */
  async apiKey(deps: KeyReadDeps): Promise<KeySetting | undefined> {
    const origin = this.keyOrigin();
    if (!origin) return undefined;
    // the file is read only when the key is there (PP_API_KEY works beside a file pp refuses)
    const fromFile = origin.storage === 'file' ? this.profile().apiKey : undefined;
    const value = await readKey(origin, this.env, deps, this.env.PP_API_KEY, fromFile);
    return { value, origin };
  }

  account(flag: string | undefined): Setting | undefined {
    return this.#pick(flag, this.env.PP_ACCOUNT_ID, 'accountId');
  }

  baseUrl(flag: string | undefined): Setting {
    const setting = this.#pick(flag, this.env.PP_BASE_URL, 'baseUrl') ?? {
      value: DEFAULT_BASE_URL,
      source: 'default',
    };
    return { value: checkBaseUrl(setting.value, setting.source), source: setting.source };
  }
}

/** The names of the stored profiles, `default` always among them, sorted. */
/**
 * The error of a profile that does not exist (exit 3): the profiles that do, the one most likely
 * meant (a typo must not quietly become a new, empty profile), and how to create it.
 */
export function noProfile(name: string, why: string | undefined, names: readonly string[]): PpError {
  const similar = closest(name, names);
  return configError(
    `there is no profile "${name}"${why ? ` (${why})` : ''}`,
    `${similar.length > 0 ? `Did you mean ${similar.join(' or ')}? ` : ''}The profiles are: ${names.join(', ')}. Create it with \`pp config use ${name} --create\` or \`pp --profile ${name} config set-key\`.`,
  );
}

export const profileNamesOf = (config: StoredConfig): string[] =>
  [...new Set([DEFAULT_PROFILE, ...config.profiles.keys()])].filter((n) => profileNameShape.test(n)).sort();

/**
 * The profile names, for completion: reads only the config file (no keychain, no network); an
 * unreadable file gives none.
 */
export function profileNames(env: Env): string[] {
  try {
    return profileNamesOf(readConfig(env));
  } catch {
    return [];
  }
}

/** Where a stored profile keeps its key; a command wins over a keychain entry over the file. */
export function profileKeyOrigin(name: string, profile: StoredProfile, env: Env): KeyOrigin | undefined {
  if (profile.keyCommand?.trim()) return { storage: 'command', profile: name, command: profile.keyCommand };
  if (profile.keychain) return { storage: 'keychain', profile: name, entry: profile.keychain };
  if (profile.apiKey?.trim()) return { storage: 'file', profile: name, path: configPath(env) };
  return undefined;
}

/** The key from where `origin` says; the keychain's binding and child_process load only here, when used. */
export async function readKey(
  origin: KeyOrigin,
  env: Env,
  deps: KeyReadDeps,
  fromEnv: string | undefined,
  fromFile: string | undefined,
): Promise<string> {
  let key: string;
  switch (origin.storage) {
    case 'environment':
      key = fromEnv?.trim() ?? '';
      break;
    case 'file':
      key = fromFile?.trim() ?? '';
      break;
    case 'keychain': {
      key = await readKeychainKey(env, origin.profile, origin.entry);
      break;
    }
    case 'command': {
      key = await runKeyCommand(origin.command, { env, clock: deps.clock, signal: deps.signal });
      break;
    }
    case 'sandbox':
      key = SANDBOX_KEY;
      break;
  }
  // the messages name where the key came from, never the key (the CLI contract), not even masked
  checkKeyLength(key, keyPlace(origin));
  if (!keyShape.test(key)) {
    throw origin.storage === 'environment'
      ? configError(
          'PP_API_KEY has a space, a control character or a non-ASCII character in it',
          'Set PP_API_KEY to the key alone: it looks like pp_live_…',
        )
      : configError(
          `the API key of profile ${'profile' in origin ? origin.profile : ''} ${origin.storage === 'file' ? `in the config file ${origin.path}` : `in the ${origin.storage}`} has a space, a control character or a non-ASCII character in it`,
          'Store the key again with `pp config set-key`.',
        );
  }
  return key;
}

/** Where a key was read, for a message: "PP_API_KEY", "the API key of profile work in the keychain"… */
export function keyPlace(origin: KeyOrigin): string {
  switch (origin.storage) {
    case 'environment':
      return 'PP_API_KEY';
    case 'file':
      return `the API key of profile ${origin.profile} in the config file ${origin.path}`;
    case 'keychain':
      return `the API key of profile ${origin.profile} in the keychain`;
    case 'command':
      return `the API key the key command of profile ${origin.profile} printed`;
    case 'sandbox':
      return 'the sandbox key';
  }
}

const loopbackHosts = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopbackHost = (hostname: string): boolean => loopbackHosts.test(hostname);

/** A usable base URL without its trailing slash; an http:// URL only to a loopback host. */
export function checkBaseUrl(value: string, source: Source | 'argument' = 'flag'): string {
  const from =
    source === 'flag'
      ? '--base-url'
      : source === 'environment'
        ? 'PP_BASE_URL'
        : source === 'argument'
          ? 'the base URL'
          : 'the config file’s baseUrl';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(
      `${from} is not a URL: ${JSON.stringify(value)}`,
      'Give a full URL such as https://api.postpress.ai',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw usageError(`${from} must be an http(s) URL, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw usageError(`${from} must not carry a user name or password`);
  }
  // pp appends /api/v1/users/me?account_id=… to the base URL: a query or fragment of its own would
  // end up in the middle of it. (A bare `?` or `#` leaves url.search and url.hash empty, not href.)
  if (/[?#]/.test(url.href)) {
    throw usageError(
      `${from} must not have a query (?…) or a fragment (#…)`,
      'Give only the API’s address, such as https://api.postpress.ai (a path after it is fine).',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw usageError(
      `${from} uses plain http:// to ${url.hostname}, which would send the API key in clear text`,
      'Use https://, or http:// only to a loopback address (localhost, 127.0.0.1, ::1).',
    );
  }
  return url.href.replace(/\/+$/, '');
}
