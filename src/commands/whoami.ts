import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { reindent } from '../output/json.js';
import { genericIdentity, inspectProfile } from './inspect.js';

export interface WhoamiOptions {
  account?: string;
}

/** `pp whoami`: who the linked account's owner is, at a glance, with its warnings. */
export async function whoami(ctx: Context, opts: WhoamiOptions): Promise<number> {
  const account = ctx.settings.account(opts.account);
  if (!account) {
    throw usageError(
      'no account given',
      'Pass --account acc_…, set PP_ACCOUNT_ID, or store a default with `pp config set-account acc_…`.',
    );
  }
  const accountId = account.value;
  const client = await ctx.client();
  const { body, data } = await client.fetchOwnProfile(accountId);
  const { provider, providerId } = await inspectProfile(ctx, accountId, data);
  if (ctx.globals.json) {
    await ctx.io.out(`${reindent(body)}\n`);
    return 0;
  }
  const { renderIdentity } = await import('../output/render.js');
  if (provider) {
    await ctx.io.out(renderIdentity(ctx.io, provider.label, accountId, provider.describe(data).identity));
  } else {
    await ctx.io.out(renderIdentity(ctx.io, providerId, accountId, genericIdentity(data)));
  }
  return 0;
}
