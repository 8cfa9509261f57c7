// What pp status remembers of one account and how a run compares with it (CLI.md, "Memory: what
// changed"): the state, since when, the last 20 transitions; the change a run sees (new_problem,
// worse, better, recovered, same, removed); flapping. Pure functions of a record, a verdict and the
// time, so that every rule is tested without a file or a clock.
import type { Health, HealthReason, HealthState } from '../health.js';
import { stateRank } from '../health.js';
import type { Change, Remembered } from '../output/exporter.js';

/** Transitions kept per account: enough for flapping (4 in 24 hours) and a history worth reading. */
export const MAX_TRANSITIONS = 20;
/** An account gone from the workspace is forgotten this long after pp saw it gone. */
export const FORGET_AFTER_MS = 30 * 86_400_000;
/** Flapping: this many transitions or more within the window, while not ok. */
export const FLAP_TRANSITIONS = 4;
export const FLAP_WINDOW_MS = 86_400_000;

/** A change of state: when (ms since the epoch), from, to. */
export type Transition = [at: number, from: HealthState, to: HealthState];

/**
 * One account as the state file holds it. Compact on purpose: every run reads and writes all of
 * them, and at 100,000 accounts objects with named members and ISO times took ~2.5 s more a run
 * (parsing 13 MB, checking each time, copying into a Map, writing each back) than the list itself
 * (measured: 4 s), where these arrays of numbers and short strings take a few hundred ms. Times are
 * milliseconds since the epoch; `type` and `name` name the account once it is gone; `removed` is
 * when a complete list no longer had it (reported once, forgotten FORGET_AFTER_MS later).
 */
export type AccountRecord = [
  state: HealthState,
  since: number,
  type: string,
  name: string,
  transitions?: Transition[],
  removed?: number,
];

/** What a run saw of an account. */
export interface Seen {
  state: HealthState;
  type: string;
  name: string;
}

/** ISO 8601 of a time; the last one is kept, since most accounts of a run share their `since`. */
let lastMs = Number.NaN;
let lastIso = '';
export function iso(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

/** The change from `previous` (null: never seen) to `state`, by the severity order of the states. */
export function changeOf(previous: HealthState | null, state: HealthState): Change {
  if (previous === state) return 'same';
  if (state === 'ok') return previous === null ? 'same' : 'recovered';
  if (previous === null || previous === 'ok') return 'new_problem';
  return stateRank(state) > stateRank(previous) ? 'worse' : 'better';
}

/**
 * How an account seen now in `state` compares with its record (none: first seen), and how many
 * transitions it has had in the last 24 hours, this one included. `now` bounds every time read: a
 * record from the future (a clock put back) never gives a `since` after now.
 */
export function recall(
  record: AccountRecord | undefined,
  state: HealthState,
  now: number,
): { memory: Remembered; flaps: number } {
  if (!record) {
    return {
      memory: { since: iso(now), previous: null, change: changeOf(null, state), firstSeen: true },
      flaps: 0,
    };
  }
  const [was, since, , , transitions = []] = record;
  // only an account that is not ok can be flapping: the ok ones (most of a fleet) count nothing
  const flaps = state === 'ok' ? 0 : recentTransitions(transitions, now);
  if (was !== state) {
    const memory: Remembered = {
      since: iso(now),
      previous: was,
      change: changeOf(was, state),
      firstSeen: false,
    };
    return { memory, flaps: state === 'ok' ? 0 : flaps + 1 };
  }
  const last = transitions.at(-1);
  const into = last?.[2] === state ? last : undefined;
  return {
    memory: {
      since: iso(Math.min(since, now)),
      previous: into ? into[1] : null,
      change: 'same',
      firstSeen: !into,
    },
    flaps,
  };
}

/**
 * What recall() says of an account seen again as it was, that never changed state (see
 * Section.unchangedSince): the same for every such account with that `since`, so one object is
 * kept for the last one, as iso() keeps its text. Nothing changes a Remembered once made.
 */
let lastUnchanged: Remembered | undefined;
export function unchanged(since: number): Remembered {
  const text = iso(since);
  if (lastUnchanged?.since !== text)
    lastUnchanged = { since: text, previous: null, change: 'same', firstSeen: true };
  return lastUnchanged;
}

/** Transitions within the flapping window before `now` (one from the future counts as recent). */
function recentTransitions(transitions: readonly Transition[], now: number): number {
  let n = 0;
  for (const [at] of transitions) if (at > now - FLAP_WINDOW_MS) n++;
  return n;
}

/** An account of the last complete list that this one does not have: gone since now. */
export const removal = (record: AccountRecord, now: number): Remembered => ({
  since: iso(now),
  previous: record[0],
  change: 'removed',
  firstSeen: false,
});

/** The reason a flapping account carries beside its state's own (CLI.md: code `flapping`). */
export const flappingReason = (flaps: number): HealthReason => ({
  code: 'flapping',
  text: `Its state changed ${flaps} times in the last 24 hours: something keeps breaking it. Look at the account in postpress rather than only reconnecting it.`,
});

/** The health with `flapping` added when the account is not ok and changed state often enough. */
export function withFlapping(health: Health, flaps: number): Health {
  if (health.state === 'ok' || flaps < FLAP_TRANSITIONS) return health;
  return { state: health.state, reasons: [...health.reasons, flappingReason(flaps)] };
}

/**
 * The record after a run saw the account at `at`: the same record when nothing about it changed
 * (most accounts, most runs), else a new one, with the transition added and the oldest dropped past
 * MAX_TRANSITIONS. A `since` from the future is brought back to `at`; an account seen again is no
 * longer removed.
 */
export function observe(base: AccountRecord | undefined, seen: Seen, at: number): AccountRecord {
  if (!base) return [seen.state, at, seen.type, seen.name];
  const [state, since, type, name, transitions = [], removed] = base;
  if (state === seen.state) {
    if (since <= at && removed === undefined && type === seen.type && name === seen.name) return base;
    const kept: AccountRecord = [state, Math.min(since, at), seen.type, seen.name];
    if (transitions.length > 0) kept.push(transitions);
    return kept;
  }
  const next: Transition[] = [...transitions, [at, state, seen.state]];
  return [seen.state, at, seen.type, seen.name, next.slice(-MAX_TRANSITIONS)];
}

/** The record marked gone from the workspace at `at`. */
export const markRemoved = (record: AccountRecord, at: number): AccountRecord => [
  record[0],
  record[1],
  record[2],
  record[3],
  record[4] ?? [],
  at,
];

/** Whether a record of an account gone from the workspace is old enough to forget. */
export const forgotten = (record: AccountRecord, now: number): boolean =>
  record[5] !== undefined && record[5] < now - FORGET_AFTER_MS;

/** The changes in the order a summary names them. */
const changeWords: readonly [Change, string, string][] = [
  ['new_problem', 'new problem', 'new problems'],
  ['worse', 'worse', 'worse'],
  ['better', 'better', 'better'],
  ['recovered', 'recovered', 'recovered'],
  ['removed', 'removed', 'removed'],
];

/** The accounts of a run counted by change, and the words leading its summary. */
export class ChangeTally {
  readonly counts = new Map<Change, number>([
    ...changeWords.map(([c]): [Change, number] => [c, 0]),
    ['same', 0],
  ]);
  flapping = 0;

  add(change: Change, flapping = false): void {
    this.counts.set(change, (this.counts.get(change) ?? 0) + 1);
    if (flapping) this.flapping++;
  }

  /** Nothing but `same`: a --changes run has nothing to report. */
  get none(): boolean {
    return changeWords.every(([c]) => (this.counts.get(c) ?? 0) === 0);
  }

  /** "2 new problems, 1 recovered, 1 flapping", or "nothing changed". */
  line(): string {
    const parts = changeWords
      .filter(([c]) => (this.counts.get(c) ?? 0) > 0)
      .map(([c, one, many]) => {
        const n = this.counts.get(c) ?? 0;
        return `${n} ${n === 1 ? one : many}`;
      });
    if (this.flapping > 0) parts.push(`${this.flapping} flapping`);
    return parts.length > 0 ? parts.join(', ') : 'nothing changed';
  }
}
