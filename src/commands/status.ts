// `pp status`: the health check for cron, CI and monitoring (CLI.md, "Commands: pp status"). Every
// account of the workspace, or the ones named, from the accounts list (no provider call), one
// verdict each, a count line and an exit code; --deep also reads users/me of each account whose
// sources are all OK, through the many-accounts runner. Every format is the exporter's: machine
// formats stream in list order; the table holds the accounts that are not ok, worst first.
import { type ListedAccount, listAccounts } from '../accounts/list.js';
import { inspectAccount, unknownProviderWarning } from '../accounts/owner.js';
import { sourcesOf } from '../api/account.js';
import type { Client } from '../api/client.js';
import { openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { ExitCode, interrupted, jsonError } from '../errors.js';
import { fixCommands, HealthTally, healthOf } from '../health.js';
import { checkIdArguments, namedIds } from '../many/ids.js';
import { runMany } from '../many/runner.js';
import { RawJson, type RowView, reasonColumn } from '../output/exporter.js';
import { formatNames } from '../output/formats/index.js';
import { defineCommand, examples, failOnOption, integer, maxWaitOption, type OptionsOf } from './command.js';

/** The options, typed from the definition below. */
type StatusOptions = OptionsOf<typeof statusCommand>;

/** One account's verdict, as every format reads it. */
interface StatusRow extends ListedAccount {
  /** --deep: the users/me body as received (for json). */
  profile?: string | undefined;
  /** --deep: the profile did not match its schema, or its provider is unknown (for standard error). */
  warning?: string | undefined;
}

const statusCommand = defineCommand({
  path: ['status'],
  formats: formatNames,
  define: (cmd) =>
    cmd
      .description(
        'the health check for scripts and monitoring: every account’s verdict, a summary and an exit code',
      )
      .argument('[account_id...]', 'only these accounts (default: every account of the workspace)')
      .option('--from-file <path>', 'only the account ids in this file, one a line (- for standard input)')
      .option(
        '--deep',
        'also call the providers: users/me of each account whose sources are all OK (seat and restriction warnings)',
      )
      .option('--all', 'table: a row for every account, not only those that are not ok')
      .option('--concurrency <n>', 'requests at once with --deep', integer('--concurrency', 1, 64), 4)
      .addOption(maxWaitOption('with --deep'))
      .addOption(failOnOption())
      .addHelpText(
        'after',
        `${examples(
          'pp status --sandbox',
          'pp status --fail-on warning || notify-ops',
          'pp status --format nagios',
          'pp status --format prometheus > pp.prom.tmp; mv pp.prom.tmp pp.prom',
          'pp status --deep --concurrency 8 --json | jq -c "select(.health.state != \\"ok\\")"',
        )}
Exit: 0 all ok, 5 an account needs its owner, 17 with
--fail-on warning, the code of failed checks, 16 when they
differ; --format nagios: 0-3. Without --deep, pp status
reads only the accounts list (one request per 250
accounts); --deep calls each account's provider.
`,
      ),
  async run(ctx, opts, ids) {
    checkIdArguments(ids);
    const named = await namedIds(ctx, ids, opts.fromFile);
    const client = await openClient(ctx);
    const out = await ctx.exporter(statusView(opts.all === true, ctx.settings.profileChoice().name, ctx));
    const tally = new HealthTally();
    const failOn = opts.failOn === 'warning';
    const emit = (row: StatusRow): string => {
      const code = row.health.state === 'unknown' ? (row.error?.exitCode ?? ExitCode.notFound) : undefined;
      // what pp exits with if standard output's reader leaves now: what was seen so far
      if (tally.add(row.health, code)) ctx.setExitCode(tally.exitCode(failOn));
      return out.row(row);
    };
    await ctx.io.out(out.head());
    if (opts.deep) await deepRun(ctx, client, named, opts, emit);
    else {
      for await (const rows of listAccounts(ctx, client, named, { progress: true })) {
        let page = ''; // one write a page, as pp accounts does
        for (const row of rows) page += emit(row);
        if (page) await ctx.io.out(page);
      }
    }
    // Ctrl-C during --deep: what was read is no verdict on the fleet (the format says so, cli.ts)
    if (ctx.signal.aborted) throw interrupted();
    const summary = tally.summary();
    await out.end(summary);
    return out.exitCode?.(summary) ?? tally.exitCode(failOn);
  },
});

export default statusCommand;

/**
 * How pp status's rows read: NDJSON `{"account_id", "type", "name", "health", "account",
 * "config_profile"}` (the list item as received, the name of pp's profile; with --deep the users/me body as `profile`, or how reading it failed as
 * `error`), the five account columns in csv, and in the table the accounts not ok (every one with
 * --all), worst first, with their reasons, and what to do about each reason after it.
 */
function statusView(all: boolean, profile: string, ctx: Context): RowView<StatusRow> {
  return {
    account: (row) => row,
    json: (row) => ({
      account_id: row.id,
      type: row.item ? (row.item.type ?? null) : null,
      name: row.item ? (row.item.name ?? null) : null,
      health: row.health,
      account: row.item,
      config_profile: profile,
      ...(row.error ? { error: jsonError(row.error) } : {}),
      ...(row.profile === undefined ? {} : { profile: new RawJson(row.profile) }),
    }),
    table: {
      layout: 'held',
      shows: all ? undefined : (row) => row.health.state !== 'ok',
      worstFirst: true,
      columns: [reasonColumn<StatusRow>({ account: (row) => row })],
      // with the pp command that does it, where there is one (pp accounts reconnect acc_…)
      advice: (code, ids, count) => fixCommands(code, ids, count, ctx.ppCommand('')),
    },
  };
}

/**
 * --deep: each listed account in list order through the many-accounts runner; users/me is read only
 * for an account whose sources are all OK (the others are judged by their sources already).
 */
async function deepRun(
  ctx: Context,
  listClient: Client,
  named: ReadonlySet<string> | undefined,
  { concurrency, maxWait }: StatusOptions,
  emit: (row: StatusRow) => string,
): Promise<void> {
  async function* rows(): AsyncGenerator<StatusRow> {
    for await (const page of listAccounts(ctx, listClient, named)) yield* page;
  }
  const { readError } = await runMany<StatusRow, StatusRow | undefined>(ctx, {
    items: rows(),
    concurrency,
    maxWaitMs: maxWait,
    async task(client, row) {
      if (row.item === null || row.health.state !== 'ok') return row;
      const outcome = await inspectAccount(ctx, client, row.id, ctx.globals.json);
      if (outcome.kind === 'interrupted') return undefined;
      if (outcome.kind === 'failed') {
        const health = healthOf({ sources: sourcesOf(row.item), error: outcome.error });
        return { ...row, health, error: outcome.error };
      }
      if (outcome.unknownProvider)
        await ctx.warnOnce(
          `provider ${outcome.unknownProvider}`,
          unknownProviderWarning(outcome.unknownProvider, row.id),
        );
      return { ...row, health: outcome.health, profile: outcome.body, warning: outcome.warning };
    },
    failed: (row) => row?.error !== undefined,
    async sink(row, progress) {
      if (!row) return;
      const out = emit(row);
      if (!out && !row.warning) return;
      progress?.clear(); // the row or the warning would land on the progress line
      if (row.warning) await ctx.warn(row.warning);
      await ctx.io.out(out);
    },
  });
  if (readError !== undefined) throw readError;
}
