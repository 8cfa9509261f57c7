// `pp config remove-profile <profile>`: deletes a profile and its key (its keychain entry too), after
// naming what goes. It asks on a terminal; off one, --yes must say so.
import { DEFAULT_PROFILE, updateConfig } from '../../config/file.js';
import { checkProfileName, profileNamesOf } from '../../config/settings.js';
import { configError } from '../../errors.js';
import { askFirst } from '../../output/prompt.js';
import { defineCommand, examples } from '../command.js';
import { forgetKeychainEntry } from './store.js';

export default defineCommand({
  path: ['config', 'remove-profile'],
  define: (cmd) =>
    cmd
      .description('delete a profile and its stored key (keychain entry included)')
      .argument('<profile>', 'the profile to delete')
      .option('-y, --yes', 'do not ask (required when standard input is not a terminal)')
      .addHelpText(
        'after',
        examples('pp config remove-profile staging', 'pp config remove-profile old --yes'),
      ),
  async run(ctx, opts, given) {
    const name = checkProfileName(given.trim(), 'the argument');
    const config = ctx.settings.config;
    const profile = config.profiles.get(name);
    if (!profile) {
      throw configError(
        `there is no profile "${name}"`,
        `The profiles are: ${profileNamesOf(config).join(', ')}.`,
      );
    }
    const parts = [
      profile.keychain
        ? 'its key in the keychain'
        : profile.keyCommand
          ? 'its key command'
          : profile.apiKey
            ? 'its key in the config file'
            : undefined,
      profile.baseUrl && `its base URL ${profile.baseUrl}`,
      profile.accountId && `its default account ${profile.accountId}`,
    ].filter(Boolean);
    const goes = `profile ${name}${parts.length ? `, with ${parts.join(', ')}` : ' (empty)'}`;
    const go = await askFirst(ctx.io, {
      yes: opts.yes === true,
      question: `Remove ${goes}? [y/N] `,
      refusal: `removing ${goes} needs --yes when standard input is not a terminal`,
      hint: `pp config remove-profile ${name} --yes`,
    });
    if (!go) {
      ctx.io.err('Nothing removed.\n');
      return 0;
    }
    const wasActive = config.activeProfile === name;
    let entry: string | undefined;
    const path = updateConfig(ctx.env, (now) => {
      entry = now.profiles.get(name)?.keychain;
      now.profiles.delete(name);
      if (now.activeProfile === name) delete now.activeProfile;
    });
    if (entry) await forgetKeychainEntry(ctx, entry);
    return ctx.result(
      `Removed ${goes} from ${path}${wasActive ? `; ${DEFAULT_PROFILE} is now the active profile` : ''}`,
      {
        removed: name,
        active: wasActive ? DEFAULT_PROFILE : (config.activeProfile ?? DEFAULT_PROFILE),
        config_file: path,
      },
    );
  },
});
