// HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as curl and most CLIs read them. Loaded only when one of them
// is set. HTTPS requests go through an HTTP CONNECT tunnel, so the proxy sees neither the key nor
// the answer. Plain http:// is only ever used for loopback addresses, which are never proxied.
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request } from 'node:http';
import { Agent } from 'node:https';
import type { Socket } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';

type Env = Readonly<Record<string, string | undefined>>;

const get = (env: Env, name: string): string | undefined => env[name] || env[name.toLowerCase()] || undefined;

export const proxyVariablesSet = (env: Env): boolean =>
  ['HTTPS_PROXY', 'HTTP_PROXY'].some((name) => get(env, name) !== undefined);

/** True when NO_PROXY lists this host (exact, a domain suffix, `.suffix`, or `*`). */
export function bypassed(url: URL, env: Env): boolean {
  const list = get(env, 'NO_PROXY');
  if (!list) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [name = '', entryPort] = entry
        .toLowerCase()
        .replace(/^\*/, '')
        .split(/:(?=\d+$)/);
      if (entryPort && entryPort !== port) return false;
      const bare = name.replace(/^\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/** The proxy to use for an https URL, if any. */
export function proxyFor(url: URL, env: Env): URL | undefined {
  if (url.protocol !== 'https:' || bypassed(url, env)) return undefined;
  const raw = get(env, 'HTTPS_PROXY') ?? get(env, 'HTTP_PROXY');
  if (!raw) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}

/** An https Agent whose every connection is a CONNECT tunnel through `proxy`. */
export function tunnelAgent(proxy: URL): Agent {
  const agent = new Agent({ keepAlive: false });
  const auth =
    proxy.username || proxy.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`
      : undefined;
  type Done = (err: Error | null, socket?: TLSSocket) => void;
  const createConnection = (
    options: { host?: string; port?: number; servername?: string },
    callback: Done,
  ): undefined => {
    let settled = false;
    const done: Done = (err, socket) => {
      if (settled) return;
      settled = true;
      callback(err, socket);
    };
    const target = `${options.host}:${options.port ?? 443}`;
    const req: ClientRequest = request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || 80,
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...(auth ? { 'proxy-authorization': auth } : {}) },
    });
    req.once('connect', (res: IncomingMessage, socket: Socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(
          Object.assign(new Error(`the proxy refused the tunnel (HTTP ${res.statusCode})`), {
            code: 'EPROXY',
          }),
        );
        return;
      }
      const tls = connect({ socket, servername: options.servername || options.host });
      tls.once('secureConnect', () => done(null, tls));
      tls.once('error', (err) => done(err));
    });
    req.once('error', (err) => done(err));
    req.end();
  };
  // Node's Agent accepts a createConnection that answers through its callback.
  Object.assign(agent, { createConnection });
  return agent;
}
