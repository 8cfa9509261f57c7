// The file pp status remembers in: PP_STATE_DIR/<profile>/accounts.json (default
// $XDG_STATE_HOME/postpress, else ~/.local/state/postpress; --sandbox in <profile>/sandbox/, so
// that trying the sandbox never mixes its accounts into a workspace's memory). Kept safe by the
// machinery of the config file (config/files.ts): a folder made 0700, a file read only if it is a
// regular file of the caller's not writable by others, never followed or written through, written
// whole through a 0600 temp file renamed over it, under a lock (a run that changed nothing only sets
// its time: when pp status last checked). A file pp cannot use is set aside
// (kept as accounts.json.corrupt-<time> where it is the caller's) and the run starts afresh.
//
// The file is one line of JSON (`jq` lays it out), the accounts in columns (section.ts):
//   {"version":1,"written_at":"2026-11-30T06:00:00.000Z","list":{"ids":[…],"state":[…],…}}
// `list` is what pp status saw from the accounts list, `deep` what pp status --deep saw: a --deep
// run sees seat warnings that a plain one cannot, and one memory for both would turn every such
// account into a change at each run of the other kind.
import { lstatSync, lutimesSync, renameSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  errCode,
  type FolderPlace,
  findFolder,
  foreignOwner,
  LockError,
  lockFile,
  readOwnFile,
  replaceFile,
  securedFolder,
  untrustedFolder,
} from '../config/files.js';
import type { Env } from '../deps.js';
import { Section } from './section.js';

/** Which run remembered: a plain pp status (from the list) or pp status --deep. */
export type CheckKind = 'list' | 'deep';
const checkKinds: readonly CheckKind[] = ['list', 'deep'];

const statePlace: FolderPlace = {
  own: 'PP_STATE_DIR',
  xdg: 'XDG_STATE_HOME',
  underHome: ['.local', 'state'],
};

/** The state file of a profile, or undefined when there is no absolute place for the state folder. */
export function memoryPath(env: Env, profile: string, sandbox: boolean): string | undefined {
  const root = findFolder(env, statePlace);
  if (root === undefined) return undefined;
  return join(root, profile, ...(sandbox ? ['sandbox'] : []), 'accounts.json');
}

/** What a file held: each kind's accounts by id. */
export interface MemoryDocument {
  /** When a pp status last wrote the whole file (kept for the file's readers; see checkedAt). */
  writtenAt?: string;
  kinds: Map<CheckKind, Section>;
}

/** Which file was read, to tell at write time whether another pp replaced it since. */
interface Identity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

const identityOf = ({ dev, ino, size, mtimeMs }: Stats): Identity => ({ dev, ino, size, mtimeMs });
const sameFile = (a: Identity | undefined, b: Identity | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs);

function lstatOrNone(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

export type MemoryRead =
  | { kind: 'none' }
  | { kind: 'read'; document: MemoryDocument; identity: Identity }
  /** `words` after the file's name; `ours`: it may be kept aside (a file of another user is not). */
  | { kind: 'unusable'; words: string; ours: boolean; identity: Identity | undefined };

const emptyDocument = (): MemoryDocument => ({ kinds: new Map() });

/** Reads the state file, judging it as the config file is judged, then its contents. */
export function readMemory(path: string): MemoryRead {
  const file = readOwnFile(path);
  if (file.kind === 'missing') return { kind: 'none' };
  if (file.kind === 'refused') {
    const stats = lstatOrNone(path);
    return {
      kind: 'unusable',
      words: file.refusal.words,
      ours: file.refusal.kind !== 'foreign',
      identity: stats && identityOf(stats),
    };
  }
  const identity = identityOf(file.stats);
  const document = parseMemory(file.text);
  if (typeof document === 'string') return { kind: 'unusable', words: document, ours: true, identity };
  return { kind: 'read', document, identity };
}

/** The document, or what is wrong with the text. */
function parseMemory(text: string): MemoryDocument | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'does not hold a JSON object';
  const top = data as Record<string, unknown>;
  if (top.version !== 1) return `is not a state file this pp knows (version ${JSON.stringify(top.version)})`;
  const document: MemoryDocument = { kinds: new Map() };
  if (typeof top.written_at === 'string') document.writtenAt = top.written_at;
  for (const kind of checkKinds) {
    if (top[kind] === undefined) continue;
    const section = Section.parse(top[kind]);
    if (typeof section === 'string') return `has a "${kind}" that ${section}`;
    document.kinds.set(kind, section);
  }
  return document;
}

/** The file's text: one JSON.stringify of it all (section.ts: the columns). */
export function serializeMemory(document: MemoryDocument, writtenAt: string): string {
  const top: Record<string, unknown> = { version: 1, written_at: writtenAt };
  for (const kind of checkKinds) if (document.kinds.has(kind)) top[kind] = document.kinds.get(kind);
  return `${JSON.stringify(top)}\n`;
}

/** Sets the file's times to `at`; false when it cannot (it is then written whole). */
function touched(path: string, at: Date): boolean {
  try {
    lutimesSync(path, at, at); // a symlink put there is not followed
    return true;
  } catch {
    return false;
  }
}

/** When pp status last checked, by the file it keeps: its modification time (see saveMemory). */
export const checkedAt = (read: { identity: Identity }): string =>
  new Date(read.identity.mtimeMs).toISOString();

/** `20261130T060000Z`: a time for a file name (no colons), sortable. */
const stamp = (now: number): string => new Date(now).toISOString().replace(/[-:]|\.\d+/g, '');

/**
 * Moves an unusable state file out of the way as accounts.json.corrupt-<time> (the file itself: a
 * symlink is renamed, never followed), under the lock, and only if it is still the file judged.
 * Returns the name it is kept under, or undefined when it was left (another user's: the next write
 * replaces it; or already replaced by another pp).
 */
function setAside(path: string, judged: Identity | undefined, now: number): string | undefined {
  const current = lstatOrNone(path);
  if (!current || !sameFile(identityOf(current), judged) || foreignOwner(current)) return undefined;
  const base = `${path}.corrupt-${stamp(now)}`;
  let aside = base;
  for (let n = 2; lstatOrNone(aside); n++) aside = `${base}-${n}`;
  renameSync(path, aside);
  return aside;
}

/** What pp remembered when a run began: the document, and the file it came from. */
export interface Recalled {
  document: MemoryDocument;
  identity: Identity | undefined;
  /** The warning for standard error when the file was unusable (set aside, or left). */
  warning?: string;
}

/**
 * The memory at the start of a run. An unusable file is set aside at once (under the lock), and
 * the run starts afresh; nothing here ever fails the run.
 */
export function recallMemory(path: string, now: number): Recalled {
  const folder = untrustedFolder(path);
  if (folder) {
    return {
      document: emptyDocument(),
      identity: undefined,
      warning: `pp status does not use its memory ${path}: ${folder}. Point PP_STATE_DIR at a folder of your own.`,
    };
  }
  const read = readMemory(path);
  if (read.kind === 'none') return { document: emptyDocument(), identity: undefined };
  if (read.kind === 'read') return { document: read.document, identity: read.identity };
  let kept: string | undefined;
  let release: (() => void) | undefined;
  try {
    if (read.ours) {
      release = lockFile(path);
      kept = setAside(path, read.identity, now);
    }
  } catch {
    // left where it is: the write at the end replaces it, under the lock
  } finally {
    release?.();
  }
  const fate = kept
    ? `it is kept as ${kept}`
    : read.ours
      ? 'pp leaves it where it is'
      : 'pp does not use it, and replaces it when it saves';
  return {
    document: emptyDocument(),
    // the file is still there when it was not moved: the save must not take it for ours
    identity: undefined,
    warning: `pp status's memory ${path} ${read.words}: ${fate}, and this run starts afresh (every account as first seen).`,
  };
}

/**
 * Writes the memory after a run: under the lock, onto the file as it is now (re-read when another
 * pp wrote it since `identity`, else `document` itself), `update` applying the run's observations.
 * A failure (a full disk, a lock held too long) leaves the file as it was and comes back as the
 * warning to print; it never fails the run.
 */
export function saveMemory(
  path: string,
  recalled: Pick<Recalled, 'document' | 'identity'>,
  now: number,
  /**
   * `replaced`: the document is not the one this run read (another pp wrote the file since).
   * Returns whether it changed the document.
   */
  update: (document: MemoryDocument, replaced: boolean) => boolean,
): string | undefined {
  const failed = (why: string) =>
    `pp status could not save what it saw in ${path} (${why}): the memory it had is kept.`;
  try {
    securedFolder(dirname(path));
  } catch (err) {
    return failed(errCode(err) === 'EUNTRUSTED' ? (err as Error).message : errCode(err));
  }
  let release: () => void;
  try {
    release = lockFile(path);
  } catch (err) {
    return failed(err instanceof LockError ? err.message : errCode(err));
  }
  try {
    let document = recalled.document;
    let replaced = false;
    const current = lstatOrNone(path);
    if (current && !sameFile(identityOf(current), recalled.identity)) {
      replaced = true;
      // another pp wrote it meanwhile (or it appeared): its accounts are kept, ours added
      const read = readMemory(path);
      if (read.kind === 'read') document = read.document;
      else {
        if (read.kind === 'unusable' && read.ours) setAside(path, read.identity, now);
        document = emptyDocument();
      }
    }
    const at = new Date(now);
    // A run that changed nothing (most runs of a steady fleet) leaves the file as it is, and only
    // sets its time: 100,000 accounts were 6.7 MB written and flushed at every run, ~10 ms of the
    // 10,000-account pp status --json (`npm run bench`). Written or not, the file's time is that of
    // the run: when pp status last checked (checkedAt).
    const changed = update(document, replaced) || replaced || !current;
    if (changed || !touched(path, at)) {
      replaceFile(path, serializeMemory(document, at.toISOString()));
      touched(path, at);
    }
    return undefined;
  } catch (err) {
    return failed(errCode(err));
  } finally {
    release();
  }
}
