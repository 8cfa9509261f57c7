// pp accounts resync in process, on a fake clock: the sandbox's steps, and a scripted API for the
// type check, SYNC_ERROR, a status pp does not know, answers it cannot read, and --max-wait.
import { describe, expect, it } from 'vitest';
import { account, api, KEY } from '../helpers/api.js';
import { answer, FaultServer, hang, problem } from '../helpers/fault-server.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv } from '../helpers/run.js';

const server = FaultServer.forTests();

const T0 = Date.UTC(2026, 10, 30, 6, 0, 0);
const env = () => baseEnv({ PP_API_KEY: KEY });
const accounts = [
  account('acc_li'),
  account('acc_tg', 'OK', { type: 'TELEGRAM' }),
  account('acc_gm', 'OK', { type: 'GOOGLE_OAUTH' }),
];
const resync = (args: string[], clock = new FakeClock(T0)) =>
  pp(['--base-url', server.origin, 'accounts', 'resync', ...args], { env: env(), clock });
const syncs = () => server.requests.filter((r) => r.url.endsWith('/sync'));
/** A resync whose n-th call answers statuses[n-1] (the last one repeats). */
const steps = (...statuses: string[]) =>
  api({
    accounts,
    sync: (_req, n) =>
      answer(200, { object: 'AccountResync', status: statuses[Math.min(n, statuses.length) - 1] }),
  });

describe('pp accounts resync', () => {
  it('starts the resync and prints its status: exit 0, one call', async () => {
    server.script(steps('SYNC_STARTED'));
    const r = await resync(['acc_li']);
    expect(r).toMatchObject({ code: 0, stdout: 'resync of acc_li: SYNC_STARTED, started\n' });
    expect(syncs().map((q) => `${q.method} ${q.url}`)).toEqual(['GET /api/v1/accounts/acc_li/sync']);
  });

  it('--sandbox --wait follows acc_demo_linkedin through its steps to SYNC_DONE, every --interval', async () => {
    const clock = new FakeClock(T0);
    const r = await pp(['--sandbox', 'accounts', 'resync', 'acc_demo_linkedin', '--wait'], { clock });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'resync of acc_demo_linkedin: SYNC_STARTED, started (0 s)',
      'resync of acc_demo_linkedin: SYNC_RUNNING, running (5 s)',
      'resync of acc_demo_linkedin: CHUNK_DONE, running: a part of the history is done (10 s)',
      'resync of acc_demo_linkedin: SYNC_DONE, done (15 s)',
    ]);
    expect(clock.sleeps).toEqual([5000, 5000, 5000]);
  });

  it('--json: the body as received, a line per status as it changes', async () => {
    const r = await pp(
      ['--sandbox', '--json', 'accounts', 'resync', 'acc_demo_telegram', '--wait', '--interval', '1s'],
      {
        clock: new FakeClock(T0),
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '{"object":"AccountResync","status":"SYNC_STARTED"}',
        '{"object":"AccountResync","status":"SYNC_RUNNING"}',
        '{"object":"AccountResync","status":"CHUNK_DONE"}',
        '{"object":"AccountResync","status":"SYNC_DONE"}',
        '',
      ].join('\n'),
    );
  });

  it('reads the account first: another type is refused (exit 8) naming the types that can, nothing started', async () => {
    server.script(steps('SYNC_STARTED'));
    const r = await resync(['acc_gm']);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain(
      'acc_gm is a GOOGLE_OAUTH account: only LinkedIn and Telegram accounts resync',
    );
    expect(r.stderr).toContain('Nothing was started');
    expect(syncs()).toHaveLength(0);
    server.script(steps('SYNC_STARTED'));
    expect((await resync(['acc_nope'])).code).toBe(7);
    expect(syncs()).toHaveLength(0);
  });

  it('an error the server answers anyway keeps its own code: 501 is 11, 422 is 8', async () => {
    server.script(api({ accounts, sync: () => problem(501, 'feature_not_implemented') }));
    expect((await resync(['acc_tg'])).code).toBe(11);
    server.script(api({ accounts, sync: () => problem(422, 'invalid_account') }));
    expect((await resync(['acc_tg'])).code).toBe(8);
  });

  it('SYNC_ERROR is exit 10, at once or while following it', async () => {
    server.script(steps('SYNC_ERROR'));
    const now = await resync(['acc_li']);
    expect(now.code).toBe(10);
    expect(now.stderr).toContain('the resync of acc_li failed (SYNC_ERROR)');
    server.script(steps('SYNC_STARTED', 'SYNC_RUNNING', 'SYNC_ERROR'));
    expect((await resync(['acc_li', '--wait'])).code).toBe(10);
  });

  it('a status pp does not know is taken as still running', async () => {
    server.script(steps('SYNC_STARTED', 'SYNC_QUEUED', 'SYNC_DONE'));
    const r = await resync(['acc_li', '--wait']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('resync of acc_li: SYNC_QUEUED, running (a status pp does not know)');
  });

  it('an answer with no status is exit 15, naming what was expected', async () => {
    server.script(api({ accounts, sync: () => answer(200, { object: 'AccountResync' }) }));
    const r = await resync(['acc_li']);
    expect(r.code).toBe(15);
    expect(r.stderr).toContain('expected {"object": "AccountResync", "status": "SYNC_…"}');
  });

  it('--wait ends at --max-wait with exit 18, saying it goes on without pp', async () => {
    server.script(steps('SYNC_STARTED', 'SYNC_RUNNING'));
    const clock = new FakeClock(T0);
    const r = await resync(['acc_li', '--wait', '--max-wait', '1m', '--interval', '20s'], clock);
    expect(r.code).toBe(18);
    expect(r.stderr).toContain('the resync of acc_li is still SYNC_RUNNING after 1 min (--max-wait 1m)');
    expect(clock.sleeps).toEqual([20_000, 20_000, 20_000]);
  });

  it('--wait goes on through errors that may pass, backing off', async () => {
    let n = 0;
    const ok = steps('SYNC_DONE');
    server.script((req) => {
      if (!req.url.endsWith('/sync')) return ok(req);
      n++;
      return n === 1
        ? answer(200, { object: 'AccountResync', status: 'SYNC_STARTED' })
        : n <= 3
          ? answer(503, {})
          : ok(req);
    });
    const clock = new FakeClock(T0);
    const r = await pp(
      ['--base-url', server.origin, '--retries', '0', 'accounts', 'resync', 'acc_li', '--wait'],
      {
        env: env(),
        clock,
      },
    );
    expect(r.code).toBe(0);
    expect(clock.sleeps).toEqual([5000, 10_000, 20_000]);
  });

  it('--wait against a server that hangs ends at --max-wait in real time', async () => {
    let n = 0;
    const first = steps('SYNC_STARTED');
    server.script((req) => (req.url.endsWith('/sync') && ++n > 1 ? hang : first(req)));
    const started = performance.now();
    const r = await pp(
      [
        '--base-url',
        server.origin,
        'accounts',
        'resync',
        'acc_li',
        '--wait',
        '--interval',
        '1s',
        '--max-wait',
        '2s',
      ],
      { env: env() },
    );
    server.dropConnections();
    expect(r.code).toBe(18);
    expect(performance.now() - started).toBeLessThan(6000);
  });
});
