// `pp profile` with many accounts, end to end: the built bin/pp.js against the in-process sandbox
// or a small test server that records what it saw (arrival order, requests in flight, 429s).
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/providers/index.js';
import { FakeClock, pp, screen } from '../helpers/pp.js';
import { baseEnv, bin, runCommand, runPp, startPp, tempDir } from '../helpers/run.js';

interface Reply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

interface Seen {
  /** Account ids in arrival order. */
  ids: string[];
  inFlight: number;
  maxInFlight: number;
  /** Arrival times (ms) and the in-flight count each request found, itself included. */
  arrivals: { at: number; inFlight: number }[];
  /** When each 429 was answered. */
  limited: number[];
}

const gmail = JSON.stringify(demoAccounts().acc_demo_gmail);
const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A stand-in API on 127.0.0.1: `reply` decides each answer from the account id and what was seen. */
async function testServer(
  reply: (accountId: string, seen: Seen) => Reply,
): Promise<{ url: string; seen: Seen }> {
  const seen: Seen = { ids: [], inFlight: 0, maxInFlight: 0, arrivals: [], limited: [] };
  const server = createServer((req, res) => {
    const id = new URL(req.url ?? '/', 'http://x').searchParams.get('account_id') ?? '';
    seen.ids.push(id);
    seen.inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    seen.arrivals.push({ at: Date.now(), inFlight: seen.inFlight });
    const r = reply(id, seen);
    setTimeout(() => {
      seen.inFlight--;
      const status = r.status ?? 200;
      if (status === 429) seen.limited.push(Date.now());
      res.writeHead(status, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body ?? gmail);
    }, r.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const apiEnv = () => baseEnv({ PP_API_KEY: 'pp_test_e2e_bulk' });
const ndjson = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { account_id: string; ok: boolean; profile?: unknown; error?: unknown });
const ids = (n: number, prefix = 'acc_') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('pp profile with many accounts', () => {
  it('prints results in input order even when later ones answer first', async () => {
    const list = ids(24);
    // The first ids answer slowest: a runner that printed as answers came would reverse them.
    const { url } = await testServer((id) => ({
      delayMs: (24 - Number(id.slice(4))) * 8 + Math.random() * 20,
    }));
    const r = await runPp(['--base-url', url, 'profile', ...list, '--concurrency', '6', '--json'], {
      env: apiEnv(),
    });
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).map((l) => l.account_id)).toEqual(list);
    expect(r.stderr).toBe(''); // NDJSON for a script: no count line
  });

  it('prints NDJSON: the profile as the server sent it, and errors as in --json failures', async () => {
    const exact = '{"provider":"GMAIL","email":"a@b.c","big":12345678901234567890,\n  "ratio":1.0}';
    const { url } = await testServer((id) =>
      id === 'acc_exact'
        ? { body: exact }
        : {
            status: 401,
            body: JSON.stringify({
              status: 401,
              type: 'errors/disconnected_account',
              title: 'Disconnected account',
            }),
          },
    );
    const r = await runPp(['--base-url', url, 'profile', 'acc_exact', 'acc_gone', '--json'], {
      env: apiEnv(),
    });
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    // Spliced in as received, on one line: the big number and 1.0 keep their digits.
    expect(lines[0]).toBe(
      '{"account_id":"acc_exact","ok":true,"health":{"state":"ok","reasons":[]},"profile":{"provider":"GMAIL","email":"a@b.c","big":12345678901234567890,"ratio":1.0}}',
    );
    // The error is the very object a single-account --json failure prints on standard error.
    const single = await runPp(['--base-url', url, 'profile', 'acc_gone', '--json'], { env: apiEnv() });
    const { error } = JSON.parse(single.stderr) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ status: 401, type: 'errors/disconnected_account', exit_code: 5 });
    expect(JSON.parse(lines[1]!)).toEqual({ account_id: 'acc_gone', ok: false, error });
    expect(r.code).toBe(5);
  });

  it('exits 0 when every account succeeds', async () => {
    const r = await runPp(['--sandbox', 'profile', 'acc_demo_gmail', 'acc_demo_twitter', '--json'], {
      env: baseEnv(),
    });
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).every((l) => l.ok)).toBe(true);
  });

  it('exits with the shared code when every failure has it: a morning with disconnected accounts is 5', async () => {
    const r = await runPp(
      [
        '--sandbox',
        'profile',
        'acc_error_disconnected_account',
        'acc_demo_gmail',
        'acc_error_expired_credentials',
        '--json',
      ],
      { env: baseEnv() },
    );
    expect(r.code).toBe(5);
    expect(ndjson(r.stdout).map((l) => l.ok)).toEqual([false, true, false]);
  });

  it('exits 16 when failures differ', async () => {
    const r = await runPp(
      ['--sandbox', 'profile', 'acc_error_disconnected_account', 'acc_nobody', 'acc_demo_gmail'],
      {
        env: baseEnv(),
      },
    );
    expect(r.code).toBe(16);
  });

  it('prints a summary table for a person, in order, with the counts on standard error', async () => {
    const r = await runPp(
      [
        '--sandbox',
        'profile',
        'acc_demo_linkedin',
        'acc_error_disconnected_account',
        'acc_demo_linkedin_seats_disconnected',
        'acc_demo_telegram',
      ],
      { env: baseEnv({ COLUMNS: '160' }) },
    );
    expect(r.code).toBe(5);
    const [table = '', advice = ''] = r.stdout.split('\nWHAT TO DO\n');
    const rows = table.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ID\s+TYPE\s+NAME\s+STATE\s+REASON$/);
    expect(rows.slice(1).map((row) => row.split(/\s{2,}/)[0])).toEqual([
      'acc_demo_linkedin',
      'acc_error_disconnected_account',
      'acc_demo_linkedin_seats_disconnected',
      'acc_demo_telegram',
    ]);
    // the vocabulary of every table of accounts: the type as sent, the health state, its reasons
    expect(rows[1]).toMatch(/^acc_demo_linkedin\s+LINKEDIN\s+Camille Durand\s+ok$/);
    expect(rows[2]).toMatch(/\saction_needed\s+errors\/disconnected_account$/);
    expect(rows[3]).toMatch(/\swarning\s+recruiter_disconnected, sales_navigator_disconnected$/);
    expect(rows[4]).toMatch(/^acc_demo_telegram\s+TELEGRAM\s+Ana Petrović\s+warning\s+telegram_restricted$/);
    expect(r.stdout).not.toContain('\u001b['); // no colour in a pipe
    // what to do, once per reason, with the accounts that have it
    expect(advice.match(/^ {2}\S+: /gm)).toEqual([
      '  errors/disconnected_account: ',
      '  recruiter_disconnected: ',
      '  sales_navigator_disconnected: ',
      '  telegram_restricted: ',
    ]);
    expect(advice).toContain('  telegram_restricted: acc_demo_telegram\n    Restricted by Telegram');
    expect(r.stderr).toBe('4 accounts: 1 ok, 2 warning, 1 action_needed\n');
    expect(r.stderr).not.toContain('\r'); // no progress line when standard error is not a terminal
  });

  it('reads ids from standard input: trimmed, comments and blank lines skipped, each id once', async () => {
    const { url, seen } = await testServer(() => ({}));
    const input = '  acc_b  \n# the sales team\n\nacc_c # trailing note\r\nacc_b\n\t\nacc_a\nacc_d';
    const r = await runPp(['--base-url', url, 'profile', 'acc_a', '--from-file', '-', '--json'], {
      env: apiEnv(),
      input,
    });
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).map((l) => l.account_id)).toEqual(['acc_a', 'acc_b', 'acc_c', 'acc_d']);
    expect([...seen.ids].sort()).toEqual(['acc_a', 'acc_b', 'acc_c', 'acc_d']);
  });

  it('reads ids from a file', async () => {
    const file = join(tempDir(), 'accounts.txt');
    writeFileSync(file, 'acc_demo_gmail\nacc_demo_imap\n');
    const r = await runPp(['--sandbox', 'profile', '--from-file', file, '--json'], { env: baseEnv() });
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).map((l) => l.account_id)).toEqual(['acc_demo_gmail', 'acc_demo_imap']);
  });

  it('an unreadable file is a usage error (exit 2) naming it, before any request', async () => {
    const { url, seen } = await testServer(() => ({}));
    const missing = join(tempDir(), 'no-such-accounts.txt');
    const r = await runPp(['--base-url', url, 'profile', 'acc_a', '--from-file', missing], { env: apiEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(missing);
    expect(r.stdout).toBe('');
    expect(seen.ids).toEqual([]);
  });

  it('keeps exactly --concurrency requests in flight, never more', async () => {
    const { url, seen } = await testServer(() => ({ delayMs: 25 }));
    const r = await runPp(['--base-url', url, 'profile', ...ids(30), '--concurrency', '3', '--json'], {
      env: apiEnv(),
    });
    expect(r.code).toBe(0);
    expect(seen.ids).toHaveLength(30);
    expect(seen.maxInFlight).toBe(3);
  });

  it('a schema mismatch is a warning, or with --strict a failure of that account (exit 15)', async () => {
    const bad = JSON.stringify({ ...demoAccounts().acc_demo_gmail, email: 42 });
    const { url } = await testServer((id) => (id === 'acc_bad' ? { body: bad } : {}));
    const tolerant = await runPp(['--base-url', url, 'profile', 'acc_ok', 'acc_bad', '--json'], {
      env: apiEnv(),
    });
    expect(tolerant.code).toBe(0);
    expect(tolerant.stderr).toMatch(/warning: .*acc_bad does not match/);
    const strict = await runPp(['--base-url', url, '--strict', 'profile', 'acc_ok', 'acc_bad', '--json'], {
      env: apiEnv(),
    });
    expect(strict.code).toBe(15);
    const [ok, failed] = ndjson(strict.stdout);
    expect(ok?.ok).toBe(true);
    expect(failed).toMatchObject({ account_id: 'acc_bad', ok: false, error: { exit_code: 15 } });
  });

  it('a 429 pauses the whole run: everyone waits out Retry-After, every account succeeds', async () => {
    // At most 8 answers per one-second window, like a real rate limit; the rest get 429.
    let windowStart = 0;
    let used = 0;
    const { url, seen } = await testServer(() => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        used = 0;
      }
      if (used++ < 8) return { delayMs: 10 };
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        body: '{"status":429,"type":"errors/too_many_requests"}',
      };
    });
    const list = ids(20);
    // --retries 1: a worker retrying on its own would run out; in a shared run a 429 is the run's wait.
    const r = await runPp(
      ['--base-url', url, '--retries', '1', 'profile', ...list, '--concurrency', '6', '--json'],
      { env: apiEnv() },
    );
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).map((l) => l.account_id)).toEqual(list);
    const first429 = seen.limited[0]!;
    expect(first429).toBeDefined();
    // The pause is shared: no request at all while Retry-After runs (generous margins)...
    const duringPause = seen.arrivals.filter((a) => a.at > first429 + 100 && a.at < first429 + 900);
    expect(duringPause).toEqual([]);
    // Each worker retrying on its own would keep knocking through the pause; here a window's 429s
    // are at most the 6 requests in flight when the limit hit, and 20 accounts at 8 a window take 3.
    expect(seen.limited.length).toBeLessThanOrEqual(18);
  });

  it('an account that is always rate limited costs the run what whoami costs it, not the run’s rounds', async () => {
    const { url, seen } = await testServer((id) =>
      id === 'acc_3'
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            body: '{"status":429,"type":"errors/too_many_requests"}',
          }
        : { delayMs: 5 },
    );
    const clock = new FakeClock();
    const r = await pp(['--base-url', url, 'profile', ...ids(6), '--json'], { env: apiEnv(), clock });
    expect(r.code).toBe(9);
    expect(ndjson(r.stdout).map((l) => [l.account_id, l.ok])).toEqual(
      ids(6).map((id) => [id, id !== 'acc_3']),
    );
    // its first 429 may be the run's (free); after that, others got through: its own --retries (2)
    const tries = seen.ids.filter((id) => id === 'acc_3').length;
    expect(tries).toBeGreaterThanOrEqual(3);
    expect(tries).toBeLessThanOrEqual(4);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5_000);
  });

  it('one early 429 with Retry-After: 0 costs the run no wait and no slowdown', async () => {
    let limitedOnce = false;
    const { url, seen } = await testServer(() => {
      if (seen.ids.length === 3 && !limitedOnce) {
        limitedOnce = true;
        return {
          status: 429,
          headers: { 'retry-after': '0' },
          body: '{"status":429,"type":"errors/too_many_requests"}',
        };
      }
      // answers that take a moment, so that 8 at once is what the run asks for, not a race it may
      // lose to a server answering before the next request leaves (it did on a loaded machine)
      return { delayMs: 20 };
    });
    const clock = new FakeClock();
    const list = ids(120);
    const r = await pp(['--base-url', url, 'profile', ...list, '--concurrency', '8', '--json'], {
      env: apiEnv(),
      clock,
    });
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).map((l) => l.account_id)).toEqual(list);
    expect(seen.ids).toHaveLength(121); // the limited one once more, nothing else
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(0); // it asked for no wait, and got none
    // and the run did not slow down after it: as many requests at once after it as before
    const after = seen.arrivals.slice(4);
    expect(Math.max(...after.map((a) => a.inFlight))).toBe(8);
  });

  it('Ctrl-C stops new requests, prints what finished in order, and exits 130', async () => {
    const { url, seen } = await testServer(() => ({ delayMs: 150 }));
    const list = ids(40);
    const { child, printed, done } = startPp(
      ['--base-url', url, 'profile', ...list, '--concurrency', '2', '--json'],
      { env: apiEnv() },
    );
    let interrupted = false;
    child.stdout.on('data', () => {
      // Once: a second Ctrl-C is the user insisting, and pp then exits at once.
      if (!interrupted && printed().stdout.split('\n').length > 4) interrupted = child.kill('SIGINT');
    });
    const { code, stdout, stderr } = await done;
    expect(code).toBe(130);
    const finished = ndjson(stdout).map((l) => l.account_id);
    expect(finished.length).toBeGreaterThanOrEqual(4);
    expect(finished).toEqual(list.slice(0, finished.length));
    expect(seen.ids.length).toBeLessThan(40);
    expect(stderr).toMatch(/interrupted: \d+ accounts of \d+ started/);
  });

  it('Ctrl-C prints every account that finished, also those after one it stopped', async () => {
    const { url, seen } = await testServer((id) => ({ delayMs: id === 'acc_2' ? 10_000 : 50 }));
    const { child, done } = startPp(['--base-url', url, 'profile', ...ids(4), '--json'], { env: apiEnv() });
    while (seen.ids.length < 4) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 400)); // acc_1, acc_3 and acc_4 answered
    child.kill('SIGINT');
    const { code, stdout, stderr } = await done;
    expect(code).toBe(130);
    expect(ndjson(stdout).map((l) => l.account_id)).toEqual(['acc_1', 'acc_3', 'acc_4']);
    expect(stderr).toBe('interrupted: 3 accounts of 4 started: 3 ok\n');
  });

  it('prints each result as soon as the order allows, while the next id is still to come', async () => {
    const { child, printed, done } = startPp(['--sandbox', '--json', 'profile', '--from-file', '-'], {
      openStdin: true,
    });
    child.stdin.write('acc_demo_gmail\n');
    // the first result, before any more input (it used to wait for the next id)
    await expect.poll(() => printed().stdout, { timeout: 5_000 }).toContain('\n');
    const first = printed().stdout.split('\n')[0]!;
    expect((JSON.parse(first) as { account_id: string }).account_id).toBe('acc_demo_gmail');
    child.stdin.end('acc_demo_twitter\n');
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(ndjson(stdout).map((l) => l.account_id)).toEqual(['acc_demo_gmail', 'acc_demo_twitter']);
  });

  it('draws a progress line when standard error is a terminal, and clears it', async () => {
    const { url } = await testServer(() => ({ delayMs: 60 }));
    const out = join(tempDir(), 'out.ndjson');
    // standard output still goes to a file
    const result = await inTerminal(`${slowRun(url, 16)} > '${out}'`);
    expect(result.code).toBe(0);
    // one wording before and after every id is read: "12 done", then "12 of 16 done"
    expect(result.tty).toMatch(/\r\u001b\[K\d+ (of 16 )?done · 0 failed · [\d.]+ req\/s/);
    expect(result.tty).not.toMatch(/\d+\/16 ·/);
    // Cleared before the counts: the last thing on the terminal is the summary, on its own line.
    expect(result.tty).toMatch(/\r\u001b\[K16 accounts: 16 ok\r?\n$/);
  });
});

/** pp against a test server, `n` ids two at a time, --json: a shell command line. */
const slowRun = (url: string, n: number): string =>
  [process.execPath, bin, '--base-url', url, 'profile', ...ids(n), '--concurrency', '2', '--json']
    .map((a) => `'${a}'`)
    .join(' ');

/** Runs a shell command line with a terminal (`script`) for its standard error; what the terminal showed. */
async function inTerminal(command: string): Promise<{ code: number | null; tty: string }> {
  const { code, stdout } = await runCommand('script', ['-qec', command, '/dev/null'], { env: apiEnv() });
  return { code, tty: stdout };
}

describe('when the reader of standard output leaves early', () => {
  it('exits with the failures printed so far, not 0', async () => {
    const file = join(tempDir(), 'ids');
    writeFileSync(file, `${ids(2000, 'acc_gone_').join('\n')}\n`);
    const r = await runCommand('bash', [
      '-c',
      `"${process.execPath}" bin/pp.js --sandbox profile --from-file '${file}' --json | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`,
    ]);
    expect(r.stdout).toBe('status=7\n'); // every account is unknown to the sandbox
  });

  it('clears its progress line from the terminal', async () => {
    const { url } = await testServer(() => ({ delayMs: 60 }));
    const { tty } = await inTerminal(`${slowRun(url, 80)} | (sleep 1; head -c 10 >/dev/null)`);
    const last = tty.lastIndexOf(' req/s');
    expect(last).toBeGreaterThan(0);
    expect(tty.slice(last)).toContain('\r\u001b[K');
  });
});

describe('the summary table in a pipe, which has no width', () => {
  it('cuts nothing: every id, name and reason whole', async () => {
    const ids = [
      'acc_demo_linkedin',
      'acc_error_disconnected_account',
      'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
    ];
    const r = await runPp(['--sandbox', 'profile', ...ids]);
    expect(r.code).toBe(16); // ok, disconnected (5), not found (7)
    const table = r.stdout.split('\nWHAT TO DO\n')[0]!;
    expect(table).not.toContain('…');
    expect(table.split('\n').slice(0, 4)).toEqual([
      expect.stringMatching(/^ID\s+TYPE\s+NAME\s+STATE\s+REASON$/),
      expect.stringMatching(/^acc_demo_linkedin\s+LINKEDIN\s+Camille Durand\s+ok$/),
      expect.stringMatching(
        /^acc_error_disconnected_account\s+-\s+-\s+action_needed\s+errors\/disconnected_account$/,
      ),
      expect.stringMatching(
        /^acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR\s+-\s+-\s+unknown\s+errors\/resource_not_found$/,
      ),
    ]);
  });
});

describe('the summary table on a terminal', () => {
  const table = (stdout: string) => stdout.split('\nWHAT TO DO\n')[0]!.trimEnd().split('\n');

  it('at 80 columns keeps the ids whole; the reason gives way first, its advice follows the table', async () => {
    const ids = [
      'acc_demo_linkedin',
      'acc_error_disconnected_account',
      'acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
    ];
    const r = await runPp(['--sandbox', 'profile', ...ids], { env: baseEnv({ COLUMNS: '80' }) });
    const lines = table(r.stdout);
    for (const line of r.stdout.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+NAME\s+STATE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(ids);
    expect(r.stdout).toMatch(
      / {2}errors\/disconnected_account: acc_error_disconnected_account\n {4}Disconnected/,
    );
  });

  it('shows the reason beside the row when there is room', async () => {
    const r = await runPp(['--sandbox', 'profile', 'acc_demo_linkedin', 'acc_error_disconnected_account'], {
      env: baseEnv({ COLUMNS: '110' }),
    });
    expect(r.code).toBe(5);
    const lines = table(r.stdout);
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+NAME\s+STATE\s+REASON$/);
    expect(lines[1]).toMatch(/^acc_demo_linkedin\s+LINKEDIN\s+Camille Durand\s+ok$/);
    expect(lines[2]).toMatch(
      /^acc_error_disconnected_account\s+-\s+-\s+action_needed\s+errors\/disconnected_account$/,
    );
  });

  it.each([30, 40, 60])('at %i columns is wider only by what is never cut: the ids', async (cols) => {
    const list = [
      'acc_demo_linkedin',
      'acc_error_disconnected_account',
      'acc_nobody_here_with_a_long_id_0123456789',
    ];
    const r = await runPp(['--sandbox', 'profile', ...list], { env: baseEnv({ COLUMNS: String(cols) }) });
    const lines = table(r.stdout);
    // each id whole, at the start of its row, then TYPE and STATE at their least
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(list);
    const least = list[2]!.length + 2 + 8 + 2 + 'action_needed'.length;
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(Math.max(cols, least));
  });
});

describe('an id longer than the first ones', () => {
  it('is shown whole, the rest of its row shifted', async () => {
    const long = 'acc_this_is_a_rather_long_account_identifier_01HXYZ4QK3';
    const list = ['acc_demo_gmail', ...ids(70), long]; // the widths are set before the long id is read
    const r = await runPp(['--sandbox', 'profile', ...list], { env: baseEnv({ COLUMNS: '120' }) });
    expect(r.code).toBe(7);
    const lines = r.stdout.split('\nWHAT TO DO\n')[0]!.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID {14}TYPE/); // set from acc_demo_gmail and the short ones
    expect(lines.at(-1)).toMatch(new RegExp(`^${long}\\s+-\\s+-\\s+unknown\\s+errors/resource_not_found$`));
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(120);
  });
});

describe('an empty account list', () => {
  it('is a usage error (exit 2), so an emptied file cannot pass for a clean run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'accounts.txt'), '# nobody yet\n\n   \n');
    for (const args of [
      ['--from-file', join(dir, 'accounts.txt')],
      ['--json', '--from-file', join(dir, 'accounts.txt')],
    ]) {
      const r = await runPp(['--sandbox', 'profile', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`no account ids in ${join(dir, 'accounts.txt')}`);
    }
  });
});

describe('waits explained', () => {
  // acc_1's first answer is a 429 asking for 30 s; every other answer comes at once.
  const limitedFirst = async () => {
    let limited = false;
    return testServer((id) => {
      if (id === 'acc_1' && !limited) {
        limited = true;
        return {
          status: 429,
          headers: { 'retry-after': '30' },
          body: '{"status":429,"type":"errors/too_many_requests"}',
        };
      }
      return {};
    });
  };

  it('on a terminal, rows after a rate-limited one print as they come; its place is marked, its row follows', async () => {
    const { url } = await limitedFirst();
    const clock = new FakeClock(undefined, { ticks: true });
    const r = await pp(['--base-url', url, 'profile', ...ids(6)], {
      env: { ...apiEnv(), NO_COLOR: '1' },
      clock,
      tty: { columns: 100 },
    });
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\nWHAT TO DO\n')[0]!.trimEnd().split('\n').slice(1);
    const id = (row: string) => row.split(/\s+/)[0]!;
    // acc_1's place is marked first; its row comes after all the others. (Under a fake clock,
    // whose waits take no time, a row merely in flight may be passed over too: then its own
    // row follows just as well.) A terminal of unknown height: nothing is rewritten.
    expect(rows[0]).toMatch(/^acc_1 .*waiting.*its row follows$/);
    const real = rows.filter((row) => !row.endsWith('its row follows'));
    expect(real.map(id).sort()).toEqual(ids(6));
    expect(real.at(-1)).toMatch(/^acc_1 .*GMAIL .* ok$/);
    for (const placeholder of rows.filter((row) => row.endsWith('its row follows')))
      expect(rows.lastIndexOf(real.find((row) => id(row) === id(placeholder))!)).toBeGreaterThan(
        rows.indexOf(placeholder),
      );
    // the progress line said what the run waited for, and for whom
    expect(r.stderr).toContain('waiting 30 s: rate limited (acc_1)');
    expect(r.stderr).toContain('6 accounts: 6 ok');
  });

  it('on a terminal whose height is known, the row takes its placeholder’s place: no row twice', async () => {
    const { url } = await limitedFirst();
    const r = await pp(['--base-url', url, 'profile', ...ids(6)], {
      env: { ...apiEnv(), NO_COLOR: '1' },
      clock: new FakeClock(undefined, { ticks: true }),
      tty: { columns: 100, rows: 40 },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\u001b\[\d+A\racc_1 /); // rewritten in place
    const shown = screen(r.stdout).join('\n').split('\nWHAT TO DO\n')[0]!.trimEnd().split('\n');
    expect(shown.slice(1).map((row) => row.split(/\s+/)[0])).toEqual(ids(6)); // in input order, each once
    expect(shown.join('\n')).not.toContain('its row follows');
    expect(shown[1]).toMatch(/^acc_1 .*GMAIL .* ok$/);
  });

  it('keeps strict input order in a pipe and in --json', async () => {
    for (const json of [false, true]) {
      const { url } = await limitedFirst();
      const r = await pp(['--base-url', url, 'profile', ...ids(6), ...(json ? ['--json'] : [])], {
        env: apiEnv(),
        clock: new FakeClock(),
      });
      expect(r.code).toBe(0);
      const order = json
        ? ndjson(r.stdout).map((l) => l.account_id)
        : r.stdout
            .trimEnd()
            .split('\n')
            .slice(1)
            .map((row) => row.split(/\s+/)[0]);
      expect(order).toEqual(ids(6));
      expect(r.stdout).not.toContain('its row follows');
    }
  });

  it('--max-wait bounds the waiting of a run: a longer wait is refused, those accounts fail with exit 9', async () => {
    const { url } = await limitedFirst();
    const clock = new FakeClock();
    const r = await pp(['--base-url', url, 'profile', ...ids(4), '--max-wait', '10', '--json'], {
      env: apiEnv(),
      clock,
    });
    expect(r.code).toBe(9);
    const lines = ndjson(r.stdout);
    expect(lines.map((l) => [l.account_id, l.ok])).toEqual([
      ['acc_1', false],
      ['acc_2', true],
      ['acc_3', true],
      ['acc_4', true],
    ]);
    expect(JSON.stringify(lines[0]!.error)).toContain('--max-wait 10 s');
    expect(clock.sleeps.filter((ms) => ms >= 10_000)).toEqual([]); // never waited it out
    // with room for it, the same run waits the 30 s and succeeds
    const room = await limitedFirst();
    const ok = await pp(['--base-url', room.url, 'profile', ...ids(4), '--max-wait', '60', '--json'], {
      env: apiEnv(),
      clock: new FakeClock(),
    });
    expect(ok.code).toBe(0);
  });
});
