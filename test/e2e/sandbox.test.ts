// `pp sandbox` serves the built-in API on loopback for other programs.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { baseEnv, bin, runPp } from '../helpers/run.js';

function serve(args: string[] = []) {
  const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0', ...args], { env: baseEnv() });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, stderr: () => stderr };
}

describe('pp sandbox', () => {
  it('prints its base URL on stdout, answers like the API, checks X-API-KEY, stops on SIGTERM', async () => {
    const s = serve();
    const url = await s.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect.poll(s.stderr).toMatch(/PP_BASE_URL=/);

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
    expect(await s.exited).toBe(0);
  });

  it('--accounts n adds n generated accounts to the list and says so', async () => {
    const s = serve(['--accounts', '60']);
    const url = await s.url;
    await expect
      .poll(s.stderr)
      .toMatch(/60 generated accounts in the list, acc_gen_000001 to acc_gen_000060/);
    const key = { 'x-api-key': 'pp_test_x' };
    const list = await fetch(`${url}/api/v1/accounts?limit=250`, { headers: key });
    const ids = ((await list.json()) as { items: { id: string }[] }).items.map((a) => a.id);
    expect(ids).toHaveLength(72);
    expect(ids.at(-1)).toBe('acc_gen_000060');
    expect((await fetch(`${url}/api/v1/accounts/acc_gen_000061`, { headers: key })).status).toBe(404);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it.each(['-1', '1000001', 'many'])('--accounts %s is a usage error', async (n) => {
    const r = await runPp(['sandbox', '--accounts', n]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--accounts must be a whole number from 0 to 1000000.');
  });

  it('a port in use is a usage error', async () => {
    const s = serve();
    const port = new URL(await s.url).port;
    const r = await runPp(['sandbox', '--port', port]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
    s.child.kill('SIGTERM');
    await s.exited;
  });
});
