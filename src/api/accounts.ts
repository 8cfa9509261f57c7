// The accounts list, page by page: `limit` accounts a request (250, the most the API gives), the
// cursor followed until the API gives none. Both documented spellings are read (`items` or
// `data`, `cursor` or `next_cursor`); a cursor that comes back a second time would loop forever,
// so it is an invalid response (exit 15), and so is a cursor pp cannot follow (not a string, or
// a string with no UTF-8 form): ending the list there would pass a partial fleet for the whole. A
// page that fails after its retries fails the listing with its own exit code, naming the page; the
// pages before it have been handed out already.
import { builtin } from '../builtin.js';
import { ExitCode, PpError } from '../errors.js';
import type { Client } from './client.js';

export const PAGE_SIZE = 250;

export type AccountItem = Record<string, unknown>;

export async function* accountPages(client: Client, limit = PAGE_SIZE): AsyncGenerator<AccountItem[]> {
  const seen = new SeenCursors();
  const fetchPage = (cursor: string | undefined) => client.fetchAccountPage(limit, cursor);
  let next: ReturnType<typeof fetchPage> | undefined = fetchPage(undefined);
  for (let page = 1; next; page++) {
    let data: Record<string, unknown>;
    try {
      ({ data } = await next);
    } catch (err) {
      throw onPage(err, page);
    }
    next = undefined;
    const items = (Array.isArray(data.items) ? data.items : data.data) as unknown[];
    const bad = items.findIndex((item) => item === null || typeof item !== 'object' || Array.isArray(item));
    if (bad >= 0) throw onPage(invalidList(`item ${bad + 1} of the list is not an account object`), page);
    const cursor = data.cursor ?? data.next_cursor;
    const follow = typeof cursor === 'string' && cursor !== '';
    const problem =
      cursorProblem(cursor) ??
      (follow && seen.repeats(cursor) ? 'the list gave a cursor it had given before' : undefined);
    if (follow && !problem) {
      // The next page is asked for now, while this one is printed: the wait for the network
      // overlaps the work on the page in hand. Its failure is reported when its turn comes.
      next = fetchPage(cursor);
      next.catch(() => {});
    }
    yield items as AccountItem[];
    // its accounts stand; what would follow cannot be read (or is the same list again)
    if (problem) throw onPage(invalidList(problem), page);
  }
}

/**
 * Why pp cannot follow a page's cursor, or undefined: null, absent and '' end the list (accounts.md);
 * a number, a boolean, an object or an array is no cursor, and a string holding half a UTF-16
 * surrogate pair (`"\\ud800"` in the JSON) has no UTF-8 form to send back in the next URL.
 */
function cursorProblem(cursor: unknown): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  if (typeof cursor !== 'string') {
    const what = Array.isArray(cursor) ? 'an array' : `a ${typeof cursor}`;
    return `the list's cursor is ${what}, not a string (the accounts after this page cannot be read)`;
  }
  if (/\p{Cs}/u.test(cursor))
    return 'the list gave a cursor that cannot be sent back (it holds a lone UTF-16 surrogate)';
  return undefined;
}

/** A cursor longer than this is remembered by its SHA-256: real ones are tens of characters. */
const KEPT_CURSOR_LENGTH = 64;

/**
 * The cursors a listing has followed, to spot one that comes back. What is kept of each is at most
 * 64 characters: a longer cursor by its digest (200 pages of 1 MB cursors held 200 MB, kept whole).
 * Short ones are kept as they are, so that the common list never loads node:crypto.
 */
export class SeenCursors {
  readonly #seen = new Set<string>();
  #held = 0;

  /** True when `cursor` was seen before; remembers it either way. */
  repeats(cursor: string): boolean {
    const kept =
      cursor.length <= KEPT_CURSOR_LENGTH
        ? cursor
        : `sha256:${builtin('node:crypto').createHash('sha256').update(cursor).digest('base64')}`;
    if (this.#seen.has(kept)) return true;
    this.#seen.add(kept);
    this.#held += kept.length;
    return false;
  }

  /** The characters held for all the cursors seen. */
  get held(): number {
    return this.#held;
  }
}

const invalidList = (message: string): PpError =>
  new PpError({
    exitCode: ExitCode.invalidResponse,
    message: `invalid response: ${message}`,
    hint: 'Check --base-url / PP_BASE_URL points at the postpress API; run with --verbose to see the exchange.',
  });

/** The error of a page, saying which page it was (a failure after its retries, or an invalid list). */
function onPage(err: unknown, page: number): unknown {
  if (!(err instanceof PpError) || err.exitCode === ExitCode.interrupted) return err;
  return err.with({
    detail: err.detail
      ? `${err.detail} (page ${page} of the accounts list)`
      : `On page ${page} of the accounts list.`,
  });
}
