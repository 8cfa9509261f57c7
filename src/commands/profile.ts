import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { reindent } from '../output/json.js';
import { genericSections } from '../providers/index.js';
import { genericIdentity, inspectProfile } from './inspect.js';

export interface ProfileOptions {
  fromFile?: string;
  concurrency: number;
}

/** `pp profile <id>…`: the full provider-specific profile; several ids go to the bulk runner. */
export async function profile(ctx: Context, ids: string[], opts: ProfileOptions): Promise<number> {
  if (ids.length === 0 && opts.fromFile === undefined) {
    throw usageError(
      'no account given',
      'Pass one or more account ids (`pp profile acc_…`), or --from-file <path>.',
    );
  }
  if (ids.length > 1 || opts.fromFile !== undefined) {
    const { profiles } = await import('./bulk.js');
    return profiles(ctx, ids, opts);
  }
  const accountId = ids[0]!;
  const client = await ctx.client();
  const { body, data } = await client.fetchOwnProfile(accountId);
  const { provider, providerId } = await inspectProfile(ctx, accountId, data);
  if (ctx.globals.json) {
    await ctx.io.out(`${reindent(body)}\n`);
    return 0;
  }
  const { renderProfile } = await import('../output/render.js');
  const described = provider?.describe(data);
  const name = (described?.identity ?? genericIdentity(data)).name;
  const header = `${provider?.label ?? providerId} profile · ${name} · ${accountId}`;
  await ctx.io.out(renderProfile(ctx.io, header, described?.sections ?? genericSections(data)));
  return 0;
}
