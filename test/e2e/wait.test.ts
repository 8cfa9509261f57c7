// pp accounts wait in process, on a fake clock (its waits pass at once and are recorded): against
// the sandbox, whose connecting account comes back 5 s after it starts, and a scripted API for
// the rest: accounts that come back, flip or fail, a server that rate-limits or hangs, Ctrl-C.
import { describe, expect, it } from 'vitest';
import { account, api, KEY, requestsTo } from '../helpers/api.js';
import { answer, FaultServer, hang, problem } from '../helpers/fault-server.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv } from '../helpers/run.js';

const server = FaultServer.forTests();

const T0 = Date.UTC(2026, 10, 30, 6, 0, 0);
const env = () => baseEnv({ PP_API_KEY: KEY });
const wait = (args: string[], clock = new FakeClock(T0), signal?: AbortSignal) =>
  pp(['--base-url', server.origin, 'accounts', 'wait', ...args], { env: env(), clock, signal });
const ndjson = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const total = (clock: FakeClock) => clock.sleeps.reduce((a, b) => a + b, 0);
const accountReads = () => server.requests.filter((r) => /^\/api\/v1\/accounts\/[^/?]+$/.test(r.url));

/** Accounts whose status is a function of how many times they were read. */
function changing(statuses: Record<string, (read: number) => string>) {
  const reads = new Map<string, number>();
  return api({
    accounts: [],
    account: (req) => {
      const id = decodeURIComponent(req.url.split('/').pop()!);
      const status = statuses[id];
      if (!status) return undefined;
      const n = (reads.get(id) ?? 0) + 1;
      reads.set(id, n);
      return answer(200, account(id, status(n)));
    },
  });
}

describe('pp accounts wait against the sandbox', () => {
  it('--sandbox: acc_demo_whatsapp_connecting comes back (5 s after the sandbox starts): a line, exit 0', async () => {
    const clock = new FakeClock(T0);
    const r = await pp(['--sandbox', 'accounts', 'wait', 'acc_demo_whatsapp_connecting'], { clock });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^acc_demo_whatsapp_connecting\s+ok\s+after 10 s\n$/);
    expect(clock.sleeps).toEqual([10_000]); // read at once, then every --interval (10 s)
    expect(r.stderr).toBe('1 of 1 account ok after 10 s\n');
  });

  it('--until connecting takes connecting as there; an account already ok is there at once', async () => {
    const clock = new FakeClock(T0);
    const r = await pp(
      [
        '--sandbox',
        'accounts',
        'wait',
        'acc_demo_whatsapp_connecting',
        'acc_demo_gmail',
        '--until',
        'connecting',
      ],
      { clock },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^acc_demo_whatsapp_connecting\s+connecting\s+after 0 s$/),
      expect.stringMatching(/^acc_demo_gmail\s+ok\s+after 0 s$/),
    ]);
    expect(clock.sleeps).toEqual([]);
  });

  it('an account that does not come back: polled every --interval up to --max-wait, then exit 18 naming it', async () => {
    const clock = new FakeClock(T0);
    const r = await pp(
      ['--sandbox', 'accounts', 'wait', 'acc_demo_mail_stopped', '--max-wait', '1m', '--interval', '15s'],
      { clock },
    );
    expect(r.code).toBe(18);
    expect(clock.sleeps).toEqual([15_000, 15_000, 15_000, 15_000]);
    expect(r.stdout).toMatch(/^acc_demo_mail_stopped\s+stopped\s+not ok after 1 min\n$/);
    expect(r.stderr).toContain('still waiting for acc_demo_mail_stopped');
  });

  it('the last wait ends at --max-wait, not at the next round', async () => {
    const clock = new FakeClock(T0);
    const r = await pp(
      ['--sandbox', 'accounts', 'wait', 'acc_demo_mail_stopped', '--max-wait', '25', '--interval', '10'],
      { clock },
    );
    expect(r.code).toBe(18);
    expect(clock.sleeps).toEqual([10_000, 10_000, 5_000]);
  });

  it('--json: a line per account as it gets there, then one for each that did not', async () => {
    const r = await pp(
      [
        '--sandbox',
        '--json',
        'accounts',
        'wait',
        'acc_demo_mail_stopped',
        'acc_demo_gmail',
        '--max-wait',
        '20s',
      ],
      { clock: new FakeClock(T0) },
    );
    expect(r.code).toBe(18);
    expect(ndjson(r.stdout)).toEqual([
      {
        account_id: 'acc_demo_gmail',
        type: 'GOOGLE_OAUTH',
        name: 'Tomáš Novák',
        health: { state: 'ok', reasons: [] },
        reached: true,
        waited_seconds: 0,
      },
      expect.objectContaining({
        account_id: 'acc_demo_mail_stopped',
        health: expect.objectContaining({ state: 'stopped' }),
        reached: false,
        waited_seconds: 20,
      }),
    ]);
    expect(r.stderr).toBe('');
  });
});

describe('pp accounts wait: what it reads', () => {
  it('each account still waiting, by GET /api/v1/accounts/{id}; no longer one that got there', async () => {
    server.script(
      changing({ acc_a: (n) => (n >= 2 ? 'OK' : 'CONNECTING'), acc_b: (n) => (n >= 3 ? 'OK' : 'ERROR') }),
    );
    const r = await wait(['acc_a', 'acc_b', '--json']);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).map((l) => [l.account_id, l.waited_seconds])).toEqual([
      ['acc_a', 10],
      ['acc_b', 20],
    ]);
    expect(accountReads().map((q) => q.url.split('/').pop())).toEqual([
      'acc_a',
      'acc_b',
      'acc_a',
      'acc_b',
      'acc_b',
    ]);
  });

  it('the accounts list when more than 20 wait (one request per round), each id after that', async () => {
    const ids = Array.from({ length: 22 }, (_, i) => `acc_${String(i).padStart(2, '0')}`);
    let listed = 0;
    server.script(
      api({
        // after the first reading of the list, all but two are back; they come back in the third round
        accounts: () => ids.map((id, i) => account(id, listed > 1 || i >= 2 ? 'OK' : 'CREDENTIALS')),
        list: () => {
          listed++;
          return undefined;
        },
        account: (req) => answer(200, account(decodeURIComponent(req.url.split('/').pop()!), 'OK')),
      }),
    );
    const r = await wait([...ids, '--json']);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toHaveLength(22);
    expect(requestsTo(server.requests, '/api/v1/accounts')).toHaveLength(1);
    expect(accountReads()).toHaveLength(2);
  });

  it('an account that cannot be read is its own line and code (7); the others are waited for', async () => {
    server.script(changing({ acc_a: (n) => (n >= 2 ? 'OK' : 'CONNECTING') }));
    const r = await wait(['acc_a', 'acc_nope']);
    expect(r.code).toBe(7);
    expect(r.stdout).toMatch(/^acc_nope\s+unknown\s+cannot be read: resource not found.*HTTP 404/im);
    expect(r.stdout).toMatch(/^acc_a\s+ok\s+after 10 s$/m);
    expect(accountReads().filter((q) => q.url.endsWith('acc_nope'))).toHaveLength(1);
  });

  it('a code of its own and a time-out differ: 16', async () => {
    server.script(changing({ acc_a: () => 'STOPPED' }));
    expect((await wait(['acc_a', 'acc_nope', '--max-wait', '30s'])).code).toBe(16);
  });

  it('a refused key ends everything at once (exit 4)', async () => {
    server.script(problem(401, 'invalid_credentials'));
    const r = await wait(['acc_a', 'acc_b']);
    expect(r.code).toBe(4);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it('an empty id is a usage error', async () => {
    expect((await wait(['acc_a', ' '])).code).toBe(2);
  });
});

describe('pp accounts wait ends by --max-wait, whatever the server does', () => {
  it('errors that may pass are waited out with backoff: the interval doubles while they last', async () => {
    // the first two reads fail with a 503 (and pp retries none of them itself): 20 s, then 40 s
    let n = 0;
    const ok = changing({ acc_a: () => 'OK' });
    server.script((req) => (++n <= 2 ? answer(503, {}) : ok(req)));
    const clock = new FakeClock(T0);
    const r = await pp(['--base-url', server.origin, '--retries', '0', 'accounts', 'wait', 'acc_a'], {
      env: env(),
      clock,
    });
    expect(r.code).toBe(0);
    expect(clock.sleeps).toEqual([20_000, 40_000]);
    expect(r.stdout).toMatch(/^acc_a\s+ok\s+after 1 min\n$/);
  });

  it('a 429 whose Retry-After is past the deadline: one request, then the wait ends at --max-wait (18)', async () => {
    server.script(answer(429, { status: 429, type: 'errors/too_many_requests' }, { 'retry-after': '3600' }));
    const clock = new FakeClock(T0);
    const r = await wait(['acc_a', '--max-wait', '5m'], clock);
    expect(r.code).toBe(18);
    expect(server.requests).toHaveLength(1);
    expect(total(clock)).toBe(300_000);
  });

  it('a storm of 429s with a short Retry-After: bounded requests, and 18 at --max-wait', async () => {
    server.script(answer(429, { status: 429, type: 'errors/too_many_requests' }, { 'retry-after': '30' }));
    const clock = new FakeClock(T0);
    const r = await wait(['acc_a', '--max-wait', '10m'], clock);
    expect(r.code).toBe(18);
    expect(clock.now() - T0).toBeLessThanOrEqual(10 * 60_000 + 30_000);
    expect(server.requests.length).toBeLessThan(60);
  });

  it('an account that flips between two states that are not ok is waited for to the end (18)', async () => {
    server.script(changing({ acc_a: (n) => (n % 2 ? 'CONNECTING' : 'CREDENTIALS') }));
    const clock = new FakeClock(T0);
    const r = await wait(['acc_a', '--max-wait', '2m'], clock);
    expect(r.code).toBe(18);
    expect(total(clock)).toBe(120_000);
  });

  it('a server that never answers: the wait ends at --max-wait in real time, not at --timeout', async () => {
    server.script(hang);
    const started = performance.now();
    const r = await pp(
      ['--base-url', server.origin, '--timeout', '30', 'accounts', 'wait', 'acc_a', '--max-wait', '1s'],
      {
        env: env(),
      },
    );
    const took = performance.now() - started;
    server.dropConnections();
    expect(r.code).toBe(18);
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5000);
    expect(r.stdout).toMatch(/^acc_a\s+unknown\s+not ok after 1 s\n$/);
  });
});

describe('pp accounts wait for a person', () => {
  it('on a terminal, a progress line names who is still waiting; links never appear on it', async () => {
    const clock = new FakeClock(T0, { ticks: true });
    const r = await pp(['--sandbox', 'accounts', 'wait', 'acc_demo_whatsapp_connecting', 'acc_demo_gmail'], {
      clock,
      tty: { columns: 100 },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'waiting for 1 of 2: acc_demo_whatsapp_connecting · next check in 10 s · 0 s of 10 min',
    );
    expect(r.stderr).toMatch(/\r\u001b\[K$/m); // cleared before the lines and at the end
  });

  it('Ctrl-C ends it at once: 130, and a line saying who was still waiting', async () => {
    const interrupt = new AbortController();
    server.script((req) => {
      if (req.n === 3) setTimeout(() => interrupt.abort(), 20);
      return req.n >= 3 ? hang : answer(200, account('acc_a', 'CONNECTING'));
    });
    const r = await wait(['acc_a', '--interval', '1s'], new FakeClock(T0), interrupt.signal);
    server.dropConnections();
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/^interrupted after \d+ s: still waiting for acc_a$/m);
    expect(r.stdout).toBe('');
  });
});
