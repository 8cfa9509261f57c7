// `pp config set-account <id>`: stores the default account for `pp whoami` and `pp profile`.
import { updateConfig } from '../../config/file.js';
import { usageError } from '../../errors.js';
import { defineCommand, examples } from '../command.js';
import { profileIn, profileToWrite } from './store.js';

export default defineCommand({
  path: ['config', 'set-account'],
  define: (cmd) =>
    cmd
      .description('store the default account for `pp whoami`')
      .argument('<account_id>', 'the account id')
      .addHelpText('after', examples('pp config set-account acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR')),
  async run(ctx, _opts, accountId) {
    const id = accountId.trim();
    if (id === '' || /\s/.test(id))
      throw usageError(`not an account id: ${JSON.stringify(accountId)}`, 'Account ids look like acc_…');
    const profile = profileToWrite(ctx);
    const path = updateConfig(ctx.env, (config) => {
      profileIn(config.profiles, profile).accountId = id;
    });
    return ctx.result(`Default account set to ${id} for profile ${profile} in ${path}`, {
      saved: true,
      profile,
      account_id: id,
      config_file: path,
    });
  },
});
