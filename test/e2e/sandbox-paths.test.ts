// `pp sandbox` answers a path it does not serve with a 404 whose problem details name that path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, serveSandbox } from '../helpers/run.js';

let sandbox: Started & { url: string };
let url: string;

beforeAll(async () => {
  sandbox = await serveSandbox();
  url = sandbox.url;
});
afterAll(async () => {
  sandbox.child.kill('SIGTERM');
  await sandbox.done;
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
