// Files that pp must not trust, planted where it keeps its own (config.json, pp status's state
// file): what another user, a careless chmod or a mistaken link leaves behind.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './env.js';

/** nobody's uid and gid: another user, for the owner cases (root only, to chown). */
export const NOBODY = 65534;

/** A symlink at `path` to a file elsewhere holding `text`; returns the target. */
export function plantSymlink(path: string, text: string): string {
  const target = join(tempDir(), 'elsewhere.json');
  writeFileSync(target, text, { mode: 0o600 });
  symlinkSync(target, path);
  return target;
}

/** A FIFO at `path`: reading it would wait for a writer for ever. */
export const plantFifo = (path: string): void => {
  execFileSync('mkfifo', ['-m', '600', path]);
};

/** `text` at `path`, writable by everyone. */
export function plantWritable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o666);
}

/** `text` at `path`, owned by nobody (needs root). */
export function plantForeign(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chownSync(path, NOBODY, NOBODY);
}
