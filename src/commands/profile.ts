import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { showOne } from './inspect.js';

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
  return showOne(ctx, accountId, async ({ label, identity, sections }) => {
    const { renderProfile } = await import('../output/render.js');
    return renderProfile(ctx.io, `${label} profile · ${identity.name} · ${accountId}`, sections);
  });
}
