// What `config unset-key` and `config unset-account` share: remove one setting if it is stored.
import { type ConfigKey, configPath, writeConfig } from '../../config/file.js';
import type { Context } from '../../context.js';

/** Removes `key` from the config file (naming it `what` to a person) and reports what it did. */
export async function unsetSetting(ctx: Context, key: ConfigKey, what: string): Promise<number> {
  const had = ctx.settings.file[key] !== undefined;
  const path = had ? writeConfig(ctx.env, key, undefined) : configPath(ctx.env);
  return ctx.result(
    had ? `Removed ${what} from ${path}` : `No ${what.replace(/^the /, '')} was stored in ${path}`,
    {
      removed: had,
      config_file: path,
    },
  );
}
