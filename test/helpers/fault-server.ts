// A fault-injecting HTTP(S) server for end-to-end tests. The test scripts what each request gets
// (an answer, a hang, a reset, a truncated body, a redirect...), and the server records every
// request it sees with its headers and its own timestamp, so tests assert on what reached the wire.
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface SeenRequest {
  /** 1 for the first request this server saw. */
  n: number;
  /** performance.now() when the request's headers arrived. */
  at: number;
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The request's body as it arrived (a write's JSON), '' for none. */
  body: string;
}

/** What the server does with one request. */
export type Fault =
  | {
      kind: 'answer';
      status: number;
      headers?: Record<string, string>;
      /** A string is sent as is; anything else as JSON. */
      body?: unknown;
    }
  /** Never answers; the socket stays open until the client gives up or the server closes. */
  | { kind: 'hang' }
  /** Destroys the socket without writing a byte. */
  | { kind: 'reset' }
  /** Announces more bytes than it sends, then closes the socket. */
  | { kind: 'truncate'; status?: number; sent: string; contentLength: number }
  /** Sends the headers and the start of the body, then nothing more (the socket stays open). */
  | { kind: 'stall'; sent: string; contentLength: number }
  /** A 200 whose chunked body goes on for `bytes` (of spaces inside a JSON object). */
  | { kind: 'flood'; bytes: number }
  /** These bytes on the socket as they are, status line and headers included, then the end. */
  | { kind: 'raw'; text: string }
  /**
   * A 200 whose chunked body is `parts`, each written on its own; after part i, `between(i)` is
   * awaited before the next (a test holds the rest back until it has seen what came of the first).
   */
  | {
      kind: 'parts';
      parts: (string | Buffer)[];
      headers?: Record<string, string>;
      between?: (index: number) => Promise<void>;
    };

export const answer = (status: number, body?: unknown, headers?: Record<string, string>): Fault => ({
  kind: 'answer',
  status,
  body,
  ...(headers ? { headers } : {}),
});
export const json = (body: unknown, headers?: Record<string, string>): Fault => answer(200, body, headers);
export const problem = (status: number, type: string, extra: Record<string, unknown> = {}): Fault =>
  answer(status, { status, type: `errors/${type}`, title: type.replaceAll('_', ' '), ...extra });
export const hang: Fault = { kind: 'hang' };
export const reset: Fault = { kind: 'reset' };

/** A profile the client accepts: a LinkedIn owner with every required field. */
export const linkedinProfile = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  object: 'AccountOwnerProfile',
  provider: 'LINKEDIN',
  provider_id: 'ACoAAB1234',
  entity_urn: 'urn:li:fsd_profile:ACoAAB1234',
  object_urn: 'urn:li:member:1234',
  first_name: 'Ada',
  last_name: 'Lovelace',
  profile_picture_url: 'https://media.example/ada.jpg',
  email: 'ada@example.com',
  premium: false,
  open_profile: true,
  organizations: [],
  recruiter: null,
  sales_navigator: null,
  ...extra,
});

export interface FaultServerOptions {
  /** 127.0.0.1 unless told (another loopback address such as 127.0.0.2 works too on Linux). */
  host?: string;
  /** Serve https with this key and certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/**
 * A scripted server. `script(...faults)` sets what the next requests get, in order; the last one
 * repeats for every request after it. The default is a 200 LinkedIn profile.
 */
export class FaultServer {
  readonly requests: SeenRequest[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #faults: (Fault | ((req: SeenRequest) => Fault))[] = [json(linkedinProfile())];
  #waiters: { count: number; resolve: () => void }[] = [];
  #host: string;
  #protocol: 'http' | 'https';
  #port = 0;

  private constructor(opts: FaultServerOptions) {
    this.#host = opts.host ?? '127.0.0.1';
    this.#protocol = opts.tls ? 'https' : 'http';
    const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      const seen: SeenRequest = {
        n: this.requests.length + 1,
        at: performance.now(),
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: '',
      };
      req.setEncoding('utf8').on('data', (chunk: string) => {
        seen.body += chunk;
      });
      this.requests.push(seen);
      for (const w of this.#waiters.filter((w) => this.requests.length >= w.count)) w.resolve();
      this.#waiters = this.#waiters.filter((w) => this.requests.length < w.count);
      const index = Math.min(seen.n - 1, this.#faults.length - 1);
      const entry = this.#faults[index]!;
      const fault = typeof entry === 'function' ? entry(seen) : entry;
      req.resume();
      perform(fault, res);
    };
    this.#server = opts.tls ? createHttpsServer(opts.tls, handler) : createHttpServer(handler);
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    // https: the raw TCP socket is what 'connection' gives us; TLS errors are the client's business
    this.#server.on('tlsClientError', () => {});
  }

  static async start(opts: FaultServerOptions = {}): Promise<FaultServer> {
    const server = new FaultServer(opts);
    await server.#listen();
    return server;
  }

  /**
   * The server of a test file (or of a describe block): listening before its first test, closed
   * after its last. Its origin is known once the tests run.
   */
  static forTests(opts: FaultServerOptions = {}): FaultServer {
    const server = new FaultServer(opts);
    beforeAll(() => server.#listen());
    afterAll(() => server.close());
    return server;
  }

  async #listen(): Promise<void> {
    this.#server.listen(0, this.#host);
    await once(this.#server, 'listening');
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  get port(): number {
    return this.#port;
  }

  get origin(): string {
    return `${this.#protocol}://${this.#host}:${this.#port}`;
  }

  /** What the next requests get, in order; the last repeats. Also forgets the requests seen. */
  script(...faults: (Fault | ((req: SeenRequest) => Fault))[]): this {
    if (faults.length === 0) throw new Error('script() needs at least one fault');
    this.#faults = faults;
    this.requests.length = 0;
    return this;
  }

  /** Resolves once `count` requests in all have arrived. */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** Drops every open connection (hanging ones included). */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function perform(fault: Fault, res: import('node:http').ServerResponse): void {
  switch (fault.kind) {
    case 'hang':
      return;
    case 'reset':
      res.socket?.destroy();
      return;
    case 'raw':
      res.socket?.end(fault.text);
      return;
    case 'flood': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, ' ');
      let sent = 0;
      res.write('{"provider":"LINKEDIN",');
      const more = (): void => {
        while (sent < fault.bytes && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        if (!res.destroyed) res.end('}');
      };
      res.on('error', () => {});
      more();
      return;
    }
    case 'parts': {
      res.writeHead(200, fault.headers ?? {});
      res.on('error', () => {});
      void (async () => {
        for (const [i, part] of fault.parts.entries()) {
          if (res.destroyed) return;
          await new Promise<void>((resolve) => res.write(part, () => resolve()));
          await fault.between?.(i);
        }
        res.end();
      })();
      return;
    }
    case 'stall':
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(fault.contentLength),
      });
      res.write(fault.sent);
      return;
    case 'truncate': {
      res.writeHead(fault.status ?? 200, {
        'content-type': 'application/json',
        'content-length': String(fault.contentLength),
      });
      res.write(fault.sent, () => {
        // let the bytes leave before the socket goes
        setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    case 'answer': {
      const body =
        fault.body === undefined
          ? ''
          : typeof fault.body === 'string'
            ? fault.body
            : JSON.stringify(fault.body);
      const headers: Record<string, string> = {
        ...(fault.body !== undefined && typeof fault.body !== 'string'
          ? { 'content-type': 'application/json' }
          : {}),
        ...fault.headers,
        'content-length': String(Buffer.byteLength(body)),
      };
      res.writeHead(fault.status, headers);
      res.end(body);
    }
  }
}
