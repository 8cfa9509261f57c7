// The sandbox's accounts endpoints (CLI.md, "The sandbox"; api/accounts.md), through the handler's
// answer function: the list and its paging, each account, errors, and the refused key.
import { describe, expect, it } from 'vitest';
import { errorNames, exitCodeFor } from '../../src/api/catalogue.js';
import { ExitCode } from '../../src/errors.js';
import { healthOf } from '../../src/health.js';
import { demoAccounts, findProvider } from '../../src/providers/index.js';
import {
  demoAccountList,
  generatedAccount,
  generatedId,
  maxGeneratedAccounts,
  type SandboxAccount,
  type SandboxWorkspace,
  sandboxWorkspace,
  sourceStatuses,
} from '../../src/sandbox/accounts.js';
import { answer } from '../../src/sandbox/handler.js';

const KEY = 'pp_test_sandbox';

interface Page {
  object: string;
  items: SandboxAccount[];
  cursor: string | null;
}

/** `key` null sends no X-API-KEY. */
function get(path: string, workspace?: SandboxWorkspace, key: string | null = KEY) {
  const reply = answer('GET', path, key ?? undefined, workspace);
  return { status: reply.status, headers: reply.headers, body: JSON.parse(reply.body) };
}

function page(query: string, workspace?: SandboxWorkspace): Page {
  const reply = get(`/api/v1/accounts${query}`, workspace);
  expect(reply.status).toBe(200);
  return reply.body as Page;
}

/** Every page at this limit, checking that no cursor comes back twice. */
function allPages(limit: number, workspace?: SandboxWorkspace): Page[] {
  const pages = [page(`?limit=${limit}`, workspace)];
  const cursors = new Set<string>();
  for (let cursor = pages[0]!.cursor; cursor !== null; cursor = pages.at(-1)!.cursor) {
    expect(cursors.has(cursor)).toBe(false);
    cursors.add(cursor);
    pages.push(page(`?limit=${limit}&cursor=${encodeURIComponent(cursor)}`, workspace));
  }
  return pages;
}

const demoIds = [
  'acc_demo_linkedin',
  'acc_demo_linkedin_seats_disconnected',
  'acc_demo_telegram',
  'acc_demo_twitter',
  'acc_demo_gmail',
  'acc_demo_outlook',
  'acc_demo_imap',
  'acc_demo_whatsapp_connecting',
  'acc_demo_instagram_credentials',
  'acc_demo_mobile_permissions',
  'acc_demo_outlook_error',
  'acc_demo_mail_stopped',
];
const notOk: Record<string, string> = {
  acc_demo_whatsapp_connecting: 'CONNECTING',
  acc_demo_instagram_credentials: 'CREDENTIALS',
  acc_demo_mobile_permissions: 'PERMISSIONS',
  acc_demo_outlook_error: 'ERROR',
  acc_demo_mail_stopped: 'STOPPED',
};
const isoMillis = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** An Account as accounts.md requires it. */
function expectAccount(a: SandboxAccount): void {
  expect(a.object).toBe('Account');
  expect(a.id.length).toBeGreaterThan(0);
  expect(typeof a.type).toBe('string');
  expect(typeof a.name).toBe('string');
  expect(a.created_at).toMatch(isoMillis);
  expect(new Date(a.created_at).toISOString()).toBe(a.created_at);
  expect(a.sources.length).toBeGreaterThan(0);
  for (const s of a.sources) {
    expect(Object.keys(s)).toEqual(['id', 'status']);
    expect(sourceStatuses).toContain(s.status);
  }
  expect(typeof a.connection_params).toBe('object');
  expect(Array.isArray(a.groups) && a.groups.every((g) => typeof g === 'string')).toBe(true);
  if (a.last_fetched_at !== undefined) {
    expect(a.last_fetched_at).toMatch(isoMillis);
    expect(a.last_fetched_at > a.created_at).toBe(true);
  }
  if (a.current_signature !== undefined) {
    expect(a.signatures?.map((s) => s.title)).toContain(a.current_signature);
  }
}

/** Every key anywhere in a value, so that a test can look for secrets. */
const keysOf = (value: unknown): string[] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)])
    : [];

describe('GET /api/v1/accounts', () => {
  it('answers an AccountList of the twelve demo accounts in one default page', () => {
    const first = page('');
    expect(Object.keys(first)).toEqual(['object', 'items', 'cursor']);
    expect(first.object).toBe('AccountList');
    expect(first.items.map((a) => a.id)).toEqual(demoIds);
    expect(first.cursor).toBeNull();
  });

  it('holds valid Account objects with realistic, secret-free connection parameters', () => {
    for (const account of demoAccountList()) {
      expectAccount(account);
      expect(keysOf(account.connection_params).join(' ')).not.toMatch(/pass|secret|token|cookie|key/i);
    }
    const byId = new Map(demoAccountList().map((a) => [a.id, a]));
    expect(byId.get('acc_demo_imap')?.connection_params).toEqual({
      imap: { host: 'imap.keller-design.de', port: 993, username: 'maria.keller@keller-design.de' },
      smtp: { host: 'smtp.keller-design.de', port: 465, username: 'maria.keller@keller-design.de' },
    });
    expect(byId.get('acc_demo_mobile_permissions')?.connection_params).toMatchObject({
      im: { phone_number: expect.stringMatching(/^\+\d+$/) },
    });
    expect(byId.get('acc_demo_gmail')?.type).toBe('GOOGLE_OAUTH');
  });

  it('has the five source states that are not OK on their accounts, and only OK elsewhere', () => {
    for (const account of demoAccountList()) {
      const statuses = new Set(account.sources.map((s) => s.status));
      const expected = notOk[account.id];
      if (expected) expect(statuses.has(expected)).toBe(true);
      else expect([...statuses]).toEqual(['OK']);
    }
  });

  it('names each account like the owner its users/me profile shows', () => {
    let compared = 0;
    for (const account of demoAccountList()) {
      const profile = demoAccounts()[account.id];
      if (!profile) continue;
      const provider = findProvider(profile.provider)!;
      expect(account.name).toBe(provider.describe(profile).identity.name);
      compared++;
    }
    expect(compared).toBe(7);
  });

  it('reads as the health the contract promises for each demo account', () => {
    const states = Object.fromEntries(
      demoAccountList().map((a) => [a.id, healthOf({ sources: a.sources }).state]),
    );
    expect(states).toMatchObject({
      acc_demo_linkedin: 'ok',
      acc_demo_whatsapp_connecting: 'connecting',
      acc_demo_instagram_credentials: 'action_needed',
      acc_demo_mobile_permissions: 'action_needed',
      acc_demo_outlook_error: 'stopped',
      acc_demo_mail_stopped: 'stopped',
    });
  });

  it('pages with ?limit=3: four pages, every account once, the last cursor null', () => {
    const pages = allPages(3);
    expect(pages).toHaveLength(4);
    expect(pages.every((p) => p.items.length === 3)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((a) => a.id))).toEqual(demoIds);
  });

  it('pages stably: the same cursor gives the same page again', () => {
    const cursor = page('?limit=5').cursor!;
    expect(page(`?limit=5&cursor=${cursor}`)).toEqual(page(`?limit=5&cursor=${cursor}`));
    expect(page(`?limit=2&cursor=${cursor}`).items.map((a) => a.id)).toEqual(demoIds.slice(5, 7));
  });

  it('leaves the acc_error_* accounts out of the list', () => {
    expect(page('?limit=250').items.some((a) => a.id.startsWith('acc_error_'))).toBe(false);
  });

  it.each(['0', '251', '-1', '1.5', 'abc', '', '1e2', '0250'])('refuses limit=%j with 422', (limit) => {
    const reply = get(`/api/v1/accounts?limit=${limit}`);
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      type: 'errors/unprocessable_entity',
      detail: 'limit must be a whole number from 1 to 250.',
      instance: '/api/v1/accounts',
    });
  });

  it('accepts limit 1 and 250', () => {
    expect(page('?limit=1').items).toHaveLength(1);
    expect(page('?limit=250').items).toHaveLength(12);
  });

  it('refuses a cursor it did not hand out with 422', () => {
    const large = sandboxWorkspace(100);
    const farCursor = page('?limit=50', large).cursor!; // position 50: past the end of the demo list
    for (const cursor of ['garbage', farCursor, `${page('?limit=3').cursor}=`, 'cG9zaXRpb246MA']) {
      const reply = get(`/api/v1/accounts?cursor=${encodeURIComponent(cursor)}`);
      expect(reply.status, cursor).toBe(422);
      expect(reply.body).toMatchObject({ type: 'errors/unprocessable_entity', instance: '/api/v1/accounts' });
    }
  });

  it('HEAD is answered like GET; other methods are refused', () => {
    expect(answer('HEAD', '/api/v1/accounts', KEY).status).toBe(200);
    expect(answer('POST', '/api/v1/accounts', KEY).status).toBe(422);
  });
});

describe('GET /api/v1/accounts/{id}', () => {
  it('answers each listed account exactly as the list holds it', () => {
    for (const account of page('?limit=250').items) {
      const reply = get(`/api/v1/accounts/${encodeURIComponent(account.id)}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(account);
    }
  });

  it('decodes the id as one path segment', () => {
    expect(get('/api/v1/accounts/acc%5Fdemo%5Fgmail').body.id).toBe('acc_demo_gmail');
    expect(get('/api/v1/accounts/acc_demo_gmail%2Fx')).toMatchObject({
      status: 404,
      body: { type: 'errors/resource_not_found', detail: expect.stringContaining('acc_demo_gmail/x') },
    });
    expect(get('/api/v1/accounts/acc_demo_gmail/x').body.detail).toMatch(/^The sandbox serves only GET/);
    expect(get('/api/v1/accounts/%E0%A4%A')).toMatchObject({
      status: 404,
      body: { type: 'errors/invalid_resource_identifier' },
    });
  });

  it('answers 404 resource_not_found for an unknown id, with the path as instance', () => {
    expect(get('/api/v1/accounts/acc_nope')).toMatchObject({
      status: 404,
      body: { type: 'errors/resource_not_found', instance: '/api/v1/accounts/acc_nope' },
    });
    expect(get('/api/v1/accounts/').status).toBe(404);
  });

  it.each(errorNames)('acc_error_%s answers that error type', (name) => {
    const reply = get(`/api/v1/accounts/acc_error_${name}`);
    expect(reply.body).toMatchObject({
      type: `errors/${name}`,
      instance: `/api/v1/accounts/acc_error_${name}`,
    });
    expect(reply.status).toBe(reply.body.status);
    if (reply.status === 429) expect(reply.headers['retry-after']).toBe('1');
  });
});

describe('keys', () => {
  const paths = [
    '/api/v1/users/me?account_id=acc_demo_gmail',
    '/api/v1/accounts',
    '/api/v1/accounts?limit=999',
    '/api/v1/accounts/acc_demo_gmail',
    '/api/v1/accounts/acc_error_too_many_requests',
  ];

  it.each(paths)('pp_test_rejected is refused with 401 invalid_credentials on %s', (path) => {
    const reply = get(path, undefined, 'pp_test_rejected');
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({
      type: 'errors/invalid_credentials',
      detail: expect.not.stringContaining('pp_test'),
    });
  });

  it.each(paths)('no key is 401 missing_credentials on %s', (path) => {
    expect(get(path, undefined, null).body.type).toBe('errors/missing_credentials');
  });

  it('any other non-empty key is accepted', () => {
    expect(get('/api/v1/accounts', undefined, 'pp_live_whatever').status).toBe(200);
  });

  it('users/me is as before: demo profiles, acc_error_*, 404 for the rest', () => {
    expect(get('/api/v1/users/me?account_id=acc_demo_gmail').body).toEqual(demoAccounts().acc_demo_gmail);
    expect(get('/api/v1/users/me?account_id=acc_error_disconnected_account').status).toBe(401);
    expect(get('/api/v1/users/me?account_id=acc_nope').body).toMatchObject({
      type: 'errors/resource_not_found',
      instance: '/api/v1/users/me',
    });
  });
});

describe('generated accounts', () => {
  it('follow the demo accounts in the list, acc_gen_000001 first', () => {
    const ids = allPages(250, sandboxWorkspace(300)).flatMap((p) => p.items.map((a) => a.id));
    expect(ids).toHaveLength(312);
    expect(ids.slice(0, 12)).toEqual(demoIds);
    expect(ids[12]).toBe('acc_gen_000001');
    expect(ids.at(-1)).toBe('acc_gen_000300');
    expect(new Set(ids).size).toBe(312);
  });

  it('are valid Accounts, the same every time', () => {
    for (const index of [1, 2, 49, 50, 999_999, maxGeneratedAccounts]) {
      expectAccount(generatedAccount(index));
      expect(generatedAccount(index)).toEqual(generatedAccount(index));
    }
    expect(generatedAccount(maxGeneratedAccounts).id).toBe('acc_gen_1000000');
    const a = sandboxWorkspace(1000);
    const b = sandboxWorkspace(1000);
    expect(answer('GET', '/api/v1/accounts?limit=250&cursor=', KEY, a)).toEqual(
      answer('GET', '/api/v1/accounts?limit=250', KEY, b),
    );
  });

  it('are mostly OK, 2% in each other state, every state within any 50', () => {
    const counts = new Map<string, number>();
    for (let i = 1; i <= 1000; i++) {
      const status = generatedAccount(i).sources[0]!.status;
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({
      OK: 900,
      CONNECTING: 20,
      CREDENTIALS: 20,
      PERMISSIONS: 20,
      ERROR: 20,
      STOPPED: 20,
    });
    const firstFifty = new Set(
      Array.from({ length: 50 }, (_, i) => generatedAccount(i + 1).sources[0]!.status),
    );
    expect(firstFifty.size).toBe(6);
  });

  it('spread over the provider types', () => {
    const types = new Set(Array.from({ length: 500 }, (_, i) => generatedAccount(i + 1).type));
    expect(types.size).toBeGreaterThanOrEqual(10);
  });

  it('are found by id only within the workspace, in their exact spelling', () => {
    const workspace = sandboxWorkspace(100);
    expect(get('/api/v1/accounts/acc_gen_000100', workspace).body).toEqual(generatedAccount(100));
    expect(get('/api/v1/accounts/acc_gen_000101', workspace).status).toBe(404);
    expect(get('/api/v1/accounts/acc_gen_000000', workspace).status).toBe(404);
    expect(get('/api/v1/accounts/acc_gen_0000001', workspace).status).toBe(404);
    expect(get('/api/v1/accounts/acc_gen_000001').status).toBe(404); // none by default
  });

  it('answer users/me as the list has them: the same owner, or the 401 that says the owner must act', () => {
    const workspace = sandboxWorkspace(300);
    let profiles = 0;
    let refused = 0;
    for (let i = 1; i <= 300; i++) {
      const account = generatedAccount(i);
      const me = get(`/api/v1/users/me?account_id=${account.id}`, workspace);
      if (account.sources.every((s) => s.status === 'OK')) {
        expect(me.status).toBe(200);
        const profile = me.body as Record<string, unknown>;
        const provider = findProvider(profile.provider);
        // the owner the list names, whatever the provider
        const name = provider ? provider.describe(profile).identity.name : profile.name;
        expect(name, account.id).toBe(account.name);
        profiles++;
      } else {
        // never 404: an account of the list that needs its owner says so, as the real API does
        expect(me.status, account.id).toBe(401);
        expect(exitCodeFor(401, (me.body as { type: string }).type), account.id).toBe(ExitCode.disconnected);
        refused++;
      }
    }
    expect(profiles).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(20);
  });

  it('a workspace takes 0 to 1,000,000 generated accounts', () => {
    expect(sandboxWorkspace(maxGeneratedAccounts).size).toBe(1_000_012);
    for (const n of [-1, 1.5, maxGeneratedAccounts + 1, Number.NaN]) {
      expect(() => sandboxWorkspace(n)).toThrow(RangeError);
    }
    expect(sandboxWorkspace(3).at(15)).toBeUndefined();
    expect(sandboxWorkspace(3).at(-1)).toBeUndefined();
  });

  it('a page deep into a million accounts is built from its position alone', () => {
    const workspace = sandboxWorkspace(maxGeneratedAccounts);
    let cursor = page('?limit=250', workspace).cursor!;
    for (let i = 0; i < 20; i++) cursor = page(`?limit=250&cursor=${cursor}`, workspace).cursor!;
    // the 22nd page holds the accounts at its position, and the last one is where its index says
    expect(page(`?limit=250&cursor=${cursor}`, workspace).items[0]!.id).toBe(generatedId(21 * 250 - 12 + 1));
    expect(workspace.at(999_999)?.id).toBe('acc_gen_999988');
  });
});
