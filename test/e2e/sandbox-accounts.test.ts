// The accounts endpoints through a real sandbox server on 127.0.0.1, read with node:http as a client
// would: paging, the refused key, and a workspace of 100,000 generated accounts paged quickly.
import { Agent, get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthOf } from '../../src/health.js';
import type { SandboxAccount } from '../../src/sandbox/accounts.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';

const agent = new Agent({ keepAlive: true });

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** `key` null sends no X-API-KEY. */
function request(url: string, key: string | null = 'pp_test_sandbox'): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key) headers['x-api-key'] = key;
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}

interface Page {
  items: SandboxAccount[];
  cursor: string | null;
}

/** Every page of the list at this limit, as a client pages: until the cursor is null. */
async function pageAll(base: string, limit: number): Promise<{ pages: number; items: SandboxAccount[] }> {
  const items: SandboxAccount[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const reply = await request(`${base}/api/v1/accounts?limit=${limit}${query}`);
    expect(reply.status).toBe(200);
    const page = reply.body as unknown as Page;
    items.push(...page.items);
    pages++;
    cursor = page.cursor;
  } while (cursor !== null);
  return { pages, items };
}

let plain: RunningSandbox;
let large: RunningSandbox;

beforeAll(async () => {
  [plain, large] = await Promise.all([startSandbox(), startSandbox({ accounts: 20_000 })]);
});
afterAll(async () => {
  agent.destroy();
  await Promise.all([plain?.close(), large?.close()]);
});

describe('the sandbox accounts list over HTTP', () => {
  it('pages with limit=3 through every account exactly once, ending with cursor null', async () => {
    const { pages, items } = await pageAll(plain.url, 3);
    expect(pages).toBe(4);
    const ids = items.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
    expect(ids.some((id) => id.startsWith('acc_error_'))).toBe(false);
    const statuses = new Set(items.flatMap((a) => a.sources.map((s) => s.status)));
    expect([...statuses].sort()).toEqual([
      'CONNECTING',
      'CREDENTIALS',
      'ERROR',
      'OK',
      'PERMISSIONS',
      'STOPPED',
    ]);
    const states = new Set(items.map((a) => healthOf({ sources: a.sources }).state));
    expect([...states].sort()).toEqual(['action_needed', 'connecting', 'ok', 'stopped']);
  });

  it('answers GET /api/v1/accounts/{id} for a listed account', async () => {
    const reply = await request(`${plain.url}/api/v1/accounts/acc_demo_outlook_error`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ object: 'Account', type: 'OUTLOOK', id: 'acc_demo_outlook_error' });
  });

  it('refuses pp_test_rejected with 401 invalid_credentials on every endpoint; no key is missing_credentials', async () => {
    for (const path of [
      '/api/v1/users/me?account_id=acc_demo_linkedin',
      '/api/v1/accounts?limit=1',
      '/api/v1/accounts/acc_demo_linkedin',
    ]) {
      const refused = await request(`${plain.url}${path}`, 'pp_test_rejected');
      expect(refused.status, path).toBe(401);
      expect(refused.body.type, path).toBe('errors/invalid_credentials');
      const missing = await request(`${plain.url}${path}`, null);
      expect(missing.body.type, path).toBe('errors/missing_credentials');
    }
  });

  // how fast a page is served is npm run bench's to measure (its 10,000-account rows), not a test's
  it('serves 20,000 generated accounts in pages of 250, each id once', async () => {
    const { pages, items } = await pageAll(large.url, 250);
    expect(pages).toBe(Math.ceil(20_012 / 250));
    const generated = new Set<string>();
    for (const { id } of items) if (id.startsWith('acc_gen_')) generated.add(id);
    expect(generated.size).toBe(20_000);
    expect(items).toHaveLength(20_012);
    expect(generated.has('acc_gen_000001') && generated.has('acc_gen_020000')).toBe(true);
  });
});
