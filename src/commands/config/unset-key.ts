// `pp config unset-key`: removes the stored API key.
import { defineCommand, examples } from '../command.js';
import { unsetSetting } from './unset.js';

export default defineCommand<object>({
  path: ['config', 'unset-key'],
  define: (cmd) =>
    cmd.description('remove the stored API key').addHelpText('after', examples('pp config unset-key')),
  async run(ctx) {
    if (ctx.env.PP_API_KEY?.trim()) await ctx.warn('PP_API_KEY is still set in the environment');
    return unsetSetting(ctx, 'apiKey', 'the API key');
  },
});
