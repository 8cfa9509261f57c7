// Warnings and errors for a person, as standard error shows them. The layout code they need
// (render.ts, and chalk with it) is loaded only when there is one to show: the commands that
// print none (`pp __complete` on every Tab of a shell, a script's --json) never load it. The
// commands themselves import render.ts as any module; only these two notices come through here.
import type { PpError } from '../errors.js';
import type { Io } from './io.js';

export async function warningText(io: Io, text: string): Promise<string> {
  const { renderWarning } = await import('./render.js');
  return renderWarning(io, text);
}

export async function errorText(io: Io, error: PpError, verbose: boolean): Promise<string> {
  const { renderError } = await import('./render.js');
  return renderError(io, error, verbose);
}
