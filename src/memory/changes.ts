// What pp status remembers of one account and how a run compares with it (CLI.md, "Memory: what
// changed"): the state, since when, the last 20 transitions; the change a run sees (new_problem,
// worse, better, recovered, same, removed); flapping. Pure functions of a record, a verdict and the
// time, so that every rule is tested without a file or a clock.
import { type Health, type HealthReason, type HealthState, healthStates, stateRank } from '../health.js';
import type { Change, Remembered } from '../output/exporter.js';

/** Transitions kept per account: enough for flapping (4 in 24 hours) and a history worth reading. */
export const MAX_TRANSITIONS = 20;
/** An account gone from the workspace is forgotten this long after pp saw it gone. */
export const FORGET_AFTER_MS = 30 * 86_400_000;
/** Flapping: this many transitions or more within the window, while not ok. */
export const FLAP_TRANSITIONS = 4;
export const FLAP_WINDOW_MS = 86_400_000;

export interface Transition {
  /** ISO 8601. */
  at: string;
  from: HealthState;
  to: HealthState;
}

/** One account as the state file holds it. */
export interface AccountRecord {
  state: HealthState;
  /** When pp first saw it in this state, ISO 8601. */
  since: string;
  /** The type and name it had, to name it once it is gone. */
  type: string;
  name: string;
  /** Oldest first, at most MAX_TRANSITIONS. */
  transitions: Transition[];
  /** When a complete list no longer had it (ISO 8601): reported once as removed, forgotten later. */
  removed?: string;
}

/** What a run saw of an account. */
export interface Seen {
  state: HealthState;
  type: string;
  name: string;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

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
  // only an account that is not ok can be flapping: the ok ones (most of a fleet) count nothing
  const flaps = state === 'ok' ? 0 : recentTransitions(record, now);
  if (record.state !== state) {
    const memory: Remembered = {
      since: iso(now),
      previous: record.state,
      change: changeOf(record.state, state),
      firstSeen: false,
    };
    return { memory, flaps: state === 'ok' ? 0 : flaps + 1 };
  }
  const last = record.transitions.at(-1);
  const into = last?.to === state ? last : undefined;
  const since = Date.parse(record.since);
  return {
    memory: {
      since: since > now ? iso(now) : record.since,
      previous: into ? into.from : null,
      change: 'same',
      firstSeen: into === undefined,
    },
    flaps,
  };
}

/** Transitions within the flapping window before `now` (one from the future counts as recent). */
function recentTransitions(record: AccountRecord, now: number): number {
  let n = 0;
  for (const t of record.transitions) if (Date.parse(t.at) > now - FLAP_WINDOW_MS) n++;
  return n;
}

/** An account of the last complete list that this one does not have: gone since now. */
export const removal = (record: AccountRecord, now: number): Remembered => ({
  since: iso(now),
  previous: record.state,
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
 * MAX_TRANSITIONS. A `since` from the future is brought back to `at`.
 */
export function observe(base: AccountRecord | undefined, seen: Seen, at: number): AccountRecord {
  if (!base) return { state: seen.state, since: iso(at), type: seen.type, name: seen.name, transitions: [] };
  if (base.state === seen.state) {
    const future = Date.parse(base.since) > at;
    if (!future && !base.removed && base.type === seen.type && base.name === seen.name) return base;
    const { removed: _gone, ...kept } = base;
    return { ...kept, type: seen.type, name: seen.name, since: future ? iso(at) : base.since };
  }
  const transition: Transition = { at: iso(at), from: base.state, to: seen.state };
  return {
    state: seen.state,
    since: iso(at),
    type: seen.type,
    name: seen.name,
    transitions: [...base.transitions, transition].slice(-MAX_TRANSITIONS),
  };
}

/** Whether a record of an account gone from the workspace is old enough to forget. */
export const forgotten = (record: AccountRecord, now: number): boolean =>
  record.removed !== undefined && Date.parse(record.removed) < now - FORGET_AFTER_MS;

const isState = (value: unknown): value is HealthState =>
  typeof value === 'string' && (healthStates as readonly string[]).includes(value);
const isTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/**
 * A record as the file holds it, checked (undefined when it is not one pp wrote): the parsed object
 * itself, not a copy, with its transitions cut to MAX_TRANSITIONS.
 */
export function checkRecord(value: unknown): AccountRecord | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  if (!isState(r.state) || !isTime(r.since) || typeof r.type !== 'string' || typeof r.name !== 'string')
    return undefined;
  if (r.removed !== undefined && !isTime(r.removed)) return undefined;
  if (!Array.isArray(r.transitions)) return undefined;
  for (const t of r.transitions as unknown[]) {
    if (t === null || typeof t !== 'object') return undefined;
    const { at, from, to } = t as Record<string, unknown>;
    if (!isTime(at) || !isState(from) || !isState(to)) return undefined;
  }
  if (r.transitions.length > MAX_TRANSITIONS) r.transitions = r.transitions.slice(-MAX_TRANSITIONS);
  return r as unknown as AccountRecord;
}

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
