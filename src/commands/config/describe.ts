// A key as `config show` and `config profiles` present it: masked, live or test, and where it is kept.
import type { KeyOrigin } from '../../config/settings.js';
import { checkKeyLength, keyPlace } from '../../config/settings.js';
import type { Context } from '../../context.js';
import { PpError } from '../../errors.js';
import { keyKind, maskKey } from '../../key.js';
import { neutralize } from '../../output/showable.js';

export interface KeyView {
  masked: string | null;
  kind: 'live' | 'test' | null;
  storage: KeyOrigin['storage'];
  /** The command printing it, for `command`. */
  command?: string;
  /** Why the key could not be read (a locked keychain, a failing command). */
  error?: string;
}

/** Reads the key (when `read` is given) and describes it; a failure to read is described, not thrown. */
export async function viewKey(
  ctx: Context,
  origin: KeyOrigin,
  read: (() => Promise<string>) | undefined,
): Promise<KeyView> {
  const view: KeyView = { masked: null, kind: null, storage: origin.storage };
  if (origin.storage === 'command') view.command = origin.command;
  if (!read) return view;
  try {
    const key = await read();
    checkKeyLength(key, keyPlace(origin));
    ctx.io.addSecret(key, maskKey(key));
    view.masked = maskKey(key);
    view.kind = keyKind(key) ?? null;
  } catch (err) {
    if (!(err instanceof PpError) || err.exitCode === 130) throw err;
    view.error = err.message;
  }
  return view;
}

/** `keychain`, `file (plain text)`, `command: op read …`, `environment`. */
export function storageText(view: KeyView): string {
  if (view.storage === 'file') return 'file (plain text)';
  if (view.storage === 'command') return `command: ${neutralize(view.command ?? '')}`;
  return view.storage;
}

/** `pp_live_…8GR2 (live)`, or what is known without the key. */
export function keyText(view: KeyView): string {
  if (view.masked) return view.kind ? `${view.masked} (${view.kind})` : view.masked;
  if (view.error) return `unreadable: ${view.error}`;
  return view.storage === 'command' ? '(run when needed)' : '–';
}
