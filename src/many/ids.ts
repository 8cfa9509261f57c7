// The account ids a command is given: its arguments, then the lines of --from-file (a file, or
// standard input), streamed, each id once. One reader for every command that takes many ids
// (pp profile, pp status), with one rule for what is no id at all.
import type { Readable } from 'node:stream';
import { builtin } from '../builtin.js';
import type { Context } from '../context.js';
import { PpError, usageError } from '../errors.js';

export interface IdFile {
  name: string;
  input: Readable;
}

/**
 * An empty argument is most likely an unset variable (`pp profile "$ACC"`): say so rather than ask
 * the API for account "" or quietly skip it.
 */
export function checkIdArguments(ids: readonly string[]): void {
  if (ids.some((id) => id.trim() === '')) {
    throw usageError(
      'an account id argument is empty',
      'Pass account ids such as acc_…; check that the variables you pass are set.',
    );
  }
}

/** An emptied id list must not pass for a clean run (a morning check would say all is well). */
export const noIds = (file: IdFile | undefined): PpError =>
  usageError(
    `no account ids in ${file?.name ?? 'the arguments'}`,
    'Give one account id a line; blank lines and # comments are skipped.',
  );

/** Opens --from-file before any request, so a wrong path fails at once (exit 2, naming it). */
export async function openIdFile(ctx: Context, path: string): Promise<IdFile> {
  // node:fs/promises (with the fs watchers, fs/dir and readline it brings) and node:stream load only
  // for --from-file: every command that can read ids is loaded on the way to any other command
  if (path === '-')
    return { name: 'standard input', input: builtin('node:stream').Readable.from(ctx.io.stdin) };
  try {
    const handle = await builtin('node:fs/promises').open(path);
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    return { name: path, input: handle.createReadStream() };
  } catch (err) {
    throw unreadable(path, err);
  }
}

function unreadable(name: string, err: unknown): PpError {
  const code = (err as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
  };
  const reason = (code && reasons[code]) ?? (err instanceof Error ? err.message : String(err));
  return usageError(
    `cannot read the account list ${name}: ${reason}`,
    'Pass a readable file with one account id a line to --from-file, or - for standard input.',
  );
}

/**
 * The ids named by the arguments and --from-file, as a set, or undefined when none are named (the
 * whole workspace). An emptied file is a usage error.
 */
export async function namedIds(
  ctx: Context,
  ids: string[],
  fromFile: string | undefined,
): Promise<Set<string> | undefined> {
  if (ids.length === 0 && fromFile === undefined) return undefined;
  const file = fromFile === undefined ? undefined : await openIdFile(ctx, fromFile);
  const named = new Set<string>();
  for await (const id of accountIds(ids, file, ctx.signal)) named.add(id);
  if (named.size === 0 && !ctx.signal.aborted) throw noIds(file);
  return named;
}

/**
 * The ids to inspect, streamed: arguments first, then the file's lines with whitespace trimmed,
 * blank lines and `#` comments (whole-line, or after a space) skipped, and each id once. The set of
 * ids seen is the only thing that grows with the list: short strings, a few MB for 100,000.
 */
export async function* accountIds(
  args: string[],
  file: IdFile | undefined,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const seen = new Set<string>();
  const fresh = (id: string): boolean => {
    if (id === '' || seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  for (const arg of args) {
    const id = arg.trim();
    if (fresh(id)) yield id;
  }
  if (!file) return;
  const stop = () => file.input.destroy();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of linesOf(file)) {
      if (signal.aborted) return;
      const id = line.replace(/(^|\s)#.*$/, '').trim();
      if (fresh(id)) yield id;
    }
  } catch (err) {
    if (err instanceof PpError) throw err;
    if (!signal.aborted) throw unreadable(file.name, err);
  } finally {
    signal.removeEventListener('abort', stop);
    file.input.destroy();
  }
}

/** Longer than this, a line is no account id: a file with no line breaks (/dev/zero) must not fill memory. */
const MAX_LINE = 4096;

/**
 * The lines of an id file (LF or CRLF). Not node:readline, which has no limit: it grew one line of
 * /dev/zero to ~630 MB before Node gave up with a RangeError.
 */
async function* linesOf(file: IdFile): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const tooLong = (number: number) =>
    usageError(
      `line ${number} of ${file.name} is longer than ${MAX_LINE} characters: that is no account id`,
      'Give one account id a line.',
    );
  let pending = '';
  let number = 1;
  const line = (text: string): string => {
    if (text.length > MAX_LINE) throw tooLong(number);
    number++;
    return text.replace(/\r$/, '');
  };
  for await (const chunk of file.input as AsyncIterable<Buffer | string>) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const text = pending.slice(0, end);
      pending = pending.slice(end + 1);
      yield line(text);
    }
    if (pending.length > MAX_LINE) throw tooLong(number);
  }
  pending += decoder.decode();
  if (pending !== '') yield line(pending);
}
