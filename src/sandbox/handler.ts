// The sandbox API: the same answers as GET /api/v1/users/me, from fixtures, with no network.
// acc_demo_* answer profiles; acc_error_<name> answers that documented error; anything else is 404.
import { errorCatalogue } from '../api/catalogue.js';
import { demoAccounts } from '../providers/index.js';

export interface SandboxAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const PROFILE_PATH = '/api/v1/users/me';
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

/** Answers one request, given its method, path with query, and X-API-KEY header. */
export function answer(method: string, pathAndQuery: string, apiKey: string | undefined): SandboxAnswer {
  const url = new URL(pathAndQuery, 'http://sandbox.invalid');
  if (url.pathname !== PROFILE_PATH) {
    return problem('resource_not_found', `The sandbox serves only GET ${PROFILE_PATH}.`, url.pathname);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return problem('unprocessable_entity', `${method} is not supported here; use GET.`);
  }
  if (!apiKey) return problem('missing_credentials');
  const accountId = url.searchParams.get('account_id');
  if (!accountId)
    return problem('invalid_resource_identifier', 'The account_id query parameter is required.');
  const profile = Object.hasOwn(demoAccounts(), accountId) ? demoAccounts()[accountId] : undefined;
  if (profile) return { status: 200, headers: { ...json }, body: JSON.stringify(profile) };
  const errorName = accountId.startsWith('acc_error_') ? accountId.slice('acc_error_'.length) : '';
  if (Object.hasOwn(errorCatalogue, errorName)) return problem(errorName);
  return problem('resource_not_found', `No account ${accountId} in the sandbox. Try acc_demo_linkedin.`);
}
