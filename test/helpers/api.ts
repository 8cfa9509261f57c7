// A scripted API for the account-action tests: the fault server answers by path, from a set of
// accounts, with what a test overrides per endpoint (a reset, a 500, another spelling of the answer).
import type { Fault, SeenRequest } from './fault-server.js';
import { answer, json, problem } from './fault-server.js';

export const KEY = 'pp_live_Act10nsT3stK3y0123456789abcdefGH';

/** An Account of the list, its one source in this status. */
export const account = (id: string, status = 'OK', extra: Record<string, unknown> = {}) => ({
  object: 'Account',
  type: 'LINKEDIN',
  id,
  name: `Name of ${id}`,
  created_at: '2025-01-01T00:00:00.000Z',
  sources: [{ id: `${id}_S`, status }],
  connection_params: {},
  groups: [],
  ...extra,
});

export type Account = ReturnType<typeof account>;

/** What a test changes of the API: a fault per endpoint, given the request and its number there. */
export interface ApiScript {
  accounts: Account[] | (() => Account[]);
  link?: (req: SeenRequest, n: number) => Fault | undefined;
  sync?: (req: SeenRequest, n: number) => Fault | undefined;
  checkpoint?: (req: SeenRequest, n: number) => Fault | undefined;
  resend?: (req: SeenRequest, n: number) => Fault | undefined;
  account?: (req: SeenRequest, n: number) => Fault | undefined;
  list?: (req: SeenRequest, n: number) => Fault | undefined;
}

/** The fault server's script for an API of these accounts. */
export function api(script: ApiScript): (req: SeenRequest) => Fault {
  const counts = new Map<string, number>();
  const count = (kind: string) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    return n;
  };
  const accounts = () => (typeof script.accounts === 'function' ? script.accounts() : script.accounts);
  return (req) => {
    const path = req.url.split('?')[0]!;
    if (path === '/api/v1/hosted/accounts/link') {
      const n = count('link');
      return (
        script.link?.(req, n) ??
        answer(201, { object: 'HostedAuthURL', url: `https://hosted.example/reconnect/secret-${n}` })
      );
    }
    if (path === '/api/v1/accounts/checkpoint')
      return (
        script.checkpoint?.(req, count('checkpoint')) ??
        // the body arrives after the answer is chosen: the first account is the one at a checkpoint
        answer(201, { object: 'AccountCreated', account_id: accounts()[0]?.id })
      );
    if (path === '/api/v1/accounts/checkpoint/resend')
      return (
        script.resend?.(req, count('resend')) ?? answer(201, { object: 'CheckpointResend', success: true })
      );
    if (path === '/api/v1/accounts')
      return (
        script.list?.(req, count('list')) ?? json({ object: 'AccountList', items: accounts(), cursor: null })
      );
    const sync = /^\/api\/v1\/accounts\/([^/]+)\/sync$/.exec(path);
    if (sync)
      return (
        script.sync?.(req, count('sync')) ?? answer(200, { object: 'AccountResync', status: 'SYNC_STARTED' })
      );
    const one = /^\/api\/v1\/accounts\/([^/]+)$/.exec(path);
    if (one) {
      const overridden = script.account?.(req, count('account'));
      if (overridden) return overridden;
      const found = accounts().find((a) => a.id === decodeURIComponent(one[1]!));
      return found ? json(found) : problem(404, 'resource_not_found');
    }
    return problem(404, 'resource_not_found');
  };
}

/** The requests of one endpoint, in order. */
export const requestsTo = (requests: readonly SeenRequest[], path: string, method?: string) =>
  requests.filter((r) => r.url.split('?')[0] === path && (method === undefined || r.method === method));
