// --format nagios (CLI.md, "Formats"): the monitoring-plugin convention. The first line is the
// status and a summary, then `|` and the performance data (a count per state); each later line is
// long output, one per account that is not ok, worst first. With pp status's memory the summary
// leads with what changed and the performance data adds new_problems= and recovered=; a flapping
// account's line says so (its reason). The exit code is the plugin's: 0 OK,
// 1 WARNING, 2 CRITICAL, 3 UNKNOWN, and a check that failed, however, is UNKNOWN (this file's
// failure()), never the 1 of a bug or the 2 of a usage error, which Nagios would read as WARNING
// or CRITICAL.
import type { PpError } from '../../errors.js';
import type { AccountFacts, Change, ExportDeps, Exporter, Failure, RowView, Summary } from '../exporter.js';
import { type Health, type HealthState, healthStates, stateRank } from '../model.js';
import { neutralize } from '../showable.js';

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

/**
 * `PP <STATUS> - <summary> | ok=N warning=N connecting=N action_needed=N stopped=N unknown=N`, then
 * `new_problems=N recovered=N` when the run knows what changed.
 */
export function nagiosStatusLine(
  status: NagiosStatus,
  summary: string,
  counts: ReadonlyMap<HealthState, number>,
  changes?: ReadonlyMap<Change, number>,
): string {
  const perfdata = healthStates.map((state) => `${state}=${counts.get(state) ?? 0}`);
  if (changes)
    perfdata.push(
      `new_problems=${changes.get('new_problem') ?? 0}`,
      `recovered=${changes.get('recovered') ?? 0}`,
    );
  return `PP ${status} - ${plain(summary)} | ${perfdata.join(' ')}\n`;
}

/** One account of the long output: `action_needed: acc_x (INSTAGRAM, name): what to do`. */
export function nagiosAccountLine({ id, type, name, health }: AccountFacts & { health: Health }): string {
  const what = [type, name].filter((s) => s !== '').join(', ');
  const why = health.reasons.map((r) => r.text).join(' ');
  return `${plain(`${health.state}: ${id}${what ? ` (${what})` : ''}${why ? `: ${why}` : ''}`)}\n`;
}

/** The check itself failed (no key, network, the list unreadable, a bad option): UNKNOWN, never OK. */
export function nagiosUnknown(error: PpError): string {
  const detail = error.detail
    ? ` (${error.detail.length > 200 ? `${error.detail.slice(0, 199)}…` : error.detail})`
    : '';
  return `PP UNKNOWN - ${plain(`${error.message}${detail}`)}\n`;
}

/**
 * The long output is held until the status line is written: only its text, with its state's rank,
 * never the account the row came from (an outage of 200,000 accounts is 200,000 short lines).
 */
export function exporter<R>(view: RowView<R>, deps: ExportDeps): Exporter<R> {
  const held: { rank: number; line: string }[] = [];
  return {
    head: () => '',
    row(row) {
      const account = view.account(row);
      const { health } = account;
      // an account no longer in the workspace has no verdict: the summary counts it as removed
      if (health && health.state !== 'ok')
        held.push({ rank: stateRank(health.state), line: nagiosAccountLine({ ...account, health }) });
      return '';
    },
    async end(summary: Summary) {
      held.sort((a, b) => b.rank - a.rank); // stable: the list's order within a state
      // the summary is the status line: no count line besides
      // the workspace first: two profiles' checks read alike otherwise
      const line = deps.profile ? `${deps.profile}: ${summary.line}` : summary.line;
      await deps.io.out(
        nagiosStatusLine(nagiosStatus(summary.counts), line, summary.counts, summary.changes) +
          held.map((h) => h.line).join(''),
      );
    },
    exitCode: (summary) => nagiosExitCode[nagiosStatus(summary.counts)],
    failed: failure,
  };
}

/** A check that failed, before or after rows: UNKNOWN, and no account lines (they would be a partial fleet). */
export const failure = (error: PpError): Failure => ({
  text: nagiosUnknown(error),
  exitCode: nagiosExitCode.UNKNOWN,
});
