// Lays out renderer data (model.ts) for a person: colour by meaning, tables that fit the terminal.
// Loaded only when something is printed for a person, so --json never pays for chalk or tables.
import { Chalk, type ChalkInstance } from 'chalk';
import type { PpError } from '../errors.js';
import type { Io } from './io.js';
import type { Field, Identity, Section, Tone } from './model.js';
import { showable } from './showable.js';
import { fitColumns, overhead, Table } from './table.js';
import { displayWidth, longestWord, widestLine, wrapLines, wrapText } from './width.js';

export interface Painter {
  tone(tone: Tone | undefined, text: string): string;
  label(text: string): string;
  title(text: string): string;
}

export function painter(enabled: boolean): Painter {
  const c: ChalkInstance = new Chalk({ level: enabled ? 1 : 0 });
  const tones: Record<Tone, (s: string) => string> = {
    plain: (s) => s,
    ok: c.green,
    warn: c.yellow,
    action: c.magenta,
    bad: c.red,
    dim: c.dim,
  };
  return {
    tone: (tone, text) => tones[tone ?? 'plain'](text),
    label: (text) => c.dim(text),
    title: (text) => c.bold(text),
  };
}

/**
 * A value with no tone of its own is muted when it says there is nothing (`no`, `none`, `not set`,
 * `-`): so booleans and empty values look the same in every section and table.
 */
function toneOf(value: string, tone: Tone | undefined): Tone {
  return tone ?? (/^(no|none|not set|-)$/.test(value) ? 'dim' : 'plain');
}

/** Label/value lines, labels aligned, long values wrapped within the width. */
export function fieldLines(io: Io, p: Painter, items: Field[], indent = 2): string {
  if (items.length === 0) return '';
  const labelWidth = Math.max(...items.map((f) => displayWidth(f.label)));
  const valueWidth = Math.max(16, io.columns - indent - labelWidth - 4);
  const table = new Table({
    style: 'plain',
    indent,
    columns: [{ width: labelWidth }, { width: valueWidth }],
  });
  return items
    .map((f) =>
      table.row([f.label, f.value], (text, column) =>
        column === 0 ? p.label(text) : p.tone(toneOf(f.value, f.tone), text),
      ),
    )
    .join('');
}

/**
 * A sub-table. When its columns cannot fit the terminal without squeezing a column below
 * `minColumn`, or below its longest word (a URL or an id, which is never split), each row is shown
 * as its own block of label/value lines instead (like psql's \x), which stays readable at any width.
 */
export function tableLines(
  io: Io,
  p: Painter,
  head: string[],
  rows: string[][],
  minColumn = 12,
  tones: (Tone | undefined)[][] = [],
): string {
  const column = (i: number) => [head[i]!, ...rows.map((r) => r[i] ?? '')];
  const natural = head.map((_, i) => Math.max(...column(i).map(widestLine)));
  const floors = head.map((_, i) =>
    Math.max(Math.min(natural[i]!, minColumn), ...column(i).map(longestWord)),
  );
  const extra = overhead({ style: 'box' }, head.length);
  const widths = fitColumns(natural, io.columns, extra, floors);
  if (widths.reduce((a, b) => a + b, extra) > io.columns) {
    return rows
      .map((row, n) => {
        const items = head
          .map((label, i): Field => ({ label, value: row[i] ?? '', tone: tones[n]?.[i] }))
          .filter((f) => f.value !== '');
        return `  ${p.label(`${n + 1}.`)}\n${fieldLines(io, p, items, 4)}`;
      })
      .join('');
  }
  const table = new Table({ style: 'box', columns: widths.map((width) => ({ width })) });
  const parts = [table.header(head, p.label)];
  rows.forEach((row, n) => {
    const cells = head.map((_, i) => row[i] ?? '');
    parts.push(table.row(cells, (text, i) => p.tone(toneOf(cells[i]!, tones[n]?.[i]), text)));
  });
  parts.push(table.end());
  return parts.join('');
}

export function renderSections(io: Io, p: Painter, sections: Section[]): string {
  const parts: string[] = [];
  for (const s of sections) {
    if (s.kind === 'fields') {
      if (s.fields.length === 0) continue;
      parts.push((s.title ? `${p.title(s.title)}\n` : '') + fieldLines(io, p, s.fields));
    } else {
      if (s.rows.length === 0) continue;
      parts.push(`${p.title(s.title)}\n${tableLines(io, p, s.head, s.rows, 12, s.tones)}`);
    }
  }
  return parts.join('\n');
}

/** Who the account's owner is, then `health`: the state and each reason with what to do. */
export function renderIdentity(
  io: Io,
  providerLabel: string,
  accountId: string,
  identity: Identity,
  health: Field[],
): string {
  const p = painter(io.stdoutColor);
  const name = p.title(wrapText(identity.name, io.columns));
  const handle = identity.handle && identity.handle !== identity.name ? identity.handle : undefined;
  // The handle goes beside the name when both fit on one line, else below it.
  const head = !handle
    ? name
    : displayWidth(`${identity.name}  ${handle}`) <= io.columns
      ? `${name}  ${handle}`
      : `${name}\n${wrapText(handle, io.columns)}`;
  const lines = fieldLines(io, p, [
    { label: 'Provider', value: providerLabel },
    { label: 'Account', value: accountId },
    ...identity.details,
    ...health,
  ]);
  return `${head}\n${lines}`;
}

export function renderProfile(io: Io, header: string, sections: Section[]): string {
  const p = painter(io.stdoutColor);
  return `${p.title(wrapText(header, io.columns))}\n\n${renderSections(io, p, sections)}`;
}

/**
 * Text for standard error wrapped at the terminal's width, every line after the first indented by two
 * spaces (all of them with `indentFirst`); `lead` (`error:`, `hint:`) starts the first line and is
 * painted after wrapping, so its colour takes no columns.
 */
function errLines(
  io: Io,
  lead: string,
  paint: (s: string) => string,
  text: string,
  indentFirst = false,
): string {
  // On a terminal only: a log or a pipe keeps each message on one line, for grep.
  const width = io.stderr.isTTY ? Math.max(20, io.errColumns - 2) : Number.POSITIVE_INFINITY;
  const lines = wrapLines(lead ? `${lead} ${text}` : text, width).map(
    (line, i) => (i > 0 || indentFirst ? '  ' : '') + line.text,
  );
  return `${lead ? lines.join('\n').replace(lead, paint(lead)) : lines.join('\n')}\n`;
}

/** The human form of an error, for standard error. */
export function renderError(io: Io, error: PpError, verbose: boolean): string {
  const p = painter(io.stderrColor);
  // the title and detail may be the server's words: made safe before wrapping
  const show = (text: string) => showable(io, text);
  const account = error.accountId ? ` [${error.accountId}]` : '';
  let text = errLines(io, 'error:', (s) => p.tone('bad', s), show(error.message + account));
  if (error.detail) text += errLines(io, '', String, show(error.detail), true);
  if (error.hint) text += errLines(io, 'hint:', p.label, show(error.hint), true);
  if (error.requestId)
    text += errLines(io, 'request', p.label, `${show(error.requestId)}: quote it to support`, true);
  if (verbose && error.exitCode) text += `  ${p.label(`exit code ${error.exitCode}`)}\n`;
  return text;
}

export function renderWarning(io: Io, text: string): string {
  const p = painter(io.stderrColor);
  return errLines(io, 'warning:', (s) => p.tone('warn', s), showable(io, text));
}
