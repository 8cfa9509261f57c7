// Serves the sandbox API on a loopback port: for `pp sandbox`, and in-process for `--sandbox`.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtin } from '../builtin.js';
import { sandboxWorkspace } from './accounts.js';
import { SandboxActions, type SandboxClock } from './actions.js';
import { withFlaps } from './flap.js';
import { answer, problem, type SandboxAnswer } from './handler.js';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Added to every answer, in milliseconds. */
  latencyMs?: number;
  /** Requests per second beyond which the sandbox answers 429 with Retry-After. */
  rateLimit?: number;
  /** Generated accounts added to the demo ones in the accounts list (0 to 1,000,000; default 0). */
  accounts?: number;
  /** Accounts of the list that change state on each reading of it (flap.ts). */
  flap?: readonly string[];
  /**
   * The clock the account actions run on (an account comes back 5 s after its link, the connecting
   * one 5 s after the start): `pp sandbox` and --sandbox pass the command's, so a test's fake clock
   * moves the sandbox's time too. Without one, time stands still: the accounts stay as they are
   * (a sandbox a test starts for other commands answers the same however long it runs).
   */
  clock?: SandboxClock;
}

/** The clock of a sandbox given none: it never moves, so no account comes back on its own. */
const stillTime: SandboxClock = { now: () => 0 };

/** A write's body past this is no request of the API: the sandbox stops reading it. */
const MAX_BODY_BYTES = 64 * 1024;

export interface RunningSandbox {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** A fixed one-second window: at most `limit` answers per window, the rest get 429. */
function rateLimiter(limit: number) {
  let windowStart = 0;
  let used = 0;
  return (now: number, path: string): SandboxAnswer | undefined => {
    if (now - windowStart >= 1000) {
      windowStart = now;
      used = 0;
    }
    if (used < limit) {
      used++;
      return undefined;
    }
    const limited = problem('too_many_requests', `The sandbox allows ${limit} requests per second.`, path);
    limited.headers['retry-after'] = String(Math.max(1, Math.ceil((windowStart + 1000 - now) / 1000)));
    return limited;
  };
}

export function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const limited = opts.rateLimit ? rateLimiter(opts.rateLimit) : undefined;
  // Built once: the generated accounts are made page by page from their position, not held.
  const workspace = withFlaps(sandboxWorkspace(opts.accounts ?? 0), opts.flap ?? []);
  // What the account actions did (a link asked for, a checkpoint solved), for the sandbox's life.
  const actions = new SandboxActions(opts.clock ?? stillTime);
  // node:http's server loads only when a sandbox starts: `pp --help` loads this module with pp sandbox
  const server = builtin('node:http').createServer((req, res) => {
    const key = req.headers['x-api-key'];
    const idempotencyKey = req.headers['idempotency-key'];
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    const reply = () => {
      const path = req.url ?? '/';
      const result =
        limited?.(Date.now(), path.split('?')[0] ?? path) ??
        (size > MAX_BODY_BYTES
          ? problem('unprocessable_entity', `The body is larger than ${MAX_BODY_BYTES} bytes.`, path)
          : answer(req.method ?? 'GET', path, Array.isArray(key) ? key[0] : key, workspace, actions, {
              body: Buffer.concat(chunks).toString('utf8'),
              idempotencyKey: Array.isArray(idempotencyKey) ? idempotencyKey[0] : idempotencyKey,
            }));
      res.writeHead(result.status, { ...result.headers, 'content-length': Buffer.byteLength(result.body) });
      res.end(req.method === 'HEAD' ? undefined : result.body);
    };
    // answered once the whole request (a write's body) has arrived
    req.on('end', () => {
      if (opts.latencyMs) setTimeout(reply, opts.latencyMs);
      else reply();
    });
  });
  // Node's HTTP agent drops a kept-alive socket whose server hint (`Keep-Alive: timeout=N`) is one
  // second or less, so 1000 here made every request open a new connection (measured: 20 sequential
  // requests, 20 connections). Five seconds is Node's default; close() ends idle sockets anyway.
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
