// The many-account summary table, a row at a time (the CLI contract, "Many accounts"): its widths
// are set once, when the first row prints, so that rows stream out as they come.
import type { Io } from './io.js';
import type { Tone } from './model.js';
import type { Painter } from './render.js';
import { showable } from './showable.js';
import { fitAccountColumns, Table } from './table.js';
import { displayWidth, longestWord, truncateMiddle } from './width.js';

/** One account's row: its id, provider, name and state (`ok`, seat warnings, or an error type). */
export interface SummaryRow {
  accountId: string;
  provider: string;
  name: string;
  state: string;
  tone: Tone;
}

/** What is known when the first row prints: the rows finished by then, and whether more will come. */
export interface KnownRows {
  rows: readonly SummaryRow[];
  /** Some accounts are still being read: their states are not known yet. */
  pending: boolean;
}

/** Account, provider, name (0: left out) and state columns. */
type Widths = [number, number, number, number];

/** errors/disconnected_account, the state a morning check is for: kept whole while rows are pending. */
const KEY_STATE = 'errors/disconnected_account'.length;
const NAME = 20;
const PROVIDER = 8;

/**
 * The summary table, a row at a time. The widths are decided when the first row prints (a table
 * with no borders cannot change them later without losing its alignment) from what is known then:
 * the terminal, the ids read so far, and the states and names of the rows finished so far. The
 * state column is sized from those states; while accounts are still pending, it keeps room for
 * errors/disconnected_account, the state a run is mostly for, rather than for the longest error
 * type of the catalogue, which would squeeze out the names for states that seldom come. What gives
 * way when the terminal is narrow is the rule of every account table (fitAccountColumns: the state
 * wraps, then the name, the provider and the id's middle give way, then the name goes); the state
 * takes what is left. Only a terminal too narrow even for that makes every
 * column share the width.
 */
export class SummaryTable {
  #widths: Widths | undefined;
  /** The account column holds the longest id known when it was sized: a longer one may shift its row. */
  #wholeIds = false;
  /** The terminal is too narrow for whole ids and states: every column shares the width. */
  #shared = false;

  private constructor(
    private readonly io: Io,
    private readonly p: Painter,
  ) {}

  static async load(io: Io): Promise<SummaryTable> {
    const { painter } = await import('./render.js');
    return new SummaryTable(io, painter(io.stdoutColor));
  }

  /** `known` is read for the first row only (see the class comment). */
  row(
    summary: SummaryRow,
    longestId: number,
    known: () => KnownRows = () => ({ rows: [], pending: true }),
  ): string {
    let header = '';
    if (!this.#widths) {
      const { rows, pending } = known();
      this.#widths = this.#layout(longestId, [summary, ...rows], pending);
      this.#wholeIds = this.#widths[0] >= longestId;
      header = this.#table(this.#widths).header(['ACCOUNT', 'PROVIDER', 'NAME', 'STATE'], (s) =>
        this.p.label(s),
      );
    }
    const cells = [summary.accountId, summary.provider, summary.name, summary.state].map((cell) =>
      showable(this.io, cell).replace(/\n/g, ' '),
    ); // before cutting, so the key's mask holds
    // An id longer than those the column was sized for (read after the first row printed) is
    // shown whole, the rest of its row shifted right, when its state still fits after it; an id
    // the column was shortened for has its middle shortened, so the columns stay aligned.
    const [account, provider, name, state] = this.#widths;
    const extra = displayWidth(cells[0]!) - account;
    const shift = extra > 0 && !this.#shared && this.#wholeIds && state - extra >= displayWidth(cells[3]!);
    const widths: Widths = shift ? [account + extra, provider, name, state - extra] : this.#widths;
    if (!shift) cells[0] = truncateMiddle(cells[0]!, account);
    return (
      header +
      this.#table(widths).row(cells, (text, column) =>
        column === 3 ? this.p.tone(summary.tone, text) : text === '-' ? this.p.tone('dim', text) : text,
      )
    );
  }

  /**
   * The line that marks the place of an account still awaited while the rows after it print (on a
   * terminal): its own row follows when it finishes.
   */
  placeholder(accountId: string, rateLimited: boolean, longestId: number): string {
    const state = rateLimited ? 'waiting: rate limited; its row follows' : 'waiting; its row follows';
    return this.row({ accountId, provider: '…', name: '…', state, tone: 'dim' }, longestId);
  }

  #layout(longestId: number, rows: readonly SummaryRow[], pending: boolean): Widths {
    const total = this.io.columns;
    const widest = (f: (r: SummaryRow) => number) => Math.max(0, ...rows.map(f));
    let state = widest((r) => displayWidth(r.state));
    let stateMin = widest((r) => longestWord(r.state));
    if (pending) {
      state = Math.max(state, KEY_STATE);
      stateMin = Math.max(stateMin, KEY_STATE);
    }
    const idWant = Math.max(7, longestId);
    const name = pending
      ? NAME
      : Math.min(
          NAME,
          Math.max(
            4,
            widest((r) => displayWidth(r.name)),
          ),
        );
    // the one rule of account tables; the state then takes all the room left, to wrap in
    const fitted = fitAccountColumns(
      total,
      { id: idWant, type: PROVIDER, name, state },
      { stateMin: Math.max(5, stateMin) },
    );
    if (fitted) {
      const { id, type, name: shown } = fitted.columns;
      return [id, type, shown, total - id - type - (shown ? shown + 6 : 4)];
    }
    // Too narrow for a whole id start and a whole key state: every column shares the width.
    this.#shared = true;
    const provider = Math.min(PROVIDER, Math.max(4, Math.floor(total * 0.2)));
    const account = Math.max(7, Math.min(idWant, Math.floor(total * 0.4)));
    return [account, provider, 0, Math.max(8, total - account - provider - 4)];
  }

  /** The plain table of one set of widths: states wrap within their column, the rest are cut. */
  #table([account, provider, name, state]: Widths): Table {
    return new Table({
      style: 'plain',
      columns: [
        { width: account, overflow: 'cut' },
        { width: provider, overflow: 'cut' },
        { width: name, overflow: 'cut' },
        { width: state },
      ],
    });
  }
}
