// pp accounts and pp accounts show, in process, against the sandbox (a large generated workspace
// on 127.0.0.1) and a scripted server: every page, filters, health, NDJSON, and what never shows.
import diagnostics from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { FaultServer, json, problem } from '../helpers/fault-server.js';
import { FakeClock, MemoryStream, pp } from '../helpers/pp.js';
import { baseEnv } from '../helpers/run.js';

let big: RunningSandbox;
let server: FaultServer;
beforeAll(async () => {
  [big, server] = await Promise.all([startSandbox({ accounts: 600 }), FaultServer.start()]);
});
afterAll(async () => {
  await Promise.all([big.close(), server.close()]);
});

const KEY = 'pp_live_AccountsT3stK3y0123456789abcd';
const env = (extra: Record<string, string | undefined> = {}) => baseEnv({ PP_API_KEY: KEY, ...extra });
const ndjson = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown> & { health: { state: string } });

const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('pp accounts', () => {
  it('lists the sandbox workspace with each account’s health from its sources', async () => {
    const r = await pp(['--sandbox', 'accounts'], { tty: { columns: 120 } });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+NAME\s+STATE\s+CREATED$/);
    expect(lines).toHaveLength(13);
    expect(lines.join('\n')).toMatch(
      /acc_demo_instagram_credentials\s+INSTAGRAM\s+.*action_needed\s+\d{4}-\d\d-\d\d/,
    );
    expect(r.stdout).toContain('\u001b[35maction_needed\u001b[39m'); // the state in its tone's colour
    expect(r.stderr).toBe('12 accounts: 7 ok, 1 connecting, 2 action_needed, 2 stopped\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
  });

  it('says how long ago each account was created where the width allows, the date alone where not', async () => {
    const item = {
      id: 'acc_1',
      type: 'LINKEDIN',
      name: 'Ada',
      created_at: '2026-08-30T06:00:00.000Z',
      sources: [{ id: 's', status: 'OK' }],
    };
    const server = await FaultServer.start();
    try {
      server.script(json({ items: [item], cursor: null }));
      const clock = new FakeClock(Date.UTC(2026, 10, 30, 6, 0, 0));
      const wide = await pp(['--base-url', server.origin, 'accounts'], {
        env: env(),
        tty: { columns: 100 },
        clock,
      });
      expect(plain(wide.stdout)).toMatch(/acc_1\s+LINKEDIN\s+Ada\s+ok\s+2026-08-30 \(3 months ago\)\n/);
      const narrow = await pp(['--base-url', server.origin, 'accounts'], {
        env: env(),
        tty: { columns: 50 },
        clock,
      });
      expect(plain(narrow.stdout)).toMatch(/acc_1\s+LINKEDIN\s+Ada\s+ok\s+2026-08-30\n/);
      const machine = await pp(['--base-url', server.origin, '--json', 'accounts'], { env: env(), clock });
      expect(JSON.parse(machine.stdout).account.created_at).toBe('2026-08-30T06:00:00.000Z');
    } finally {
      await server.close();
    }
  });

  it('sizes its table from every page: at 80, 100 and 160 columns every id and e-mail whole and STATE in line, at 160 every name', async () => {
    // pages of 6: the longest id and name come on the last page
    const item = (i: number, id = `acc_${i}`, name = `Owner ${i}`) => ({
      object: 'Account',
      type: i % 2 ? 'GOOGLE_OAUTH' : 'LINKEDIN',
      id,
      name,
      created_at: '2025-01-01T00:00:00.000Z',
      sources: [{ id: `${id}_S`, status: i === 13 ? 'STOPPED' : 'OK' }],
      connection_params: {},
      groups: [],
    });
    const items = Array.from({ length: 12 }, (_, i) => item(i));
    items.push(item(12, 'acc_w_mail_stop_01HXYZ4QK3WJ8FN3M6', 'bonjour@lumen-boulangerie.fr'));
    items.push(item(13, 'acc_13', 'Maximilian Alexander von Hohenberg-Lichtenstein'));
    const pages = [0, 6, 12].map((at, n) =>
      json({ object: 'AccountList', items: items.slice(at, at + 6), cursor: n < 2 ? `c${n + 1}` : null }),
    );
    for (const columns of [80, 100, 160]) {
      server.script(...pages);
      const r = await pp(['--base-url', server.origin, 'accounts'], { env: env(), tty: { columns } });
      expect(r.code).toBe(0);
      const [head = '', ...lines] = plain(r.stdout).trimEnd().split('\n');
      // a row per account; an e-mail with no room beside goes whole on the line below, from NAME
      const rows = lines.filter((l) => !l.startsWith(' '));
      expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(items.map((i) => i.id));
      expect(r.stdout).toContain('bonjour@lumen-boulangerie.fr');
      for (const below of lines.filter((l) => l.startsWith(' ')))
        expect([below.trim(), below.length - below.trimStart().length]).toEqual([
          'bonjour@lumen-boulangerie.fr',
          head.indexOf('NAME'),
        ]);
      // STATE in one column on every row
      for (const row of rows)
        expect(row.slice(head.indexOf('STATE')).split(/\s+/)[0]).toMatch(/^(ok|stopped)$/);
      if (columns === 160) {
        for (const i of items) expect(r.stdout).toContain(`  ${i.name}  `);
        expect(rows).toHaveLength(lines.length);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(160);
      }
    }
  });

  it('says how far it has read a long list on a terminal, and clears the line before the table', async () => {
    // a clock on which each look takes 400 ms: the list is read slowly enough to show the line
    let now = Date.UTC(2026, 10, 30);
    const slow = { now: () => (now += 400), sleep: async () => {}, every: () => () => {} };
    const r = await pp(['--base-url', big.url, 'accounts'], {
      env: env({ NO_COLOR: '1' }),
      tty: { columns: 120 },
      clock: slow,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('\r\u001b[Kreading the accounts list: page 2, 500 accounts so far');
    expect(r.stderr).toMatch(/page 3, 612 accounts so far\r\u001b\[K612 accounts: /);
    // not on a pipe, nor in a quick run
    const piped = await pp(['--base-url', big.url, 'accounts'], { env: env(), clock: slow });
    expect(piped.stderr).not.toContain('reading the accounts list');
  });

  it('reads every page of a large workspace (250 a page) and streams one NDJSON line per account', async () => {
    const r = await pp(['--base-url', big.url, '--json', 'accounts'], { env: env() });
    expect(r.code).toBe(0);
    const lines = ndjson(r.stdout);
    expect(lines).toHaveLength(612);
    expect(new Set(lines.map((l) => l.account_id)).size).toBe(612);
    const first = lines[0]!;
    expect(Object.keys(first)).toEqual(['account_id', 'type', 'name', 'health', 'account', 'config_profile']);
    expect((first.account as { id: string }).id).toBe(first.account_id);
    const states = new Set(lines.map((l) => l.health.state));
    expect([...states].sort()).toEqual(['action_needed', 'connecting', 'ok', 'stopped']);
  });

  // node:http writes a request to its socket on a later tick: asked for and not let out, the next
  // page waited for the lines of this one (10,000 accounts: a page every ~12 ms instead of ~7).
  it.each([
    ['accounts', '--json'],
    ['status', '--json', '--no-state'],
  ])('pp %s %s: the next page is on its way before this page is printed', async (...args) => {
    const stdout = new MemoryStream();
    const sent: number[] = []; // the accounts printed when each request went out
    const onRequest = () => sent.push(stdout.text.split('\n').length - 1);
    diagnostics.subscribe('http.client.request.start', onRequest);
    try {
      const r = await pp(['--base-url', big.url, ...args], { env: env(), stdout });
      expect([0, 5]).toContain(r.code);
      expect(stdout.text.split('\n').length - 1).toBe(612);
    } finally {
      diagnostics.unsubscribe('http.client.request.start', onRequest);
    }
    // pages of 250: the second was asked for before any line, the third before the second page's
    expect(sent).toEqual([0, 0, 250]);
  });

  it('filters by type and state, case-insensitively; an unknown state lists the valid ones (exit 2)', async () => {
    const stopped = await pp(['--sandbox', '--json', 'accounts', '--state', 'STOPPED']);
    expect(ndjson(stopped.stdout).map((l) => l.account_id)).toEqual([
      'acc_demo_outlook_error',
      'acc_demo_mail_stopped',
    ]);
    // a machine format writes no count line (cron mails whatever a job prints); the table does
    expect(stopped.stderr).toBe('');
    const table = await pp(['--sandbox', 'accounts', '--state', 'STOPPED']);
    expect(table.stderr).toBe('2 accounts (of 12 in the workspace): 2 stopped\n');
    const linkedin = await pp(['--sandbox', '--json', 'accounts', '--type', 'linkedin']);
    expect(ndjson(linkedin.stdout).map((l) => l.type)).toEqual(['LINKEDIN', 'LINKEDIN']);
    expect(linkedin.stderr).toBe('');
    // a type no account has is no error (the API adds types), but a typo must not pass in silence
    const typo = await pp(['--sandbox', '--json', 'accounts', '--type', 'linkdin']);
    expect(typo).toMatchObject({ code: 0, stdout: '' });
    expect(typo.stderr.replace(/\s+/g, ' ')).toContain(
      'warning: no account of type "LINKDIN" in the workspace; its types are GOOGLE_OAUTH, IMAP, INSTAGRAM, LINKEDIN, MAIL, MOBILE, OUTLOOK, TELEGRAM, TWITTER, WHATSAPP',
    );
    const group = await pp(['--sandbox', '--json', 'accounts', '--group', 'recruiting']);
    expect(ndjson(group.stdout).map((l) => l.account_id)).toEqual([
      'acc_demo_linkedin',
      'acc_demo_linkedin_seats_disconnected',
    ]);
    const bad = await pp(['--sandbox', 'accounts', '--state', 'broken']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/unknown --state "broken"/);
    expect(bad.stderr).toMatch(/ok, warning, connecting, action_needed, stopped, unknown/);
  });

  it('a refused key is exit 4, before anything is printed', async () => {
    const r = await pp(['--sandbox', 'accounts'], { env: env({ PP_API_KEY: 'pp_test_rejected' }) });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/errors\/invalid_credentials/);
  });

  it('a page that fails after its retries keeps what was printed and exits with its code, naming the page', async () => {
    const item = (id: string) => ({
      object: 'Account',
      type: 'IMAP',
      id,
      name: id,
      created_at: '2025-01-01T00:00:00.000Z',
      sources: [{ id: `${id}_S`, status: 'OK' }],
      connection_params: {},
      groups: [],
    });
    server.script(
      json({ object: 'AccountList', items: [item('acc_p1')], cursor: 'c2' }),
      problem(503, 'service_unavailable'),
    );
    const r = await pp(['--base-url', server.origin, '--retries', '0', '--json', 'accounts'], { env: env() });
    expect(r.code).toBe(12);
    expect(ndjson(r.stdout).map((l) => l.account_id)).toEqual(['acc_p1']);
    expect(JSON.parse(r.stderr).error.detail).toMatch(/page 2 of the accounts list/);
    server.script(
      json({ object: 'AccountList', items: [item('acc_p1')], cursor: 'c2' }),
      problem(503, 'service_unavailable'),
    );
    const human = await pp(['--base-url', server.origin, '--retries', '0', 'accounts'], { env: env() });
    expect(human.stderr).toMatch(/^error: service unavailable .*\n {2}.*\(page 2 of the accounts list\)\n/);
  });

  it('an item off its schema is a warning, or with --strict exit 15; its text is made safe', async () => {
    const odd = {
      object: 'Account',
      type: 'IMAP',
      id: 'acc_odd',
      name: 'Evil\u001b]0;owned\u0007',
      sources: 'none',
    };
    server.script(json({ items: [odd] }));
    const tolerant = await pp(['--base-url', server.origin, 'accounts'], { env: env() });
    expect(tolerant.code).toBe(0);
    expect(tolerant.stderr).toMatch(/warning: the account acc_odd does not match the documented schema/);
    expect(tolerant.stdout).not.toContain('\u001b]');
    expect(tolerant.stdout).toMatch(/acc_odd .*stopped/); // no source list: nothing runs
    const strict = await pp(['--base-url', server.origin, '--strict', 'accounts'], { env: env() });
    expect(strict.code).toBe(15);
  });
});

describe('pp accounts show', () => {
  it('shows sources with what to do, dates with how long ago, groups and connection settings', async () => {
    const r = await pp(['--sandbox', 'accounts', 'show', 'acc_demo_imap']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^IMAP account · .* · acc_demo_imap\n/);
    expect(r.stdout).toMatch(/^ {2}State +ok$/m);
    expect(r.stdout).toMatch(/Created +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(.+ ago\)/);
    expect(r.stdout).toMatch(/imap\.host +imap\.keller-design\.de/);
    expect(r.stdout).toMatch(/smtp\.port +465/);
  });

  it('never shows a token, password or cookie, even when the server sends one; --json is the body as received', async () => {
    const body = {
      object: 'Account',
      type: 'IMAP',
      id: 'acc_secret',
      name: 'Mailbox',
      created_at: '2025-01-01T00:00:00.000Z',
      sources: [{ id: 's1', status: 'CREDENTIALS' }],
      connection_params: {
        imap: { host: 'imap.example', port: 993, username: 'me', password: 'hunter2' },
        access_token: 'tok_123',
        cookie: 'li_at=abc',
      },
      groups: [],
    };
    server.script(json(body));
    const r = await pp(['--base-url', server.origin, 'accounts', 'show', 'acc_secret'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/imap\.host +imap\.example/);
    for (const secret of ['hunter2', 'tok_123', 'li_at', 'password', 'cookie'])
      expect(r.stdout).not.toContain(secret);
    expect(r.stdout).toMatch(/State +action_needed/);
    expect(r.stdout).toMatch(/^ {2}s1 +CREDENTIALS: A source needs its credentials refreshed\. Reconnect/m);
    const j = await pp(['--base-url', server.origin, '--json', 'accounts', 'show', 'acc_secret'], {
      env: env(),
    });
    expect(JSON.parse(j.stdout)).toEqual(body);
  });

  it('encodes the id as one path segment: slashes, dots and queries never reach another path', async () => {
    server.script(problem(404, 'resource_not_found'));
    for (const id of ['../users/me', 'a/b', 'x?limit=1', 'p%2F', 'a..b']) {
      const r = await pp(['--base-url', server.origin, 'accounts', 'show', id], { env: env() });
      expect(r.code, id).toBe(7);
    }
    expect(server.requests.map((q) => q.url)).toEqual([
      '/api/v1/accounts/..%2Fusers%2Fme',
      '/api/v1/accounts/a%2Fb',
      '/api/v1/accounts/x%3Flimit%3D1',
      '/api/v1/accounts/p%252F',
      '/api/v1/accounts/a..b',
    ]);
    // `.` and `..` alone would be read as this path and its parent, encoded or not: refused
    for (const id of ['.', '..']) {
      const r = await pp(['--base-url', server.origin, 'accounts', 'show', id], { env: env() });
      expect(r.code, id).toBe(2);
      expect(r.stderr).toMatch(/not an account id/);
    }
    expect(server.requests).toHaveLength(5);
  });

  it('an unknown id is exit 7', async () => {
    const r = await pp(['--sandbox', 'accounts', 'show', 'acc_nope']);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/resource_not_found/);
  });
});
