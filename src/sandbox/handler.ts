// The sandbox API: the answers of GET /api/v1/users/me, /api/v1/accounts and /api/v1/accounts/{id},
// from fixtures, with no network. acc_demo_* are the demo accounts; acc_error_<name> answers that
// documented error; anything else is 404.
import { errorCatalogue } from '../api/catalogue.js';
import { demoAccounts } from '../providers/index.js';
import { type SandboxAccount, type SandboxWorkspace, sandboxWorkspace } from './accounts.js';

export interface SandboxAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const PROFILE_PATH = '/api/v1/users/me';
export const ACCOUNTS_PATH = '/api/v1/accounts';
/** The key that is refused everywhere (CLI.md), so that a refusal can be tried out. */
export const REJECTED_KEY = 'pp_test_rejected';
const SERVED = `${PROFILE_PATH}, ${ACCOUNTS_PATH} and ${ACCOUNTS_PATH}/{id}`;
const json = { 'content-type': 'application/json; charset=utf-8' };

/** A problem-details answer; `instance` is the path it answers (the profile path unless told). */
export function problem(name: string, detail?: string, instance = PROFILE_PATH): SandboxAnswer {
  const info = errorCatalogue[name];
  if (!info) throw new Error(`unknown error type ${name}`);
  const envelope = {
    status: info.status,
    type: `errors/${name}`,
    title: info.title,
    detail: detail ?? info.description,
    instance,
  };
  const headers: Record<string, string> = { ...json };
  if (info.status === 429) headers['retry-after'] = '1';
  return { status: info.status, headers, body: JSON.stringify(envelope) };
}

type Route = { kind: 'profile' } | { kind: 'list' } | { kind: 'account'; segment: string };

/** The endpoint a path names: the id of /accounts/{id} is the one segment after it, still encoded. */
function routeOf(pathname: string): Route | undefined {
  if (pathname === PROFILE_PATH) return { kind: 'profile' };
  if (pathname === ACCOUNTS_PATH) return { kind: 'list' };
  const segment = pathname.startsWith(`${ACCOUNTS_PATH}/`)
    ? pathname.slice(ACCOUNTS_PATH.length + 1)
    : undefined;
  return segment !== undefined && !segment.includes('/') ? { kind: 'account', segment } : undefined;
}

let plain: SandboxWorkspace | undefined;
/** The demo accounts alone, as the in-process --sandbox serves them. */
function plainWorkspace(): SandboxWorkspace {
  plain ??= sandboxWorkspace();
  return plain;
}

/**
 * Answers one request, given its method, path with query, and X-API-KEY header, from a workspace
 * (by default the demo accounts alone).
 */
export function answer(
  method: string,
  pathAndQuery: string,
  apiKey: string | undefined,
  workspace: SandboxWorkspace = plainWorkspace(),
): SandboxAnswer {
  let url: URL;
  try {
    url = new URL(pathAndQuery, 'http://sandbox.invalid');
  } catch {
    // An absolute-form request target that is not a URL: answered, rather than ending the server.
    return problem('resource_not_found', `The sandbox serves only GET ${SERVED}.`, '/');
  }
  const path = url.pathname;
  const route = routeOf(path);
  if (!route) return problem('resource_not_found', `The sandbox serves only GET ${SERVED}.`, path);
  if (method !== 'GET' && method !== 'HEAD') {
    return problem('unprocessable_entity', `${method} is not supported here; use GET.`, path);
  }
  if (!apiKey) return problem('missing_credentials', undefined, path);
  if (apiKey === REJECTED_KEY) return problem('invalid_credentials', undefined, path);
  if (route.kind === 'profile') return profile(url.searchParams.get('account_id'), workspace);
  if (route.kind === 'list') return accountList(url.searchParams, workspace);
  return account(route.segment, workspace, path);
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
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return problem(
      'invalid_resource_identifier',
      'The account id in the path is not valid percent-encoding.',
      path,
    );
  }
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
