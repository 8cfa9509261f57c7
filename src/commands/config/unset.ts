// What the `config unset-*` commands share: remove settings of the profile if they are stored.
import { configPath, type ProfileKey, updateConfig } from '../../config/file.js';
import type { Context } from '../../context.js';

/**
 * Removes `keys` from the profile in use (naming them `what` to a person) and reports what it did.
 * Returns what the profile held before, for the caller to clean up after (a keychain entry).
 */
export async function unsetSetting(
  ctx: Context,
  keys: readonly ProfileKey[],
  what: string,
  after?: (removed: Partial<Record<ProfileKey, string>>) => Promise<void>,
): Promise<number> {
  const { name } = ctx.settings.profileChoice();
  const stored = ctx.settings.profile();
  const had = keys.some((k) => stored[k] !== undefined);
  const removed: Partial<Record<ProfileKey, string>> = {};
  const path = had
    ? updateConfig(ctx.env, (config) => {
        const profile = config.profiles.get(name);
        for (const key of keys) {
          if (profile?.[key] !== undefined) removed[key] = profile[key];
          if (profile) delete profile[key];
        }
      })
    : configPath(ctx.env);
  await after?.(removed);
  return ctx.result(
    had
      ? `Removed ${what} of profile ${name} from ${path}`
      : `No ${what.replace(/^the /, '')} was stored for profile ${name} in ${path}`,
    { removed: had, profile: name, config_file: path },
  );
}
