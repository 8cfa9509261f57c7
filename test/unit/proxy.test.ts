// HTTPS_PROXY / HTTP_PROXY / NO_PROXY: which URL goes through which proxy, and a tunnel that stops
// with its attempt.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { proxyVariablesSet } from '../../src/api/client.js';
import { httpRequest } from '../../src/api/http.js';
import { bypassed, proxyFor, tunnelAgent } from '../../src/api/proxy.js';
import { ExitCode, PpError } from '../../src/errors.js';

const api = new URL('https://api.postpress.ai/api/v1/users/me');

describe('bypassed (NO_PROXY)', () => {
  const cases: [string, string, boolean][] = [
    // [NO_PROXY, url, bypassed]
    ['', 'https://api.postpress.ai', false],
    ['*', 'https://api.postpress.ai', true],
    ['postpress.ai', 'https://postpress.ai', true],
    ['postpress.ai', 'https://api.postpress.ai', true],
    ['postpress.ai', 'https://notpostpress.ai', false],
    ['postpress.ai', 'https://postpress.ai.evil.com', false],
    ['.postpress.ai', 'https://api.postpress.ai', true],
    ['.postpress.ai', 'https://postpress.ai', true],
    ['*.postpress.ai', 'https://api.postpress.ai', true],
    ['api.postpress.ai', 'https://other.postpress.ai', false],
    ['API.PostPress.AI', 'https://api.postpress.ai', true],
    ['example.com, postpress.ai', 'https://api.postpress.ai', true],
    ['example.com,,  ,localhost', 'https://localhost:8443', true],
    ['example.com localhost', 'https://localhost:8443', true],
    ['postpress.ai:443', 'https://api.postpress.ai', true],
    ['postpress.ai:8443', 'https://api.postpress.ai', false],
    ['postpress.ai:8443', 'https://api.postpress.ai:8443', true],
    ['127.0.0.1', 'https://127.0.0.1:9000', true],
    ['127.0.0.1', 'https://127.0.0.2:9000', false],
    ['::1', 'https://[::1]:9000', true],
    ['[::1]', 'https://[::1]:9000', true],
    ['[::1]:9000', 'https://[::1]:9000', true],
    ['[::1]:9001', 'https://[::1]:9000', false],
    ['.', 'https://api.postpress.ai', false],
  ];
  it.each(cases)('NO_PROXY=%j, %s → %s', (list, url, expected) => {
    expect(bypassed(new URL(url), { NO_PROXY: list })).toBe(expected);
  });

  it('reads no_proxy in lower case too', () => {
    expect(bypassed(api, { no_proxy: 'postpress.ai' })).toBe(true);
  });
});

describe('proxyFor', () => {
  it('uses HTTPS_PROXY for an https URL, else HTTP_PROXY, in either case', () => {
    expect(proxyFor(api, { HTTPS_PROXY: 'http://proxy:3128' })?.href).toBe('http://proxy:3128/');
    expect(proxyFor(api, { https_proxy: 'http://proxy:3128' })?.href).toBe('http://proxy:3128/');
    expect(proxyFor(api, { HTTP_PROXY: 'http://other:8080' })?.href).toBe('http://other:8080/');
    expect(proxyFor(api, { http_proxy: 'http://other:8080' })?.href).toBe('http://other:8080/');
    expect(proxyFor(api, { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://other:8080' })?.host).toBe(
      'proxy:3128',
    );
  });

  it('reads a bare host:port as an http proxy, and keeps credentials for the tunnel', () => {
    expect(proxyFor(api, { HTTPS_PROXY: 'proxy.corp:3128' })?.href).toBe('http://proxy.corp:3128/');
    const proxy = proxyFor(api, { HTTPS_PROXY: 'http://me:s%40cret@proxy.corp:3128' });
    expect(proxy?.username).toBe('me');
    expect(proxy?.password).toBe('s%40cret');
  });

  it('accepts an https:// proxy', () => {
    expect(proxyFor(api, { HTTPS_PROXY: 'https://proxy.corp' })?.protocol).toBe('https:');
  });

  it('never proxies plain http (only ever loopback) and honours NO_PROXY', () => {
    expect(proxyFor(new URL('http://127.0.0.1:8080'), { HTTP_PROXY: 'http://proxy:3128' })).toBeUndefined();
    expect(proxyFor(api, { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.postpress.ai' })).toBeUndefined();
    expect(proxyFor(api, {})).toBeUndefined();
    expect(proxyFor(api, { HTTPS_PROXY: '' })).toBeUndefined();
  });

  it('refuses a proxy it cannot use rather than silently going direct, without echoing it', () => {
    for (const value of ['http://us:pw@[bad', 'socks5://us:pw@proxy:1080']) {
      let error: unknown;
      try {
        proxyFor(api, { HTTPS_PROXY: value });
      } catch (err) {
        error = err;
      }
      expect(error, value).toBeInstanceOf(PpError);
      expect((error as PpError).exitCode).toBe(ExitCode.usage);
      expect((error as PpError).message).toContain('HTTPS_PROXY');
      expect((error as PpError).message).not.toContain('pw');
    }
  });
});

describe('proxyVariablesSet', () => {
  it('is true only when a proxy variable has a value', () => {
    expect(proxyVariablesSet({})).toBe(false);
    expect(proxyVariablesSet({ NO_PROXY: '*' })).toBe(false);
    expect(proxyVariablesSet({ HTTPS_PROXY: 'http://p:1' })).toBe(true);
    expect(proxyVariablesSet({ http_proxy: 'http://p:1' })).toBe(true);
  });
});

describe('tunnelAgent', () => {
  it('sends CONNECT host:port with the proxy credentials', async () => {
    const seen: { url: string; auth: string | undefined }[] = [];
    const proxy = createServer();
    proxy.on('connect', (req, socket: Socket) => {
      seen.push({ url: req.url ?? '', auth: req.headers['proxy-authorization'] });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const { port } = proxy.address() as AddressInfo;
    try {
      const agent = tunnelAgent(new URL(`http://me:s%40cret@127.0.0.1:${port}`));
      const failure = await httpRequest(new URL('https://api.postpress.ai/x'), {
        headers: {},
        signal: new AbortController().signal,
        agent,
      }).catch((err: unknown) => err);
      expect(failure).toMatchObject({ code: 'EPROXY' });
      expect(String((failure as Error).message)).toContain('403');
      expect(seen).toEqual([
        { url: 'api.postpress.ai:443', auth: `Basic ${Buffer.from('me:s@cret').toString('base64')}` },
      ]);
    } finally {
      proxy.close();
    }
  });

  it('gives up on a proxy that never answers when the attempt is aborted', async () => {
    const sockets: Socket[] = [];
    const proxy = createServer();
    proxy.on('connect', (_req, socket: Socket) => {
      sockets.push(socket); // says nothing
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const { port } = proxy.address() as AddressInfo;
    try {
      const agent = tunnelAgent(new URL(`http://127.0.0.1:${port}`));
      const started = performance.now();
      const failure = await httpRequest(new URL('https://api.postpress.ai/x'), {
        headers: {},
        agent,
        signal: AbortSignal.timeout(200),
      }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(Error);
      expect(performance.now() - started).toBeLessThan(2_000);
      // the half-open tunnel was closed: nothing is left to keep the process alive
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sockets.every((s) => s.destroyed || s.readableEnded)).toBe(true);
    } finally {
      for (const s of sockets) s.destroy();
      proxy.close();
    }
  });
});
