// --json for rows: one JSON object per line (NDJSON), the command's own members (RowView.json). A
// server's body rides along as it came (RawJson, spliced in by compact(): parsing and writing it
// again would round big numbers and rewrite 1.0 as 1); any string holding the key is masked, with
// a warning naming the account.
import { type ExportDeps, noteSummary, RawJson, type RowView, type Summary } from '../exporter.js';
import { compact, maskedWarning, stringify } from '../json.js';

/** The length of text tested for the key at once, in code units (see rows()). */
const PIECE = 8192;

export const exporter = <R>(view: RowView<R>, deps: ExportDeps) => ({
  head: () => '',
  rows(rows: readonly R[]): string | Uint8Array {
    // The key is looked for in pieces of the page's text, a few lines each, not in each line nor in
    // the whole page, and the pieces are written as one buffer. A page that holds it, in any line,
    // is laid out again line by line: each string that holds it masked, and a warning naming its
    // account. Measured over 10,000 accounts (in-process CPU profiles): the test of each whole page
    // (~130 KB of text, 250 lines joined one by one) was 26 ms, the same text in pieces 5.5 ms. A
    // key cannot run across two lines: a JSON line holds no line break, and a key holds none either
    // (node:http refuses one in a header, so no page was read with it).
    const lineByLine = () => rows.map((r) => this.row(r)).join('');
    const pieces: string[] = [];
    let size = 0;
    let piece = '';
    /** Keeps the piece so far, unless it holds the key (false). */
    const keep = (): boolean => {
      if (deps.io.holdsSecret(piece)) return false;
      pieces.push(piece);
      size += Buffer.byteLength(piece);
      piece = '';
      return true;
    };
    for (const row of rows) {
      const line = plainLine(view.json(row));
      if (line === undefined) return lineByLine();
      piece += line;
      if (piece.length >= PIECE && !keep()) return lineByLine();
    }
    if (piece && !keep()) return lineByLine();
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    for (const text of pieces) at += bytes.write(text, at);
    return bytes;
  },
  row(row: R): string {
    const members = view.json(row);
    // most lines splice in no server body: written as they are, with no copy of their members
    // (10,000 accounts: a copy and an entries array per line were ~5% of pp accounts --json)
    if (!splices(members)) {
      const line = stringify(members, deps.io);
      if (line.masked) deps.warn(maskedWarning(view.account(row).id || view.account(row).name));
      return `${line.text}\n`;
    }
    const plain: Record<string, unknown> = {};
    let raw = '';
    let masked = false;
    for (const [name, value] of Object.entries(members)) {
      if (!(value instanceof RawJson)) {
        plain[name] = value;
        continue;
      }
      const laid = compact(value.text, deps.io);
      masked ||= laid.masked;
      raw += `,${JSON.stringify(name)}:${laid.text}`;
    }
    const line = stringify(plain, deps.io);
    if (line.masked || masked) {
      const { id, type, name } = view.account(row);
      deps.warn(maskedWarning(id || type || name));
    }
    return raw ? `${line.text.slice(0, -1)}${raw}}\n` : `${line.text}\n`;
  },
  end: async (summary: Summary) => noteSummary(deps, summary),
});

/**
 * The NDJSON line of members that splice in no server body, unmasked; undefined for one that
 * does, or one nested too deep for JSON.stringify (stringify() lays those out).
 */
function plainLine(members: Record<string, unknown>): string | undefined {
  if (splices(members)) return undefined;
  try {
    return `${JSON.stringify(members)}\n`;
  } catch {
    return undefined;
  }
}

function splices(members: Record<string, unknown>): boolean {
  for (const name in members) if (members[name] instanceof RawJson) return true;
  return false;
}
