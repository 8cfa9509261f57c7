// The memory of one pp status run (CLI.md, "Memory: what changed"): what the last runs remembered,
// read once at the start; each account compared with it as its row goes out (since, previous,
// change, flapping); at the end, the accounts of the last complete list that this one lacks; then
// what this run saw, written back. A run that failed part-way records what it read and removes
// nobody (gone() is only asked of a complete, unnamed list); nothing here fails the run.
import type { Health } from '../health.js';
import type { Remembered } from '../output/exporter.js';
import {
  type AccountRecord,
  forgotten,
  iso,
  observe,
  recall,
  removal,
  type Seen,
  withFlapping,
} from './changes.js';
import {
  type CheckKind,
  memoryPath,
  type Recalled,
  readMemory,
  recallMemory,
  saveMemory,
  untrustedFolder,
} from './file.js';

/** An account of the last complete list that this one does not have. */
export interface GoneAccount {
  id: string;
  type: string;
  name: string;
  memory: Remembered;
}

export class RunMemory {
  readonly #records: Map<string, AccountRecord>;
  readonly #seen = new Map<string, Seen>();
  readonly #gone: string[] = [];

  constructor(
    readonly path: string,
    private readonly recalled: Recalled,
    private readonly kind: CheckKind,
    /** The time of this run: every since and transition it records. */
    private readonly now: number,
  ) {
    this.#records = recalled.document.kinds.get(kind) ?? new Map();
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
    const { memory, flaps } = recall(this.#records.get(id), health.state, this.now);
    if (keep) this.#seen.set(id, { state: health.state, type, name });
    const flagged = withFlapping(health, flaps);
    return { health: flagged, memory, flapping: flagged !== health };
  }

  /** The accounts remembered in the list that this complete list did not have, each reported once. */
  gone(): GoneAccount[] {
    const gone: GoneAccount[] = [];
    for (const [id, record] of this.#records) {
      if (record.removed !== undefined || this.#seen.has(id)) continue;
      this.#gone.push(id);
      gone.push({ id, type: record.type, name: record.name, memory: removal(record, this.now) });
    }
    return gone;
  }

  /** Writes what this run saw (nothing when it saw nothing); the warning to print when it could not. */
  save(): string | undefined {
    if (this.#seen.size === 0 && this.#gone.length === 0) return undefined;
    const at = this.now;
    return saveMemory(this.path, this.recalled, at, (document) => {
      let records = document.kinds.get(this.kind);
      if (!records) {
        records = new Map();
        document.kinds.set(this.kind, records);
      }
      for (const [id, seen] of this.#seen) records.set(id, observe(records.get(id), seen, at));
      for (const id of this.#gone) {
        const record = records.get(id);
        if (record && record.removed === undefined) records.set(id, { ...record, removed: iso(at) });
      }
      for (const kind of document.kinds.values())
        for (const [id, record] of kind) if (forgotten(record, at)) kind.delete(id);
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
}): { record?: AccountRecord; writtenAt?: string; deep?: boolean; warning?: string } {
  const path = memoryPath(opts.env, opts.profile, opts.sandbox);
  if (path === undefined || untrustedFolder(path)) return {};
  const read = readMemory(path);
  if (read.kind === 'none') return {};
  if (read.kind === 'unusable')
    return { warning: `pp status's memory ${path} ${read.words}: the next pp status sets it aside.` };
  const { kinds, writtenAt } = read.document;
  const list = kinds.get('list')?.get(opts.id);
  const deep = list ? undefined : kinds.get('deep')?.get(opts.id);
  const record = list ?? deep;
  if (!record) return {};
  return { record, deep: deep !== undefined, ...(writtenAt === undefined ? {} : { writtenAt }) };
}
