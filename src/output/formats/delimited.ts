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
 * RFC 4180: a field holding a comma, a double quote, a CR or a LF is quoted, its quotes doubled.
 * Rows end in LF rather than the RFC's CRLF, as Unix tools (cut, awk, sort) expect; parsers take
 * either.
 */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A tab, CR, LF or backslash inside a value is escaped (\t, \r, \n, \\), so each row is one line. */
function tsvField(value: string): string {
  return value.replace(/[\\\t\r\n]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\r': '\\r', '\n': '\\n' })[c]!);
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
