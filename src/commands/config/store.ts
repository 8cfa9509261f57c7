// What the `config` commands that write share: the profile they write to, and putting a key in (or
// taking it out of) the keychain or the file.
import { configPath, type StoredProfile, updateConfig } from '../../config/file.js';
import {
  deleteKeychainKey,
  KEYCHAIN_SERVICE,
  KeychainFailure,
  keychainEntryName,
  keychainError,
  setKeychainKey,
} from '../../config/keychain.js';
import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { maskKey } from '../../key.js';

/**
 * The profile a write acts on (--profile, PP_PROFILE, the active one, default). A new one is
 * created by the write; its name must not be a command word.
 */
export function profileToWrite(ctx: Context): string {
  const { name } = ctx.settings.profileChoice();
  if (!ctx.settings.config.profiles.has(name)) checkNewProfileName(ctx, name);
  ctx.settings.creating = true;
  return name;
}

/** A new profile may not be named as a word of a pp command (`whoami`, `config`, `set-key`, …). */
export function checkNewProfileName(ctx: Context, name: string): void {
  if (ctx.commandWords.has(name.toLowerCase())) {
    throw usageError(
      `"${name}" is a pp command word, so it cannot name a profile`,
      'Choose another name, e.g. work, staging or client-a.',
    );
  }
}

/** The profile `name` in `config`, created empty when it is not there. */
export const profileIn = (profiles: Map<string, StoredProfile>, name: string): StoredProfile => {
  let profile = profiles.get(name);
  if (!profile) {
    profile = {};
    profiles.set(name, profile);
  }
  return profile;
};

/**
 * Stores one setting (the default account, the base URL) in the profile a write acts on, and
 * reports it: "<said> <value> for profile <name> in <file>", or in --json `{saved, profile,
 * <json>: value, config_file}`.
 */
export function saveSetting(
  ctx: Context,
  key: 'accountId' | 'baseUrl',
  value: string,
  report: { said: string; json: string },
): Promise<number> {
  const profile = profileToWrite(ctx);
  const path = updateConfig(ctx.env, (config) => {
    profileIn(config.profiles, profile)[key] = value;
  });
  return ctx.result(`${report.said} ${value} for profile ${profile} in ${path}`, {
    saved: true,
    profile,
    [report.json]: value,
    config_file: path,
  });
}

/** Where `storeKey` put the key. */
export type KeyPlace = { storage: 'keychain'; entry: string } | { storage: 'file' };

/**
 * Stores `key` for `profile`: in the keychain when one is usable, else (no keychain reachable, or
 * --insecure-storage) in the file, saying it is plain text. A keychain that refuses is exit 3
 * unless --insecure-storage allowed the file. Any key command or older entry of the profile goes.
 */
export async function storeKey(
  ctx: Context,
  name: string,
  key: string,
  insecure: boolean,
): Promise<KeyPlace> {
  const before = ctx.settings.config.profiles.get(name)?.keychain;
  let place: KeyPlace = { storage: 'file' };
  if (!insecure) {
    const entry = keychainEntryName(name, configPath(ctx.env));
    try {
      await setKeychainKey(ctx.env, entry, key);
      place = { storage: 'keychain', entry };
    } catch (err) {
      if (!(err instanceof KeychainFailure)) throw err;
      if (err.kind === 'refused')
        throw keychainError(`cannot store the key of profile ${name} in the keychain`, err);
      await ctx.warn(
        `no keychain is reachable (${err.reason}): the key is stored in plain text in the config file (mode 0600)`,
      );
    }
  }
  updateConfig(ctx.env, (config) => {
    const profile = profileIn(config.profiles, name);
    delete profile.keyCommand;
    if (place.storage === 'keychain') {
      delete profile.apiKey;
      profile.keychain = place.entry;
    } else {
      delete profile.keychain;
      profile.apiKey = key;
    }
  });
  if (before && before !== (place.storage === 'keychain' ? place.entry : undefined))
    await forgetKeychainEntry(ctx, before);
  ctx.verbose(`stored the key ${maskKey(key)} of profile ${name} in the ${place.storage}`);
  return place;
}

/** Deletes a keychain entry pp made; if the keychain cannot be reached, says the entry may remain. */
export async function forgetKeychainEntry(ctx: Context, entry: string): Promise<void> {
  try {
    await deleteKeychainKey(ctx.env, entry);
  } catch (err) {
    if (!(err instanceof KeychainFailure)) throw err;
    await ctx.warn(
      `could not delete the keychain entry "${entry}" of service "${KEYCHAIN_SERVICE}" (${err.reason}); delete it yourself if it is still there`,
    );
  }
}
