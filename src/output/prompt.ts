// Reading a secret: a hidden prompt on a terminal (nothing echoed, paste works, Ctrl-C cancels),
// or the whole of standard input when it is piped. And asking before acting (askFirst).
import { interrupted, usageError } from '../errors.js';
import type { Io } from './io.js';
import type { RawInput } from './streams.js';

/** Asks on standard error, reads without echo. Rejects with an exit-130 error on Ctrl-C. */
export function readHidden(io: Io, input: RawInput, question: string): Promise<string> {
  // Echo goes off before the question shows, so a key typed or pasted at once is never echoed.
  input.setRawMode?.(true);
  io.err(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err?: Error) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.setRawMode?.(false);
      input.pause();
      io.err('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onEnd = () => finish();
    const onData = (chunk: string | Buffer) => {
      // Escape sequences (arrow keys, bracketed-paste markers) are keys, not part of the secret.
      for (const ch of chunk.toString().replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')) {
        if (ch === '\u0003') return finish(interrupted()); // Ctrl-C
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(); // Enter, Ctrl-D
        if (ch === '\u007f' || ch === '\b')
          value = value.slice(0, -1); // Backspace
        else if (ch === '\u0015')
          value = ''; // Ctrl-U
        else if (ch >= ' ') value += ch; // other control characters are dropped
      }
    };
    input.setEncoding?.('utf8');
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

/**
 * All of standard input, for `printf %s "$KEY" | pp config set-key`; past `max` characters, the
 * error `tooLong` makes (`pp config set-key < /dev/zero` would never end).
 */
export async function readAll(
  input: AsyncIterable<string | Buffer>,
  max: number,
  tooLong: () => Error,
): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += chunk.toString();
    if (text.length > max) throw tooLong();
  }
  return text;
}

/** Asks a yes/no question on standard error and reads one line from the terminal: yes only for y or yes. */
export function confirm(io: Io, input: RawInput, question: string): Promise<boolean> {
  io.err(question);
  return new Promise((resolve) => {
    let line = '';
    const finish = () => {
      input.off('data', onData);
      input.off('end', finish);
      input.pause();
      resolve(/^\s*y(es)?\s*$/i.test(line));
    };
    const onData = (chunk: string | Buffer) => {
      line += chunk.toString();
      if (line.includes('\n')) finish();
    };
    input.setEncoding?.('utf8');
    input.on('data', onData);
    input.on('end', finish);
    input.resume();
  });
}

/**
 * Asked first (CLI.md): before deleting a profile, or acting on more than one account. On a
 * terminal, the question (y/N); `--yes` skips it; off a terminal, without `--yes`, a usage error
 * (exit 2) before anything is done: a script must say so. True to go ahead.
 */
export async function askFirst(
  io: Io,
  ask: { yes: boolean; question: string; refusal: string; hint: string },
): Promise<boolean> {
  if (ask.yes) return true;
  const input = io.stdin;
  if (!input.isTTY) throw usageError(ask.refusal, ask.hint);
  return confirm(io, input, ask.question);
}
