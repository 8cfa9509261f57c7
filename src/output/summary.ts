// The many-account summary table, a row at a time (the CLI contract, "Many accounts"): its widths are set from
// the terminal and the ids seen so far instead of from all rows, so rows stream out as they come.
import { errorNames } from '../api/catalogue.js';
import type { Io } from './io.js';
import type { Tone } from './model.js';
import type { Painter } from './render.js';
import { showable } from './showable.js';
import { Table } from './table.js';
import { displayWidth } from './width.js';

/** One account's row: its id, provider, name and state (`ok`, seat warnings, or an error type). */
export interface SummaryRow {
  accountId: string;
  provider: string;
  name: string;
  state: string;
  tone: Tone;
}
/**
 * The summary table, a row at a time: its widths are set from the terminal and the ids seen so
 * far instead of from all rows (a boxed table would need them all first). Every row fits the
 * terminal: a long account id or state wraps within its column, a long name is cut.
 */
/** Account, provider, name (0: left out) and state columns. */
type Widths = [number, number, number, number];

export class SummaryTable {
  #widths: Widths | undefined;
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

  row(summary: SummaryRow, longestId: number): string {
    let header = '';
    if (!this.#widths) {
      const total = this.io.columns;
      let provider = 8;
      // Ids and states are what people grep this table for, so they are kept whole while they
      // fit: the name gets what is left after the longest error type, or is left out. Only a
      // terminal too narrow even for an id and errors/disconnected_account makes every column
      // share the width, long values wrapping within theirs.
      let account = Math.max(7, longestId);
      const spare = total - account - provider - LONGEST_TYPE - 6;
      const name = spare >= 8 ? Math.min(20, spare) : 0;
      let state = total - account - provider - (name ? name + 6 : 4);
      if (state < KEY_STATE) {
        this.#shared = true;
        provider = Math.min(8, Math.max(4, Math.floor(total * 0.2)));
        account = Math.max(7, Math.min(longestId, Math.floor(total * 0.4)));
        state = Math.max(8, total - account - provider - 4);
      }
      this.#widths = [account, provider, name, state];
      header = this.#table(this.#widths).header(['ACCOUNT', 'PROVIDER', 'NAME', 'STATE'], (s) =>
        this.p.label(s),
      );
    }
    const cells = [summary.accountId, summary.provider, summary.name, summary.state].map((cell) =>
      showable(this.io, cell).replace(/\n/g, ' '),
    ); // before cutting, so the key's mask holds
    const tone: Tone = summary.tone;
    // The widths were set from the ids seen by the first row. A longer id that comes later is
    // shown whole, the rest of its row shifted right, when its state still fits after it.
    const [account, provider, name, state] = this.#widths!;
    const extra = displayWidth(cells[0]!) - account;
    const fits = !this.#shared && state - extra >= displayWidth(cells[3]!);
    const widths: Widths =
      extra > 0 && fits ? [account + extra, provider, name, state - extra] : this.#widths!;
    return (
      header +
      this.#table(widths).row(cells, (text, column) => (column === 3 ? this.p.tone(tone, text) : text))
    );
  }

  /**
   * The plain table of one set of widths: ids and states wrap within their column, providers and
   * names are cut. A name column of width 0 is left out.
   */
  #table([account, provider, name, state]: Widths): Table {
    return new Table({
      style: 'plain',
      columns: [
        { width: account },
        { width: provider, overflow: 'cut' },
        { width: name, overflow: 'cut' },
        { width: state },
      ],
    });
  }
}

/** The longest error type of the catalogue (errors/invalid_credentials_but_valid_account_imap). */
const LONGEST_TYPE = Math.max(...errorNames.map((name) => `errors/${name}`.length));
/** errors/disconnected_account, the state a morning check is for: narrower than this, all columns share. */
const KEY_STATE = 'errors/disconnected_account'.length;
