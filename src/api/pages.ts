// The API's lists, page by page: what the accounts list (accounts.ts) and `pp api --paginate` share.
// Both documented spellings are read: the items under `items` or `data`, the next page's cursor
// under `cursor` or `next_cursor`. A cursor that comes back a second time would loop forever: the
// list is then an invalid response (exit 15), after the items of the page that gave it.
import { ExitCode, PpError } from '../errors.js';

/** Where a page holds its items: `items`, or `data` as the quick start spells it; undefined for neither. */
export function itemsMember(data: Record<string, unknown>): 'items' | 'data' | undefined {
  if (Array.isArray(data.items)) return 'items';
  return Array.isArray(data.data) ? 'data' : undefined;
}

/** The cursors a listing has followed: the next one of each page, and whether the list repeats itself. */
export class Cursors {
  readonly #seen = new Set<string>();

  /** The cursor of the page after `data` (none at the end), or `repeated` when the list gave it before. */
  next(data: Record<string, unknown>): { cursor?: string; repeated?: true } {
    const cursor = data.cursor ?? data.next_cursor;
    if (typeof cursor !== 'string' || cursor === '') return {};
    if (this.#seen.has(cursor)) return { repeated: true };
    this.#seen.add(cursor);
    return { cursor };
  }
}

export const invalidList = (message: string): PpError =>
  new PpError({
    exitCode: ExitCode.invalidResponse,
    message: `invalid response: ${message}`,
    hint: 'Check --base-url / PP_BASE_URL points at the postpress API; run with --verbose to see the exchange.',
  });

/** What a list that repeats a cursor is. */
export const repeatedCursor = (): PpError => invalidList('the list gave a cursor it had given before');

/** The error of a page, saying which page of `list` it was (a failure after its retries, or an invalid list). */
export function pageError(err: unknown, page: number, list: string): unknown {
  if (!(err instanceof PpError) || err.exitCode === ExitCode.interrupted) return err;
  return err.with({
    detail: err.detail ? `${err.detail} (page ${page} of ${list})` : `On page ${page} of ${list}.`,
  });
}
