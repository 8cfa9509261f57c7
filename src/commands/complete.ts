// `pp __complete <kind> [partial] [words...]`, hidden: what the completion scripts call on Tab. It
// prints the values of one kind that start with `partial`, one a line. `words` are the words typed
// before the cursor (`--sandbox` among them completes the sandbox's ids). It reads local files
// only (see completion/values.ts) and never fails loudly: a shell shows nothing rather than an error.
import { Argument } from '@commander-js/extra-typings';
import {
  type CompletionKind,
  cacheProfile,
  completionKinds,
  readAccountCache,
} from '../completion/values.js';
import { profileNames, SettingsReader } from '../config/settings.js';
import type { Context } from '../context.js';
import { helpTopics } from '../help/topics.js';
import { formatNames } from '../output/formats/index.js';
import { sandboxIds } from '../sandbox/ids.js';
import { defineCommand, examples } from './command.js';

export default defineCommand({
  path: ['__complete'],
  hidden: true,
  define: (cmd) =>
    cmd
      .description('print the values a shell completes, one a line (used by the completion scripts)')
      .addArgument(new Argument('<kind>', 'what to complete').choices(completionKinds))
      .argument('[partial]', 'only the values that start with this')
      .argument('[words...]', 'the words typed before it')
      .addHelpText(
        'after',
        examples('pp __complete accounts acc_', 'pp __complete accounts -- acc_demo_ whoami --sandbox'),
      ),
  async run(ctx, _opts, kind, partial = '', words) {
    const values = [...new Set(valuesOf(ctx, kind, words))].filter(
      (v) => completable.test(v) && v.startsWith(partial),
    );
    if (values.length > 0) await ctx.io.out(`${values.join('\n')}\n`);
    return 0;
  },
});

/**
 * The values a shell may be given: ids come from the server and names from a file, and bash's
 * `compgen -W` expands what it offers ($(…), `…`, ~), so anything but these characters is left out.
 */
const completable = /^[\w.:@+-]{1,200}$/;

function valuesOf(ctx: Context, kind: CompletionKind, words: readonly string[]): string[] {
  if (kind === 'formats') return [...formatNames];
  if (kind === 'topics') return Object.keys(helpTopics);
  if (kind === 'profiles') return profileNames(ctx.env);
  if (ctx.sandbox || words.includes('--sandbox')) return sandboxIds();
  // the profile typed on the line (`pp --profile staging whoami <Tab>`) chooses whose ids
  const settings = new SettingsReader(ctx.env, typedProfile(words) ?? ctx.globals.profile);
  let account: string | undefined;
  try {
    account = settings.account(undefined)?.value;
  } catch {
    // an unreadable config file, or no such profile: the cache may still help
  }
  const cached = readAccountCache(ctx.env, cacheProfile(settings), ctx.clock.now());
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
