// --format nagios (CLI.md, "Formats"): the monitoring-plugin convention. The first line is the
// status and a summary, then `|` and the performance data (a count per state); each later line is
// long output, one per account that is not ok, worst first. With pp status's memory the summary
// leads with what changed and the performance data adds new_problems= and recovered=; a flapping
// account's line says so (its reason). The exit code is the plugin's: 0 OK,
// 1 WARNING, 2 CRITICAL, 3 UNKNOWN, and a check that failed, however, is UNKNOWN (this file's
// failure()), never the 1 of a bug or the 2 of a usage error, which Nagios would read as WARNING
// or CRITICAL.
import type { PpError } from '../../errors.js';
import type {
  AccountFacts,
  AdviceCommands,
  Change,
  ExportDeps,
  Exporter,
  Failure,
  RowView,
  Summary,
} from '../exporter.js';
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

/** The check itself failed (no key, network, the list unreadable, a bad option): UNKNOWN, never OK. */
export function nagiosUnknown(error: PpError): string {
  const detail = error.detail
    ? ` (${error.detail.length > 200 ? `${error.detail.slice(0, 199)}…` : error.detail})`
    : '';
  return `PP UNKNOWN - ${plain(`${error.message}${detail}`)}\n`;
}

/**
 * The long output is held until the status line is written, never the account a row came from,
 * and in as little memory as its text allows (LongOutput).
 */
export function exporter<R>(view: RowView<R>, deps: ExportDeps): Exporter<R> {
  // the pp commands that do what a reason says (pp status's: reconnect, checkpoint, wait)
  const commands = typeof view.table.advice === 'function' ? view.table.advice : undefined;
  const held = new LongOutput(commands);
  return {
    head: () => '',
    row(row) {
      const account = view.account(row);
      const { health } = account;
      // an account no longer in the workspace has no verdict: the summary counts it as removed
      if (health && health.state !== 'ok') held.add({ ...account, health });
      return '';
    },
    async end(summary: Summary) {
      // the summary is the status line: no count line besides
      // the workspace first: two profiles' checks read alike otherwise
      const line = deps.profile ? `${deps.profile}: ${summary.line}` : summary.line;
      await deps.io.out(
        nagiosStatusLine(nagiosStatus(summary.counts), line, summary.counts, summary.changes),
      );
      // a block at a time, each written before the next is made: never the whole output at once
      for (const text of held.blocks()) await deps.io.out(text);
    },
    exitCode: (summary) => nagiosExitCode[nagiosStatus(summary.counts)],
    failed: failure,
  };
}

/** Where an account's id goes in the fix its line shares with others, until it is split there. */
const ID = '\u0000';

/** Lines of the long output in a block: one string of their heads, one index each for the rest. */
const BLOCK_LINES = 1024;

/**
 * The long output's lines, one per account that is not ok (`action_needed: acc_x (INSTAGRAM,
 * name): what to do. Fix: pp accounts reconnect acc_x`), worst state first and in the list's order
 * within a state, held compactly: per state, the lines' heads (`stopped: acc_x (MAIL, name)`) and
 * ids joined into one string each every 1,024 lines, and for each line the index of its reasons'
 * sentences and fix among the distinct ones met (most accounts of a state share the same few).
 * 1,000,000 stopped accounts held 1.2 GB as whole lines (two-byte strings: the sentences have a ’)
 * and the output they were joined into; held so, ~55 MB.
 */
class LongOutput {
  /**
   * Each distinct rest of a line: its reasons' sentences, and their fix in the pieces the account's
   * id goes between (` Fix: pp accounts reconnect `, ``), made once for all the accounts that share them.
   */
  readonly #whys: { text: string; fix: readonly string[] }[] = [];
  readonly #whyIndex = new Map<string, number>();
  /** By rank: the state's name, its sealed blocks, and the block being filled. */
  readonly #states = new Map<
    number,
    {
      state: string;
      sealed: { heads: string; ids: string; whys: Uint32Array }[];
      heads: string[];
      /** The account's id where its line has a fix (else ''): one line each, as the heads. */
      ids: string[];
      whys: number[];
    }
  >();

  constructor(private readonly commands?: AdviceCommands) {}

  add({ id, type, name, health }: AccountFacts & { health: Health }): void {
    const what = [type, name].filter((s) => s !== '').join(', ');
    const why = health.reasons.map((r) => r.text).join(' ');
    const prefix = `${health.state}: `;
    // made plain as the whole line would be (a line break at the head's start joins the prefix's
    // space), then without the prefix: it is the state's, said once
    const head = plain(`${prefix}${id}${what ? ` (${what})` : ''}`).slice(prefix.length);
    const rest = why ? plain(`: ${why}`) : '';
    const codes = health.reasons.map((r) => r.code);
    const key = `${rest}\n${codes.join(' ')}`;
    let index = this.#whyIndex.get(key);
    if (index === undefined) {
      // what the person the alert wakes types next: the pp command for each reason that has one
      const { commands } = this;
      const fixes = commands ? codes.flatMap((code) => commands(code, [ID], 1)) : [];
      // made plain around the ids (the base URL, a profile name), as the rest of the line
      const fix = fixes.length > 0 ? ` Fix: ${fixes.join('; ')}`.split(ID).map(plain) : [];
      index = this.#whys.push({ text: rest, fix }) - 1;
      this.#whyIndex.set(key, index);
    }
    const rank = stateRank(health.state);
    let held = this.#states.get(rank);
    if (!held) {
      held = { state: health.state, sealed: [], heads: [], ids: [], whys: [] };
      this.#states.set(rank, held);
    }
    held.heads.push(head);
    held.ids.push(this.#whys[index]!.fix.length > 0 ? plain(id) : '');
    held.whys.push(index);
    if (held.heads.length === BLOCK_LINES) {
      // plain() made each head and id one line: a line break separates them
      held.sealed.push({
        heads: held.heads.join('\n'),
        ids: held.ids.join('\n'),
        whys: Uint32Array.from(held.whys),
      });
      held.heads = [];
      held.ids = [];
      held.whys = [];
    }
  }

  /** The lines, a block at a time, worst state first. */
  *blocks(): Generator<string> {
    const ranks = [...this.#states.keys()].sort((a, b) => b - a);
    for (const rank of ranks) {
      const { state, sealed, heads, ids, whys } = this.#states.get(rank)!;
      const blocks = [...sealed, { heads: heads.join('\n'), ids: ids.join('\n'), whys }];
      for (const block of blocks) {
        if (block.whys.length === 0) continue;
        const blockIds = block.ids.split('\n');
        let out = '';
        block.heads.split('\n').forEach((head, i) => {
          const { text, fix } = this.#whys[block.whys[i]!]!;
          out += `${state}: ${head}${text}${fix.join(blockIds[i] ?? '')}\n`;
        });
        yield out;
      }
    }
  }
}

/** A check that failed, before or after rows: UNKNOWN, and no account lines (they would be a partial fleet). */
export const failure = (error: PpError): Failure => ({
  text: nagiosUnknown(error),
  exitCode: nagiosExitCode.UNKNOWN,
});
