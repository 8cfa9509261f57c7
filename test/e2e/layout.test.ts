// What a person sees at the widths terminals have (profile and whoami: terminal.test.ts): nothing
// one must copy (a host name, an id, an error type) is split mid-way; errors wrap at spaces; and
// the width comes from --width, else COLUMNS, else the terminal, else 80 (a pipe is no terminal).
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/output/width.js';
import { demoAccountList } from '../../src/sandbox/accounts.js';
import { copyables, expectLaidOut } from '../helpers/layout.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv } from '../helpers/run.js';

const env = () => baseEnv({ PP_SANDBOX: '1', NO_COLOR: '1' });

describe.each([60, 80, 100, 160])('at %i columns', (width) => {
  it('accounts show keeps host names, addresses and ids whole', async () => {
    // the mail servers, an OAuth mailbox and a LinkedIn member: every kind of connection setting
    const shown = ['acc_demo_imap', 'acc_demo_gmail', 'acc_demo_linkedin', 'acc_demo_mobile_permissions'];
    for (const account of demoAccountList().filter((a) => shown.includes(a.id))) {
      const tokens = copyables({ id: account.id, params: account.connection_params });
      const r = await pp(['accounts', 'show', account.id], { env: env(), tty: { columns: width } });
      expect(r.code).toBe(0);
      expectLaidOut(r.stdout, width, tokens);
    }
  });

  it('wraps an error and its hint at the width, a long type whole', async () => {
    const id = 'acc_error_invalid_credentials_but_valid_account_imap';
    const r = await pp(['whoami', '--account', id], { env: env(), tty: { columns: width } });
    expect(r.code).toBe(5);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^error: /);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
    expectLaidOut(r.stderr, width, new Set([id, 'errors/invalid_credentials_but_valid_account_imap']));
    if (width < 100) expect(lines.length).toBeGreaterThan(3); // wrapped by pp, not by the terminal
  });
});

describe('the width', () => {
  const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));
  const headline = (text: string) => text.split('\n').find((l) => l.includes('Headline'))!;

  it('is 80 through a pipe, whatever the terminal pp runs in', async () => {
    const r = await pp(['profile', 'acc_demo_linkedin'], { env: env() });
    expect(headline(r.stdout)).toBe(
      '  Headline           Head of Talent Acquisition at Brightwave Labs · Hiring',
    );
  });

  it('is COLUMNS when set, even over a terminal, and --width over both', async () => {
    const piped = await pp(['profile', 'acc_demo_linkedin'], { env: { ...env(), COLUMNS: '160' } });
    expect(headline(piped.stdout)).toContain('Hiring engineers in Lyon & remote');
    const tty = await pp(['profile', 'acc_demo_linkedin'], {
      env: { ...env(), COLUMNS: '60' },
      tty: { columns: 160 },
    });
    expect(headline(tty.stdout)).toBe('  Headline           Head of Talent Acquisition at');
    const forced = await pp(['--width', '160', 'profile', 'acc_demo_linkedin'], {
      env: { ...env(), COLUMNS: '60' },
    });
    expect(headline(forced.stdout)).toContain('Hiring engineers in Lyon & remote');
  });

  it('takes the terminal width when COLUMNS is not set', async () => {
    const r = await pp(['profile', 'acc_demo_linkedin'], { env: env(), tty: { columns: 60 } });
    expect(headline(r.stdout)).toBe('  Headline           Head of Talent Acquisition at');
  });

  it('clamps --width as COLUMNS is clamped, and refuses what is no width', async () => {
    const r = await pp(['--width', '100000', 'profile', 'acc_demo_linkedin'], { env: env() });
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(1000);
    for (const bad of ['0', '-3', 'wide', '1.5']) {
      const refused = await pp(['--width', bad, 'whoami'], { env: env() });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--width takes a whole number of columns');
    }
  });
});

describe('times', () => {
  it('say how long ago next to the UTC time for a person (the injected clock), and stay raw in --json', async () => {
    const clock = new FakeClock(); // 2026-11-30 06:00 UTC
    const r = await pp(['profile', 'acc_demo_telegram'], { env: env(), clock });
    expect(r.stdout).toMatch(/Last online +2025-12-30 16:00:00 UTC \(11 months ago\)/);
    const whoami = await pp(['whoami', '--account', 'acc_demo_telegram'], { env: env(), clock });
    expect(whoami.stdout).toMatch(/Last online +2025-12-30 16:00:00 UTC \(11 months ago\)/);
    const json = await pp(['--json', 'profile', 'acc_demo_telegram'], { env: env(), clock });
    expect(json.stdout).toContain('"was_online": 1767110400');
    expect(json.stdout).not.toContain('ago');
  });
});

describe('one palette', () => {
  const colour = () => baseEnv({ PP_SANDBOX: '1', FORCE_COLOR: '1' });
  it('shows a condition in one colour everywhere: a disconnected seat yellow, an account to reconnect magenta', async () => {
    const seats = 'acc_demo_linkedin_seats_disconnected';
    const whoami = await pp(['whoami', '--account', seats], { env: colour() });
    expect(whoami.stdout).toContain('\u001b[33mwarning\u001b[39m');
    const profile = await pp(['profile', seats], { env: colour() });
    expect(profile.stdout).toContain('\u001b[33mdisconnected\u001b[39m');
    const summary = await pp(['profile', seats, 'acc_error_disconnected_account', 'acc_error_network_down'], {
      env: colour(),
    });
    // the state's colour, in every table of accounts
    expect(summary.stdout).toMatch(/acc_demo_linkedin_seats_disconnected .*\u001b\[33mwarning\u001b\[39m/);
    expect(summary.stdout).toMatch(/acc_error_disconnected_account .*\u001b\[35maction_needed\u001b\[39m/);
    expect(summary.stdout).toMatch(/acc_error_network_down .*\u001b\[31munknown\u001b\[39m/); // the check failed
  });

  it('shows a Gmail signature as text and a pending verification in yellow', async () => {
    const r = await pp(['profile', 'acc_demo_gmail'], { env: colour() });
    expect(r.stdout).toContain('\u001b[33mpending\u001b[39m');
    expect(r.stdout).not.toContain('<br>');
  });
});
