// `pp sandbox` serves the built-in API on loopback for other programs.
import { describe, expect, it } from 'vitest';
import { baseEnv, runPp, serveSandbox } from '../helpers/run.js';

describe('pp sandbox', () => {
  it('prints its base URL on stdout, answers like the API, checks X-API-KEY, stops on SIGTERM', async () => {
    const s = await serveSandbox();
    const { url } = s;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect.poll(() => s.printed().stderr).toMatch(/PP_BASE_URL=/);

    const noKey = await fetch(`${url}/api/v1/users/me?account_id=acc_demo_gmail`);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ status: 401, type: 'errors/missing_credentials' });

    const limited = await fetch(`${url}/api/v1/users/me?account_id=acc_error_too_many_requests`, {
      headers: { 'x-api-key': 'pp_test_x' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');

    const r = await runPp(['whoami', '--account', 'acc_demo_outlook', '--json'], {
      env: baseEnv({ PP_BASE_URL: url, PP_API_KEY: 'pp_test_sandboxUser0001' }),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).provider).toBe('OUTLOOK');

    s.child.kill('SIGTERM');
    expect((await s.done).code).toBe(0);
  });

  it('--accounts n adds n generated accounts to the list and says so', async () => {
    const s = await serveSandbox(['--accounts', '60']);
    const { url } = s;
    await expect
      .poll(() => s.printed().stderr)
      .toMatch(/60 generated accounts in the list, acc_gen_000001 to acc_gen_000060/);
    const key = { 'x-api-key': 'pp_test_x' };
    const list = await fetch(`${url}/api/v1/accounts?limit=250`, { headers: key });
    const ids = ((await list.json()) as { items: { id: string }[] }).items.map((a) => a.id);
    expect(ids).toHaveLength(72);
    expect(ids.at(-1)).toBe('acc_gen_000060');
    expect((await fetch(`${url}/api/v1/accounts/acc_gen_000061`, { headers: key })).status).toBe(404);
    s.child.kill('SIGTERM');
    expect((await s.done).code).toBe(0);
  });

  it.each(['-1', '1000001', 'many'])('--accounts %s is a usage error', async (n) => {
    const r = await runPp(['sandbox', '--accounts', n]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--accounts must be a whole number from 0 to 1000000.');
  });

  it('a port in use is a usage error', async () => {
    const s = await serveSandbox();
    const port = new URL(s.url).port;
    const r = await runPp(['sandbox', '--port', port]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
    s.child.kill('SIGTERM');
    await s.done;
  });
});
