// Who an account's owner is (`GET /api/v1/users/me`), for whoami, profile and status --deep: fetch
// one profile, validate it against its provider's schema (tolerant by default: a mismatch is a
// warning naming the path; --strict makes it exit 15), and judge it by the one health model; for
// one account, print it as received (--json) or as the command lays it out.
import { accountTypes } from '../api/account.js';
import type { Client } from '../api/client.js';
import { openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { ExitCode, PpError, toPpError, usageError } from '../errors.js';
import { type Health, healthOf, stateTone } from '../health.js';
import { join, text } from '../output/format.js';
import { maskedWarning, reindent } from '../output/json.js';
import type { Field, Identity, Section } from '../output/model.js';
import { showable, showableData } from '../output/showable.js';
import { checkProfile, genericSections } from '../providers/index.js';
import type { Provider } from '../providers/types.js';

export interface Checked {
  provider: Provider | undefined;
  /** The wire value, e.g. "LINKEDIN", known or not. */
  providerId: string;
  /** An unknown provider, or a profile that does not match its schema: for standard error. */
  warning?: string | undefined;
}

/**
 * Checks a profile against its provider's schema: tolerant by default (a mismatch is a warning
 * naming each path), a failure with --strict (exit 15). Shared by one account and many.
 */
export function checkedProfile(strict: boolean, accountId: string, data: Record<string, unknown>): Checked {
  const { provider, issues } = checkProfile(data);
  const providerId = String(data.provider);
  if (!provider)
    return {
      provider,
      providerId,
      warning: `unknown provider ${JSON.stringify(providerId)} for ${accountId}`,
    };
  if (issues.length === 0) return { provider, providerId };
  const lines = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('\n  ');
  if (strict) {
    throw new PpError({
      exitCode: ExitCode.invalidResponse,
      message: `invalid response: the ${provider.label} profile does not match its schema (--strict)`,
      detail: lines,
      hint: 'Run without --strict to see the profile anyway.',
      accountId,
    });
  }
  return {
    provider,
    providerId,
    warning: `the ${provider.label} profile of ${accountId} does not match the documented schema:\n  ${lines}`,
  };
}

/**
 * The account a one-account command is about (one rule for whoami and profile): the one given,
 * else PP_ACCOUNT_ID, else the profile's default. An empty one given (an unset variable, `"$ACC"`)
 * must not quietly become another account: that would show someone else.
 */
export function chooseAccount(ctx: Context, given: string | undefined, what: string): string {
  if (given !== undefined && given.trim() === '') {
    throw usageError(
      `${what} is empty`,
      'Pass an account id (acc_…), or leave it out to use PP_ACCOUNT_ID or the default account.',
    );
  }
  const account = ctx.settings.account(given);
  if (!account) {
    throw usageError(
      'no account given',
      'Pass it (pp whoami acc_… or --account acc_…), set PP_ACCOUNT_ID, or store a default with `pp config set-account acc_…`.',
    );
  }
  return account.value;
}

/** A best guess at who an account of a provider pp does not know yet is. */
export function genericIdentity(data: Record<string, unknown>): Identity {
  const pick = (...keys: string[]) => keys.map((k) => text(data[k])).find((v) => v !== undefined && v !== '');
  const handle = pick('email', 'username', 'screen_name');
  return {
    name:
      pick('display_name', 'name', 'full_name') ??
      join(' ', data.first_name, data.last_name) ??
      handle ??
      String(data.provider),
    handle,
    details: [],
    warnings: [
      {
        code: 'unknown_provider',
        text: `pp does not know the provider ${String(data.provider)} yet; see \`pp profile\``,
      },
    ],
  };
}

export interface Described {
  /** "LinkedIn", or the wire value of a provider pp does not know. */
  label: string;
  identity: Identity;
  sections: Section[];
  /** The verdict on the account from its profile: ok, or warning with the provider's warnings. */
  health: Health;
}

/** What pp shows of a profile, whether it knows the provider or not. */
export function describe(
  { provider, providerId }: Checked,
  data: Record<string, unknown>,
  now?: number,
): Described {
  // A provider pp does not know is no warning about the account (its note goes to standard error).
  if (!provider)
    return {
      label: providerId,
      identity: genericIdentity(data),
      sections: genericSections(data),
      health: healthOf({ warnings: [] }),
    };
  const described = provider.describe(data, now);
  return { label: provider.label, ...described, health: healthOf({ warnings: described.identity.warnings }) };
}

/** The health as label/value lines for a person: the state, then each reason with what to do. */
export function healthFields(health: Health, label = 'Health'): Field[] {
  const tone = stateTone(health.state);
  return [
    { label, value: health.state, tone },
    ...health.reasons.map((r): Field => ({ label: '', value: r.text, tone })),
  ];
}

/** The exit code of one account that answered: 17 with --fail-on warning when it warned. */
export const answeredExitCode = (health: Health, failOnWarning: boolean): number =>
  failOnWarning && (health.state === 'warning' || health.state === 'connecting')
    ? ExitCode.warnings
    : ExitCode.ok;

/** Fetches and checks one account, then prints the body as received (--json) or `render`'s text. */
export async function showOne(
  ctx: Context,
  accountId: string,
  failOnWarning: boolean,
  render: (described: Described) => Promise<string>,
): Promise<number> {
  const client = await openClient(ctx);
  const { body, data } = await client.fetchOwnProfile(accountId);
  const inspected = checkedProfile(ctx.globals.strict, accountId, data);
  if (inspected.warning)
    await ctx.warn(
      inspected.provider ? inspected.warning : `${inspected.warning}: showing its fields as they came`,
    );
  if (ctx.globals.json) {
    const laid = reindent(body, ctx.io);
    if (laid.masked) await ctx.warn(maskedWarning(accountId));
    await ctx.io.out(`${laid.text}\n`);
    // an unknown provider's health is ok whatever its fields: they are not described (walking
    // them, as genericSections does, would overflow on a deeply nested one)
    return inspected.provider
      ? answeredExitCode(describe(inspected, data).health, failOnWarning)
      : ExitCode.ok;
  }
  // checked as received, shown made safe for a terminal (see showable.ts)
  const shown = describe(
    { ...inspected, providerId: showable(ctx.io, inspected.providerId) },
    showableData(ctx.io, data) as Record<string, unknown>,
    ctx.clock.now(), // times read by a person get how long ago they were
  );
  await ctx.io.out(await render(shown));
  return answeredExitCode(shown.health, failOnWarning);
}

/** One account of a run of many: its profile and verdict, how reading it failed, or Ctrl-C. */
export type Outcome =
  | {
      kind: 'ok';
      accountId: string;
      /** The body as received; kept only for --json. */
      body: string;
      /** The provider's wire value (LINKEDIN), the TYPE of its row. */
      type: string;
      name: string;
      /** A schema mismatch, for standard error. */
      warning?: string | undefined;
      /** A provider pp has never heard of (not an account type of the list either): said once a run. */
      unknownProvider?: string | undefined;
      health: Health;
    }
  | { kind: 'failed'; accountId: string; error: PpError }
  | { kind: 'interrupted'; accountId: string };

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
  // The generic identity's only warning says the provider is unknown: no warning about the account.
  const identity = provider ? provider.describe(data).identity : genericIdentity(data);
  const health = healthOf({ warnings: provider ? identity.warnings : [] });
  return {
    kind: 'ok',
    accountId,
    body,
    type: providerId,
    name: identity.name,
    health,
    // An account type of the list (WHATSAPP, INSTAGRAM…) whose users/me pp has no variant for is
    // judged by its sources, quietly; a provider pp has never heard of is said once a run.
    warning: provider ? warning : undefined,
    unknownProvider: provider || accountTypes.has(providerId) ? undefined : providerId,
  };
}

/** Said once a run for a provider pp has never heard of (`first`: the first account that had it). */
export const unknownProviderWarning = (provider: string, first: string): string =>
  `users/me answered with a provider pp does not know, ${JSON.stringify(provider)} (first: ${first}); such accounts are counted as ok`;
