// The one exporter (after gh's cmdutil.Exporter): every command that prints a row per account
// hands its rows to the Exporter built from the global --format, and says once, in a RowView, how
// its rows read (the account each is about, its NDJSON line, its csv columns, what its table adds).
// A format is one file under output/formats/ and one line in formats/index.ts; the commands never
// branch on the format.
import type { Clock } from '../deps.js';
import type { PpError } from '../errors.js';
import type { Io } from './io.js';
import type { Health, HealthState } from './model.js';

/**
 * How an account's state moved since the last pp status (CLI.md, "Memory: what changed"), by the
 * severity order of the states: new_problem (was ok or unseen, now not ok), worse, better (between
 * two states that are not ok), recovered (now ok, was not), same (also an account first seen ok),
 * removed (in the last complete list, not in this one).
 */
export type Change = 'new_problem' | 'worse' | 'better' | 'recovered' | 'same' | 'removed';

/** What pp status remembers of an account, in every format beside its health. */
export interface Remembered {
  /** When pp first saw the account in its current state (ISO 8601); this run's time when new. */
  since: string;
  /** The state before this one, or null when pp saw none (first seen, or removed: the last one). */
  previous: HealthState | null;
  change: Change;
  /**
   * No transition into this state was ever seen: `since` is when pp first saw the account at all,
   * and it may have been so for longer (the table says "first seen", or "for 3+ days").
   */
  firstSeen: boolean;
}

/** What every format shows of the account a row is about. */
export interface AccountFacts {
  id: string;
  /** The provider type as the list sends it (LINKEDIN, GOOGLE_OAUTH); '' when unknown. */
  type: string;
  name: string;
  /** null: the account is no longer in the workspace (memory.change is `removed`). */
  health: Health | null;
  /** pp status: what it remembers; undefined with --no-state and in other commands. */
  memory?: Remembered | undefined;
}

/** A csv/tsv column: its header and its value in a row. */
export interface Column<R> {
  name: string;
  value(row: R): string;
}

/** account_id,type,name,state,reasons: the columns every account row has (reasons as codes). */
const accountColumns: readonly Column<AccountFacts>[] = [
  { name: 'account_id', value: (a) => a.id },
  { name: 'type', value: (a) => a.type },
  { name: 'name', value: (a) => a.name },
  { name: 'state', value: (a) => a.health?.state ?? '' },
  { name: 'reasons', value: (a) => a.health?.reasons.map((r) => r.code).join(';') ?? '' },
];

/** The five account columns of a view's rows, and then `more` (what a command adds). */
export const columnsOf = <R>(view: Pick<RowView<R>, 'account'>, ...more: Column<R>[]): Column<R>[] => [
  ...accountColumns.map((c) => ({ name: c.name, value: (row: R) => c.value(view.account(row)) })),
  ...more,
];

/** REASON in a table of accounts: the codes of its health's reasons (csv's reasons, pp help health). */
export const reasonColumn = <R>(view: Pick<RowView<R>, 'account'>): TableColumn<R> => ({
  head: 'REASON',
  value: (row) => (view.account(row).health?.reasons ?? []).map((r) => r.code).join(', '),
  otherwise: 'drop',
});

/** A value written into a JSON line as it came (a server's body), never parsed and written again. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** How a command's rows read, in every format it takes. */
export interface RowView<R> {
  /** The account a row is about. */
  account(row: R): AccountFacts;
  /** Its NDJSON line: RawJson values are spliced in as received, after the other members. */
  json(row: R): Record<string, unknown>;
  /** csv and tsv: the columns in order; by default the five account columns of `account(row)`. */
  columns?: readonly Column<R>[];
  /** What the table shows beyond ID, TYPE, NAME and STATE, and how it is laid out. */
  table: TableView<R>;
}

export interface TableView<R> {
  /**
   * 'held': the rows wait until the end, so the columns fit them all, whichever page they came on
   * (pp accounts, pp status). 'stream': each row prints when it comes, the widths set at the first
   * from what is known then (many-account pp profile, which a person watches come in).
   */
  layout: 'held' | 'stream';
  /** Only these rows are shown (pp status: those not ok, but with --all). */
  shows?(row: R): boolean;
  /** Held rows worst first (the list's order within a state). */
  worstFirst?: boolean;
  /** The TYPE and NAME cells, where they say more than the account's. */
  cells?(row: R): { type?: string; name?: string };
  /** Columns after STATE, in order: a reason, a date, a link. */
  columns?: readonly TableColumn<R>[];
  /**
   * After the table, what to do about each reason the rows shown have, once per reason with the
   * accounts that have it (rather than the same sentences under every row). Given as a function,
   * the commands that do it too, given the reason's code and its accounts (the first ten of
   * `count`): `pp accounts reconnect acc_…`.
   */
  advice?: boolean | AdviceCommands;
}

/** The commands that do what a reason says, for the accounts that have it (the first ids of `count`). */
export type AdviceCommands = (code: string, ids: readonly string[], count: number) => readonly string[];

export interface TableColumn<R> {
  head: string;
  value(row: R): string;
  /** A shorter form to try before the column gives way (the date without how long ago). */
  shorter?(row: R): string;
  /**
   * Without room beside the row: left out ('drop': nice to have, it gives way before the name), or
   * under the row, whole ('under': a link).
   */
  otherwise: 'drop' | 'under';
}

/** The count of each health state and the count line for a person ("12 accounts: 7 ok, …"). */
export interface Summary {
  counts: ReadonlyMap<HealthState, number>;
  /** With pp status's memory it leads with what changed: "2 new problems, 1 recovered; 12 accounts: …". */
  line: string;
  /** pp status with its memory: how many accounts made each change (nagios' new_problems=N). */
  changes?: ReadonlyMap<Change, number>;
  /** Nothing to report (pp status --changes, nothing changed): the line is for a terminal only. */
  quiet?: boolean;
}

/**
 * The count line after the rows, for a person (ExportDeps.note): not at all from a quiet run off a
 * terminal, so that a cron job with nothing to report sends no mail.
 */
export async function noteSummary(deps: ExportDeps, summary: Summary): Promise<void> {
  if (!summary.quiet || deps.io.stderr.isTTY) await deps.note(summary.line);
}

/** What the rows of a run have seen so far, for a streamed table sized at its first row. */
export interface Ahead<R> {
  /** Rows finished after this one. */
  rows: readonly R[];
  /** More rows are still to come. */
  pending: boolean;
  /** The widest account id known so far (ids are known before their rows). */
  widestId: number;
}

/** Writes a command's rows in one format: each method returns the text to write now. */
export interface Exporter<R> {
  head(): string;
  row(row: R, ahead?: () => Ahead<R>): string;
  /**
   * The rows of a page at once, as row() writes each: where a format lays a page out faster whole
   * (json: the key looked for in a few pieces of the page rather than in each line). Text, or the
   * text's UTF-8 bytes, tested already for every secret the run has (json). See writeRows.
   */
  rows?(rows: readonly R[]): string | Uint8Array;
  /** On a terminal, the place of a row still awaited while later ones print (stream tables). */
  mark?(id: string, note: string, ahead?: () => Ahead<R>): string;
  /** After the last row: writes what the format writes at the end, then the count line for a person. */
  end(summary: Summary): Promise<void>;
  /** The exit code the format gives the run, where it has its own (nagios: 0 to 3). */
  exitCode?(summary: Summary): number;
  /**
   * When the command failed part-way (an unreadable page, Ctrl-C): what to write then, and the exit
   * code the format gives a failure. A table shows the rows it held, nagios says UNKNOWN (3) and
   * drops them, prometheus says pp_status_success 0 after the samples written.
   */
  failed?(error: PpError): Failure;
}

/**
 * Writes a page of rows in one go: the format's rows() where it has one, else row() for each.
 * Resolves once standard output can take more.
 */
export function writeRows<R>(io: Io, out: Exporter<R>, rows: readonly R[]): Promise<void> | undefined {
  let page: string | Uint8Array = '';
  if (out.rows) page = out.rows(rows);
  else for (const row of rows) page += out.row(row);
  if (page.length === 0) return undefined;
  // bytes come tested already (Exporter.rows)
  return typeof page === 'string' ? io.out(page) : io.outMasked(page);
}

/** What a format writes on standard output when the command fails, and the exit code it makes that. */
export interface Failure {
  text: string;
  exitCode?: number;
}

/** What a format needs of the run. */
export interface ExportDeps {
  io: Io;
  clock: Clock;
  /** A warning on standard error (a line that held the key was masked). */
  warn(text: string): void;
  /** A note for a person on standard error: the count line (see Context.note). */
  note(text: string): Promise<void>;
  /** The name of pp's profile in use ('' when there is none to name): which workspace this is. */
  profile: string;
}

export interface FormatModule {
  exporter<R>(view: RowView<R>, deps: ExportDeps): Exporter<R>;
  /**
   * What the format writes on standard output when the command fails, before or after rows, so
   * that a failed check never passes for a good one: nagios' UNKNOWN (exit 3), prometheus'
   * pp_status_success 0. Formats without it write nothing.
   */
  failure?(error: PpError, deps: ExportDeps): Failure;
}
