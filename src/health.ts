// One health model (CLI.md, "Health") for every command that judges an account, so that a person
// and a script read the same verdict: what the accounts list says of its sources, what the profile
// warned about when it was read, and how the check itself failed, in; one state and its reasons out.
import { errorCatalogue, errorName } from './api/catalogue.js';
import { ExitCode, type PpError } from './errors.js';
import { groupDigits } from './output/format.js';
import {
  type Health,
  type HealthReason,
  type HealthState,
  healthStates,
  stateRank,
  stateTone,
  type Warning,
} from './output/model.js';

// The vocabulary (the states, a verdict's shape, a state's colour and rank) lives with the output's
// data model, which prints it and must not import this module, that reads the API's error
// catalogue; it is exported from here too, where the model is.
export { type Health, type HealthReason, type HealthState, healthStates, stateRank, stateTone };

export interface HealthInput {
  /** The account's sources from the accounts list; absent when they were not read. */
  sources?: readonly { status: string }[] | undefined;
  /** A known provider's profile warnings, when `users/me` was read. */
  warnings?: readonly Pick<Warning, 'code' | 'text'>[] | undefined;
  /** How the check failed, if it did. */
  error?: PpError | undefined;
}

interface Finding extends HealthReason {
  state: HealthState;
}

// accounts.md's table of source statuses: what each means and what the owner should do.
const sourceFindings: Readonly<Record<string, Finding>> = {
  CONNECTING: {
    state: 'connecting',
    code: 'source_connecting',
    text: 'A source is still connecting. Wait: this is usually transient; reconnect the account if it lasts.',
  },
  CREDENTIALS: {
    state: 'action_needed',
    code: 'source_credentials',
    text: 'A source needs its credentials refreshed. Reconnect the account (new credentials), or solve its checkpoint.',
  },
  PERMISSIONS: {
    state: 'action_needed',
    code: 'source_permissions',
    text: 'A source lacks permissions on the host device. Grant them on the device, then reconnect the account.',
  },
  ERROR: {
    state: 'stopped',
    code: 'source_error',
    text: 'A source was stopped by an error. Restart or reconnect the account; contact support if it persists.',
  },
  STOPPED: {
    state: 'stopped',
    code: 'source_stopped',
    text: 'A source has been stopped. Restart it in postpress, or check the workspace’s plan and subscription.',
  },
};

const noSource: Finding = {
  state: 'stopped',
  code: 'no_source',
  text: 'The account runs no source, so nothing is running. Restart or reconnect it.',
};

/** Unknown statuses named in a reason; the rest are counted (100,000 of them made a 1.5 MB reason). */
const NAMED_STATUSES = 5;

/** Any status accounts.md does not list needs attention (it says so); the statuses are named. */
function unknownSources(statuses: ReadonlySet<string>): Finding {
  const named = [...statuses]
    .slice(0, NAMED_STATUSES)
    .map((s) => JSON.stringify(s))
    .join(', ');
  const others = statuses.size - NAMED_STATUSES;
  const which =
    statuses.size === 1
      ? `the status ${named}`
      : `the statuses ${named}${others > 0 ? ` and ${groupDigits(others)} more` : ''}`;
  return {
    state: 'action_needed',
    code: 'source_unknown',
    text: `A source reports ${which}, which pp does not know. Check the account in postpress.`,
  };
}

/** One finding per distinct problem: each listed status once, every unknown status in one. */
function fromSources(sources: readonly { status: string }[]): Finding[] {
  if (sources.length === 0) return [noSource];
  const found = new Map<string, Finding>();
  // a set: 100,000 sources of as many unknown statuses took 16 s through an array's includes()
  const unknown = new Set<string>();
  for (const { status } of sources) {
    if (status === 'OK') continue;
    const known = Object.hasOwn(sourceFindings, status) ? sourceFindings[status] : undefined;
    if (known) found.set(known.code, known);
    else unknown.add(status);
  }
  return unknown.size > 0 ? [...found.values(), unknownSources(unknown)] : [...found.values()];
}

// What to do about each warning a provider gives; the warning's own text says what is wrong.
const warningAdvice: Readonly<Record<string, string>> = {
  recruiter_disconnected: 'Reconnect the Recruiter seat in postpress.',
  recruiter_multiple_sessions: 'Reconnect the account with the cookie connection method.',
  sales_navigator_disconnected: 'Reconnect the Sales Navigator seat in postpress.',
  telegram_restricted: 'Check the account in Telegram; only Telegram can lift the restriction.',
  telegram_deleted: 'The Telegram user is gone: remove the account from postpress or link another.',
  telegram_fake: 'Check the account in Telegram; contact Telegram support if the flag is wrong.',
  twitter_protected:
    'Only approved followers see its posts; unprotect them in Twitter’s settings if unintended.',
  twitter_withheld: 'Its posts are hidden in those countries; see Twitter’s notice for the reason.',
};
const otherWarningAdvice = 'Check the account on the provider’s own site.';

function fromWarnings(warnings: readonly Pick<Warning, 'code' | 'text'>[]): Finding[] {
  const found = new Map<string, Finding>();
  for (const { code, text } of warnings) {
    if (found.has(code)) continue;
    const advice = Object.hasOwn(warningAdvice, code) ? warningAdvice[code] : otherWarningAdvice;
    found.set(code, { state: 'warning', code, text: `${text.replace(/\.$/, '')}. ${advice}` });
  }
  return [...found.values()];
}

// A failure with no error type is named by its kind (CLI.md: network, rate limited, invalid response).
const failureKinds: ReadonlyMap<number, string> = new Map([
  [ExitCode.network, 'network'],
  [ExitCode.rateLimited, 'rate_limited'],
  [ExitCode.invalidResponse, 'invalid_response'],
  [ExitCode.interrupted, 'interrupted'],
]);

function failureCode(error: PpError): string {
  if (error.type) return error.type;
  const kind = failureKinds.get(error.exitCode);
  if (kind) return kind;
  return error.status ? `http_${error.status}` : 'unexpected';
}

/** Exit 5 means the owner must act: the catalogue's hint says how. Anything else: the check failed. */
function fromError(error: PpError): Finding {
  const code = failureCode(error);
  if (error.exitCode === ExitCode.disconnected) {
    const name = errorName(error.type);
    const info = name && Object.hasOwn(errorCatalogue, name) ? errorCatalogue[name] : undefined;
    const hint = info?.hint ?? error.hint ?? 'Reconnect the account in postpress.';
    return { state: 'action_needed', code, text: `${info?.title ?? error.message}: ${hint}` };
  }
  const what = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  return { state: 'unknown', code, text: error.hint ? `${what}. ${error.hint}` : `${what}.` };
}

const reason = ({ code, text }: Finding): HealthReason => ({ code, text });
const isOk = (source: { status: string }): boolean => source.status === 'OK';

/**
 * What pp itself does about a reason: reconnect the account (a hosted link), solve its checkpoint,
 * or wait for it to connect.
 */
export type Fix = 'reconnect' | 'checkpoint' | 'wait';

// The reasons whose text says to reconnect the account or solve its checkpoint (CLI.md, "The hints
// say the command"): pp accounts reconnect and pp accounts checkpoint do it; a connecting account
// is waited for first (pp accounts wait), and reconnected if that lasts.
const fixes: Readonly<Record<string, readonly Fix[]>> = {
  source_connecting: ['wait', 'reconnect'],
  source_credentials: ['reconnect', 'checkpoint'],
  source_permissions: ['reconnect'],
  source_error: ['reconnect'],
  no_source: ['reconnect'],
  'errors/disconnected_account': ['reconnect'],
  'errors/expired_credentials': ['reconnect'],
  'errors/checkpoint_error': ['reconnect'],
  'errors/multiple_sessions': ['reconnect'],
  'errors/wrong_account': ['reconnect'],
  'errors/expired_link': ['reconnect'],
  'errors/session_mismatch': ['reconnect'],
  'errors/invalid_checkpoint_solution': ['checkpoint'],
};

/** What pp does about a reason (or an error type), if anything. */
export const fixesOf = (code: string | null | undefined): readonly Fix[] =>
  code && Object.hasOwn(fixes, code) ? fixes[code]! : [];

/** Past this many accounts, a reason's reconnect command is --needing rather than every id. */
export const FIX_IDS = 10;

/**
 * The pp commands that do what a reason says, for the accounts that have it (`ids`, the first of
 * `count`): `pp accounts reconnect` with their ids (--needing past FIX_IDS of them), `pp accounts
 * wait` with their ids (when they are all known), and `pp accounts checkpoint` for each (one
 * account at a time; the first three). `pp` is the command as it must be typed here (with
 * --sandbox or --profile, when this run had them).
 */
export function fixCommands(code: string, ids: readonly string[], count = ids.length, pp = 'pp'): string[] {
  const lines: string[] = [];
  for (const fix of fixesOf(code)) {
    if (fix === 'wait') {
      if (count <= ids.length) lines.push(`${pp} accounts wait ${ids.join(' ')}`);
    } else if (fix === 'reconnect')
      lines.push(
        count > ids.length || ids.length > FIX_IDS
          ? `${pp} accounts reconnect --needing`
          : `${pp} accounts reconnect ${ids.join(' ')}`,
      );
    else for (const id of ids.slice(0, 3)) lines.push(`${pp} accounts checkpoint ${id}`);
  }
  return lines;
}

/** What one source's status means for the account and what to do, or nothing for `OK`. */
export function sourceReason(status: string): (HealthReason & { state: HealthState }) | undefined {
  if (status === 'OK') return undefined;
  return Object.hasOwn(sourceFindings, status) ? sourceFindings[status] : unknownSources(new Set([status]));
}

/** The health of every account with nothing to say: one object, never changed, shared by them all. */
const healthy: Health = Object.freeze({ state: 'ok', reasons: Object.freeze([]) });

/**
 * The verdict on one account. An error decides the state on its own (the check failed, or the owner
 * must act); otherwise the worst of the sources and the warnings wins, and with nothing known the
 * account is ok. Reasons: the error's first, then the others worst first, each code once.
 */
export function healthOf(input: HealthInput): Health {
  // Most accounts of a list: every source OK, nothing else known. Said at once, without the
  // findings' maps and arrays (10,000 accounts of pp accounts --json spent ~20 ms building them).
  const { sources } = input;
  if (!input.error && !input.warnings && sources && sources.length > 0 && sources.every(isOk)) return healthy;
  const others = [
    ...(input.sources ? fromSources(input.sources) : []),
    ...(input.warnings ? fromWarnings(input.warnings) : []),
  ].sort((a, b) => stateRank(b.state) - stateRank(a.state)); // stable: equals keep their order
  if (input.error) {
    const failed = fromError(input.error);
    return { state: failed.state, reasons: [failed, ...others].map(reason) };
  }
  return { state: others[0]?.state ?? 'ok', reasons: others.map(reason) };
}

/**
 * The exit code of a health check over several accounts (CLI.md, exit codes 5, 16 and 17).
 * `errorCodes` are the exit codes of the checks that failed (one per `unknown` account; others are
 * harmless). Failures decide first: action_needed and stopped are 5, an unknown is its error's code;
 * one shared code is the answer, different ones are 16. Only when nothing failed do warning and
 * connecting count: 17 with `failOnWarning`, else 0. Takes iterables, so a caller can stream.
 */
export function healthExitCode(
  healths: Iterable<Health>,
  errorCodes: Iterable<number>,
  failOnWarning: boolean,
): number {
  const failures = new Set<number>();
  let unknown = false;
  let warned = false;
  for (const { state } of healths) {
    if (state === 'action_needed' || state === 'stopped') failures.add(ExitCode.disconnected);
    else if (state === 'unknown') unknown = true;
    else if (state === 'warning' || state === 'connecting') warned = true;
  }
  let given = false;
  for (const code of errorCodes) {
    if (code === ExitCode.ok) continue;
    failures.add(code);
    given = true;
  }
  // An unknown whose error code was not passed must not pass for success: it is a caller's bug.
  if (unknown && !given) failures.add(ExitCode.bug);
  if (failures.size === 1) return [...failures][0]!;
  if (failures.size > 1) return ExitCode.mixed;
  return warned && failOnWarning ? ExitCode.warnings : ExitCode.ok;
}

/**
 * The accounts of a run counted by state, and the exit code they add up to (healthExitCode): one
 * tally for pp accounts, pp status and many-account pp profile. Memory stays flat: a count per
 * state and the set of error codes seen.
 */
export class HealthTally {
  readonly counts = new Map<HealthState, number>(healthStates.map((s) => [s, 0]));
  readonly #errorCodes = new Set<number>();
  total = 0;

  /**
   * Counts one account (`errorCode`: how its check failed, for an unknown one). True when the
   * run's exit code may have changed: a state or an error code seen for the first time.
   */
  add(health: Health, errorCode?: number): boolean {
    this.total++;
    const seen = this.counts.get(health.state) ?? 0;
    this.counts.set(health.state, seen + 1);
    const fresh = errorCode !== undefined && !this.#errorCodes.has(errorCode);
    if (errorCode !== undefined) this.#errorCodes.add(errorCode);
    return seen === 0 || fresh;
  }

  exitCode(failOnWarning: boolean): number {
    // one Health of each state seen: all healthExitCode reads of them
    const present = [...this.counts].filter(([, n]) => n > 0).map(([state]) => ({ state, reasons: [] }));
    return healthExitCode(present, this.#errorCodes, failOnWarning);
  }

  /**
   * The counts and their line, "12 accounts: 7 ok, 1 connecting, 2 action_needed, 2 stopped" (the
   * states that occur); with `listed`, a filtered run says of how many in the workspace.
   */
  summary(listed?: number): { counts: ReadonlyMap<HealthState, number>; line: string } {
    const parts = [...this.counts].filter(([, n]) => n > 0).map(([state, n]) => `${n} ${state}`);
    const accounts = `${this.total} account${this.total === 1 ? '' : 's'}`;
    const of = listed === undefined ? '' : ` (of ${listed} in the workspace)`;
    return {
      counts: this.counts,
      line: `${accounts}${of}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`,
    };
  }
}
