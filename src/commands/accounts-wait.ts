// `pp accounts wait <id>...`: waits until each named account is back (its health `ok`, or with
// --until connecting, `connecting` or better), reading `GET /api/v1/accounts/{id}` of those still
// waiting (the accounts list when more than 20 are), every --interval, for at most --max-wait
// (accounts/poll.ts). A line per account on standard output as it gets there, one for each that did
// not at the end; on a terminal, a progress line naming who is still waiting. Exit 0, 18 when time
// ran out, an account's own code when it cannot be read (16 when these differ), 130 on Ctrl-C.
import { Option } from '@commander-js/extra-typings';
import { listAccounts } from '../accounts/list.js';
import { DeadlineReached, endsEverything, Poll, stoppedBy, verdictOf } from '../accounts/poll.js';
import { sourcesOf } from '../api/account.js';
import { openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { ExitCode, jsonError, PpError, toPpError } from '../errors.js';
import { type Health, type HealthState, healthExitCode, healthOf, stateTone } from '../health.js';
import { checkIdArguments } from '../many/ids.js';
import { runMany } from '../many/runner.js';
import { elapsed } from '../output/elapsed.js';
import { oneLine } from '../output/json.js';
import { LiveLine } from '../output/live-line.js';
import { painter } from '../output/render.js';
import { showable } from '../output/showable.js';
import { displayWidth, padEnd } from '../output/width.js';
import { DAY_MS, defineCommand, duration, examples, formatDuration } from './command.js';

/** Past this many accounts still waiting, a round reads the accounts list rather than each account. */
const BY_LIST_OVER = 20;
/** Accounts named on the progress line; the rest are counted. */
const NAMED = 3;

/** One account waited for. */
interface Watched {
  id: string;
  type: string | null;
  name: string | null;
  /** As last read; undefined until it is. */
  health?: Health | undefined;
  /** When it got there, on the command's clock. */
  reachedAt?: number | undefined;
  /** Why it cannot be read (it ends the wait for this account). */
  error?: PpError | undefined;
}

/** What a round read of one account: the account, or how reading it failed. */
type Read = { id: string; item: Record<string, unknown> } | { id: string; error: unknown };

export default defineCommand({
  path: ['accounts', 'wait'],
  define: (cmd) =>
    cmd
      .description('wait until accounts are back (ok; or connecting with --until connecting)')
      .argument('<account_id...>', 'the accounts to wait for')
      .addOption(
        new Option('--until <state>', 'the state to wait for: ok, or connecting (connecting or better)')
          .choices(['ok', 'connecting'] as const)
          .default('ok' as const),
      )
      .addOption(
        new Option('--max-wait <duration>', 'give up after this long (90, 90s, 10m, 2h), then exit 18')
          .argParser(duration('--max-wait', { min: 1000, max: 7 * DAY_MS }))
          .default(10 * 60_000, '10m'),
      )
      .addOption(
        new Option('--interval <duration>', 'check this often (longer after errors)')
          .argParser(duration('--interval', { min: 1000, max: 3_600_000 }))
          .default(10_000, '10s'),
      )
      .addHelpText(
        'after',
        `${examples(
          'pp accounts wait acc_… acc_…',
          'pp --sandbox accounts wait acc_demo_whatsapp_connecting',
          'pp accounts wait $(tail -n +2 links.csv | cut -d, -f1) --max-wait 2h',
          'pp accounts wait acc_… --until connecting --interval 30s --json',
        )}
Exit: 0 when every account got there, 18 when the time ran
out first, the code of an account that cannot be read (a
wrong id: 7), 16 when these differ, 130 on Ctrl-C.
`,
      ),
  async run(ctx, opts, ids) {
    checkIdArguments(ids);
    const watched = new Map<string, Watched>();
    for (const id of ids.map((i) => i.trim()))
      if (!watched.has(id)) watched.set(id, { id, type: null, name: null });
    const reached = (state: HealthState) =>
      state === 'ok' || (opts.until === 'connecting' && (state === 'connecting' || state === 'warning'));
    const poll = new Poll(ctx, { maxWaitMs: opts.maxWait, intervalMs: opts.interval });
    const lines = lineWriter(ctx, [...watched.keys()], poll, opts.until);
    const waiting = () => [...watched.values()].filter((w) => w.reachedAt === undefined && !w.error);
    let checking = false;
    const progress = ctx.io.stderr.isTTY
      ? new LiveLine(
          ctx,
          () =>
            progressLine(
              waiting().map((w) => w.id),
              watched.size,
              poll,
              checking,
            ),
          1000,
        )
      : undefined;
    const say = async (w: Watched) => {
      progress?.clear();
      await ctx.io.out(lines.line(w));
      progress?.draw();
    };
    progress?.start();
    let stopped: 'interrupted' | 'time' | undefined;
    try {
      for (;;) {
        const now = waiting();
        checking = true;
        progress?.draw();
        const reads = await poll.round((signal) => readRound(ctx, now, signal));
        checking = false;
        let failed = false;
        let retryAfterMs = 0;
        for (const read of reads) {
          const w = watched.get(read.id);
          if (!w) continue;
          if ('item' in read) {
            w.type = typeof read.item.type === 'string' ? read.item.type : w.type;
            w.name = typeof read.item.name === 'string' ? read.item.name : w.name;
            w.health = healthOf({ sources: sourcesOf(read.item) });
            if (reached(w.health.state)) {
              w.reachedAt = ctx.clock.now();
              await say(w);
            }
            continue;
          }
          const verdict = verdictOf(read.error, read.signal, ctx);
          if (verdict === 'interrupted') stopped = 'interrupted';
          else if (verdict === 'again') {
            failed = true;
            retryAfterMs = Math.max(retryAfterMs, ((read.error as PpError).retryAfter ?? 0) * 1000);
            ctx.verbose(`${w.id}: ${(read.error as PpError).message}; trying again later`);
          } else if (verdict === 'final') {
            const error = toPpError(read.error);
            if (endsEverything(error)) throw error;
            w.error = error;
            await say(w);
          }
        }
        if (stopped || waiting().length === 0) break;
        if (!(await poll.next({ failed, retryAfterMs }))) {
          stopped = 'time';
          break;
        }
      }
    } catch (err) {
      if (!(err instanceof PpError && err.exitCode === ExitCode.interrupted)) throw err;
      stopped = 'interrupted';
    } finally {
      progress?.stop();
    }
    const left = waiting();
    if (stopped === 'interrupted' || ctx.signal.aborted) {
      // at once, and saying who was still waiting (the backstop in main.ts ends pp 1.5 s later)
      ctx.io.err(
        `${stoppedBy(ctx)} after ${elapsed(poll.elapsed)}: still waiting for ${left.map((w) => w.id).join(', ') || 'no account'}\n`,
      );
      return ExitCode.interrupted;
    }
    let out = '';
    for (const w of left) out += lines.line(w);
    if (out) await ctx.io.out(out);
    const back = watched.size - left.length - [...watched.values()].filter((w) => w.error).length;
    ctx.note(
      left.length === 0
        ? `${back} of ${watched.size} account${watched.size === 1 ? '' : 's'} ${opts.until} after ${elapsed(poll.elapsed)}`
        : `${back} of ${watched.size} ${opts.until} after ${elapsed(poll.elapsed)} (--max-wait ${formatDuration(opts.maxWait)}); still waiting for ${named(
            left.map((w) => w.id),
            10,
          )}`,
    );
    const codes = [...watched.values()].flatMap((w) => (w.error ? [w.error.exitCode] : []));
    if (left.length > 0) codes.push(ExitCode.stillWaiting);
    return healthExitCode([], codes, false);
  },
});

/**
 * Reads the accounts still waiting: each one (`GET /api/v1/accounts/{id}`, through the runner's
 * shared gate), or past 20 the accounts list, which names them all in one request per 250. Every
 * failure is handed back, with the round's signal, for the caller to judge.
 */
async function readRound(
  ctx: Context,
  waiting: readonly Watched[],
  signal: AbortSignal,
): Promise<(Read & { signal: AbortSignal })[]> {
  const reads: (Read & { signal: AbortSignal })[] = [];
  if (waiting.length > BY_LIST_OVER) {
    try {
      const client = await openClient(ctx, { signal });
      const named = new Set(waiting.map((w) => w.id));
      for await (const rows of listAccounts(ctx, client, named)) {
        for (const row of rows)
          reads.push(
            row.item ? { id: row.id, item: row.item, signal } : { id: row.id, error: row.error, signal },
          );
      }
    } catch (error) {
      // the list failed: every account waiting shares that failure this round
      const read = new Set(reads.map((r) => r.id));
      for (const w of waiting) if (!read.has(w.id)) reads.push({ id: w.id, error, signal });
    }
    return reads;
  }
  async function* ids(): AsyncGenerator<string> {
    for (const w of waiting) yield w.id;
  }
  await runMany<string, Read>(ctx, {
    items: ids(),
    concurrency: 4,
    signal,
    progress: false,
    async task(client, id) {
      try {
        const { data } = await client.fetchAccount(id);
        return { id, item: data };
      } catch (error) {
        return { id, error };
      }
    },
    failed: (read) => 'error' in read,
    async sink(read) {
      reads.push({ ...read, signal });
    },
  });
  // a deadline that fired before an account was even started leaves it unread: no answer this round
  for (const w of waiting)
    if (!reads.some((r) => r.id === w.id)) reads.push({ id: w.id, error: new DeadlineReached(), signal });
  return reads;
}

/** The line of each account as it gets there, or does not: its id (aligned), state and how long. */
function lineWriter(ctx: Context, ids: readonly string[], poll: Poll, until: string) {
  const widest = Math.min(
    60,
    ids.reduce((w, id) => Math.max(w, displayWidth(showable(ctx.io, id))), 2),
  );
  const p = painter(ctx.io.stdoutColor);
  return {
    line(w: Watched): string {
      const after = elapsed((w.reachedAt ?? ctx.clock.now()) - poll.started);
      const state = w.error ? 'unknown' : (w.health?.state ?? 'unknown');
      if (ctx.globals.json)
        return oneLine({
          account_id: w.id,
          type: w.type,
          name: w.name,
          health: w.error ? healthOf({ error: w.error }) : (w.health ?? null),
          reached: w.reachedAt !== undefined,
          waited_seconds: Math.round(((w.reachedAt ?? ctx.clock.now()) - poll.started) / 1000),
          ...(w.error ? { error: jsonError(w.error) } : {}),
        });
      const what = w.error
        ? `cannot be read: ${w.error.message}`
        : w.reachedAt !== undefined
          ? `after ${after}`
          : `not ${until} after ${after}`;
      const id = padEnd(showable(ctx.io, w.id), widest);
      return `${id}  ${p.tone(stateTone(state), padEnd(state, 13))} ${showable(ctx.io, what)}\n`;
    },
  };
}

/** The first `max` ids, then how many more: "acc_a, acc_b and 3 more". */
const named = (ids: readonly string[], max: number): string =>
  ids.slice(0, max).join(', ') + (ids.length > max ? ` and ${ids.length - max} more` : '');

/** "waiting for 2 of 5: acc_a, acc_b · next check in 8 s · 1 min 20 s of 10 min" */
function progressLine(ids: readonly string[], total: number, poll: Poll, checking: boolean): string {
  const next =
    checking || poll.nextAt === undefined
      ? 'checking'
      : `next check in ${elapsed(Math.max(0, poll.nextAt - (poll.started + poll.elapsed)))}`;
  return `waiting for ${ids.length} of ${total}: ${named(ids, NAMED)} · ${next} · ${elapsed(poll.elapsed)} of ${elapsed(poll.deadline - poll.started)}`;
}
