// `pp sandbox` answers a path it does not serve with a 404 whose problem details name that path.
import { describe, expect, it } from 'vitest';
import { servedSandbox } from '../helpers/run.js';

const sandbox = servedSandbox();

describe('pp sandbox, other paths', () => {
  it.each([
    ['/api/v1/accounts/acc_demo_gmail/sources', '/api/v1/accounts/acc_demo_gmail/sources'],
    ['/api/v1/account', '/api/v1/account'],
    ['/api/v1/users/me/extra?account_id=acc_demo_gmail', '/api/v1/users/me/extra'],
    ['/', '/'],
  ])('answers GET %s with 404 errors/resource_not_found whose instance is %s', async (path, instance) => {
    const res = await fetch(`${sandbox.url()}${path}`, { headers: { 'x-api-key': 'pp_test_x' } });
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
