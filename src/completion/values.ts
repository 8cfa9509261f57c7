// The values a shell completes, printed by the hidden `pp __complete <kind>`: account ids, profile
// names, --format names and help topics. Completing runs on every Tab, so it reads only local
// files, never the keychain and never the network: the account ids come from a cache that
// `pp accounts` writes each time it has read the workspace's list.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir, DEFAULT_PROFILE, replaceFile } from '../config/file.js';
import type { SettingsReader } from '../config/settings.js';
import type { Env } from '../deps.js';

export const completionKinds = ['accounts', 'formats', 'topics', 'profiles'] as const;
export type CompletionKind = (typeof completionKinds)[number];

/** How long the accounts list's ids are offered after `pp accounts` read them. */
export const accountCacheTtlMs = 60 * 60 * 1000;
/** At most this many ids are kept: a shell offers a list a person reads, and it loads on every Tab. */
export const accountCacheMax = 5000;

/**
 * The profile whose ids `pp accounts` caches and `pp __complete` offers: the one in use (--profile,
 * PP_PROFILE, the config file's active one, else `default`). A name pp cannot use caches nothing
 * under it: `default`.
 */
export function cacheProfile(settings: SettingsReader): string {
  try {
    return settings.profileChoice().name;
  } catch {
    return DEFAULT_PROFILE;
  }
}

/** The cache of one profile's account ids, in the config folder. */
export function cacheFile(env: Env, profile: string): string {
  return join(configDir(env), 'cache', `accounts.${encodeURIComponent(profile)}.json`);
}

interface AccountCache {
  written_at: string;
  ids: string[];
}

/** Keeps the ids `pp accounts` saw (the first accountCacheMax), atomically, in a 0700 folder. */
export function writeAccountCache(env: Env, profile: string, ids: readonly string[], now: number): void {
  const path = cacheFile(env, profile);
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const cache: AccountCache = { written_at: new Date(now).toISOString(), ids: ids.slice(0, accountCacheMax) };
  replaceFile(path, JSON.stringify(cache));
}

/** The cached ids if they are recent, else none; a missing or unreadable cache is none too. */
export function readAccountCache(env: Env, profile: string, now: number): string[] {
  try {
    const cache = JSON.parse(readFileSync(cacheFile(env, profile), 'utf8')) as Partial<AccountCache>;
    const age = now - Date.parse(String(cache.written_at));
    if (!(age >= 0 && age <= accountCacheTtlMs) || !Array.isArray(cache.ids)) return [];
    return cache.ids.filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}
