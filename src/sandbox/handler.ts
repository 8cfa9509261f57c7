// The sandbox API: the answers of GET /api/v1/users/me, /api/v1/accounts and /api/v1/accounts/{id},
// from fixtures, with no network, and the account actions (actions.ts: a reconnect link, a resync,
// a checkpoint). acc_demo_* are the demo accounts; acc_error_<name> answers that documented error;
// anything else is 404.

import { CHECKPOINT_PATH, LINK_PATH, RESEND_PATH } from '../api/actions.js';
import { errorCatalogue } from '../api/catalogue.js';
import { demoAccounts } from '../providers/index.js';
import { type SandboxAccount, type SandboxWorkspace, sandboxWorkspace } from './accounts.js';
import { SandboxActions } from './actions.js';
import { PROFILE_PATH, problem, type SandboxAnswer } from './answers.js';

export { PROFILE_PATH, problem, type SandboxAnswer };
export const ACCOUNTS_PATH = '/api/v1/accounts';
/** The key that is refused everywhere (CLI.md), so that a refusal can be tried out. */
export const REJECTED_KEY = 'pp_test_rejected';
const SERVED = `GET ${PROFILE_PATH}, ${ACCOUNTS_PATH}, ${ACCOUNTS_PATH}/{id} and ${ACCOUNTS_PATH}/{id}/sync, and POST ${LINK_PATH}, ${CHECKPOINT_PATH} and ${RESEND_PATH}`;
const json = { 'content-type': 'application/json; charset=utf-8' };

type Route =
  | { kind: 'profile' }
  | { kind: 'list' }
  | { kind: 'account'; segment: string }
  | { kind: 'sync'; segment: string }
  | { kind: 'link' | 'checkpoint' | 'resend' };

/** The written endpoints, each taking a JSON body by POST. */
const writes: Readonly<Record<string, Route>> = {
  [LINK_PATH]: { kind: 'link' },
  [CHECKPOINT_PATH]: { kind: 'checkpoint' },
  [RESEND_PATH]: { kind: 'resend' },
};

/**
 * The endpoint a method and path name: the id of /accounts/{id} (and /accounts/{id}/sync) is the
 * one segment after it, still encoded. POST /accounts/checkpoint is the checkpoint, not an account.
 */
function routeOf(method: string, pathname: string): Route | undefined {
  if (pathname === PROFILE_PATH) return { kind: 'profile' };
  if (pathname === ACCOUNTS_PATH) return { kind: 'list' };
  if (method === 'POST' && Object.hasOwn(writes, pathname)) return writes[pathname];
  const rest = pathname.startsWith(`${ACCOUNTS_PATH}/`)
    ? pathname.slice(ACCOUNTS_PATH.length + 1)
    : undefined;
  if (rest === undefined) return Object.hasOwn(writes, pathname) ? writes[pathname] : undefined;
  const [segment = '', sub, ...more] = rest.split('/');
  if (more.length > 0 || segment === '') return undefined;
  if (sub === undefined) return { kind: 'account', segment };
  return sub === 'sync' ? { kind: 'sync', segment } : undefined;
}

let plain: SandboxWorkspace | undefined;
/** The demo accounts alone, as the in-process --sandbox serves them. */
function plainWorkspace(): SandboxWorkspace {
  plain ??= sandboxWorkspace();
  return plain;
}

/** A write's request: its JSON body as sent, and its Idempotency-Key header. */
export interface SandboxWrite {
  body?: string | undefined;
  idempotencyKey?: string | undefined;
}

/**
 * Answers one request, given its method, path with query, and X-API-KEY header, from a workspace
 * (by default the demo accounts alone). `actions` is what the sandbox remembers of the account
 * actions (a server keeps one for its life); without it, each request starts from nothing.
 */
export function answer(
  method: string,
  pathAndQuery: string,
  apiKey: string | undefined,
  workspace: SandboxWorkspace = plainWorkspace(),
  actions: SandboxActions = new SandboxActions(),
  write: SandboxWrite = {},
): SandboxAnswer {
  let url: URL;
  try {
    url = new URL(pathAndQuery, 'http://sandbox.invalid');
  } catch {
    // An absolute-form request target that is not a URL: answered, rather than ending the server.
    return problem('resource_not_found', `The sandbox serves only ${SERVED}.`, '/');
  }
  const path = url.pathname;
  const route = routeOf(method, path);
  if (!route) return problem('resource_not_found', `The sandbox serves only ${SERVED}.`, path);
  const writing = route.kind === 'link' || route.kind === 'checkpoint' || route.kind === 'resend';
  if (writing ? method !== 'POST' : method !== 'GET' && method !== 'HEAD') {
    const use = writing ? 'POST' : 'GET';
    return problem('unprocessable_entity', `${method} is not supported here; use ${use}.`, path);
  }
  if (!apiKey) return problem('missing_credentials', undefined, path);
  if (apiKey === REJECTED_KEY) return problem('invalid_credentials', undefined, path);
  const now = actions.workspace(workspace);
  if (route.kind === 'profile') return profile(url.searchParams.get('account_id'), now);
  if (route.kind === 'list') return accountList(url.searchParams, now);
  if (route.kind === 'account') return account(route.segment, now, path);
  if (route.kind === 'sync') {
    const id = decodedId(route.segment, path);
    return typeof id === 'string' ? actions.sync(id, now, path) : id;
  }
  const body = jsonBody(write.body, path);
  if ('status' in body) return body;
  return actions.once(write.idempotencyKey, () => {
    if (route.kind === 'link') return actions.link(body.value, now);
    if (route.kind === 'checkpoint') return actions.checkpoint(body.value, now);
    return actions.resend(body.value, now);
  });
}

/** A write's body: a JSON object, or the 422 saying it is not one. */
function jsonBody(
  text: string | undefined,
  path: string,
): { value: Record<string, unknown> } | SandboxAnswer {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    return problem('unprocessable_entity', 'The body must be a JSON object.', path);
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { value: value as Record<string, unknown> }
    : problem('unprocessable_entity', 'The body must be a JSON object.', path);
}

/** The account id of a path segment, or the answer to a segment that is not valid percent-encoding. */
function decodedId(segment: string, path: string): string | SandboxAnswer {
  try {
    return decodeURIComponent(segment);
  } catch {
    return problem(
      'invalid_resource_identifier',
      'The account id in the path is not valid percent-encoding.',
      path,
    );
  }
}

const ok = (body: unknown): SandboxAnswer => ({
  status: 200,
  headers: { ...json },
  body: JSON.stringify(body),
});

/** acc_error_<name> answers that documented error, on any endpoint that takes an account id. */
function errorAccount(accountId: string, instance: string): SandboxAnswer | undefined {
  const errorName = accountId.startsWith('acc_error_') ? accountId.slice('acc_error_'.length) : '';
  return Object.hasOwn(errorCatalogue, errorName) ? problem(errorName, undefined, instance) : undefined;
}

function profile(accountId: string | null, workspace: SandboxWorkspace): SandboxAnswer {
  if (!accountId)
    return problem('invalid_resource_identifier', 'The account_id query parameter is required.');
  const found = Object.hasOwn(demoAccounts(), accountId) ? demoAccounts()[accountId] : undefined;
  if (found) return ok(found);
  // An account of the list answers as its sources say, as the real API does: the owner's profile
  // when they all run, else the 401 that tells the owner to act.
  const listed = workspace.find(accountId);
  const stopped = listed?.sources.find((s) => s.status !== 'OK');
  if (listed && stopped) return problem(sourceErrors[stopped.status] ?? 'disconnected_account');
  if (listed) return ok(generatedProfile(listed));
  return (
    errorAccount(accountId, PROFILE_PATH) ??
    problem('resource_not_found', `No account ${accountId} in the sandbox. Try acc_demo_linkedin.`)
  );
}

// The demo profile a generated account of each type is modelled on (the seven mail and OAuth types
// read as their documented provider); types with no documented users/me variant get a short
// profile of their own, as the API may add providers.
const profileBases: Readonly<Record<string, string>> = {
  LINKEDIN: 'acc_demo_linkedin',
  TELEGRAM: 'acc_demo_telegram',
  TWITTER: 'acc_demo_twitter',
  GOOGLE_OAUTH: 'acc_demo_gmail',
  OUTLOOK: 'acc_demo_outlook',
  IMAP: 'acc_demo_imap',
  ICLOUD: 'acc_demo_imap',
  MAIL: 'acc_demo_imap',
};

/** The 401 users/me answers for an account whose source is not running, by its status. */
const sourceErrors: Readonly<Record<string, string>> = {
  CONNECTING: 'checkpoint_error',
  CREDENTIALS: 'expired_credentials',
  PERMISSIONS: 'disconnected_feature',
  ERROR: 'disconnected_account',
  STOPPED: 'disconnected_account',
};

/**
 * The users/me answer of a listed account whose sources all run: a profile with no warning, whose
 * owner is the list's name (an address for a mailbox, else a person's first and last name).
 */
function generatedProfile(account: SandboxAccount): Record<string, unknown> {
  const base = Object.hasOwn(profileBases, account.type) ? profileBases[account.type] : undefined;
  if (!base) {
    return {
      object: 'AccountOwnerProfile',
      provider: account.type,
      provider_id: account.id,
      name: account.name,
    };
  }
  const profile: Record<string, unknown> = { ...demoAccounts()[base], provider_id: `gen_${account.id}` };
  const [first = '', ...rest] = account.name.split(' ');
  const last = rest.join(' ');
  const named = (fields: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(fields)) if (key in profile) profile[key] = value;
  };
  if (account.name.includes('@')) {
    named({ email: account.name, user_principal_name: account.name, display_name: account.name });
    // a mailbox with no display name: its primary alias is the address alone
    if (Array.isArray(profile.aliases))
      profile.aliases = (profile.aliases as Record<string, unknown>[]).map((a) =>
        a.is_primary === true ? { ...a, email: account.name, display_name: undefined } : a,
      );
    const params = profile.connection_params as Record<string, Record<string, unknown>> | undefined;
    if (params)
      profile.connection_params = Object.fromEntries(
        Object.entries(params).map(([k, v]) => [k, { ...v, username: account.name }]),
      );
  } else {
    named({
      first_name: first,
      last_name: last,
      given_name: first,
      surname: last,
      display_name: account.name,
    });
    named({ name: account.name });
  }
  // the demo Telegram owner is restricted on purpose; a generated one is not
  if (account.type === 'TELEGRAM') {
    profile.restricted = false;
    delete profile.restriction_reason;
  }
  return profile;
}

function account(segment: string, workspace: SandboxWorkspace, path: string): SandboxAnswer {
  const id = decodedId(segment, path);
  if (typeof id !== 'string') return id;
  const found = workspace.find(id);
  if (found) return ok(found);
  return (
    errorAccount(id, path) ??
    problem('resource_not_found', `No account ${id} in the sandbox. Try acc_demo_linkedin.`, path)
  );
}

const MAX_LIMIT = 250;
const DEFAULT_LIMIT = 100;

// A cursor is the list position the next page starts at, wrapped so that clients treat it as the
// opaque token the API documents; the list is fixed, so a position pages stably.
const encodeCursor = (position: number): string => Buffer.from(`position:${position}`).toString('base64url');

function decodeCursor(cursor: string, size: number): number | undefined {
  const position = Number(/^position:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString())?.[1]);
  // Only a cursor this sandbox could have handed out: canonical, and inside the list.
  const valid = position >= 1 && position < size && encodeCursor(position) === cursor;
  return valid ? position : undefined;
}

/** One page of the accounts list: only the page's accounts are built. */
function accountList(query: URLSearchParams, workspace: SandboxWorkspace): SandboxAnswer {
  const limitText = query.get('limit');
  const limit =
    limitText === null ? DEFAULT_LIMIT : /^\d{1,3}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    return problem(
      'unprocessable_entity',
      `limit must be a whole number from 1 to ${MAX_LIMIT}.`,
      ACCOUNTS_PATH,
    );
  }
  const cursor = query.get('cursor');
  const start = cursor === null || cursor === '' ? 0 : decodeCursor(cursor, workspace.size);
  if (start === undefined) {
    return problem('unprocessable_entity', 'The cursor is not one this list handed out.', ACCOUNTS_PATH);
  }
  if (start === 0) workspace.listed?.();
  const end = Math.min(start + limit, workspace.size);
  const items: SandboxAccount[] = [];
  for (let position = start; position < end; position++) {
    const item = workspace.at(position);
    if (item) items.push(item);
  }
  return ok({ object: 'AccountList', items, cursor: end < workspace.size ? encodeCursor(end) : null });
}
