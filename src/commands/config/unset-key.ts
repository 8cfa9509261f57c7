// `pp config unset-key`: removes the stored API key.
import { configPath, writeConfig } from '../../config/file.js';
import { defineCommand, examples } from '../command.js';

export default defineCommand<object>({
  path: ['config', 'unset-key'],
  define: (cmd) =>
    cmd.description('remove the stored API key').addHelpText('after', examples('pp config unset-key')),
  async run(ctx) {
    const had = ctx.settings.file.apiKey !== undefined;
    const path = had ? await writeConfig(ctx.env, 'apiKey', undefined) : configPath(ctx.env);
    if (ctx.env.PP_API_KEY?.trim()) await ctx.warn('PP_API_KEY is still set in the environment');
    return ctx.result(had ? `Removed the API key from ${path}` : `No API key was stored in ${path}`, {
      removed: had,
      config_file: path,
    });
  },
});
