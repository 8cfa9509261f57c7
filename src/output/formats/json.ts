// --json for rows: one JSON object per line (NDJSON), the command's own members (RowView.json). A
// server's body rides along as it came (RawJson, spliced in by compact(): parsing and writing it
// again would round big numbers and rewrite 1.0 as 1); any string holding the key is masked, with
// a warning naming the account.
import { type ExportDeps, noteSummary, RawJson, type RowView, type Summary } from '../exporter.js';
import { compact, maskedWarning, stringify } from '../json.js';

export const exporter = <R>(view: RowView<R>, deps: ExportDeps) => ({
  head: () => '',
  row(row: R): string {
    const members = view.json(row);
    // most lines splice in no server body: written as they are, with no copy of their members
    // (10,000 accounts: a copy and an entries array per line were ~5% of pp accounts --json)
    let spliced = false;
    for (const name in members) if (members[name] instanceof RawJson) spliced = true;
    if (!spliced) {
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
