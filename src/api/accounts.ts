// The accounts list, page by page: `limit` accounts a request (250, the most the API gives), the
// cursor followed until the API gives none. Both documented spellings are read (`items` or
// `data`, `cursor` or `next_cursor`); a cursor that comes back a second time would loop forever,
// so it is an invalid response (exit 15). A page that fails after its retries fails the listing
// with its own exit code, naming the page; the pages before it have been handed out already.
import { ExitCode, PpError } from '../errors.js';
import type { Client } from './client.js';

export const PAGE_SIZE = 250;

export type AccountItem = Record<string, unknown>;

export async function* accountPages(client: Client, limit = PAGE_SIZE): AsyncGenerator<AccountItem[]> {
  const seen = new Set<string>();
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
    let repeated = false;
    if (typeof cursor === 'string' && cursor !== '') {
      repeated = seen.has(cursor);
      seen.add(cursor);
    }
    if (typeof cursor === 'string' && cursor !== '' && !repeated) {
      // The next page is asked for now, while this one is printed: the wait for the network
      // overlaps the work on the page in hand. Its failure is reported when its turn comes.
      next = fetchPage(cursor);
      next.catch(() => {});
    }
    yield items as AccountItem[];
    // its accounts stand; what would follow is the same list again
    if (repeated) throw onPage(invalidList('the list gave a cursor it had given before'), page);
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
