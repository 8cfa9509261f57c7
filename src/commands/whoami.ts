// `pp whoami`: who the linked account's owner is, at a glance, with its warnings.
import { usageError } from '../errors.js';
import { defineCommand, examples } from './command.js';
import { showOne } from './inspect.js';

export default defineCommand<{ account?: string }>({
  path: ['whoami'],
  define: (cmd) =>
    cmd
      .description('who the linked account’s owner is, at a glance, with any warnings')
      .option('--account <id>', 'the account id (env PP_ACCOUNT_ID; default `pp config set-account`)')
      .addHelpText(
        'after',
        examples(
          'pp whoami --account acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
          'pp whoami --account acc_… --json | jq .email',
          'PP_ACCOUNT_ID=acc_… pp whoami',
          'pp --sandbox whoami --account acc_demo_telegram',
        ),
      ),
  async run(ctx, opts) {
    // An empty --account (an unset variable, `--account "$ACC"`) must not quietly become
    // PP_ACCOUNT_ID or the default account: that would show someone else.
    if (opts.account?.trim() === '') {
      throw usageError(
        '--account is empty',
        'Pass an account id (--account acc_…), or leave --account out to use PP_ACCOUNT_ID or the default account.',
      );
    }
    const account = ctx.settings.account(opts.account);
    if (!account) {
      throw usageError(
        'no account given',
        'Pass --account acc_…, set PP_ACCOUNT_ID, or store a default with `pp config set-account acc_…`.',
      );
    }
    const accountId = account.value;
    return showOne(ctx, accountId, async ({ label, identity }) => {
      const { renderIdentity } = await import('../output/render.js');
      return renderIdentity(ctx.io, label, accountId, identity);
    });
  },
});
