// `pp config show`: the config file, the profile in use, the masked key with where it comes from and
// how it is kept, and where each other setting comes from.
import { configPath } from '../../config/file.js';
import type { Field } from '../../output/model.js';
import { fieldLines, painter } from '../../output/render.js';
import { defineCommand, examples } from '../command.js';
import { type KeyView, keyText, storageText, viewKey } from './describe.js';

export default defineCommand({
  path: ['config', 'show'],
  define: (cmd) =>
    cmd
      .description('the config file, the profile, the masked key and where each setting comes from')
      .addHelpText('after', examples('pp config show', 'pp config show --json | jq .api_key.source')),
  async run(ctx) {
    const path = configPath(ctx.env);
    const profile = ctx.settings.profileChoice();
    const origin = ctx.settings.keyOrigin();
    const key: KeyView | undefined = origin
      ? await viewKey(ctx, origin, async () => (await ctx.settings.apiKey(ctx))?.value ?? '')
      : undefined;
    const account = ctx.settings.account(undefined);
    const baseUrl = ctx.settings.baseUrl(ctx.globals.baseUrl);
    if (ctx.globals.json) {
      return ctx.result('', {
        config_file: path,
        profile: { name: profile.name, source: profile.source },
        // source: where the key came from (environment, file, keychain, command); storage says the same
        api_key: key ? { ...key, source: key.storage } : null,
        account_id: account ? { value: account.value, source: account.source } : null,
        base_url: { value: baseUrl.value, source: baseUrl.source },
        sandbox: ctx.sandbox,
      });
    }
    const items: Field[] = [
      { label: 'Config file', value: path },
      { label: 'Profile', value: `${profile.name} (from ${profile.source})` },
      key
        ? {
            label: 'API key',
            value: `${keyText(key)}, from ${storageText(key)}`,
            tone: key.error ? 'bad' : key.storage === 'file' ? 'warn' : 'plain',
          }
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
  },
});
