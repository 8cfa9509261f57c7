// --format prometheus (CLI.md, "Formats"): the text exposition format, for node_exporter's
// textfile collector. Every metric family is one block (HELP, TYPE, samples), so the per-account
// samples stream as the list is read and the counts follow at the end. Every sample is labelled
// with pp's profile, so two workspaces' files in one collector folder do not collide. With pp
// status's memory, pp_account_state_since_seconds is a second per-account family: its samples
// (one short line an account) are held until the first block is done.
import {
  type ExportDeps,
  type Exporter,
  type Failure,
  noteSummary,
  type RowView,
  type Summary,
} from '../exporter.js';
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
  let since = '';
  const sinceFamily = () =>
    since &&
    family(
      'pp_account_state_since_seconds',
      'Since when each linked account has been in its state, in Unix time.',
    ) + since;
  return {
    head: () =>
      family('pp_account_health', 'The health state of each linked account (1 for its current state).'),
    row(row) {
      const { id, type, name, health, memory } = view.account(row);
      if (!health) return ''; // no longer in the workspace: no state to sample
      const pairs = labels({ account_id: id, type, name, state: health.state, profile: deps.profile });
      if (memory) since += `pp_account_state_since_seconds${pairs} ${Date.parse(memory.since) / 1000}\n`;
      return `pp_account_health${pairs} 1\n`;
    },
    async end(summary: Summary) {
      await deps.io.out(sinceFamily() + statusTail(summary.counts, deps));
      await noteSummary(deps, summary);
    },
    // the accounts read before the failure have their since as they have their health sample
    failed: () => ({ text: sinceFamily() + failure(undefined, deps).text }),
  };
}

/** A check that failed: pp_status_success 0, after whatever samples were written, never counts. */
export const failure = (_error: unknown, deps: ExportDeps): Failure => ({
  text: statusTail(undefined, deps),
});
