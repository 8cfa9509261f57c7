// The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux) through
// @napi-rs/keyring, a native binding with prebuilt binaries. This module is loaded by the config
// commands that store or list keys, and by settings.ts only when a key is read from the keychain;
// it loads the binding (~5 ms) only when it is used: commands that need no key never pay for it.
//
// "Usable" is decided by trying the operation, except for one cheap test first: on Linux the Secret
// Service is reached over the D-Bus session bus, so with no session bus at all (no
// DBUS_SESSION_BUS_ADDRESS, no $XDG_RUNTIME_DIR/bus: a server, a container, CI) there is no keychain
// and the binding is not even loaded. A failure to reach the service (nothing listening on the bus)
// also means "no keychain": the key then goes to the file, with a notice. A keychain that answers
// but refuses (locked, the unlock prompt dismissed, no default collection) is another matter: that
// is an exit-3 error, and the file is used only when the user says so with --insecure-storage.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../deps.js';
import { configError, type PpError } from '../errors.js';

/** The keychain service every pp entry is filed under; the entry's account names the profile. */
export const KEYCHAIN_SERVICE = 'postpress';

/** Why the keychain could not be used: none there (`unavailable`), or it said no (`refused`). */
export class KeychainFailure extends Error {
  constructor(
    readonly kind: 'unavailable' | 'refused',
    readonly reason: string,
  ) {
    super(reason);
  }
}

const onLinux = process.platform === 'linux' || process.platform === 'freebsd';

/** Whether a Secret Service could be there at all (always true off Linux, where the OS has one). */
export function sessionBusPresent(env: Env): boolean {
  if (!onLinux) return true;
  if (env.DBUS_SESSION_BUS_ADDRESS?.trim()) return true;
  const runtime = env.XDG_RUNTIME_DIR?.trim();
  return runtime !== undefined && runtime !== '' && existsSync(join(runtime, 'bus'));
}

/** The binding's error as a KeychainFailure: unreachable on Linux is "no keychain", the rest a refusal. */
function failure(err: unknown): KeychainFailure {
  const reason = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
  // keyring-rs reports a bus it cannot reach, or no Secret Service on it, as these; a Secret Service
  // that answered with a refusal says "Secret Service: …"
  const unreachable = onLinux && !/Secret Service:/.test(reason);
  return new KeychainFailure(unreachable ? 'unavailable' : 'refused', reason);
}

async function entry(env: Env, account: string) {
  if (!sessionBusPresent(env)) throw new KeychainFailure('unavailable', 'no D-Bus session bus');
  let binding: typeof import('@napi-rs/keyring');
  try {
    // the bundle is CommonJS run through vm (bin/pp.js), where import() has no loader: require
    binding = typeof require === 'function' ? require('@napi-rs/keyring') : await import('@napi-rs/keyring');
  } catch (err) {
    throw new KeychainFailure('unavailable', `the keychain binding did not load: ${(err as Error).message}`);
  }
  return new binding.AsyncEntry(KEYCHAIN_SERVICE, account);
}

/** The name of a profile's entry: the profile and the config file it belongs to, so that two config folders never share one. */
export const keychainEntryName = (profile: string, configFile: string): string => `${profile}@${configFile}`;

export async function setKeychainKey(env: Env, account: string, key: string): Promise<void> {
  const e = await entry(env, account);
  try {
    await e.setPassword(key);
  } catch (err) {
    throw failure(err);
  }
}

/** Deletes the entry; true when there was one. */
export async function deleteKeychainKey(env: Env, account: string): Promise<boolean> {
  const e = await entry(env, account);
  try {
    return await e.deleteCredential();
  } catch (err) {
    throw failure(err);
  }
}

/** The key of `profile` from its keychain entry; any failure is exit 3 saying what to do. */
export async function readKeychainKey(env: Env, profile: string, account: string): Promise<string> {
  let key: string | null;
  try {
    key = await (await entry(env, account)).getPassword();
  } catch (err) {
    const f = err instanceof KeychainFailure ? err : failure(err);
    throw keychainError(`cannot read the key of profile ${profile} from the keychain`, f);
  }
  if (key === null) {
    throw configError(
      `the keychain has no key for profile ${profile}`,
      'Store it again with `pp config set-key`.',
      `The config file says it is in the keychain entry "${account}" of service "${KEYCHAIN_SERVICE}".`,
    );
  }
  return key;
}

/** A keychain failure as an exit-3 error with the way out. */
export function keychainError(message: string, f: KeychainFailure): PpError {
  return configError(
    `${message}: ${f.kind === 'unavailable' ? 'no keychain is reachable' : 'the keychain refused'} (${f.reason})`,
    f.kind === 'unavailable'
      ? 'Run pp where your keychain is (a desktop session), set PP_API_KEY, or store the key in the file with `pp config set-key --insecure-storage`.'
      : 'Unlock your keychain and try again, or store the key in the file (plain text) with `pp config set-key --insecure-storage`.',
  );
}
