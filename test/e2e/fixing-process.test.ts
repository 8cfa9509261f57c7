// What only a process shows of the fixing commands (issue 22): Ctrl-C ends a wait at once (well
// before main.ts's backstop) with 130 and who was still waiting; on a terminal, reconnect asks
// first and the checkpoint code is not echoed; and the morning round against a served `pp sandbox`,
// which remembers between commands: a link for every account that needs it, then the wait that
// sees them come back, in under 15 seconds, offline.
import { describe, expect, it } from 'vitest';
import { account, api, KEY } from '../helpers/api.js';
import { answer, FaultServer, hang } from '../helpers/fault-server.js';
import { inTerminal } from '../helpers/pty.js';
import { baseEnv, type RunResult, servedSandbox, spawnPp, startPp } from '../helpers/run.js';
import { describeWith } from '../helpers/tools.js';

const server = FaultServer.forTests();

const env = () => baseEnv({ PP_API_KEY: KEY, PP_BASE_URL: server.origin });

/**
 * pp in a child process, interrupted (SIGINT, as Ctrl-C sends; or SIGTERM, as a scheduler's timeout
 * does) once the server has seen `requests`.
 */
async function interrupted(
  args: string[],
  requests: number,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<RunResult & { afterSignalMs: number }> {
  const { child, done } = startPp(args, { env: env() });
  await server.waitForRequests(requests);
  await new Promise((resolve) => setTimeout(resolve, 100)); // into the wait, or the request
  const sent = performance.now();
  child.kill(signal);
  const result = await done;
  server.dropConnections();
  return { ...result, afterSignalMs: performance.now() - sent };
}

describe('Ctrl-C ends a bounded wait at once', () => {
  it('pp accounts wait, between two rounds: 130, naming who was still waiting', async () => {
    server.script(
      api({ accounts: [account('acc_a', 'STOPPED'), account('acc_b', 'ERROR'), account('acc_c')] }),
    );
    const r = await interrupted(['accounts', 'wait', 'acc_a', 'acc_b', 'acc_c', '--interval', '30s'], 3);
    expect(r.code).toBe(130);
    expect(r.afterSignalMs).toBeLessThan(1200); // main.ts ends a command that does not stop at 1500 ms
    expect(r.stderr).toMatch(/^interrupted after \d+ s: still waiting for acc_a, acc_b\n$/);
    expect(r.stderr).not.toContain('pp: interrupted'); // not main.ts's backstop
    expect(r.stdout).toMatch(/^acc_c\s+ok\s+after 0 s\n$/);
  });

  it('pp accounts wait, while a request hangs', async () => {
    server.script(hang);
    const r = await interrupted(['accounts', 'wait', 'acc_a'], 1);
    expect(r.code).toBe(130);
    expect(r.afterSignalMs).toBeLessThan(1200);
    expect(r.stderr).toContain('still waiting for acc_a');
  });

  it('SIGTERM (a scheduler’s timeout) stops it the same way, with 143', async () => {
    server.script(api({ accounts: [account('acc_a', 'STOPPED')] }));
    const r = await interrupted(['accounts', 'wait', 'acc_a', '--interval', '30s'], 1, 'SIGTERM');
    expect(r.code).toBe(143);
    expect(r.afterSignalMs).toBeLessThan(1200);
    expect(r.stderr).toMatch(/^terminated \(SIGTERM\) after \d+ s: still waiting for acc_a\n$/);
  });

  it('pp accounts resync --wait: 130, saying whose resync it was waiting for', async () => {
    server.script(
      api({
        accounts: [account('acc_li')],
        sync: () => answer(200, { object: 'AccountResync', status: 'SYNC_RUNNING' }),
      }),
    );
    const r = await interrupted(['accounts', 'resync', 'acc_li', '--wait', '--interval', '30s'], 2);
    expect(r.code).toBe(130);
    expect(r.afterSignalMs).toBeLessThan(1200);
    expect(r.stderr).toMatch(
      /interrupted after \d+ s: still waiting for the resync of acc_li \(SYNC_RUNNING\)/,
    );
  });
});

describeWith('python3', 'the fixing commands on a terminal', () => {
  // A pseudo-terminal run blocks this process (spawnSync): the API it talks to is a served sandbox,
  // in a process of its own, not a server in this one.
  const sandbox = servedSandbox();
  const ttyEnv = () =>
    baseEnv({ PP_API_KEY: 'pp_test_tty', PP_BASE_URL: sandbox.url(), TERM: 'xterm-256color' });

  it('reconnect asks first, naming how many and the command; no sends nothing', () => {
    const run = inTerminal(['accounts', 'reconnect', 'acc_demo_outlook_error', 'acc_demo_mail_stopped'], {
      env: ttyEnv(),
      steps: [{ expect: '[y/N] ', send: ['n\r'] }],
    });
    expect(run.code).toBe(0);
    expect(run.output).toContain(
      'pp accounts reconnect: make a new reconnect link for each of 2 accounts (these accounts)? [y/N]',
    );
    expect(run.output).toContain('Nothing sent.');
    expect(run.output).not.toContain('https://');
  });

  it('reconnect: yes makes the links; --yes asks nothing', () => {
    const ids = ['acc_demo_outlook_error', 'acc_demo_mobile_permissions'];
    const yes = inTerminal(['accounts', 'reconnect', ...ids], {
      env: ttyEnv(),
      cols: 200,
      steps: [{ expect: '[y/N] ', send: ['y\r'] }],
    });
    expect(yes.code).toBe(0);
    expect(yes.output.match(/https:\/\/sandbox\.postpress\.invalid\/hosted\//g)).toHaveLength(2);
    const skip = inTerminal(['accounts', 'reconnect', ...ids, '--yes'], { env: ttyEnv(), cols: 200 });
    expect(skip.code).toBe(0);
    expect(skip.output).not.toContain('[y/N]');
  });

  it('checkpoint asks for the code and does not echo it', () => {
    const run = inTerminal(['accounts', 'checkpoint', 'acc_demo_instagram_credentials'], {
      env: ttyEnv(),
      steps: [{ expect: 'it will not be shown): ', send: ['1', '2', '3', '4', '5', '6', '\r'] }],
    });
    expect(run.code).toBe(0);
    expect(run.output).toContain('Code for acc_demo_instagram_credentials (it will not be shown): ');
    expect(run.output).toContain('Checkpoint solved. acc_demo_instagram_credentials is connected (ok).');
    expect(run.output).not.toContain('123456');
  });

  it('wait draws a progress line naming who is still waiting; Ctrl-C typed ends it (130)', () => {
    const run = inTerminal(['accounts', 'wait', 'acc_demo_mail_stopped', '--interval', '30s'], {
      env: ttyEnv(),
      steps: [{ expect: 'waiting for 1 of 1: acc_demo_mail_stopped', send: ['\u0003'] }],
    });
    expect(run.code).toBe(130);
    expect(run.output).toMatch(/interrupted after \d+ s: still waiting for acc_demo_mail_stopped/);
  });
});

// two waits of about 5 s of real time each (the sandbox's own pace): side by side
describe.concurrent('the morning round against a served pp sandbox, offline', () => {
  const sandbox = servedSandbox();

  it('reconnect --needing, then wait: every account that needed its owner comes back, in under 15 s', async () => {
    const served = { env: baseEnv({ PP_BASE_URL: sandbox.url(), PP_API_KEY: 'pp_test_morning' }) };
    const started = performance.now();
    const links = await spawnPp(['accounts', 'reconnect', '--needing', '--yes', '--format', 'csv'], served);
    expect(links.code).toBe(0);
    const ids = links.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0]!);
    expect(ids).toEqual([
      'acc_demo_instagram_credentials',
      'acc_demo_mobile_permissions',
      'acc_demo_outlook_error',
      'acc_demo_mail_stopped',
    ]);
    const wait = await spawnPp(['accounts', 'wait', ...ids, '--interval', '1s', '--max-wait', '14s'], served);
    const took = performance.now() - started;
    expect(wait.code).toBe(0);
    expect(wait.stdout.trimEnd().split('\n')).toEqual(
      ids.map((id) => expect.stringMatching(new RegExp(`^${id}\\s+ok\\s+after \\d+ s$`))),
    );
    expect(took).toBeLessThan(15_000);
    // the sandbox remembers: they are ok for the next command too
    const status = await spawnPp(['status', ...ids], served);
    expect(status).toMatchObject({ code: 0, stdout: '' });
  });

  it('pp --sandbox accounts wait acc_demo_whatsapp_connecting works in one process (about 5 s)', async () => {
    const started = performance.now();
    const r = await spawnPp([
      '--sandbox',
      'accounts',
      'wait',
      'acc_demo_whatsapp_connecting',
      '--interval',
      '1s',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^acc_demo_whatsapp_connecting\s+ok\s+after [5-9] s\n$/);
    expect(performance.now() - started).toBeLessThan(12_000);
  });
});
