// The one table layout of the human output: boxed tables, label/value lines and the many-account
// summary. It replaces cli-table3, which measured text with its own string-width@4 (wrong on
// emoji sequences, variation selectors, zero-width and soft-hyphen characters, so it cut names
// that fit and disagreed with our wrapping), and whose layout time grows with the square of the
// rows (measured: 800 rows 0.58 s, 4,000 rows ~1 s even laid out in slices of 100) and worse with
// a long multi-line cell (a 2,000-character value 1.8 s; a 10,000-character signature through
// fieldLines, 580 s). Here every row is laid out on its own from fixed widths, so N rows cost O(N)
// (4,000 rows: ~45 ms; that signature: ~5 ms), and rows can be written one at a time as they come
// (the summary streams them).
import { displayWidth, type Line, truncate, wrapLines } from './width.js';

/** 'box': ┌─┬┐ borders, one space of padding each side. 'plain': columns apart by a gap of spaces. */
export type TableStyle = 'box' | 'plain';

export interface Column {
  /** Columns of text, padding and borders not included. A column 0 wide is left out, cells too. */
  width: number;
  /**
   * A value wider than the column wraps onto more lines at spaces ('wrap', the default; a word
   * wider than the column is kept whole and overflows it, see wrapLines), is cut with `…` at its
   * end ('cut'), or goes whole on the line below, where the columns after it are empty ('below':
   * an e-mail address or a URL, never cut or split, keeps the row's other columns in line).
   */
  overflow?: 'wrap' | 'cut' | 'below';
}

export interface TableOptions {
  style: TableStyle;
  columns: Column[];
  /** 'plain': spaces between columns (2 by default). */
  gap?: number;
  /** 'plain': spaces before every line. */
  indent?: number;
}

/**
 * Colours one line of a cell. Called after the cell is wrapped and measured, and before it is
 * padded, so escape codes never count as columns and never enclose padding.
 */
export type Paint = (text: string, column: number) => string;

/** Columns a table adds around its text: borders and padding, or indent and gaps. */
export function overhead(options: Omit<TableOptions, 'columns'>, count: number): number {
  return options.style === 'box'
    ? 3 * count + 1
    : (options.indent ?? 0) + (options.gap ?? 2) * Math.max(0, count - 1);
}

/**
 * Column widths that fit in `total` terminal columns, the table's `extra` columns (overhead())
 * included: the widest column above its floor gives up a column at a time until the table fits
 * or every column is down to its floor (`minimum`, one for all or one per column). Shrinking the
 * widest keeps short columns (ids, flags) whole.
 */
export function fitColumns(
  natural: number[],
  total: number,
  extra: number,
  minimum: number | readonly number[] = 6,
): number[] {
  const widths = [...natural];
  const least = widths.map((_, i) => (typeof minimum === 'number' ? minimum : minimum[i]!));
  const floors = widths.map((w, i) => Math.min(w, least[i]!));
  // what a column under its minimum leaves unused, the others may have
  const budget = Math.max(
    total - extra,
    least.reduce((a, b) => a + b, 0),
  );
  let excess = widths.reduce((a, b) => a + b, 0) - budget;
  while (excess > 0) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > floors[i]! && (widest < 0 || w > widths[widest]!)) widest = i;
    });
    if (widest < 0) break;
    widths[widest]! -= 1;
    excess -= 1;
  }
  return widths;
}

/** The columns of a table of accounts, in columns of text: id, type, name, state. */
export interface AccountColumns {
  id: number;
  type: number;
  name: number;
  state: number;
}

/** A name is told by its start: the first 16 columns hold most "First Last" names. */
const NAME_KEPT = 16;

/**
 * The one rule for what a table of accounts (formats/table.ts: pp accounts, pp status, the
 * many-account summary) gives up on a narrow terminal, in this order: a state of several words
 * wraps down to its longest word (`stateMin`), the name narrows to 16 columns (or `nameKeep`, the
 * widest e-mail address in it, kept on one line while the type giving way makes room for it), the
 * type to 8, the name to 8, then it is left out. The id never gives anything up: it is what one copies into the
 * next command (CLI.md: an id is never cut). Columns are `gap` apart. Undefined when even that does
 * not fit.
 *
 * With `extra`, a last column (a date, what to do, a link) that needs that many columns: it is
 * beside the others only while the name and the type are whole beside it (nice to have, it gives
 * way first), and then gets all the room left; else `extra` is 0 and the rest is fitted without it.
 */
export function fitAccountColumns(
  total: number,
  want: AccountColumns,
  opts: { stateMin?: number; nameKeep?: number; extra?: number; gap?: number } = {},
): { columns: AccountColumns; extra: number } | undefined {
  const gap = opts.gap ?? 2;
  const used = (c: AccountColumns) => c.id + c.type + c.name + c.state + gap * (c.name ? 3 : 2);
  if (opts.extra) {
    const beside = shrinkTo(total - opts.extra - gap);
    if (beside && beside.name === want.name && beside.type === want.type)
      return { columns: beside, extra: total - used(beside) - gap };
  }
  const alone = shrinkTo(total);
  return alone && { columns: alone, extra: 0 };

  function shrinkTo(room: number): AccountColumns | undefined {
    const c = { ...want };
    const over = () => used(c) - room;
    const give = (key: keyof AccountColumns, floor: number) => {
      c[key] = Math.max(Math.min(c[key], floor), c[key] - Math.max(0, over()));
    };
    give('state', opts.stateMin ?? want.state);
    give('name', Math.max(NAME_KEPT, opts.nameKeep ?? 0));
    // the type gives way for the e-mails only if that makes room for them; else they go on a line
    // of their own (formats/table.ts) and the type keeps its room
    if (over() > c.type - Math.min(c.type, 8)) give('name', NAME_KEPT);
    give('type', 8);
    give('name', 8);
    if (over() > 0) c.name = 0;
    return over() > 0 ? undefined : c;
  }
}

/**
 * A table whose rows are laid out one at a time from fixed widths: row() returns the text of one
 * row (with the border above it in a box), end() the closing border. The whole table is the
 * concatenation, so a caller can print rows as they come.
 */
export class Table {
  readonly #options: TableOptions;
  /** The columns shown: all but those 0 wide. */
  readonly #shown: Column[];
  #rows = 0;

  constructor(options: TableOptions) {
    this.#options = options;
    this.#shown = options.columns.filter((c) => c.width > 0);
  }

  /** The header row: a row like any other, every cell painted with `paint`. */
  header(cells: string[], paint: (text: string) => string): string {
    return this.row(cells, paint);
  }

  /** One row as text lines, each ending in a line feed. */
  row(cells: string[], paint?: Paint): string {
    const { style, columns, gap = 2, indent = 0 } = this.#options;
    const lines = columns.map((column, i) =>
      column.width > 0 ? cellLines(cells[i] ?? '', column, style === 'box') : [],
    );
    const height = Math.max(1, ...lines.map((l) => l.length));
    let out =
      style === 'box' ? (this.#rows === 0 ? this.#rule('┌', '┬', '┐') : this.#rule('├', '┼', '┤')) : '';
    for (let n = 0; n < height; n++) {
      const texts: string[] = [];
      columns.forEach((column, i) => {
        if (column.width <= 0) return;
        const { text, width } = lines[i]![n] ?? { text: '', width: 0 };
        const painted = text && paint ? paint(text, i) : text;
        texts.push(painted + ' '.repeat(Math.max(0, column.width - width)));
      });
      out +=
        style === 'box'
          ? `│ ${texts.join(' │ ')} │\n`
          : `${trimSpaces(' '.repeat(indent) + texts.join(' '.repeat(gap)))}\n`;
    }
    this.#rows++;
    return out;
  }

  /** The bottom border of a box ('' for a plain table or a box with no rows). */
  end(): string {
    return this.#options.style === 'box' && this.#rows > 0 ? this.#rule('└', '┴', '┘') : '';
  }

  /** A horizontal border line from its left, middle and right corners. */
  #rule(left: string, mid: string, right: string): string {
    return `${left}${this.#shown.map((c) => '─'.repeat(c.width + 2)).join(mid)}${right}\n`;
  }
}

/**
 * The line without its trailing spaces. Not .replace(/ +$/, ''): a regex tries a match from every
 * space of a padded line, which is quadratic (a fifth of pp status's run over 10,000 accounts).
 */
function trimSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  return line.slice(0, end);
}

/**
 * A cell's text as lines, each at most its column's width but for a word wider than the column,
 * kept whole. In a box, which that would break, such a word is cut with `…` instead: tableLines
 * sizes a box's columns for their longest words, so only a caller that does not meets this.
 */
function cellLines(text: string, column: Column, boxed: boolean): Line[] {
  if (column.overflow === 'cut') {
    const cut = truncate(text.replace(/\r?\n/g, ' '), column.width);
    return [{ text: cut, width: displayWidth(cut) }];
  }
  if (column.overflow === 'below') {
    const width = displayWidth(text);
    return width > column.width
      ? [
          { text: '', width: 0 },
          { text, width },
        ]
      : [{ text, width }];
  }
  const lines = wrapLines(text, column.width);
  if (!boxed) return lines;
  return lines.map((line) => {
    if (line.width <= column.width) return line;
    const cut = truncate(line.text, column.width);
    return { text: cut, width: displayWidth(cut) };
  });
}
