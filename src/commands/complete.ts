// `pp __complete <kind> [partial] [words...]`, hidden: what the completion scripts call on Tab. It
// prints the values of one kind that start with `partial`, one a line. `words` are the words typed
// before the cursor (`--sandbox` among them completes the sandbox's ids). It reads local files
// only (see completion/values.ts) and never fails loudly: a shell shows nothing rather than an error.
import { Argument } from '@commander-js/extra-typings';
import { tabValues } from '../completion/tab.js';
import { completionKinds } from '../completion/values.js';
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
    const request = {
      env: ctx.env,
      kind,
      partial,
      words,
      sandbox: ctx.sandbox,
      profile: ctx.globals.profile,
      now: ctx.clock.now(),
    };
    const values = tabValues(request, {
      formats: formatNames,
      topics: () => Object.keys(helpTopics),
      sandboxIds,
    });
    if (values.length > 0) await ctx.io.out(`${values.join('\n')}\n`);
    return 0;
  },
});
