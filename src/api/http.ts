// A small fetch over node:http/https, handed to ofetch's createFetch. Node 20's global fetch loads
// undici on first use (~150 ms, ~40 MB; see NOTES.md); node:http is already in the binary. It never
// follows redirects (the client decides, so the key cannot leak) and reads the whole body as text.
import type { Agent, IncomingMessage } from 'node:http';
import { builtin } from '../builtin.js';

/** The part of the Headers API that ofetch and pp use; names are case-insensitive. */
export class MiniHeaders {
  readonly #map = new Map<string, string>();

  constructor(init?: Record<string, string> | Iterable<[string, string]> | MiniHeaders) {
    if (!init) return;
    const entries = Symbol.iterator in init ? (init as Iterable<[string, string]>) : Object.entries(init);
    for (const [k, v] of entries) this.set(k, v);
  }
  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }
  set(name: string, value: string): void {
    this.#map.set(name.toLowerCase(), String(value));
  }
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }
  delete(name: string): void {
    this.#map.delete(name.toLowerCase());
  }
  forEach(fn: (value: string, key: string) => void): void {
    this.#map.forEach(fn);
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#map.entries();
  }
  toObject(): Record<string, string> {
    return Object.fromEntries(this.#map);
  }
}

export interface HttpResponse {
  status: number;
  statusText: string;
  ok: boolean;
  url: string;
  headers: MiniHeaders;
  /** ofetch only reads a body when this is truthy. */
  body: IncomingMessage | null;
  text(): Promise<string>;
}

export interface HttpInit {
  method?: string;
  headers?: MiniHeaders | Record<string, string>;
  signal?: AbortSignal;
  /** A proxy agent, when HTTPS_PROXY/HTTP_PROXY apply. */
  agent?: Agent;
  /** Absolute-form request through a plain http proxy: [proxy host, port]. */
  viaHttpProxy?: URL;
}

/** Error codes of a body that stopped before its end. */
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

export async function httpFetch(input: string | URL, init: HttpInit = {}): Promise<HttpResponse> {
  const url = new URL(String(input));
  // https (and TLS with it) loads only for an https URL; builtin() keeps that lazy in every bundle format
  const mod = builtin(url.protocol === 'https:' ? 'node:https' : 'node:http');
  const headers = init.headers instanceof MiniHeaders ? init.headers.toObject() : { ...init.headers };
  const proxy = init.viaHttpProxy;
  return new Promise((resolve, reject) => {
    const signal = init.signal;
    if (signal?.aborted) return reject(signal.reason);
    const req = mod.request(
      proxy
        ? {
            host: proxy.hostname,
            port: proxy.port || 80,
            path: url.href,
            method: init.method ?? 'GET',
            headers: { ...headers, host: url.host },
          }
        : {
            protocol: url.protocol,
            hostname: url.hostname.replace(/^\[|\]$/g, ''),
            port: url.port,
            path: url.pathname + url.search,
            method: init.method ?? 'GET',
            headers,
            agent: init.agent,
            ...(init.agent && signal ? { [TUNNEL_SIGNAL]: signal } : {}),
          },
      (res) => {
        const responseHeaders = new MiniHeaders();
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
        }
        let consumed: Promise<string> | undefined;
        const status = res.statusCode ?? 0;
        resolve({
          status,
          statusText: res.statusMessage ?? '',
          ok: status >= 200 && status < 300,
          url: url.href,
          headers: responseHeaders,
          body: res,
          text: () => {
            consumed ??= readBody(res, signal);
            return consumed;
          },
        });
      },
    );
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal?.removeEventListener('abort', onAbort));
    req.on('error', reject);
    req.end();
  });
}

function readBody(res: IncomingMessage, signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: Error) => reject(err);
    const tooLarge = () =>
      Object.assign(new Error(`the answer is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`), {
        code: TOO_LARGE,
      });
    const onAbort = () => res.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    // fail before destroying: destroy() emits 'aborted' at once, which would say "truncated"
    if (Number(res.headers['content-length']) > MAX_BODY_BYTES) {
      fail(tooLarge());
      res.destroy();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        signal?.removeEventListener('abort', onAbort);
        fail(tooLarge());
        res.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.on('error', fail);
    res.on('aborted', () =>
      fail(
        Object.assign(new Error('the connection closed before the whole answer arrived'), {
          code: TRUNCATED,
        }),
      ),
    );
    res.on('end', () => {
      signal?.removeEventListener('abort', onAbort);
      if (!res.complete) {
        fail(
          Object.assign(new Error('the connection closed before the whole answer arrived'), {
            code: TRUNCATED,
          }),
        );
        return;
      }
      // As fetch's text() decodes UTF-8: a leading byte-order mark is not part of the text, and
      // JSON.parse would refuse it
      const body = Buffer.concat(chunks);
      const bom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
      resolve(body.toString('utf8', bom));
    });
  });
}
