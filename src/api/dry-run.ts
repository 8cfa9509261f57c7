// What --dry-run shows of a request it does not send: the method and URL, the headers (the key
// masked) and the body, as client.prepare() makes them, so that what is shown is what would go
// out. For a person, HTTP's own layout; with --json, one object a line. Every command that writes
// shows its requests with it.
import { maskKey } from '../key.js';
import { compact } from '../output/json.js';
import type { PreparedRequest } from './client.js';

export function dryRunText(request: PreparedRequest, json: boolean): string {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    headers[name] = name === 'x-api-key' ? maskKey(value) : value;
  const { method, url, body } = request;
  if (json) {
    // a JSON body as it would be sent, spliced in; any other as a string
    let bodyJson = 'null';
    if (body !== undefined) {
      try {
        JSON.parse(body);
        bodyJson = compact(body).text;
      } catch {
        bodyJson = JSON.stringify(body);
      }
    }
    return `{"method":${JSON.stringify(method)},"url":${JSON.stringify(url)},"headers":${JSON.stringify(headers)},"body":${bodyJson}}\n`;
  }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `${method} ${url}\n${lines.join('\n')}\n${body === undefined ? '' : `\n${body}\n`}`;
}
