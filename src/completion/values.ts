// The values a shell completes, printed by the hidden `pp __complete <kind>`: account ids, profile
// names, --format names and help topics. Completing runs on every Tab, so it reads only local
// files, never the keychain and never the network: the account ids come from a cache that
// `pp accounts` writes each time it has read the workspace's list.
import { dirname, join } from 'node:path';
import { configDir, DEFAULT_PROFILE, replaceFile, writableConfigDir } from '../config/file.js';
import { readOwnFile, securedFolder, untrustedFolder } from '../config/files.js';
import { DEFAULT_BASE_URL, type SettingsReader } from '../config/settings.js';
import type { Env } from '../deps.js';

export const completionKinds = ['accounts', 'formats', 'topics', 'profiles'] as const;
export type CompletionKind = (typeof completionKinds)[number];

/** How long the accounts list's ids are offered after `pp accounts` read them. */
export const accountCacheTtlMs = 60 * 60 * 1000;
/** At most this many ids are kept: a shell offers a list a person reads, and it loads on every Tab. */
export const accountCacheMax = 5000;

/**
 * Whose ids `pp accounts` caches and `pp __complete` offers: the profile in use (--profile,
 * PP_PROFILE, the config file's active one, else `default`) and its API (--base-url, PP_BASE_URL,
 * the profile's, the default). A name or URL pp cannot use caches nothing under it: the default's.
 */
export function cacheOwner(settings: SettingsReader, baseUrlFlag?: string): string {
  // each on its own: a broken config file still leaves PP_BASE_URL, a flag still names the profile
  let profile = DEFAULT_PROFILE;
  let base = DEFAULT_BASE_URL;
  try {
    profile = settings.profileChoice().name;
  } catch {
    // a name pp cannot use: the default's cache, which a run that fails on it never writes
  }
  try {
    base = settings.baseUrl(baseUrlFlag).value;
  } catch {
    // likewise a base URL pp cannot use
  }
  return cacheOwnerOf(profile, base);
}

/**
 * Whose ids a cache holds: the profile and the host of the API they were read from, so that a run
 * with another PP_BASE_URL (staging, a sandbox) does not fill a profile's cache with another
 * workspace's ids (5,000 foreign ids were offered for `acme` that way).
 */
export function cacheOwnerOf(profile: string, baseUrl: string): string {
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // not a URL: its text tells it apart all the same
  }
  return `${profile}@${host}`;
}

/** The cache of one owner's account ids (cacheOwner), in the config folder. */
export function cacheFile(env: Env, owner: string): string {
  return join(configDir(env), 'cache', `accounts.${encodeURIComponent(owner)}.json`);
}

interface AccountCache {
  written_at: string;
  ids: string[];
}

/**
 * The most of a cache read on a Tab: accountCacheMax ids of at most 200 characters (what completion
 * offers) are ~1 MB. A 50 MB cache was parsed on every Tab (3.1-3.4 s, ~500 MB); past this it is
 * not read at all.
 */
const MAX_CACHE_BYTES = 2 * 1024 * 1024;

/**
 * Keeps the ids `pp accounts` saw (the first accountCacheMax), atomically, in a 0700 folder of the
 * caller's inside the config folder, as config.json is kept: never in a folder of another user's
 * or one others may write in (it throws; the caller goes on without a cache).
 */
export function writeAccountCache(env: Env, profile: string, ids: readonly string[], now: number): void {
  writableConfigDir(env);
  const path = cacheFile(env, profile);
  securedFolder(dirname(path));
  const cache: AccountCache = { written_at: new Date(now).toISOString(), ids: ids.slice(0, accountCacheMax) };
  replaceFile(path, JSON.stringify(cache));
}

/**
 * The cached ids if they are recent, else none; a missing or unreadable cache is none too, and so
 * is one pp would not trust as config.json (another user's, writable by others, a symlink, in a
 * folder of another's) or one larger than any pp writes.
 */
export function readAccountCache(env: Env, profile: string, now: number): string[] {
  try {
    const path = cacheFile(env, profile);
    if (untrustedFolder(path) || untrustedFolder(dirname(path))) return [];
    const file = readOwnFile(path, { maxBytes: MAX_CACHE_BYTES });
    if (file.kind !== 'read') return [];
    const cache = JSON.parse(file.text) as Partial<AccountCache>;
    const age = now - Date.parse(String(cache.written_at));
    if (!(age >= 0 && age <= accountCacheTtlMs) || !Array.isArray(cache.ids)) return [];
    return cache.ids.filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}
