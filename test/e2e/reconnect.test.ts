// pp accounts reconnect in process: against the sandbox, and a scripted API for what the sandbox
// does not do (another spelling of the answer, a dropped connection, a 500, a rate limit). What
// reached the wire is read from the fault server: the body, the Idempotency-Key, how many requests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { decodeQR } from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { account, api, KEY, requestsTo } from '../helpers/api.js';
import { answer, FaultServer, problem, reset } from '../helpers/fault-server.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv, tempDir } from '../helpers/run.js';

const server = FaultServer.forTests();

const LINK = '/api/v1/hosted/accounts/link';
const env = () => baseEnv({ PP_API_KEY: KEY });
const T0 = Date.UTC(2026, 10, 30, 6, 0, 0);
const clock = () => new FakeClock(T0);
const served = (...args: string[]) =>
  pp(['--base-url', server.origin, 'accounts', 'reconnect', ...args], { env: env(), clock: clock() });
const sandbox = (...args: string[]) =>
  pp(['--sandbox', 'accounts', 'reconnect', ...args], { clock: clock() });
const ndjson = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const posts = () => requestsTo(server.requests, LINK, 'POST');
const bodyOf = (n = 0) => JSON.parse(posts()[n]!.body) as Record<string, unknown>;

const broken = [
  account('acc_a', 'CREDENTIALS', { type: 'INSTAGRAM', name: 'Ada' }),
  account('acc_b', 'OK', { name: 'Bea' }),
  account('acc_c', 'STOPPED', { type: 'MAIL', name: 'cy@example.com' }),
];

describe('pp accounts reconnect, one account', () => {
  it('prints the link whole with its expiry, and its account’s type, name and state', async () => {
    const r = await sandbox('acc_demo_instagram_credentials');
    expect(r.code).toBe(0);
    const [head, row] = r.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^ID\s+TYPE\s+NAME\s+STATE\s+LINK\s+EXPIRES$/);
    expect(row).toMatch(
      /^acc_demo_instagram_credentials\s+INSTAGRAM\s+Sofia Marchetti\s+action_needed\s+https:\/\/sandbox\.postpress\.invalid\/hosted\/[\w-]+\s+2026-11-30 07:00:00 UTC \(in 1 hour\)$/,
    );
    expect(r.stderr).toMatch(
      /^1 link made; each works once, until 2026-11-30 07:00:00 UTC \(in 1 hour\) or the service’s daily restart/,
    );
  });

  it('puts the link under its row, whole, when the terminal has no room beside it', async () => {
    const r = await pp(['--sandbox', 'accounts', 'reconnect', 'acc_demo_instagram_credentials'], {
      tty: { columns: 80 },
      clock: clock(),
    });
    const lines = r.stdout
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+NAME\s+STATE$/);
    expect(lines[2]).toMatch(/^ {4}https:\/\/sandbox\.postpress\.invalid\/hosted\/[\w-]{24}$/);
  });

  it('sends the documented body: reconnect, the account, every provider, pp’s base URL, the expiry with ms, the name', async () => {
    server.script(api({ accounts: broken }));
    const r = await served('acc_a');
    expect(r.code).toBe(0);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.headers['content-type']).toBe('application/json');
    expect(posts()[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(bodyOf()).toEqual({
      type: 'reconnect',
      reconnect_account: 'acc_a',
      providers: '*',
      api_url: server.origin,
      expiresOn: '2026-11-30T07:00:00.000Z',
      name: 'acc_a',
    });
  });

  it('--expires, --name and the three URLs go into the body', async () => {
    server.script(api({ accounts: broken }));
    const r = await served(
      'acc_a',
      '--expires',
      '24h',
      '--name',
      'client 42',
      '--success-url',
      'https://example.com/ok',
      '--failure-url',
      'https://example.com/ko',
      '--notify-url',
      'https://example.com/hook',
    );
    expect(r.code).toBe(0);
    expect(bodyOf()).toMatchObject({
      expiresOn: '2026-12-01T06:00:00.000Z',
      name: 'client 42',
      success_redirect_url: 'https://example.com/ok',
      failure_redirect_url: 'https://example.com/ko',
      notify_url: 'https://example.com/hook',
    });
  });

  it.each([
    [['--expires', '25h'], /--expires takes a duration from 1m to 24h/],
    [['--notify-url', 'example.com/hook'], /--notify-url takes a full http\(s\) URL/],
    [['--success-url', 'ftp://example.com'], /--success-url takes a full http\(s\) URL/],
  ])('%j is a usage error, nothing sent', async (args, message) => {
    server.script(api({ accounts: broken }));
    const r = await served('acc_a', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('no account, or --needing with ids, is a usage error', async () => {
    expect((await sandbox()).stderr).toMatch(/no account given[\s\S]*--needing/);
    expect((await sandbox()).code).toBe(2);
    const both = await sandbox('acc_demo_gmail', '--needing');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--needing takes every account that needs its owner');
  });

  it('an account that does not exist is exit 7, no link asked for; the reason on standard error', async () => {
    server.script(api({ accounts: broken }));
    const r = await served('acc_zz');
    expect(r.code).toBe(7);
    expect(posts()).toHaveLength(0);
    expect(r.stdout).toMatch(/^acc_zz\s+-\s+-\s+unknown\s+none: errors\/resource_not_found/m);
    expect(r.stderr).toMatch(/warning: no link for acc_zz: Resource not found|no link for acc_zz/);
  });
});

describe('pp accounts reconnect, the formats', () => {
  it('--json: {"account_id","type","name","health","link":{"url","expires_at"}} a line each', async () => {
    const r = await sandbox('acc_demo_instagram_credentials', 'acc_demo_mail_stopped', '--yes', '--json');
    expect(r.code).toBe(0);
    const lines = ndjson(r.stdout);
    expect(lines.map((l) => Object.keys(l))).toEqual([
      ['account_id', 'type', 'name', 'health', 'link'],
      ['account_id', 'type', 'name', 'health', 'link'],
    ]);
    expect(lines[1]).toEqual({
      account_id: 'acc_demo_mail_stopped',
      type: 'MAIL',
      name: 'bonjour@lumen-boulangerie.fr',
      health: { state: 'stopped', reasons: [expect.objectContaining({ code: 'source_stopped' })] },
      link: {
        url: expect.stringMatching(/^https:\/\/sandbox\.postpress\.invalid\/hosted\//),
        expires_at: '2026-11-30T07:00:00.000Z',
      },
    });
    expect(r.stderr).toBe(''); // a machine format that succeeded says nothing on standard error
  });

  it('--json: an account with no link has link null and its error', async () => {
    server.script(api({ accounts: broken }));
    const r = await served('acc_a', 'acc_zz', '--yes', '--json');
    expect(r.code).toBe(7);
    const [, missing] = ndjson(r.stdout);
    expect(missing).toMatchObject({
      account_id: 'acc_zz',
      link: null,
      error: { exit_code: 7, type: 'errors/resource_not_found' },
    });
  });

  it('csv and tsv: account_id,type,name,state,url,expires_at, for a mail merge, through a real parser', async () => {
    const csv = await sandbox('--needing', '--yes', '--format', 'csv');
    expect(csv.code).toBe(0);
    const rows = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['account_id', 'type', 'name', 'state', 'url', 'expires_at']);
    expect(rows.map((row) => [row.account_id, row.state])).toEqual([
      ['acc_demo_instagram_credentials', 'action_needed'],
      ['acc_demo_mobile_permissions', 'action_needed'],
      ['acc_demo_outlook_error', 'stopped'],
      ['acc_demo_mail_stopped', 'stopped'],
    ]);
    for (const row of rows) {
      expect(row.url).toMatch(/^https:\/\/sandbox\.postpress\.invalid\/hosted\/[\w-]+$/);
      expect(row.expires_at).toBe('2026-11-30T07:00:00.000Z');
    }
    const tsv = await sandbox('acc_demo_gmail', '--format', 'tsv');
    expect(tsv.stdout.split('\n')[0]).toBe('account_id\ttype\tname\tstate\turl\texpires_at');
  });
});

describe('pp accounts reconnect --needing with the list’s filters', () => {
  it('takes --type, --state and --group as pp accounts and pp status do, and only with --needing', async () => {
    const stopped = await sandbox('--needing', '--state', 'stopped', '--yes', '--json');
    expect(ndjson(stopped.stdout).map((l) => l.account_id)).toEqual([
      'acc_demo_outlook_error',
      'acc_demo_mail_stopped',
    ]);
    const social = await sandbox('--needing', '--group', 'social', '--json');
    expect(ndjson(social.stdout).map((l) => l.account_id)).toEqual(['acc_demo_instagram_credentials']);
    const mobile = await sandbox('--needing', '--type', 'mobile', '--json');
    expect(ndjson(mobile.stdout).map((l) => l.account_id)).toEqual(['acc_demo_mobile_permissions']);
    const alone = await sandbox('acc_demo_gmail', '--type', 'gmail');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--type, --state and --group choose among the accounts --needing reads/);
  });
});

describe('pp accounts reconnect --needing', () => {
  it('takes every account whose health is action_needed or stopped, from the list', async () => {
    server.script(api({ accounts: broken }));
    const r = await served('--needing', '--yes', '--json');
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).map((l) => l.account_id)).toEqual(['acc_a', 'acc_c']);
    // the list told the type, name and state: no account is read again
    expect(server.requests.map((q) => `${q.method} ${q.url.split('?')[0]}`)).toEqual([
      'GET /api/v1/accounts',
      `POST ${LINK}`,
      `POST ${LINK}`,
    ]);
  });

  it('says so when no account needs its owner, and sends nothing', async () => {
    server.script(api({ accounts: [account('acc_b')] }));
    const r = await served('--needing');
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('No account needs its owner');
    expect(posts()).toHaveLength(0);
  });
});

describe('pp accounts reconnect asks first for more than one account', () => {
  it('off a terminal, without --yes: a usage error naming how many and the command, nothing sent', async () => {
    server.script(api({ accounts: broken }));
    const r = await served('acc_a', 'acc_c');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'pp accounts reconnect would make links for 2 accounts: that needs --yes when standard input is not a terminal',
    );
    expect(posts()).toHaveLength(0);
  });

  it('with --needing too: the list is read, no link asked for', async () => {
    server.script(api({ accounts: broken }));
    const r = await served('--needing');
    expect(r.code).toBe(2);
    expect(posts()).toHaveLength(0);
  });

  it('one account is not asked about; --from-file - counts the ids it reads', async () => {
    server.script(api({ accounts: broken }));
    expect((await served('acc_a')).code).toBe(0);
    const piped = await pp(['--base-url', server.origin, 'accounts', 'reconnect', '--from-file', '-'], {
      env: env(),
      input: 'acc_a\nacc_c\n',
    });
    expect(piped.code).toBe(2);
    const file = join(tempDir(), 'ids.txt');
    writeFileSync(file, '# to fix\nacc_a\nacc_c\nacc_a\n');
    const yes = await pp(
      ['--base-url', server.origin, 'accounts', 'reconnect', '--from-file', file, '--yes', '--json'],
      {
        env: env(),
      },
    );
    expect(ndjson(yes.stdout).map((l) => l.account_id)).toEqual(['acc_a', 'acc_c']);
  });
});

describe('pp accounts reconnect --dry-run', () => {
  it('prints each request as it would go, the key masked, in pp api’s layout, and sends none (no question asked)', async () => {
    server.script(api({ accounts: broken }));
    const r = await served('acc_a', 'acc_c', '--dry-run', '--name', 'x');
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(r.stdout).not.toContain(KEY);
    const requests = r.stdout.split('\n\n' + 'POST ');
    expect(requests).toHaveLength(2);
    expect(r.stdout.startsWith(`POST ${server.origin}${LINK}\n`)).toBe(true);
    expect(r.stdout).toContain('x-api-key: pp_live_…efGH\n');
    // each request its own Idempotency-Key, the one it would carry
    const keys = [...r.stdout.matchAll(/^idempotency-key: ([0-9a-f-]{36})$/gm)].map((m) => m[1]);
    expect(new Set(keys).size).toBe(2);
    expect(r.stdout).toContain('content-type: application/json\n');
    const body = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
    expect(body).toMatchObject({ type: 'reconnect', reconnect_account: 'acc_c', name: 'x' });
    expect(r.stderr).toContain('--dry-run: 2 requests printed, none sent.');
  });

  it('--json: a line per request; --needing still reads the list, and only that', async () => {
    server.script(api({ accounts: broken }));
    const r = await served('--needing', '--dry-run', '--json');
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toEqual([
      {
        method: 'POST',
        url: `${server.origin}${LINK}`,
        headers: expect.objectContaining({
          'x-api-key': 'pp_live_…efGH',
          'idempotency-key': expect.stringMatching(/^[0-9a-f-]{36}$/),
          'content-type': 'application/json',
        }),
        body: expect.objectContaining({ reconnect_account: 'acc_a' }),
      },
      expect.objectContaining({ body: expect.objectContaining({ reconnect_account: 'acc_c' }) }),
    ]);
    expect(server.requests.map((q) => q.method)).toEqual(['GET']);
  });
});

describe('pp accounts reconnect, what the server answers', () => {
  it.each([
    ['the documented answer', answer(201, { object: 'HostedAuthURL', url: 'https://h.example/x' })],
    ['a 200', answer(200, { object: 'HostedAuthURL', url: 'https://h.example/x' })],
    ['HostedAuthUrl', answer(201, { object: 'HostedAuthUrl', url: 'https://h.example/x' })],
    ['no object', answer(201, { url: 'https://h.example/x' })],
    [
      'the link under data.url',
      answer(201, { object: 'HostedAuthURL', data: { url: 'https://h.example/x' } }),
    ],
  ])('takes %s', async (_what, fault) => {
    server.script(api({ accounts: broken, link: () => fault }));
    const r = await served('acc_a', '--json');
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)[0]!.link).toEqual({
      url: 'https://h.example/x',
      expires_at: '2026-11-30T07:00:00.000Z',
    });
  });

  it.each([
    ['another object', { object: 'Account', url: 'https://h.example/secret-link' }, /not a hosted link/],
    ['no url', { object: 'HostedAuthURL', link: 'https://h.example/secret-link' }, /no link under "url"/],
    ['a url that is none', { object: 'HostedAuthURL', url: 'javascript:secret-link' }, /no link under "url"/],
  ])(
    '%s is exit 15 naming what was expected, and never quotes the answer (it may hold a link)',
    async (_what, body, message) => {
      server.script(api({ accounts: broken, link: () => answer(201, body) }));
      const r = await served('acc_a', '--verbose');
      expect(r.code).toBe(15);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('expected {"object": "HostedAuthURL", "url": "https://…"}');
      expect(r.stdout + r.stderr).not.toContain('secret-link');
      const json = await served('acc_a', '--json');
      expect(ndjson(json.stdout)[0]!.error).toMatchObject({
        exit_code: 15,
        detail: expect.stringMatching(/characters, not shown \(the answer may hold a link\)$/),
      });
      expect(json.stdout).not.toContain('secret-link');
    },
  );

  it('reads both error envelopes: the problem details and {"error": {"code", "message", "request_id"}}', async () => {
    server.script(
      api({
        accounts: broken,
        link: () =>
          answer(403, {
            error: {
              code: 'feature_not_subscribed',
              message: 'No hosted auth on this plan.',
              request_id: 'req_77',
            },
          }),
      }),
    );
    const r = await served('acc_a', '--json');
    expect(r.code).toBe(6);
    expect(ndjson(r.stdout)[0]!.error).toMatchObject({
      type: 'errors/feature_not_subscribed',
      detail: 'No hosted auth on this plan.',
      request_id: 'req_77',
    });
    server.script(api({ accounts: broken, link: () => problem(422, 'invalid_account') }));
    expect((await served('acc_a')).code).toBe(8);
  });

  it('accounts that fail with different codes make 16; the same code, that code', async () => {
    // one at a time: acc_a gets a link, acc_c a 422 (8), acc_zz is not found (7)
    server.script(
      api({ accounts: broken, link: (_req, n) => (n === 2 ? problem(422, 'invalid_account') : undefined) }),
    );
    expect((await served('acc_a', 'acc_c', 'acc_zz', '--yes', '--concurrency', '1')).code).toBe(16);
    server.script(api({ accounts: broken }));
    expect((await served('acc_zz', 'acc_yy', '--yes')).code).toBe(7);
  });
});

describe('pp accounts reconnect: a write is safe to retry and never done twice', () => {
  it('a connection dropped before any answer is retried with the same Idempotency-Key', async () => {
    server.script(api({ accounts: broken, link: (_req, n) => (n === 1 ? reset : undefined) }));
    const r = await served('acc_a', '--json');
    expect(r.code).toBe(0);
    expect(posts()).toHaveLength(2);
    const [first, second] = posts();
    expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
    expect(second!.body).toBe(first!.body);
  });

  it.each([502, 503, 504])('a %i is retried with the same key', async (status) => {
    server.script(api({ accounts: broken, link: (_req, n) => (n === 1 ? answer(status, {}) : undefined) }));
    expect((await served('acc_a')).code).toBe(0);
    expect(new Set(posts().map((p) => p.headers['idempotency-key'])).size).toBe(1);
    expect(posts()).toHaveLength(2);
  });

  it('a 500, whatever its type, is one request only: it may have been done (exit 10)', async () => {
    for (const fault of [answer(500, {}), problem(500, 'provider_error')]) {
      server.script(api({ accounts: broken, link: () => fault }));
      const r = await served('acc_a');
      expect(r.code).toBe(10);
      expect(posts()).toHaveLength(1);
    }
  });

  it('a 4xx is never retried', async () => {
    server.script(api({ accounts: broken, link: () => problem(400, 'unprocessable_entity') }));
    expect((await served('acc_a')).code).toBe(8);
    expect(posts()).toHaveLength(1);
  });

  it('each account’s request has a key of its own', async () => {
    server.script(api({ accounts: broken }));
    await served('acc_a', 'acc_b', 'acc_c', '--yes');
    expect(new Set(posts().map((p) => p.headers['idempotency-key'])).size).toBe(3);
  });
});

describe('pp accounts reconnect: many accounts share the run’s gate', () => {
  it('a 429 on one account pauses the run once (its Retry-After), then every link is made', async () => {
    const many = Array.from({ length: 8 }, (_, i) => account(`acc_${i}`, 'CREDENTIALS'));
    server.script(
      api({
        accounts: many,
        link: (_req, n) => (n === 2 ? answer(429, {}, { 'retry-after': '3' }) : undefined),
      }),
    );
    const fake = clock();
    const r = await pp(
      ['--base-url', server.origin, 'accounts', 'reconnect', '--needing', '--yes', '--json'],
      {
        env: env(),
        clock: fake,
      },
    );
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toHaveLength(8);
    expect(posts()).toHaveLength(9);
    expect(fake.sleeps.filter((ms) => ms >= 3000)).toEqual([3000]);
  });
});

describe('pp accounts reconnect: a link is a secret of the moment', () => {
  it('is on standard output only: not in --verbose lines, nor anywhere on standard error', async () => {
    server.script(api({ accounts: broken }));
    const r = await served('acc_a', 'acc_c', '--yes', '--verbose');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('https://hosted.example/reconnect/secret-1');
    expect(r.stderr).toContain(`POST ${server.origin}${LINK}`);
    expect(r.stderr).not.toMatch(/secret-\d/);
    expect(r.stderr).not.toContain('reconnect_account'); // the body is never logged
  });

  it('is not on the progress line of a run of many on a terminal', async () => {
    const many = Array.from({ length: 6 }, (_, i) => account(`acc_${i}`, 'STOPPED'));
    server.script(
      api({
        accounts: many,
        link: (_req, n) => (n === 1 ? answer(429, {}, { 'retry-after': '2' }) : undefined),
      }),
    );
    const r = await pp(['--base-url', server.origin, 'accounts', 'reconnect', '--needing', '--yes'], {
      env: env(),
      clock: new FakeClock(T0, { ticks: true }),
      tty: { columns: 200 },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\d+ of 6 done · 0 failed · waiting 2 s: rate limited \(acc_\d\)/);
    expect(r.stdout.match(/secret-\d/g)).toHaveLength(6);
    expect(r.stderr).not.toMatch(/secret|hosted\.example/);
  });

  it('a link holding the API key is masked, as everything printed is', async () => {
    server.script(
      api({ accounts: broken, link: () => answer(201, { url: `https://h.example/x?k=${KEY}` }) }),
    );
    const r = await served('acc_a', '--json');
    expect(r.stdout).not.toContain(KEY);
    expect(r.stdout).toContain('pp_live_…efGH');
  });
});

describe('pp accounts reconnect --qr', () => {
  /** The modules of a QR code drawn with half blocks, as an image the decoder reads. */
  function decodeDrawn(text: string, color: boolean): string {
    const lines = text
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((l) => /^[█▀▄ ]+$/.test(l) && /[█▀▄]/.test(l));
    const width = Math.max(...lines.map((l) => [...l].length));
    const rows: boolean[][] = [];
    for (const line of lines) {
      const chars = [...line.padEnd(width, ' ')];
      // drawn: the dark modules in colour, the light ones without
      const top = chars.map((c) => c === '█' || c === '▀');
      const bottom = chars.map((c) => c === '█' || c === '▄');
      rows.push(
        top.map((d) => (color ? d : !d)),
        bottom.map((d) => (color ? d : !d)),
      );
    }
    const scale = 8;
    const pad = 4;
    const size = (rows.length + 2 * pad) * scale;
    const wide = (width + 2 * pad) * scale;
    const data = new Uint8Array(size * wide * 3).fill(255);
    for (const [y, row] of rows.entries())
      for (const [x, dark] of row.entries()) {
        if (!dark) continue;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) {
            const at = ((y + pad) * scale + dy) * wide + (x + pad) * scale + dx;
            data.fill(0, at * 3, at * 3 + 3);
          }
      }
    return decodeQR({ width: wide, height: size, data });
  }

  it.each([
    ['in colour, dark on light', { FORCE_COLOR: '1' }, true],
    ['without colour, for a dark terminal', { NO_COLOR: '1' }, false],
  ])(
    'on a terminal draws each link as a QR code that reads back as the link (%s)',
    async (_what, extra, color) => {
      const r = await pp(['--sandbox', 'accounts', 'reconnect', 'acc_demo_mail_stopped', '--qr'], {
        tty: { columns: 200 },
        env: baseEnv(extra),
        clock: clock(),
      });
      expect(r.code).toBe(0);
      const link = /https:\/\/sandbox\.postpress\.invalid\/hosted\/[\w-]+/.exec(r.stdout)![0];
      expect(r.stdout).toContain('Scan to reconnect acc_demo_mail_stopped:');
      expect(decodeDrawn(r.stdout.slice(r.stdout.indexOf('Scan to')), color)).toBe(link);
    },
  );

  it('off a terminal draws none, and says so; with another format it is a usage error', async () => {
    const piped = await sandbox('acc_demo_mail_stopped', '--qr');
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toMatch(/[█▀▄]/);
    expect(piped.stderr).toContain('--qr draws QR codes on a terminal only');
    const json = await sandbox('acc_demo_mail_stopped', '--qr', '--json');
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('--qr draws on a terminal, not in --format json');
  });
});
