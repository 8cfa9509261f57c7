// `pp whoami`: who the linked account's owner is, at a glance, with its warnings.

import { chooseAccount, healthFields, showOne } from '../accounts/owner.js';
import { usageError } from '../errors.js';
import { defineCommand, examples, failOnOption } from './command.js';

export default defineCommand({
  path: ['whoami'],
  define: (cmd) =>
    cmd
      .description('who the linked account’s owner is, at a glance, with any warnings')
      .argument(
        '[account_id]',
        'the account id (or --account; env PP_ACCOUNT_ID; default `pp config set-account`)',
      )
      .option('--account <id>', 'the account id, as the argument')
      .addOption(failOnOption())
      .addHelpText(
        'after',
        examples(
          'pp whoami acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
          'pp whoami --account acc_… --json | jq .email',
          'PP_ACCOUNT_ID=acc_… pp whoami',
          'pp --sandbox whoami acc_demo_telegram',
        ),
      ),
  async run(ctx, opts, argument) {
    if (argument !== undefined && opts.account !== undefined && argument.trim() !== opts.account.trim()) {
      throw usageError(
        `two different accounts given: ${JSON.stringify(argument)} and --account ${JSON.stringify(opts.account)}`,
        'Give the account once, as the argument or with --account.',
      );
    }
    const given = argument ?? opts.account;
    const accountId = chooseAccount(
      ctx,
      given,
      argument !== undefined ? 'the account id argument' : '--account',
    );
    // the renderer (chalk, the width function) loads only for a person: --json never pays for it
    return showOne(ctx, accountId, opts.failOn === 'warning', async ({ label, identity, health }) =>
      (await import('../output/render.js')).renderIdentity(
        ctx.io,
        label,
        accountId,
        identity,
        healthFields(health),
      ),
    );
  },
});
