// csv and tsv (CLI.md, "Formats"): a header row, then one row per account, a row at a time so that
// a list of any length streams. The columns are the command's (RowView.columns), the quoting and
// escaping this file's, so every command's csv agrees.
import {
  columnsOf,
  type ExportDeps,
  type FormatModule,
  noteSummary,
  type RowView,
  type Summary,
} from '../exporter.js';

/**
 * A value a spreadsheet would run as a formula, written with a leading `'` (OWASP's advice; CLI.md,
 * "Formats"): one that begins with `=`, `@`, a tab or a CR, or with `+` or `-` followed by more
 * than a number or a phone number (`=HYPERLINK("http://evil.test","click")`, `+cmd|' /C calc'!A0`).
 * A number or a phone number (`-12.5`, `+33 6 00 00 00 01`, `+1 (555) 010-9999`: digits, spaces and
 * the separators ( ) . / -) is left as it is: account names are often phone numbers, and no formula
 * that calls anything can be written in those characters.
 */
export function spreadsheetSafe(value: string): string {
  const first = value[0];
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return `'${value}`;
  if (first !== '+' && first !== '-') return value;
  const rest = value.slice(1);
  const number = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(rest);
  const phone = /^[\d ()./\u00a0-]*$/.test(rest);
  return number || phone ? value : `'${value}`;
}

/**
 * RFC 4180: a field holding a comma, a double quote, a CR or a LF is quoted, its quotes doubled.
 * Rows end in LF rather than the RFC's CRLF, as Unix tools (cut, awk, sort) expect; parsers take
 * either. A formula is neutralised first.
 */
function csvField(value: string): string {
  const safe = spreadsheetSafe(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A tab, CR, LF or backslash inside a value is escaped (\t, \r, \n, \\), so each row is one line;
 * a formula is neutralised before, so its `'` comes first (`'\t=1` for a tab and `=1`).
 */
function tsvField(value: string): string {
  return spreadsheetSafe(value).replace(
    /[\\\t\r\n]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\r': '\\r', '\n': '\\n' })[c]!,
  );
}

function delimited(field: (value: string) => string, separator: string): FormatModule {
  const line = (cells: readonly string[]) => `${cells.map(field).join(separator)}\n`;
  return {
    exporter: <R>(view: RowView<R>, deps: ExportDeps) => {
      const columns = view.columns ?? columnsOf(view);
      return {
        head: () => line(columns.map((c) => c.name)),
        row: (row: R) => line(columns.map((c) => c.value(row))),
        end: async (summary: Summary) => noteSummary(deps, summary),
      };
    },
  };
}

export const csv = delimited(csvField, ',');
export const tsv = delimited(tsvField, '\t');
