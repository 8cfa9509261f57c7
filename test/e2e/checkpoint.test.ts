// pp accounts checkpoint in process: the sandbox's Instagram checkpoint (123456), and a scripted API
// for wrong codes at any status, a checkpoint that ran out, retries of the write, and a server that
// quotes the code back (it must not reach the screen). The terminal prompt is in checkpoint-tty.
import { describe, expect, it } from 'vitest';
import { account, api, KEY, requestsTo } from '../helpers/api.js';
import { answer, FaultServer, problem, reset } from '../helpers/fault-server.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv } from '../helpers/run.js';

const server = FaultServer.forTests();

const CHECKPOINT = '/api/v1/accounts/checkpoint';
const env = () => baseEnv({ PP_API_KEY: KEY });
const accounts = [
  account('acc_ig', 'CREDENTIALS', { type: 'INSTAGRAM' }),
  account('acc_gm', 'OK', { type: 'GOOGLE_OAUTH' }),
];
const checkpoint = (args: string[], input?: string) =>
  pp(['--base-url', server.origin, 'accounts', 'checkpoint', ...args], {
    env: env(),
    input,
    clock: new FakeClock(),
  });
const sandbox = (args: string[], input?: string) =>
  pp(['--sandbox', 'accounts', 'checkpoint', 'acc_demo_instagram_credentials', ...args], { input });
const posts = () => requestsTo(server.requests, CHECKPOINT, 'POST');

describe('pp accounts checkpoint against the sandbox', () => {
  it('reads the code from standard input, solves the checkpoint and says the account is connected', async () => {
    const r = await sandbox([], '123456\n');
    expect(r).toMatchObject({
      code: 0,
      stdout: 'Checkpoint solved. acc_demo_instagram_credentials is connected (ok).\n',
    });
  });

  it('--code gives it; a wrong code is exit 5, says what to do, and the checkpoint stays', async () => {
    const wrong = await sandbox(['--code', '654321']);
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toContain(
      'the code was not accepted for acc_demo_instagram_credentials (errors/invalid_checkpoint_solution, HTTP 400)',
    );
    expect(wrong.stderr).toMatch(
      /acc_demo_instagram_credentials keeps its checkpoint: run `pp --sandbox accounts checkpoint acc_demo_instagram_credentials` again with the latest code, or `--resend`/,
    );
    expect(wrong.stderr).not.toContain('654321');
  });

  it('--another-way asks for another kind of check; --resend sends the code again', async () => {
    const another = await sandbox(['--another-way']);
    expect(another.code).toBe(0);
    expect(another.stdout).toContain(
      'asks acc_demo_instagram_credentials’s owner for another check (SMS)'.replace('’', "'"),
    );
    const resend = await sandbox(['--resend']);
    expect(resend).toMatchObject({ code: 0 });
    expect(resend.stdout).toContain(
      'A new code is on its way to the owner of acc_demo_instagram_credentials',
    );
  });

  it('--json prints the answer as received', async () => {
    const r = await sandbox(['--code', '123456', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({
      object: 'AccountCreated',
      account_id: 'acc_demo_instagram_credentials',
    });
  });
});

describe('pp accounts checkpoint: what is sent', () => {
  it('POSTs {"account_id", "provider", "code"}, the provider from the account’s type, with an Idempotency-Key', async () => {
    server.script(api({ accounts }));
    const r = await checkpoint(['acc_ig'], ' 777111 \n');
    expect(r.code).toBe(0);
    expect(posts()).toHaveLength(1);
    expect(JSON.parse(posts()[0]!.body)).toEqual({
      account_id: 'acc_ig',
      provider: 'INSTAGRAM',
      code: '777111',
    });
    expect(posts()[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    // then it reads the account to say whether it is connected
    expect(r.stdout).toBe(
      'Checkpoint solved. acc_ig is still action_needed: A source needs its credentials refreshed. Reconnect the account (new credentials), or solve its checkpoint.\n',
    );
  });

  it('--another-way sends TRY_ANOTHER_WAY; --resend POSTs to …/resend', async () => {
    server.script(api({ accounts }));
    await checkpoint(['acc_ig', '--another-way']);
    expect(JSON.parse(posts()[0]!.body).code).toBe('TRY_ANOTHER_WAY');
    server.script(api({ accounts }));
    await checkpoint(['acc_ig', '--resend']);
    expect(JSON.parse(requestsTo(server.requests, `${CHECKPOINT}/resend`, 'POST')[0]!.body)).toEqual({
      account_id: 'acc_ig',
      provider: 'INSTAGRAM',
    });
  });

  it('refuses an account of another type (exit 8) without sending anything', async () => {
    server.script(api({ accounts }));
    const r = await checkpoint(['acc_gm', '--code', '1']);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain(
      'checkpoints are solved for LinkedIn, Instagram, Twitter and Messenger accounts',
    );
    expect(posts()).toHaveLength(0);
  });

  it.each([
    [[], '', /no checkpoint code given[\s\S]*printf %s "\$CODE" \| pp accounts checkpoint acc_ig/],
    [[], '\n\n', /no checkpoint code given/],
    [['--code', ''], undefined, /no checkpoint code given/],
    [['--code', '12 34'], undefined, /a checkpoint code has no spaces in it/],
    [['--code', '1', '--resend'], undefined, /--code and --resend do not go together/],
    [[], 'x'.repeat(300), /more than 256 characters: that is no checkpoint code/],
  ])('%j with %j on standard input is a usage error, nothing sent', async (args, input, message) => {
    server.script(api({ accounts }));
    const r = await checkpoint(['acc_ig', ...args], input);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(posts()).toHaveLength(0);
  });
});

describe('pp accounts checkpoint: what the server answers', () => {
  it.each([400, 401, 422])(
    'a wrong code (errors/invalid_checkpoint_solution) with HTTP %i is exit 5, and a server that quotes the code does not show it',
    async (status) => {
      server.script(
        api({
          accounts,
          checkpoint: () =>
            problem(status, 'invalid_checkpoint_solution', {
              detail: 'The code 424242 is not the one we sent.',
            }),
        }),
      );
      const r = await checkpoint(['acc_ig', '--code', '424242', '--verbose']);
      expect(r.code).toBe(5);
      expect(r.stderr).toContain(`(errors/invalid_checkpoint_solution, HTTP ${status})`);
      expect(r.stderr).toContain('The code •••••• is not the one we sent.');
      expect(r.stderr).not.toContain('424242');
      const json = await checkpoint(['acc_ig', '--code', '424242', '--json']);
      expect(JSON.parse(json.stderr).error).toMatchObject({
        exit_code: 5,
        type: 'errors/invalid_checkpoint_solution',
      });
      expect(json.stderr).not.toContain('424242');
    },
  );

  it('the quick start’s envelope too: {"error": {"code": "invalid_checkpoint_solution"}}', async () => {
    server.script(
      api({
        accounts,
        checkpoint: () =>
          answer(400, {
            error: { code: 'invalid_checkpoint_solution', message: 'Wrong code.', request_id: 'req_9' },
          }),
      }),
    );
    const r = await checkpoint(['acc_ig', '--code', '1']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('req_9');
  });

  it('a checkpoint that ran out (expired_link, or 404) says to reconnect, keeping its code', async () => {
    server.script(api({ accounts, checkpoint: () => problem(401, 'expired_link') }));
    const expired = await checkpoint(['acc_ig', '--code', '1']);
    expect(expired.code).toBe(5);
    expect(expired.stderr).toContain('reconnect it with `pp --base-url');
    server.script(api({ accounts, checkpoint: () => problem(404, 'resource_not_found') }));
    expect((await checkpoint(['acc_ig', '--code', '1'])).code).toBe(7);
  });

  it('an answer that does not name the account is exit 15, naming what was expected', async () => {
    server.script(api({ accounts, checkpoint: () => answer(201, { object: 'AccountCreated' }) }));
    const r = await checkpoint(['acc_ig', '--code', '1']);
    expect(r.code).toBe(15);
    expect(r.stderr).toContain('expected {"object": "AccountCreated", "account_id": "acc_ig"}');
  });

  it('a resend the provider refuses (success false) is exit 8', async () => {
    server.script(
      api({ accounts, resend: () => answer(201, { object: 'CheckpointResend', success: false }) }),
    );
    expect((await checkpoint(['acc_ig', '--resend'])).code).toBe(8);
  });
});

describe('pp accounts checkpoint: the write is safe to retry and never done twice', () => {
  it('a dropped connection is retried with the same Idempotency-Key and body', async () => {
    server.script(api({ accounts, checkpoint: (_req, n) => (n === 1 ? reset : undefined) }));
    expect((await checkpoint(['acc_ig', '--code', '31337'])).code).toBe(0);
    expect(posts()).toHaveLength(2);
    expect(posts()[1]!.headers['idempotency-key']).toBe(posts()[0]!.headers['idempotency-key']);
    expect(posts()[1]!.body).toBe(posts()[0]!.body);
  });

  it('a 500 is one request only (exit 10)', async () => {
    server.script(api({ accounts, checkpoint: () => answer(500, {}) }));
    expect((await checkpoint(['acc_ig', '--code', '31337'])).code).toBe(10);
    expect(posts()).toHaveLength(1);
  });

  it('the code is never in a --verbose line', async () => {
    server.script(api({ accounts, checkpoint: (_req, n) => (n === 1 ? reset : undefined) }));
    const r = await checkpoint(['acc_ig', '--code', '31337', '--verbose']);
    expect(r.stderr).toContain(`POST ${server.origin}${CHECKPOINT}`);
    expect(r.stderr).not.toContain('31337');
  });
});
