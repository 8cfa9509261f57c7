// pp api: any endpoint with pp's key and retries, the answer printed as received (CLI.md, "pp api"
// and "Writes"). In process against the fault server, which records what reached the wire. The key
// echoed back in an answer is key-echo.test.ts's; the 100 MB answer in a real process is
// api-stream.test.ts's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer, FaultServer, json, problem } from '../helpers/fault-server.js';
import { FakeClock, MemoryStream, pp } from '../helpers/pp.js';
import { baseEnv, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_Ap1T3stK3y0123456789abcdWXYZ';

const server = FaultServer.forTests();
const elsewhere = FaultServer.forTests();

const env = () => baseEnv({ PP_API_KEY: KEY });
const api = (args: string[], opts: Parameters<typeof pp>[1] = {}) =>
  pp(['--base-url', server.origin, 'api', ...args], { env: env(), clock: new FakeClock(), ...opts });

const expectNoKey = (r: { stdout: string; stderr: string }) => {
  expect(r.stdout).not.toContain(KEY);
  expect(r.stderr).not.toContain(KEY);
};

describe('pp api: the answer as received', () => {
  it('prints a JSON answer byte for byte on a pipe: spacing, member order and digits as sent', async () => {
    const body = '{ "b":1.0,\n  "a": 12345678901234567890, "c":"\\u00e9\\/x", "d":[ ] }';
    server.script(answer(200, body, { 'content-type': 'application/json' }));
    const r = await api(['/api/v1/anything']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(body);
    expect(r.stderr).toBe('');
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/api/v1/anything', body: '' });
    expect(server.requests[0]!.headers).toMatchObject({ 'x-api-key': KEY, accept: 'application/json' });
  });

  it('takes a path without its leading slash, or the whole URL under the base URL', async () => {
    server.script(json({ ok: true }));
    await api(['api/v1/a?x=1']);
    await api([`${server.origin}/api/v1/b`]);
    expect(server.requests.map((q) => q.url)).toEqual(['/api/v1/a?x=1', '/api/v1/b']);
  });

  it('prints any other content as it is on a pipe, bytes included', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x80, 0x0a, 0xc3]);
    server.script({ kind: 'parts', parts: [bytes], headers: { 'content-type': 'image/png' } });
    const stdout = new MemoryStream();
    const r = await api(['/api/v1/attachments/1'], { stdout });
    expect(r.code).toBe(0);
    expect(stdout.bytes.equals(bytes)).toBe(true);
  });

  it('on a terminal, lays JSON out as --json does, and describes anything else', async () => {
    server.script(json({ a: [1, 2], b: { c: 'd' } }));
    const shown = await api(['/api/v1/x'], { tty: { columns: 80 } });
    expect(shown.stdout).toBe('{\n  "a": [\n    1,\n    2\n  ],\n  "b": {\n    "c": "d"\n  }\n}\n');
    server.script({
      kind: 'parts',
      parts: ['\u001b]52;c;evil\u0007', Buffer.alloc(3000, 1)],
      headers: { 'content-type': 'application/octet-stream' },
    });
    const described = await api(['/api/v1/y'], { tty: { columns: 80 } });
    expect(described.code).toBe(0);
    expect(described.stdout).toBe(
      '(the answer: 3,012 bytes of application/octet-stream, not shown on a terminal; redirect standard output to a file to keep it)\n',
    );
  });

  it('an empty answer (204) prints nothing, exit 0', async () => {
    server.script(answer(204));
    const r = await api(['-X', 'DELETE', '/api/v1/webhooks/w1']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(server.requests[0]!.method).toBe('DELETE');
  });

  it('writes the start of a long answer before the rest has arrived: it streams', async () => {
    let release!: () => void;
    const rest = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    const stdout = new MemoryStream();
    const write = stdout.write.bind(stdout);
    // the server sends the rest only once pp has written the start: were pp holding the body,
    // neither would ever move (the test would time out)
    stdout.write = (chunk) => {
      seen.push(String(chunk));
      if (stdout.text.length + String(chunk).length > 100_000) release();
      return write(chunk);
    };
    const first = `[${'"x",'.repeat(50_000)}`;
    server.script({
      kind: 'parts',
      parts: [first, '"end"]'],
      headers: { 'content-type': 'application/json' },
      between: (i) => (i === 0 ? rest : Promise.resolve()),
    });
    const r = await api(['/api/v1/big'], { stdout });
    expect(r.code).toBe(0);
    expect(stdout.text).toBe(`${first}"end"]`);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('exit codes as for any request: the error, and the request id for support', async () => {
    server.script(
      answer(404, { error: { code: 'resource_not_found', message: 'No such chat.', request_id: 'req_77' } }),
    );
    const r = await api(['/api/v1/chats/nope']);
    expect(r.code).toBe(7);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/No such chat\./);
    expect(r.stderr).toMatch(/request req_77/);
    server.script(problem(422, 'invalid_parameters'));
    expect((await api(['-X', 'POST', '/api/v1/x', '-f', 'a=1'])).code).toBe(8);
  });
});

describe('pp api: what is sent', () => {
  it('-f for GET is the query, each value as typed', async () => {
    server.script(json({}));
    await api([
      '/api/v1/accounts?limit=5',
      '-f',
      'cursor=a b&c',
      '-f',
      'n=10',
      '-f',
      'x=null',
      '-f',
      'ids[]=1',
      '-f',
      'ids[]=2',
    ]);
    expect(server.requests[0]!.url).toBe('/api/v1/accounts?limit=5&cursor=a%20b%26c&n=10&x=&ids=1&ids=2');
  });

  it('-f for a write is a JSON body: numbers with their digits, true, false, null, "quoted", @file, lists', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'note.txt'), 'line one\n"two"\n');
    server.script(answer(201, { object: 'Done' }));
    const r = await api([
      '-X',
      'post',
      '/api/v1/things',
      '-f',
      'big=12345678901234567890',
      '-f',
      'ratio=-1.50e3',
      '-f',
      'yes=true',
      '-f',
      'no=false',
      '-f',
      'none=null',
      '-f',
      'code="123456"',
      '-f',
      'name=Ada Lovelace',
      '-f',
      `note=@${join(dir, 'note.txt')}`,
      '-f',
      'providers[]=LINKEDIN',
      '-f',
      'providers[]=TELEGRAM',
      '-f',
      'plus=+33 6 00',
    ]);
    expect(r.code).toBe(0);
    const [seen] = server.requests;
    expect(seen!.method).toBe('POST');
    expect(seen!.body).toBe(
      '{"big":12345678901234567890,"ratio":-1.50e3,"yes":true,"no":false,"none":null,"code":"123456","name":"Ada Lovelace","note":"line one\\n\\"two\\"\\n","providers":["LINKEDIN","TELEGRAM"],"plus":"+33 6 00"}',
    );
    expect(seen!.headers['content-type']).toBe('application/json');
  });

  it('--input sends a file or standard input as it is; -f then goes to the query', async () => {
    const dir = tempDir();
    const file = join(dir, 'body.json');
    writeFileSync(file, '{"a": 1.0}\n');
    server.script(answer(201, {}));
    await api(['-X', 'PUT', '/api/v1/x', '--input', file, '-f', 'dry=true']);
    await api(['-X', 'PATCH', '/api/v1/y', '--input', '-'], { input: '[1, 2]' });
    expect(server.requests.map((q) => [q.method, q.url, q.body])).toEqual([
      ['PUT', '/api/v1/x?dry=true', '{"a": 1.0}\n'],
      ['PATCH', '/api/v1/y', '[1, 2]'],
    ]);
  });

  it('-H adds a header; never X-API-KEY in any case, nor one pp sets itself, and no value repeated back', async () => {
    server.script(json({}));
    await api(['/api/v1/x', '-H', 'X-Trace-Id: 42', '-H', 'Authorization:Bearer t']);
    expect(server.requests[0]!.headers).toMatchObject({ 'x-trace-id': '42', authorization: 'Bearer t' });
    for (const h of [
      `x-Api-KEY: ${KEY}`,
      'Accept: text/csv',
      'Content-Type: text/plain',
      'Host: evil.test',
    ]) {
      const r = await api(['/api/v1/x', '-H', h]);
      expect(r.code, h).toBe(2);
      expect(r.stderr).not.toContain(KEY);
    }
    expect((await api(['/api/v1/x', '-H', 'no colon'])).code).toBe(2);
    expect((await api(['/api/v1/x', '-H', 'X-A: one\ntwo'])).code).toBe(2);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [['-X', 'GET', '/api/v1/x', '--input', '-'], /--input is a request body/],
    [['-X', 'POST', '/api/v1/x', '--paginate'], /--paginate follows the pages of a GET/],
    [['-X', 'TRACE', '/api/v1/x'], /--method "TRACE" is not one pp sends/],
    [['-X', 'POST', '/api/v1/x', '-f', 'a=1', '-f', 'a=2'], /-f a is given twice/],
    [['-X', 'POST', '/api/v1/x', '-f', '=1'], /-f takes key=value/],
    [
      ['-X', 'POST', '/api/v1/x', '-f', 'a=@/nonexistent/file'],
      /cannot read \/nonexistent\/file for -f a \(ENOENT\)/,
    ],
    [['-X', 'POST', '/api/v1/x', '--input', '-', '-f', 'a=@-'], /both read standard input/],
  ])('refuses %j before any request (exit 2)', async (args, message) => {
    server.script(json({}));
    const r = await api(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('never sends the key to another origin: a full URL elsewhere is refused, anything else is a path here', async () => {
    elsewhere.script(json({}));
    server.script(json({}));
    const r = await pp(['--base-url', server.origin, 'api', `${elsewhere.origin}/api/v1/accounts`], {
      env: env(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${elsewhere.origin} is not the base URL (${server.origin}): pp sends the API key there only`,
    );
    // what would make the base URL a login or another port stays a path on the base URL's server
    for (const path of [
      `@127.0.0.1:${elsewhere.port}/x`,
      `:${elsewhere.port}/x`,
      `//127.0.0.1:${elsewhere.port}/x`,
    ])
      expect((await pp(['--base-url', server.origin, 'api', path], { env: env() })).code).toBe(0);
    expect(elsewhere.requests).toHaveLength(0);
    expect(server.requests.map((q) => q.url)).toEqual([
      `/@127.0.0.1:${elsewhere.port}/x`,
      `/:${elsewhere.port}/x`,
      `//127.0.0.1:${elsewhere.port}/x`,
    ]);
  });

  it('never follows a redirect to another origin, nor any redirect of a write', async () => {
    server.script(answer(302, '', { location: `${elsewhere.origin}/api/v1/x` }));
    elsewhere.script(json({}));
    expect((await api(['/api/v1/x'])).code).toBe(15);
    expect(elsewhere.requests).toHaveLength(0);
    server.script(answer(307, '', { location: '/api/v1/moved' }));
    const r = await api(['-X', 'POST', '/api/v1/x', '-f', 'a=1']);
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(/a redirect of a POST/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a write only where it cannot have been done, with the same Idempotency-Key', async () => {
    server.script(problem(503, 'service_unavailable'), answer(201, { object: 'Done' }));
    const r = await api(['-X', 'POST', '/api/v1/x', '-f', 'a=1']);
    expect(r.code).toBe(0);
    const keys = server.requests.map((q) => q.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    server.script(problem(500, 'provider_error'));
    expect((await api(['-X', 'POST', '/api/v1/x', '-f', 'a=1'])).code).toBe(10);
    expect(server.requests).toHaveLength(1);
    // a GET is retried on a provider's 500, as everywhere
    server.script(problem(500, 'provider_error'), json({}));
    expect((await api(['/api/v1/x'])).code).toBe(0);
    expect(server.requests).toHaveLength(2);
  });

  it('--dry-run prints the request, the key masked, and sends nothing; --json as one object', async () => {
    server.script(json({}));
    const r = await api([
      '-X',
      'POST',
      '/api/v1/hosted/accounts/link',
      '-f',
      'type=reconnect',
      '-f',
      'n=1.0',
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expectNoKey(r);
    const [first, ...rest] = r.stdout.split('\n');
    expect(first).toBe(`POST ${server.origin}/api/v1/hosted/accounts/link`);
    expect(rest).toContain('x-api-key: pp_live_…WXYZ');
    expect(rest).toContain('content-type: application/json');
    expect(rest.find((l) => l.startsWith('idempotency-key: '))).toMatch(/[0-9a-f-]{36}$/);
    expect(r.stdout).toMatch(/\n\n\{"type":"reconnect","n":1\.0\}\n$/);
    const j = await api(['--json', '-X', 'POST', '/api/v1/x', '-f', 'n=1.0', '--dry-run']);
    expect(JSON.parse(j.stdout)).toMatchObject({
      method: 'POST',
      url: `${server.origin}/api/v1/x`,
      headers: { 'x-api-key': 'pp_live_…WXYZ' },
      body: { n: 1 },
    });
    expect(j.stdout).toContain('"body":{"n":1.0}');
    expect(server.requests).toHaveLength(0);
  });
});

describe('pp api --paginate', () => {
  const page = (text: string) => answer(200, text, { 'content-type': 'application/json' });

  it('prints every item of every page as one line, as sent, following cursor and next_cursor', async () => {
    server.script((req) => {
      if (req.url.includes('cursor=old')) return page('{"items":[{"id":"a", "n":1.0},\n 2],"cursor":"c 2"}');
      if (req.url.includes('cursor=c%202')) return page('{"object":"List","data":["x"],"next_cursor":"c3"}');
      return page('{"data":[{"big":12345678901234567890}],"next_cursor":null}');
    });
    const r = await api(['/api/v1/chats?limit=2&cursor=old', '--paginate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"id":"a","n":1.0}\n2\n"x"\n{"big":12345678901234567890}\n');
    expect(server.requests.map((q) => q.url)).toEqual([
      '/api/v1/chats?limit=2&cursor=old',
      '/api/v1/chats?limit=2&cursor=c%202',
      '/api/v1/chats?limit=2&cursor=c3',
    ]);
  });

  it('asks for the next page while one is printed, never more than one ahead, and stops on a cursor given before (exit 15, after its items)', async () => {
    server.script((req) =>
      page(
        `{"items":[${server.requests.length}],"cursor":"${req.url.includes('cursor') ? 'same' : 'first'}"}`,
      ),
    );
    // standard output lags: the pages asked for meanwhile reach the server
    const asked: number[] = [];
    const stdout = new MemoryStream();
    const write = stdout.write.bind(stdout);
    stdout.write = (chunk) => {
      asked.push(server.requests.length);
      write(chunk);
      return false;
    };
    stdout.once = (_event, listener) => setTimeout(listener, 20);
    const r = await api(['/api/v1/x', '--paginate'], { stdout });
    expect(r.code).toBe(15);
    expect(stdout.text).toBe('1\n2\n3\n');
    expect(r.stderr).toMatch(/gave a cursor it had given before/);
    expect(r.stderr).toMatch(/page 3 of the list/);
    // while page 2 waited for the reader, page 3 was on its way; nothing after the repeated cursor
    expect(asked).toEqual([1, 3, 3]);
    expect(server.requests).toHaveLength(3);
  });

  it('a page that is no list is an invalid response (exit 15)', async () => {
    server.script(json({ id: 'acc_1' }));
    const r = await api(['/api/v1/accounts/acc_1', '--paginate']);
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(/no "items" list/);
  });
});
