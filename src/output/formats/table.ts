// The table of accounts for a person, the one layout of pp accounts, pp status and many-account
// pp profile (CLI.md, "Output"): ID, TYPE, NAME, STATE, then what the command adds (a date, what to
// do, a link), coloured on a terminal, fitted to its width by the one rule (fitAccountColumns).
//
// An id is never cut: it is what one copies into the next command. A held table is sized from all
// its rows, so a row on a later page is laid out like the first; a streamed one is sized at its
// first row from what is known then, and a later row whose id (or e-mail) is wider widens its own
// row rather than lose characters, as does a longer name while the line has room for it.
//
// A held row keeps its cells only (a few short strings), never the list item it came from: an
// outage of 200,000 accounts holds 200,000 small rows.
import { stateRank, stateTone } from '../../health.js';
import type { Ahead, ExportDeps, Exporter, LastColumn, RowView, Summary } from '../exporter.js';
import type { Tone } from '../model.js';
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
  /** The last column's value and its shorter form. */
  last: string;
  shorter: string;
  rank: number;
}

/** The widths of a table, and where its last column goes. */
interface Layout {
  columns: AccountColumns;
  /** 'full' or 'shorter': beside the row, that form; 'under': under the row; 'none': left out. */
  last: 'full' | 'shorter' | 'under' | 'none';
  /** Columns of the last column beside the row. */
  lastWidth: number;
}

/** Gap between columns. */
const GAP = 2;
/** A type past this many columns is cut (the list's types are at most 12). */
const TYPE_MAX = 14;
/**
 * While rows are still to come, a streamed table keeps room in STATE for
 * errors/disconnected_account, and in NAME for 20 columns: the state a run of many accounts is
 * mostly for, and most names.
 */
const PENDING_STATE = 'errors/disconnected_account'.length;
const PENDING_NAME = 20;
/** …and in TYPE for the longest provider's name (LinkedIn, Telegram). */
const PENDING_TYPE = 8;

/** An e-mail address, a URL or a host: never cut, like an id (CLI.md, "Output"). */
const whole = (text: string): boolean => /^\S+@\S+$|^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text);

export function exporter<R>(view: RowView<R>, deps: ExportDeps): Exporter<R> {
  const { io } = deps;
  const table = view.table;
  const p = painter(io.stdoutColor);
  const total = io.columns;
  const held: Cells[] = [];
  let layout: Layout | undefined; // a streamed table's, set at its first row

  const shown = (text: string) => showable(io, text).replace(/\n/g, ' ');
  const cellsOf = (row: R): Cells => {
    const account = view.account(row);
    const own = table.cells?.(row) ?? {};
    const last = table.last;
    return {
      id: shown(account.id),
      type: shown(own.type ?? account.type),
      name: shown(own.name ?? account.name),
      state: shown(own.state ?? account.health.state),
      tone: own.tone ?? stateTone(account.health.state),
      last: last ? shown(last.value(row)) : '',
      shorter: last?.shorter ? shown(last.shorter(row)) : '',
      rank: stateRank(account.health.state),
    };
  };

  const streamed = (cells: Cells, ahead: Ahead<R> | undefined): string => {
    let head = '';
    if (!layout) {
      const known = [cells, ...(ahead?.rows ?? []).filter((r) => table.shows?.(r) ?? true).map(cellsOf)];
      layout = plan(known, total, table.last, {
        pending: ahead?.pending ?? true,
        widestId: ahead?.widestId ?? 0,
        stream: true,
      });
      head = header(layout, table.last, p);
    }
    return head + rowText(cells, layout, total, p);
  };

  return {
    head: () => '',
    row(row, ahead) {
      if (table.shows && !table.shows(row)) return '';
      const cells = cellsOf(row);
      if (table.layout === 'stream') return streamed(cells, ahead?.());
      held.push(cells);
      return '';
    },
    mark: (id, note, ahead) =>
      streamed(
        { id, type: '…', name: '…', state: note, tone: 'dim', last: '', shorter: '', rank: 0 },
        ahead?.(),
      ),
    async end(summary: Summary) {
      await io.out(heldTable());
      deps.note(summary.line);
    },
    // what was read before the failure is still worth a look; the error says it is not all
    failed: () => ({ text: heldTable() }),
  };

  function heldTable(): string {
    if (held.length === 0) return '';
    if (table.worstFirst) held.sort((a, b) => b.rank - a.rank); // stable: the list's order within a state
    const fitted = plan(held, total, table.last, { pending: false, widestId: 0, stream: false });
    let out = header(fitted, table.last, p);
    for (const cells of held) out += rowText(cells, fitted, total, p);
    held.length = 0;
    return out;
  }
}

/** The widths for `rows` in `total` columns: what each column wants, fitted by the one rule. */
function plan<R>(
  rows: readonly Cells[],
  total: number,
  last: LastColumn<R> | undefined,
  { pending, widestId, stream }: { pending: boolean; widestId: number; stream: boolean },
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
  // While rows are to come, their states keep room before the name does: a morning check is run
  // for the errors/disconnected_account it may find, and a state is never split.
  const stateMin = Math.max(
    5,
    rows.reduce((w, c) => Math.max(w, longestWord(c.state)), 0),
    pending ? PENDING_STATE : 0,
  );
  const nameKeep = rows.reduce((w, c) => (whole(c.name) ? Math.max(w, displayWidth(c.name)) : w), 0);
  if (last) {
    const forms = last.shorter ? (['full', 'shorter'] as const) : (['full'] as const);
    for (const form of forms) {
      const need = Math.max(
        displayWidth(last.head),
        widest((c) => (form === 'full' ? c.last : c.shorter), 0),
      );
      const fitted = fitAccountColumns(total, want, {
        stateMin,
        nameKeep,
        extra: last.wrapsAt ? Math.min(need, last.wrapsAt) : need,
        gap: GAP,
      });
      if (fitted?.extra) {
        // what wraps takes all the room there is, up to its widest; the rest needs only its own
        const lastWidth = last.wrapsAt ? Math.min(need, fitted.extra) : need;
        return { columns: fitted.columns, last: form, lastWidth };
      }
    }
  }
  const fitted = fitAccountColumns(total, want, { stateMin, nameKeep, gap: GAP });
  // too narrow for even that: the ids and states whole all the same, and no name
  const columns = fitted?.columns ?? { ...want, name: 0 };
  // A streamed table's state takes all the room left, to wrap the states still to come in.
  if (stream && Number.isFinite(total))
    columns.state = Math.max(
      stateMin,
      total - columns.id - columns.type - columns.name - GAP * (columns.name ? 3 : 2),
    );
  return { columns, last: last ? (last.otherwise === 'under' ? 'under' : 'none') : 'none', lastWidth: 0 };
}

function header<R>(layout: Layout, last: LastColumn<R> | undefined, p: Painter): string {
  const beside = layout.last === 'full' || layout.last === 'shorter';
  return tableOf(layout.columns, beside ? layout.lastWidth : 0).row(
    ['ID', 'TYPE', 'NAME', 'STATE', beside ? (last?.head ?? '') : ''],
    (s) => p.label(s),
  );
}

function tableOf(c: AccountColumns, lastWidth: number): Table {
  return new Table({
    style: 'plain',
    gap: GAP,
    columns: [
      { width: c.id, overflow: 'cut' },
      { width: c.type, overflow: 'cut' },
      { width: c.name, overflow: 'cut' },
      { width: c.state },
      { width: lastWidth },
    ],
  });
}

/**
 * One row in the layout. An id wider than its column (read after a streamed table was sized)
 * widens its row, and so does an e-mail in NAME; another name only into room the line has spare.
 * The state after them gives up what it can (down to its longest word), then the line is wider
 * than the terminal (which soft-wraps it) rather than an id or an address losing characters.
 */
function rowText(cells: Cells, layout: Layout, total: number, p: Painter): string {
  const { columns } = layout;
  const beside = layout.last === 'full' || layout.last === 'shorter';
  const lastWidth = beside ? layout.lastWidth : 0;
  const used = columns.id + columns.type + columns.name + columns.state + lastWidth + GAP * 4;
  const free = Math.max(0, total - used);
  const idExtra = Math.max(0, displayWidth(cells.id) - columns.id);
  const nameOver = columns.name > 0 ? Math.max(0, displayWidth(cells.name) - columns.name) : 0;
  const nameExtra = whole(cells.name) ? nameOver : Math.min(nameOver, Math.max(0, free - idExtra));
  let row = columns;
  if (idExtra + nameExtra > 0) {
    const state = Math.max(
      longestWord(cells.state),
      columns.state - Math.max(0, idExtra + nameExtra - Math.max(0, total - used)),
    );
    row = { ...columns, id: columns.id + idExtra, name: columns.name + nameExtra, state };
  }
  const lastText = layout.last === 'shorter' ? cells.shorter : cells.last;
  let out = tableOf(row, lastWidth).row(
    [cells.id, cells.type, cells.name, cells.state, beside ? lastText : ''],
    (s, column) => (column === 3 ? p.tone(cells.tone, s) : s === '-' || s === '…' ? p.tone('dim', s) : s),
  );
  if (layout.last === 'under' && cells.last) {
    const width = Number.isFinite(total) ? total - 4 : Number.MAX_SAFE_INTEGER;
    out += `${wrapText(cells.last, width)
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n')}\n`;
  }
  return out;
}
