// One request over node:http/https (a GET, or a write with a JSON body): the answer read as text, or
// handed on as it arrives to a sink (pp api's answer, which may be 100 MB). Hand-written rather than fetch or
// ofetch, for start-up: Node 20's global fetch loads undici on first use (~150 ms and ~40 MB of a
// ~100 ms command, measured here), and ofetch's entry touches globalThis.Headers at import, which loads
// undici too (~50 ms, ~12 MB measured here) — while ofetch's own features (retries, parsing,
// errors) are what pp must do differently (Retry-After, per-attempt timeouts, a typed error per
// failure). node:http is already in the binary. Redirects are never followed here: the client
// decides, so the key cannot follow one to another origin.
import type { Agent, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { builtin } from '../builtin.js';

/** What an answer says before its body. */
export interface AnswerHead {
  status: number;
  statusText: string;
  /** Lower-case names, as Node gives them. */
  headers: IncomingHttpHeaders;
}

export interface HttpAnswer extends AnswerHead {
  /** The body as text, less a leading byte-order mark (as fetch's text() drops it); '' when it went to a sink. */
  body: string;
  /** The bytes handed to a sink, when the body went to one rather than into memory. */
  streamed?: number | undefined;
}

/** Where a body goes as it arrives, rather than into memory. */
export interface BodySink {
  /**
   * A chunk of the body, as received. A promise while whoever reads is behind: no more is read
   * from the socket until it resolves (backpressure all the way to the server). A rejection, or a
   * throw, ends the request with that error.
   */
  write(chunk: Buffer): Promise<void> | undefined;
}

export interface HttpRequestOptions {
  /** GET unless told. */
  method?: string | undefined;
  headers: Record<string, string>;
  /** Sent as the request's body (a write). */
  body?: string | undefined;
  signal: AbortSignal;
  /** A proxy agent, when HTTPS_PROXY/HTTP_PROXY apply. */
  agent?: Agent | undefined;
  /** A body past this many bytes is refused (TOO_LARGE); MAX_BODY_BYTES unless told. Not for a sink. */
  maxBytes?: number | undefined;
  /**
   * Asked once the status and headers are in: a sink to stream the body to, or undefined to read
   * it into memory. A streamed body has no size limit: it is never held.
   */
  sink?: ((head: AnswerHead) => BodySink | undefined) | undefined;
}

/** Error code of a body that stopped before its end. */
export const TRUNCATED = 'PP_TRUNCATED_BODY';
/** Error code of a body larger than MAX_BODY_BYTES. */
export const TOO_LARGE = 'PP_BODY_TOO_LARGE';
/** A profile is kilobytes; a few MB is already huge. Past this, a server is not sending one. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The request option carrying the attempt's signal to a proxy agent (Node hands request options on
 * to the agent's createConnection, but drops `signal`), so a tunnel still being dialled stops too.
 */
export const TUNNEL_SIGNAL = 'ppTunnelSignal';

/**
 * Set (true) by the proxy agent on an error of the connection to the proxy itself (its name does not
 * resolve, its port refuses), so the message names the proxy rather than the API as what failed.
 */
export const AT_PROXY = 'ppAtProxy';

/** A host name without the brackets a URL puts around an IPv6 address ("[::1]" → "::1"). */
export const unbracket = (host: string): string => host.replace(/^\[|\]$/g, '');

/** The first value of a response header, or null. */
export function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value.join(', ') : value) ?? null;
}

export function httpRequest(url: URL, opts: HttpRequestOptions): Promise<HttpAnswer> {
  // https (and TLS with it) loads only for an https URL; builtin() keeps that lazy in every bundle format
  const mod = builtin(url.protocol === 'https:' ? 'node:https' : 'node:http');
  const { signal, agent } = opts;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const req = mod.request(
      {
        protocol: url.protocol,
        hostname: unbracket(url.hostname),
        port: url.port,
        path: url.pathname + url.search,
        method: opts.method ?? 'GET',
        headers:
          opts.body === undefined
            ? opts.headers
            : { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) },
        // Node's default is 16 KB, and a bigger header was "no answer", retried; curl takes 100 KB
        maxHeaderSize: 128 * 1024,
        agent,
        ...(agent ? { [TUNNEL_SIGNAL]: signal } : {}),
      },
      (res) => {
        const head: AnswerHead = {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
        };
        let sink: BodySink | undefined;
        try {
          sink = opts.sink?.(head);
        } catch (err) {
          res.destroy();
          return reject(err);
        }
        if (sink)
          streamBody(res, signal, sink).then((streamed) => resolve({ ...head, body: '', streamed }), reject);
        else
          readBody(res, signal, opts.maxBytes ?? MAX_BODY_BYTES).then(
            (body) => resolve({ ...head, body }),
            reject,
          );
      },
    );
    const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal.removeEventListener('abort', onAbort));
    req.on('error', reject);
    req.end(opts.body);
  });
}

const coded = (message: string, code: string): Error => Object.assign(new Error(message), { code });
const truncated = () => coded('the connection closed before the whole answer arrived', TRUNCATED);
const tooLarge = (max: number) => coded(`the answer is larger than ${max / 1024 / 1024} MB`, TOO_LARGE);

function readBody(res: IncomingMessage, signal: AbortSignal, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onAbort = () => res.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    // reject before destroying: destroy() emits 'aborted' at once, which would say "truncated"
    if (Number(res.headers['content-length']) > max) {
      reject(tooLarge(max));
      res.destroy();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        signal.removeEventListener('abort', onAbort);
        reject(tooLarge(max));
        res.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.on('error', reject);
    res.on('aborted', () => reject(truncated()));
    res.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      if (!res.complete) return reject(truncated());
      // JSON.parse would refuse a leading byte-order mark; fetch's text() drops it too
      const body = Buffer.concat(chunks);
      const bom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
      resolve(body.toString('utf8', bom));
    });
  });
}

/**
 * The body handed to `sink` chunk by chunk as it arrives, never held: memory stays flat whatever its
 * size. While the sink is behind, the response is paused, so the socket's window closes and the
 * server waits. Resolves with the number of bytes once all of them were handed on.
 */
function streamBody(res: IncomingMessage, signal: AbortSignal, sink: BodySink): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      reject(err);
      res.destroy();
    };
    const onAbort = () => fail(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      let wait: Promise<void> | undefined;
      try {
        wait = sink.write(chunk);
      } catch (err) {
        return fail(err);
      }
      if (!wait) return;
      res.pause();
      wait.then(() => {
        if (!settled) res.resume();
      }, fail);
    });
    res.on('error', fail);
    res.on('aborted', () => fail(truncated()));
    // 'end' comes only once every chunk was handed on: a paused response emits no more
    res.on('end', () => {
      if (!res.complete) return fail(truncated());
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(size);
    });
  });
}
