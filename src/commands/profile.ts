// `pp profile <id>…`: the full provider-specific profile; several ids go to the many-accounts runner.
import { usageError } from '../errors.js';
import { listFormats, oneAccountFormats } from '../output/formats.js';
import type { Section } from '../output/model.js';
import { defineCommand, examples, failOnOption, integer, maxWaitOption, type OptionsOf } from './command.js';
import { chooseAccount, healthFields, showOne } from './inspect.js';

/** The options, as the many-accounts runner (bulk.ts) takes them: typed from the definition below. */
export type ProfileOptions = OptionsOf<typeof profileCommand>;

const profileCommand = defineCommand({
  path: ['profile'],
  define: (cmd) =>
    cmd
      .description('the full provider-specific profile of one account, or a summary of many')
      .argument('[account_id...]', 'one or more account ids (none: PP_ACCOUNT_ID, else the default account)')
      .option('--from-file <path>', 'read account ids from a file, one a line (- for standard input)')
      .option(
        '--concurrency <n>',
        'requests at once when inspecting many accounts',
        integer('--concurrency', 1, 64),
        4,
      )
      .addOption(maxWaitOption('with many accounts'))
      .addOption(failOnOption())
      .addHelpText(
        'after',
        examples(
          'pp profile acc_demo_twitter --sandbox',
          'pp profile acc_… --json | jq .organizations',
          'pp profile --from-file accounts.txt --json | jq -c "select(.ok | not)"',
          'grep -v "^#" accounts.txt | pp profile --from-file - --concurrency 8',
        ),
      ),
  // csv and tsv are a row per account: many accounts only (after `define`, whose types it reads)
  formats: (opts, ids) => (ids.length > 1 || opts.fromFile !== undefined ? listFormats : oneAccountFormats),
  async run(ctx, opts, ids): Promise<number> {
    // An empty argument is most likely an unset variable (`pp profile "$ACC"`): say so rather than
    // ask the API for account "" or quietly skip it.
    if (ids.some((id) => id.trim() === '')) {
      throw usageError(
        'an account id argument is empty',
        'Pass account ids such as acc_…; check that the variables you pass are set.',
      );
    }
    if (ids.length > 1 || opts.fromFile !== undefined) {
      const { profiles } = await import('./bulk.js');
      return profiles(ctx, ids, opts);
    }
    // no id and no file: the default account, as for whoami; ids are trimmed, as the many-accounts
    // path and `config set-account` do
    const accountId = chooseAccount(ctx, ids[0]?.trim(), 'the account id argument');
    return showOne(
      ctx,
      accountId,
      opts.failOn === 'warning',
      async ({ label, identity, sections, health }) => {
        const { renderProfile } = await import('../output/render.js');
        const all: Section[] = [
          { kind: 'fields', title: 'Health', fields: healthFields(health, 'State') },
          ...sections,
        ];
        return renderProfile(ctx.io, `${label} profile · ${identity.name} · ${accountId}`, all);
      },
    );
  },
});

export default profileCommand;
