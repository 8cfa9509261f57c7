import type { Context } from '../context.js';
import type { ProfileOptions } from './profile.js';

export async function profiles(_ctx: Context, _ids: string[], _opts: ProfileOptions): Promise<number> {
  throw new Error('not yet');
}
