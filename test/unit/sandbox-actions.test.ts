// The sandbox's account actions (CLI.md, "The sandbox"): a reconnect link for any listed account,
// accounts that come back on the sandbox's clock, the resync steps, the Instagram checkpoint, and a
// write answered once per Idempotency-Key. Called through answer(), as the server does.
import { describe, expect, it } from 'vitest';
import { sandboxWorkspace } from '../../src/sandbox/accounts.js';
import {
  CHECKPOINT_CODE,
  COMES_BACK_MS,
  HOSTED_LINK_BASE,
  SandboxActions,
} from '../../src/sandbox/actions.js';
import { answer } from '../../src/sandbox/handler.js';

const T0 = Date.UTC(2026, 10, 30, 6, 0, 0);

/** A sandbox's memory on a clock the test moves. */
function sandbox() {
  const clock = { time: T0, now: () => clock.time };
  const actions = new SandboxActions(clock);
  const workspace = sandboxWorkspace();
  const call = (method: string, path: string, body?: unknown, idempotencyKey?: string) => {
    const res = answer(method, path, 'pp_test_x', workspace, actions, {
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      idempotencyKey,
    });
    return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
  };
  const state = (id: string) =>
    (call('GET', `/api/v1/accounts/${id}`).body.sources as { status: string }[]).map((s) => s.status);
  return { clock, call, state };
}

const linkBody = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'reconnect',
  reconnect_account: id,
  providers: '*',
  api_url: 'http://127.0.0.1:8787',
  expiresOn: new Date(T0 + 3_600_000).toISOString(),
  ...extra,
});

describe('the sandbox’s reconnect link', () => {
  it('answers 201 HostedAuthURL with a fresh link under its own host for any listed account', () => {
    const { call } = sandbox();
    const a = call('POST', '/api/v1/hosted/accounts/link', linkBody('acc_demo_mail_stopped'));
    const b = call('POST', '/api/v1/hosted/accounts/link', linkBody('acc_demo_mail_stopped'));
    expect(a.status).toBe(201);
    expect(a.body).toEqual({
      object: 'HostedAuthURL',
      url: expect.stringMatching(/^https:\/\/sandbox\.postpress\.invalid\/hosted\/[\w-]{20,}$/),
    });
    expect(String(a.body.url).startsWith(HOSTED_LINK_BASE)).toBe(true);
    expect(b.body.url).not.toBe(a.body.url);
  });

  it('turns the account OK about 5 s later, on the sandbox’s clock, in the list and GET /accounts/{id}', () => {
    const { clock, call, state } = sandbox();
    expect(state('acc_demo_mail_stopped')).toEqual(['STOPPED']);
    call('POST', '/api/v1/hosted/accounts/link', linkBody('acc_demo_mail_stopped'));
    clock.time += COMES_BACK_MS - 1;
    expect(state('acc_demo_mail_stopped')).toEqual(['STOPPED']);
    clock.time += 1;
    expect(state('acc_demo_mail_stopped')).toEqual(['OK']);
    const list = call('GET', '/api/v1/accounts?limit=250').body.items as {
      id: string;
      sources: { status: string }[];
    }[];
    expect(list.find((a) => a.id === 'acc_demo_mail_stopped')!.sources[0]!.status).toBe('OK');
    // the others are as they were
    expect(state('acc_demo_outlook_error')).toEqual(['ERROR', 'OK']);
  });

  it('refuses a body that is not the documented reconnect variant, 422 naming the field', () => {
    const { call } = sandbox();
    const cases: [unknown, RegExp][] = [
      [linkBody('acc_demo_gmail', { type: 'create' }), /type must be "reconnect"/],
      [linkBody('acc_demo_gmail', { expiresOn: '2026-11-30T07:00:00Z' }), /expiresOn/],
      [linkBody('acc_demo_gmail', { expiresOn: new Date(T0 - 1000).toISOString() }), /in the past/],
      [linkBody('acc_demo_gmail', { providers: undefined }), /providers/],
      [linkBody('acc_demo_gmail', { api_url: '' }), /api_url/],
      [linkBody('acc_demo_gmail', { name: '' }), /name/],
      ['not json', /JSON object/],
      [[1, 2], /JSON object/],
    ];
    for (const [body, detail] of cases) {
      const r = call('POST', '/api/v1/hosted/accounts/link', body);
      expect(r.status, String(detail)).toBe(422);
      expect(r.body.detail).toMatch(detail);
    }
  });

  it('answers 404 for an account it does not list, and an acc_error_ id with its error', () => {
    const { call } = sandbox();
    expect(call('POST', '/api/v1/hosted/accounts/link', linkBody('acc_nope')).status).toBe(404);
    const failing = call('POST', '/api/v1/hosted/accounts/link', linkBody('acc_error_too_many_requests'));
    expect(failing).toMatchObject({ status: 429, body: { type: 'errors/too_many_requests' } });
  });

  it('takes only POST there', () => {
    const { call } = sandbox();
    expect(call('GET', '/api/v1/hosted/accounts/link')).toMatchObject({
      status: 422,
      body: { detail: 'GET is not supported here; use POST.' },
    });
  });

  it('answers a write once per Idempotency-Key: the same key gets the same link, a new key a new one', () => {
    const { call } = sandbox();
    const first = call('POST', '/api/v1/hosted/accounts/link', linkBody('acc_demo_gmail'), 'key-1');
    const again = call('POST', '/api/v1/hosted/accounts/link', linkBody('acc_demo_gmail'), 'key-1');
    const other = call('POST', '/api/v1/hosted/accounts/link', linkBody('acc_demo_gmail'), 'key-2');
    expect(again.body.url).toBe(first.body.url);
    expect(other.body.url).not.toBe(first.body.url);
  });
});

describe('the sandbox’s connecting account', () => {
  it('acc_demo_whatsapp_connecting turns OK 5 s after the sandbox starts', () => {
    const { clock, state } = sandbox();
    expect(state('acc_demo_whatsapp_connecting')).toEqual(['CONNECTING']);
    clock.time += COMES_BACK_MS;
    expect(state('acc_demo_whatsapp_connecting')).toEqual(['OK']);
  });
});

describe('the sandbox’s resync', () => {
  it('acc_demo_linkedin and acc_demo_telegram go SYNC_STARTED, SYNC_RUNNING, CHUNK_DONE, SYNC_DONE, then start again', () => {
    for (const id of ['acc_demo_linkedin', 'acc_demo_telegram']) {
      const { call } = sandbox();
      const steps = Array.from({ length: 5 }, () => call('GET', `/api/v1/accounts/${id}/sync`));
      expect(steps.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
      expect(steps.map((s) => s.body.status)).toEqual([
        'SYNC_STARTED',
        'SYNC_RUNNING',
        'CHUNK_DONE',
        'SYNC_DONE',
        'SYNC_STARTED',
      ]);
      expect(steps[0]!.body.object).toBe('AccountResync');
    }
  });

  it('another type answers 422 errors/invalid_account; an unknown id 404', () => {
    const { call } = sandbox();
    expect(call('GET', '/api/v1/accounts/acc_demo_gmail/sync')).toMatchObject({
      status: 422,
      body: { type: 'errors/invalid_account' },
    });
    expect(call('GET', '/api/v1/accounts/acc_nope/sync').status).toBe(404);
  });
});

describe('the sandbox’s checkpoint', () => {
  const solve = (code: string) => ({
    account_id: 'acc_demo_instagram_credentials',
    provider: 'INSTAGRAM',
    code,
  });

  it(`solves acc_demo_instagram_credentials with ${CHECKPOINT_CODE}: 201 AccountCreated, and the account is OK`, () => {
    const { call, state } = sandbox();
    expect(state('acc_demo_instagram_credentials')).toEqual(['CREDENTIALS']);
    expect(call('POST', '/api/v1/accounts/checkpoint', solve(CHECKPOINT_CODE))).toEqual({
      status: 201,
      body: { object: 'AccountCreated', account_id: 'acc_demo_instagram_credentials' },
    });
    expect(state('acc_demo_instagram_credentials')).toEqual(['OK']);
    // nothing is pending any more
    expect(call('POST', '/api/v1/accounts/checkpoint', solve(CHECKPOINT_CODE)).status).toBe(404);
  });

  it('any other code is 400 errors/invalid_checkpoint_solution, and the checkpoint stays', () => {
    const { call, state } = sandbox();
    expect(call('POST', '/api/v1/accounts/checkpoint', solve('000000'))).toMatchObject({
      status: 400,
      body: { status: 400, type: 'errors/invalid_checkpoint_solution' },
    });
    expect(state('acc_demo_instagram_credentials')).toEqual(['CREDENTIALS']);
    expect(call('POST', '/api/v1/accounts/checkpoint', solve(CHECKPOINT_CODE)).status).toBe(201);
  });

  it('TRY_ANOTHER_WAY answers another checkpoint (SMS); resend answers CheckpointResend', () => {
    const { call } = sandbox();
    expect(call('POST', '/api/v1/accounts/checkpoint', solve('TRY_ANOTHER_WAY'))).toEqual({
      status: 202,
      body: {
        object: 'Checkpoint',
        account_id: 'acc_demo_instagram_credentials',
        checkpoint: { type: 'SMS' },
      },
    });
    expect(
      call('POST', '/api/v1/accounts/checkpoint/resend', {
        account_id: 'acc_demo_instagram_credentials',
        provider: 'INSTAGRAM',
      }),
    ).toEqual({ status: 201, body: { object: 'CheckpointResend', success: true } });
  });

  it('another account has no checkpoint (404); a wrong provider or a missing code is 422', () => {
    const { call } = sandbox();
    expect(
      call('POST', '/api/v1/accounts/checkpoint', {
        ...solve('1'),
        account_id: 'acc_demo_linkedin',
        provider: 'LINKEDIN',
      }).status,
    ).toBe(404);
    expect(call('POST', '/api/v1/accounts/checkpoint', { ...solve('1'), provider: 'GMAIL' }).status).toBe(
      422,
    );
    expect(call('POST', '/api/v1/accounts/checkpoint', { ...solve(''), code: undefined }).status).toBe(422);
  });
});
