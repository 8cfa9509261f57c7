// `pp profile` with several ids or --from-file: many accounts in one run (the CLI contract, "Many accounts").
// Ids stream in from the arguments, then the file; the shared gate keeps at most --concurrency
// requests in flight and slows the whole run on a 429; results come out in input order as soon as
// the order allows, through a reorder buffer of bounded size, so memory stays flat for any length.
import { setMaxListeners } from 'node:events';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Client } from '../api/client.js';
import { RateGate } from '../api/gate.js';
import { openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { ExitCode, jsonError, PpError, toPpError, usageError } from '../errors.js';
import { type Health, healthOf, stateTone } from '../health.js';
import { accountHeader, accountRow, type Delimited, isDelimited } from '../output/delimited.js';
import { groupDigits } from '../output/format.js';
import { compact, maskedWarning, oneLine } from '../output/json.js';
import type { Tone } from '../output/model.js';
import { neutralize } from '../output/showable.js';
import { type SummaryRow, SummaryTable } from '../output/summary.js';
import { displayWidth, truncateMiddle } from '../output/width.js';
import { answeredExitCode, type Checked, checkedProfile, genericIdentity } from './inspect.js';
import type { ProfileOptions } from './profile.js';

export type Outcome =
  | {
      kind: 'ok';
      accountId: string;
      /** The body as received; kept only for --json. */
      body: string;
      provider: string;
      /** The provider's wire value (LINKEDIN), the csv/tsv type column. */
      type: string;
      name: string;
      /** `ok`, or the seat warnings. */
      state: string;
      tone: Tone;
      /** A schema mismatch or unknown provider, for standard error. */
      warning?: string | undefined;
      health: Health;
    }
  | { kind: 'failed'; accountId: string; error: PpError }
  | { kind: 'interrupted'; accountId: string };

type Printed = Exclude<Outcome, { kind: 'interrupted' }>;

/** How long a person's terminal waits for one row before the rows after it print (see runMany). */
const STUCK_MS = 3000;

export async function profiles(ctx: Context, ids: string[], opts: ProfileOptions): Promise<number> {
  const file = opts.fromFile === undefined ? undefined : await openIdFile(ctx, opts.fromFile);
  const json = ctx.globals.json;
  const delimited = isDelimited(ctx.globals.format) ? ctx.globals.format : undefined;
  const table = ctx.globals.format === 'table' ? await SummaryTable.load(ctx.io) : undefined;
  const tally = new Tally(opts.failOn === 'warning');
  let longestId = 0;
  // The ids as the runner pulls them: the table's widths come from those launched so far.
  async function* launched(): AsyncGenerator<string> {
    for await (const id of accountIds(ids, file, ctx.signal)) {
      longestId = Math.max(longestId, displayWidth(id));
      yield id;
    }
  }

  const { started, readError } = await runMany<string, Outcome>(ctx, {
    items: launched(),
    concurrency: opts.concurrency,
    maxWaitMs: opts.maxWait === undefined ? undefined : opts.maxWait * 1000,
    task: (client, accountId) => inspectAccount(ctx, client, accountId, json),
    failed: (outcome) => outcome.kind === 'failed',
    // On a terminal, the table does not wait for a stuck row: its place is marked, its row follows.
    mark:
      table && ctx.io.stdout.isTTY
        ? async (accountId, rateLimited, progress) => {
            progress?.clear();
            await ctx.io.out(table.placeholder(accountId, rateLimited, longestId));
          }
        : undefined,
    async sink(next, progress, ahead) {
      if (next.kind === 'interrupted') return;
      tally.add(next);
      // What pp exits with if standard output's reader leaves now (`… | head`, see main.ts): the
      // failures printed so far, not a clean 0.
      ctx.setExitCode(tally.exitCode());
      const warning = next.kind === 'ok' ? next.warning : undefined;
      // Rows on the same terminal, or a warning, would land on the progress line: clear it first
      // (its timer redraws it).
      if (ctx.io.stdout.isTTY || warning) progress?.clear();
      if (warning) await ctx.warn(warning);
      // Awaiting the write is the backpressure: a slow reader pauses the run, memory stays flat.
      await ctx.io.out(
        table
          ? table.row(summaryRow(next), longestId, () => {
              // what the table sizes its columns from when its first row prints (see summary.ts)
              const { results, pending } = ahead();
              const rows = results.filter((o): o is Printed => o.kind !== 'interrupted').map(summaryRow);
              return { rows, pending };
            })
          : delimited
            ? delimitedLine(delimited, next, tally.count === 1)
            : await ndjsonLine(ctx, next, progress),
      );
    },
  });

  // An emptied account list must not pass for a clean run (a morning check would say all is well).
  if (started === 0 && readError === undefined && !ctx.signal.aborted) {
    throw usageError(
      `no account ids in ${file?.name ?? 'the arguments'}`,
      'Give one account id a line; blank lines and # comments are skipped.',
    );
  }
  if (started > 0) ctx.io.err(tally.summary(ctx.signal.aborted ? started : undefined));
  if (ctx.signal.aborted) return ExitCode.interrupted;
  if (readError !== undefined) throw readError;
  return tally.exitCode();
}

/** What runMany does with each account: the task, and the sink its results go to in input order. */
export interface ManyAccounts<T, R> {
  /** The accounts in input order, pulled only as the window has room (memory stays flat). */
  items: AsyncIterable<T>;
  concurrency: number;
  /** --max-wait: the most the run waits out rate limits in all (then the waiting fail, exit 9). */
  maxWaitMs?: number | undefined;
  /**
   * Given, a result awaited STUCK_MS while later ones are done does not hold them back: `mark` is
   * called at its place (whether the run waits out a rate limit), and the result goes to the sink
   * when it finishes. For a person's terminal; pipes and --json keep strict input order.
   */
  mark?:
    | ((item: T, rateLimited: boolean, progress: { clear(): void } | undefined) => Promise<void>)
    | undefined;
  /** The work on one account; its requests go through `client`, which shares the run's gate. */
  task(client: Client, item: T): Promise<R>;
  /** Counts as a failure on the progress line. */
  failed(result: R): boolean;
  /**
   * Gets each result in input order, as soon as the order allows; awaiting it is the backpressure.
   * `ahead()`: the results finished after it, and whether more are to come.
   */
  sink(
    result: R,
    progress: { clear(): void } | undefined,
    ahead: () => { results: R[]; pending: boolean },
  ): Promise<void>;
}

/**
 * The many-accounts machinery, whatever the task: the shared gate keeps at most `concurrency`
 * requests in flight and paces the whole run after a 429, a window bounds how far the run reads
 * ahead, results reach the sink in input order, and a terminal gets a progress line. Returns how
 * many accounts were started, and the error reading the items ended with, if any.
 */
export async function runMany<T, R>(
  ctx: Context,
  run: ManyAccounts<T, R>,
): Promise<{ started: number; readError: unknown }> {
  const gate = new RateGate({
    concurrency: run.concurrency,
    pace: true,
    clock: ctx.clock,
    log: ctx.globals.verbose ? (line) => ctx.verbose(line) : undefined,
    maxWaitMs: run.maxWaitMs,
  });
  const client = await openClient(ctx, { gate });
  const progress = ctx.io.stderr.isTTY ? new Progress(ctx, gate) : undefined;
  // Wider than --concurrency so that one slow account does not stall the others (head-of-line
  // blocking); still small, so buffered results stay a few hundred at most.
  const windowSize = Math.max(64, run.concurrency * 8);
  // Each account in the window listens for Ctrl-C (at the gate, in a request or a retry's wait):
  // a known, bounded number of listeners, not the leak Node warns about past ten.
  setMaxListeners(2 * windowSize + 16, ctx.signal);

  const finished = new Map<number, R>();
  const wake = new Wakeup();
  let started = 0;
  let settled = 0;
  let printed = 0;
  let reading = true; // items may still come
  const ahead = () => ({ results: [...finished.values()], pending: reading || settled < started });
  const inFlight = new Map<number, T>(); // with `mark`: the items launched and not yet out
  const late = new Set<number>(); // items passed over: out when they finish
  let headSince = ctx.clock.now(); // since when the result to hand on next has been awaited
  let timer = false;

  // Hands on every result whose predecessors are all out; stops at the first unfinished one. With
  // `mark`, one awaited STUCK_MS while later ones are done (a rate limit's wait, a slow provider)
  // is passed over, its place marked, and handed on when it finishes.
  const printReady = async () => {
    for (const index of late) {
      const done = finished.get(index);
      if (done === undefined) continue;
      finished.delete(index);
      late.delete(index);
      inFlight.delete(index);
      await run.sink(done, progress, ahead);
    }
    for (;;) {
      const next = finished.get(printed);
      if (next !== undefined) {
        finished.delete(printed);
        inFlight.delete(printed);
        printed++;
        headSince = ctx.clock.now();
        await run.sink(next, progress, ahead);
        continue;
      }
      if (!run.mark || finished.size === 0 || !inFlight.has(printed)) break;
      const stuckFor = ctx.clock.now() - headSince;
      if (stuckFor < STUCK_MS) {
        if (!timer) {
          timer = true; // look again once it has been stuck that long
          ctx.clock.sleep(STUCK_MS - stuckFor, ctx.signal).then(
            () => {
              timer = false;
              print().catch(() => {});
            },
            () => {},
          );
        }
        break;
      }
      await run.mark(inFlight.get(printed)!, gate.waitingFor !== undefined, progress);
      late.add(printed);
      printed++;
      headSince = ctx.clock.now();
    }
  };
  // One printer at a time, started by each result as it comes, so a result is out as soon as the
  // order allows even while the next id is slow to arrive (ids piped in from a slow producer).
  let printing = Promise.resolve();
  const print = (): Promise<void> => {
    printing = printing.then(printReady);
    return printing;
  };

  const launch = (item: T) => {
    const index = started++;
    if (run.mark) inFlight.set(index, item);
    void run.task(client, item).then((result) => {
      finished.set(index, result);
      settled++;
      progress?.settled(run.failed(result));
      wake.notify();
      print().catch(() => {}); // a failure here is the main loop's to report: it awaits print() too
    });
  };

  progress?.start();
  let readError: unknown;
  try {
    for await (const item of run.items) {
      launch(item);
      await print();
      // The window is full: pull no more ids until the oldest result is out.
      while (started - printed >= windowSize && !ctx.signal.aborted) {
        await wake.wait();
        await print();
      }
      if (ctx.signal.aborted) break;
    }
  } catch (err) {
    readError = err;
  }
  reading = false;
  progress?.total(started);
  while (settled < started) {
    await wake.wait();
    await print();
  }
  await print();
  progress?.stop();
  return { started, readError };
}

export async function inspectAccount(
  ctx: Context,
  client: Client,
  accountId: string,
  json: boolean,
): Promise<Outcome> {
  try {
    const { body, data } = await client.fetchOwnProfile(accountId);
    return describeProfile(ctx, accountId, json ? body : '', data);
  } catch (err) {
    if (ctx.signal.aborted) return { kind: 'interrupted', accountId };
    const error = toPpError(err);
    error.accountId ??= accountId;
    return { kind: 'failed', accountId, error };
  }
}

/** The row of one profile; a schema mismatch is a warning, or a failure (exit 15) with --strict. */
function describeProfile(
  ctx: Context,
  accountId: string,
  body: string,
  data: Record<string, unknown>,
): Outcome {
  let checked: Checked;
  try {
    checked = checkedProfile(ctx.globals.strict, accountId, data);
  } catch (err) {
    return { kind: 'failed', accountId, error: toPpError(err) };
  }
  const { provider, providerId, warning } = checked;
  // A known provider's warnings are the state, in their short form ("Restricted by Telegram",
  // not the reason after the colon), so that the counts group alike accounts. The generic
  // identity's only warning says the provider is unknown, which the warning line has said.
  const identity = provider ? provider.describe(data).identity : genericIdentity(data);
  // Joined with " + ", so that the count line's ", " between states is its only separator.
  const seats = provider ? identity.warnings.map((w) => w.text.split(': ')[0]).join(' + ') : '';
  const health = healthOf({ warnings: provider ? identity.warnings : [] });
  return {
    kind: 'ok',
    accountId,
    body,
    provider: provider?.label ?? providerId,
    type: providerId,
    name: identity.name,
    state: seats || 'ok',
    tone: stateTone(health.state),
    health,
    warning: warning && (provider ? warning : `${warning}: counted as ok`),
  };
}

/** The summary table's row for an outcome. */
function summaryRow(outcome: Printed): SummaryRow {
  return outcome.kind === 'ok'
    ? { ...outcome, tone: outcome.tone }
    : {
        accountId: outcome.accountId,
        provider: '-',
        name: '-',
        state: failureState(outcome.error),
        tone: stateTone(healthOf({ error: outcome.error }).state),
      };
}

/** What the state column and the counts say about a failure: its type, else what kind it is. */
function failureState(error: PpError): string {
  if (error.type) return error.type;
  if (error.exitCode === ExitCode.network) return 'network';
  if (error.exitCode === ExitCode.invalidResponse) return 'invalid response';
  if (error.exitCode === ExitCode.rateLimited) return 'rate limited';
  if (error.status) return `HTTP ${error.status}`;
  return 'unexpected failure';
}

// ---- reading ids ----

export interface IdFile {
  name: string;
  input: Readable;
}

/** Opens --from-file before any request, so a wrong path fails at once (exit 2, naming it). */
export async function openIdFile(ctx: Context, path: string): Promise<IdFile> {
  if (path === '-') return { name: 'standard input', input: Readable.from(ctx.io.stdin) };
  try {
    const handle = await open(path);
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    return { name: path, input: handle.createReadStream() };
  } catch (err) {
    throw unreadable(path, err);
  }
}

function unreadable(name: string, err: unknown): PpError {
  const code = (err as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
  };
  const reason = (code && reasons[code]) ?? (err instanceof Error ? err.message : String(err));
  return usageError(
    `cannot read the account list ${name}: ${reason}`,
    'Pass a readable file with one account id a line to --from-file, or - for standard input.',
  );
}

/**
 * The ids to inspect, streamed: arguments first, then the file's lines with whitespace trimmed,
 * blank lines and `#` comments (whole-line, or after a space) skipped, and each id once. The set of
 * ids seen is the only thing that grows with the list: short strings, a few MB for 100,000.
 */
export async function* accountIds(
  args: string[],
  file: IdFile | undefined,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const seen = new Set<string>();
  const fresh = (id: string): boolean => {
    if (id === '' || seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  for (const arg of args) {
    const id = arg.trim();
    if (fresh(id)) yield id;
  }
  if (!file) return;
  const stop = () => file.input.destroy();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of linesOf(file)) {
      if (signal.aborted) return;
      const id = line.replace(/(^|\s)#.*$/, '').trim();
      if (fresh(id)) yield id;
    }
  } catch (err) {
    if (err instanceof PpError) throw err;
    if (!signal.aborted) throw unreadable(file.name, err);
  } finally {
    signal.removeEventListener('abort', stop);
    file.input.destroy();
  }
}

/** Longer than this, a line is no account id: a file with no line breaks (/dev/zero) must not fill memory. */
const MAX_LINE = 4096;

/**
 * The lines of an id file (LF or CRLF). Not node:readline, which has no limit: it grew one line of
 * /dev/zero to ~630 MB before Node gave up with a RangeError.
 */
async function* linesOf(file: IdFile): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const tooLong = (number: number) =>
    usageError(
      `line ${number} of ${file.name} is longer than ${MAX_LINE} characters: that is no account id`,
      'Give one account id a line.',
    );
  let pending = '';
  let number = 1;
  const line = (text: string): string => {
    if (text.length > MAX_LINE) throw tooLong(number);
    number++;
    return text.replace(/\r$/, '');
  };
  for await (const chunk of file.input as AsyncIterable<Buffer | string>) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const text = pending.slice(0, end);
      pending = pending.slice(end + 1);
      yield line(text);
    }
    if (pending.length > MAX_LINE) throw tooLong(number);
  }
  pending += decoder.decode();
  if (pending !== '') yield line(pending);
}

// ---- output ----

/**
 * One NDJSON line. The profile is the server's body spliced in as it came, only put on one line:
 * JSON.parse + stringify would round big numbers and rewrite 1.0 as 1 (see json.ts). A string
 * holding the key is rewritten masked, with a warning.
 */
async function ndjsonLine(
  ctx: Context,
  outcome: Printed,
  progress: { clear(): void } | undefined,
): Promise<string> {
  if (outcome.kind === 'ok') {
    const head = `{"account_id":${JSON.stringify(outcome.accountId)},"ok":true,"health":${JSON.stringify(outcome.health)}`;
    const profile = compact(outcome.body, ctx.io);
    if (profile.masked) {
      progress?.clear(); // the warning would land on the progress line
      await ctx.warn(maskedWarning(outcome.accountId));
    }
    return `${head},"profile":${profile.text}}\n`;
  }
  return oneLine({ account_id: outcome.accountId, ok: false, error: jsonError(outcome.error) });
}

/** The csv/tsv row of an outcome, after the header when it is the first. */
function delimitedLine(format: Delimited, outcome: Printed, first: boolean): string {
  const row =
    outcome.kind === 'ok'
      ? accountRow(format, { id: outcome.accountId, ...outcome })
      : accountRow(format, {
          id: outcome.accountId,
          type: '',
          name: '',
          health: healthOf({ error: outcome.error }),
        });
  return first ? accountHeader(format) + row : row;
}

/** The count of each state, and the exit code they add up to. */
class Tally {
  readonly #states = new Map<string, number>([['ok', 0]]);
  readonly #failureCodes = new Set<number>();
  #count = 0;
  get count(): number {
    return this.#count;
  }
  /** Some account answered with warnings: exit 17 with --fail-on warning, when nothing failed. */
  #warned = false;

  constructor(private readonly failOnWarning: boolean) {}

  add(outcome: Printed): void {
    this.#count++;
    if (outcome.kind === 'ok' && answeredExitCode(outcome.health, this.failOnWarning) !== ExitCode.ok)
      this.#warned = true;
    const state = outcome.kind === 'ok' ? outcome.state : failureState(outcome.error);
    this.#states.set(state, (this.#states.get(state) ?? 0) + 1);
    if (outcome.kind === 'failed') this.#failureCodes.add(outcome.error.exitCode);
  }

  /** e.g. "3 accounts: 2 ok, 1 errors/disconnected_account". */
  summary(interruptedOf?: number): string {
    const counts = [...this.#states]
      .filter(([state, n]) => n > 0 || (state === 'ok' && this.#count === 0))
      .map(([state, n]) => `${n} ${neutralize(state)}`)
      .join(', ');
    const accounts = `${this.#count} account${this.#count === 1 ? '' : 's'}`;
    return interruptedOf === undefined
      ? `${accounts}: ${counts}\n`
      : `interrupted: ${accounts} of ${interruptedOf} started: ${counts}\n`;
  }

  /** 0 when all succeeded (17 if one warned, with --fail-on warning); the shared code when every failure has the same one; else 16. */
  exitCode(): number {
    if (this.#failureCodes.size === 0) return this.#warned ? ExitCode.warnings : ExitCode.ok;
    if (this.#failureCodes.size === 1) return [...this.#failureCodes][0]!;
    return ExitCode.mixed;
  }
}

/** The progress line on a terminal's standard error, redrawn in place. */
class Progress {
  #stopTimer: (() => void) | undefined;
  #removeExitHook: (() => void) | undefined;
  #drawn = false;
  #done = 0;
  #failed = 0;
  #total: number | undefined;
  /** Recent (time, requests started) pairs, for a rate over the last couple of seconds. */
  readonly #samples: [number, number][] = [];

  constructor(
    private readonly ctx: Context,
    private readonly gate: RateGate,
  ) {}

  start(): void {
    this.#stopTimer = this.ctx.clock.every(250, () => this.draw());
    // Also when pp exits early (standard output's reader left): the prompt must not land on the line.
    this.#removeExitHook = this.ctx.onExit(() => this.clear());
  }

  settled(failed: boolean): void {
    this.#done++;
    if (failed) this.#failed++;
  }

  /** Known once every id has been read. */
  total(n: number): void {
    this.#total = n;
  }

  draw(): void {
    const now = this.ctx.clock.now();
    this.#samples.push([now, this.gate.started]);
    if (this.#samples.length > 8) this.#samples.shift();
    const [t0, r0] = this.#samples[0]!;
    const rate = now > t0 ? ((this.gate.started - r0) * 1000) / (now - t0) : 0;
    const n = groupDigits; // not toLocaleString: its first call loads ICU data (~20 ms)
    const done = this.#total === undefined ? `${n(this.#done)} done` : `${n(this.#done)}/${n(this.#total)}`;
    const paused = this.gate.pausedFor;
    const by = this.gate.waitingFor;
    const pace =
      paused > 0
        ? `waiting ${Math.ceil(paused / 1000)} s: rate limited${by ? ` (${truncateMiddle(by, 24)})` : ''}`
        : `${rate.toFixed(1)} req/s`;
    this.ctx.io.err(`\r\u001b[K${done} · ${n(this.#failed)} failed · ${pace}`);
    this.#drawn = true;
  }

  clear(): void {
    if (this.#drawn) this.ctx.io.err('\r\u001b[K');
    this.#drawn = false;
  }

  stop(): void {
    this.#stopTimer?.();
    this.#removeExitHook?.();
    this.clear();
  }
}

/** Wakes the main loop when a result arrives; a wake-up that comes before the wait is not lost. */
class Wakeup {
  #pending = false;
  #resolve: (() => void) | undefined;

  notify(): void {
    this.#pending = true;
    this.#resolve?.();
    this.#resolve = undefined;
  }

  async wait(): Promise<void> {
    if (!this.#pending) await new Promise<void>((resolve) => (this.#resolve = resolve));
    this.#pending = false;
  }
}
