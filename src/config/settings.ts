// Where each setting comes from: flag, then environment, then config file, then default (the CLI contract).

import type { Env } from '../deps.js';
import { configError, usageError } from '../errors.js';
import { configPath, readConfig, type StoredConfig } from './file.js';

export const DEFAULT_BASE_URL = 'https://api.postpress.ai';
/** The key pp sends to its own sandbox when the user has none: the sandbox needs no real key. */
export const SANDBOX_KEY = 'pp_test_sandbox0000';

/** An API key goes into an HTTP header as it is: printable ASCII, no spaces, no control characters. */
export const keyShape = /^[\x21-\x7e]+$/;

export type Source = 'flag' | 'environment' | 'file' | 'default' | 'sandbox';

export interface Setting {
  value: string;
  source: Source;
}

/**
 * Reads settings in precedence order. The config file is read at most once, and only when neither a
 * flag nor the environment already answered (so PP_API_KEY works even beside a broken file).
 */
export class SettingsReader {
  #file: StoredConfig | undefined;
  constructor(readonly env: Env) {}

  get file(): StoredConfig {
    this.#file ??= readConfig(this.env);
    return this.#file;
  }

  #pick(
    flag: string | undefined,
    envValue: string | undefined,
    key: keyof StoredConfig,
  ): Setting | undefined {
    // Whitespace around a value is never part of it (a .env file with CRLF line endings leaves a \r
    // at the end of each), and a blank value is no value: the next source answers.
    const value = flag?.trim();
    if (value) return { value, source: 'flag' };
    const fromEnv = envValue?.trim();
    if (fromEnv) return { value: fromEnv, source: 'environment' };
    const stored = this.file[key]?.trim();
    return stored ? { value: stored, source: 'file' } : undefined;
  }

  /** The key to send; one that could not go in a header is an error naming where it came from. */
  apiKey(): Setting | undefined {
    const key = this.#pick(undefined, this.env.PP_API_KEY, 'apiKey');
    if (key && !keyShape.test(key.value)) {
      // the message names where the key came from, never the key (the CLI contract), not even masked
      throw key.source === 'environment'
        ? configError(
            'PP_API_KEY has a space, a control character or a non-ASCII character in it',
            'Set PP_API_KEY to the key alone: it looks like pp_live_…',
          )
        : configError(
            `the API key in the config file ${configPath(this.env)} has a space, a control character or a non-ASCII character in it`,
            'Store the key again with `pp config set-key`.',
          );
    }
    return key;
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

const loopbackHosts = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopbackHost = (hostname: string): boolean => loopbackHosts.test(hostname);

/** A usable base URL without its trailing slash; an http:// URL only to a loopback host. */
export function checkBaseUrl(value: string, source: Source = 'flag'): string {
  const from =
    source === 'flag' ? '--base-url' : source === 'environment' ? 'PP_BASE_URL' : 'the config file’s baseUrl';
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

/** `pp_live_0123456789abcdef8GR2` → `pp_live_…8GR2`. Short keys show no characters at all. */
export function maskKey(key: string): string {
  // Only postpress's own prefixes are shown: any other `word_word_` may be part of the secret.
  const prefix = /^pp_(live|test)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  // the last four only when they are at most a third of what is secret
  return rest.length >= 12 ? `${prefix}…${rest.slice(-4)}` : `${prefix}…`;
}
