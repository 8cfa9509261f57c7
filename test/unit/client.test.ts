// The API client's pieces: Retry-After, error answers, profile bodies, backoff, and the retry loop
// itself with a fake sleep and random (no real waiting) against the in-process fault server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../src/api/catalogue.js';
import {
  backoffMs,
  type ClientOptions,
  createClient,
  formatSeconds,
  hasProvider,
  httpError,
  networkError,
  oneLineReason,
  parseAnswer,
  parseRetryAfter,
} from '../../src/api/client.js';
import { MAX_RETRY_AFTER_MS } from '../../src/api/gate.js';
import { ExitCode, PpError } from '../../src/errors.js';
import { answer, FaultServer, hang, json, linkedinProfile, problem } from '../helpers/fault-server.js';
import { FakeClock } from '../helpers/pp.js';

const KEY = 'pp_live_Un1tT3stK3y0123456789abcdEFGH';

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1_000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads all three HTTP-date forms, as GMT', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wednesday, 21-Oct-15 07:28:30 GMT', now)).toBe(30_000);
    // asctime has no zone and means GMT, whatever the machine's time zone
    expect(parseRetryAfter('Wed Oct 21 07:29:00 2015', now)).toBe(60_000);
  });

  it('reads a date in the past as no wait', () => {
    expect(parseRetryAfter('Tue, 20 Oct 2015 07:28:00 GMT', now)).toBe(0);
  });

  it('ignores what is neither (the client then backs off on its own)', () => {
    for (const value of [
      null,
      '',
      '  ',
      'soon',
      '1.5',
      '-3',
      '1e3',
      '0x10',
      'May 1',
      'Infinity',
      'tomorrow',
    ]) {
      expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
    }
  });

  it('makes a long wait visible to the caller, which does not wait it out', () => {
    expect(parseRetryAfter('61', now)!).toBeGreaterThan(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('60', now)!).not.toBeGreaterThan(MAX_RETRY_AFTER_MS);
  });
});

describe('httpError', () => {
  it('reads the quick start’s envelope too: the code as the type, with or without errors/, the message as the detail', () => {
    for (const code of ['invalid_credentials', 'errors/invalid_credentials']) {
      const e = httpError(
        401,
        'Unauthorized',
        JSON.stringify({
          error: { code, message: 'The API key provided is not valid.', request_id: 'req_8c1f' },
        }),
        undefined,
      );
      expect(e.type).toBe('errors/invalid_credentials');
      expect(e.exitCode).toBe(ExitCode.auth);
      expect(e.detail).toBe('The API key provided is not valid.');
      expect(e.requestId).toBe('req_8c1f');
      expect(e.message).toBe('Invalid credentials (errors/invalid_credentials, HTTP 401)');
    }
  });

  it('takes the request id from x-request-id when the body has none, one line of it at most', () => {
    const problemBody = JSON.stringify({
      status: 404,
      type: 'errors/resource_not_found',
      title: 'Not found',
    });
    expect(httpError(404, 'Not Found', problemBody, 'acc_1', undefined, 0, 'req_h1').requestId).toBe(
      'req_h1',
    );
    expect(httpError(500, '', '<html>', undefined, undefined, 0, 'req_a\r\nSet-Cookie: x').requestId).toBe(
      'req_a',
    );
    expect(httpError(500, '', '<html>', undefined).requestId).toBeUndefined();
    expect(httpError(500, '', '{"error":"a string"}', undefined).type).toBeNull();
  });

  it('shows the server title and detail when it sends them, the catalogue hint always', () => {
    const e = httpError(
      401,
      'Unauthorized',
      JSON.stringify({
        status: 401,
        type: 'errors/disconnected_account',
        title: 'Gone',
        detail: 'Reconnect it.',
      }),
      'acc_1',
    );
    expect(e.title).toBe('Gone');
    expect(e.detail).toBe('Reconnect it.');
    expect(e.hint).toBe(errorCatalogue.disconnected_account!.hint);
  });

  it('reads the problem-details envelope: type first, then status', () => {
    const e = httpError(
      401,
      'Unauthorized',
      JSON.stringify({
        status: 401,
        type: 'errors/disconnected_account',
        title: 'Disconnected account',
        detail: 'The account is disconnected from the provider service.',
      }),
      'acc_1',
    );
    expect(e).toBeInstanceOf(PpError);
    expect(e.exitCode).toBe(ExitCode.disconnected);
    expect(e.status).toBe(401);
    expect(e.type).toBe('errors/disconnected_account');
    expect(e.title).toBe('Disconnected account');
    expect(e.detail).toBe('The account is disconnected from the provider service.');
    expect(e.message).toBe('Disconnected account (errors/disconnected_account, HTTP 401)');
    expect(e.accountId).toBe('acc_1');
    expect(e.hint).toMatch(/reconnect/i);
    expect(e.retryable).toBe(false);
  });

  it('fills a missing title and detail from the catalogue', () => {
    const e = httpError(404, 'Not Found', '{"status":404,"type":"errors/resource_not_found"}', 'acc_1');
    expect(e.exitCode).toBe(ExitCode.notFound);
    expect(e.title).toBeTruthy();
    expect(e.detail).toBeTruthy();
  });

  it.each([
    [502, 'Bad Gateway', '<html><body>502 Bad Gateway</body></html>', ExitCode.unavailable],
    [503, 'Service Unavailable', '', ExitCode.unavailable],
    [401, 'Unauthorized', '', ExitCode.auth],
    [500, '', '{"truncated": ', ExitCode.server],
    [418, "I'm a teapot", '[]', ExitCode.rejected],
    [504, 'Gateway Timeout', 'null', ExitCode.gatewayTimeout],
  ])('reads a %i with a body that is not the envelope as its status alone', (status, text, body, code) => {
    const e = httpError(status, text, body, 'acc_1');
    expect(e.exitCode).toBe(code);
    expect(e.type).toBeNull();
    expect(e.status).toBe(status);
    expect(e.message).toContain('no error type');
    expect(e.message).toContain(`HTTP ${status}`);
    expect(e.title).toBe(text || `HTTP ${status}`);
  });

  it('ignores an envelope whose type is not a string', () => {
    const e = httpError(401, 'Unauthorized', '{"type": 7, "title": 3}', 'acc_1');
    expect(e.type).toBeNull();
    expect(e.title).toBe('Unauthorized');
    expect(e.exitCode).toBe(ExitCode.auth);
  });

  it('says when to try again after a Retry-After', () => {
    const e = httpError(429, 'Too Many Requests', '', 'acc_1', 120_000);
    expect(e.exitCode).toBe(ExitCode.rateLimited);
    expect(e.retryAfter).toBe(120);
    expect(e.hint).toMatch(/^Try again in 120 s \(after \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/);
    expect(e.retryable).toBe(true);
  });
});

describe('parseAnswer of a users/me body', () => {
  const parseProfile = (body: string, contentType: string | null, accountId: string) =>
    parseAnswer(body, contentType, accountId, hasProvider);

  const failure = (body: string, contentType: string | null = 'application/json') => {
    const result = parseProfile(body, contentType, 'acc_1');
    if (result.ok) throw new Error('expected a failure');
    expect(result.retryable).toBe(false);
    expect(result.error.exitCode).toBe(ExitCode.invalidResponse);
    expect(result.error.accountId).toBe('acc_1');
    return result.error;
  };

  it('accepts a JSON object with a provider and keeps the body as sent', () => {
    const body = '{"provider":"LINKEDIN", "n": 12345678901234567890}';
    const result = parseProfile(body, 'application/json', 'acc_1');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.fetched.body).toBe(body);
      expect(result.fetched.data.provider).toBe('LINKEDIN');
    }
  });

  it('accepts an unknown provider (the API may add some)', () => {
    expect(parseProfile('{"provider":"MASTODON"}', null, 'acc_1').ok).toBe(true);
  });

  it.each([
    ['{"provider": "LINK', /not JSON/],
    ['', /not JSON/],
    ['[]', /an array, not a JSON object/],
    ['null', /null, not a JSON object/],
    ['42', /a number, not a JSON object/],
    ['"LINKEDIN"', /a string, not a JSON object/],
    ['true', /a boolean, not a JSON object/],
    ['{}', /no "provider"/],
    ['{"object":"AccountOwnerProfile"}', /no "provider"/],
    ['{"provider":""}', /no "provider"/],
    ['{"provider":3}', /no "provider"/],
  ])('refuses %j', (body, message) => {
    const error = failure(body);
    expect(error.message).toMatch(message);
    expect(error.detail).toContain('content type application/json');
  });

  it('describes what came: the content type and the first bytes only', () => {
    const html = `<!doctype html><html><head><title>Sign in</title></head><body>${'x'.repeat(10_000)}</body></html>`;
    const error = failure(html, 'text/html; charset=utf-8');
    expect(error.detail).toContain('content type text/html; charset=utf-8');
    expect(error.detail).toContain('<!doctype html>');
    expect(error.detail!.length).toBeLessThan(200);
    expect(failure('', null).detail).toMatch(/content type none; the body is empty/);
  });
});

describe('networkError', () => {
  const url = 'https://api.example.test/api/v1/users/me?account_id=acc_1';
  const fail = (code: string, message: string) =>
    networkError(Object.assign(new Error(message), { code }), url, 'acc_1');

  it.each([
    [
      'EPROTO',
      'write EPROTO 80EC67A76F7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n',
      'wrong version number',
    ],
    [
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'C0B7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:ssl3_record.c:354:',
      'wrong version number',
    ],
    [
      'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
      '40:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:rec_layer_s3.c:1586:SSL alert number 70\n',
      'tlsv1 alert protocol version',
    ],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', 'self-signed certificate'],
    [
      'SELF_SIGNED_CERT_IN_CHAIN',
      'self-signed certificate in certificate chain',
      'self-signed certificate in certificate chain',
    ],
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'unable to verify the first certificate',
      'unable to verify the first certificate',
    ],
    [
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'unable to get local issuer certificate',
      'unable to get local issuer certificate',
    ],
    ['CERT_HAS_EXPIRED', 'certificate has expired', 'certificate has expired'],
    ['CERT_NOT_YET_VALID', 'certificate is not yet valid', 'certificate is not yet valid'],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      "Hostname/IP does not match certificate's altnames: Host: api.example.test. is not in the cert's altnames: DNS:localhost",
      "Hostname/IP does not match certificate's altnames: Host: api.example.test. is not in the cert's altnames: DNS:localhost",
    ],
    ['INVALID_CA', 'invalid CA certificate', 'invalid CA certificate'],
  ])('calls %s a TLS failure with a one-line reason (exit 14)', (code, message, reason) => {
    const error = fail(code, message);
    expect(error.message).toBe(`network failure: TLS failure talking to api.example.test (${code})`);
    expect(error.detail).toBe(reason);
    expect(error.hint).toMatch(/https/);
    expect(error.exitCode).toBe(ExitCode.network);
    expect(error.accountId).toBe('acc_1');
  });

  it('keeps plain network failures as they were', () => {
    const refused = fail('ECONNREFUSED', 'connect ECONNREFUSED 1.2.3.4:443');
    expect(refused.message).toBe(
      'network failure: connection refused talking to api.example.test (ECONNREFUSED)',
    );
    expect(refused.detail).toBeUndefined();
    const odd = fail('EWHATEVER', 'something odd\n  happened\n');
    expect(odd.message).toBe('network failure: no answer talking to api.example.test (EWHATEVER)');
    expect(odd.detail).toBe('something odd');
  });
});

describe('formatSeconds', () => {
  it('shows a timeout with at most 3 decimals, never in exponent notation', () => {
    expect(formatSeconds(30_000)).toBe('30');
    expect(formatSeconds(2_500)).toBe('2.5');
    expect(formatSeconds(0.3 * 1000)).toBe('0.3');
    expect(formatSeconds(1_234.5678)).toBe('1.235');
    expect(formatSeconds(3_600_000)).toBe('3600');
    // below Node's 1 ms timer floor, the timeout that really applied
    expect(formatSeconds(1e-9 * 1000)).toBe('0.001');
    expect(formatSeconds(Number.MIN_VALUE)).toBe('0.001');
  });
});

describe('oneLineReason', () => {
  it('keeps OpenSSL’s reason out of its dump, else the first line', () => {
    expect(
      oneLineReason(
        'write EPROTO 1:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:x.c:1:\n',
      ),
    ).toBe('wrong version number');
    expect(oneLineReason("IP: 127.0.0.1 is not in the cert's list: ")).toBe(
      "IP: 127.0.0.1 is not in the cert's list",
    );
    expect(oneLineReason('first\nsecond\n')).toBe('first');
  });
});

describe('backoffMs', () => {
  it('doubles from 0.5 s and stops at 8 s', () => {
    const max = () => 1;
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffMs(n, max))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
  });

  it('uses full jitter: anywhere from 0 to the ceiling', () => {
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(3, () => 0.5)).toBe(1_000);
    for (let i = 0; i < 200; i++) {
      const wait = backoffMs(2);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(1_000);
    }
  });
});

describe('the retry loop', () => {
  let server: FaultServer;
  let clock: FakeClock;
  let waits: number[];
  let lines: string[];

  beforeAll(async () => {
    server = await FaultServer.start();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    clock = new FakeClock(Date.now());
    waits = clock.sleeps;
    lines = [];
  });

  const client = (over: Partial<ClientOptions> = {}) =>
    createClient({
      baseUrl: server.origin,
      apiKey: KEY,
      timeoutMs: 5_000,
      retries: 2,
      userAgent: 'pp/test node/test',
      env: {},
      log: (line) => lines.push(line),
      clock,
      random: () => 1,
      ...over,
    });

  const failureOf = async (promise: Promise<unknown>): Promise<PpError> => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof PpError) return err;
      throw err;
    }
    throw new Error('expected a failure');
  };

  it('refuses a path that would take the key to another origin, before any request', async () => {
    server.script(json({}));
    for (const path of ['@evil.example/x', '.evil.example/x', ':1/x']) {
      const error = await failureOf(client().send({ method: 'GET', path }));
      expect(error.exitCode, path).toBe(ExitCode.usage);
      expect(error.message).toMatch(/is not under the base URL/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('streams a 2xx body to a sink, with no size limit and no check; a cut body is not retried', async () => {
    server.script({ kind: 'flood', bytes: 3 * 1024 * 1024 });
    let got = 0;
    const answer = await client().exchange({
      method: 'GET',
      path: '/api/v1/x',
      maxBytes: 1024,
      sink: () => ({
        write: (chunk) => {
          got += chunk.length;
          return undefined;
        },
      }),
    });
    expect(answer.streamed).toBe(got);
    expect(got).toBeGreaterThan(3 * 1024 * 1024);
    server.script({ kind: 'truncate', sent: '{"a":', contentLength: 100 });
    const error = await failureOf(
      client().exchange({ method: 'GET', path: '/api/v1/x', sink: () => ({ write: () => undefined }) }),
    );
    expect(error.exitCode).toBe(ExitCode.network);
    expect(server.requests).toHaveLength(1);
  });

  it('waits what Retry-After says, else backs off, and returns the body as sent', async () => {
    const body = '{"provider":"LINKEDIN","first_name":"Ada"}';
    server.script(
      answer(429, '', { 'retry-after': '3' }),
      problem(503, 'network_down'),
      answer(200, body, { 'content-type': 'application/json' }),
    );
    const fetched = await client().fetchOwnProfile('acc_1');
    expect(fetched.body).toBe(body);
    expect(waits).toEqual([3_000, 1_000]);
    expect(server.requests).toHaveLength(3);
  });

  it('does not sleep at all for a Retry-After over a minute', async () => {
    server.script(answer(429, '', { 'retry-after': '61' }));
    const error = await failureOf(client().fetchOwnProfile('acc_1'));
    expect(error.exitCode).toBe(ExitCode.rateLimited);
    expect(error.retryAfter).toBe(61);
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('stops after --retries more attempts, with the last error', async () => {
    server.script(problem(503, 'service_unavailable'));
    const error = await failureOf(client({ retries: 4 }).fetchOwnProfile('acc_1'));
    expect(error.exitCode).toBe(ExitCode.unavailable);
    expect(server.requests).toHaveLength(5);
    expect(waits).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('times out each attempt on its own (ofetch would reuse one aborted signal)', async () => {
    server.script(hang);
    const started = performance.now();
    const error = await failureOf(client({ timeoutMs: 150 }).fetchOwnProfile('acc_1'));
    expect(error.exitCode).toBe(ExitCode.network);
    expect(error.message).toMatch(/0\.15 s timeout/);
    expect(server.requests).toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    server.dropConnections();
  });

  it('turns an abort during a request into exit 130, without retrying', async () => {
    server.script(hang);
    const controller = new AbortController();
    const pending = client({ signal: controller.signal }).fetchOwnProfile('acc_1');
    await server.waitForRequests(1);
    controller.abort();
    const error = await failureOf(pending);
    expect(error.exitCode).toBe(ExitCode.interrupted);
    expect(server.requests).toHaveLength(1);
    server.dropConnections();
  });

  it('turns an abort during a wait into exit 130', async () => {
    server.script(answer(503, ''));
    const controller = new AbortController();
    const error = await failureOf(
      client({
        signal: controller.signal,
        clock: {
          ...clock,
          now: () => clock.now(),
          every: () => () => {},
          sleep: async () => {
            controller.abort();
            throw new Error('aborted');
          },
        },
      }).fetchOwnProfile('acc_waiting'),
    );
    expect(error).toMatchObject({ exitCode: ExitCode.interrupted, accountId: 'acc_waiting' });
  });

  it('names the account an interrupted request was for', async () => {
    server.script(hang);
    const during = new AbortController();
    const pending = client({ signal: during.signal }).fetchOwnProfile('acc_stopped');
    await server.waitForRequests(1);
    during.abort();
    expect(await failureOf(pending)).toMatchObject({
      exitCode: ExitCode.interrupted,
      accountId: 'acc_stopped',
    });
    server.dropConnections();
  });

  it('logs attempts, statuses and waits, never the key', async () => {
    server.script(answer(503, ''), json(linkedinProfile()));
    await client().fetchOwnProfile('acc_1');
    const log = lines.join('\n');
    expect(log).toMatch(/attempt 1\/3/);
    expect(log).toMatch(/← 503/);
    expect(log).toMatch(/retrying in 0\.5 s/);
    expect(log).toMatch(/← 200/);
    expect(log).not.toContain(KEY);
  });

  describe('writes', () => {
    const post = (c = client()) =>
      c.send({
        method: 'POST',
        path: '/api/v1/hosted/accounts/link',
        body: { type: 'reconnect', name: 'x' },
      });

    it('send the body as JSON with a fresh Idempotency-Key, which a retry after no answer repeats', async () => {
      server.script({ kind: 'reset' }, json({ object: 'HostedAuthURL', url: 'https://h/1' }));
      const answer = await post();
      expect(answer.data).toEqual({ object: 'HostedAuthURL', url: 'https://h/1' });
      const [first, second] = server.requests;
      expect(first!.method).toBe('POST');
      expect(JSON.parse(second!.body)).toEqual({ type: 'reconnect', name: 'x' });
      expect(second!.headers['content-type']).toBe('application/json');
      const key = first!.headers['idempotency-key'];
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(second!.headers['idempotency-key']).toBe(key);
      // another request, another key
      server.script(json({ url: 'https://h/2' }));
      await post();
      expect(server.requests[0]!.headers['idempotency-key']).not.toBe(key);
    });

    it.each([429, 502, 503, 504])(
      'are tried again after a %i, which cannot have been done',
      async (status) => {
        server.script(answer(status, { status }), json({ url: 'https://h/1' }));
        await post();
        expect(server.requests).toHaveLength(2);
      },
    );

    it.each([
      [500, 'provider_error'],
      [500, 'unexpected_error'],
      [400, 'invalid_parameters'],
      [401, 'disconnected_account'],
      [422, 'unprocessable_entity'],
    ])('are never tried again after a %i (%s): it may have been done', async (status, type) => {
      server.script(problem(status, type), json({ url: 'https://h/1' }));
      const error = await failureOf(post());
      expect(error.status).toBe(status);
      expect(server.requests).toHaveLength(1);
    });

    it('never follow a redirect, nor log their body', async () => {
      server.script(answer(307, '', { location: '/elsewhere' }));
      const error = await failureOf(post());
      expect(error.exitCode).toBe(ExitCode.invalidResponse);
      expect(server.requests).toHaveLength(1);
      expect(lines.join('\n')).not.toContain('reconnect');
      expect(lines.join('\n')).toMatch(/POST .* \(attempt 1\/3\), a \d+-byte body/);
    });
  });
});
