// A server that echoes the API key back in a form no byte-level mask sees: some characters
// JSON-escaped (\u0070, \/ and \u003d as PHP and Gson write them), upper-cased, percent-encoded
// with its underscores as %5F, or as a member name. Whatever the output, once decoded (jq -r) no
// string holds the key; a body that held it says so on standard error, and a clean one is still
// printed byte for byte.
import { describe, expect, it } from 'vitest';
import { answer, FaultServer, linkedinProfile } from '../helpers/fault-server.js';
import { MemoryStream, pp } from '../helpers/pp.js';
import { baseEnv } from '../helpers/run.js';

// "/" and "=" as in a base64 key, so that \/ and \u003d are forms of it
const KEY = 'pp_live_S4f3ty/T3st=K3y0123456789QrSt';
const WARNING = /warning: the answer for acc_1 contained the API key; it is printed masked/;

const server = FaultServer.forTests();

const run = (args: string[]) =>
  pp(['--base-url', server.origin, ...args], { env: baseEnv({ PP_API_KEY: KEY }) });

/** Every string in a parsed value, member names too. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(Array.isArray(value) ? [] : [k]), ...strings(v)]);
}

/** Holds the key after any number of percent-decodings, in any case. */
const holdsKey = (s: string): boolean => {
  for (let t = s, i = 0; i < 4; i++) {
    if (t.toLowerCase().includes(KEY.toLowerCase())) return true;
    try {
      t = decodeURIComponent(t);
    } catch {
      return false;
    }
  }
  return false;
};

/** The raw text holds no form of the key a byte-level look finds. */
const expectNoKey = (text: string): void => expect(holdsKey(text)).toBe(false);

/** The text, and what it decodes to (a body on many lines, or NDJSON), hold no form of the key. */
function expectNoKeyInJson(text: string): unknown[] {
  expectNoKey(text);
  const trimmed = text.trim();
  const docs = trimmed.startsWith('{\n')
    ? [JSON.parse(trimmed)]
    : trimmed.split('\n').map((l) => JSON.parse(l));
  for (const doc of docs) expect(strings(doc).filter(holdsKey)).toEqual([]);
  return docs;
}

const jsonEscaped = (s: string, chars: string) =>
  [...s].map((c) => (chars.includes(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');

// raw bodies, as servers write them
const echoes: [string, string][] = [
  ['\\u escapes of some characters', `{"note":"${jsonEscaped(KEY, 'p_e')}"}`],
  ['\\/ (PHP)', `{"note":"${KEY.replace('/', '\\/')}"}`],
  ['\\u003d (Gson)', `{"note":"${KEY.replace('=', '\\u003d')}"}`],
  ['upper case', `{"note":"${KEY.toUpperCase()}"}`],
  ['percent-encoded, %5F for _', `{"note":"x?k=${encodeURIComponent(KEY).replaceAll('_', '%5F')}"}`],
  ['twice percent-encoded', `{"note":"${encodeURIComponent(encodeURIComponent(KEY))}"}`],
  ['in a member name', `{"${jsonEscaped(KEY, 'l')}":1}`],
  ['in a duplicate member JSON.parse drops', `{"note":"${jsonEscaped(KEY, 'p')}","note":"x"}`],
];

const profileWith = (extra: string) => `${JSON.stringify(linkedinProfile()).slice(0, -1)},"extra":${extra}}`;

describe('the key echoed back in an escaped form', () => {
  it.each(echoes)('whoami --json: %s', async (_name, extra) => {
    server.script(answer(200, profileWith(extra)));
    const r = await run(['--json', 'whoami', 'acc_1']);
    expect(r.code).toBe(0);
    const [doc] = expectNoKeyInJson(r.stdout);
    expect(doc).toMatchObject({ first_name: 'Ada' });
    expect(r.stdout).toContain('pp_live_…QrSt');
    expect(r.stderr).toMatch(WARNING);
    expectNoKey(r.stderr);
  });

  it.each(echoes)('profile of many (NDJSON): %s', async (_name, extra) => {
    server.script(answer(200, profileWith(extra)));
    const r = await run(['--json', 'profile', 'acc_1', 'acc_2']);
    expect(r.code).toBe(0);
    const docs = expectNoKeyInJson(r.stdout);
    expect(docs).toHaveLength(2);
    expect(r.stderr).toMatch(WARNING);
  });

  it.each(echoes)('accounts show --json: %s', async (_name, extra) => {
    server.script(answer(200, `{"id":"acc_1","type":"LINKEDIN","name":"Ada","sources":[],"extra":${extra}}`));
    const r = await run(['--json', 'accounts', 'show', 'acc_1']);
    expect(r.code).toBe(0);
    expectNoKeyInJson(r.stdout);
    expectNoKey(r.stderr);
    expect(r.stderr).toMatch(WARNING);
  });

  it.each(echoes)('accounts (NDJSON): %s', async (name, extra) => {
    server.script(
      answer(200, `{"items":[{"id":"acc_1","type":"LINKEDIN","name":"Ada","sources":[],"extra":${extra}}]}`),
    );
    const r = await run(['--json', 'accounts']);
    expect(r.code).toBe(0);
    expectNoKeyInJson(r.stdout);
    expectNoKey(r.stderr);
    // a duplicate member is gone once the page is parsed: nothing to mask, nothing to say
    if (!name.includes('duplicate')) expect(r.stderr).toMatch(WARNING);
  });

  // a page is tested for the key in pieces of a few lines (formats/json.ts): the line that holds
  // it is masked and named, wherever it falls in the page (the first piece, a later one, the last
  // line), and the others are written as they came
  it.each([
    ['accounts', 1],
    ['accounts', 40],
    ['accounts', 59],
    ['status --all', 40],
  ])('pp %s over a page of 60 where account %i holds the key', async (command, holder) => {
    const item = (i: number) =>
      `{"object":"Account","type":"LINKEDIN","id":"acc_${i}","name":"Ada","created_at":"2024-01-01T00:00:00Z","sources":[{"id":"acc_${i}_M","status":"OK"}],"connection_params":{},"groups":[],"extra":"${i === holder ? jsonEscaped(KEY, 'p') : 'plain '.repeat(50)}"}`;
    server.script(answer(200, `{"items":[${Array.from({ length: 60 }, (_, i) => item(i)).join(',')}]}`));
    const r = await run(['--json', ...command.split(' ')]);
    expect(r.code).toBe(0);
    const lines = expectNoKeyInJson(r.stdout) as { account_id: string; account: { extra: string } }[];
    expect(lines.map((l) => l.account_id)).toEqual(Array.from({ length: 60 }, (_, i) => `acc_${i}`));
    expect(lines.filter((l) => l.account.extra.startsWith('pp_live_…')).map((l) => l.account_id)).toEqual([
      `acc_${holder}`,
    ]);
    expect(lines[0]!.account.extra).toBe('plain '.repeat(50));
    expect(r.stderr.match(/contained the API key/g)).toHaveLength(1);
    expect(r.stderr).toContain(`the answer for acc_${holder} contained the API key`);
  });

  it.each(echoes)('whoami for a person: %s', async (_name, extra) => {
    // a provider pp does not know: every field is shown, the extra one too
    server.script(answer(200, `{"provider":"NEWTHING","name":"Ada","extra":${extra}}`));
    const r = await run(['profile', 'acc_1']);
    expect(r.code).toBe(0);
    expectNoKey(r.stdout);
    expectNoKey(r.stderr);
  });

  const detail = `key ${encodeURIComponent(KEY).replaceAll('_', '%5F')} is not valid; also ${jsonEscaped(KEY, 'pv')}`;
  const unauthorized = `{"status":401,"type":"errors/unauthorized","title":"unauthorized","detail":"${detail}"}`;

  it('a 401 detail quoting the key, as a JSON error', async () => {
    server.script(answer(401, unauthorized));
    const r = await run(['--json', 'whoami', 'acc_1']);
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBe(1);
    expectNoKeyInJson(r.stderr);
    expect(r.stderr).toContain('pp_live_…QrSt');
  });

  it('a 401 detail quoting the key, for a person', async () => {
    server.script(answer(401, unauthorized));
    const r = await run(['whoami', 'acc_1']);
    expect(r.code).not.toBe(1);
    expectNoKey(r.stderr);
    expect(r.stderr).toContain('pp_live_…QrSt');
  });
});

describe('a body without the key', () => {
  it('is printed byte for byte: big numbers and 1.0 as sent, no warning', async () => {
    const body = '{"a":12345678901234567890,"b":1.0,"c":"\\u00e9\\/x","d":[1e5]}';
    server.script(answer(200, profileWith(body)));
    const r = await run(['--json', 'whoami', 'acc_1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"a": 12345678901234567890');
    expect(r.stdout).toContain('"b": 1.0');
    expect(r.stdout).toContain('"c": "\\u00e9\\/x"');
    expect(r.stdout).toContain('1e5');
    expect(r.stderr).toBe('');
    const many = await run(['--json', 'profile', 'acc_1', 'acc_2']);
    expect(many.stdout).toContain('"a":12345678901234567890,"b":1.0,"c":"\\u00e9\\/x"');
    expect(many.stderr).not.toMatch(/warning/);
  });
});

describe('pp api: the key echoed back, in any answer, in pieces', () => {
  const API_WARNING = /warning: the answer contained the API key; it is printed masked/;
  const body = (extra: string) => `{"object":"Thing","extra":${extra}}`;

  it.each(echoes)('a JSON answer on a pipe: %s', async (_name, extra) => {
    server.script(answer(200, body(extra), { 'content-type': 'application/json' }));
    const r = await run(['api', '/api/v1/things/1']);
    expect(r.code).toBe(0);
    expectNoKeyInJson(r.stdout);
    expect(r.stdout).toContain('"object":"Thing"'); // the rest as received, not re-serialised
    expect(r.stderr).toMatch(API_WARNING);
    expectNoKey(r.stderr);
  });

  it.each(echoes)('a JSON answer on a terminal: %s', async (_name, extra) => {
    server.script(answer(200, body(extra), { 'content-type': 'application/json' }));
    const r = await pp(['--base-url', server.origin, 'api', '/api/v1/things/1'], {
      env: baseEnv({ PP_API_KEY: KEY, NO_COLOR: '1' }),
      tty: { columns: 80 },
    });
    expect(r.code).toBe(0);
    expectNoKeyInJson(r.stdout);
    expect(r.stderr).toMatch(API_WARNING);
  });

  it.each(echoes)('each item of --paginate: %s', async (_name, extra) => {
    server.script(answer(200, `{"items":[${body(extra)},{"n":1}]}`, { 'content-type': 'application/json' }));
    const r = await run(['api', '/api/v1/things', '--paginate']);
    expect(r.code).toBe(0);
    expect(expectNoKeyInJson(r.stdout)).toHaveLength(2);
    expect(r.stderr).toMatch(API_WARNING);
  });

  // the answer cut in two, through the key (every cut: relay.test.ts): held back, then masked
  const cuts = (text: string) => {
    const at = text.toLowerCase().indexOf('pp_live_');
    return [-1, 0, 1, 8, KEY.length >> 1, KEY.length - 1, KEY.length].map((i) => at + i);
  };

  it('a JSON answer cut anywhere through the key', async () => {
    const text = body(`"${KEY}"`);
    for (const cut of cuts(text)) {
      server.script({
        kind: 'parts',
        parts: [text.slice(0, cut), text.slice(cut)],
        headers: { 'content-type': 'application/json' },
      });
      const r = await run(['api', '/api/v1/x']);
      expect(r.stdout, `cut at ${cut}`).toBe(body('"pp_live_…QrSt"'));
    }
  });

  it.each([
    ['text', 'text/plain', `key=${KEY}&again=${encodeURIComponent(KEY)}\n`],
    ['HTML', 'text/html', `<p>${KEY.toUpperCase()}</p>`],
    ['no content type, not JSON', undefined, `${KEY} `],
  ])('any other answer (%s), cut anywhere through the key', async (_name, type, text) => {
    for (const cut of cuts(text)) {
      server.script({
        kind: 'parts',
        parts: [text.slice(0, cut), text.slice(cut)],
        headers: type ? { 'content-type': type } : {},
      });
      const r = await run(['api', '/api/v1/x']);
      expectNoKey(r.stdout);
      expect(r.stdout).toContain('pp_live_…QrSt');
      expect(r.stderr).toMatch(API_WARNING);
    }
  });

  it('bytes around the key come out as they were sent', async () => {
    const before = Buffer.from([0x00, 0xff, 0xc3, 0x28, 0x80]);
    const after = Buffer.from([0xe2, 0x82, 0xac, 0xfe]);
    server.script({
      kind: 'parts',
      parts: [
        Buffer.concat([before, Buffer.from(KEY.slice(0, 10))]),
        Buffer.concat([Buffer.from(KEY.slice(10)), after]),
      ],
      headers: { 'content-type': 'application/octet-stream' },
    });
    const stdout = new MemoryStream();
    const r = await pp(['--base-url', server.origin, 'api', '/api/v1/x'], {
      env: baseEnv({ PP_API_KEY: KEY }),
      stdout,
    });
    expect(r.code).toBe(0);
    expect(stdout.bytes.equals(Buffer.concat([before, Buffer.from('pp_live_…QrSt'), after]))).toBe(true);
  });

  it('a string longer than 1 MB that spells the key with escapes, in pieces', async () => {
    const long = 'a'.repeat(600_000); // the string is 1.2 MB
    const text = `{"blob":"${long}${jsonEscaped(KEY, 'p_')}${long}","n":1.0}`;
    const parts = text.match(/[\s\S]{1,65536}/g)!;
    server.script({ kind: 'parts', parts, headers: { 'content-type': 'application/json' } });
    const r = await run(['api', '/api/v1/x']);
    expect(r.code).toBe(0);
    const [doc] = expectNoKeyInJson(r.stdout) as [{ blob: string }];
    expect(doc.blob).toBe(`${long}pp_live_…QrSt${long}`);
    expect(r.stdout.endsWith(',"n":1.0}')).toBe(true);
  });
});
