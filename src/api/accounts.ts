// The accounts list, page by page: `limit` accounts a request (250, the most the API gives), the
// cursor followed until the API gives none (the paging rules are pages.ts's). A page that fails
// after its retries fails the listing with its own exit code, naming the page; the pages before it
// have been handed out already.
import type { Client } from './client.js';
import { invalidList, itemsMember, listPages } from './pages.js';

export const PAGE_SIZE = 250;

export type AccountItem = Record<string, unknown>;

export async function* accountPages(client: Client, limit = PAGE_SIZE): AsyncGenerator<AccountItem[]> {
  const pages = listPages(
    (cursor) => client.fetchAccountPage(limit, cursor),
    'the accounts list',
    (data) => {
      const items = itemsOf(data);
      const bad = items.findIndex((item) => item === null || typeof item !== 'object' || Array.isArray(item));
      return bad < 0 ? undefined : invalidList(`item ${bad + 1} of the list is not an account object`);
    },
  );
  for await (const { data } of pages) yield itemsOf(data) as AccountItem[];
}

/** The page's items: the client checked there is a list. */
const itemsOf = (data: Record<string, unknown>): unknown[] => data[itemsMember(data) ?? 'items'] as unknown[];
