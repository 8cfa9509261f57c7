// A reader of standard output that stops reading must slow the output, never the requests: with
// the output paused for 3 s, every one of 3,000 accounts is still reported as the server answered
// it (404, exit 7), none as "no answer within the 1 s timeout". Before the writer moved off the
// event loop, a blocked synchronous write made several time out (exit 16).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { MemoryStream, pp } from '../helpers/pp.js';
import { baseEnv, startPp } from '../helpers/run.js';

/** A standard output whose reader has stopped: every write says "wait" until resume(). */
class PausedStream extends MemoryStream {
  #paused = true;
  #waiting: (() => void)[] = [];
  override write(chunk: string): boolean {
    super.write(chunk);
    return !this.#paused;
  }
  override once(_event: 'drain', listener: () => void): unknown {
    if (this.#paused) this.#waiting.push(listener);
    else queueMicrotask(listener);
    return this;
  }
  resume(): void {
    this.#paused = false;
    for (const listener of this.#waiting.splice(0)) listener();
  }
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('a paused reader of standard output', () => {
  it('holds back the run: no more requests than its window while output waits, then every line', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => `acc_wait_${i}`);
    let requests = 0;
    sandbox.server.on('request', () => requests++);
    const stdout = new PausedStream();
    const running = pp(['--base-url', sandbox.url, 'profile', '--from-file', '-', '--json'], {
      env: baseEnv({ PP_API_KEY: 'pp_test_slow_reader' }),
      input: `${ids.join('\n')}\n`,
      stdout,
    });
    // Wait until the run has started asking (on a busy machine its first request can take longer
    // than the 300 ms below), then until it has stopped (no new request for 300 ms): the first line
    // asked to wait, so it holds at most its window of unprinted results.
    while (requests === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    for (let last = -1; last !== requests; ) {
      last = requests;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const whilePaused = requests;
    expect(whilePaused).toBeLessThanOrEqual(64 + 4);
    stdout.resume();
    const r = await running;
    expect(r.code).toBe(7);
    const lines = stdout.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { account_id: string });
    expect(lines.map((l) => l.account_id)).toEqual(ids);
    expect(requests).toBe(ids.length); // each account asked once
  });

  it('pauses the output, not the requests: every line arrives, and the exit code is the server’s answer', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `acc_slow_${i}`);
    const { child, done } = startPp(
      [
        '--base-url',
        sandbox.url,
        '--timeout',
        '1',
        '--retries',
        '0',
        'profile',
        '--from-file',
        '-',
        '--json',
      ],
      { env: baseEnv({ PP_API_KEY: 'pp_test_slow_reader' }), input: `${ids.join('\n')}\n` },
    );
    // Read nothing for 3 s: the pipe fills up and pp's writes wait.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.stdout.resume();
    const { code, stdout, stderr } = await done;
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { account_id: string; error: { type: string } });
    expect(lines.map((l) => l.account_id)).toEqual(ids);
    expect(lines.every((l) => l.error.type === 'errors/resource_not_found')).toBe(true);
    expect(stderr).not.toMatch(/timeout|network/);
    expect(code).toBe(7);
  }, 30_000);
});
