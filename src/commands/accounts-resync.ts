// `pp accounts resync <id> [--wait]`: starts a new synchronisation of a LinkedIn or Telegram
// account's history (`GET /api/v1/accounts/{id}/sync`) and prints its status; --wait follows it,
// asking the same again every --interval, until SYNC_DONE (exit 0) or SYNC_ERROR (exit 10), for at
// most --max-wait (then exit 18). The account is read first: another type is refused (exit 8)
// without starting anything. A status pp does not know is taken as still running.
import { Option } from '@commander-js/extra-typings';
import { endsEverything, Poll, stoppedBy, verdictOf } from '../accounts/poll.js';
import { resync } from '../api/actions.js';
import { openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { ExitCode, interrupted, PpError, toPpError, usageError } from '../errors.js';
import { elapsed } from '../output/elapsed.js';
import { compact } from '../output/json.js';
import { LiveLine } from '../output/live-line.js';
import { showable } from '../output/showable.js';
import { DAY_MS, defineCommand, duration, examples, formatDuration } from './command.js';

/** The account types that resync (the reference lists LinkedIn and Telegram only). */
const RESYNCS: Readonly<Record<string, string>> = { LINKEDIN: 'LinkedIn', TELEGRAM: 'Telegram' };

/** What each status means, for a person. */
const meanings: Readonly<Record<string, string>> = {
  SYNC_STARTED: 'started',
  SYNC_RUNNING: 'running',
  CHUNK_DONE: 'running: a part of the history is done',
  SYNC_DONE: 'done',
  SYNC_ERROR: 'failed',
};

export default defineCommand({
  path: ['accounts', 'resync'],
  define: (cmd) =>
    cmd
      .description('start a resync of a LinkedIn or Telegram account’s history; --wait follows it')
      .argument('<account_id>', 'the account to resync')
      .option('--wait', 'follow it until it is done (exit 0) or failed (exit 10)')
      .addOption(
        new Option('--interval <duration>', 'with --wait: ask this often (longer after errors)')
          .argParser(duration('--interval', { min: 1000, max: 3_600_000 }))
          .default(5000, '5s'),
      )
      .addOption(
        new Option('--max-wait <duration>', 'with --wait: give up after this long, then exit 18')
          .argParser(duration('--max-wait', { min: 1000, max: 7 * DAY_MS }))
          .default(10 * 60_000, '10m'),
      )
      .addHelpText(
        'after',
        `${examples(
          'pp accounts resync acc_…',
          'pp --sandbox accounts resync acc_demo_linkedin --wait',
          'pp accounts resync acc_… --wait --max-wait 30m --json',
        )}
Exit: 0 started (or, with --wait, done), 8 not a LinkedIn
or Telegram account (nothing started), 10 SYNC_ERROR, 18
--max-wait ran out, 130 on Ctrl-C.
`,
      ),
  async run(ctx, opts, argument) {
    const accountId = argument.trim();
    if (accountId === '')
      throw usageError('the account id argument is empty', 'Pass an account id such as acc_….');
    const client = await openClient(ctx);
    // the account first: another type is refused before anything starts
    const { data: account } = await client.fetchAccount(accountId);
    const type = typeof account.type === 'string' ? account.type : '';
    if (!Object.hasOwn(RESYNCS, type)) {
      throw new PpError({
        exitCode: ExitCode.rejected,
        message: `${accountId} is ${type ? `a ${type}` : 'an'} account: only LinkedIn and Telegram accounts resync`,
        hint: 'Nothing was started. Resync a LINKEDIN or TELEGRAM account (pp accounts --type linkedin).',
        accountId,
      });
    }
    const started = ctx.clock.now();
    let last: string | undefined;
    /** Each status as it changes: a line for a person, the body as received (NDJSON) with --json. */
    const print = async (status: string, body: string) => {
      if (status === last) return;
      last = status;
      const meaning = Object.hasOwn(meanings, status)
        ? meanings[status]
        : 'running (a status pp does not know)';
      await ctx.io.out(
        ctx.globals.json
          ? `${compact(body, ctx.io).text}\n`
          : `resync of ${accountId}: ${showable(ctx.io, status)}, ${meaning}${opts.wait ? ` (${elapsed(ctx.clock.now() - started)})` : ''}\n`,
      );
    };
    const first = await resync(client, accountId);
    await print(first.status, first.body);
    if (first.status === 'SYNC_ERROR') throw syncFailed(ctx, accountId);
    if (!opts.wait || first.status === 'SYNC_DONE') return ExitCode.ok;
    return follow(ctx, accountId, opts, first.status, print);
  },
});

/** --wait: asks again every --interval until SYNC_DONE or SYNC_ERROR, for at most --max-wait. */
async function follow(
  ctx: Context,
  accountId: string,
  opts: { interval: number; maxWait: number },
  firstStatus: string,
  print: (status: string, body: string) => Promise<void>,
): Promise<number> {
  const poll = new Poll(ctx, { maxWaitMs: opts.maxWait, intervalMs: opts.interval });
  let status = firstStatus;
  const progress = ctx.io.stderr.isTTY
    ? new LiveLine(
        ctx,
        () =>
          `resync of ${accountId}: ${status} · ${elapsed(poll.elapsed)} of ${elapsed(poll.deadline - poll.started)}`,
        1000,
      )
    : undefined;
  progress?.start();
  try {
    let failed = false;
    let retryAfterMs = 0;
    for (;;) {
      if (!(await poll.next({ failed, retryAfterMs }))) break;
      failed = false;
      retryAfterMs = 0;
      let outcome: { status: string; body: string } | { error: unknown; signal: AbortSignal };
      outcome = await poll.round(async (signal) => {
        try {
          return await resync(await openClient(ctx, { signal }), accountId);
        } catch (error) {
          return { error, signal };
        }
      });
      if ('error' in outcome) {
        const verdict = verdictOf(outcome.error, outcome.signal, ctx);
        if (verdict === 'interrupted') throw interrupted(accountId);
        if (verdict === 'deadline') break;
        const error = toPpError(outcome.error);
        if (verdict === 'final' || endsEverything(error)) throw error;
        failed = true;
        retryAfterMs = (error.retryAfter ?? 0) * 1000;
        ctx.verbose(`${accountId}: ${error.message}; asking again later`);
        continue;
      }
      status = outcome.status;
      progress?.clear();
      await print(outcome.status, outcome.body);
      progress?.draw();
      if (status === 'SYNC_DONE') return ExitCode.ok;
      if (status === 'SYNC_ERROR') throw syncFailed(ctx, accountId);
    }
  } catch (err) {
    if (err instanceof PpError && err.exitCode === ExitCode.interrupted) {
      progress?.stop();
      ctx.io.err(
        `${stoppedBy(ctx)} after ${elapsed(poll.elapsed)}: still waiting for the resync of ${accountId} (${status})\n`,
      );
      return ExitCode.interrupted;
    }
    throw err;
  } finally {
    progress?.stop();
  }
  throw new PpError({
    exitCode: ExitCode.stillWaiting,
    message: `the resync of ${accountId} is still ${status} after ${elapsed(poll.elapsed)} (--max-wait ${formatDuration(opts.maxWait)})`,
    hint: `It goes on without pp: see how it is doing with \`${ctx.ppCommand(`accounts resync ${accountId}`)}\`, or wait longer with --max-wait.`,
    accountId,
  });
}

const syncFailed = (ctx: Context, accountId: string): PpError =>
  new PpError({
    exitCode: ExitCode.server,
    message: `the resync of ${accountId} failed (SYNC_ERROR)`,
    hint: `Try again later with \`${ctx.ppCommand(`accounts resync ${accountId}`)}\`; contact postpress support if it keeps failing.`,
    accountId,
  });
