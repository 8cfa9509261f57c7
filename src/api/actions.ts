// The account actions of the API (api/account-actions.md), over the client: a hosted reconnect link,
// a resync, a checkpoint's code. Each answer is read tolerantly, as the reference's variants come
// (the link under `url` or `data.url`, `HostedAuthURL` or `HostedAuthUrl`, an unknown resync status
// as still running, any object naming the account after a checkpoint); anything else is an invalid
// response (exit 15) that says what was expected. The writes go out with an Idempotency-Key and
// are retried only where the client's rules allow (client.ts), so none is done twice.
import type { BodyCheck, Client } from './client.js';
import { pathSegment } from './client.js';

export const LINK_PATH = '/api/v1/hosted/accounts/link';
export const CHECKPOINT_PATH = '/api/v1/accounts/checkpoint';
export const RESEND_PATH = '/api/v1/accounts/checkpoint/resend';

/** What a reconnect link is asked with (the body's fields, as pp's options name them). */
export interface LinkRequest {
  accountId: string;
  /** The API's base URL, which the hosted page calls back (required by the reference). */
  apiUrl: string;
  expiresAt: Date;
  /** Echoed to notify_url, to match the account with its owner (default: the account id). */
  name?: string | undefined;
  successUrl?: string | undefined;
  failureUrl?: string | undefined;
  notifyUrl?: string | undefined;
}

/** A method, a path and a body: what a write sends (and what --dry-run prints). */
export interface Write {
  method: 'POST';
  path: string;
  body: Record<string, unknown>;
}

/** POST /api/v1/hosted/accounts/link for one account (the `reconnect` variant). */
export function linkWrite(request: LinkRequest): Write {
  const body: Record<string, unknown> = {
    type: 'reconnect',
    reconnect_account: request.accountId,
    providers: '*',
    api_url: request.apiUrl,
    // ISO 8601 UTC with milliseconds, as the reference requires: YYYY-MM-DDTHH:MM:SS.sssZ
    expiresOn: request.expiresAt.toISOString(),
    name: request.name ?? request.accountId,
  };
  if (request.successUrl !== undefined) body.success_redirect_url = request.successUrl;
  if (request.failureUrl !== undefined) body.failure_redirect_url = request.failureUrl;
  if (request.notifyUrl !== undefined) body.notify_url = request.notifyUrl;
  return { method: 'POST', path: LINK_PATH, body };
}

const linkExpected = 'expected {"object": "HostedAuthURL", "url": "https://…"}';

/** The link of a HostedAuthURL answer: `url`, or `data.url`; an https or http URL. */
function linkOf(data: Record<string, unknown>): string | undefined {
  const nested = data.data;
  const url =
    data.url ?? (nested && typeof nested === 'object' ? (nested as Record<string, unknown>).url : undefined);
  if (typeof url !== 'string') return undefined;
  try {
    return ['https:', 'http:'].includes(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

export const hasLink: BodyCheck = (data) => {
  const object = data.object;
  if (object !== undefined && object !== 'HostedAuthURL' && object !== 'HostedAuthUrl')
    return `the answer is a ${JSON.stringify(object)}, not a hosted link (${linkExpected})`;
  return linkOf(data) ? undefined : `the answer has no link under "url" (${linkExpected})`;
};

/** Asks for a hosted reconnect link: its URL (a bearer link for one account: show it only to who asked). */
export async function requestLink(client: Client, request: LinkRequest): Promise<string> {
  const write = linkWrite(request);
  const { data } = await client.send({
    ...write,
    accountId: request.accountId,
    check: hasLink,
    secretAnswer: true,
  });
  return linkOf(data)!;
}

/** The statuses of a resync, in order; any other is read as still running. */
export const resyncStatuses = [
  'SYNC_STARTED',
  'SYNC_RUNNING',
  'CHUNK_DONE',
  'SYNC_DONE',
  'SYNC_ERROR',
] as const;

export const hasResyncStatus: BodyCheck = (data) =>
  typeof data.status === 'string' && data.status !== ''
    ? undefined
    : 'the answer has no "status" (expected {"object": "AccountResync", "status": "SYNC_…"})';

/** GET /api/v1/accounts/{id}/sync: starts a resync, or (called again) reports its progress. */
export async function resync(client: Client, accountId: string): Promise<{ status: string; body: string }> {
  const { body, data } = await client.send({
    method: 'GET',
    path: `/api/v1/accounts/${pathSegment(accountId)}/sync`,
    accountId,
    check: hasResyncStatus,
  });
  return { status: data.status as string, body };
}

/** The providers a checkpoint is solved for, from the account's type (api/account-actions.md). */
export const checkpointProviders: ReadonlySet<string> = new Set([
  'LINKEDIN',
  'INSTAGRAM',
  'TWITTER',
  'MESSENGER',
]);

/** The code that asks the provider for another kind of checkpoint. */
export const TRY_ANOTHER_WAY = 'TRY_ANOTHER_WAY';

const namesAccount =
  (accountId: string): BodyCheck =>
  (data) =>
    data.account_id === accountId || data.id === accountId
      ? undefined
      : `the answer does not name the account ${accountId} (expected {"object": "AccountCreated", "account_id": "${accountId}"})`;

/** What a checkpoint answer says: connected, or another step the provider asks for. */
export interface CheckpointAnswer {
  body: string;
  /** The provider asks for another step (a `Checkpoint` answer), of this kind when it says. */
  another?: { type: string | undefined } | undefined;
}

/** POST /api/v1/accounts/checkpoint: sends the owner's code (or TRY_ANOTHER_WAY). */
export async function solveCheckpoint(
  client: Client,
  request: { accountId: string; provider: string; code: string },
): Promise<CheckpointAnswer> {
  const { body, data } = await client.send({
    method: 'POST',
    path: CHECKPOINT_PATH,
    body: { account_id: request.accountId, provider: request.provider, code: request.code },
    accountId: request.accountId,
    check: namesAccount(request.accountId),
  });
  if (data.object !== 'Checkpoint') return { body };
  const checkpoint = data.checkpoint;
  const type =
    checkpoint && typeof checkpoint === 'object' ? (checkpoint as Record<string, unknown>).type : undefined;
  return { body, another: { type: typeof type === 'string' ? type : undefined } };
}

const hasSuccess: BodyCheck = (data) =>
  typeof data.success === 'boolean'
    ? undefined
    : 'the answer has no "success" (expected {"object": "CheckpointResend", "success": true})';

/** POST /api/v1/accounts/checkpoint/resend: whether the provider sent the code again. */
export async function resendCheckpoint(
  client: Client,
  request: { accountId: string; provider: string },
): Promise<{ sent: boolean; body: string }> {
  const { body, data } = await client.send({
    method: 'POST',
    path: RESEND_PATH,
    body: { account_id: request.accountId, provider: request.provider },
    accountId: request.accountId,
    check: hasSuccess,
  });
  return { sent: data.success === true, body };
}
