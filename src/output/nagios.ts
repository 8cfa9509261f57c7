// --format nagios (CLI.md, "Formats"): the monitoring-plugin convention. The first line is the
// status and a summary, then `|` and the performance data (a count per state); each later line is
// long output, one per account that is not ok. The exit code is the plugin's: 0 OK, 1 WARNING,
// 2 CRITICAL, 3 UNKNOWN.
import type { PpError } from '../errors.js';
import { type HealthState, healthStates } from './model.js';
import { neutralize } from './showable.js';

export type NagiosStatus = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

export const nagiosExitCode: Readonly<Record<NagiosStatus, number>> = {
  OK: 0,
  WARNING: 1,
  CRITICAL: 2,
  UNKNOWN: 3,
};

/**
 * The verdict on the accounts read. An account the owner must act on is CRITICAL even when
 * another could not be checked: a known problem must page someone, and many setups do not notify
 * on UNKNOWN. An account that could not be checked is UNKNOWN over warnings, which are not failures.
 */
export function nagiosStatus(counts: ReadonlyMap<HealthState, number>): NagiosStatus {
  const has = (state: HealthState) => (counts.get(state) ?? 0) > 0;
  if (has('action_needed') || has('stopped')) return 'CRITICAL';
  if (has('unknown')) return 'UNKNOWN';
  if (has('warning') || has('connecting')) return 'WARNING';
  return 'OK';
}

/** Text for one line of plugin output: no line break, and no `|`, which starts performance data. */
const plain = (text: string): string =>
  neutralize(text)
    .replace(/\s*\n\s*/g, ' ')
    .replaceAll('|', '/');

/** `PP <STATUS> - <summary> | ok=N warning=N connecting=N action_needed=N stopped=N unknown=N` */
export function nagiosStatusLine(
  status: NagiosStatus,
  summary: string,
  counts: ReadonlyMap<HealthState, number>,
): string {
  const perfdata = healthStates.map((state) => `${state}=${counts.get(state) ?? 0}`).join(' ');
  return `PP ${status} - ${plain(summary)} | ${perfdata}\n`;
}

/** One account of the long output: `action_needed: acc_x (INSTAGRAM, name): what to do`. */
export function nagiosAccountLine(account: {
  id: string;
  type: string;
  name: string;
  state: HealthState;
  reasons: readonly { text: string }[];
}): string {
  const what = [account.type, account.name].filter((s) => s !== '').join(', ');
  const why = account.reasons.map((r) => r.text).join(' ');
  return `${plain(`${account.state}: ${account.id}${what ? ` (${what})` : ''}${why ? `: ${why}` : ''}`)}\n`;
}

/** The check itself failed (no key, network, the list unreadable, a bad option): UNKNOWN, never OK. */
export function nagiosUnknown(error: PpError): string {
  const detail = error.detail
    ? ` (${error.detail.length > 200 ? `${error.detail.slice(0, 199)}…` : error.detail})`
    : '';
  return `PP UNKNOWN - ${plain(`${error.message}${detail}`)}\n`;
}
