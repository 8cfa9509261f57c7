// `pp config set-account <id>`: stores the default account for `pp whoami` and `pp profile`.
import { usageError } from '../../errors.js';
import { defineCommand, examples } from '../command.js';
import { saveSetting } from './store.js';

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
    return saveSetting(ctx, 'accountId', id, { said: 'Default account set to', json: 'account_id' });
  },
});
