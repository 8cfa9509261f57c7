// `pp config …`: the stored API key and default account. Writes go through config/file.ts, which
// refuses a corrupt file and writes atomically with mode 0600.
import { configPath, writeConfig } from '../config/file.js';
import { keyShape, maskKey } from '../config/settings.js';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { oneLine } from '../output/json.js';
import type { Field } from '../output/model.js';
import { type RawInput, readAll, readHidden } from '../output/prompt.js';

async function print(ctx: Context, human: string, json: Record<string, unknown>): Promise<number> {
  await ctx.io.out(ctx.globals.json ? oneLine(json) : `${human}\n`);
  return 0;
}

export async function setKey(ctx: Context, argument: string | undefined, stdin: RawInput): Promise<number> {
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
    key = await readHidden(ctx.io, stdin, 'Paste your postpress API key (it will not be shown): ');
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
  const path = await writeConfig(ctx.env, 'apiKey', key);
  if (ctx.env.PP_API_KEY?.trim())
    await ctx.warn('PP_API_KEY is set in the environment and wins over the stored key');
  return print(ctx, `Saved API key ${maskKey(key)} to ${path}`, {
    saved: true,
    api_key: maskKey(key),
    config_file: path,
  });
}

export async function unsetKey(ctx: Context): Promise<number> {
  const had = ctx.settings.file.apiKey !== undefined;
  const path = had ? await writeConfig(ctx.env, 'apiKey', undefined) : configPath(ctx.env);
  if (ctx.env.PP_API_KEY?.trim()) await ctx.warn('PP_API_KEY is still set in the environment');
  return print(ctx, had ? `Removed the API key from ${path}` : `No API key was stored in ${path}`, {
    removed: had,
    config_file: path,
  });
}

export async function setAccount(ctx: Context, accountId: string): Promise<number> {
  const id = accountId.trim();
  if (id === '' || /\s/.test(id))
    throw usageError(`not an account id: ${JSON.stringify(accountId)}`, 'Account ids look like acc_…');
  const path = await writeConfig(ctx.env, 'accountId', id);
  return print(ctx, `Default account set to ${id} in ${path}`, {
    saved: true,
    account_id: id,
    config_file: path,
  });
}

export async function unsetAccount(ctx: Context): Promise<number> {
  const had = ctx.settings.file.accountId !== undefined;
  const path = had ? await writeConfig(ctx.env, 'accountId', undefined) : configPath(ctx.env);
  return print(
    ctx,
    had ? `Removed the default account from ${path}` : `No default account was stored in ${path}`,
    {
      removed: had,
      config_file: path,
    },
  );
}

export async function show(ctx: Context): Promise<number> {
  const path = configPath(ctx.env);
  const key = ctx.settings.apiKey();
  const account = ctx.settings.account(undefined);
  const baseUrl = ctx.settings.baseUrl(ctx.globals.baseUrl);
  if (ctx.globals.json) {
    return print(ctx, '', {
      config_file: path,
      api_key: key ? { masked: maskKey(key.value), source: key.source } : null,
      account_id: account ? { value: account.value, source: account.source } : null,
      base_url: { value: baseUrl.value, source: baseUrl.source },
      sandbox: ctx.sandbox,
    });
  }
  const { fieldLines, painter } = await import('../output/render.js');
  const items: Field[] = [
    { label: 'Config file', value: path },
    key
      ? { label: 'API key', value: `${maskKey(key.value)} (from ${key.source})` }
      : { label: 'API key', value: 'not set — run `pp config set-key`', tone: 'warn' },
    account
      ? { label: 'Account', value: `${account.value} (from ${account.source})` }
      : { label: 'Account', value: 'not set', tone: 'dim' },
    { label: 'Base URL', value: `${baseUrl.value} (from ${baseUrl.source})` },
  ];
  if (ctx.sandbox)
    items.push({ label: 'Sandbox', value: 'on: commands answer from the built-in sandbox', tone: 'warn' });
  await ctx.io.out(fieldLines(ctx.io, painter(ctx.io.stdoutColor), items, 0));
  return 0;
}
