import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { showOne } from './inspect.js';

export interface WhoamiOptions {
  account?: string;
}

/** `pp whoami`: who the linked account's owner is, at a glance, with its warnings. */
export async function whoami(ctx: Context, opts: WhoamiOptions): Promise<number> {
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
}
