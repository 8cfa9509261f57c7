// `pp config unset-account`: removes the default account.
import { configPath, writeConfig } from '../../config/file.js';
import { defineCommand, examples } from '../command.js';

export default defineCommand<object>({
  path: ['config', 'unset-account'],
  define: (cmd) =>
    cmd.description('remove the default account').addHelpText('after', examples('pp config unset-account')),
  async run(ctx) {
    const had = ctx.settings.file.accountId !== undefined;
    const path = had ? await writeConfig(ctx.env, 'accountId', undefined) : configPath(ctx.env);
    return ctx.result(
      had ? `Removed the default account from ${path}` : `No default account was stored in ${path}`,
      { removed: had, config_file: path },
    );
  },
});
