// `pp config unset-key`: removes the profile's key, wherever it is kept (file, keychain entry, command).
import { defineCommand, examples } from '../command.js';
import { forgetKeychainEntry } from './store.js';
import { unsetSetting } from './unset.js';

export default defineCommand({
  path: ['config', 'unset-key'],
  define: (cmd) =>
    cmd
      .description('remove the stored API key (its keychain entry too)')
      .addHelpText('after', examples('pp config unset-key')),
  async run(ctx) {
    if (ctx.env.PP_API_KEY?.trim()) await ctx.warn('PP_API_KEY is still set in the environment');
    return unsetSetting(ctx, ['apiKey', 'keychain', 'keyCommand'], 'the API key', async (removed) => {
      if (removed.keychain) await forgetKeychainEntry(ctx, removed.keychain);
    });
  },
});
