// The health of an account as whoami and profile show it: the state, each reason with what to do,
// the NDJSON "health" of many accounts, and --fail-on warning (exit 17).
import { describe, expect, it } from 'vitest';
import { runPp } from '../helpers/run.js';

const sandbox = (...args: string[]) => runPp(['--sandbox', ...args]);
const seats = 'acc_demo_linkedin_seats_disconnected';

describe('one account', () => {
  it('whoami shows ok when nothing is wrong, and exits 0 even with --fail-on warning', async () => {
    const r = await sandbox('whoami', 'acc_demo_gmail', '--fail-on', 'warning');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Health +ok$/m);
  });

  it('whoami shows the warning state and each reason with what to do; exit 0, or 17 with --fail-on', async () => {
    const r = await sandbox('whoami', seats);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Health +warning$/m);
    expect(r.stdout).toMatch(/Recruiter seat disconnected\. Reconnect the Recruiter seat in\s+postpress\./);
    expect(r.stdout).toMatch(/Sales Navigator seat disconnected\. Reconnect the Sales\s+Navigator/);
    expect(r.stdout).not.toMatch(/^ {2}Warning/m);
    expect((await sandbox('whoami', seats, '--fail-on', 'warning')).code).toBe(17);
    const json = await sandbox('--json', 'whoami', seats, '--fail-on', 'warning');
    expect(json.code).toBe(17);
    expect(JSON.parse(json.stdout).provider).toBe('LINKEDIN'); // the body, as received
  });

  it('the single profile view opens with the health', async () => {
    const r = await sandbox('profile', 'acc_demo_telegram', '--fail-on', 'warning');
    expect(r.code).toBe(17);
    expect(r.stdout).toMatch(/\n\nHealth\n {2}State +warning\n/);
    expect(r.stdout).toMatch(/Restricted by Telegram/);
  });

  it('--fail-on takes only warning', async () => {
    const r = await sandbox('whoami', 'acc_demo_gmail', '--fail-on', 'error');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are warning/);
  });
});

describe('many accounts', () => {
  it('each NDJSON line carries the health; --fail-on warning exits 17 when every account answered', async () => {
    const r = await sandbox('--json', 'profile', 'acc_demo_gmail', seats, '--fail-on', 'warning');
    expect(r.code).toBe(17);
    const [gmail, linkedin] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(gmail.health).toEqual({ state: 'ok', reasons: [] });
    expect(linkedin.health.state).toBe('warning');
    expect(linkedin.health.reasons.map((x: { code: string }) => x.code)).toEqual([
      'recruiter_disconnected',
      'sales_navigator_disconnected',
    ]);
    expect((await sandbox('--json', 'profile', 'acc_demo_gmail', seats)).code).toBe(0);
  });

  it('a failure decides the exit code over warnings', async () => {
    const r = await sandbox('profile', seats, 'acc_error_disconnected_account', '--fail-on', 'warning');
    expect(r.code).toBe(5);
  });
});
