// `pp sandbox` answers a path it does not serve with a 404 whose problem details name that path.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, bin } from '../helpers/run.js';

let child: ReturnType<typeof spawn>;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, [bin, 'sandbox', '--port', '0'], { env: baseEnv() });
  let out = '';
  url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`pp sandbox exited ${code}`)));
  });
});
afterAll(async () => {
  child.kill('SIGTERM');
  if (child.exitCode === null) await once(child, 'exit');
});

describe('pp sandbox, other paths', () => {
  it.each([
    ['/api/v1/accounts/acc_demo_gmail/sources', '/api/v1/accounts/acc_demo_gmail/sources'],
    ['/api/v1/account', '/api/v1/account'],
    ['/api/v1/users/me/extra?account_id=acc_demo_gmail', '/api/v1/users/me/extra'],
    ['/', '/'],
  ])('answers GET %s with 404 errors/resource_not_found whose instance is %s', async (path, instance) => {
    const res = await fetch(`${url}${path}`, { headers: { 'x-api-key': 'pp_test_x' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      status: 404,
      type: 'errors/resource_not_found',
      detail: expect.stringMatching(
        /^The sandbox serves only GET \/api\/v1\/users\/me, \/api\/v1\/accounts, \/api\/v1\/accounts\/\{id\} and /,
      ),
      instance,
    });
  });
});
