// `pp status`: the health check for cron, CI and monitoring (CLI.md, "Commands: pp status"). Every
// account of the workspace, or the ones named, from the accounts list (no provider call), one
// verdict each, a count line and an exit code; --deep also reads users/me of each account whose
// sources are all OK, through the many-accounts runner (bulk.ts). Machine formats stream in list
// order; the table and the nagios long output hold only the accounts that are not ok, worst first.
import { checkAccount, sourcesOf } from '../api/account.js';
import { type AccountItem, accountPages } from '../api/accounts.js';
import type { Client } from '../api/client.js';
import { openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { ExitCode, jsonError, PpError, usageError } from '../errors.js';
import {
  type Health,
  type HealthState,
  healthExitCode,
  healthOf,
  healthStates,
  stateRank,
  stateTone,
} from '../health.js';
import { accountHeader, accountRow, isDelimited } from '../output/delimited.js';
import { text } from '../output/format.js';
import { formatNames } from '../output/formats.js';
import { compact, maskedWarning, stringify } from '../output/json.js';
import { nagiosAccountLine, nagiosExitCode, nagiosStatus, nagiosStatusLine } from '../output/nagios.js';
import { accountHealthHead, accountHealthSample, statusTail } from '../output/prometheus.js';
import { showable } from '../output/showable.js';
import { healthSummary } from './accounts.js';
import { accountIds, inspectAccount, openIdFile, runMany } from './bulk.js';
import { defineCommand, examples, failOnOption, integer, maxWaitOption, type OptionsOf } from './command.js';

/** The options, typed from the definition below. */
type StatusOptions = OptionsOf<typeof statusCommand>;

/** One account's verdict, as every format reads it. */
interface StatusRow {
  id: string;
  type: string;
  name: string;
  health: Health;
  /** The list item as received; null for a named id the workspace does not have. */
  item: AccountItem | null;
  /** --deep: the users/me body as received (for json), or how reading it failed. */
  profile?: string;
  error?: PpError;
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
    if (ids.some((id) => id.trim() === '')) {
      throw usageError(
        'an account id argument is empty',
        'Pass account ids such as acc_…; check that the variables you pass are set.',
      );
    }
    const output = await StatusOutput.for(ctx, opts.all === true);
    const counts = new Map<HealthState, number>(healthStates.map((s) => [s, 0]));
    const errorCodes = new Set<number>();
    const emit = (row: StatusRow): string => {
      const { state } = row.health;
      const seen = counts.get(state) ?? 0;
      counts.set(state, seen + 1);
      const code = state === 'unknown' ? (row.error?.exitCode ?? ExitCode.notFound) : undefined;
      // what pp exits with if standard output's reader leaves now: what was seen so far (it
      // changes only with a state or an error code seen for the first time)
      if (seen === 0 || (code !== undefined && !errorCodes.has(code))) {
        if (code !== undefined) errorCodes.add(code);
        ctx.setExitCode(healthExitCode(presentStates(counts), errorCodes, opts.failOn === 'warning'));
      }
      return output.row(row);
    };

    try {
      const named = await namedIds(ctx, ids, opts.fromFile);
      const client = await openClient(ctx);
      await ctx.io.out(output.head());
      if (opts.deep) await deepRun(ctx, client, named, opts, emit);
      else {
        for await (const rows of listedRows(ctx, client, named)) {
          let out = ''; // one write a page, as pp accounts does
          for (const row of rows) out += emit(row);
          if (out) await ctx.io.out(out);
        }
      }
      // Ctrl-C during --deep: what was read is no verdict on the fleet either
      if (ctx.signal.aborted) throw new PpError({ exitCode: ExitCode.interrupted, message: 'interrupted' });
    } catch (err) {
      // Never a partial fleet passed for healthy: prometheus says pp_status_success 0 (also when
      // no request could be made: no key, an unreadable id file), the others fail with the
      // error's code (nagios: UNKNOWN, in cli.ts).
      await ctx.io.out(output.failed());
      throw err;
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const summary = healthSummary(total, total, counts, false);
    await ctx.io.out(output.end(counts, summary));
    if (ctx.globals.format === 'nagios') return nagiosExitCode[nagiosStatus(counts)];
    ctx.io.err(summary);
    return healthExitCode(presentStates(counts), errorCodes, opts.failOn === 'warning');
  },
});

export default statusCommand;

/** One Health of each state seen: all healthExitCode reads of them, so memory stays flat. */
const presentStates = (counts: ReadonlyMap<HealthState, number>): Health[] =>
  [...counts].filter(([, n]) => n > 0).map(([state]) => ({ state, reasons: [] }));

/** The ids named by the arguments and --from-file, in order, or undefined for the whole workspace. */
async function namedIds(
  ctx: Context,
  ids: string[],
  fromFile: string | undefined,
): Promise<Set<string> | undefined> {
  if (ids.length === 0 && fromFile === undefined) return undefined;
  const file = fromFile === undefined ? undefined : await openIdFile(ctx, fromFile);
  const named = new Set<string>();
  for await (const id of accountIds(ids, file, ctx.signal)) named.add(id);
  // An emptied id file must not pass for a healthy workspace (a morning check would say all is well).
  if (named.size === 0 && !ctx.signal.aborted) {
    throw usageError(
      `no account ids in ${file?.name ?? 'the arguments'}`,
      'Give one account id a line; blank lines and # comments are skipped.',
    );
  }
  return named;
}

/**
 * The accounts list as rows, page by page (only the named accounts, when some are), then each named
 * id the list did not have, as unknown with errors/resource_not_found.
 */
async function* listedRows(
  ctx: Context,
  client: Client,
  named: Set<string> | undefined,
): AsyncGenerator<StatusRow[]> {
  const missing = named && new Set(named);
  let page = 0;
  for await (const items of accountPages(client)) {
    page++;
    const rows: StatusRow[] = [];
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

function notInWorkspace(id: string): StatusRow {
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

/**
 * --deep: each listed account in list order through the many-accounts runner; users/me is read only
 * for an account whose sources are all OK (the others are judged by their sources already).
 */
async function deepRun(
  ctx: Context,
  listClient: Client,
  named: Set<string> | undefined,
  { concurrency, maxWait }: StatusOptions,
  emit: (row: StatusRow) => string,
): Promise<void> {
  async function* rows(): AsyncGenerator<StatusRow> {
    for await (const page of listedRows(ctx, listClient, named)) yield* page;
  }
  const { readError } = await runMany<StatusRow, StatusRow | undefined>(ctx, {
    items: rows(),
    concurrency,
    maxWaitMs: maxWait === undefined ? undefined : maxWait * 1000,
    async task(client, row) {
      if (row.item === null || row.health.state !== 'ok') return row;
      const outcome = await inspectAccount(ctx, client, row.id, ctx.globals.json);
      if (outcome.kind === 'interrupted') return undefined;
      if (outcome.kind === 'failed') {
        const health = healthOf({ sources: sourcesOf(row.item), error: outcome.error });
        return { ...row, health, error: outcome.error };
      }
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

/** What each format makes of the rows: text to write now (streamed), and at the end. */
abstract class StatusOutput {
  static async for(ctx: Context, all: boolean): Promise<StatusOutput> {
    const { format } = ctx.globals;
    if (format === 'json') return new JsonOutput(ctx);
    if (isDelimited(format)) return new DelimitedOutput(format);
    if (format === 'prometheus') return new PrometheusOutput(ctx);
    if (format === 'nagios') return new NagiosOutput();
    // loaded only for a person: the machine formats never pay for the layout and its width tables
    const [layout, render, width] = await Promise.all([
      import('../output/table.js'),
      import('../output/render.js'),
      import('../output/width.js'),
    ]);
    return new TableOutput(ctx, all, { layout, render, width });
  }

  head(): string {
    return '';
  }
  abstract row(row: StatusRow): string;
  /** After every row: the summary is the count line. */
  abstract end(counts: ReadonlyMap<HealthState, number>, summary: string): string;
  /** When the check failed part-way. */
  failed(): string {
    return '';
  }
}

class JsonOutput extends StatusOutput {
  constructor(private readonly ctx: Context) {
    super();
  }

  row(row: StatusRow): string {
    const { id, type, name, health, item } = row;
    const line = stringify(
      {
        account_id: id,
        type: item ? (item.type ?? null) : null,
        name: item ? (item.name ?? null) : null,
        health,
        account: item,
        ...(row.error ? { error: jsonError(row.error) } : {}),
      },
      this.ctx.io,
    );
    let profile = { text: '', masked: false };
    if (row.profile !== undefined) profile = compact(row.profile, this.ctx.io);
    if (line.masked || profile.masked) void this.ctx.warn(maskedWarning(id || type || name));
    return row.profile === undefined
      ? `${line.text}\n`
      : `${line.text.slice(0, -1)},"profile":${profile.text}}\n`;
  }

  end(): string {
    return '';
  }
}

class DelimitedOutput extends StatusOutput {
  constructor(private readonly format: 'csv' | 'tsv') {
    super();
  }
  override head(): string {
    return accountHeader(this.format);
  }
  row(row: StatusRow): string {
    return accountRow(this.format, row);
  }
  end(): string {
    return '';
  }
}

class PrometheusOutput extends StatusOutput {
  constructor(private readonly ctx: Context) {
    super();
  }
  override head(): string {
    return accountHealthHead();
  }
  row(row: StatusRow): string {
    return accountHealthSample({ ...row, state: row.health.state });
  }
  end(counts: ReadonlyMap<HealthState, number>): string {
    return statusTail(counts, this.ctx.clock.now());
  }
  override failed(): string {
    return statusTail(undefined, this.ctx.clock.now());
  }
}

/** Rows held until the end, worst first: only those not ok (all of them with --all). */
abstract class HeldRows extends StatusOutput {
  protected readonly held: StatusRow[] = [];
  constructor(private readonly all: boolean) {
    super();
  }
  row(row: StatusRow): string {
    if (this.all || row.health.state !== 'ok') this.held.push(row);
    return '';
  }
  /** Worst first; the list's order within a state (sort is stable). */
  protected worstFirst(): StatusRow[] {
    return this.held.sort((a, b) => stateRank(b.health.state) - stateRank(a.health.state));
  }
}

class NagiosOutput extends HeldRows {
  constructor() {
    super(false);
  }
  end(counts: ReadonlyMap<HealthState, number>, summary: string): string {
    const lines = this.worstFirst().map((row) => nagiosAccountLine({ ...row, ...row.health }));
    return nagiosStatusLine(nagiosStatus(counts), summary.trim(), counts) + lines.join('');
  }
}

class TableOutput extends HeldRows {
  constructor(
    private readonly ctx: Context,
    all: boolean,
    private readonly modules: TableModules,
  ) {
    super(all);
  }

  /** ACCOUNT, TYPE, NAME, STATE and what to do, fitted to the terminal: what to do wraps. */
  end(): string {
    const rows = this.worstFirst();
    if (rows.length === 0) return '';
    const { layout, render, width } = this.modules;
    const io = this.ctx.io;
    const p = render.painter(io.stdoutColor);
    const head = ['ACCOUNT', 'TYPE', 'NAME', 'STATE', 'WHAT TO DO'];
    const cells = rows.map((row) =>
      [row.id, row.type, row.name, row.health.state, row.health.reasons.map((r) => r.text).join(' ')].map(
        (cell) => showable(io, cell).replace(/\n/g, ' '),
      ),
    );
    const widest = (i: number) =>
      cells.reduce((w, c) => Math.max(w, width.displayWidth(c[i]!)), width.displayWidth(head[i]!));
    // The one rule of account tables (fitAccountColumns). What to do is beside the row while it
    // gets 30 columns or more; below that it would be a ribbon a word wide, so it goes under its row
    // across the whole width, and the other columns get back the room it leaves.
    const want = {
      id: widest(0),
      type: Math.min(widest(1), 14),
      name: Math.min(widest(2), 24),
      state: widest(3),
    };
    const { table, extra } = layout.accountTable(
      want,
      layout.fitAccountColumns(io.columns, want, { extra: 30 }),
    );
    const beside = extra > 0;
    let out = table.header(head, (s) => p.label(s));
    rows.forEach((row, n) => {
      const tone = stateTone(row.health.state);
      out += table.row(cells[n]!, (s, column) => (column === 3 ? p.tone(tone, s) : s));
      if (!beside && cells[n]![4]) {
        out += `${width
          .wrapText(cells[n]![4]!, io.columns - 4)
          .split('\n')
          .map((line) => `    ${line}`)
          .join('\n')}\n`;
      }
    });
    return out + table.end();
  }
}

interface TableModules {
  layout: typeof import('../output/table.js');
  render: typeof import('../output/render.js');
  width: typeof import('../output/width.js');
}
