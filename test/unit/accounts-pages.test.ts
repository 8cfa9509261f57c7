// The accounts list, page by page, against a scripted server: both spellings, the cursor followed
// to its end, a repeated cursor refused, and a failing page named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountPages } from '../../src/api/accounts.js';
import { createClient } from '../../src/api/client.js';
import { Cursors } from '../../src/api/pages.js';
import { PpError } from '../../src/errors.js';
import { FaultServer, json, problem } from '../helpers/fault-server.js';
import { FakeClock } from '../helpers/pp.js';

let server: FaultServer;
beforeAll(async () => {
  server = await FaultServer.start();
});
afterAll(async () => {
  await server.close();
});

const client = () =>
  createClient({
    baseUrl: server.origin,
    apiKey: 'pp_test_pages',
    timeoutMs: 5_000,
    retries: 1,
    userAgent: 'pp/test',
    env: {},
    clock: new FakeClock(),
  });

const account = (id: string) => ({ object: 'Account', id, type: 'LINKEDIN', name: id, sources: [] });

async function collect(limit = 2): Promise<{ ids: string[]; error: unknown }> {
  const ids: string[] = [];
  try {
    for await (const page of accountPages(client(), limit)) ids.push(...page.map((a) => String(a.id)));
  } catch (error) {
    return { ids, error };
  }
  return { ids, error: undefined };
}

describe('accountPages', () => {
  it('follows the cursor until there is none, with limit and cursor on the wire', async () => {
    server.script(
      json({ object: 'AccountList', items: [account('a1'), account('a2')], cursor: 'c2' }),
      json({ object: 'AccountList', items: [account('a3'), account('a4')], cursor: 'c3' }),
      json({ object: 'AccountList', items: [account('a5')], cursor: null }),
    );
    const { ids, error } = await collect();
    expect(error).toBeUndefined();
    expect(ids).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/accounts?limit=2',
      '/api/v1/accounts?limit=2&cursor=c2',
      '/api/v1/accounts?limit=2&cursor=c3',
    ]);
  });

  it('reads the other spelling (data, next_cursor) and stops on an empty or absent cursor', async () => {
    server.script(
      json({ data: [account('b1')], next_cursor: 'n2' }),
      json({ data: [account('b2')], next_cursor: '' }),
    );
    expect((await collect()).ids).toEqual(['b1', 'b2']);
    server.script(json({ items: [account('c1')] }));
    expect((await collect()).ids).toEqual(['c1']);
  });

  it('refuses a cursor it was given before (exit 15), never looping', async () => {
    server.script(
      json({ items: [account('d1')], cursor: 'same' }),
      json({ items: [account('d2')], cursor: 'same' }),
    );
    const { ids, error } = await collect();
    expect(ids).toEqual(['d1', 'd2']);
    expect(error).toBeInstanceOf(PpError);
    expect(error).toMatchObject({ exitCode: 15 });
    expect((error as PpError).message).toMatch(/cursor it had given before$/);
    expect((error as PpError).detail).toBe('On page 2 of the accounts list.');
    expect(server.requests).toHaveLength(2);
  });

  it('a page that fails after its retries fails with its own code, naming the page; earlier pages stand', async () => {
    server.script(json({ items: [account('e1')], cursor: 'p2' }), problem(503, 'service_unavailable'));
    const { ids, error } = await collect();
    expect(ids).toEqual(['e1']);
    expect(error).toMatchObject({ exitCode: 12, type: 'errors/service_unavailable' });
    expect((error as PpError).detail).toMatch(/\(page 2 of the accounts list\)$/);
    expect(server.requests).toHaveLength(3); // page 1, page 2 and its one retry
  });

  it('a list that is not one (no items, an item that is not an object) is an invalid response', async () => {
    server.script(json({ object: 'AccountList', accounts: [] }));
    expect((await collect()).error).toMatchObject({ exitCode: 15 });
    server.script(json({ items: [account('f1'), 'acc_f2'] }));
    const { error } = await collect();
    expect((error as PpError).message).toMatch(/item 2 of the list is not an account object/);
  });
});

describe('a huge page', () => {
  it('is refused once past 16 MB, as a huge profile is past 64 MB (exit 15, not retried)', async () => {
    server.script({ kind: 'flood', bytes: 50 * 1024 * 1024 });
    const { ids, error } = await collect();
    expect(ids).toEqual([]);
    expect(error).toMatchObject({ exitCode: 15 });
    expect((error as PpError).message).toMatch(/larger than 16 MB/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('the cursors a listing remembers', () => {
  it('keeps at most 64 characters of each, however long the cursor (1 MB cursors were kept whole)', () => {
    const cursors = new Cursors();
    const long = 'c'.repeat(1024 * 1024);
    const page = (cursor: string) => cursors.next({ items: [], cursor });
    for (let i = 0; i < 20; i++) expect(page(`${long}${i}`)).toEqual({ cursor: `${long}${i}` });
    expect(cursors.held).toBeLessThanOrEqual(20 * 64);
    expect(page(`${long}7`).problem?.message).toMatch(/a cursor it had given before/);
    expect(page(`${long}20`).cursor).toBe(`${long}20`);
    expect(page('short').cursor).toBe('short');
    expect(page('short').problem?.exitCode).toBe(15);
  });
});
