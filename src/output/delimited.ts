// csv and tsv (CLI.md, "Formats"): a header row, then one row per account, written a row at a time
// so that a list of any length streams. One writer for pp accounts, pp status and many-account
// pp profile, so the three agree on columns and escaping.
import type { Health } from './model.js';

export type Delimited = 'csv' | 'tsv';

/** The columns every account row has, in order. */
export const accountColumns = ['account_id', 'type', 'name', 'state', 'reasons'] as const;

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

export function delimitedRow(format: Delimited, cells: readonly string[]): string {
  return format === 'csv' ? `${cells.map(csvField).join(',')}\n` : `${cells.map(tsvField).join('\t')}\n`;
}

export const accountHeader = (format: Delimited): string => delimitedRow(format, accountColumns);

/** One account's row: reasons are their codes joined by `;`. */
export function accountRow(
  format: Delimited,
  account: { id: string; type: string; name: string; health: Health },
): string {
  const reasons = account.health.reasons.map((r) => r.code).join(';');
  return delimitedRow(format, [account.id, account.type, account.name, account.health.state, reasons]);
}

export const isDelimited = (format: string): format is Delimited => format === 'csv' || format === 'tsv';
