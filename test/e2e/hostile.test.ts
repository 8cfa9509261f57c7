// pp in a hostile world, round 3 (issue 24): answers that break HTTP, lists that page wrongly,
// servers that send what should stay hidden, profiles that do not exist, and inputs too large to
// read whole. In process against a scripted server (test/helpers/fault-server.ts); the cases that
// need a real process (a key command's background child, memory) are in hostile-process.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultServer, json, linkedinProfile } from '../helpers/fault-server.js';
import { pp as inProcess } from '../helpers/pp.js';
import { baseEnv } from '../helpers/run.js';

const KEY = 'pp_live_H0st1leW0rldK3y0123456789AbCd';
const STACK = /\n\s+at .+:\d+:\d+/;

let server: FaultServer;
beforeAll(async () => {
  server = await FaultServer.start();
});
afterAll(() => server.close());
beforeEach(() => {
  server.script(json(linkedinProfile()));
});

/** pp against the fault server with the key in the environment; the key and stacks never show. */
async function pp(args: string[], env: Record<string, string | undefined> = {}) {
  const r = await inProcess(['--base-url', server.origin, ...args], {
    env: baseEnv({ PP_API_KEY: KEY, ...env }),
  });
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toContain(KEY);
    expect(text).not.toMatch(STACK);
  }
  return r;
}

describe('an answer that is not well-formed HTTP is invalid (15), not a network failure (14)', () => {
  const profile = JSON.stringify(linkedinProfile());
  it.each([
    ['a Content-Length shorter than the body', `HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n${profile}`],
    ['a 204 with a body', `HTTP/1.1 204 No Content\r\n\r\n${profile}`],
    ['a 304 with a body', `HTTP/1.1 304 Not Modified\r\n\r\n${profile}`],
    [
      'data after Connection: close',
      `HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: ${profile.length}\r\n\r\n${profile}more`,
    ],
  ])('%s: exit 15, named, not retried', async (_what, text) => {
    server.script({ kind: 'raw', text });
    const r = await pp(['whoami', '--account', 'acc_1']);
    expect(r.code).toBe(15);
    expect(r.stderr).toMatch(/invalid response: the answer from 127\.0\.0\.1:\d+ is not well-formed HTTP \(HPE_/);
    expect(r.stderr).not.toMatch(/network failure/);
    expect(server.requests).toHaveLength(1);
  });

  it('says so in --json: exit_code 15, not retryable', async () => {
    server.script({ kind: 'raw', text: `HTTP/1.1 204 No Content\r\n\r\n${profile}` });
    const r = await pp(['--json', 'whoami', '--account', 'acc_1']);
    expect(JSON.parse(r.stderr).error).toMatchObject({ exit_code: 15, retryable: false });
  });
});
