// One kind of pp status's memory (what plain runs saw, or --deep runs) as the state file holds it:
// in columns, one array per field, position i of each being the account ids[i]. Every run reads
// and writes all of it, and at 100,000 accounts this layout is what keeps that cheap: measured on
// the same accounts, an object or an array per account took 160-230 ms to parse and 200-250 ms to
// write, these arrays of numbers and strings 45-60 ms and 30-40 ms, and half the memory (10 MB).
//
//   {"ids":["acc_…",…],"state":[0,4,…],"since":[1764482400000,…],"type":["MAIL",…],
//    "name":["bonjour@…",…],"transitions":[0,[[1764482400000,"ok","stopped"]],…],"removed":[0,…]}
//
// state is the index of the state in healthStates (0 ok … 5 unknown); times are milliseconds since
// the epoch; transitions and removed are 0 for an account with none (most).
import { type HealthState, healthStates } from '../health.js';
import { type AccountRecord, MAX_TRANSITIONS, type Transition } from './changes.js';

const stateIndex = new Map<HealthState, number>(healthStates.map((s, i) => [s, i]));
const states: ReadonlySet<unknown> = new Set(healthStates);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export class Section {
  /** Where each id is in the columns. */
  readonly #index = new Map<string, number>();
  /** Where the next lookup is expected: the list comes in the order it came last time. */
  #cursor = 0;
  /** Accounts in the workspace (not removed), and gone from it, as read (a run adds to neither). */
  readonly live: number;
  readonly gone: number;

  private constructor(
    readonly ids: string[],
    private readonly state: number[],
    private readonly since: number[],
    private readonly type: string[],
    private readonly name: string[],
    private readonly transitions: (Transition[] | 0)[],
    private readonly removed: number[],
  ) {
    let gone = 0;
    for (let i = 0; i < ids.length; i++) {
      this.#index.set(ids[i]!, i);
      if (removed[i] !== 0) gone++;
    }
    this.gone = gone;
    this.live = ids.length - this.gone;
  }

  static empty(): Section {
    return new Section([], [], [], [], [], [], []);
  }

  /** A section as the file holds it, checked; the words of what is wrong when pp did not write it. */
  static parse(value: unknown): Section | string {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'is not an object';
    const { ids, state, since, type, name, transitions, removed } = value as Record<string, unknown>;
    const columns = [ids, state, since, type, name, transitions, removed];
    if (!columns.every(Array.isArray)) return 'lacks a column';
    const n = (ids as unknown[]).length;
    if (!columns.every((c) => (c as unknown[]).length === n)) return 'has columns of different lengths';
    for (let i = 0; i < n; i++) {
      const id = (ids as unknown[])[i];
      const s = (state as unknown[])[i];
      if (typeof id !== 'string') return `has an account id pp did not write (${i + 1})`;
      if (!(typeof s === 'number' && s >= 0 && s < healthStates.length && Number.isInteger(s)))
        return `has a state pp did not write (${JSON.stringify(id)})`;
      if (!isTime((since as unknown[])[i]) || typeof (type as unknown[])[i] !== 'string')
        return `has an account pp did not write (${JSON.stringify(id)})`;
      if (typeof (name as unknown[])[i] !== 'string')
        return `has a name pp did not write (${JSON.stringify(id)})`;
      const gone = (removed as unknown[])[i];
      if (gone !== 0 && !isTime(gone)) return `has a removal pp did not write (${JSON.stringify(id)})`;
      const history = (transitions as unknown[])[i];
      if (history === 0) continue;
      if (!Array.isArray(history) || !history.every(isTransition))
        return `has transitions pp did not write (${JSON.stringify(id)})`;
      if (history.length > MAX_TRANSITIONS) (transitions as unknown[])[i] = history.slice(-MAX_TRANSITIONS);
    }
    const section = new Section(
      ids as string[],
      state as number[],
      since as number[],
      type as string[],
      name as string[],
      transitions as (Transition[] | 0)[],
      removed as number[],
    );
    return section.#index.size === n ? section : 'has an account id twice';
  }

  /** The account's record, or undefined when there is none. */
  get(id: string): AccountRecord | undefined {
    const i = this.#index.get(id);
    return i === undefined ? undefined : this.at(i);
  }

  /**
   * Where the account is in the columns, or undefined. The list comes in the same order run after
   * run, and the columns keep the order accounts were first seen in: comparing with the id expected
   * next spares the hashing of each id the list sent (~100 of ~450 ms the memory cost a run of
   * 100,000, measured); anything else is looked up, and the expectation follows it.
   */
  indexOf(id: string): number | undefined {
    const expected = this.#cursor;
    if (this.ids[expected] === id) {
      this.#cursor = expected + 1;
      return expected;
    }
    const i = this.#index.get(id);
    if (i !== undefined) this.#cursor = i + 1;
    return i;
  }

  /** The record at position i of the columns. */
  at(i: number): AccountRecord {
    const record: AccountRecord = [
      healthStates[this.state[i]!]!,
      this.since[i]!,
      this.type[i]!,
      this.name[i]!,
    ];
    const transitions = this.transitions[i];
    const removed = this.removed[i];
    if (transitions || removed) record.push(transitions || []);
    if (removed) record.push(removed);
    return record;
  }

  /**
   * The `since` of the account at position i when a run that saw it `state`, `type` and `name` at
   * `now` finds nothing to remember and nothing to recall but that time: the same state, type and
   * name, no transition ever, not removed, no `since` after now. Undefined otherwise. Most accounts
   * of a steady fleet, every run: they are compared here without a record made of them (see()).
   */
  unchangedSince(i: number, state: HealthState, type: string, name: string, now: number): number | undefined {
    const since = this.since[i]!;
    return this.state[i] === stateIndex.get(state) &&
      this.transitions[i] === 0 &&
      this.removed[i] === 0 &&
      since <= now &&
      this.type[i] === type &&
      this.name[i] === name
      ? since
      : undefined;
  }

  /** Whether the account at position i is gone from the workspace. */
  isRemoved(i: number): boolean {
    return this.removed[i] !== 0;
  }

  set(id: string, [state, since, type, name, transitions, removed]: AccountRecord): void {
    let i = this.#index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.#index.set(id, i);
    }
    this.state[i] = stateIndex.get(state)!;
    this.since[i] = since;
    this.type[i] = type;
    this.name[i] = name;
    this.transitions[i] = transitions && transitions.length > 0 ? transitions : 0;
    this.removed[i] = removed ?? 0;
  }

  /**
   * Drops the accounts `drop` says to (rare: an account gone for 30 days); the columns close up.
   * Returns how many it dropped.
   */
  forget(drop: (record: AccountRecord) => boolean): number {
    let kept = 0;
    for (let i = 0; i < this.ids.length; i++) {
      if (drop(this.at(i))) {
        this.#index.delete(this.ids[i]!);
        continue;
      }
      for (const column of this.#columns()) column[kept] = column[i];
      this.#index.set(this.ids[kept]!, kept);
      kept++;
    }
    const dropped = this.ids.length - kept;
    for (const column of this.#columns()) column.length = kept;
    return dropped;
  }

  #columns(): unknown[][] {
    return [this.ids, this.state, this.since, this.type, this.name, this.transitions, this.removed];
  }

  /** What JSON.stringify writes of it: the columns. */
  toJSON(): Record<string, unknown> {
    const { ids, state, since, type, name, transitions, removed } = this;
    return { ids, state, since, type, name, transitions, removed };
  }
}

function isTransition(t: unknown): t is Transition {
  return Array.isArray(t) && t.length === 3 && isTime(t[0]) && states.has(t[1]) && states.has(t[2]);
}
