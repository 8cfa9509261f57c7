// Serves the sandbox API on a loopback port: for `pp sandbox`, and in-process for `--sandbox`.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtin } from '../builtin.js';
import { sandboxWorkspace } from './accounts.js';
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
}

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
  // node:http's server loads only when a sandbox starts: `pp --help` loads this module with pp sandbox
  const server = builtin('node:http').createServer((req, res) => {
    const key = req.headers['x-api-key'];
    const reply = () => {
      const path = req.url ?? '/';
      const result =
        limited?.(Date.now(), path.split('?')[0] ?? path) ??
        answer(req.method ?? 'GET', path, Array.isArray(key) ? key[0] : key, workspace);
      res.writeHead(result.status, { ...result.headers, 'content-length': Buffer.byteLength(result.body) });
      res.end(req.method === 'HEAD' ? undefined : result.body);
    };
    if (opts.latencyMs) setTimeout(reply, opts.latencyMs);
    else reply();
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
