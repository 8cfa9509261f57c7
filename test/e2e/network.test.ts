// pp against a misbehaving API: retries, Retry-After, timeouts, network failures, invalid answers,
// big bodies and proxies. Each case spawns the built bin/pp.js against a scripted local server and
// asserts on what the server saw (request counts, timestamps, headers) as well as on pp's output.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answer, FaultServer, hang, json, linkedinProfile, problem, reset } from '../helpers/fault-server.js';
import { FakeClock, pp as inProcess } from '../helpers/pp.js';
import { baseEnv, type RunResult, spawnPp, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_N3tw0rkT3stK3y0123456789wXyZ';

let server: FaultServer;

beforeAll(async () => {
  server = await FaultServer.start();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.script(json(linkedinProfile()));
});

interface Timed extends RunResult {
  ms: number;
  /** What pp waited (backoff, Retry-After), in ms, on the fake clock of an in-process run. */
  waits: number[];
}

/** Runs pp against `base` (the fault server unless told) and checks the key never shows. */
async function pp(
  args: string[],
  opts: { base?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<Timed> {
  const started = performance.now();
  const argv = ['--base-url', opts.base ?? server.origin, ...args];
  const env = baseEnv({ PP_API_KEY: KEY, ...opts.env });
  // Waits (backoff, Retry-After) pass on a fake clock: pp's waits are recorded, not slept. Only
  // the per-attempt --timeout is real time. NODE_EXTRA_CA_CERTS is read when a process starts: a
  // test that trusts its own CA spawns pp.
  const clock = new FakeClock(Date.now());
  const result = opts.env?.NODE_EXTRA_CA_CERTS
    ? await spawnPp(argv, { env, timeoutMs: opts.timeoutMs ?? 25_000 })
    : { ...(await inProcess(argv, { env, clock })), signal: null };
  const ms = performance.now() - started;
  expect(result.stdout).not.toContain(KEY);
  expect(result.stderr).not.toContain(KEY);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // never a stack trace
  return { ...result, ms, waits: clock.sleeps };
}

const gapsMs = (): number[] => server.requests.slice(1).map((r, i) => r.at - server.requests[i]!.at);

/** The one JSON object pp writes on standard error with --json. */
function jsonError(stderr: string): Record<string, unknown> {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return (JSON.parse(lines[0]!) as { error: Record<string, unknown> }).error;
}

describe('Retry-After', () => {
  it('waits out a 429 with Retry-After: 1, then succeeds', async () => {
    server.script(
      answer(
        429,
        { status: 429, type: 'errors/too_many_requests', title: 'Too many requests' },
        { 'retry-after': '1' },
      ),
      json(linkedinProfile()),
    );
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(r.waits).toEqual([1000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    // HTTP dates have whole seconds: two seconds ahead is a wait of a little over 1 s to 2 s
    server.script(
      (req) =>
        answer(503, '', { 'retry-after': new Date(Date.now() + 2_000).toUTCString(), 'x-n': String(req.n) }),
      json(linkedinProfile()),
    );
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(r.waits).toHaveLength(1);
    expect(r.waits[0]).toBeGreaterThanOrEqual(800);
    // pp's clock started before the server dated its answer, by at most the run's length
    expect(r.waits[0]).toBeLessThanOrEqual(2_000 + r.ms);
  });

  it('does not wait out a Retry-After over a minute: exit 9 at once, saying when to try again', async () => {
    server.script(answer(429, problemBody(429, 'too_many_requests'), { 'retry-after': '120' }));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(9);
    expect(server.requests).toHaveLength(1);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.stderr).toMatch(/try again in 120 s/i);
    expect(r.stdout).toBe('');
  });

  it('reports a long Retry-After as retryable exit 9 in --json', async () => {
    server.script(answer(429, problemBody(429, 'too_many_requests'), { 'retry-after': '120' }));
    const r = await pp(['--json', 'profile', 'acc_1']);
    expect(r.code).toBe(9);
    expect(r.stdout).toBe('');
    const error = jsonError(r.stderr);
    expect(error).toMatchObject({
      status: 429,
      type: 'errors/too_many_requests',
      exit_code: 9,
      retryable: true,
      account_id: 'acc_1',
    });
    expect(server.requests).toHaveLength(1);
  });
});

describe('Retry-After edge cases', () => {
  it.each([
    ['14 digits of seconds', '99999999999999', /Try again in 1000000000 s \(after \d{4}-/],
    ['400 digits of seconds', '9'.repeat(400), /Try again in 1000000000 s \(after \d{4}-/],
    ['a date in the year 275760', 'Tue, 13 Sep 275760 00:00:00 GMT', /Try again in \d+ s\./],
  ])(
    'an absurd Retry-After (%s) is not waited out: exit 9 with the status, never a crash',
    async (_what, value, hint) => {
      server.script(answer(429, problemBody(429, 'too_many_requests'), { 'retry-after': value }));
      const r = await pp(['whoami', '--account', 'acc_1']);
      expect(r.code).toBe(9);
      expect(r.stderr).toMatch(hint);
      expect(server.requests).toHaveLength(1);
      const many = await pp(['profile', 'acc_1', 'acc_2']);
      expect(many.code).toBe(9);
    },
  );

  it('ignores a Retry-After it cannot read and backs off on its own', async () => {
    for (const value of ['soon', '1.5', '-3', '']) {
      server.script(
        answer(429, problemBody(429, 'too_many_requests'), { 'retry-after': value }),
        json(linkedinProfile()),
      );
      const r = await pp(['--verbose', 'profile', 'acc_1']);
      expect(r.code, value).toBe(0);
      expect(server.requests, value).toHaveLength(2);
      // its own first backoff, random in [0, 0.5 s] (a draw that rounds to 0 ms waits not at all)
      expect(r.waits.length, value).toBeLessThanOrEqual(1);
      for (const ms of r.waits) expect(ms, value).toBeLessThanOrEqual(500);
      expect(r.stderr, value).toMatch(/retrying in 0\.\d s\n/);
      expect(r.stderr, value).not.toMatch(/Retry-After\)/);
    }
  });

  it('fails a 503 with a long Retry-After at once with its own code, saying when to try again', async () => {
    server.script(answer(503, problemBody(503, 'service_unavailable'), { 'retry-after': '600' }));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(12);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toMatch(/try again in 600 s/i);
  });

  it('honours a long Retry-After given as an HTTP date (exit 9, no wait)', async () => {
    server.script(
      answer(429, problemBody(429, 'too_many_requests'), {
        'retry-after': new Date(Date.now() + 3_600_000).toUTCString(),
      }),
    );
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(9);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toMatch(/try again in 3[56]\d\d s/i);
  });

  it('says when to try again after the last retry of a short Retry-After', async () => {
    server.script(answer(429, problemBody(429, 'too_many_requests'), { 'retry-after': '1' }));
    const r = await pp(['--retries', '0', 'profile', 'acc_1']);
    expect(r.code).toBe(9);
    expect(r.stderr).toMatch(/try again in 1 s/i);
  });
});

function problemBody(status: number, type: string): Record<string, unknown> {
  return { status, type: `errors/${type}`, title: type };
}

describe('retries', () => {
  it('retries a 503 twice, then succeeds', async () => {
    server.script(problem(503, 'service_unavailable'), problem(503, 'network_down'), json(linkedinProfile()));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(3);
  });

  it('makes one request with --retries 0', async () => {
    server.script(problem(503, 'service_unavailable'));
    const r = await pp(['--retries', '0', 'profile', 'acc_1']);
    expect(r.code).toBe(12);
    expect(server.requests).toHaveLength(1);
  });

  it('makes four requests with --retries 3 against an always-503 server', async () => {
    server.script(problem(503, 'service_unavailable'));
    const r = await pp(['--retries', '3', 'profile', 'acc_1']);
    expect(r.code).toBe(12);
    expect(server.requests).toHaveLength(4);
  });

  it('makes three requests by default (--retries 2)', async () => {
    server.script(answer(502, '<html>bad gateway</html>', { 'content-type': 'text/html' }));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(12);
    expect(server.requests).toHaveLength(3);
  });

  it('retries 504', async () => {
    server.script(problem(504, 'request_timeout'), json(linkedinProfile()));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a 500 errors/provider_error', async () => {
    server.script(problem(500, 'provider_error'));
    const r = await pp(['--retries', '1', 'profile', 'acc_1']);
    expect(r.code).toBe(10);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 500 errors/unexpected_error', async () => {
    server.script(problem(500, 'unexpected_error'));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(10);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [401, 'invalid_credentials', 4],
    [401, 'disconnected_account', 5],
    [403, 'account_restricted', 6],
    [404, 'resource_not_found', 7],
    [422, 'invalid_account', 8],
    [501, 'feature_not_implemented', 11],
  ])('never retries a %i %s (exit %i)', async (status, type, code) => {
    server.script(problem(status, type));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(code);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toContain(`errors/${type}`);
    expect(r.stderr).toContain(`HTTP ${status}`);
  });

  it('backs off between attempts without a Retry-After, and sends the same request each time', async () => {
    server.script(problem(503, 'service_unavailable'));
    const r = await pp(['--retries', '2', 'profile', 'acc/with space']);
    expect(server.requests).toHaveLength(3);
    for (const req of server.requests) {
      expect(req.method).toBe('GET');
      expect(req.url).toBe('/api/v1/users/me?account_id=acc%2Fwith%20space');
      expect(req.headers['x-api-key']).toBe(KEY);
      expect(req.headers.accept).toBe('application/json');
      expect(req.headers['user-agent']).toMatch(/^pp\/\S+ node\/\d+\.\d+\.\d+$/);
    }
    // full jitter: each wait is somewhere in [0, cap], never absurdly long
    expect(r.waits).toHaveLength(2);
    expect(r.waits[0]).toBeLessThanOrEqual(500);
    expect(r.waits[1]).toBeLessThanOrEqual(1_000);
  });
});

describe('timeouts', () => {
  it('gives up on a hanging server after --timeout, naming it (exit 14)', async () => {
    server.script(hang);
    const r = await pp(['--timeout', '0.3', '--retries', '0', 'profile', 'acc_1']);
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(/0\.3 s timeout/);
    expect(server.requests).toHaveLength(1);
    expect(r.ms).toBeGreaterThanOrEqual(290);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('applies the timeout to every attempt (each retry reaches the server)', async () => {
    server.script(hang);
    const r = await pp(['--timeout', '0.3', '--retries', '1', 'profile', 'acc_1']);
    expect(r.code).toBe(14);
    expect(server.requests).toHaveLength(2);
    expect(gapsMs()[0]).toBeGreaterThanOrEqual(250); // the first attempt's timeout (the backoff is on the fake clock)
    expect(r.ms).toBeLessThan(4_500);
  });

  it('applies the timeout to a body that stops arriving', async () => {
    server.script({ kind: 'stall', sent: '{"object":"AccountOwnerProfile",', contentLength: 5_000 });
    const r = await pp(['--timeout', '0.3', '--retries', '0', 'profile', 'acc_1']);
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(/0\.3 s timeout/);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('prints a tiny --timeout as plain seconds, not in exponent notation', async () => {
    server.script(hang);
    const r = await pp(['--timeout', '1e-9', '--retries', '0', 'whoami', '--account', 'acc_1']);
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(
      /^error: network failure: no answer from 127\.0\.0\.1:\d+ within the 0\.001 s timeout /,
    );
    expect(r.stderr).not.toMatch(/\de-\d/);
    const j = await pp(['--json', '--timeout', '2.5e-1', '--retries', '0', 'whoami', '--account', 'acc_1']);
    expect(j.code).toBe(14);
    expect(jsonError(j.stderr).title).toMatch(/within the 0\.25 s timeout$/);
  });

  it('retries after a timeout and succeeds when the server answers', async () => {
    server.script(hang, json(linkedinProfile()));
    const r = await pp(['--timeout', '0.3', 'profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
  });

  it('tells a person at a terminal of each retry as it happens, and how many attempts were made', async () => {
    server.script(hang);
    const r = await inProcess(['--base-url', server.origin, '--timeout', '0.05', 'whoami', 'acc_1'], {
      env: baseEnv({ PP_API_KEY: KEY, NO_COLOR: '1' }),
      clock: new FakeClock(),
      tty: { columns: 100 },
    });
    expect(r.code).toBe(14);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(
      /^pp: no answer from 127\.0\.0\.1:\d+ within the 0\.05 s timeout; retrying \(2\/3\) in [\d.]+ s$/,
    );
    expect(lines[1]).toMatch(/; retrying \(3\/3\) in /);
    expect(r.stderr).toMatch(/^error: network failure: no answer from .*\n {2}\(3 attempts\)$/m);
    // a script's standard error is not a terminal: the error alone
    server.script(hang);
    const script = await pp(['--timeout', '0.05', 'whoami', 'acc_1']);
    expect(script.stderr).not.toMatch(/retrying/);
    expect(script.stderr).toMatch(/\(3 attempts\)/);
  });

  it('reports --json timeouts as retryable exit 14 with no status', async () => {
    server.script(hang);
    const r = await pp(['--json', '--timeout', '0.3', '--retries', '0', 'profile', 'acc_1']);
    expect(r.code).toBe(14);
    expect(jsonError(r.stderr)).toMatchObject({ status: null, type: null, exit_code: 14, retryable: true });
  });
});

describe('network failures', () => {
  async function unusedPort(): Promise<number> {
    const s = createServer();
    s.listen(0, '127.0.0.1');
    await once(s, 'listening');
    const { port } = s.address() as AddressInfo;
    await new Promise((resolve) => s.close(resolve));
    return port;
  }

  it('says "connection refused" when nobody listens (exit 14), after retrying', async () => {
    const port = await unusedPort();
    const r = await pp(['--verbose', 'profile', 'acc_1'], { base: `http://127.0.0.1:${port}` });
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(/connection refused/);
    expect(r.stderr.match(/attempt \d\/3/g)).toHaveLength(3);
  });

  it('reports a reset connection as exit 14', async () => {
    server.script(reset);
    const r = await pp(['--retries', '1', 'profile', 'acc_1']);
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(/network failure/);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a truncated body as exit 14, not a crash', async () => {
    const body = JSON.stringify(linkedinProfile());
    server.script({ kind: 'truncate', sent: body.slice(0, 100), contentLength: body.length });
    const r = await pp(['--retries', '0', 'profile', 'acc_1']);
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(/cut off|closed before/);
    expect(r.stdout).toBe('');
  });

  it('retries a reset, then succeeds', async () => {
    server.script(reset, json(linkedinProfile()));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
  });
});

describe('messages a person can read', () => {
  it('reads the quick start’s error shape: the server’s sentence, and the request id for support', async () => {
    const envelope = {
      error: {
        code: 'invalid_credentials',
        message: 'The API key provided is not valid.',
        request_id: 'req_7Hq2',
      },
    };
    server.script(answer(401, envelope));
    const r = await pp(['whoami', '--account', 'acc_1']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: Invalid credentials \(errors\/invalid_credentials, HTTP 401\)/);
    expect(r.stderr).toContain('\n  The API key provided is not valid.\n');
    expect(r.stderr).toContain('\n  request req_7Hq2: quote it to support\n');
    server.script(answer(401, envelope));
    const j = await pp(['--json', 'whoami', '--account', 'acc_1']);
    expect(jsonError(j.stderr)).toMatchObject({
      type: 'errors/invalid_credentials',
      detail: 'The API key provided is not valid.',
      exit_code: 4,
      request_id: 'req_7Hq2',
    });
    // from the x-request-id header when the body has none; null where there is none at all
    server.script(
      problem(404, 'resource_not_found', {}),
      answer(404, '<html>', { 'x-request-id': 'req_hdr' }),
    );
    expect(jsonError((await pp(['--json', 'whoami', 'acc_1'])).stderr).request_id).toBeNull();
    expect(jsonError((await pp(['--json', 'whoami', 'acc_1'])).stderr).request_id).toBe('req_hdr');
  });

  it('calls an https:// URL to a plain-http port a TLS failure, with a one-line reason (exit 14)', async () => {
    const base = `https://127.0.0.1:${server.port}`;
    const r = await pp(['--retries', '0', 'whoami', '--account', 'acc_1'], { base });
    expect(r.code).toBe(14);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^error: network failure: TLS failure talking to 127\\.0\\.0\\.1:${server.port} \\(\\w+\\)`),
    );
    expect(lines[1]).toMatch(/^ {2}(wrong version number|packet length too long)$/);
    expect(lines[2]).toMatch(/^ {2}hint: .*https/);
    expect(r.stderr).not.toMatch(/no answer|SSL routines|openssl|\n\s*\n/);
    const j = await pp(['--json', '--retries', '0', 'whoami', '--account', 'acc_1'], { base });
    expect(j.code).toBe(14);
    const error = jsonError(j.stderr);
    expect(error.title).toMatch(/TLS failure/);
    expect(error.detail).toMatch(/^(wrong version number|packet length too long)$/);
  });

  it("says a body was cut off in words, without pp's internal code", async () => {
    const body = JSON.stringify(linkedinProfile());
    server.script({ kind: 'truncate', sent: body.slice(0, 100), contentLength: body.length });
    const r = await pp(['--retries', '0', 'whoami', '--account', 'acc_1']);
    expect(r.code).toBe(14);
    expect(r.stderr).toContain(`network failure: the answer from 127.0.0.1:${server.port} was cut off`);
    expect(r.stderr).toMatch(/closed before the whole answer arrived/);
    expect(r.stderr).not.toMatch(/PP_|TRUNCATED/);
    const j = await pp(['--json', '--retries', '0', 'whoami', '--account', 'acc_1']);
    expect(j.code).toBe(14);
    expect(j.stderr).not.toMatch(/PP_|TRUNCATED/);
  });
});

describe('a failed request names its account', () => {
  it.each([
    ['a reset connection', reset, /connection reset/],
    ['a timeout', hang, /within the 0\.3 s timeout/],
    ['a body cut off', { kind: 'truncate', sent: '{"provider":', contentLength: 500 } as const, /cut off/],
  ])('%s carries the account id, for a person and in --json', async (_what, fault, messageRe) => {
    server.script(fault);
    const args = ['--timeout', '0.3', '--retries', '0', 'whoami', '--account', 'acc_named'];
    const human = await pp(args);
    expect(human.code).toBe(14);
    expect(human.stderr.split('\n')[0]).toMatch(messageRe);
    expect(human.stderr.split('\n')[0]).toMatch(/ \[acc_named\]$/);
    const machine = await pp(['--json', ...args]);
    expect(machine.code).toBe(14);
    expect(machine.stdout).toBe('');
    expect(jsonError(machine.stderr)).toMatchObject({ exit_code: 14, account_id: 'acc_named' });
  });
});

describe('invalid answers', () => {
  it('reads an answer with a 20 KB header (Node’s default limit is 16 KB; curl takes 100 KB)', async () => {
    server.script(json(linkedinProfile(), { 'x-trace': 'a'.repeat(20_000) }));
    const r = await pp(['--retries', '0', 'whoami', '--account', 'acc_1']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('lays out a profile at COLUMNS=1e9 as at 1,000 columns, at once', async () => {
    const r = await pp(['whoami', '--account', 'acc_1'], { env: { COLUMNS: '1e9' } });
    expect(r.code).toBe(0);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(1000);
  });

  it.each([
    [
      'invalid JSON',
      '{"object": "AccountOwnerProfile", "provi',
      /not JSON/,
      /"\{\\"object\\": \\"AccountOwner/,
    ],
    ['an array', '[]', /an array, not a JSON object/, /starts with "\[\]"/],
    ['null', 'null', /null, not a JSON object/, /starts with "null"/],
    ['a number', '42', /a number, not a JSON object/, /"42"/],
    [
      'an object with no provider',
      '{"object":"AccountOwnerProfile"}',
      /no "provider"/,
      /AccountOwnerProfile/,
    ],
    ['an empty body', '', /not JSON/, /empty/],
  ])('refuses a 200 with %s (exit 15, saying what came)', async (_what, body, problemRe, bytesRe) => {
    server.script(answer(200, body, { 'content-type': 'application/json; charset=utf-8' }));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(problemRe);
    expect(r.stderr).toMatch(bytesRe);
    expect(r.stderr).toMatch(/content type application\/json/);
    expect(r.stdout).toBe('');
    expect(server.requests).toHaveLength(1); // an invalid answer is not retried
  });

  it('reads a body that starts with a UTF-8 byte-order mark; --json prints it without the mark', async () => {
    const profile = linkedinProfile();
    server.script(answer(200, `\uFEFF${JSON.stringify(profile)}`, { 'content-type': 'application/json' }));
    const j = await pp(['--json', 'whoami', '--account', 'acc_1']);
    expect(j.stderr).toBe('');
    expect(j.code).toBe(0);
    expect(j.stdout.startsWith('{')).toBe(true);
    expect(JSON.parse(j.stdout)).toEqual(profile);
    const human = await pp(['whoami', '--account', 'acc_1']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Ada Lovelace/);
    // an error envelope with the mark is read too: its type decides the exit code
    server.script(
      answer(401, `\uFEFF${JSON.stringify(problemBody(401, 'disconnected_account'))}`, {
        'content-type': 'application/problem+json',
      }),
    );
    const error = await pp(['whoami', '--account', 'acc_1']);
    expect(error.code).toBe(5);
    expect(error.stderr).toMatch(/errors\/disconnected_account, HTTP 401/);
  });

  it('names the content type and first bytes of an HTML 200', async () => {
    server.script(
      answer(200, '<!doctype html><html><body>Login</body></html>', { 'content-type': 'text/html' }),
    );
    const r = await pp(['--json', 'profile', 'acc_1']);
    expect(r.code).toBe(15);
    const error = jsonError(r.stderr);
    expect(error).toMatchObject({ exit_code: 15, retryable: false });
    expect(String(error.detail)).toContain('text/html');
    expect(String(error.detail)).toContain('<!doctype html>');
  });

  it('reads an HTML 502 page as exit 12 with no error type', async () => {
    server.script(
      answer(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' }),
    );
    const r = await pp(['--retries', '0', 'profile', 'acc_1']);
    expect(r.code).toBe(12);
    expect(r.stderr).toMatch(/no error type/);
    expect(r.stderr).toMatch(/HTTP 502/);
    const j = await pp(['--json', '--retries', '0', 'profile', 'acc_1']);
    expect(jsonError(j.stderr)).toMatchObject({ status: 502, type: null, exit_code: 12, retryable: true });
  });

  it('reads a redirect with no Location as an invalid response (exit 15)', async () => {
    server.script(answer(302, ''));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(/HTTP 302/);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a redirect loop (exit 15)', async () => {
    server.script(answer(302, '', { location: '/api/v1/users/me?account_id=acc_1' }));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(/too many redirects/);
    expect(server.requests.length).toBeLessThanOrEqual(6);
  });

  it('reads an empty-body 401 as exit 4', async () => {
    server.script(answer(401));
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/HTTP 401/);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses an answer announced as larger than 64 MB at once (exit 15, not retried)', async () => {
    server.script({ kind: 'stall', sent: '{"provider":"LINKEDIN",', contentLength: 100 * 1024 * 1024 });
    const r = await pp(['profile', 'acc_1']);
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(/larger than 64 MB/);
    expect(server.requests).toHaveLength(1);
    expect(r.ms).toBeLessThan(5_000);
  });

  it('stops reading an endless body past 64 MB (exit 15)', async () => {
    server.script({ kind: 'flood', bytes: 200 * 1024 * 1024 });
    const r = await pp(['--json', 'profile', 'acc_1']);
    expect(r.code).toBe(15);
    expect(jsonError(r.stderr)).toMatchObject({ exit_code: 15, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('handles a 5 MB profile: --json prints it back exactly', async () => {
    const organizations = Array.from({ length: 60_000 }, (_, i) => ({
      id: `org_${i}`,
      mailbox_id: `mbx_${String(i).padStart(8, '0')}`,
      name: `Organisation number ${i} of a very large company`,
    }));
    const profile = linkedinProfile({ organizations, headline: 'h'.repeat(200_000) });
    const body = JSON.stringify(profile);
    expect(body.length).toBeGreaterThan(5_000_000);
    server.script(answer(200, body, { 'content-type': 'application/json' }));
    const r = await pp(['--json', 'profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual(profile);
  });
});

describe('--verbose', () => {
  it('logs each attempt, its status and the wait on standard error only', async () => {
    server.script(
      answer(429, problemBody(429, 'too_many_requests'), { 'retry-after': '1' }),
      problem(503, 'service_unavailable'),
      json(linkedinProfile()),
    );
    const r = await pp(['--verbose', '--json', 'profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/attempt 1\/3/);
    expect(r.stderr).toMatch(/attempt 2\/3/);
    expect(r.stderr).toMatch(/attempt 3\/3/);
    expect(r.stderr).toMatch(/← 429/);
    expect(r.stderr).toMatch(/← 503/);
    expect(r.stderr).toMatch(/← 200/);
    expect(r.stderr).toMatch(/retrying in 1\.0 s \(Retry-After\)/);
    expect(r.stderr).toMatch(/retrying in \d+\.\d s\n/);
    // standard output is the body and nothing else
    expect(JSON.parse(r.stdout)).toEqual(linkedinProfile());
    expect(r.stdout).not.toMatch(/attempt|retrying|←/);
  });

  it('does not mention a proxy when no proxy variable is set', async () => {
    const r = await pp(['--verbose', 'profile', 'acc_1']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/proxy/i);
  });
});

describe('proxies', () => {
  let dir: string;
  let certFile: string;
  let https: FaultServer;
  let proxy: Server;
  let proxyPort: number;
  const connects: string[] = [];
  const tunnels = new Set<Socket>();

  beforeAll(async () => {
    dir = tempDir('pp-tls-');
    certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-days',
        '1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    https = await FaultServer.start({ tls: { key: readFileSync(keyFile), cert: readFileSync(certFile) } });
    // A CONNECT proxy: records the target and pipes bytes both ways (it never sees inside TLS).
    proxy = createServer((_req, res) => {
      res.writeHead(405).end();
    });
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      connects.push(req.url ?? '');
      tunnels.add(client);
      client.on('close', () => tunnels.delete(client));
      const [host = '', port = ''] = (req.url ?? '').split(/:(?=\d+$)/);
      const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      const end = () => {
        upstream.destroy();
        client.destroy();
      };
      upstream.on('error', end);
      client.on('error', end);
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    proxyPort = (proxy.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await https.close();
    for (const socket of tunnels) socket.destroy();
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  });
  beforeEach(() => {
    connects.length = 0;
    https.script(json(linkedinProfile()));
  });

  const base = () => `https://localhost:${https.port}`;

  it('reaches an https server directly when no proxy is set (the certificate is trusted)', async () => {
    const r = await pp(['--json', 'profile', 'acc_1'], {
      base: base(),
      env: { NODE_EXTRA_CA_CERTS: certFile },
    });
    expect(r.code).toBe(0);
    expect(https.requests).toHaveLength(1);
    expect(connects).toEqual([]);
  });

  it.each(['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY'])('tunnels through %s with CONNECT', async (name) => {
    const r = await pp(['--verbose', '--json', 'profile', 'acc_1'], {
      base: base(),
      env: { NODE_EXTRA_CA_CERTS: certFile, [name]: `http://127.0.0.1:${proxyPort}` },
    });
    expect(r.code).toBe(0);
    expect(connects).toEqual([`localhost:${https.port}`]);
    expect(https.requests).toHaveLength(1);
    expect(https.requests[0]!.headers['x-api-key']).toBe(KEY);
    expect(r.stderr).toMatch(/via proxy/);
    expect(JSON.parse(r.stdout)).toEqual(linkedinProfile());
  });

  it('goes direct when NO_PROXY lists the host', async () => {
    const r = await pp(['--json', 'profile', 'acc_1'], {
      base: base(),
      env: {
        NODE_EXTRA_CA_CERTS: certFile,
        HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`,
        NO_PROXY: 'example.com,localhost',
      },
    });
    expect(r.code).toBe(0);
    expect(connects).toEqual([]);
    expect(https.requests).toHaveLength(1);
  });

  it('tunnels every retry through the proxy', async () => {
    https.script(problem(503, 'service_unavailable'), json(linkedinProfile()));
    const r = await pp(['profile', 'acc_1'], {
      base: base(),
      env: { NODE_EXTRA_CA_CERTS: certFile, HTTPS_PROXY: `127.0.0.1:${proxyPort}` },
    });
    expect(r.code).toBe(0);
    expect(https.requests).toHaveLength(2);
    expect(connects).toHaveLength(2);
  });

  it('never proxies plain http to loopback', async () => {
    const r = await pp(['profile', 'acc_1'], { env: { HTTP_PROXY: `http://127.0.0.1:${proxyPort}` } });
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(connects).toEqual([]);
  });

  it('fails with exit 14 when the proxy cannot be reached', async () => {
    const r = await pp(['--retries', '0', 'profile', 'acc_1'], {
      base: base(),
      env: { NODE_EXTRA_CA_CERTS: certFile, HTTPS_PROXY: 'http://127.0.0.1:1' },
    });
    expect(r.code).toBe(14);
    expect(https.requests).toHaveLength(0);
  });

  it('names the proxy, not the API, when the proxy cannot be reached', async () => {
    for (const [proxyUrl, what] of [
      ['http://127.0.0.1:1', /connection refused talking to the proxy 127\.0\.0\.1:1 /],
      [
        'http://proxy.invalid:8080',
        /(host not found|DNS lookup failed).* talking to the proxy proxy\.invalid:8080 /,
      ],
    ] as const) {
      const r = await pp(['--retries', '0', 'whoami', '--account', 'acc_1'], {
        base: base(),
        env: { NODE_EXTRA_CA_CERTS: certFile, HTTPS_PROXY: proxyUrl },
      });
      expect(r.code, proxyUrl).toBe(14);
      expect(r.stderr, proxyUrl).toMatch(what);
      expect(r.stderr, proxyUrl).not.toMatch(/talking to localhost/);
      expect(r.stderr, proxyUrl).toMatch(/hint: Check HTTPS_PROXY/);
    }
  });

  it('gives up on a proxy that never answers CONNECT within --timeout', async () => {
    const silent = createServer();
    silent.on('connect', () => {}); // accepts the tunnel request and says nothing
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const port = (silent.address() as AddressInfo).port;
      const r = await pp(['--timeout', '1', '--retries', '0', 'profile', 'acc_1'], {
        base: base(),
        env: { NODE_EXTRA_CA_CERTS: certFile, HTTPS_PROXY: `http://127.0.0.1:${port}` },
        timeoutMs: 10_000,
      });
      expect(r.code).toBe(14);
      expect(r.stderr).toMatch(/1 s timeout/);
      expect(r.ms).toBeLessThan(5_000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('reports a proxy that refuses the tunnel (exit 14)', async () => {
    const refusing = createServer();
    refusing.on('connect', (_req, socket: Socket) => {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n');
    });
    refusing.listen(0, '127.0.0.1');
    await once(refusing, 'listening');
    try {
      const port = (refusing.address() as AddressInfo).port;
      const r = await pp(['--retries', '0', 'profile', 'acc_1'], {
        base: base(),
        env: { NODE_EXTRA_CA_CERTS: certFile, HTTPS_PROXY: `http://127.0.0.1:${port}` },
      });
      expect(r.code).toBe(14);
      expect(r.stderr).toMatch(/proxy/);
      expect(r.stderr).toMatch(/407/);
    } finally {
      refusing.closeAllConnections();
      refusing.close();
    }
  });

  it('still checks the certificate against the host name through the tunnel', async () => {
    // the certificate names localhost only; 127.0.0.1 must be refused
    const r = await pp(['--retries', '0', 'profile', 'acc_1'], {
      base: `https://127.0.0.1:${https.port}`,
      env: { NODE_EXTRA_CA_CERTS: certFile, HTTPS_PROXY: `http://127.0.0.1:${proxyPort}` },
    });
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(/TLS/);
    expect(r.stderr).not.toMatch(/Warning/);
    expect(https.requests).toHaveLength(0);
  });

  it('gives the reason a certificate was refused, on one line', async () => {
    const untrusted = await pp(['--retries', '0', 'whoami', '--account', 'acc_1'], { base: base() });
    expect(untrusted.code).toBe(14);
    expect(untrusted.stderr).toMatch(
      /^error: network failure: TLS failure talking to localhost:\d+ \(DEPTH_ZERO_SELF_SIGNED_CERT\) \[acc_1\]\n {2}self[- ]signed certificate\n {2}hint: /,
    );
    const wrongName = await pp(['--json', '--retries', '0', 'whoami', '--account', 'acc_1'], {
      base: `https://127.0.0.1:${https.port}`,
      env: { NODE_EXTRA_CA_CERTS: certFile },
    });
    expect(wrongName.code).toBe(14);
    const error = jsonError(wrongName.stderr);
    expect(error.title).toMatch(/TLS failure talking to 127\.0\.0\.1:\d+ \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
    expect(error.detail).toMatch(/^[^\n]*127\.0\.0\.1[^\n]*[^:\s]$/);
  });

  it('fails with exit 14 (TLS) when the certificate is not trusted', async () => {
    const r = await pp(['--retries', '0', 'profile', 'acc_1'], { base: base() });
    expect(r.code).toBe(14);
    expect(r.stderr).toMatch(/TLS/);
    expect(https.requests).toHaveLength(0);
  });
});
