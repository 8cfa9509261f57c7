// `pp accounts`: the workspace's linked accounts from the accounts list — one request per 250
// accounts, no call to any provider — each with its health, in every list format, page by page.
import { accountFilter, filterOptions } from '../accounts/filters.js';
import { type ListedAccount, listAccounts } from '../accounts/list.js';
import { openClient } from '../api/open.js';
import { accountCacheMax, cacheOwner, writeAccountCache } from '../completion/values.js';
import type { Context } from '../context.js';
import { HealthTally } from '../health.js';
import { type RowView, writeRows } from '../output/exporter.js';
import { ago, text } from '../output/format.js';
import { listFormats } from '../output/formats/index.js';
import { defineCommand, examples, outputFileOption } from './command.js';

export default defineCommand({
  path: ['accounts'],
  formats: listFormats,
  define: (cmd) =>
    filterOptions(
      cmd.description(
        'the workspace’s linked accounts and their health, from the accounts list (no provider call)',
      ),
    )
      .addOption(outputFileOption())
      .addHelpText(
        'after',
        examples(
          'pp accounts',
          'pp accounts --state action_needed',
          'pp accounts --json | jq -r "select(.health.state != \\"ok\\") | .account_id"',
          'pp accounts --type linkedin --json',
          'pp accounts --group clients-eu',
          'pp accounts --format csv --output-file accounts.csv',
        ),
      ),
  async run(ctx, opts) {
    const filter = accountFilter(opts);
    const client = await openClient(ctx);
    const out = await ctx.exporter(accountsView(ctx, ctx.settings.profileChoice().name));
    const tally = new HealthTally();
    let listed = 0;
    const seen: string[] = []; // for completion (completion/values.ts)
    await ctx.io.out(out.head());
    for await (const rows of listAccounts(ctx, client, undefined, { progress: true })) {
      // One write a page: 250 lines in one go rather than 250 writes (measured: the writes were a
      // fifth of the run over 10,000 accounts).
      const shown: ListedAccount[] = [];
      for (const row of rows) {
        listed++;
        if (row.id && seen.length < accountCacheMax) seen.push(row.id);
        if (!filter.listed(row) || !filter.judged(row)) continue;
        tally.add(row.health);
        shown.push(row);
      }
      await writeRows(ctx.io, out, shown);
    }
    rememberIds(ctx, seen);
    // a mistyped --type is a warning in any format: a script's empty result must not be silent
    const unmatched = filter.unmatched();
    if (unmatched) await ctx.warn(unmatched);
    await out.end(tally.summary(filter.active ? listed : undefined));
    return 0;
  },
});

/**
 * How pp accounts' rows read: `{"account_id", "type", "name", "health", "account", "config_profile"}`
 * in NDJSON (the account as received; the name of pp's profile, which workspace it is), the five account columns in csv, and the creation date in the table (with
 * how long ago where there is room).
 */
function accountsView(ctx: Context, profile: string): RowView<ListedAccount> {
  const created = (row: ListedAccount) => text(row.item?.created_at) ?? '';
  return {
    account: (row) => row,
    json: (row) => ({
      account_id: row.id,
      type: row.item?.type ?? null,
      name: row.item?.name ?? null,
      health: row.health,
      account: row.item,
      config_profile: profile,
    }),
    table: {
      layout: 'held',
      columns: [
        {
          head: 'CREATED',
          value(row) {
            const when = Date.parse(created(row));
            const date = created(row).slice(0, 10);
            return Number.isNaN(when) ? date : `${date} (${ago(new Date(when), ctx.clock.now())})`;
          },
          shorter: (row) => created(row).slice(0, 10),
          otherwise: 'drop',
        },
      ],
    },
  };
}

/**
 * The workspace's ids, whole list read, for the shell to complete (`pp __complete accounts`). Not
 * the sandbox's (completion offers those under --sandbox anyway); a cache that cannot be written
 * changes nothing else.
 */
function rememberIds(ctx: Context, ids: readonly string[]): void {
  if (ctx.sandbox) return;
  try {
    writeAccountCache(ctx.env, cacheOwner(ctx.settings, ctx.globals.baseUrl), ids, ctx.clock.now());
  } catch (err) {
    ctx.verbose(`cannot cache the account ids for completion: ${(err as Error).message}`);
  }
}
