// What the sandbox answers with: a JSON body and its status, and the problem details of a documented
// error. Shared by the read endpoints (handler.ts) and the account actions (actions.ts).
import { errorCatalogue } from '../api/catalogue.js';

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
