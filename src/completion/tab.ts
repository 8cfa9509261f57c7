// The values `pp __complete <kind> [partial] [words...]` prints, one a line: what a shell offers on
// Tab. Shared by the command (commands/complete.ts, reached through the whole program) and by the
// short way in a shell takes on every Tab (tab-main.ts), which answers the kinds read from files
// (account ids, profile names) and leaves pp's own lists (formats, help topics, the sandbox's ids)
// to the program, so that dist/tab.cjs holds none of them. Local files only, never the keychain or
// the network; nothing here fails: a shell shows nothing rather than an error.
import { profileNames, SettingsReader } from '../config/settings.js';
import type { Env } from '../deps.js';
import { type CompletionKind, cacheOwner, readAccountCache } from './values.js';

export interface TabRequest {
  env: Env;
  kind: CompletionKind;
  partial: string;
  /** The words typed before the cursor (`--sandbox` among them completes the sandbox's ids). */
  words: readonly string[];
  /** --sandbox or PP_SANDBOX given to pp itself. */
  sandbox: boolean;
  /** --profile given to pp itself. */
  profile?: string | undefined;
  now: number;
}

/** pp's own lists, which the whole program has at hand. */
export interface TabLists {
  formats: readonly string[];
  topics: () => readonly string[];
  sandboxIds: () => readonly string[];
}

/**
 * The values a shell may be given: ids come from the server and names from a file, and bash's
 * `compgen -W` expands what it offers ($(…), `…`, ~), so anything but these characters is left out.
 */
const completable = /^[\w.:@+-]{1,200}$/;

/** `values` that start with `partial`, each once, and only those a shell takes as they are. */
const offered = (values: readonly string[], partial: string): string[] =>
  [...new Set(values)].filter((v) => completable.test(v) && v.startsWith(partial));

/** The values of `kind` that start with `partial`. */
export function tabValues(request: TabRequest, lists: TabLists): string[] {
  const { kind, words, sandbox } = request;
  const values =
    kind === 'formats'
      ? lists.formats
      : kind === 'topics'
        ? lists.topics()
        : kind === 'accounts' && (sandbox || words.includes('--sandbox'))
          ? lists.sandboxIds()
          : fromFiles(request);
  return offered(values ?? [], request.partial);
}

/** The values of a kind read from files, as tabValues gives them; undefined for pp's own lists. */
export function fileValues(request: TabRequest): string[] | undefined {
  const { kind, words, sandbox } = request;
  if (kind === 'formats' || kind === 'topics' || sandbox || words.includes('--sandbox')) return undefined;
  return offered(fromFiles(request), request.partial);
}

function fromFiles({ env, kind, words, profile, now }: TabRequest): string[] {
  if (kind === 'profiles') return profileNames(env);
  // the profile typed on the line (`pp --profile staging whoami <Tab>`) chooses whose ids
  const settings = new SettingsReader(env, typedProfile(words) ?? profile);
  let account: string | undefined;
  try {
    account = settings.account(undefined)?.value;
  } catch {
    // an unreadable config file, or no such profile: the cache may still help
  }
  const cached = readAccountCache(env, cacheOwner(settings), now);
  return [...(account ? [account] : []), ...cached];
}

/** The value of a `--profile <name>` or `--profile=<name>` among the typed words, if any. */
function typedProfile(words: readonly string[]): string | undefined {
  let found: string | undefined;
  words.forEach((word, i) => {
    if (word === '--profile') found = words[i + 1];
    else if (word.startsWith('--profile=')) found = word.slice('--profile='.length);
  });
  return found;
}

/** Whether PP_SANDBOX asks for the sandbox (as Context.sandbox reads it). */
export const sandboxFromEnv = (env: Env): boolean => {
  const value = env.PP_SANDBOX?.trim().toLowerCase();
  return value === '1' || value === 'true';
};
