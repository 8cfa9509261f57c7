// The memory of one pp status run (CLI.md, "Memory: what changed"): what the last runs remembered,
// read once at the start; each account compared with it as its row goes out (since, previous,
// change, flapping); at the end, the accounts of the last complete list that this one lacks; then
// what this run saw, written back. A run that failed part-way records what it read and removes
// nobody (gone() is only asked of a complete, unnamed list); nothing here fails the run.

import { untrustedFolder } from '../config/files.js';
import type { Health } from '../health.js';
import type { Remembered } from '../output/exporter.js';
import {
  type AccountRecord,
  forgotten,
  markRemoved,
  observe,
  recall,
  removal,
  type Transition,
  unchanged,
  withFlapping,
} from './changes.js';
import {
  type CheckKind,
  checkedAt,
  memoryPath,
  type Recalled,
  readMemory,
  recallMemory,
  saveMemory,
} from './file.js';
import { Section } from './section.js';

/** An account of the last complete list that this one does not have. */
export interface GoneAccount {
  id: string;
  type: string;
  name: string;
  memory: Remembered;
}

export class RunMemory {
  readonly #section: Section;
  /** Which accounts of the memory this run saw (and will remember)… */
  readonly #seenAt: Uint8Array;
  /** …and the ones the memory did not have: a byte per account known, a Set only for the new. */
  readonly #seenNew = new Set<string>();
  /** How many accounts this run saw, in all. */
  #seen = 0;
  /** Of those, the ones whose record changed, with the new record: few, most runs. */
  readonly #changed = new Map<string, AccountRecord>();
  /** How many of them the memory had in the workspace: all of them, and nothing can be gone. */
  #known = 0;
  readonly #gone: string[] = [];

  constructor(
    readonly path: string,
    private readonly recalled: Recalled,
    private readonly kind: CheckKind,
    /** The time of this run: every since and transition it records. */
    private readonly now: number,
  ) {
    this.#section = recalled.document.kinds.get(kind) ?? Section.empty();
    this.#seenAt = new Uint8Array(this.#section.ids.length);
  }

  /**
   * An account as this run judged it: its health (with `flapping` added where due) and what pp
   * remembers of it. `keep` false: a named id the workspace does not have, which is no account to
   * remember (a typo would otherwise be reported removed by the next complete run).
   */
  see(
    { id, type, name, health }: { id: string; type: string; name: string; health: Health },
    keep: boolean,
  ): { health: Health; memory: Remembered; flapping: boolean } {
    const i = this.#section.indexOf(id);
    if (i !== undefined && keep && this.#seenAt[i] === 0) {
      // the usual account, seen before as it is now and never changed: what recall() and observe()
      // would make of its record, without making one (10,000 a run, measured)
      const since = this.#section.unchangedSince(i, health.state, type, name, this.now);
      if (since !== undefined) {
        this.#seenAt[i] = 1;
        this.#known++;
        this.#seen++;
        return { health, memory: unchanged(since), flapping: false };
      }
    }
    const record = i === undefined ? undefined : this.#section.at(i);
    const { memory, flaps } = recall(record, health.state, this.now);
    if (keep && (i === undefined ? !this.#seenNew.has(id) : this.#seenAt[i] === 0)) {
      if (i === undefined) this.#seenNew.add(id);
      else {
        this.#seenAt[i] = 1;
        if (!this.#section.isRemoved(i)) this.#known++;
      }
      this.#seen++;
      const next = observe(record, { state: health.state, type, name }, this.now);
      if (next !== record) this.#changed.set(id, next);
    }
    const flagged = withFlapping(health, flaps);
    return { health: flagged, memory, flapping: flagged !== health };
  }

  /** The accounts remembered in the list that this complete list did not have, each reported once. */
  gone(): GoneAccount[] {
    const gone: GoneAccount[] = [];
    // every account remembered was seen again (most runs): no need to look at 100,000 of them
    if (this.#known === this.#section.live) return gone;
    const { ids } = this.#section;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (this.#section.isRemoved(i) || this.#seenAt[i]) continue;
      const record = this.#section.at(i);
      this.#gone.push(id);
      gone.push({ id, type: record[2], name: record[3], memory: removal(record, this.now) });
    }
    return gone;
  }

  /** Writes what this run saw (nothing when it saw nothing); the warning to print when it could not. */
  save(): string | undefined {
    if (this.#seen === 0 && this.#gone.length === 0) return undefined;
    const at = this.now;
    const snapshot = this.#section;
    return saveMemory(this.path, this.recalled, at, (document, replaced) => {
      let section = document.kinds.get(this.kind);
      if (!section) {
        section = Section.empty();
        document.kinds.set(this.kind, section);
      }
      let changed = false;
      if (replaced) {
        // another pp wrote the file since this run read it: what this run saw goes onto that
        const seenIds = [...snapshot.ids.filter((_, i) => this.#seenAt[i]), ...this.#seenNew];
        for (const id of seenIds) {
          const seen = this.#changed.get(id) ?? snapshot.get(id);
          if (!seen) continue;
          const base = section.get(id);
          const next = observe(base, { state: seen[0], type: seen[2], name: seen[3] }, at);
          if (next !== base) {
            section.set(id, next);
            changed = true;
          }
        }
      } else {
        for (const [id, next] of this.#changed) section.set(id, next);
        changed = this.#changed.size > 0;
      }
      for (const id of this.#gone) {
        const record = section.get(id);
        if (record && record[5] === undefined) {
          section.set(id, markRemoved(record, at));
          changed = true;
        }
      }
      // accounts gone long enough are forgotten: a look at every one only when some are gone
      for (const kind of document.kinds.values())
        if (kind.gone > 0 && kind.forget((r) => forgotten(r, at)) > 0) changed = true;
      return changed;
    });
  }
}

/**
 * The memory of a profile's pp status (or pp status --deep: `kind`), at the start of a run; with a
 * warning to print when the file was unusable or there is no folder for it (then no memory).
 */
export function openMemory(opts: {
  env: Readonly<Record<string, string | undefined>>;
  profile: string;
  sandbox: boolean;
  kind: CheckKind;
  now: number;
}): { memory?: RunMemory; warning?: string } {
  const path = memoryPath(opts.env, opts.profile, opts.sandbox);
  if (path === undefined) {
    return {
      warning:
        'pp status has no folder to remember in (no PP_STATE_DIR, XDG_STATE_HOME or home folder): set PP_STATE_DIR, or pass --no-state.',
    };
  }
  const recalled = recallMemory(path, opts.now);
  return { memory: new RunMemory(path, recalled, opts.kind, opts.now), warning: recalled.warning };
}

/** What pp status remembers of one account, for a person (pp accounts show). */
export interface AccountHistory {
  state: AccountRecord[0];
  since: number;
  /** Oldest first. */
  transitions: readonly Transition[];
  removed?: number | undefined;
  /** When pp status last checked (ISO 8601), and whether it was pp status --deep's memory. */
  checkedAt: string;
  deep: boolean;
}

/**
 * What the profile's pp status remembers of one account, for pp accounts show: read only (an
 * unusable file is left for pp status to set aside, with the words why), from the plain runs'
 * memory, else --deep's.
 */
export function rememberedAccount(opts: {
  env: Readonly<Record<string, string | undefined>>;
  profile: string;
  sandbox: boolean;
  id: string;
}): { history?: AccountHistory; warning?: string } {
  const path = memoryPath(opts.env, opts.profile, opts.sandbox);
  if (path === undefined || untrustedFolder(path)) return {};
  const read = readMemory(path);
  if (read.kind === 'none') return {};
  if (read.kind === 'unusable')
    return { warning: `pp status's memory ${path} ${read.words}: the next pp status sets it aside.` };
  const { kinds } = read.document;
  const list = kinds.get('list');
  const deep = kinds.get('deep');
  const fromList = list?.get(opts.id);
  const record = fromList ?? deep?.get(opts.id);
  if (!record) return {};
  const [state, since, , , transitions = [], removed] = record;
  return { history: { state, since, transitions, removed, checkedAt: checkedAt(read), deep: !fromList } };
}
