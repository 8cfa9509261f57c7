// SIGTERM (what cron, systemd and CI send on a timeout) is handled like Ctrl-C (CLI.md, exit code
// 143): the command stops, what a machine format promises on failure is written (pp_status_success
// 0; PP UNKNOWN with exit 3 for nagios), and the exit code is 143. In process, the run's signal is
// aborted as main.ts aborts it; in a real process, the signal itself.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { Termination } from '../../src/deps.js';
import { FaultServer, hang, json } from '../helpers/fault-server.js';
import { pp } from '../helpers/pp.js';
import { baseEnv, startPp, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_Term1nat3T3stK3y0123456789abcd';
const OLD = 'pp_status_success{profile="default"} 1\n';

const server = FaultServer.forTests();

const account = (id: string) => ({
  object: 'Account',
  type: 'LINKEDIN',
  id,
  name: `Name of ${id}`,
  created_at: '2025-01-01T00:00:00.000Z',
  sources: [{ id: `${id}_S`, status: 'OK' }],
});

/** The first page of the list answers, the second never does: the run is stopped while it waits. */
const slowList = () =>
  server.script((req) =>
    req.url.includes('cursor=') ? hang : json({ items: [account('acc_1'), account('acc_2')], cursor: 'c2' }),
  );

const successOf = (stdout: string) =>
  parsePrometheus(stdout).find((f) => f.name === 'pp_status_success')?.metrics[0]?.value;

describe('SIGTERM, in process', () => {
  const terminatedRun = async (args: string[]) => {
    slowList();
    const stop = new AbortController();
    const run = pp(['--base-url', server.origin, ...args], {
      env: baseEnv({ PP_API_KEY: KEY }),
      signal: stop.signal,
    });
    await server.waitForRequests(2);
    stop.abort(new Termination());
    return run;
  };

  it('prometheus: the samples read, then pp_status_success 0; exit 143', async () => {
    const r = await terminatedRun(['status', '--format', 'prometheus']);
    expect(r.code).toBe(143);
    expect(r.stdout).toContain('pp_account_health{account_id="acc_2"');
    expect(successOf(r.stdout)).toBe('0');
    expect(r.stderr).toMatch(/terminated \(SIGTERM\)/);
  });

  it('nagios: PP UNKNOWN, exit 3', async () => {
    const r = await terminatedRun(['status', '--format', 'nagios']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^PP UNKNOWN - terminated \(SIGTERM\)\n$/);
  });

  it('--json: the error says exit_code 143', async () => {
    const r = await terminatedRun(['--json', 'accounts']);
    expect(r.code).toBe(143);
    expect(JSON.parse(r.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: { exit_code: 143 } });
  });

  it('Ctrl-C is still 130', async () => {
    slowList();
    const stop = new AbortController();
    const run = pp(['--base-url', server.origin, 'status'], {
      env: baseEnv({ PP_API_KEY: KEY }),
      signal: stop.signal,
    });
    await server.waitForRequests(2);
    stop.abort();
    expect((await run).code).toBe(130);
  });
});

describe('SIGTERM to a real process', () => {
  const start = (args: string[]) =>
    startPp(['--base-url', server.origin, ...args], { env: baseEnv({ PP_API_KEY: KEY }) });

  it('pp status --format prometheus writes pp_status_success 0 and exits 143; nagios says UNKNOWN, exit 3', async () => {
    slowList();
    const prometheus = start(['status', '--format', 'prometheus']);
    const nagios = start(['status', '--format', 'nagios']);
    await server.waitForRequests(4); // each has read page 1 and waits on page 2
    prometheus.child.kill('SIGTERM');
    nagios.child.kill('SIGTERM');
    const [p, n] = await Promise.all([prometheus.done, nagios.done]);
    expect(p.code).toBe(143);
    expect(p.stdout).toContain('pp_account_health{account_id="acc_1"');
    expect(successOf(p.stdout)).toBe('0');
    expect(n.code).toBe(3);
    expect(n.stdout).toMatch(/^PP UNKNOWN - terminated \(SIGTERM\)\n$/);
  });

  it('pp status --output-file killed mid-run leaves the old file as it was and no temporary file', async () => {
    const dir = tempDir();
    const file = join(dir, 'pp.prom');
    writeFileSync(file, OLD);
    slowList();
    const run = start(['status', '--format', 'prometheus', '--output-file', file]);
    await server.waitForRequests(2);
    expect(readdirSync(dir)).toHaveLength(2); // the temporary file, beside the old one
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['pp.prom']);
  });
});
