// End to end: bin/pp.js against the sandbox, for every provider, in table and --json form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/providers/index.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { baseEnv, runPp } from '../helpers/run.js';

const providers = ['linkedin', 'telegram', 'twitter', 'gmail', 'outlook', 'imap'];
const KEY = 'pp_live_e2eTestKey0123456789ABCD';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const against = () => baseEnv({ PP_BASE_URL: sandbox.url, PP_API_KEY: KEY });

describe.concurrent('profile and whoami, each provider', () => {
  for (const p of providers) {
    const id = `acc_demo_${p}`;
    it(`pp profile ${id} --json prints the body exactly, pretty-printed`, async () => {
      const r = await runPp(['profile', id, '--json'], { env: against() });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${JSON.stringify(demoAccounts()[id], null, 2)}\n`);
    });

    it(`pp --sandbox whoami --account ${id} --json needs no key and no server`, async () => {
      const r = await runPp(['--sandbox', 'whoami', '--account', id, '--json'], { env: baseEnv() });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).provider).toBe(p.toUpperCase());
    });

    it(`pp profile ${id} shows the profile for a person`, async () => {
      const r = await runPp(['profile', id], { env: against() });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const lines = r.stdout.split('\n');
      expect(lines[0]).toContain(id);
      expect(r.stdout).not.toMatch(/undefined|\[object Object\]|\u001b\[/);
      // every line fits the default 80 columns, but for a URL or id that is never split
      for (const line of lines) if ([...line].length > 80) expect(line).toMatch(/^ *(\S+( \S+)* {2,})?\S+$/);
    });
  }
});

describe.concurrent('what a person sees', () => {
  it('whoami of a LinkedIn account: name, e-mail, headline', async () => {
    const r = await runPp(['whoami', '--account', 'acc_demo_linkedin'], { env: against() });
    expect(r.code).toBe(0);
    const p = demoAccounts().acc_demo_linkedin as Record<string, string>;
    expect(r.stdout).toContain(`${p.first_name} ${p.last_name}`);
    expect(r.stdout).toContain(p.email);
    expect(r.stdout).toContain('acc_demo_linkedin');
    expect(r.stdout).not.toMatch(/warning/i);
  });

  it('whoami warns about both disconnected seats, and still exits 0', async () => {
    const r = await runPp(['whoami', '--account', 'acc_demo_linkedin_seats_disconnected'], {
      env: against(),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Recruiter seat disconnected/);
    expect(r.stdout).toMatch(/Sales Navigator seat disconnected/);
  });

  it('whoami of Telegram shows @username and the restriction', async () => {
    const r = await runPp(['whoami', '--account', 'acc_demo_telegram'], { env: against() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`@${(demoAccounts().acc_demo_telegram as Record<string, string>).username}`);
    expect(r.stdout).toMatch(/Restricted by Telegram/);
  });

  it('whoami of IMAP shows user@host', async () => {
    const r = await runPp(['whoami', '--account', 'acc_demo_imap'], { env: against() });
    expect(r.stdout).toMatch(/\S+@imap\.|@\S+\.\w+/);
    expect(r.stdout).toMatch(/imap\.[\w.-]+:993/);
  });

  it('profile of Twitter groups numbers and reads created_at', async () => {
    const r = await runPp(['profile', 'acc_demo_twitter'], { env: against() });
    expect(r.stdout).toContain('12,345');
    expect(r.stdout).toContain('2018-10-10 20:19:24 UTC');
  });

  it('profile of Gmail lists every alias in a table', async () => {
    const r = await runPp(['profile', 'acc_demo_gmail'], { env: against() });
    const aliases = (demoAccounts().acc_demo_gmail as { aliases: { email: string }[] }).aliases;
    for (const a of aliases) expect(r.stdout).toContain(a.email);
    expect(r.stdout).toMatch(/Display name/);
  });

  it('the account comes from PP_ACCOUNT_ID when --account is absent, and --account wins', async () => {
    const env = { ...against(), PP_ACCOUNT_ID: 'acc_demo_outlook' };
    const fromEnv = await runPp(['whoami', '--json'], { env });
    expect(JSON.parse(fromEnv.stdout).provider).toBe('OUTLOOK');
    const fromFlag = await runPp(['whoami', '--account', 'acc_demo_gmail', '--json'], { env });
    expect(JSON.parse(fromFlag.stdout).provider).toBe('GMAIL');
  });

  it('global options work after the command too', async () => {
    const r = await runPp(['whoami', '--account', 'acc_demo_gmail', '--sandbox', '--json'], {
      env: baseEnv(),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).provider).toBe('GMAIL');
  });

  it('PP_SANDBOX=1 is the same as --sandbox', async () => {
    const r = await runPp(['profile', 'acc_demo_imap', '--json'], { env: baseEnv({ PP_SANDBOX: '1' }) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).provider).toBe('IMAP');
  });
});

describe.concurrent('errors', () => {
  it('a disconnected account: the message on stderr and exit 5', async () => {
    const r = await runPp(['--sandbox', 'whoami', '--account', 'acc_error_disconnected_account']);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: Disconnected account \(errors\/disconnected_account, HTTP 401\)/);
    expect(r.stderr).toMatch(/The account is disconnected from the provider service\./);
    expect(r.stderr).toMatch(/hint: Reconnect the account/);
  });

  it('--json errors: one JSON object on stderr, nothing on stdout', async () => {
    const r = await runPp(['--sandbox', '--json', 'profile', 'acc_error_account_restricted']);
    expect(r.code).toBe(6);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({
      error: {
        status: 403,
        type: 'errors/account_restricted',
        title: 'Account restricted',
        detail: 'The account has been restricted by the provider.',
        exit_code: 6,
        retryable: false,
        account_id: 'acc_error_account_restricted',
        request_id: null,
        retry_after: null,
      },
    });
  });

  it('--json errors carry the Retry-After the server sent', async () => {
    const r = await runPp([
      '--sandbox',
      '--json',
      '--retries',
      '0',
      'whoami',
      '--account',
      'acc_error_too_many_requests',
    ]);
    expect(r.code).toBe(9);
    expect(JSON.parse(r.stderr).error).toMatchObject({ status: 429, retryable: true, retry_after: 1 });
  });

  it('an unknown account is 404 resource_not_found, exit 7', async () => {
    const r = await runPp(['profile', 'acc_nobody'], { env: against() });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/errors\/resource_not_found, HTTP 404/);
  });
});
