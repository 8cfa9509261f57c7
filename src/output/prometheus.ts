// --format prometheus (CLI.md, "Formats"): the text exposition format, for node_exporter's
// textfile collector. Every metric family is one block (HELP, TYPE, samples), so the per-account
// samples stream as the list is read and the counts follow at the end.
import { type HealthState, healthStates } from './model.js';

/** A label value as the format escapes it: backslash, double quote and line feed. */
export const labelValue = (value: string): string =>
  value.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\n'));

const family = (name: string, help: string): string => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n`;

const labels = (pairs: Record<string, string>): string =>
  `{${Object.entries(pairs)
    .map(([name, value]) => `${name}="${labelValue(value)}"`)
    .join(',')}}`;

/** The head of the per-account family, written before the first account. */
export const accountHealthHead = (): string =>
  family('pp_account_health', 'The health state of each linked account (1 for its current state).');

export function accountHealthSample(account: {
  id: string;
  type: string;
  name: string;
  state: HealthState;
}): string {
  const { id, type, name, state } = account;
  return `pp_account_health${labels({ account_id: id, type, name, state })} 1\n`;
}

/**
 * The closing families. A check that failed gives `pp_status_success 0` and no counts: counts of
 * the part read would pass a partial fleet for the whole.
 */
export function statusTail(counts: ReadonlyMap<HealthState, number> | undefined, nowMs: number): string {
  let out = '';
  if (counts) {
    out += family('pp_accounts', 'Linked accounts in each health state.');
    for (const state of healthStates) out += `pp_accounts${labels({ state })} ${counts.get(state) ?? 0}\n`;
  }
  out += family('pp_status_success', 'Whether pp status read the whole accounts list (1) or failed (0).');
  out += `pp_status_success ${counts ? 1 : 0}\n`;
  out += family('pp_status_timestamp_seconds', 'When pp status made its check, in Unix time.');
  out += `pp_status_timestamp_seconds ${nowMs / 1000}\n`;
  return out;
}
