// The API's lists, page by page: what the accounts list (accounts.ts) and `pp api --paginate` share.
// Both documented spellings are read: the items under `items` or `data`, the next page's cursor
// under `cursor` or `next_cursor`. A cursor that comes back a second time would loop forever: the
// list is then an invalid response (exit 15), after the items of the page that gave it; and so is
// a cursor pp cannot follow (not a string, or one with no UTF-8 form): ending the list there would
// pass a partial fleet for the whole (nagios said PP OK).
import { builtin } from '../builtin.js';
import { ExitCode, PpError } from '../errors.js';

/** Where a page holds its items: `items`, or `data` as the quick start spells it; undefined for neither. */
export function itemsMember(data: Record<string, unknown>): 'items' | 'data' | undefined {
  if (Array.isArray(data.items)) return 'items';
  return Array.isArray(data.data) ? 'data' : undefined;
}

/** A cursor longer than this is remembered by its SHA-256: real ones are tens of characters. */
const KEPT_CURSOR_LENGTH = 64;

/**
 * The cursors a listing has followed: the next one of each page, or why the list cannot go on.
 * What is kept of each is at most 64 characters: a longer cursor by its digest (200 pages of 1 MB
 * cursors held 200 MB, kept whole). Short ones are kept as they are, so that the common list never
 * loads node:crypto.
 */
export class Cursors {
  readonly #seen = new Set<string>();
  #held = 0;

  /**
   * The cursor of the page after `data`: none at the end (null, absent or ''), or the invalid
   * response the list is when its cursor is no string (a number, a boolean, an object, an array),
   * holds half a UTF-16 surrogate pair (`"\\ud800"`: no UTF-8 form to send back in a URL), or came
   * before.
   */
  next(data: Record<string, unknown>): { cursor?: string; problem?: PpError } {
    const cursor = data.cursor ?? data.next_cursor;
    if (cursor === null || cursor === undefined || cursor === '') return {};
    if (typeof cursor !== 'string') {
      const what = Array.isArray(cursor) ? 'an array' : `a ${typeof cursor}`;
      return {
        problem: invalidList(
          `the list's cursor is ${what}, not a string (what follows this page cannot be read)`,
        ),
      };
    }
    if (!cursor.isWellFormed())
      return {
        problem: invalidList(
          'the list gave a cursor that cannot be sent back (it holds a lone UTF-16 surrogate)',
        ),
      };
    const kept =
      cursor.length <= KEPT_CURSOR_LENGTH
        ? cursor
        : `sha256:${builtin('node:crypto').createHash('sha256').update(cursor).digest('base64')}`;
    if (this.#seen.has(kept)) return { problem: repeatedCursor() };
    this.#seen.add(kept);
    this.#held += kept.length;
    return { cursor };
  }

  /** The characters held for all the cursors seen. */
  get held(): number {
    return this.#held;
  }
}

/** A page as the client gives it: its parsed members (and whatever else the caller asked for). */
interface Page {
  data: Record<string, unknown>;
}

/**
 * The pages of a list, the cursor followed until there is none: `fetch(undefined)` is the first
 * page, `fetch(cursor)` each next one. `check` judges a page before its cursor is followed (an
 * invalid list ends there). A page that fails, or a list that cannot go on, fails the listing as
 * the invalid response or error it is, naming the page of `list`; the pages before it have been
 * handed out.
 *
 * The next page is asked for as soon as its cursor is known, while the page in hand is worked on:
 * the wait for the network overlaps that work. Asking is not sending: node:http writes a request to
 * its socket on a later tick, and the page's work (verdicts, lines) would run first, in the same
 * drain of the microtask queue; one turn of the event loop lets it go out (10,000 accounts on
 * loopback: a page every ~7 ms instead of ~12, `npm run bench`). A next page that fails is
 * reported when its turn comes.
 */
export async function* listPages<P extends Page>(
  fetch: (cursor: string | undefined) => Promise<P>,
  list: string,
  check: (data: Record<string, unknown>) => PpError | undefined = () => undefined,
): AsyncGenerator<P> {
  const cursors = new Cursors();
  let next: Promise<P> | undefined = fetch(undefined);
  for (let page = 1; next; page++) {
    let fetched: P;
    try {
      fetched = await next;
    } catch (err) {
      throw pageError(err, page, list);
    }
    next = undefined;
    const bad = check(fetched.data);
    if (bad) throw pageError(bad, page, list);
    const { cursor, problem } = cursors.next(fetched.data);
    if (cursor !== undefined) {
      next = fetch(cursor);
      next.catch(() => {});
      await new Promise((resolve) => setImmediate(resolve));
    }
    yield fetched;
    // its items stand; what would follow cannot be read (or is the same list again)
    if (problem) throw pageError(problem, page, list);
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
