// Every command pp has, in the order `pp --help` lists them. Adding a command: one file in this
// folder (see command.ts), one line here. A group comes before its subcommands.
//
// The one place pp loads code lazily for a command: each line names the command's words and how to
// load its file, and a run loads only the files its command line names (all of them for the help
// of the program, a word pp does not know, or the completion generator). Handlers import what
// they use as any module does.
import type { PpCommandDef } from './command.js';

interface RegistryEntry {
  /** The command's words, as in its definition. */
  path: readonly string[];
  load: () => Promise<{ default: PpCommandDef }>;
}

const registry: readonly RegistryEntry[] = [
  { path: ['whoami'], load: () => import('./whoami.js') },
  { path: ['profile'], load: () => import('./profile.js') },
  { path: ['accounts'], load: () => import('./accounts.js') },
  { path: ['accounts', 'show'], load: () => import('./accounts-show.js') },
  { path: ['accounts', 'reconnect'], load: () => import('./accounts-reconnect.js') },
  { path: ['accounts', 'wait'], load: () => import('./accounts-wait.js') },
  { path: ['accounts', 'resync'], load: () => import('./accounts-resync.js') },
  { path: ['accounts', 'checkpoint'], load: () => import('./accounts-checkpoint.js') },
  { path: ['status'], load: () => import('./status.js') },
  { path: ['config'], load: () => import('./config/group.js') },
  { path: ['config', 'set-key'], load: () => import('./config/set-key.js') },
  { path: ['config', 'set-key-command'], load: () => import('./config/set-key-command.js') },
  { path: ['config', 'show'], load: () => import('./config/show.js') },
  { path: ['config', 'unset-key'], load: () => import('./config/unset-key.js') },
  { path: ['config', 'set-account'], load: () => import('./config/set-account.js') },
  { path: ['config', 'unset-account'], load: () => import('./config/unset-account.js') },
  { path: ['config', 'set-base-url'], load: () => import('./config/set-base-url.js') },
  { path: ['config', 'unset-base-url'], load: () => import('./config/unset-base-url.js') },
  { path: ['config', 'profiles'], load: () => import('./config/profiles.js') },
  { path: ['config', 'use'], load: () => import('./config/use.js') },
  { path: ['config', 'remove-profile'], load: () => import('./config/remove-profile.js') },
  { path: ['api'], load: () => import('./api.js') },
  { path: ['doctor'], load: () => import('./doctor.js') },
  { path: ['completion'], load: () => import('./completion.js') },
  { path: ['sandbox'], load: () => import('./sandbox.js') },
  { path: ['__complete'], load: () => import('./complete.js') },
];

/** Every word of a command, `help` too: names a profile may not take (Context.commandWords). */
export const commandWords: ReadonlySet<string> = new Set(['help', ...registry.flatMap((e) => e.path)]);

/** The words of the commands right under `path` (`['accounts']` → show, …), from the registry alone. */
export const subcommandsOf = (path: readonly string[]): string[] =>
  registry
    .filter((e) => e.path.length === path.length + 1 && path.every((word, i) => e.path[i] === word))
    .map((e) => e.path.at(-1)!);

const startsWith = (words: readonly string[], path: readonly string[]): boolean =>
  path.every((word, i) => words[i] === word);

/**
 * The definitions a command line needs, in the registry's order. `words` are the command line's
 * leading operands (`['config', 'set-key']`); without them, or when they name no command, every
 * command (the program's help, the "Did you mean" of an unknown word, the generated completions).
 * A command's subcommands come along when it is a group, or when its help is asked for, since its
 * help lists them.
 */
export async function loadCommands(words?: readonly string[], helpAsked = false): Promise<PpCommandDef[]> {
  const named = words ? registry.filter((e) => startsWith(words, e.path)) : [];
  const target = named.at(-1);
  if (!target) return Promise.all(registry.map(definitionOf));
  const defs = await Promise.all(named.map(definitionOf));
  const below = registry.filter((e) => e.path.length > target.path.length && startsWith(e.path, target.path));
  if (below.length === 0 || (defs.at(-1)?.run && !helpAsked)) return defs;
  const more = await Promise.all(below.map(definitionOf));
  return [...defs, ...more];
}

async function definitionOf(entry: RegistryEntry): Promise<PpCommandDef> {
  const def = (await entry.load()).default;
  // the line here and the file must agree, or the command would hang under the wrong words
  if (def.path.join(' ') !== entry.path.join(' '))
    throw new Error(`the registry lists ${entry.path.join(' ')}, its file defines ${def.path.join(' ')}`);
  return def;
}
