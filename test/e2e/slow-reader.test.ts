// A reader of standard output that stops reading must slow the output, never the requests: with
// the output paused for 3 s, every one of 3,000 accounts is still reported as the server answered
// it (404, exit 7), none as "no answer within the 1 s timeout". Before the writer moved off the
// event loop, a blocked synchronous write made several time out (exit 16).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { baseEnv, bin, root } from '../helpers/run.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('a paused reader of standard output', () => {
  it('pauses the output, not the requests: every line arrives, and the exit code is the server’s answer', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `acc_slow_${i}`);
    const child = spawn(
      process.execPath,
      [
        bin,
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
      { env: baseEnv({ PP_API_KEY: 'pp_test_slow_reader' }), cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    child.stdin.end(`${ids.join('\n')}\n`);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    // Read nothing for 3 s: the pipe fills up and pp's writes wait.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { account_id: string; error: { type: string } });
    expect(lines.map((l) => l.account_id)).toEqual(ids);
    expect(lines.every((l) => l.error.type === 'errors/resource_not_found')).toBe(true);
    expect(stderr).not.toMatch(/timeout|network/);
    expect(stderr).toMatch(/3000 accounts: 3000 errors\/resource_not_found/);
    expect(code).toBe(7);
  }, 30_000);
});
