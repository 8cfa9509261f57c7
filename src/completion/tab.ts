// The values `pp __complete <kind> [partial] [words...]` prints, one a line: what a shell offers on
// Tab. Shared by the command (commands/complete.ts, reached through the whole program) and by the
// short way in a shell takes on every Tab (tab-main.ts, which loads nothing else). Local files only,
// never the keychain or the network; nothing here fails: a shell shows nothing rather than an error.
import { profileNames, SettingsReader } from '../config/settings.js';
import type { Env } from '../deps.js';
import { type CompletionKind, cacheProfile, formatNames, readAccountCache } from './values.js';

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

/**
 * The values a shell may be given: ids come from the server and names from a file, and bash's
 * `compgen -W` expands what it offers ($(…), `…`, ~), so anything but these characters is left out.
 */
const completable = /^[\w.:@+-]{1,200}$/;

/** The values of `kind` that start with `partial`, each once. */
export async function tabValues(request: TabRequest): Promise<string[]> {
  const values = await valuesOf(request);
  return [...new Set(values)].filter((v) => completable.test(v) && v.startsWith(request.partial));
}

async function valuesOf({ env, kind, words, sandbox, profile, now }: TabRequest): Promise<string[]> {
  if (kind === 'formats') return [...formatNames];
  // the help topics and the sandbox's ids load only for the Tab that offers them: they bring the
  // providers' fixtures and the error catalogue along
  if (kind === 'topics') return Object.keys((await import('../help/topics.js')).helpTopics);
  if (kind === 'profiles') return profileNames(env);
  if (sandbox || words.includes('--sandbox')) return (await import('../sandbox/ids.js')).sandboxIds();
  // the profile typed on the line (`pp --profile staging whoami <Tab>`) chooses whose ids
  const settings = new SettingsReader(env, typedProfile(words) ?? profile);
  let account: string | undefined;
  try {
    account = settings.account(undefined)?.value;
  } catch {
    // an unreadable config file, or no such profile: the cache may still help
  }
  const cached = readAccountCache(env, cacheProfile(settings), now);
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
