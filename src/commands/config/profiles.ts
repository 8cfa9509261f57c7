// `pp config profiles`: every profile with its masked key and where it is kept, base URL, default
// account, and which one is active. A key command is not run to list it.
import { configPath } from '../../config/file.js';
import { readKeychainKey } from '../../config/keychain.js';
import { profileKeyOrigin, profileNamesOf } from '../../config/settings.js';
import { painter, tableLines } from '../../output/render.js';
import { defineCommand, examples } from '../command.js';
import { type KeyView, keyText, storageText, viewKey } from './describe.js';

export default defineCommand({
  path: ['config', 'profiles'],
  define: (cmd) =>
    cmd
      .description('list the profiles: key and its storage, base URL, account, which is active')
      .addHelpText(
        'after',
        examples('pp config profiles', 'pp config profiles --json | jq -r ".profiles[].name"'),
      ),
  async run(ctx) {
    const config = ctx.settings.config;
    const active = ctx.settings.profileChoice().name;
    const rows: {
      name: string;
      active: boolean;
      key: KeyView | null;
      baseUrl?: string;
      accountId?: string;
    }[] = [];
    for (const name of profileNamesOf(config)) {
      const profile = config.profiles.get(name) ?? {};
      const origin = profileKeyOrigin(name, profile, ctx.env);
      let key: KeyView | null = null;
      if (origin?.storage === 'file')
        key = await viewKey(ctx, origin, async () => profile.apiKey?.trim() ?? '');
      else if (origin?.storage === 'keychain') {
        key = await viewKey(ctx, origin, () => readKeychainKey(ctx.env, name, origin.entry));
      } else if (origin) key = await viewKey(ctx, origin, undefined);
      rows.push({
        name,
        active: name === active,
        key,
        baseUrl: profile.baseUrl,
        accountId: profile.accountId,
      });
    }
    if (ctx.globals.json) {
      return ctx.result('', {
        config_file: configPath(ctx.env),
        active,
        profiles: rows.map((r) => ({
          name: r.name,
          active: r.active,
          api_key: r.key,
          base_url: r.baseUrl ?? null,
          account_id: r.accountId ?? null,
        })),
      });
    }
    const table = tableLines(
      ctx.io,
      painter(ctx.io.stdoutColor),
      ['', 'Profile', 'Key', 'Kept in', 'Base URL', 'Account'],
      rows.map((r) => [
        r.active ? '*' : '',
        r.name,
        r.key ? keyText(r.key) : 'not set',
        r.key ? storageText(r.key) : '–',
        r.baseUrl ?? '(default)',
        r.accountId ?? '–',
      ]),
    );
    await ctx.io.out(`${table}* active (pp config use <profile> to change)\n`);
    return 0;
  },
});
