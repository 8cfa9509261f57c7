// `pp accounts reconnect [<id>...] [--from-file <path>] [--needing]`: for each account, a fresh
// hosted reconnect link (`POST /api/v1/hosted/accounts/link`) that its owner opens to reconnect it
// (QR code, credentials, OAuth, 2FA on postpress' page: pp never handles a credential), with when it
// expires. --needing: every account of the workspace whose health is action_needed or stopped.
// Table (the link whole, under its row when there is no room beside), NDJSON, csv/tsv for a mail
// merge. Many accounts go through the many-accounts runner (one gate, one 429 slows the run); more
// than one is asked first on a terminal (--yes off one); --dry-run prints the requests and sends
// none. A link is a bearer secret of the moment: it goes to standard output only, never to a
// --verbose line, an error or the progress line.
import { Option } from '@commander-js/extra-typings';
import { type AccountFilter, accountFilter, filterOptions } from '../accounts/filters.js';
import { type ListedAccount, listAccounts } from '../accounts/list.js';
import { stoppedBy } from '../accounts/poll.js';
import { sourcesOf } from '../api/account.js';
import { type LinkRequest, linkWrite, requestLink } from '../api/actions.js';
import { dryRunText } from '../api/dry-run.js';
import { apiBaseUrl, openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { ExitCode, jsonError, type PpError, toPpError, usageError } from '../errors.js';
import { type Health, HealthTally, healthExitCode, healthOf } from '../health.js';
import { checkIdArguments, namedIds } from '../many/ids.js';
import { runMany } from '../many/runner.js';
import type { Column, RowView } from '../output/exporter.js';
import { ago, utc } from '../output/format.js';
import { listFormats } from '../output/formats/index.js';
import { askFirst } from '../output/prompt.js';
import { displayWidth } from '../output/width.js';
import {
  DAY_MS,
  defineCommand,
  duration,
  examples,
  formatDuration,
  integer,
  type OptionsOf,
} from './command.js';

type ReconnectOptions = OptionsOf<typeof reconnectCommand>;

/** An account to make a link for: what is known of it before (all of it with --needing). */
interface Target {
  id: string;
  type: string;
  name: string;
  health?: Health | undefined;
}

/** One account's outcome: its link, or why there is none. */
interface LinkRow extends Target {
  health: Health;
  link?: { url: string; expiresAt: Date } | undefined;
  error?: PpError | undefined;
}

type Outcome = LinkRow | { interrupted: true };

/** An http(s) URL for the redirects and the webhook, checked before anything is sent. */
const httpUrl = (name: string) => (value: string) => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw usageError(`${name} takes a full http(s) URL, such as https://example.com/done`);
  return value;
};

const reconnectCommand = defineCommand({
  path: ['accounts', 'reconnect'],
  formats: listFormats,
  define: (cmd) =>
    filterOptions(
      cmd
        .description(
          'a fresh hosted link per account that its owner opens to reconnect it, and when it expires',
        )
        .argument('[account_id...]', 'the accounts (or --from-file, or --needing)')
        .option('--from-file <path>', 'the account ids in this file, one a line (- for standard input)')
        .option(
          '--needing',
          'every account of the workspace whose health is action_needed or stopped (--type, --state, --group narrow it)',
        ),
    )
      .addOption(
        new Option(
          '--expires <duration>',
          'how long the links work, at most 24h (they also die at the service’s daily restart)',
        )
          .argParser(duration('--expires', { min: 60_000, max: DAY_MS }))
          .default(3_600_000, '1h'),
      )
      .option('--name <text>', 'a name sent to --notify-url with the result (default: the account id)')
      .option('--success-url <url>', 'where the owner lands once reconnected', httpUrl('--success-url'))
      .option('--failure-url <url>', 'where the owner lands if it failed', httpUrl('--failure-url'))
      .option(
        '--notify-url <url>',
        'a webhook postpress calls when the owner is done',
        httpUrl('--notify-url'),
      )
      .option('--dry-run', 'print each request that would be sent (the key masked), and send none')
      .option('-y, --yes', 'do not ask first (required off a terminal for more than one account)')
      .option('--qr', 'on a terminal, also draw each link as a QR code for the owner to scan')
      .option('--concurrency <n>', 'requests at once', integer('--concurrency', 1, 64), 4)
      .addHelpText(
        'after',
        `${examples(
          'pp accounts reconnect acc_…',
          'pp --sandbox accounts reconnect acc_demo_instagram_credentials --qr',
          'pp accounts reconnect --needing --yes --format csv > links.csv',
          'pp accounts reconnect --needing --dry-run',
          'pp accounts reconnect acc_… --expires 24h --notify-url https://example.com/hook --json',
        )}
A link works once, for --expires or until the service's
daily restart, whichever comes first: send it today.
Exit codes as for many accounts: 0 every link made, the
shared code of those that failed, else 16.
`,
      ),
  async run(ctx, opts, ids): Promise<number> {
    checkIdArguments(ids);
    if (opts.needing && (ids.length > 0 || opts.fromFile !== undefined))
      throw usageError(
        '--needing takes every account that needs its owner: name no account with it',
        'Give --needing alone, or the account ids.',
      );
    const filter = accountFilter(opts);
    if (filter.active && !opts.needing)
      throw usageError(
        '--type, --state and --group choose among the accounts --needing reads',
        'Give them with --needing, or name the accounts.',
      );
    if (!opts.needing && ids.length === 0 && opts.fromFile === undefined)
      throw usageError(
        'no account given',
        'Name the accounts (pp accounts reconnect acc_…), give --from-file, or --needing for every account that needs its owner.',
      );
    let qr = opts.qr === true;
    if (qr && ctx.globals.format !== 'table')
      throw usageError(
        `--qr draws on a terminal, not in --format ${ctx.globals.format}`,
        'Leave out one of them.',
      );
    if (qr && !ctx.io.stdout.isTTY) {
      await ctx.warn('--qr draws QR codes on a terminal only: standard output is not one, so there are none');
      qr = false;
    }
    const targets = await targetsOf(ctx, ids, opts, filter);
    if (targets.length === 0) {
      // only --needing can come to none (an emptied --from-file is a usage error)
      ctx.note('No account needs its owner: no link to make.');
      const out = await ctx.exporter(linkView(ctx));
      await ctx.io.out(out.head());
      return ExitCode.ok;
    }
    const baseUrl = await apiBaseUrl(ctx);
    const expiresAt = new Date(ctx.clock.now() + opts.expires);
    const request = (target: Target): LinkRequest => ({
      accountId: target.id,
      apiUrl: baseUrl,
      expiresAt,
      name: opts.name,
      successUrl: opts.successUrl,
      failureUrl: opts.failureUrl,
      notifyUrl: opts.notifyUrl,
    });
    if (opts.dryRun) return dryRun(ctx, targets, request);
    if (targets.length > 1) {
      const which = opts.needing ? 'every account that needs its owner' : 'these accounts';
      const go = await askFirst(ctx.io, {
        yes: opts.yes === true,
        question: `pp accounts reconnect: make a new reconnect link for each of ${targets.length} accounts (${which})? [y/N] `,
        refusal: `pp accounts reconnect would make links for ${targets.length} accounts: that needs --yes when standard input is not a terminal`,
        hint: 'Add --yes to go ahead (or --dry-run to see the requests first).',
      });
      if (!go) {
        ctx.io.err('Nothing sent.\n');
        return ExitCode.ok;
      }
    }
    return makeLinks(ctx, targets, request, opts, qr, expiresAt);
  },
});

export default reconnectCommand;

/**
 * The accounts to make links for, all known before anything is sent (asking first names how
 * many): with --needing, those of the list whose health is action_needed or stopped (the list is
 * read, even for --dry-run); else the ids given, once each, in order.
 */
async function targetsOf(
  ctx: Context,
  ids: string[],
  opts: ReconnectOptions,
  filter: AccountFilter,
): Promise<Target[]> {
  if (!opts.needing) {
    const named = await namedIds(ctx, ids, opts.fromFile);
    return [...(named ?? [])].map((id) => ({ id, type: '', name: '' }));
  }
  const client = await openClient(ctx);
  const targets: Target[] = [];
  for await (const rows of listAccounts(ctx, client, undefined, { progress: true }))
    for (const row of rows)
      if (needsOwner(row) && filter.listed(row) && filter.judged(row)) targets.push(row);
  const unmatched = filter.unmatched();
  if (unmatched) await ctx.warn(unmatched);
  return targets;
}

const needsOwner = (row: ListedAccount): boolean =>
  row.health.state === 'action_needed' || row.health.state === 'stopped';

/**
 * --dry-run: each request as the client would send it (client.prepare: the headers with the key
 * masked and the Idempotency-Key it would carry, the body as sent), in pp api's layout (dry-run.ts).
 */
async function dryRun(
  ctx: Context,
  targets: readonly Target[],
  request: (target: Target) => LinkRequest,
): Promise<number> {
  const client = await openClient(ctx);
  const texts = targets.map((target) =>
    dryRunText(client.prepare({ ...linkWrite(request(target)), accountId: target.id }), ctx.globals.json),
  );
  // for a person, a blank line between two requests
  await ctx.io.out(texts.join(ctx.globals.json ? '' : '\n'));
  ctx.note(`--dry-run: ${targets.length} request${targets.length === 1 ? '' : 's'} printed, none sent.`);
  return ExitCode.ok;
}

/** The links, many at once through the runner, each row out as soon as the order allows. */
async function makeLinks(
  ctx: Context,
  targets: readonly Target[],
  request: (target: Target) => LinkRequest,
  opts: ReconnectOptions,
  qr: boolean,
  expiresAt: Date,
): Promise<number> {
  const out = await ctx.exporter(linkView(ctx));
  const widestId = targets.reduce((w, t) => Math.max(w, displayWidth(t.id)), 0);
  const errorCodes: number[] = [];
  const tally = new HealthTally();
  let made = 0;
  let headed = false;
  const head = () => {
    if (headed) return '';
    headed = true;
    return out.head();
  };
  async function* items(): AsyncGenerator<Target> {
    yield* targets;
  }
  await runMany<Target, Outcome>(ctx, {
    items: items(),
    concurrency: opts.concurrency,
    async task(client, target): Promise<Outcome> {
      let known = target;
      try {
        // named ids: the account first, for its type, name and state (and a wrong id fails here)
        if (!known.health) {
          const { data } = await client.fetchAccount(target.id);
          known = {
            id: target.id,
            type: typeof data.type === 'string' ? data.type : '',
            name: typeof data.name === 'string' ? data.name : '',
            health: healthOf({ sources: sourcesOf(data) }),
          };
        }
        const url = await requestLink(client, request(known));
        return { ...known, health: known.health!, link: { url, expiresAt } };
      } catch (err) {
        if (ctx.signal.aborted) return { interrupted: true };
        const error = toPpError(err);
        error.accountId ??= target.id;
        return { ...known, health: known.health ?? healthOf({ error }), error };
      }
    },
    failed: (outcome) => 'error' in outcome && outcome.error !== undefined,
    async sink(outcome, progress, ahead) {
      if ('interrupted' in outcome) return;
      tally.add(outcome.health);
      if (outcome.error) {
        errorCodes.push(outcome.error.exitCode);
        ctx.setExitCode(healthExitCode([], errorCodes, false));
      } else made++;
      progress?.clear();
      // the table and csv have no room for why: standard error says it (a JSON line has it)
      if (outcome.error && !ctx.globals.json)
        await ctx.warn(
          `no link for ${outcome.id}: ${outcome.error.message}${outcome.error.hint ? `. ${outcome.error.hint}` : ''}`,
        );
      // A streamed table is sized at its first row: from every account to come, whose type, name
      // and state are known from the list with --needing (named ids are read one by one).
      const sizing = () => ({
        rows: targets.map((t) => ({ ...t, health: t.health ?? outcome.health, link: outcome.link })),
        pending: targets.some((t) => !t.health) && ahead().pending,
        widestId,
      });
      await ctx.io.out(head() + out.row(outcome, sizing));
      if (qr && outcome.link) {
        const { qrCode } = await import('../output/qr.js');
        await ctx.io.out(
          `\n  Scan to reconnect ${outcome.id}:\n${await qrCode(outcome.link.url, ctx.io.stdoutColor)}\n`,
        );
      }
    },
  });
  if (ctx.signal.aborted) {
    ctx.io.err(`${stoppedBy(ctx)}: ${made} of ${targets.length} links made\n`);
    return ExitCode.interrupted;
  }
  const failed = errorCodes.length;
  const when = `${utc(expiresAt)} (${ago(expiresAt, ctx.clock.now())})`;
  await out.end({
    counts: tally.counts,
    line:
      `${made} link${made === 1 ? '' : 's'} made${failed ? `, ${failed} failed` : ''}` +
      (made
        ? `; each works once, until ${when} or the service’s daily restart (--expires ${formatDuration(opts.expires)})`
        : ''),
  });
  return healthExitCode([], errorCodes, false);
}

/**
 * How the rows read: NDJSON `{"account_id", "type", "name", "health", "link": {"url",
 * "expires_at"}}` (`link` null and `error` beside it for an account with none); csv and tsv
 * `account_id,type,name,state,url,expires_at` for a mail merge; in the table ID, TYPE, NAME, STATE,
 * then LINK, whole (under its row when there is no room beside), and EXPIRES where there is room.
 */
function linkView(ctx: Context): RowView<LinkRow> {
  const expires = (row: LinkRow) => row.link?.expiresAt.toISOString() ?? '';
  const view: RowView<LinkRow> = {
    account: (row) => ({ id: row.id, type: row.type, name: row.name, health: row.health }),
    json: (row) => ({
      account_id: row.id,
      type: row.type || null,
      name: row.name || null,
      health: row.health,
      link: row.link ? { url: row.link.url, expires_at: row.link.expiresAt.toISOString() } : null,
      ...(row.error ? { error: jsonError(row.error) } : {}),
    }),
    columns: [
      { name: 'account_id', value: (row) => row.id },
      { name: 'type', value: (row) => row.type },
      { name: 'name', value: (row) => row.name },
      { name: 'state', value: (row) => row.health.state },
      { name: 'url', value: (row) => row.link?.url ?? '' },
      { name: 'expires_at', value: expires },
    ] satisfies Column<LinkRow>[],
    table: {
      layout: 'stream',
      cells: (row) => (row.type || row.name ? {} : { type: '-', name: '-' }),
      columns: [
        {
          head: 'LINK',
          value: (row) => row.link?.url ?? `none: ${row.error?.type ?? row.error?.message ?? 'failed'}`,
          otherwise: 'under',
        },
        {
          head: 'EXPIRES',
          value: (row) =>
            row.link ? `${utc(row.link.expiresAt)} (${ago(row.link.expiresAt, ctx.clock.now())})` : '',
          shorter: (row) => (row.link ? utc(row.link.expiresAt) : ''),
          otherwise: 'drop',
        },
      ],
    },
  };
  return view;
}
