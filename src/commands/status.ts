// `pp status`: the health check for cron, CI and monitoring (CLI.md, "Commands: pp status"). Every
// account of the workspace, or the ones named, from the accounts list (no provider call), one
// verdict each, a count line and an exit code; --deep also reads users/me of each account whose
// sources are all OK, through the many-accounts runner. Every format is the exporter's: machine
// formats stream in list order; the table holds the accounts that are not ok, worst first. Each
// run remembers every account's state (memory/): each row carries since, previous and change,
// --changes keeps only the rows that changed (and the exit code is theirs), --no-state forgets.
import { accountFilter, filterOptions } from '../accounts/filters.js';
import { type ListedAccount, listAccounts } from '../accounts/list.js';
import { inspectAccount, unknownProviderWarning } from '../accounts/owner.js';
import { sourcesOf } from '../api/account.js';
import type { Client } from '../api/client.js';
import { openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { ExitCode, interrupted, jsonError, usageError } from '../errors.js';
import { fixCommands, type Health, HealthTally, healthOf } from '../health.js';
import { checkIdArguments, namedIds } from '../many/ids.js';
import { runMany } from '../many/runner.js';
import { ChangeTally } from '../memory/changes.js';
import { openMemory, type RunMemory } from '../memory/memory.js';
import {
  columnsOf,
  RawJson,
  type Remembered,
  type RowView,
  reasonColumn,
  type Summary,
  writeRows,
} from '../output/exporter.js';
import { ago, compactSpan } from '../output/format.js';
import { formatNames } from '../output/formats/index.js';
import {
  defineCommand,
  examples,
  failOnOption,
  integer,
  maxWaitOption,
  type OptionsOf,
  outputFileOption,
} from './command.js';

/** The options, typed from the definition below. */
type StatusOptions = OptionsOf<typeof statusCommand>;

/** One account's verdict as read. */
interface StatusRow extends ListedAccount {
  /** --deep: the users/me body as received (for json). */
  profile?: string | undefined;
  /** --deep: the profile did not match its schema, or its provider is unknown (for standard error). */
  warning?: string | undefined;
  /** What pp remembers of it (none with --no-state). */
  memory?: Remembered | undefined;
}

/** A row as every format reads it: an account read, or one gone from the workspace. */
interface ShownRow extends Omit<StatusRow, 'health'> {
  /** null: no longer in the workspace (memory.change is removed). */
  health: Health | null;
}

const statusCommand = defineCommand({
  path: ['status'],
  formats: formatNames,
  define: (cmd) => {
    // Which of --state (the filter) and --no-state (no memory) the command line gave: commander
    // keeps both in one option value (the second is the first's negation), where the last would
    // silently win over the other, so both at once are refused. One definition per pp run.
    const stateFlags = new Set<string>();
    return filterOptions(
      cmd
        .description(
          'the health check for scripts and monitoring: every account’s verdict, a summary and an exit code',
        )
        .argument('[account_id...]', 'only these accounts (default: every account of the workspace)'),
    )
      .option('--from-file <path>', 'only the account ids in this file, one a line (- for standard input)')
      .option(
        '--deep',
        'also call the providers: users/me of each account whose sources are all OK (seat and restriction warnings)',
      )
      .option('--all', 'table: a row for every account, not only those that are not ok')
      .option('--concurrency <n>', 'requests at once with --deep', integer('--concurrency', 1, 64), 4)
      .addOption(maxWaitOption('with --deep'))
      .addOption(failOnOption())
      .addOption(outputFileOption())
      .option(
        '--changes',
        'only the accounts whose state changed since the last run; the exit code is theirs alone',
      )
      .option('--no-state', 'neither read nor write what pp status remembers (PP_STATE_DIR)')
      .on('option:state', () => stateFlags.add('--state'))
      .on('option:no-state', () => stateFlags.add('--no-state'))
      .hook('preAction', () => {
        if (stateFlags.size > 1)
          throw usageError(
            '--state and --no-state are two options: give one of them',
            '--state <state> keeps the accounts in that state; --no-state turns pp status’s memory off. To filter without the memory, pipe --json through jq.',
          );
      })
      .addHelpText(
        'after',
        `${examples(
          'pp status --sandbox',
          'pp status --fail-on warning || notify-ops',
          'pp status --format nagios',
          'pp status --group clients-eu --type linkedin',
          'pp status --format prometheus --output-file pp.prom',
          'pp status --deep --concurrency 8 --json | jq -c "select(.health.state != \\"ok\\")"',
          'pp status --changes',
        )}
Exit: 0 all ok, 5 an account needs its owner, 17 with
--fail-on warning, the code of failed checks, 16 when they
differ; --format nagios: 0-3. Without --deep, pp status
reads only the accounts list (one request per 250
accounts); --deep calls each account's provider.
Each run remembers every account's state, per profile, in
PP_STATE_DIR: rows say since when, the state before and
the change; --changes shows only what changed (a standing
problem exits 0, a new one 5), and prints nothing at all
off a terminal when nothing did (cron mails nothing).
`,
      );
  },
  async run(ctx, opts, ids) {
    checkIdArguments(ids);
    // opts.state: a --state filter (a string), or false with --no-state
    const remember = opts.state !== false;
    if (opts.changes && !remember)
      throw usageError(
        '--changes needs what pp status remembers, and --no-state turns that off',
        'Give one of them.',
      );
    const filter = accountFilter({ type: opts.type, group: opts.group, state: opts.state || undefined });
    const named = await namedIds(ctx, ids, opts.fromFile);
    const client = await openClient(ctx);
    const profile = ctx.settings.profileChoice().name;
    const now = ctx.clock.now();
    // The list's first page is asked for before the memory is read: reading and parsing it (~14 ms
    // at 10,000 accounts, `npm run bench`) happens while the page is on its way.
    const pages = opts.deep ? undefined : listAccounts(ctx, client, named, { progress: true });
    const first = pages?.next();
    first?.catch(() => {}); // awaited below, where a failure is thrown
    if (first) await new Promise((resolve) => setImmediate(resolve)); // the request goes out
    const memory = remember ? await recall(ctx, profile, opts.deep === true, now) : undefined;
    const out = await ctx.exporter(
      statusView({
        all: opts.all === true,
        changes: opts.changes === true,
        remembering: memory !== undefined,
        profile,
        now,
        pp: ctx.ppCommand(''),
      }),
    );
    const tally = new HealthTally();
    const changes = new ChangeTally();
    const failOn = opts.failOn === 'warning';
    let listed = 0;
    // the list's facts (type, groups) filter before users/me is asked; the verdict, after
    const fromList = (row: StatusRow): boolean => {
      listed++;
      return filter.listed(row);
    };
    /** Whether a row of the list is shown, after pp status has judged and remembered it. */
    const shows = (row: StatusRow): boolean => {
      // a filtered run, like one of named ids, remembers only the accounts it shows
      if (!filter.judged(row)) return false;
      if (memory) {
        const seen = memory.see(row, row.item !== null);
        // the row itself, not a copy: 100,000 copies were ~300 ms of a run (measured)
        row.health = seen.health;
        row.memory = seen.memory;
        changes.add(seen.memory.change, seen.flapping);
        // --changes: a standing state is not reported, and does not count towards the exit code
        if (opts.changes && seen.memory.change === 'same') return false;
      }
      const code = row.health.state === 'unknown' ? (row.error?.exitCode ?? ExitCode.notFound) : undefined;
      // what pp exits with if standard output's reader leaves now: what was seen so far
      if (tally.add(row.health, code)) ctx.setExitCode(tally.exitCode(failOn));
      return true;
    };
    const emit = (row: StatusRow): string => (shows(row) ? out.row(row) : '');
    // What was seen is remembered once: at the end, or when pp ends before it (main.ts ends the
    // process at once when standard output's reader has gone, `pp status | head`; a second Ctrl-C):
    // without this, a run always cut short that way would never move its memory on.
    let saved = false;
    const save = (): string | undefined => {
      if (saved) return undefined;
      saved = true;
      return memory?.save();
    };
    const removeAtExit = ctx.onExit(() => void save());
    await ctx.io.out(out.head());
    try {
      if (pages && first) {
        try {
          for (let next = await first; !next.done; next = await pages.next()) {
            // one write a page, as pp accounts does
            await writeRows(
              ctx.io,
              out,
              next.value.filter((row) => fromList(row) && shows(row)),
            );
          }
        } finally {
          await pages.return(undefined);
        }
      } else await deepRun(ctx, client, named, opts, fromList, emit);
      // Ctrl-C during --deep: what was read is no verdict on the fleet (the format says so, cli.ts)
      if (ctx.signal.aborted) throw interrupted();
      // the whole list was read and shown: what the last one had and this one lacks is gone (not
      // counted); a run of named ids or a filtered one says nothing of the accounts it left out
      if (memory && named === undefined && !filter.active) {
        let gone = '';
        for (const account of memory.gone()) {
          changes.add('removed');
          gone += out.row({ ...account, health: null, item: null, memory: account.memory });
        }
        if (gone) await ctx.io.out(gone);
      }
    } finally {
      // what was read is remembered even when the run failed part-way (and then nobody is removed)
      removeAtExit();
      const warning = save();
      if (warning) await ctx.warn(warning);
    }
    const unmatched = filter.unmatched();
    if (unmatched) await ctx.warn(unmatched);
    const counted = tally.summary(filter.active || opts.changes ? listed : undefined);
    const summary: Summary = memory
      ? {
          ...counted,
          line: `${changes.line()}; ${counted.line}`,
          changes: changes.counts,
          quiet: opts.changes === true && changes.none,
        }
      : counted;
    await out.end(summary);
    return out.exitCode?.(summary) ?? tally.exitCode(failOn);
  },
});

export default statusCommand;

/** What the profile's pp status (or pp status --deep) remembers; a warning when it cannot. */
async function recall(
  ctx: Context,
  profile: string,
  deep: boolean,
  now: number,
): Promise<RunMemory | undefined> {
  const { memory, warning } = openMemory({
    env: ctx.env,
    profile,
    sandbox: ctx.sandbox,
    kind: deep ? 'deep' : 'list',
    now,
  });
  if (warning) await ctx.warn(warning);
  return memory;
}

/**
 * How pp status's rows read: NDJSON `{"account_id", "type", "name", "health", "since", "previous",
 * "change", "account", "config_profile"}` (the list item as received, the name of pp's profile;
 * with --deep the users/me body as `profile`, or how reading it failed as `error`;
 * since/previous/change null with --no-state), the five account columns then since, previous and
 * change in csv, and in the table the accounts not ok (every one with --all; with --changes,
 * every row that comes), worst first, with their reasons, since when and the state before, and
 * what to do about each reason after it. An account gone from the workspace has no health (null,
 * an empty state in csv) and its type and name as remembered.
 */
function statusView({
  all,
  changes,
  remembering,
  profile,
  now,
  pp,
}: {
  all: boolean;
  changes: boolean;
  /** Whether this run reads and writes memory: without it (--no-state) no SINCE or PREVIOUS. */
  remembering: boolean;
  profile: string;
  now: number;
  /** pp as this run was typed (--sandbox, --profile): the commands after WHAT TO DO start so. */
  pp: string;
}): RowView<ShownRow> {
  const view: RowView<ShownRow> = {
    account: (row) => row,
    json: (row) => ({
      account_id: row.id,
      type: row.item ? (row.item.type ?? null) : row.type || null,
      name: row.item ? (row.item.name ?? null) : row.name || null,
      health: row.health,
      since: row.memory?.since ?? null,
      previous: row.memory?.previous ?? null,
      change: row.memory?.change ?? null,
      account: row.item,
      config_profile: profile,
      ...(row.error ? { error: jsonError(row.error) } : {}),
      ...(row.profile === undefined ? {} : { profile: new RawJson(row.profile) }),
    }),
    table: {
      layout: 'held',
      shows: all || changes ? undefined : (row) => row.health?.state !== 'ok',
      worstFirst: true,
      // the table's "stopped for 3 days" (CLI.md): STATE is the state alone, since when beside it,
      // first of the columns that give way, and short ("3d") before it does
      columns: remembering
        ? [
            {
              head: 'SINCE',
              value: (row) => (row.memory ? sinceWords(row.memory, now) : ''),
              shorter: (row) => (row.memory ? sinceShort(row.memory, now) : ''),
              otherwise: 'drop',
            },
            reasonColumn<ShownRow>({ account: (row) => row }),
            { head: 'PREVIOUS', value: (row) => row.memory?.previous ?? '', otherwise: 'drop' },
          ]
        : [reasonColumn<ShownRow>({ account: (row) => row })],
      // with the pp command that does it, where there is one (pp accounts reconnect acc_…)
      advice: (code, ids, count) => fixCommands(code, ids, count, pp),
    },
  };
  view.columns = columnsOf(
    view,
    { name: 'since', value: (row) => row.memory?.since ?? '' },
    { name: 'previous', value: (row) => row.memory?.previous ?? '' },
    { name: 'change', value: (row) => row.memory?.change ?? '' },
  );
  return view;
}

/**
 * SINCE in the table: "3 days ago"; "now" when the state changed in this run (or the account left
 * the workspace); "first seen" with nothing remembered; "first seen 3 days ago" while no change into
 * the state was seen, so that it may have been so for longer than pp knows.
 */
function sinceWords(memory: Remembered, now: number): string {
  if (memory.change !== 'same') return memory.previous === null ? 'first seen' : 'now';
  const since = new Date(memory.since);
  if (!memory.firstSeen) return ago(since, now);
  // within a minute of it, still "first seen": "first seen just now" says no more
  return now - since.getTime() < 60_000 ? 'first seen' : `first seen ${ago(since, now)}`;
}

/** SINCE when the table is narrow: "now", "new" (first seen), "3d", "3d+" (first seen 3 days ago). */
function sinceShort(memory: Remembered, now: number): string {
  if (memory.change !== 'same') return memory.previous === null ? 'new' : 'now';
  const seconds = (now - Date.parse(memory.since)) / 1000;
  if (memory.firstSeen && seconds < 60) return 'new';
  const long = compactSpan(seconds);
  return memory.firstSeen ? `${long}+` : long;
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
  fromList: (row: StatusRow) => boolean,
  emit: (row: StatusRow) => string,
): Promise<void> {
  async function* rows(): AsyncGenerator<StatusRow> {
    for await (const page of listAccounts(ctx, listClient, named))
      for (const row of page) if (fromList(row)) yield row;
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
