// `pp config unset-account`: removes the default account.
import { defineCommand, examples } from '../command.js';
import { unsetSetting } from './unset.js';

export default defineCommand({
  path: ['config', 'unset-account'],
  define: (cmd) =>
    cmd.description('remove the default account').addHelpText('after', examples('pp config unset-account')),
  run: (ctx) => unsetSetting(ctx, ['accountId'], 'the default account'),
});
