// The accounts list, page by page: `limit` accounts a request (250, the most the API gives), the
// cursor followed until the API gives none (the paging rules are pages.ts's). A page that fails
// after its retries fails the listing with its own exit code, naming the page; the pages before it
// have been handed out already.
import type { Client } from './client.js';
import { Cursors, invalidList, itemsMember, pageError } from './pages.js';

export const PAGE_SIZE = 250;

export type AccountItem = Record<string, unknown>;

export async function* accountPages(client: Client, limit = PAGE_SIZE): AsyncGenerator<AccountItem[]> {
  const cursors = new Cursors();
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
    const items = data[itemsMember(data) ?? 'items'] as unknown[]; // the client checked there is a list
    const bad = items.findIndex((item) => item === null || typeof item !== 'object' || Array.isArray(item));
    if (bad >= 0) throw onPage(invalidList(`item ${bad + 1} of the list is not an account object`), page);
    const { cursor, problem } = cursors.next(data);
    if (cursor !== undefined) {
      // The next page is asked for now, while this one is printed: the wait for the network
      // overlaps the work on the page in hand. Its failure is reported when its turn comes.
      next = fetchPage(cursor);
      next.catch(() => {});
      // Asking is not sending: node:http writes the request to its socket on a later tick, and the
      // page's work (the verdicts, the lines) would run first, in the same drain of the microtask
      // queue. One turn of the event loop lets it go out: 10,000 accounts, a page every ~7 ms
      // instead of ~12 (`npm run bench`).
      await new Promise((resolve) => setImmediate(resolve));
    }
    yield items as AccountItem[];
    // its accounts stand; what would follow cannot be read (or is the same list again)
    if (problem) throw onPage(problem, page);
  }
}

const onPage = (err: unknown, page: number): unknown => pageError(err, page, 'the accounts list');
