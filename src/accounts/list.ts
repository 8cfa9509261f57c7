// The workspace's accounts from the accounts list (`GET /api/v1/accounts`, no provider call), as
// rows with their health: the one reader of the list for every command that needs it (pp accounts,
// pp status). The paging itself (both list spellings, the repeated-cursor guard) is accountPages.
import { checkAccount, sourcesOf } from '../api/account.js';
import { type AccountItem, accountPages } from '../api/accounts.js';
import type { Client } from '../api/client.js';
import type { Context } from '../context.js';
import { ExitCode, PpError } from '../errors.js';
import { type Health, healthOf } from '../health.js';
import { text } from '../output/format.js';

/** One account of the list, judged by its sources. */
export interface ListedAccount {
  id: string;
  /** The list's type (LINKEDIN), '' when it sent none. */
  type: string;
  name: string;
  health: Health;
  /** The list item as received; null for a named id the workspace does not have. */
  item: AccountItem | null;
  /** Why it is unknown (a named id not in the workspace). */
  error?: PpError | undefined;
}

/**
 * The list as rows, a page at a time (only the `named` accounts, when some are), then each named
 * id the list did not have, as unknown with errors/resource_not_found. An item off its schema is a
 * warning, or with --strict the failure of the listing.
 */
export async function* listAccounts(
  ctx: Context,
  client: Client,
  named?: ReadonlySet<string>,
): AsyncGenerator<ListedAccount[]> {
  const missing = named && new Set(named);
  let page = 0;
  for await (const items of accountPages(client)) {
    page++;
    const rows: ListedAccount[] = [];
    for (const [i, item] of items.entries()) {
      const id = text(item.id) ?? '';
      if (named && !named.has(id)) continue;
      missing?.delete(id);
      const warning = checkAccount(item, ctx.globals.strict, id || `item ${i + 1} of page ${page}`);
      if (warning) await ctx.warn(warning);
      rows.push({
        id,
        type: text(item.type) ?? '',
        name: text(item.name) ?? '',
        health: healthOf({ sources: sourcesOf(item) }),
        item,
      });
    }
    yield rows;
  }
  if (missing && missing.size > 0) yield [...missing].map(notInWorkspace);
}

function notInWorkspace(id: string): ListedAccount {
  const error = new PpError({
    exitCode: ExitCode.notFound,
    message: `no account ${id} in the workspace`,
    hint: 'Check the id with `pp accounts`.',
    status: 404,
    type: 'errors/resource_not_found',
    accountId: id,
  });
  return { id, type: '', name: '', health: healthOf({ error }), item: null, error };
}
