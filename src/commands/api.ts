// `pp api <path>`: the escape hatch to every endpoint pp has no command for, like `gh api` (CLI.md,
// "Commands: pp api"): a path under the base URL, with pp's key, profiles, retries and origin
// pinning, and the answer printed as received with the key masked.
//
// - The answer streams (output/relay.ts): on a pipe, byte for byte as it arrives, never held, so a
//   100 MB answer costs no more memory than a small one; a string of a JSON answer is held only to
//   judge whether it spells the key, up to 1 MB. On a terminal a JSON answer (up to 4 MB) is laid
//   out as --json lays it out; anything else is described rather than dumped there.
// - --paginate: each page's items as NDJSON, the next page asked for while one is printed (the
//   paging is the accounts list's, api/pages.ts). Not through the exporter: its
//   rows are accounts (an id, a type, a health) and its lines JSON objects, while a list's items
//   here may be anything (messages, webhooks, numbers), each printed as the server wrote it.
// - Writes are the client's: a fresh Idempotency-Key, retried only where the first attempt cannot
//   have been done, never a redirect with a body (CLI.md, "Writes").
import { readFile } from 'node:fs/promises';
import { type ApiRequest, type Client, hasItems, MAX_PAGE_BYTES } from '../api/client.js';
import { dryRunText } from '../api/dry-run.js';
import { type AnswerHead, type BodySink, header, MAX_BODY_BYTES } from '../api/http.js';
import { openClient } from '../api/open.js';
import { invalidList, itemsMember, listPages, pageError } from '../api/pages.js';
import { methods } from '../api/paths.js';
import type { Context } from '../context.js';
import { PpError, usageError } from '../errors.js';
import { groupDigits } from '../output/format.js';
import { compact, maskedWarning, memberItems, reindent } from '../output/json.js';
import { type BodyKind, bodyRelay } from '../output/relay.js';
import { neutralize } from '../output/showable.js';
import { defineCommand, examples } from './command.js';

type Method = (typeof methods)[number];

/** Each -f and -H as given: checked in the handler, whose errors never repeat a value (it may be a secret). */
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export default defineCommand({
  path: ['api'],
  define: (cmd) =>
    cmd
      .description('any endpoint of the API, with pp’s key and retries: the answer as received')
      .argument('<path>', 'the endpoint under the base URL, e.g. /api/v1/accounts')
      .option('-X, --method <method>', 'GET (the default), POST, PUT, PATCH or DELETE')
      .option('-f, --field <key=value>', 'a field of the JSON body (the query for GET); repeat it', collect)
      .option('--input <file>', 'the request body, as sent: a file, or - for standard input')
      .option('-H, --header <name:value>', 'one more request header; repeat it', collect)
      .option('--paginate', 'follow cursor/next_cursor: every page’s items as NDJSON')
      .option('--dry-run', 'print the request (the key masked) and send nothing')
      .addHelpText(
        'after',
        `${examples(
          'pp api /api/v1/accounts -f limit=2',
          'pp api /api/v1/accounts --paginate | jq -r .id',
          'pp api -X POST /api/v1/hosted/accounts/link -f type=reconnect -f reconnect_account=acc_… -f "providers=*" -f api_url=https://api.postpress.ai -f expiresOn=2026-12-31T00:00:00.000Z --dry-run',
          'pp api -X POST /api/v1/accounts/checkpoint --input body.json',
        )}
-f values are typed: a number, true, false and null as
JSON; "…" (quoted for JSON) a string as it is; @file the
file's text, @- standard input's; anything else a string.
key[]=value adds to a list. With --input, -f goes to the
query. The method is GET unless -X says otherwise.

The answer: as received, the key masked wherever it
appears (pp help formats). On a terminal, JSON is laid
out; anything else is described: redirect it to a file.
Other methods than GET are retried only where the first
attempt cannot have been done; each POST and PATCH
carries a fresh Idempotency-Key. Exit codes as for any
request (pp help exit-codes).
`,
      ),
  async run(ctx, opts, path) {
    const method = methodOf(opts.method);
    if (opts.paginate && method !== 'GET')
      throw usageError('--paginate follows the pages of a GET', `Leave out --method ${method}.`);
    if (opts.input !== undefined && method === 'GET')
      throw usageError(
        '--input is a request body, which a GET does not send',
        'Give the method that takes it: -X POST (or PUT, PATCH, DELETE).',
      );
    const headers = headersOf(opts.header ?? []);
    const sources = new Sources(ctx);
    const fields = await Promise.all((opts.field ?? []).map((f) => fieldOf(f, sources)));
    const inBody = method !== 'GET' && opts.input === undefined;
    const bodyText =
      opts.input !== undefined
        ? await sources.read(opts.input, '--input')
        : inBody && fields.length > 0
          ? bodyOf(fields)
          : undefined;
    const client = await openClient(ctx);
    const request: ApiRequest = {
      method,
      path: withQuery(underBase(path, client.baseUrl), inBody ? [] : fields),
      bodyText,
      headers,
    };
    if (opts.dryRun) {
      await ctx.io.out(dryRunText(client.prepare(request), ctx.globals.json));
      return 0;
    }
    if (opts.paginate) await paginate(ctx, client, request);
    else await printAnswer(ctx, client, request);
    return 0;
  },
});

function methodOf(given: string | undefined): Method {
  const method = (given ?? 'GET').trim().toUpperCase();
  if (!(methods as readonly string[]).includes(method))
    throw usageError(`--method ${JSON.stringify(given)} is not one pp sends`, `Give ${methods.join(', ')}.`);
  return method as Method;
}

/**
 * The path under the base URL. A full URL is taken only when it is under the base URL: the key
 * never goes to another origin (the client checks the URL it builds once more).
 */
function underBase(path: string, baseUrl: string): string {
  const given = path.trim();
  if (given === '') throw usageError('the path is empty', 'Give an endpoint such as /api/v1/accounts.');
  if (/^[a-z][a-z0-9+.-]*:/i.test(given)) {
    if (given === baseUrl || given.startsWith(`${baseUrl}/`) || given.startsWith(`${baseUrl}?`))
      return given.slice(baseUrl.length) || '/';
    let origin = 'that URL';
    try {
      origin = new URL(given).origin;
    } catch {
      // not a URL either: the refusal stands
    }
    throw usageError(
      `${origin} is not the base URL (${baseUrl}): pp sends the API key there only`,
      'Give the path alone (/api/v1/…), or set --base-url / PP_BASE_URL for another API.',
    );
  }
  return given.startsWith('/') ? given : `/${given}`;
}

/** pp sets these (or Node does for it): a -H naming one would be sent twice, or instead of pp's. */
const ownHeaders = new Set([
  'accept',
  'user-agent',
  'content-type',
  'idempotency-key',
  'content-length',
  'host',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);
/** A header name as HTTP allows it (a "token"). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function headersOf(given: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of given) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (colon < 0 || !TOKEN.test(name))
      throw usageError('-H takes "Name: value"', 'For example -H "X-Trace-Id: 42".');
    const lower = name.toLowerCase();
    if (lower === 'x-api-key')
      throw usageError(
        '-H cannot set X-API-KEY',
        'pp sends the key of the profile in use: choose it with --profile, or PP_API_KEY.',
      );
    if (ownHeaders.has(lower)) throw usageError(`-H cannot set ${name}: pp sets it itself`);
    const value = line.slice(colon + 1).trim();
    // Node throws on a line break or a character past Latin-1 in a header; say so first
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value))
      throw usageError(`the value of -H ${name} is not one line of text`);
    headers[lower] = value;
  }
  return headers;
}

/** Files and standard input, read once each before any request (a wrong path sends nothing). */
class Sources {
  #stdinTaken = '';

  constructor(private readonly ctx: Context) {}

  /** The text of a file, or of standard input for `-`, named `what` in errors. */
  async read(path: string, what: string): Promise<string> {
    if (path === '-') {
      if (this.#stdinTaken)
        throw usageError(`${what} and ${this.#stdinTaken} both read standard input`, 'Give a file to one.');
      this.#stdinTaken = what;
      return this.#stdin(what);
    }
    try {
      const bytes = await readFile(path);
      if (bytes.length > MAX_BODY_BYTES) throw tooBig(what);
      return bytes.toString('utf8');
    } catch (err) {
      if (err instanceof PpError) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw usageError(
        `cannot read ${path} for ${what} (${code})`,
        'Give a readable file, or - for standard input.',
      );
    }
  }

  async #stdin(what: string): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.ctx.io.stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > MAX_BODY_BYTES) throw tooBig(what);
      chunks.push(bytes);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

const tooBig = (what: string) => usageError(`${what} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);

/** One -f: its key (a list when written key[]), and its value as JSON text and as query text. */
interface Field {
  key: string;
  list: boolean;
  json: string;
  query: string;
}

/** A JSON number as typed: its digits are sent as they are (12345678901234567890 is not rounded). */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

async function fieldOf(given: string, sources: Sources): Promise<Field> {
  const eq = given.indexOf('=');
  let key = eq < 0 ? '' : given.slice(0, eq);
  const list = key.endsWith('[]');
  if (list) key = key.slice(0, -2);
  if (key === '')
    throw usageError('-f takes key=value', 'For example -f limit=10, or -f "providers[]=LINKEDIN".');
  const raw = given.slice(eq + 1);
  const typed = (json: string, query: string): Field => ({ key, list, json, query });
  if (raw === 'true' || raw === 'false' || NUMBER.test(raw)) return typed(raw, raw);
  if (raw === 'null') return typed('null', '');
  if (raw.startsWith('@')) {
    const text = await sources.read(raw.slice(1), `-f ${key}`);
    return typed(JSON.stringify(text), text);
  }
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    try {
      const text: unknown = JSON.parse(raw);
      if (typeof text === 'string') return typed(raw, text);
    } catch {
      // not a JSON string: the text as it is
    }
  }
  return typed(JSON.stringify(raw), raw);
}

/** The -f fields as one JSON object, each value as typed; key[] fields as lists. */
function bodyOf(fields: readonly Field[]): string {
  const members = new Map<string, string | string[]>();
  for (const { key, list, json } of fields) {
    const had = members.get(key);
    if (list && (had === undefined || Array.isArray(had))) members.set(key, [...(had ?? []), json]);
    else if (had === undefined) members.set(key, json);
    else throw usageError(`-f ${key} is given twice`, `Give it once, or as ${key}[]=… for a list.`);
  }
  const text = [...members].map(
    ([key, value]) => `${JSON.stringify(key)}:${Array.isArray(value) ? `[${value.join(',')}]` : value}`,
  );
  return `{${text.join(',')}}`;
}

/** The path with the fields added to its query (a list's key once per value). */
function withQuery(path: string, fields: readonly Field[]): string {
  if (fields.length === 0) return path;
  let pairs: string[];
  try {
    pairs = fields.map((f) => `${encodeURIComponent(f.key)}=${encodeURIComponent(f.query)}`);
  } catch {
    // a lone surrogate (an unpaired half of an emoji) has no UTF-8 to encode
    throw usageError('a -f field is not valid text (an unpaired surrogate)');
  }
  return `${path}${path.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}

/** What a content type says the body is, for the relay: JSON, something else, or not said. */
function bodyKind(head: AnswerHead): BodyKind {
  const type = header(head.headers, 'content-type');
  if (type === null || type.trim() === '') return 'sniff';
  return /^[^;]*[/+](?:x-)?(?:nd)?json\s*(?:;|$)/i.test(type) ? 'json' : 'bytes';
}

/** On a terminal, a JSON answer up to this size is laid out; a longer one is described. */
const SHOWN_BYTES = 4 * 1024 * 1024;

/** The answer on a terminal: kept while it may be shown, counted after that. */
class Shown implements BodySink {
  chunks: Buffer[] = [];
  bytes = 0;
  constructor(readonly head: AnswerHead) {}
  write(chunk: Buffer): undefined {
    this.bytes += chunk.length;
    if (this.bytes <= SHOWN_BYTES) this.chunks.push(chunk);
    else this.chunks = [];
  }
}

async function printAnswer(ctx: Context, client: Client, request: ApiRequest): Promise<void> {
  const tty = ctx.io.stdout.isTTY === true;
  let relay: ReturnType<typeof bodyRelay> | undefined;
  let shown: Shown | undefined;
  await client.exchange({
    ...request,
    sink: (head) => {
      if (tty) {
        shown = new Shown(head);
        return shown;
      }
      relay = bodyRelay(ctx.io, bodyKind(head));
      return relay;
    },
  });
  if (relay) {
    await relay.end();
    if (relay.masked) await ctx.warn(maskedWarning());
  }
  if (shown && shown.bytes > 0) await show(ctx, shown);
}

async function show(ctx: Context, shown: Shown): Promise<void> {
  const kind = bodyKind(shown.head);
  if (kind !== 'bytes' && shown.bytes <= SHOWN_BYTES) {
    const text = Buffer.concat(shown.chunks)
      .toString('utf8')
      .replace(/^\ufeff/, '');
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    if (valid) {
      const laid = reindent(text, ctx.io);
      await ctx.io.out(`${laid.text}\n`);
      if (laid.masked) await ctx.warn(maskedWarning());
      return;
    }
  }
  const type = header(shown.head.headers, 'content-type');
  const what = `${groupDigits(shown.bytes)} bytes${type ? ` of ${neutralize(type)}` : ''}`;
  const why = kind !== 'bytes' && shown.bytes > SHOWN_BYTES ? 'too long to show' : 'not shown';
  await ctx.io.out(
    `(the answer: ${what}, ${why} on a terminal; redirect standard output to a file to keep it)\n`,
  );
}

/**
 * Every page of a list: each item of a page (under `items` or `data`) as one line of JSON as the
 * server wrote it, the cursor (`cursor` or `next_cursor`) followed until there is none, the next
 * page asked for while this one is printed (listPages). A cursor given twice would loop: exit 15,
 * after the items of that page.
 */
async function paginate(ctx: Context, client: Client, request: ApiRequest): Promise<void> {
  let masked = false;
  let asked = 0; // the pages asked for: a cursor is that of the last one
  const fetch = (cursor: string | undefined) => {
    const path = cursor === undefined ? request.path : withCursor(request.path, cursor, asked);
    asked++;
    return client.send({ ...request, path, check: hasItems, maxBytes: MAX_PAGE_BYTES });
  };
  for await (const { body, data } of listPages(fetch, 'the list')) {
    let lines = '';
    for (const item of memberItems(body, itemsMember(data) ?? 'items') ?? []) {
      const laid = compact(item, ctx.io);
      masked ||= laid.masked;
      lines += `${laid.text}\n`;
    }
    await ctx.io.out(lines);
  }
  if (masked) await ctx.warn(maskedWarning());
}

/** The path of the page at `cursor`: the first page's query, its own cursor (if any) replaced. */
function withCursor(path: string, cursor: string, page: number): string {
  const at = path.indexOf('?');
  const query = at < 0 ? [] : path.slice(at + 1).split('&');
  let encoded: string;
  try {
    encoded = encodeURIComponent(cursor);
  } catch {
    throw pageError(invalidList('the list gave a cursor that is not valid text'), page, 'the list');
  }
  const kept = query.filter((pair) => pair !== '' && !/^cursor(?:=|$)/.test(pair));
  return `${at < 0 ? path : path.slice(0, at)}?${[...kept, `cursor=${encoded}`].join('&')}`;
}
