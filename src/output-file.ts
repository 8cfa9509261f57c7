// --output-file <path> (pp status, pp accounts): the run's standard output becomes a temporary file
// beside the target, renamed over it when the run is done, so that a reader (node_exporter's
// textfile collector reads its folder at any moment) finds the old file or the new one, never part
// of one. cli.ts opens it before the command runs and closes it after the format has written even
// its failure, so every format gets it, and a failed check replaces the file with its failure
// (pp_status_success 0, PP UNKNOWN): a stale success is never left. What is given up instead — an
// interrupted run (Ctrl-C, SIGTERM), a write that failed (a full disk) — leaves the old file as it
// was and no temporary file. The temporary file is config/file.ts's, as for config.json.
import { fchownSync, lstatSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { commitTemp, createTemp, discardTemp, type TempFile } from './config/files.js';
import { configError, type PpError, usageError } from './errors.js';
import { StdioWriter } from './output/stdio.js';
import type { OutStream } from './output/streams.js';

/**
 * A new file is made rw-r--r--: the collector reading it runs as a user of its own (node_exporter,
 * prometheus), and the file holds no secret (ids, names and states). An existing file keeps its
 * mode, owner and group, where pp may set them.
 */
export const NEW_FILE_MODE = 0o644;

const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such folder',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
};

const codeOf = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? 'error';
const words = (code: string): string => `${reasons[code] ?? 'error'} (${code})`;

export class OutputFile {
  readonly #file: TempFile;
  readonly #writer: StdioWriter;
  readonly #removeAtExit: () => void;
  #failure: NodeJS.ErrnoException | undefined;
  #closed = false;

  private constructor(file: TempFile, onExit: (fn: () => void) => () => void) {
    this.#file = file;
    // a write that fails (ENOSPC, EIO) stops the writing; close() then gives the file up
    this.#writer = new StdioWriter(
      file.fd,
      () => {
        throw new Error('a file is not a terminal');
      },
      (err) => {
        this.#failure ??= err;
      },
    );
    // the process ending before the command does (a second Ctrl-C) takes the temporary file along
    this.#removeAtExit = onExit(() => discardTemp(file));
  }

  /**
   * The temporary file of `path`, before any request: a path that cannot be a file is a usage error
   * (exit 2: a folder that does not exist, a directory, a symbolic link, which the rename would
   * replace rather than follow); a folder pp may not write in is exit 3.
   */
  static open(path: string, onExit: (fn: () => void) => () => void): OutputFile {
    if (path.trim() === '') throw usageError('--output-file is empty', 'Give the path of the file to write.');
    let existing: Stats | undefined;
    try {
      existing = lstatSync(path);
    } catch (err) {
      const code = codeOf(err);
      if (code === 'ENOTDIR') throw notAFile(path, words(code));
      if (code !== 'ENOENT') throw cannotWrite(path, code);
    }
    if (existing?.isSymbolicLink())
      throw notAFile(path, 'it is a symbolic link, which the new file would replace rather than follow');
    if (existing?.isDirectory()) throw notAFile(path, 'it is a directory');
    if (existing && !existing.isFile()) throw notAFile(path, 'it is not a regular file');
    let file: TempFile;
    try {
      file = createTemp(path, existing ? existing.mode & 0o7777 : NEW_FILE_MODE);
    } catch (err) {
      const code = codeOf(err);
      if (code === 'ENOENT' || code === 'ENOTDIR')
        throw notAFile(path, `its folder ${dirname(path)} does not exist`);
      throw cannotWrite(path, code);
    }
    if (existing) {
      try {
        fchownSync(file.fd, existing.uid, existing.gid);
      } catch {
        // only root gives a file away; the group, only to one of the caller's
        try {
          fchownSync(file.fd, -1, existing.gid);
        } catch {
          // the caller's own group, as any new file of theirs
        }
      }
    }
    return new OutputFile(file, onExit);
  }

  /** What the run writes its output to. */
  get stream(): OutStream {
    return this.#writer;
  }

  /**
   * Puts the file in place once all was written (`keep`), or gives it up (an interrupted run):
   * the old file stays. A write or rename that failed is the error returned, exit 3.
   */
  async close(keep: boolean): Promise<PpError | undefined> {
    if (this.#closed) return undefined;
    this.#closed = true;
    this.#removeAtExit();
    if (!keep) {
      discardTemp(this.#file);
      return undefined;
    }
    await this.#writer.idle();
    if (this.#failure) {
      discardTemp(this.#file);
      return cannotWrite(this.#file.path, codeOf(this.#failure));
    }
    try {
      commitTemp(this.#file);
    } catch (err) {
      return cannotWrite(this.#file.path, codeOf(err));
    }
    return undefined;
  }
}

const notAFile = (path: string, why: string): PpError =>
  usageError(`--output-file ${path}: ${why}`, 'Give the path of a file in a folder that exists.');

const cannotWrite = (path: string, code: string): PpError =>
  configError(
    `cannot write ${path}: ${words(code)}`,
    code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG'
      ? 'Free some space; the file was left as it was.'
      : 'Check the folder’s permissions; the file was left as it was.',
  );
