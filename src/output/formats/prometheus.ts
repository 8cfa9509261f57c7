// --format prometheus (CLI.md, "Formats"): the text exposition format, for node_exporter's
// textfile collector. Every metric family is one block (HELP, TYPE, samples), so the per-account
// samples stream as the list is read and the counts follow at the end. Every sample is labelled
// with pp's profile, so two workspaces' files in one collector folder do not collide.
import type { ExportDeps, Exporter, Failure, RowView, Summary } from '../exporter.js';
import { type HealthState, healthStates } from '../model.js';

/** A label value as the format escapes it: backslash, double quote and line feed. */
export const labelValue = (value: string): string =>
  value.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\n'));

const family = (name: string, help: string): string => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n`;

const labels = (pairs: Record<string, string>): string =>
  `{${Object.entries(pairs)
    .map(([name, value]) => `${name}="${labelValue(value)}"`)
    .join(',')}}`;

/**
 * The closing families. A check that failed gives `pp_status_success 0` and no counts: counts of
 * the part read would pass a partial fleet for the whole.
 */
export function statusTail(
  counts: ReadonlyMap<HealthState, number> | undefined,
  { clock, profile }: Pick<ExportDeps, 'clock' | 'profile'>,
): string {
  let out = '';
  if (counts) {
    out += family('pp_accounts', 'Linked accounts in each health state.');
    for (const state of healthStates)
      out += `pp_accounts${labels({ state, profile })} ${counts.get(state) ?? 0}\n`;
  }
  out += family('pp_status_success', 'Whether pp status read the whole accounts list (1) or failed (0).');
  out += `pp_status_success${labels({ profile })} ${counts ? 1 : 0}\n`;
  out += family('pp_status_timestamp_seconds', 'When pp status made its check, in Unix time.');
  out += `pp_status_timestamp_seconds${labels({ profile })} ${clock.now() / 1000}\n`;
  return out;
}

export function exporter<R>(view: RowView<R>, deps: ExportDeps): Exporter<R> {
  return {
    head: () =>
      family('pp_account_health', 'The health state of each linked account (1 for its current state).'),
    row(row) {
      const { id, type, name, health } = view.account(row);
      return `pp_account_health${labels({ account_id: id, type, name, state: health.state, profile: deps.profile })} 1\n`;
    },
    async end(summary: Summary) {
      await deps.io.out(statusTail(summary.counts, deps));
      deps.note(summary.line);
    },
    failed: () => failure(undefined, deps),
  };
}

/** A check that failed: pp_status_success 0, after whatever samples were written, never counts. */
export const failure = (_error: unknown, deps: ExportDeps): Failure => ({
  text: statusTail(undefined, deps),
});
