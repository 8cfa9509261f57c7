// The one rule of how wide output is laid out, for Io (every command) and for the help pages
// bin/pp.js prints without starting the program (help-main.ts).
import type { Env } from '../deps.js';

/** Wider than any real terminal; layout past it is only cost. */
const MAX_COLUMNS = 1000;

/**
 * The columns to lay out in: --width, else COLUMNS, else the terminal's, else 80. COLUMNS wins over
 * the terminal so that a person can set it, and a pipe (`pp … | less`, which has no width) lays out
 * at 80 unless COLUMNS or --width says otherwise.
 */
export function columnsFor(
  env: Env,
  width: number | undefined,
  stream: { columns?: number | undefined },
): number {
  const fromEnv = Number(env.COLUMNS);
  const columns = width ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : stream.columns || 80);
  // COLUMNS=1e9 would make every padded line a gigabyte: no terminal is wider than this
  return Math.min(columns, MAX_COLUMNS);
}
