// `pp config set-base-url <url>`: the API's base URL for the profile (a workspace's own address).
import { checkBaseUrl } from '../../config/settings.js';
import { defineCommand, examples } from '../command.js';
import { saveSetting } from './store.js';

export default defineCommand({
  path: ['config', 'set-base-url'],
  define: (cmd) =>
    cmd
      .description('store the API base URL of the profile')
      .argument('<url>', 'the base URL, such as https://api.postpress.ai')
      .addHelpText('after', examples('pp --profile staging config set-base-url https://staging.example.com')),
  async run(ctx, _opts, given) {
    const url = checkBaseUrl(given.trim(), 'argument');
    if (ctx.env.PP_BASE_URL?.trim())
      await ctx.warn('PP_BASE_URL is set in the environment and wins over the stored base URL');
    return saveSetting(ctx, 'baseUrl', url, { said: 'Base URL set to', json: 'base_url' });
  },
});
