// `pp config set-key [<key>]`: stores the API key, read from a hidden prompt, standard input or (with
// a warning) the argument. Writes go through config/file.ts: atomic, mode 0600, a corrupt or untrusted file refused.
import { writeConfig } from '../../config/file.js';
import { keyShape, maskKey } from '../../config/settings.js';
import { usageError } from '../../errors.js';
import { readAll, readHidden } from '../../output/prompt.js';
import { defineCommand, examples } from '../command.js';

export default defineCommand<object, [string | undefined]>({
  path: ['config', 'set-key'],
  define: (cmd) =>
    cmd
      .description('store the API key (hidden prompt on a terminal, standard input when piped)')
      .argument('[key]', 'the key itself (discouraged: it stays in shell history)')
      .addHelpText('after', examples('pp config set-key', 'printf %s "$PP_KEY" | pp config set-key')),
  async run(ctx, _opts, argument) {
    let key: string;
    if (argument !== undefined) {
      // `pp config set-key "$KEY"` with KEY unset: there is no key to warn about or to store
      if (argument.trim() === '') {
        throw usageError(
          'the key given as an argument is empty',
          'Run `pp config set-key` with no argument and paste the key at the prompt, or pipe it in: printf %s "$KEY" | pp config set-key',
        );
      }
      await ctx.warn(
        'a key given as an argument may stay in your shell history; next time run `pp config set-key` and paste it at the prompt',
      );
      key = argument;
    } else if (ctx.io.stdin.isTTY) {
      key = await readHidden(ctx.io, ctx.io.stdin, 'Paste your postpress API key (it will not be shown): ');
    } else {
      key = await readAll(ctx.io.stdin);
    }
    key = key.trim();
    ctx.io.addSecret(key, maskKey(key));
    if (key === '') {
      throw ctx.io.stdin.isTTY
        ? usageError('no API key given', 'Paste the key at the prompt.')
        : usageError(
            'no API key given: standard input is not a terminal and was empty',
            'Pipe the key in: printf %s "$KEY" | pp config set-key (or run it in a terminal to be asked)',
          );
    }
    if (!keyShape.test(key)) {
      throw usageError(
        'that API key has spaces or control characters in it',
        'Copy the key again: it looks like pp_live_…',
      );
    }
    if (!/^pp_/.test(key))
      await ctx.warn(`the key does not look like a postpress key (pp_live_…); saved anyway`);
    const path = writeConfig(ctx.env, 'apiKey', key);
    if (ctx.env.PP_API_KEY?.trim())
      await ctx.warn('PP_API_KEY is set in the environment and wins over the stored key');
    return ctx.result(`Saved API key ${maskKey(key)} to ${path}`, {
      saved: true,
      api_key: maskKey(key),
      config_file: path,
    });
  },
});
