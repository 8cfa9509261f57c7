// The workspace's accounts from the accounts list (`GET /api/v1/accounts`, no provider call), as
// rows with their health: the one reader of the list for every command that needs it (pp accounts,
// pp status). The paging itself (both list spellings, the repeated-cursor guard) is accountPages.
import { checkAccount, sourcesOf } from '../api/account.js';
import { type AccountItem, accountPages } from '../api/accounts.js';
import type { Client } from '../api/client.js';
import type { Context } from '../context.js';
import { ExitCode, PpError } from '../errors.js';
import { type Health, healthOf } from '../health.js';
import { groupDigits, text } from '../output/format.js';

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
  opts: { progress?: boolean } = {},
): AsyncGenerator<ListedAccount[]> {
  const missing = named && new Set(named);
  const progress = opts.progress && ctx.io.stderr.isTTY ? new ListProgress(ctx) : undefined;
  let page = 0;
  let read = 0;
  try {
    for await (const items of accountPages(client)) {
      page++;
      read += items.length;
      progress?.draw(page, read);
      const rows: ListedAccount[] = [];
      for (const [i, item] of items.entries()) {
        const id = text(item.id) ?? '';
        if (named && !named.has(id)) continue;
        missing?.delete(id);
        const warning = checkAccount(item, ctx.globals.strict, id || `item ${i + 1} of page ${page}`);
        if (warning) {
          progress?.clear();
          await ctx.warn(warning);
        }
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
  } finally {
    progress?.clear();
  }
  if (missing && missing.size > 0) yield [...missing].map(notInWorkspace);
}

/** Half a second of reading before the line shows: a small workspace never sees it flicker. */
const SHOW_AFTER_MS = 500;

/**
 * While a long list is read, a line on a terminal's standard error saying how far it is (a table
 * waits for the whole list: 20,000 accounts at 200 ms a page were 17 s of blank screen).
 */
class ListProgress {
  readonly #started: number;
  #drawn = false;

  constructor(private readonly ctx: Context) {
    this.#started = ctx.clock.now();
  }

  draw(page: number, accounts: number): void {
    if (this.ctx.clock.now() - this.#started < SHOW_AFTER_MS) return;
    this.ctx.io.err(
      `\r\u001b[Kreading the accounts list: page ${page}, ${groupDigits(accounts)} accounts so far`,
    );
    this.#drawn = true;
  }

  clear(): void {
    if (this.#drawn) this.ctx.io.err('\r\u001b[K');
    this.#drawn = false;
  }
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
