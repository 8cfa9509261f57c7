// The table of accounts for a person, the one layout of pp accounts, pp status and many-account
// pp profile (CLI.md, "Output"): ID, TYPE, NAME, STATE, then what the command adds (a reason, a
// date, a link), coloured on a terminal, fitted to its width by the one rule (fitAccountColumns),
// and, where the command asks, what to do about each reason once, after the table.
//
// An id is never cut: it is what one copies into the next command. A held table is sized from all
// its rows, so a row on a later page is laid out like the first; a streamed one is sized at its
// first row from what is known then, and a later row whose id is wider widens its own row rather
// than lose characters. An e-mail in NAME with no room goes whole on the line below (rowText), so
// STATE stays in line. A pipe or a file has no width (Io.tableColumns): nothing is cut.
//
// A held row keeps its cells only (a few short strings), never the list item it came from: an
// outage of 200,000 accounts holds 200,000 small rows.
import {
  type AdviceCommands,
  type Ahead,
  type ExportDeps,
  type Exporter,
  noteSummary,
  type RowView,
  type Summary,
  type TableColumn,
} from '../exporter.js';
import { type HealthReason, stateRank, stateTone, type Tone } from '../model.js';
import { type Painter, painter } from '../render.js';
import { showable } from '../showable.js';
import { type AccountColumns, fitAccountColumns, Table } from '../table.js';
import { displayWidth, longestWord, wrapText } from '../width.js';

/** One row as shown: its cells, ready to lay out. */
interface Cells {
  id: string;
  type: string;
  name: string;
  state: string;
  tone: Tone;
  /** The command's columns, each in its full and its shorter form. */
  more: { full: string; shorter: string }[];
  rank: number;
}

/** The widths of a table, and where each of the command's columns goes. */
interface Layout {
  columns: AccountColumns;
  /** Per command column: its width beside the row and in which form, under the row, or left out. */
  more: ({ beside: number; form: 'full' | 'shorter' } | 'under' | 'none')[];
}

/** Rows of a held table written at a time. */
const HELD_BLOCK = 1024;
/** Gap between columns. */
const GAP = 2;
/** A type past this many columns is cut (the list's types are at most 12). */
const TYPE_MAX = 14;
/**
 * While rows are still to come, a streamed table keeps room in STATE, NAME and TYPE for what most
 * rows hold: action_needed, a name, and a provider's type (INSTAGRAM, MESSENGER).
 */
const PENDING_STATE = 'action_needed'.length;
const PENDING_NAME = 20;
const PENDING_TYPE = 'INSTAGRAM'.length;
/** Accounts named beside a reason in the advice; the rest are counted. */
const ADVICE_IDS = 3;
/** Accounts kept for the commands of a reason (`pp accounts reconnect acc_… acc_…`). */
const COMMAND_IDS = 10;

/** Each reason once: its sentence, the first accounts that have it, how many do, its state's rank. */
type Advice = Map<string, { text: string; ids: string[]; count: number; rank: number }>;

/** An e-mail address, a URL or a host: never cut, like an id (CLI.md, "Output"). */
const whole = (text: string): boolean => /^\S+@\S+$|^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text);

export function exporter<R>(view: RowView<R>, deps: ExportDeps): Exporter<R> {
  const { io } = deps;
  const table = view.table;
  const extra = table.columns ?? [];
  const p = painter(io.stdoutColor);
  const total = io.tableColumns;
  const held: Cells[] = [];
  let layout: Layout | undefined; // a streamed table's, set at its first row
  // each reason once, with the accounts that have it, in the order first met
  const advice: Advice = new Map();
  const commands = typeof table.advice === 'function' ? table.advice : undefined;

  const shown = (text: string) => showable(io, text).replace(/\n/g, ' ');
  const cellsOf = (row: R): Cells => {
    const account = view.account(row);
    const own = table.cells?.(row) ?? {};
    return {
      id: shown(account.id),
      type: shown(own.type ?? account.type),
      name: shown(own.name ?? account.name),
      // an account no longer in the workspace (pp status's memory) is said so, dim, after the others
      state: account.health?.state ?? 'removed',
      tone: account.health ? stateTone(account.health.state) : 'dim',
      more: extra.map((c) => {
        const full = shown(c.value(row));
        return { full, shorter: c.shorter ? shown(c.shorter(row)) : full };
      }),
      rank: account.health ? stateRank(account.health.state) : -1,
    };
  };
  const advise = (id: string, rank: number, reasons: readonly HealthReason[]) => {
    for (const reason of reasons) {
      // the server's words (an error's title) are made safe to show, as every cell is
      const code = shown(reason.code);
      const seen = advice.get(code) ?? { text: shown(reason.text), ids: [], count: 0, rank };
      if (seen.ids.length < COMMAND_IDS) seen.ids.push(shown(id));
      seen.count++;
      advice.set(code, seen);
    }
  };

  // A streamed table on a terminal: the lines it has printed, and where each marked row's
  // placeholder is (its line, and standard error's line count then), so that its row can take the
  // placeholder's place rather than print a second time.
  let printed = 0;
  const placeholders = new Map<string, { line: number; errLines: number }>();
  const lines = (text: string): number => {
    let n = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
    return n;
  };

  /** The header (at the first row) and the row's own lines. */
  const streamed = (cells: Cells, ahead: Ahead<R> | undefined): { head: string; text: string } => {
    let head = '';
    if (!layout) {
      const known = [cells, ...(ahead?.rows ?? []).filter((r) => table.shows?.(r) ?? true).map(cellsOf)];
      layout = plan(known, total, extra, {
        pending: ahead?.pending ?? true,
        widestId: ahead?.widestId ?? 0,
      });
      head = header(layout, extra, p);
    }
    return { head, text: rowText(cells, layout, total, p) };
  };

  const streamedRow = (cells: Cells, ahead: Ahead<R> | undefined): string => {
    const { head, text } = streamed(cells, ahead);
    const placeholder = placeholders.get(cells.id);
    placeholders.delete(cells.id);
    const up = placeholder ? printed - placeholder.line : 0;
    // In its placeholder's place only where nothing can have moved it: a row of one line, the
    // placeholder still on the screen, nothing on standard error since (it shares the screen).
    // Else the row prints below as any other, after its placeholder.
    if (
      placeholder &&
      lines(text) === 1 &&
      up < (io.stdout.rows ?? 0) - 1 &&
      io.errLines === placeholder.errLines
    )
      return `\u001b[${up}A\r${text.slice(0, -1)}\u001b[K\u001b[${up}B\r`;
    printed += lines(head) + lines(text);
    return head + text;
  };

  /**
   * The held rows laid out, a block of rows at a time, each row let go once laid out: 1,000,000
   * rows were one string of the whole table, and its copies on the way out, beside the rows.
   */
  function* heldTable(): Generator<string> {
    if (held.length === 0) return;
    if (table.worstFirst) held.sort((a, b) => b.rank - a.rank); // stable: the list's order within a state
    const fitted = plan(held, total, extra, { pending: false, widestId: 0 });
    let out = header(fitted, extra, p);
    const rows: (Cells | undefined)[] = held.splice(0);
    for (let i = 0; i < rows.length; i++) {
      out += rowText(rows[i]!, fitted, total, p);
      rows[i] = undefined;
      if (i % HELD_BLOCK === HELD_BLOCK - 1) {
        yield out;
        out = '';
      }
    }
    yield out;
  }

  return {
    head: () => '',
    row(row, ahead) {
      if (table.shows && !table.shows(row)) return '';
      const cells = cellsOf(row);
      if (table.advice) advise(cells.id, cells.rank, view.account(row).health?.reasons ?? []);
      if (table.layout === 'stream') return streamedRow(cells, ahead?.());
      held.push(cells);
      return '';
    },
    mark(id, note, ahead) {
      // the note in the last column, which takes the room left in a streamed table
      const more = extra.map((_, i) =>
        i === extra.length - 1 ? { full: note, shorter: note } : { full: '', shorter: '' },
      );
      const { head, text } = streamed(
        { id, type: '…', name: '…', state: extra.length > 0 ? '…' : note, tone: 'dim', more, rank: 0 },
        ahead?.(),
      );
      printed += lines(head) + lines(text);
      if (lines(text) === 1) placeholders.set(shown(id), { line: printed - 1, errLines: io.errLines });
      return head + text;
    },
    async end(summary: Summary) {
      for (const block of heldTable()) await io.out(block);
      await io.out(adviceText(advice, total, p, commands));
      await noteSummary(deps, summary);
    },
    // what was read before the failure is still worth a look; the error says it is not all
    failed: () => ({ text: [...heldTable()].join('') + adviceText(advice, total, p, commands) }),
  };
}

/** The widths for `rows` in `total` columns: what each column wants, fitted by the one rule. */
function plan<R>(
  rows: readonly Cells[],
  total: number,
  extra: readonly TableColumn<R>[],
  { pending, widestId }: { pending: boolean; widestId: number },
): Layout {
  const widest = (cell: (c: Cells) => string, floor: number) =>
    rows.reduce((w, c) => Math.max(w, displayWidth(cell(c))), floor);
  const want: AccountColumns = {
    id: Math.max(
      widest((c) => c.id, 2),
      widestId,
    ),
    type: Math.min(
      TYPE_MAX,
      widest((c) => c.type, pending ? PENDING_TYPE : 4),
    ),
    name: Math.max(
      widest((c) => c.name, 4),
      pending ? PENDING_NAME : 0,
    ),
    state: Math.max(
      widest((c) => c.state, 5),
      pending ? PENDING_STATE : 0,
    ),
  };
  // a state is one word, never split: while rows are to come, room for the longest there is
  const stateMin = Math.max(
    5,
    rows.reduce((w, c) => Math.max(w, longestWord(c.state)), 0),
    pending ? PENDING_STATE : 0,
  );
  const nameKeep = rows.reduce((w, c) => (whole(c.name) ? Math.max(w, displayWidth(c.name)) : w), 0);
  const need = (i: number, form: 'full' | 'shorter') =>
    widest((c) => c.more[i]![form], displayWidth(extra[i]!.head));
  // The command's columns beside the row while the name and type keep their room (they are nice
  // to have): all in full, then all shorter, then the last ones left out or put under the row.
  for (let shown = extra.length; shown > 0; shown--) {
    for (const form of ['full', 'shorter'] as const) {
      const widths = Array.from({ length: shown }, (_, i) => need(i, form));
      const room = widths.reduce((a, b) => a + b, 0) + GAP * (shown - 1);
      const fitted = fitAccountColumns(total, want, { stateMin, nameKeep, extra: room, gap: GAP });
      // streamed, the last one beside takes the room left for the longer values still to come
      if (fitted?.extra && pending)
        widths[shown - 1]! += Math.min(
          fitted.extra - room,
          Number.isFinite(total) ? Number.MAX_SAFE_INTEGER : 30,
        );
      if (fitted?.extra)
        return {
          columns: fitted.columns,
          more: extra.map((c, i) =>
            i < shown ? { beside: widths[i]!, form } : c.otherwise === 'under' ? 'under' : 'none',
          ),
        };
    }
  }
  const fitted = fitAccountColumns(total, want, { stateMin, nameKeep, gap: GAP });
  // too narrow for even that: every column at its least, the ids and states whole all the same
  const columns = fitted?.columns ?? { ...want, type: Math.min(want.type, 8), state: stateMin, name: 0 };
  return { columns, more: extra.map((c) => (c.otherwise === 'under' ? 'under' : 'none')) };
}

const besideWidths = (layout: Layout): number[] =>
  layout.more.map((m) => (typeof m === 'object' ? m.beside : 0));

function header<R>(layout: Layout, extra: readonly TableColumn<R>[], p: Painter): string {
  return tableOf(layout.columns, besideWidths(layout)).row(
    ['ID', 'TYPE', 'NAME', 'STATE', ...extra.map((c) => c.head)],
    (s) => p.label(s),
  );
}

/** The table of one layout; `address`: the name is an e-mail or a URL, never cut (CLI.md). */
function tableOf(c: AccountColumns, more: readonly number[], address = false): Table {
  return new Table({
    style: 'plain',
    gap: GAP,
    columns: [
      { width: c.id, overflow: 'cut' },
      { width: c.type, overflow: 'cut' },
      { width: c.name, overflow: address ? 'below' : 'cut' },
      { width: c.state },
      // wrapped at spaces: a reason code, a date or a link is never cut
      ...more.map((width) => ({ width })),
    ],
  });
}

/**
 * One row in the layout. An id wider than its column (read after a streamed table was sized)
 * widens its row: the line is then wider than the terminal (which soft-wraps it) rather than the
 * id losing characters. A longer name takes the room the line has spare; past that an e-mail or a
 * URL goes whole on the line below, from the NAME column (the STATE and the rest stay in line, the
 * terminal soft-wraps what is wider than it), and another name is cut.
 */
function rowText(cells: Cells, layout: Layout, total: number, p: Painter): string {
  const { columns } = layout;
  const more = besideWidths(layout);
  const used =
    columns.id +
    columns.type +
    columns.name +
    columns.state +
    more.reduce((a, w) => a + (w ? w + GAP : 0), 0) +
    GAP * 3;
  const free = Math.max(0, total - used);
  const idExtra = Math.max(0, displayWidth(cells.id) - columns.id);
  const nameOver = columns.name > 0 ? Math.max(0, displayWidth(cells.name) - columns.name) : 0;
  const room = Math.max(0, free - idExtra);
  // an address that the spare room cannot hold goes below whole, its column as wide as the others'
  const address = whole(cells.name);
  const nameExtra = address && nameOver > room ? 0 : Math.min(nameOver, room);
  const row = { ...columns, id: columns.id + idExtra, name: columns.name + nameExtra };
  const texts = cells.more.map((m, i) => {
    const place = layout.more[i];
    return typeof place === 'object' ? m[place.form] : '';
  });
  // What the line then needs past the terminal comes first from the room this row leaves unused:
  // its name's (a short name, a '-'), then the last column beside (it wraps at spaces).
  const rowMore = [...more];
  let over = idExtra + nameExtra - free;
  if (over > 0 && nameExtra === 0 && row.name > 0) {
    const spare = Math.max(0, row.name - displayWidth(cells.name));
    row.name -= Math.min(spare, over);
    over -= Math.min(spare, over);
  }
  let last = rowMore.length - 1;
  while (last >= 0 && rowMore[last] === 0) last--;
  if (last >= 0 && over > 0) rowMore[last] = Math.max(longestWord(texts[last]!), rowMore[last]! - over);
  let out = tableOf(row, rowMore, address).row(
    [cells.id, cells.type, cells.name, cells.state, ...texts],
    (s, column) => (column === 3 ? p.tone(cells.tone, s) : s === '-' || s === '…' ? p.tone('dim', s) : s),
  );
  // a column with no room beside goes under the row, whole (a link is never cut)
  cells.more.forEach((m, i) => {
    if (layout.more[i] === 'under' && m.full) out += `    ${m.full}\n`;
  });
  return out;
}

/**
 * What to do, once per reason: its code and the accounts that have it (the first few, then how
 * many more), then the sentence, wrapped to the width under it, then the commands that do it, each
 * on its line, whole (what one copies).
 */
function adviceText(advice: Advice, total: number, p: Painter, commands?: AdviceCommands): string {
  if (advice.size === 0) return '';
  const width = Number.isFinite(total) ? Math.max(20, total - 4) : Number.MAX_SAFE_INTEGER;
  let out = `\n${p.label('WHAT TO DO')}\n`;
  // worst first, as the table is; in the order first met within a state (sort is stable)
  const ordered = [...advice].sort(([, a], [, b]) => b.rank - a.rank);
  for (const [code, { text, ids, count }] of ordered) {
    const named = ids.slice(0, ADVICE_IDS);
    const others = count - named.length;
    out += `  ${p.title(code)}: ${named.join(', ')}${others > 0 ? ` and ${others} more` : ''}\n`;
    out += `${wrapText(text, width)
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n')}\n`;
    for (const command of commands?.(code, ids, count) ?? []) out += commandText(command, total, p);
  }
  advice.clear();
  return out;
}

/**
 * A command to copy, after `$`: broken only at spaces, with ` \` at each break (so what one copies
 * still runs), to fit `total` columns; a word wider than that (an id) is kept whole.
 */
function commandText(command: string, total: number, p: Painter): string {
  const lines: string[] = [];
  let line = '';
  for (const word of command.split(' ')) {
    const indent = lines.length === 0 ? 6 : 8; // "    $ ", then under the command's first word
    if (line && indent + displayWidth(line) + 1 + displayWidth(word) + 2 > total) {
      lines.push(`${line} \\`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return `${lines.map((l, i) => (i === 0 ? `    ${p.label('$')} ${l}` : `        ${l}`)).join('\n')}\n`;
}
