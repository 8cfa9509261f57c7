// `pp accounts`: the workspace's linked accounts from the accounts list — one request per 250
// accounts, no call to any provider — each with its health, as a table for a person or one NDJSON
// line per account, streamed page by page so that memory stays flat for any workspace.

import { checkAccount, sourcesOf } from '../api/account.js';
import { accountPages } from '../api/accounts.js';
import { openClient } from '../api/open.js';
import { accountCacheMax, cacheProfile, writeAccountCache } from '../completion/values.js';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { type Health, type HealthState, healthOf, healthStates, stateTone } from '../health.js';
import { accountHeader, accountRow, isDelimited } from '../output/delimited.js';
import { ago, text } from '../output/format.js';
import { listFormats } from '../output/formats.js';
import { type Laid, maskedWarning, stringify } from '../output/json.js';
import type { Painter } from '../output/render.js';
import { showable } from '../output/showable.js';
import type { fitAccountColumns, Table } from '../output/table.js';
import { defineCommand, examples } from './command.js';

export default defineCommand({
  path: ['accounts'],
  formats: listFormats,
  define: (cmd) =>
    cmd
      .description(
        'the workspace’s linked accounts and their health, from the accounts list (no provider call)',
      )
      .option('--type <type>', 'only accounts of this provider type (LINKEDIN, GOOGLE_OAUTH, IMAP…)')
      .option('--state <state>', `only accounts in this health state (${healthStates.join(', ')})`)
      .addHelpText(
        'after',
        examples(
          'pp accounts',
          'pp accounts --state action_needed',
          'pp accounts --json | jq -r "select(.health.state != \\"ok\\") | .account_id"',
          'pp accounts --type linkedin --json',
          'pp accounts --format csv > accounts.csv',
        ),
      ),
  async run(ctx, opts) {
    const state = opts.state === undefined ? undefined : stateOption(opts.state);
    const type = opts.type?.trim().toUpperCase();
    if (type === '')
      throw usageError('--type is empty', 'Give a provider type such as LINKEDIN, or leave --type out.');
    const client = await openClient(ctx);
    const { format } = ctx.globals;
    const table = format === 'table' ? await AccountsTable.load(ctx) : undefined;
    const delimited = isDelimited(format) ? format : undefined;
    if (delimited) await ctx.io.out(accountHeader(delimited));
    const counts = new Map<HealthState, number>(healthStates.map((s) => [s, 0]));
    let listed = 0;
    let shown = 0;
    let page = 0;
    const seen: string[] = []; // for completion (completion/values.ts)
    for await (const items of accountPages(client)) {
      page++;
      // One write a page: 250 lines in one go rather than 250 writes (measured: the writes were a
      // fifth of the run over 10,000 accounts).
      let out = '';
      for (const [i, item] of items.entries()) {
        listed++;
        const id = text(item.id) ?? '';
        if (id && seen.length < accountCacheMax) seen.push(id);
        const warning = checkAccount(item, ctx.globals.strict, id || `item ${i + 1} of page ${page}`);
        if (warning) await ctx.warn(warning);
        if (type !== undefined && String(item.type).toUpperCase() !== type) continue;
        const health = healthOf({ sources: sourcesOf(item) });
        if (state !== undefined && health.state !== state) continue;
        shown++;
        counts.set(health.state, (counts.get(health.state) ?? 0) + 1);
        if (table) out += table.row(item, health, items);
        else if (delimited)
          out += accountRow(delimited, {
            id,
            type: text(item.type) ?? '',
            name: text(item.name) ?? '',
            health,
          });
        else {
          const line = ndjsonLine(ctx, id, item, health);
          if (line.masked) await ctx.warn(maskedWarning(id));
          out += line.text;
        }
      }
      if (out) await ctx.io.out(out);
    }
    if (table) await ctx.io.out(table.end());
    rememberIds(ctx, seen);
    ctx.io.err(healthSummary(shown, listed, counts, type !== undefined || state !== undefined));
    return 0;
  },
});

/**
 * The workspace's ids, whole list read, for the shell to complete (`pp __complete accounts`). Not
 * the sandbox's (completion offers those under --sandbox anyway); a cache that cannot be written
 * changes nothing else.
 */
function rememberIds(ctx: Context, ids: readonly string[]): void {
  if (ctx.sandbox) return;
  try {
    writeAccountCache(ctx.env, cacheProfile(ctx.settings), ids, ctx.clock.now());
  } catch (err) {
    ctx.verbose(`cannot cache the account ids for completion: ${(err as Error).message}`);
  }
}

/** --state, as the contract spells the states; any case, and action-needed for action_needed. */
function stateOption(value: string): HealthState {
  const state = value.trim().toLowerCase().replaceAll('-', '_');
  if ((healthStates as readonly string[]).includes(state)) return state as HealthState;
  throw usageError(`unknown --state ${JSON.stringify(value)}`, `Give one of: ${healthStates.join(', ')}.`);
}

/**
 * `{"account_id", "type", "name", "health", "account"}`: the account is the list item as received,
 * but every string holding the key masked (with a warning), written
 * without recursion: a deeply nested item would overflow JSON.stringify (see json.ts).
 */
function ndjsonLine(ctx: Context, id: string, item: Record<string, unknown>, health: Health): Laid {
  const line = stringify(
    { account_id: id, type: item.type ?? null, name: item.name ?? null, health, account: item },
    ctx.io,
  );
  return { text: `${line.text}\n`, masked: line.masked };
}

/**
 * "12 accounts: 7 ok, 1 connecting, 2 action_needed, 2 stopped" (the states that occur): the count
 * line of pp accounts and pp status.
 */
export function healthSummary(
  shown: number,
  listed: number,
  counts: Map<HealthState, number>,
  filtered: boolean,
): string {
  const parts = [...counts].filter(([, n]) => n > 0).map(([state, n]) => `${n} ${state}`);
  const accounts = `${shown} account${shown === 1 ? '' : 's'}`;
  const of = filtered ? ` (of ${listed} in the workspace)` : '';
  return `${accounts}${of}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}\n`;
}

/**
 * The table, a row at a time: widths are set from the first page (up to 250 accounts) and the
 * terminal, so that rows print as pages arrive. An id is never cut (it is what one copies); a
 * name that does not fit is cut with `…`.
 */
class AccountsTable {
  #table: Table | undefined;
  #header = false;
  /** Whether the CREATED column says how long ago too: set with the widths. */
  #withAgo = false;

  private constructor(
    private readonly ctx: Context,
    private readonly p: Painter,
    private readonly layout: typeof import('../output/table.js'),
    private readonly displayWidth: (text: string) => number,
  ) {}

  /** Loaded only for a person: --json never pays for the layout and its width tables. */
  static async load(ctx: Context): Promise<AccountsTable> {
    const [{ painter }, layout, { displayWidth }] = await Promise.all([
      import('../output/render.js'),
      import('../output/table.js'),
      import('../output/width.js'),
    ]);
    return new AccountsTable(ctx, painter(ctx.io.stdoutColor), layout, displayWidth);
  }

  /** The creation date, and how long ago when the column has room for it (a person reads it). */
  #created(item: Record<string, unknown>): string {
    const value = text(item.created_at) ?? '';
    const date = value.slice(0, 10);
    const when = Date.parse(value);
    return this.#withAgo && !Number.isNaN(when)
      ? `${date} (${ago(new Date(when), this.ctx.clock.now())})`
      : date;
  }

  row(item: Record<string, unknown>, health: Health, page: readonly Record<string, unknown>[]): string {
    if (!this.#table) this.#table = this.#makeTable(page);
    const cells = [
      text(item.id) ?? '',
      text(item.type) ?? '',
      text(item.name) ?? '',
      health.state,
      this.#created(item),
    ].map((cell) => showable(this.ctx.io, cell).replace(/\n/g, ' '));
    let header = '';
    if (!this.#header) {
      this.#header = true;
      header = this.#table.row(['ID', 'TYPE', 'NAME', 'STATE', 'CREATED'], (s) => this.p.label(s));
    }
    const tone = stateTone(health.state);
    return header + this.#table.row(cells, (s, column) => (column === 3 ? this.p.tone(tone, s) : s));
  }

  end(): string {
    return this.#table?.end() ?? '';
  }

  /**
   * Widths from the first page and the terminal, by the one rule of account tables
   * (fitAccountColumns): the creation date with how long ago while the id and the name keep their
   * room beside it, else the date alone, else no date.
   */
  #makeTable(page: readonly Record<string, unknown>[]): Table {
    const widest = (values: string[], floor: number) => Math.max(floor, ...values.map(this.displayWidth));
    const want = {
      id: widest(
        page.map((a) => text(a.id) ?? ''),
        2,
      ),
      type: Math.min(
        14,
        widest(
          page.map((a) => text(a.type) ?? ''),
          4,
        ),
      ),
      name: widest(
        page.map((a) => text(a.name) ?? ''),
        4,
      ),
      state: widest(['STATE', ...page.map((a) => healthOf({ sources: sourcesOf(a) }).state)], 5),
    };
    const total = this.ctx.io.columns;
    let fitted: ReturnType<typeof fitAccountColumns>;
    for (const withAgo of [true, false]) {
      this.#withAgo = withAgo;
      const created = widest(
        page.map((a) => this.#created(a)),
        10,
      );
      fitted = this.layout.fitAccountColumns(total, want, { extra: created });
      if (fitted?.extra) {
        fitted.extra = created;
        break;
      }
    }
    return this.layout.accountTable(want, fitted).table;
  }
}
