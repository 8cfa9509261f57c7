// Every failure pp reports is a PpError: a kind, an exit code and words for a person.
// Commands throw them; only cli.ts prints them and turns them into an exit code.
import { utc } from './output/format.js';

export const ExitCode = {
  ok: 0,
  bug: 1,
  usage: 2,
  config: 3,
  auth: 4,
  disconnected: 5,
  forbidden: 6,
  notFound: 7,
  rejected: 8,
  rateLimited: 9,
  server: 10,
  notImplemented: 11,
  unavailable: 12,
  gatewayTimeout: 13,
  network: 14,
  invalidResponse: 15,
  mixed: 16,
  /** `--fail-on warning`: every account answered, at least one with health warning or connecting. */
  warnings: 17,
  /** `pp accounts wait` (and `resync --wait`): the time ran out before every account got there. */
  stillWaiting: 18,
  interrupted: 130,
  /** SIGTERM, a scheduler's timeout (cron, systemd, CI): handled like Ctrl-C, with the code of its signal. */
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Codes where trying again later may succeed (the CLI contract). */
export const transientCodes: ReadonlySet<number> = new Set([
  ExitCode.rateLimited,
  ExitCode.unavailable,
  ExitCode.gatewayTimeout,
  ExitCode.network,
]);

export interface PpErrorInit {
  exitCode: ExitCode;
  /** One line naming the problem. */
  message: string;
  detail?: string | undefined;
  hint?: string | undefined;
  status?: number | null | undefined;
  type?: string | null | undefined;
  title?: string | undefined;
  accountId?: string | undefined;
  /** Seconds the server asked us to wait, when it said. */
  retryAfter?: number | undefined;
  /** The server's id of the request (its error body, or x-request-id): what support asks for. */
  requestId?: string | undefined;
}

export class PpError extends Error {
  readonly exitCode: ExitCode;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly status: number | null;
  readonly type: string | null;
  readonly title: string | undefined;
  readonly retryAfter: number | undefined;
  readonly requestId: string | undefined;
  accountId: string | undefined;

  constructor(init: PpErrorInit) {
    super(init.message);
    this.name = 'PpError';
    this.exitCode = init.exitCode;
    this.detail = init.detail;
    this.hint = init.hint;
    this.status = init.status ?? null;
    this.type = init.type ?? null;
    this.title = init.title;
    this.accountId = init.accountId;
    this.retryAfter = init.retryAfter;
    this.requestId = init.requestId;
  }

  get retryable(): boolean {
    return transientCodes.has(this.exitCode);
  }

  /** The same failure, some of it said otherwise (a hint that knows more, the page it was on). */
  with(changes: Partial<PpErrorInit>): PpError {
    const { exitCode, message, detail, hint, status, type, title, accountId, retryAfter, requestId } = this;
    const init = { exitCode, message, detail, hint, status, type, title, accountId, retryAfter, requestId };
    return new PpError({ ...init, ...changes });
  }
}

/**
 * "Try again in 30 s (after 2026-11-30T06:00:30.000Z)." A wait too far off to be a date (a server
 * may say Retry-After: 99999999999999) is given in seconds alone: toISOString would throw.
 */
export function retryHint(seconds: number, now: number): string {
  // to the whole second up, in the words of the rest of the output (2026-11-30 04:57:39 UTC)
  const at = new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000);
  return Number.isNaN(at.getTime())
    ? `Try again in ${seconds} s.`
    : `Try again in ${seconds} s (after ${utc(at)}).`;
}

export const usageError = (message: string, hint?: string): PpError =>
  new PpError({ exitCode: ExitCode.usage, message, hint });

export const configError = (message: string, hint?: string, detail?: string): PpError =>
  new PpError({ exitCode: ExitCode.config, message, hint, detail });

/** Ctrl-C; `accountId` when it stopped a request for that account. */
export const interrupted = (accountId?: string): PpError =>
  new PpError({ exitCode: ExitCode.interrupted, message: 'interrupted', accountId });

/** SIGTERM stopped the command (what Ctrl-C's `interrupted` is, told apart for the scheduler that sent it). */
export const terminated = (): PpError =>
  new PpError({ exitCode: ExitCode.terminated, message: 'terminated (SIGTERM)' });

/** Any thrown value as a PpError: ours as they are, anything else as a bug (exit 1). */
export function toPpError(err: unknown, hint?: string): PpError {
  if (err instanceof PpError) return err;
  return new PpError({
    exitCode: ExitCode.bug,
    message: `unexpected failure: ${err instanceof Error ? err.message : String(err)}`,
    hint,
  });
}

/** The `--json` form of an error (the CLI contract): `{"error": jsonError(e)}` on standard error. */
export function jsonError(error: PpError): Record<string, unknown> {
  return {
    status: error.status,
    type: error.type,
    title: error.title ?? error.message,
    detail: error.detail ?? null,
    exit_code: error.exitCode,
    retryable: error.retryable,
    account_id: error.accountId ?? null,
    // what support asks for, from the error's body or the x-request-id header (null where none)
    request_id: error.requestId ?? null,
    // seconds the server asked to wait (Retry-After), when it said: a script can sleep that long
    retry_after: error.retryAfter ?? null,
  };
}

/** Whether the command line asks for --json (only before `--`: after it every word is an operand). */
export function jsonAsked(argv: readonly string[]): boolean {
  const dashes = argv.indexOf('--');
  return (dashes === -1 ? argv : argv.slice(0, dashes)).includes('--json') || formatAsked(argv) === 'json';
}

/** The --format the command line asks for, read as commander will (the last one wins), if any. */
export function formatAsked(argv: readonly string[]): string | undefined {
  const dashes = argv.indexOf('--');
  const words = dashes === -1 ? argv : argv.slice(0, dashes);
  let format: string | undefined;
  words.forEach((word, i) => {
    if (word === '--format') format = words[i + 1];
    else if (word.startsWith('--format=')) format = word.slice('--format='.length);
  });
  return format;
}
