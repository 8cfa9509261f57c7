// `pp profile <id>…`: the full provider-specific profile of one account; several ids, or
// --from-file, inspect many accounts at once through the many-accounts runner (CLI.md, "Many
// accounts"), a row each in every list format, in input order as soon as the order allows.
import {
  chooseAccount,
  healthFields,
  inspectAccount,
  type Outcome,
  showOne,
  unknownProviderWarning,
} from '../accounts/owner.js';
import type { Context } from '../context.js';
import { ExitCode, jsonError } from '../errors.js';
import { fixCommands, type Health, HealthTally, healthOf } from '../health.js';
import { accountIds, checkIdArguments, noIds, openIdFile } from '../many/ids.js';
import { runMany } from '../many/runner.js';
import {
  type AccountFacts,
  type AdviceCommands,
  RawJson,
  type RowView,
  reasonColumn,
} from '../output/exporter.js';
import { listFormats, oneAccountFormats } from '../output/formats/index.js';
import type { Section } from '../output/model.js';
import { renderProfile } from '../output/render.js';
import { displayWidth } from '../output/width.js';
import { defineCommand, examples, failOnOption, integer, maxWaitOption, type OptionsOf } from './command.js';

/** The options, typed from the definition below. */
type ProfileOptions = OptionsOf<typeof profileCommand>;

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
    checkIdArguments(ids);
    if (ids.length > 1 || opts.fromFile !== undefined) return profiles(ctx, ids, opts);
    // no id and no file: the default account, as for whoami; ids are trimmed, as the many-accounts
    // path and `config set-account` do
    const accountId = chooseAccount(ctx, ids[0]?.trim(), 'the account id argument');
    return showOne(
      ctx,
      accountId,
      opts.failOn === 'warning',
      async ({ label, identity, sections, health }) => {
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

type Printed = Exclude<Outcome, { kind: 'interrupted' }>;

/** Many accounts: each id's profile through the runner, a row each, then the count of each state. */
async function profiles(ctx: Context, ids: string[], opts: ProfileOptions): Promise<number> {
  const file = opts.fromFile === undefined ? undefined : await openIdFile(ctx, opts.fromFile);
  // what to do after the table names the pp command that does it, where there is one
  const advice: AdviceCommands = (code, ids, count) => fixCommands(code, ids, count, ctx.ppCommand(''));
  const out = await ctx.exporter({ ...manyView, table: { ...manyView.table, advice } });
  const tally = new HealthTally();
  const failOn = opts.failOn === 'warning';
  let widestId = 0;
  let headed = false;
  // The ids as the runner pulls them: a streamed table sizes its id column from those launched.
  async function* launched(): AsyncGenerator<string> {
    for await (const id of accountIds(ids, file, ctx.signal)) {
      widestId = Math.max(widestId, displayWidth(id));
      yield id;
    }
  }
  const head = () => {
    if (headed) return '';
    headed = true;
    return out.head();
  };

  const { started, readError } = await runMany<string, Outcome>(ctx, {
    items: launched(),
    concurrency: opts.concurrency,
    maxWaitMs: opts.maxWait,
    task: (client, accountId) => inspectAccount(ctx, client, accountId, ctx.globals.json),
    failed: (outcome) => outcome.kind === 'failed',
    // On a terminal, a person's table does not wait for a stuck row: its place is marked, its row follows.
    mark:
      out.mark && ctx.io.stdout.isTTY
        ? async (accountId, rateLimited, progress) => {
            progress?.clear();
            const note = rateLimited ? 'waiting: rate limited; its row follows' : 'waiting; its row follows';
            await ctx.io.out(
              head() + out.mark!(accountId, note, () => ({ rows: [], pending: true, widestId })),
            );
          }
        : undefined,
    async sink(next, progress, ahead) {
      if (next.kind === 'interrupted') return;
      tally.add(accountOf(next).health, next.kind === 'failed' ? next.error.exitCode : undefined);
      // What pp exits with if standard output's reader leaves now (`… | head`, see main.ts): the
      // failures printed so far, not a clean 0.
      ctx.setExitCode(tally.exitCode(failOn));
      const warning = next.kind === 'ok' ? next.warning : undefined;
      if (next.kind === 'ok' && next.unknownProvider)
        await ctx.warnOnce(
          `provider ${next.unknownProvider}`,
          unknownProviderWarning(next.unknownProvider, next.accountId),
        );
      // Rows on the same terminal, or a warning, would land on the progress line: clear it first
      // (its timer redraws it).
      if (ctx.io.stdout.isTTY || warning) progress?.clear();
      if (warning) await ctx.warn(warning);
      // Awaiting the write is the backpressure: a slow reader pauses the run, memory stays flat.
      await ctx.io.out(
        head() +
          out.row(next, () => {
            // what a streamed table sizes its columns from when its first row prints
            const { results, pending } = ahead();
            return { rows: results.filter((o): o is Printed => o.kind !== 'interrupted'), pending, widestId };
          }),
      );
    },
  });

  if (started === 0 && readError === undefined && !ctx.signal.aborted) throw noIds(file);
  // Ctrl-C: how far the run got, in any format (the interruption's own message)
  if (ctx.signal.aborted) {
    ctx.io.err(
      `interrupted: ${tally.summary().line.replace(/^\d+ accounts?/, (n) => `${n} of ${started} started`)}\n`,
    );
    return ExitCode.interrupted;
  }
  if (started > 0) await out.end(tally.summary());
  if (readError !== undefined) throw readError;
  return tally.exitCode(failOn);
}

/**
 * How many-account rows read: NDJSON `{"account_id", "ok": true, "health", "profile"}` (the profile
 * as the server sent it) or `{"account_id", "ok": false, "error"}`; the five account columns in
 * csv; in the table the provider, the name, the health state and its reasons, and what to do
 * about each reason after it.
 */
/** The account a result is about: every one has a health here (only pp status knows of none). */
const accountOf = (o: Printed): AccountFacts & { health: Health } =>
  o.kind === 'ok'
    ? { id: o.accountId, type: o.type, name: o.name, health: o.health }
    : { id: o.accountId, type: '', name: '', health: healthOf({ error: o.error }) };

const manyView: RowView<Printed> = {
  account: accountOf,
  json: (o) =>
    o.kind === 'ok'
      ? { account_id: o.accountId, ok: true, health: o.health, profile: new RawJson(o.body) }
      : { account_id: o.accountId, ok: false, error: jsonError(o.error) },
  table: {
    layout: 'stream',
    cells: (o) => (o.kind === 'ok' ? {} : { type: '-', name: '-' }),
    columns: [reasonColumn<Printed>({ account: (o) => manyView.account(o) })],
    advice: true,
  },
};
