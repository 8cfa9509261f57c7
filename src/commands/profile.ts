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
  // An empty argument is most likely an unset variable (`pp profile "$ACC"`): say so rather than
  // ask the API for account "" or quietly skip it.
  if (ids.some((id) => id.trim() === '')) {
    throw usageError(
      'an account id argument is empty',
      'Pass account ids such as acc_…; check that the variables you pass are set.',
    );
  }
  if (ids.length > 1 || opts.fromFile !== undefined) {
    const { profiles } = await import('./bulk.js');
    return profiles(ctx, ids, opts);
  }
  const accountId = ids[0]!.trim(); // as the many-accounts path and `config set-account` do
  return showOne(ctx, accountId, async ({ label, identity, sections }) => {
    const { renderProfile } = await import('../output/render.js');
    return renderProfile(ctx.io, `${label} profile · ${identity.name} · ${accountId}`, sections);
  });
}
