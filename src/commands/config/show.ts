// `pp config show`: the config file, the masked key and where each setting comes from.
import { configPath } from '../../config/file.js';
import { maskKey } from '../../config/settings.js';
import type { Field } from '../../output/model.js';
import { defineCommand, examples } from '../command.js';

export default defineCommand<object>({
  path: ['config', 'show'],
  define: (cmd) =>
    cmd
      .description('the config file, the masked key and where each setting comes from')
      .addHelpText('after', examples('pp config show', 'pp config show --json | jq .api_key.source')),
  async run(ctx) {
    const path = configPath(ctx.env);
    const key = ctx.settings.apiKey();
    const account = ctx.settings.account(undefined);
    const baseUrl = ctx.settings.baseUrl(ctx.globals.baseUrl);
    if (ctx.globals.json) {
      return ctx.result('', {
        config_file: path,
        api_key: key ? { masked: maskKey(key.value), source: key.source } : null,
        account_id: account ? { value: account.value, source: account.source } : null,
        base_url: { value: baseUrl.value, source: baseUrl.source },
        sandbox: ctx.sandbox,
      });
    }
    const { fieldLines, painter } = await import('../../output/render.js');
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
  },
});
