// `pp config set-key [<key>]`: stores the API key, read from a hidden prompt, standard input or (with
// a warning) the argument. Writes go through config/file.ts: atomic, mode 0600, a corrupt or untrusted file refused.
import { openClient } from '../../api/open.js';
import { configPath, writableConfigDir } from '../../config/file.js';
import { checkKeyLength, keyTooLong, MAX_KEY_LENGTH } from '../../config/settings.js';
import type { Context } from '../../context.js';
import { ExitCode, PpError, usageError } from '../../errors.js';
import { keyKind, keyShape, maskKey } from '../../key.js';
import { readAll, readHidden } from '../../output/prompt.js';
import { defineCommand, examples } from '../command.js';
import { profileToWrite, storeKey } from './store.js';

export default defineCommand({
  path: ['config', 'set-key'],
  define: (cmd) =>
    cmd
      .description('store the API key (hidden prompt on a terminal, standard input when piped)')
      .argument('[key]', 'the key itself (discouraged: it stays in shell history)')
      .option('--no-verify', 'store it without checking it with the API first')
      .option('--insecure-storage', 'store it in the config file (plain text), not the keychain')
      .addHelpText(
        'after',
        examples(
          'pp config set-key',
          'printf %s "$PP_KEY" | pp config set-key',
          'pp --profile staging config set-key --insecure-storage',
        ),
      ),
  async run(ctx, opts, argument) {
    const profile = profileToWrite(ctx);
    // a file or folder pp would refuse to write is said before the key is asked for or sent
    ctx.settings.profile();
    writableConfigDir(ctx.env);
    let key: string;
    let given = 'the key given as an argument';
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
      given = 'the key typed';
      key = await readHidden(ctx.io, ctx.io.stdin, 'Paste your postpress API key (it will not be shown): ');
    } else {
      given = 'the key given on standard input';
      // room for the blank lines and spaces around a key; checked again once trimmed
      key = await readAll(ctx.io.stdin, 2 * MAX_KEY_LENGTH, () =>
        keyTooLong('the key given on standard input'),
      );
    }
    key = key.trim();
    checkKeyLength(key, given);
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
    const accepted = opts.verify ? await verify(ctx, key) : undefined;
    const place = await storeKey(ctx, profile, key, opts.insecureStorage === true);
    if (ctx.env.PP_API_KEY?.trim())
      await ctx.warn('PP_API_KEY is set in the environment and wins over the stored key');
    const path = configPath(ctx.env);
    const where = place.storage === 'keychain' ? 'the keychain' : `${path} (plain text)`;
    return ctx.result(
      `Saved API key ${maskKey(key)} for profile ${profile} in ${where}${accepted ? `; ${accepted}` : ''}`,
      {
        saved: true,
        profile,
        api_key: maskKey(key),
        kind: keyKind(key) ?? null,
        storage: place.storage,
        config_file: path,
        verified: accepted !== undefined,
      },
    );
  },
});

/**
 * One `GET /api/v1/accounts?limit=1` with the new key. A refusal (exit 4) stops everything: nothing
 * is stored. Any other failure (network, server) only warns: the key may well be right. Returns what
 * the answer says about the workspace the key opened.
 */
async function verify(ctx: Context, key: string): Promise<string | undefined> {
  const client = await openClient(ctx, { apiKey: key });
  const base = ctx.sandbox ? 'the sandbox' : ctx.settings.baseUrl(ctx.globals.baseUrl).value;
  try {
    const { data } = await client.fetchAccountPage(1, undefined);
    const items = (Array.isArray(data.items) ? data.items : data.data) as Record<string, unknown>[];
    const first = items[0];
    // the list names no workspace; its first account is what the key opened
    const shown =
      first && typeof first.id === 'string'
        ? `, which holds account ${first.id}`
        : ', which holds no account yet';
    return `accepted by ${base}${shown}`;
  } catch (err) {
    if (!(err instanceof PpError) || err.exitCode === ExitCode.interrupted) throw err;
    if (err.exitCode === ExitCode.auth) {
      throw new PpError({
        exitCode: ExitCode.auth,
        message: `${base} refused that key: ${err.message}; nothing was stored`,
        detail: err.detail,
        hint: 'Copy the key again from the postpress dashboard (or use --no-verify to store it unchecked).',
        status: err.status,
        type: err.type,
        title: err.title,
      });
    }
    await ctx.warn(`could not check the key with ${base} (${err.message}); stored it unchecked`);
    return undefined;
  }
}
