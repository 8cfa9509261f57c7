// GET /api/v1/users/me: one request per attempt, pp's own retry loop, and every failure turned into
// a PpError. Rate limits have one mechanism: a 429's wait goes to the run's RateGate, which holds
// back every request of the run until it has passed (a single account has a gate of its own).
import { builtin } from '../builtin.js';
import type { Clock, Env } from '../deps.js';
import { ExitCode, interrupted, PpError, retryHint, usageError } from '../errors.js';
import { maskKey } from '../key.js';
import { hideCredentials } from '../output/showable.js';
import { errorCatalogue, errorName, exitCodeFor, hintForStatus } from './catalogue.js';
import { MAX_RETRY_AFTER_MS, RateGate } from './gate.js';
import {
  type AnswerHead,
  AT_PROXY,
  type BodySink,
  type HttpAnswer,
  type HttpRequestOptions,
  header,
  httpRequest,
  TOO_LARGE,
  TRUNCATED,
} from './http.js';
import { itemsMember } from './pages.js';
import { proxyFor, tunnelAgent } from './proxy.js';

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  retries: number;
  userAgent: string;
  env: Env;
  clock: Clock;
  /**
   * Masks the key in server text that a message cuts short (the start of a body): the caller's
   * Io.redact, which masks everything printed but cannot find a key cut in half.
   */
  conceal?: Conceal | undefined;
  /** --verbose lines (already free of the key: the caller's Io redacts it too). */
  log?: ((line: string) => void) | undefined;
  /**
   * For a person waiting at a terminal: a retry as it happens ("no answer in 30 s; retrying (2/3)
   * in 4 s"), so that a long wait is never silent. Not for a run of many, whose progress line says it.
   */
  notice?: ((line: string) => void) | undefined;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal | undefined;
  /** Shared by every request of a many-account run; a gate of one otherwise. */
  gate?: RateGate | undefined;
  random?: () => number;
  /** Told of every HTTP answer (any status): `pp doctor` reads reachability and the server's clock from it. */
  observe?: ((answer: Answered) => void) | undefined;
}

export interface Answered {
  status: number;
  /** The server's Date header, if it sent one. */
  date: string | null;
  /** When the answer's headers arrived, on the client's clock. */
  at: number;
  ms: number;
}

export interface Fetched {
  /** The body exactly as the server sent it (less a leading byte-order mark, as fetch would drop it). */
  body: string;
  data: Record<string, unknown>;
}

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8_000;
const MAX_REDIRECTS = 5;
/**
 * A page of 250 accounts is a few hundred KB (about 90 KB in the sandbox); past 16 MB a server is
 * not sending a page of the list, and pp stops reading rather than holding it.
 */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/**
 * In a run of many accounts, a 429 is the run's business, not the account's: everyone waits it out
 * at the gate, and the account tries again without spending its --retries on it (it queued behind
 * a limit the whole run shares), up to this many times. --retries 0 still means no retries at all.
 */
const SHARED_RATE_LIMIT_ROUNDS = 10;

/** One request of the API: what to send, and what its answer must be. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Under the base URL, with its query: /api/v1/accounts?limit=1. */
  path: string;
  /** A write's body, sent as JSON. */
  body?: unknown;
  /** A body already written as JSON text, sent as it is (pp api: its -f numbers keep their digits). */
  bodyText?: string | undefined;
  /** The account it is about, named in its errors. */
  accountId?: string | undefined;
  /** What a 2xx body must be beyond a JSON object. */
  check?: BodyCheck | undefined;
  maxBytes?: number | undefined;
  /** More headers (pp api -H): never one of those pp sets itself, which win. */
  headers?: Record<string, string> | undefined;
  /**
   * Where a 2xx answer's body goes as it arrives (pp api): whatever it is, unchecked and never
   * held. Asked with the answer's status and headers; undefined reads the body into memory.
   */
  sink?: ((head: AnswerHead) => BodySink | undefined) | undefined /**
   * Its answer holds a secret of the moment (a hosted link): an answer that fails its check is
   * described by its content type and length, never quoted in the error.
   */;
  secretAnswer?: boolean | undefined;
}

/** A request as it would go out: what `--dry-run` shows, and what send() sends. */
export interface PreparedRequest {
  method: ApiRequest['method'];
  url: string;
  /** Lower-case names; the key among them (x-api-key): mask it before showing any. */
  headers: Record<string, string>;
  /** The body as sent, if any. */
  body: string | undefined;
}

/** A 2xx answer as exchange() gives it: the body in memory, or the size of what went to the sink. */
export interface Answer extends AnswerHead {
  body: string;
  streamed?: number | undefined;
}

type Failed = { ok: false; error: PpError; retryable: boolean; retryAfterMs?: number | undefined };
type Attempt = { ok: true; fetched: Fetched } | Failed;
/** What an attempt made of a 2xx answer: the value asked for, or why it is no answer. */
type Outcome<T> = { ok: true; value: T } | Failed;

export function createClient(opts: ClientOptions) {
  const { clock, log } = opts;
  const random = opts.random ?? Math.random;
  const conceal: Conceal = opts.conceal ?? ((text) => text);
  const gate = opts.gate ?? new RateGate({ concurrency: 1, clock });
  const shared = opts.gate !== undefined;
  let proxyAgent: Pick<HttpRequestOptions, 'agent'> | undefined;
  /** host:port of the proxy in use, for error messages (never its credentials). */
  let proxyHost: string | undefined;

  async function transportFor(url: URL): Promise<Pick<HttpRequestOptions, 'agent'>> {
    const env = opts.env;
    if (!proxyVariablesSet(env)) return {};
    if (proxyAgent) return proxyAgent;
    const proxy = proxyFor(url, env);
    if (proxy) log?.(`via proxy ${proxy.protocol}//${proxy.host}`);
    proxyHost = proxy?.host;
    proxyAgent = proxy ? { agent: tunnelAgent(proxy) } : {};
    return proxyAgent;
  }

  async function attempt<T>(
    startUrl: string,
    request: ApiRequest,
    headers: Record<string, string>,
    payload: string | undefined,
    accept: (answer: HttpAnswer) => Outcome<T>,
  ): Promise<Outcome<T>> {
    const { accountId, maxBytes } = request;
    const write = request.method !== 'GET';
    let url = startUrl;
    for (let hop = 0; ; hop++) {
      // outside the try: an unusable proxy variable is the user's error, not a network failure
      const transport = await transportFor(new URL(url));
      // Each attempt (and hop) has its own timer, cleared when it ends: AbortSignal.timeout's timer
      // would outlive a quick answer by --timeout, piling up in a bulk run of many thousands.
      const timeout = new AbortController();
      const arm = () =>
        setTimeout(
          () => timeout.abort(new DOMException('the attempt timed out', 'TimeoutError')),
          opts.timeoutMs,
        );
      let timer = arm();
      let over = false; // the attempt has ended: a late chunk's wait must not set a timer again
      // A 2xx body that streams (pp api) goes at its own pace: from its first byte on, --timeout is
      // the longest it may go without a chunk, not the length of the whole answer (100 MB to a slow
      // reader takes what it takes); and while whoever reads is behind, no time runs at all.
      let streaming = false;
      const sink =
        request.sink &&
        ((head: AnswerHead): BodySink | undefined => {
          if (head.status < 200 || head.status >= 300) return undefined;
          const target = request.sink?.(head);
          if (!target) return undefined;
          streaming = true;
          clearTimeout(timer);
          timer = arm();
          return {
            write(chunk) {
              clearTimeout(timer);
              const wait = target.write(chunk);
              if (!wait) {
                if (!over) timer = arm();
                return undefined;
              }
              return wait.then(() => {
                if (!over) timer = arm();
              });
            },
          };
        });
      // Ctrl-C aborts the attempt through the same controller. Not AbortSignal.any: on Node 20 each
      // call leaves a WeakRef on the outer signal, ~25 MB over 100,000 requests of a bulk run.
      const outer = opts.signal;
      const onOuter = () => timeout.abort(outer?.reason);
      outer?.addEventListener('abort', onOuter, { once: true });
      if (outer?.aborted) onOuter();
      const started = clock.now();
      let res: HttpAnswer;
      try {
        res = await httpRequest(new URL(url), {
          method: request.method,
          headers,
          body: payload,
          signal: timeout.signal,
          maxBytes,
          sink,
          ...transport,
        });
      } catch (err) {
        if (opts.signal?.aborted) throw interrupted(accountId);
        // the sink's own failure (pp api's output) is its to tell
        if (err instanceof PpError) return { ok: false, retryable: false, error: err };
        const cause = rootCause(err);
        if (cause?.code === TOO_LARGE) {
          log?.(`← ${cause.message}`);
          return { ok: false, retryable: false, error: invalid(cause.message, accountId) };
        }
        // Node's HTTP parser refused the answer (HPE_*: a Content-Length shorter than what follows,
        // a 204 or 304 with a body, data after Connection: close): the server answered, wrongly.
        // Exit 15, not the 14 of no answer, which a script would retry forever.
        // (a DOMException's code is a number: the timeout's abort is one)
        if (typeof cause?.code === 'string' && cause.code.startsWith('HPE_')) {
          log?.(`← an answer Node's HTTP parser refused: ${cause.message} (${cause.code})`);
          return { ok: false, retryable: false, error: malformed(cause, url, accountId) };
        }
        const error = timeout.signal.aborted
          ? timedOut(opts.timeoutMs, url, accountId)
          : networkError(err, url, accountId, proxyHost);
        log?.(`← no answer after ${clock.now() - started} ms: ${error.message}`);
        // part of a streamed body is out already: trying again would print it twice
        return { ok: false, error, retryable: !streaming };
      } finally {
        over = true;
        clearTimeout(timer);
        outer?.removeEventListener('abort', onOuter);
      }
      const { status, body } = res;
      const contentType = header(res.headers, 'content-type');
      log?.(
        `← ${status} ${res.statusText} in ${clock.now() - started} ms, ${res.streamed ?? body.length} bytes`,
      );
      opts.observe?.({
        status,
        date: header(res.headers, 'date'),
        at: clock.now(),
        ms: clock.now() - started,
      });

      const location = header(res.headers, 'location');
      if (status >= 300 && status < 400 && location) {
        const next = new URL(location, url);
        if (next.origin !== new URL(url).origin) {
          return { ok: false, retryable: false, error: crossOriginRedirect(status, next, accountId) };
        }
        // a write's body is never sent again somewhere else: the server must be asked where it is
        if (write)
          return {
            ok: false,
            retryable: false,
            error: invalid(`a redirect of a ${request.method} (HTTP ${status})`, accountId),
          };
        if (hop >= MAX_REDIRECTS) {
          return {
            ok: false,
            retryable: false,
            error: invalid(`too many redirects (${MAX_REDIRECTS})`, accountId),
          };
        }
        url = next.href;
        log?.(`following redirect to ${hideCredentials(url)}`);
        continue;
      }
      if (status >= 200 && status < 300) return accept(res);
      if (status < 400 || status > 599) {
        // a redirect with no Location, a 304, a 1xx or a made-up status: not an answer pp can read
        const what = status >= 300 && status < 400 ? 'a redirect with no Location header' : 'an answer';
        return {
          ok: false,
          retryable: false,
          error: invalid(
            `${what} (HTTP ${status})`,
            accountId,
            describeBody(body, contentType, conceal),
            status,
          ),
        };
      }
      const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'), clock.now());
      const error = httpError(
        status,
        res.statusText,
        body,
        accountId,
        retryAfterMs,
        clock.now(),
        header(res.headers, 'x-request-id'),
      );
      // A write is tried again only where the first attempt cannot have been done (api/account-
      // actions.md, "Writes"): never on a 500, whatever its type, nor on a 4xx but 429.
      const retryable =
        [429, 502, 503, 504].includes(status) ||
        (!write && status === 500 && error.type === 'errors/provider_error');
      return { ok: false, error, retryable, retryAfterMs };
    }
  }

  /**
   * The request as it goes out: the URL under the base URL, pp's headers over any given, the body
   * as JSON and, for POST and PATCH, a fresh Idempotency-Key that its retries repeat, so the
   * service does it once however often it is sent. A path that would leave the base URL's origin
   * (`@host/…`, which makes the base URL a login) is refused: the key goes nowhere else.
   */
  function prepare(request: ApiRequest): PreparedRequest {
    const url = `${opts.baseUrl}${request.path}`;
    let origin: string | undefined;
    try {
      origin = new URL(url).origin;
    } catch {
      // not a URL at all: the same refusal
    }
    if (origin !== new URL(opts.baseUrl).origin)
      throw usageError(
        `the path ${JSON.stringify(request.path)} is not under the base URL ${opts.baseUrl}`,
        'Give a path such as /api/v1/accounts: pp sends the API key to the base URL only.',
      );
    const body = request.bodyText ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    const headers: Record<string, string> = {
      ...request.headers,
      'x-api-key': opts.apiKey,
      accept: 'application/json',
      'user-agent': opts.userAgent,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (request.method === 'POST' || request.method === 'PATCH')
      headers['idempotency-key'] = builtin('node:crypto').randomUUID();
    return { method: request.method, url, headers, body };
  }

  /**
   * One request of `path` under the base URL, with retries: the body that passed its check, or a
   * PpError. A write (any method but GET) is retried only as "Writes" allows (see attempt).
   */
  const send = (request: ApiRequest): Promise<Fetched> =>
    exchangeWith(request, (res) => {
      const parsed = parseAnswer(
        res.body,
        header(res.headers, 'content-type'),
        request.accountId,
        request.check ?? (() => undefined),
        request.secretAnswer ? unquoted : conceal,
      );
      return parsed.ok ? { ok: true, value: parsed.fetched } : parsed;
    });

  /**
   * One request with retries, its 2xx answer taken as it is: no check, any content (pp api). With
   * `sink`, the body goes there as it arrives. Any other answer is its PpError, as for send().
   */
  const exchange = (request: ApiRequest): Promise<Answer> =>
    exchangeWith(request, (res) => ({ ok: true, value: res }));

  async function exchangeWith<T>(
    request: ApiRequest,
    accept: (answer: HttpAnswer) => Outcome<T>,
  ): Promise<T> {
    const { accountId, method } = request;
    const { url, headers, body } = prepare(request);
    const attempts = opts.retries + 1;
    let sharedRounds = 0;
    let limitsSeen = gate.rateLimited; // the run's 429s so far, this request's own included
    for (let n = 1, tries = 1; ; n++) {
      try {
        await gate.acquire(opts.signal);
      } catch (err) {
        if (opts.signal?.aborted) throw interrupted(accountId);
        throw err; // the gate refuses: a Retry-After too long to wait out
      }
      // a write's body is never logged: it may hold a checkpoint code
      log?.(
        `${method} ${url} (attempt ${tries}/${attempts})${body === undefined ? '' : `, a ${body.length}-byte body`}`,
      );
      if (n === 1)
        log?.(
          `x-api-key: ${maskKey(opts.apiKey)}, user-agent: ${opts.userAgent}${headers['idempotency-key'] ? `, idempotency-key: ${headers['idempotency-key']}` : ''}`,
        );
      let result: Outcome<T>;
      try {
        result = await attempt(url, request, headers, body, accept);
      } catch (err) {
        gate.release();
        throw err;
      }
      const limited = !result.ok && result.error.status === 429;
      // A 429's wait goes to the gate before the slot is given back, so that no request of the run
      // starts in between; the next acquire waits it out, here and in every other worker.
      const wait = result.ok ? 0 : (result.retryAfterMs ?? backoffMs(n, random));
      if (limited) gate.pause(wait, accountId);
      gate.release(!limited);
      if (result.ok) return result.value;
      const { error, retryable, retryAfterMs } = result;
      if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
        log?.(`the server asks to wait ${Math.ceil(retryAfterMs / 1000)} s; not waiting that long`);
        if (!limited) gate.pause(retryAfterMs, accountId);
        throw error;
      }
      // A 429 while no other account met one since this one's last (or since it started) is this
      // account's own limit, not the run's: it spends its --retries as whoami would (an account
      // that is always rate limited cost a run of many 13 attempts, 23 s, against whoami's 3, 2 s).
      const own = limited && gate.rateLimited - 1 === limitsSeen;
      if (limited) limitsSeen = gate.rateLimited;
      const onTheRun =
        limited && shared && !own && opts.retries > 0 && sharedRounds++ < SHARED_RATE_LIMIT_ROUNDS;
      if (!retryable || (!onTheRun && tries >= attempts)) throw tries > 1 ? afterTries(error, tries) : error;
      if (!onTheRun) tries++;
      log?.(`retrying in ${(wait / 1000).toFixed(1)} s${retryAfterMs !== undefined ? ' (Retry-After)' : ''}`);
      opts.notice?.(
        `${retryReason(error)}; retrying (${tries}/${attempts}) in ${(wait / 1000).toFixed(1)} s`,
      );
      if (limited) continue;
      try {
        await clock.sleep(wait, opts.signal); // other failures back off on their own
      } catch {
        throw interrupted(accountId);
      }
    }
  }

  const get = (path: string, accountId: string | undefined, check: BodyCheck, maxBytes?: number) =>
    send({ method: 'GET', path, accountId, check, maxBytes });

  /** GET /api/v1/users/me: the account owner's profile (a live call to the provider). */
  const fetchOwnProfile = (accountId: string): Promise<Fetched> =>
    get(`/api/v1/users/me?account_id=${encodedId(accountId)}`, accountId, hasProvider);

  /** GET /api/v1/accounts/{id}: one account as postpress knows it (no provider call). */
  const fetchAccount = (accountId: string): Promise<Fetched> =>
    get(`/api/v1/accounts/${pathSegment(accountId)}`, accountId, hasId);

  /** GET /api/v1/accounts: one page of the list. */
  const fetchAccountPage = (limit: number, cursor: string | undefined): Promise<Fetched> =>
    get(
      `/api/v1/accounts?limit=${limit}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      undefined,
      hasItems,
      MAX_PAGE_BYTES,
    );

  return { baseUrl: opts.baseUrl, prepare, send, exchange, fetchOwnProfile, fetchAccount, fetchAccountPage };
}

export type Client = ReturnType<typeof createClient>;

/**
 * An id as one path segment, percent-encoded (a `/`, `?`, `#` or `%` in it stays in the segment).
 * An id of only dots is refused: `.` and `..` would be read as "this" and "the parent" segment,
 * and so would their percent-encoded forms (%2E%2E), which the URL standard resolves the same way.
 */
export function pathSegment(id: string): string {
  if (/^\.+$/.test(id) && id.length <= 2)
    throw usageError(`not an account id: ${JSON.stringify(id)}`, 'Account ids look like acc_…');
  return encodedId(id);
}

/**
 * An id percent-encoded for a URL. One holding half a UTF-16 surrogate pair has no UTF-8 form
 * (encodeURIComponent throws "URI malformed"): no account has it, so it is a usage error (exit 2).
 */
function encodedId(id: string): string {
  // isWellFormed, not /\p{Cs}/u: compiling that expression was ~0.2 ms of every start
  if (!id.isWellFormed())
    throw usageError(
      `not an account id: ${JSON.stringify(id)} holds a lone UTF-16 surrogate`,
      'Account ids look like acc_…',
    );
  return encodeURIComponent(id);
}

/** Whether a proxy variable is set: checked here so that proxy.ts loads only when one is. */
export const proxyVariablesSet = (env: Env): boolean =>
  ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy'].some((name) => Boolean(env[name]));

/**
 * The wait after failed attempt `n` (1-based) when the server did not say: exponential backoff with
 * full jitter, uniformly random in [0, min(cap, base·2ⁿ)], so clients that failed together do not
 * retry together. 0.5 s, 1 s, 2 s, 4 s, then at most 8 s.
 */
export function backoffMs(n: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** n));
}

/**
 * Retry-After in seconds or as an HTTP date (parseHttpDate), in milliseconds from now; undefined
 * when it is neither (the caller then backs off on its own).
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  // capped at a billion seconds (~32 years): a wait that long is not waited out all the same, and
  // 400 digits would be Infinity
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 1e9) * 1000;
  const date = parseHttpDate(trimmed);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/**
 * An HTTP date (a Date or Retry-After header) in milliseconds since the epoch, or undefined.
 * Date.parse alone is too lenient: it reads "1", "-1" or "12" as dates in 2001, so a date must name
 * its month and give a hh:mm:ss time, as all three HTTP-date forms do. HTTP dates are GMT; the
 * asctime form does not say so, and Date.parse would read it as local time.
 */
export function parseHttpDate(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i.test(trimmed)) return undefined;
  if (!/\b\d\d:\d\d:\d\d\b/.test(trimmed)) return undefined;
  const date = Date.parse(/\b(gmt|utc|ut)\b|[+-]\d{4}$|z$/i.test(trimmed) ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(date) ? undefined : date;
}

/** Why an attempt is tried again, in a few words: "no answer in 30 s", "HTTP 503 (service unavailable)". */
function retryReason(error: PpError): string {
  if (error.status) return `HTTP ${error.status}${error.type ? ` (${error.type})` : ''}`;
  return error.message.replace(/^network failure: /, '');
}

/** The error of the last attempt, saying how many were made (a person waited through all of them). */
const afterTries = (error: PpError, tries: number): PpError =>
  error.with({ detail: `${error.detail ? `${error.detail} ` : ''}(${tries} attempts)` });

/** The start of a body for an error message, the key masked before it is cut (a cut key would not be masked). */
const describeBody = (body: string, contentType: string | null, conceal: Conceal): string =>
  `content type ${contentType ?? 'none'}; ${body.length === 0 ? 'the body is empty' : conceal === unquoted ? `${body.length} characters, not shown (the answer may hold a link)` : `it starts with ${JSON.stringify(conceal(body).slice(0, 60))}`}`;

/** Masks the API key in text from the server. */
export type Conceal = (text: string) => string;

/** For an answer that may hold a secret: describeBody quotes none of it, and says only its length. */
const unquoted: Conceal = () => '';

function invalid(message: string, accountId: string | undefined, detail?: string, status?: number): PpError {
  return new PpError({
    exitCode: ExitCode.invalidResponse,
    message: `invalid response: ${message}`,
    detail,
    hint: 'Check --base-url / PP_BASE_URL points at the postpress API; run with --verbose to see the exchange.',
    status,
    accountId,
  });
}

/** What a 2xx body must be beyond a JSON object: undefined when it is fine, else what is wrong. */
export type BodyCheck = (data: Record<string, unknown>) => string | undefined;

/** A users/me answer names its provider. */
export const hasProvider: BodyCheck = (data) =>
  typeof data.provider === 'string' && data.provider !== ''
    ? undefined
    : 'the answer has no "provider" field';

/** An Account names its id. */
export const hasId: BodyCheck = (data) =>
  typeof data.id === 'string' && data.id !== '' ? undefined : 'the answer has no "id" field';

/** An AccountList holds its accounts under `items` (or `data`, as the quick start spells it). */
export const hasItems: BodyCheck = (data) =>
  itemsMember(data) ? undefined : 'the answer has no "items" list';

/** A 2xx body as a JSON object that passes `check`, or the invalid-response error (exit 15). */
export function parseAnswer(
  body: string,
  contentType: string | null,
  accountId: string | undefined,
  check: BodyCheck,
  conceal: Conceal = (text) => text,
): Attempt {
  const fail = (message: string): Attempt => ({
    ok: false,
    retryable: false,
    error: invalid(message, accountId, describeBody(body, contentType, conceal)),
  });
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return fail('the answer is not JSON');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const what = data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`;
    return fail(`the answer is ${what}, not a JSON object`);
  }
  const problem = check(data as Record<string, unknown>);
  if (problem) return fail(problem);
  return { ok: true, fetched: { body, data: data as Record<string, unknown> } };
}

/**
 * An HTTP error answer, in either of the API's two shapes (api/account-actions.md, "Errors"): the
 * problem details `{"status", "type": "errors/…", "title", "detail"}`, or the quick start's
 * `{"error": {"code", "message", "request_id"}}`, whose code is the type (with or without
 * `errors/`) and whose message is the detail. Neither: the status alone decides. The request id,
 * from the body or the `x-request-id` header, is kept for support.
 */
export function httpError(
  status: number,
  statusText: string,
  body: string,
  accountId: string | undefined,
  retryAfterMs?: number,
  now = Date.now(),
  requestIdHeader?: string | null,
): PpError {
  const envelope = parsedObject(body);
  const wrapped = parsedObject(envelope.error);
  const code = stringOf(envelope.type) ?? stringOf(wrapped.code);
  const type = code === undefined ? null : code.startsWith('errors/') ? code : `errors/${code}`;
  const info = errorCatalogue[errorName(type) ?? ''];
  const title = stringOf(envelope.title) ?? info?.title ?? (statusText || `HTTP ${status}`);
  const detail = stringOf(envelope.detail) ?? stringOf(wrapped.message) ?? info?.description;
  const requestId = requestIdOf(
    stringOf(wrapped.request_id) ?? stringOf(envelope.request_id) ?? requestIdHeader,
  );
  let hint = info?.hint ?? hintForStatus(status);
  const retryAfter = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
  if (retryAfter !== undefined) {
    hint = retryHint(retryAfter, now);
  }
  return new PpError({
    exitCode: exitCodeFor(status, type),
    message: `${title} (${type ?? 'no error type'}, HTTP ${status})`,
    detail,
    hint,
    status,
    type,
    title,
    accountId,
    retryAfter,
    requestId,
  });
}

/** A JSON object (from text, or a value already parsed), or {} for anything else. */
function parsedObject(value: unknown): Record<string, unknown> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return {}; // not an envelope (an HTML page from a proxy, an empty body)
    }
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** A request id to quote: one line, and no longer than any real one (a server may send anything). */
function requestIdOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const line = value.split(/[\r\n]/)[0]!.trim();
  return line === '' ? undefined : line.slice(0, 200);
}

/** An answer that is not well-formed HTTP, as the exit-15 error naming the parser's complaint. */
function malformed(cause: CodedError, url: string, accountId: string | undefined): PpError {
  // "Parse Error: Expected HTTP/, RTSP/ or ICE/" → "Expected HTTP/, RTSP/ or ICE/"
  const reason = oneLineReason(cause.message).replace(/^Parse Error: /, '');
  return invalid(
    `the answer from ${new URL(url).host} is not well-formed HTTP (${cause.code})`,
    accountId,
    `${reason}: a body where none may be (a 204 or a 304), or longer than its Content-Length, or data after the connection was to close.`,
  );
}

function crossOriginRedirect(status: number, to: URL, accountId: string | undefined): PpError {
  return new PpError({
    exitCode: ExitCode.invalidResponse,
    message: `refused a redirect (HTTP ${status}) to another origin, ${to.origin}`,
    detail: 'pp never sends the API key to a different origin than the base URL.',
    hint: 'If the API has moved, set --base-url / PP_BASE_URL to its new address.',
    status,
    accountId,
  });
}

const networkCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  EPROXY: 'proxy error',
};

/**
 * Codes of a failed TLS handshake or certificate check: EPROTO (e.g. https:// to a plain-http port),
 * Node's ERR_SSL_* and ERR_TLS_*, and OpenSSL's certificate verification errors, which Node passes
 * on by their OpenSSL names (DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_VERIFY_LEAF_SIGNATURE,
 * CERT_HAS_EXPIRED, …).
 */
const tlsCode =
  /^(?:EPROTO$|ERR_SSL_|ERR_TLS_|UNABLE_TO_)|CERT|CRL|^(?:INVALID_CA|INVALID_PURPOSE|PATH_LENGTH_EXCEEDED|HOSTNAME_MISMATCH)$/;

type CodedError = Error & { code?: string; [AT_PROXY]?: boolean };

function rootCause(err: unknown): CodedError {
  let e = err as CodedError & { cause?: unknown };
  while (e && !e.code && e.cause instanceof Error) e = e.cause as typeof e;
  return e;
}

/**
 * A cause's message as one line: OpenSSL's reason out of its dump ("write EPROTO 80…:error:0A00010B:
 * SSL routines:ssl3_get_record:wrong version number:../deps/…:350:\n" → "wrong version number"),
 * else the first line.
 */
export function oneLineReason(message: string): string {
  const openssl = /error:[0-9A-F]+:[^:\n]*:[^:\n]*:([^:\n]+)/i.exec(message)?.[1];
  return (openssl ?? message.split('\n')[0] ?? '').trim().replace(/:$/, '');
}

const proxyHint =
  'Check HTTPS_PROXY / HTTP_PROXY (a proxy that needs a login takes http://user:password@host:port) and NO_PROXY.';

/** A request that got no HTTP answer, as an exit-14 error naming what failed and where. */
export function networkError(
  err: unknown,
  url: string,
  accountId: string | undefined,
  proxyHost?: string,
): PpError {
  const cause = rootCause(err);
  const code = cause?.code;
  const tls = code !== undefined && tlsCode.test(code);
  const what = tls ? 'TLS failure' : code ? networkCodes[code] : undefined;
  // proxy.ts marks a failure of the connection to the proxy itself: the proxy failed, not the API
  const atProxy = proxyHost !== undefined && cause?.[AT_PROXY] === true;
  const where = atProxy
    ? `the proxy ${proxyHost}`
    : `${new URL(url).host}${proxyHost ? ` via the proxy ${proxyHost}` : ''}`;
  // TRUNCATED is pp's own code: it names nothing a person could look up, so it is not shown
  const message =
    code === TRUNCATED
      ? `the answer from ${where} was cut off`
      : `${what ?? 'no answer'} talking to ${where}${code ? ` (${code})` : ''}`;
  return new PpError({
    exitCode: ExitCode.network,
    message: `network failure: ${message}`,
    // the well-known codes say it all; otherwise the cause's own words, on one line
    detail: what && !tls && code !== 'EPROXY' ? undefined : cause?.message && oneLineReason(cause.message),
    hint:
      atProxy || code === 'EPROXY'
        ? proxyHint
        : tls
          ? 'Check that the base URL is https:// to a server that speaks TLS (not a plain-http port) with a certificate valid for its host name; NODE_EXTRA_CA_CERTS=<file.pem> trusts a private CA.'
          : 'Check the network, the base URL and any proxy settings, then try again.',
    accountId,
  });
}

/**
 * A timeout in seconds for a person: at most 3 decimals and never an exponent ("30", "2.5", not
 * "1.0000000000000003e-9"). Node's timers never fire sooner than 1 ms, so a shorter timeout is shown
 * as the 0.001 s it really was.
 */
export function formatSeconds(ms: number): string {
  return String(Number((Math.max(ms, 1) / 1000).toFixed(3)));
}

function timedOut(timeoutMs: number, url: string, accountId: string | undefined): PpError {
  return new PpError({
    exitCode: ExitCode.network,
    message: `network failure: no answer from ${new URL(url).host} within the ${formatSeconds(timeoutMs)} s timeout`,
    hint: 'Try again, or allow longer with --timeout <seconds>.',
    accountId,
  });
}
