// HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as curl and most CLIs read them. The built-ins a tunnel needs
// (https, tls) load only when one of them is set and a request goes through it, so importing this
// module costs nothing (pp doctor and pp --help load it). HTTPS requests go through an HTTP CONNECT
// tunnel, so the proxy sees neither the key nor the answer. Plain http:// is only ever used for
// loopback addresses, which are never proxied.
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Agent } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { builtin } from '../builtin.js';
import type { Env } from '../deps.js';
import { usageError } from '../errors.js';
import { AT_PROXY, TUNNEL_SIGNAL, unbracket } from './http.js';

const get = (env: Env, name: string): string | undefined => env[name] || env[name.toLowerCase()] || undefined;

/** True when NO_PROXY lists this host (exact, a domain suffix, `.suffix`, or `*`). */
export function bypassed(url: URL, env: Env): boolean {
  const list = get(env, 'NO_PROXY');
  if (!list) return false;
  const host = unbracket(url.hostname).toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      let name = entry.toLowerCase().replace(/^\*/, '');
      let entryPort: string | undefined;
      const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(name);
      if (bracketed) {
        // [::1] or [::1]:8443
        name = bracketed[1] ?? '';
        entryPort = bracketed[2];
      } else if (builtin('node:net').isIP(name) !== 6) {
        // host:port; a bare IPv6 address has colons of its own and no port
        const m = /^(.*):(\d+)$/.exec(name);
        if (m) [, name = '', entryPort] = m;
      }
      if (entryPort && entryPort !== port) return false;
      const bare = name.replace(/^\./, '');
      if (bare === '') return false;
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/**
 * The proxy to use for an https URL, if any (HTTPS_PROXY, else HTTP_PROXY). A proxy variable pp
 * cannot use is a usage error rather than a silent direct connection the user did not ask for; the
 * message never repeats the value, which may hold a password.
 */
export function proxyFor(url: URL, env: Env): URL | undefined {
  if (url.protocol !== 'https:' || bypassed(url, env)) return undefined;
  const name = get(env, 'HTTPS_PROXY') !== undefined ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  const raw = get(env, name);
  if (!raw) return undefined;
  let proxy: URL;
  try {
    proxy = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    throw usageError(`${name} is not a URL`, 'Set it to the proxy’s address, e.g. http://proxy.example:3128');
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw usageError(
      `${name} uses ${proxy.protocol}// proxies, which pp does not support`,
      'Use an http:// or https:// proxy (HTTP CONNECT), e.g. http://proxy.example:3128',
    );
  }
  if (!proxy.hostname) throw usageError(`${name} has no host name`);
  return proxy;
}

/** An https Agent whose every connection is a CONNECT tunnel through `proxy`. */
export function tunnelAgent(proxy: URL): Agent {
  const agent = new (builtin('node:https').Agent)({ keepAlive: false });
  const auth =
    proxy.username || proxy.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`
      : undefined;
  type Done = (err: Error | null, socket?: TLSSocket) => void;
  const request = builtin(proxy.protocol === 'https:' ? 'node:https' : 'node:http').request;
  const createConnection = (
    options: { host?: string; port?: number; servername?: string; [TUNNEL_SIGNAL]?: AbortSignal },
    callback: Done,
  ): undefined => {
    const signal = options[TUNNEL_SIGNAL];
    let settled = false;
    let tls: TLSSocket | undefined;
    const onAbort = () => {
      req.destroy();
      tls?.destroy();
      done(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const done: Done = (err, socket) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      callback(err, socket);
    };
    const host = unbracket(options.host ?? '');
    const target = `${builtin('node:net').isIP(host) === 6 ? `[${host}]` : host}:${options.port ?? 443}`;
    const req: ClientRequest = request({
      host: unbracket(proxy.hostname),
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...(auth ? { 'proxy-authorization': auth } : {}) },
      agent: false,
    });
    // A tunnel still being dialled when its attempt times out or Ctrl-C comes must not keep pp alive.
    if (signal?.aborted) return void onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('connect', (res: IncomingMessage, socket: Socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(
          Object.assign(
            new Error(
              `the proxy refused the tunnel to ${target} (HTTP ${res.statusCode}${res.statusMessage ? ` ${res.statusMessage}` : ''})`,
            ),
            { code: 'EPROXY' },
          ),
        );
        return;
      }
      // The certificate is checked against `host` (an IP address is not a valid TLS server name).
      tls = builtin('node:tls').connect({
        socket,
        host,
        servername: builtin('node:net').isIP(host) ? '' : options.servername || host,
      });
      tls.once('secureConnect', () => done(null, tls));
      tls.once('error', (err) => done(err));
    });
    // the request to the proxy failed before any tunnel: the proxy is what could not be reached
    req.once('error', (err) => done(Object.assign(err, { [AT_PROXY]: true })));
    req.end();
  };
  // Node's Agent accepts a createConnection that answers through its callback.
  Object.assign(agent, { createConnection });
  return agent;
}
