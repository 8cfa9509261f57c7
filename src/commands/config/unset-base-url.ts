// `pp config unset-base-url`: the profile goes back to the default base URL.
import { defineCommand, examples } from '../command.js';
import { unsetSetting } from './unset.js';

export default defineCommand({
  path: ['config', 'unset-base-url'],
  define: (cmd) =>
    cmd
      .description('remove the stored base URL (back to the default)')
      .addHelpText('after', examples('pp config unset-base-url')),
  run: (ctx) => unsetSetting(ctx, ['baseUrl'], 'the base URL'),
});
