// Lays out renderer data (model.ts) for a person: colour by meaning, tables that fit the terminal.
// Loaded only when something is printed for a person, so --json never pays for chalk or cli-table3.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { PpError } from '../errors.js';
import type { Io } from './io.js';
import type { Field, Identity, Section, Tone } from './model.js';
import { showable } from './showable.js';
import { displayWidth, wrapText } from './width.js';

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
    bad: c.red,
    dim: c.dim,
  };
  return {
    tone: (tone, text) => tones[tone ?? 'plain'](text),
    label: (text) => c.dim(text),
    title: (text) => c.bold(text),
  };
}

const noBorders = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '',
};

/** Column widths (with cli-table3's one-space padding each side) that fit in `total` columns. */
export function fitColumns(natural: number[], total: number, borders: number, minimum = 8): number[] {
  const widths = natural.map((w) => w + 2);
  const budget = Math.max(total - borders, widths.length * minimum);
  let excess = widths.reduce((a, b) => a + b, 0) - budget;
  while (excess > 0) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= minimum) break;
    widths[widest]! -= 1;
    excess -= 1;
  }
  return widths;
}

/** Label/value lines, labels aligned, long values wrapped within the width. */
export function fieldLines(io: Io, p: Painter, items: Field[], indent = 2): string {
  if (items.length === 0) return '';
  const labelWidth = Math.max(...items.map((f) => displayWidth(f.label)));
  const valueWidth = Math.max(16, io.columns - indent - labelWidth - 4);
  const table = new Table({
    chars: noBorders,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
    colWidths: [indent + labelWidth + 2, valueWidth + 2],
  });
  for (const f of items) {
    const value = wrapText(f.value, valueWidth)
      .split('\n')
      .map((line) => p.tone(f.tone, line))
      .join('\n');
    table.push([' '.repeat(indent) + p.label(f.label), value]);
  }
  return `${table.toString().replace(/[ \t]+$/gm, '')}\n`;
}

/**
 * A sub-table. When its columns cannot fit the terminal without squeezing a column below
 * `minColumn`, each row is shown as its own block of label/value lines instead (like psql's \x),
 * which stays readable at any width.
 */
export function tableLines(io: Io, p: Painter, head: string[], rows: string[][], minColumn = 12): string {
  const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const widths = fitColumns(natural, io.columns, head.length + 1);
  if (widths.some((w, i) => w - 2 < Math.min(natural[i]!, minColumn))) {
    return rows
      .map((row, n) => {
        const items = head.map((label, i) => ({ label, value: row[i] ?? '' })).filter((f) => f.value !== '');
        return `  ${p.label(`${n + 1}.`)}\n${fieldLines(io, p, items, 4)}`;
      })
      .join('');
  }
  const cell = (value: string, i: number) => wrapText(value, widths[i]! - 2);
  // cli-table3's layout time grows with the square of the rows (4,000 rows: over a second), so a
  // long table is laid out in slices of the same column widths, joined where their borders meet.
  const pieces: string[] = [];
  for (let start = 0; start < rows.length; start += TABLE_SLICE) {
    const first = start === 0;
    const last = start + TABLE_SLICE >= rows.length;
    const table = new Table({
      head: first ? head.map((h, i) => p.label(cell(h, i))) : [],
      style: { head: [], border: [] },
      colWidths: widths,
      chars: first ? {} : { 'top-left': '├', 'top-mid': '┼', 'top-right': '┤' },
    });
    for (const row of rows.slice(start, start + TABLE_SLICE))
      table.push(head.map((_, i) => cell(row[i] ?? '', i)));
    const text = table.toString();
    pieces.push(last ? text : text.slice(0, text.lastIndexOf('\n'))); // the bottom border joins the next slice
  }
  return `${pieces.join('\n')}\n`;
}

const TABLE_SLICE = 100;

export function renderSections(io: Io, p: Painter, sections: Section[]): string {
  const parts: string[] = [];
  for (const s of sections) {
    if (s.kind === 'fields') {
      if (s.fields.length === 0) continue;
      parts.push((s.title ? `${p.title(s.title)}\n` : '') + fieldLines(io, p, s.fields));
    } else {
      if (s.rows.length === 0) continue;
      parts.push(`${p.title(s.title)}\n${tableLines(io, p, s.head, s.rows)}`);
    }
  }
  return parts.join('\n');
}

export function renderIdentity(io: Io, providerLabel: string, accountId: string, identity: Identity): string {
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
    ...identity.warnings.map((w): Field => ({ label: 'Warning', value: w.text, tone: w.severity })),
  ]);
  return `${head}\n${lines}`;
}

export function renderProfile(io: Io, header: string, sections: Section[]): string {
  const p = painter(io.stdoutColor);
  return `${p.title(wrapText(header, io.columns))}\n\n${renderSections(io, p, sections)}`;
}

/** The human form of an error, for standard error. */
export function renderError(io: Io, error: PpError, verbose: boolean): string {
  const p = painter(io.stderrColor);
  // the title and detail may be the server's words: made safe, and every line indented
  const show = (text: string) => showable(io, text).replace(/\n/g, '\n  ');
  const account = error.accountId ? ` [${error.accountId}]` : '';
  let text = `${p.tone('bad', 'error:')} ${show(error.message + account)}\n`;
  if (error.detail) text += `  ${show(error.detail)}\n`;
  if (error.hint) text += `  ${p.label('hint:')} ${show(error.hint)}\n`;
  if (verbose && error.exitCode) text += `  ${p.label(`exit code ${error.exitCode}`)}\n`;
  return text;
}

export function renderWarning(io: Io, text: string): string {
  return `${painter(io.stderrColor).tone('warn', 'warning:')} ${showable(io, text)}\n`;
}
