// pp status in process: against the sandbox (its list has an account in every source state), a
// generated sandbox workspace for --deep, and a scripted server for failures part-way through the
// list. Machine formats are read back with real parsers (csv-parse, a Prometheus text parser).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import parsePrometheus from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { account } from '../helpers/api.js';
import { answer, FaultServer, hang, json, linkedinProfile, problem } from '../helpers/fault-server.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv, tempDir } from '../helpers/run.js';

let generated: RunningSandbox;
let server: FaultServer;
beforeAll(async () => {
  [generated, server] = await Promise.all([startSandbox({ accounts: 100 }), FaultServer.start()]);
});
afterAll(async () => {
  await Promise.all([generated.close(), server.close()]);
});

const KEY = 'pp_live_StatusT3stK3y0123456789abcdef';
const env = () => baseEnv({ PP_API_KEY: KEY });
const sandbox = (...args: string[]) => pp(['--sandbox', 'status', ...args]);
const ndjson = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown> & { account_id: string; health: { state: string } });
const csvRows = (text: string, delimiter = ',') =>
  parseCsv(text, { columns: true, delimiter, ...(delimiter === '\t' ? { quote: false } : {}) }) as Record<
    string,
    string
  >[];

const COUNTS = '12 accounts: 7 ok, 1 connecting, 2 action_needed, 2 stopped';
/** A first run: nothing remembered, so every account that is not ok is a new problem. */
const SUMMARY = `5 new problems; ${COUNTS}\n`;

describe('pp status, the table', () => {
  /** The table and its advice, without colour. */
  const parts = (stdout: string) => {
    const [table = '', advice = ''] = stdout.replace(/\u001b\[[0-9;]*m/g, '').split('\nWHAT TO DO\n');
    return { lines: table.trimEnd().split('\n'), advice };
  };

  it('lists only the accounts that are not ok, worst first, with their reasons; the count on stderr; exit 5', async () => {
    const r = await pp(['--sandbox', 'status'], { tty: { columns: 160 } });
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(SUMMARY);
    const { lines } = parts(r.stdout);
    // what pp status remembers beside the state: since when (a first run: first seen), the state before
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+NAME\s+STATE\s+SINCE\s+REASON\s+PREVIOUS$/);
    expect(lines[1]).toMatch(
      /^acc_demo_outlook_error\s+OUTLOOK\s+Daniel Brooks\s+stopped\s+first seen\s+source_error$/,
    );
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([
      'acc_demo_outlook_error',
      'acc_demo_mail_stopped',
      'acc_demo_instagram_credentials',
      'acc_demo_mobile_permissions',
      'acc_demo_whatsapp_connecting',
    ]);
    expect(lines[3]).toMatch(
      /^acc_demo_instagram_credentials\s+INSTAGRAM\s+Sofia Marchetti\s+action_needed\s+first seen\s+source_credentials$/,
    );
    // as the terminal shows it: colour codes take no room
    for (const line of r.stdout.replace(/\u001b\[[0-9;]*m/g, '').split('\n'))
      expect(line.length).toBeLessThanOrEqual(160);
  });

  it('says what to do once per reason, after the table, worst first, naming the accounts', async () => {
    const r = await pp(['--sandbox', 'status'], { tty: { columns: 80 } });
    const { lines, advice } = parts(r.stdout);
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+NAME\s+STATE$/); // the reason gives way first
    for (const line of r.stdout.replace(/\u001b\[[0-9;]*m/g, '').split('\n'))
      expect(line.length).toBeLessThanOrEqual(80);
    expect(advice.match(/^ {2}\S+/gm)).toEqual([
      '  source_error:',
      '  source_stopped:',
      '  source_credentials:',
      '  source_permissions:',
      '  source_connecting:',
    ]);
    const credentials = advice.slice(
      advice.indexOf('  source_credentials:'),
      advice.indexOf('  source_permissions:'),
    );
    expect(credentials.split('\n')[0]).toBe('  source_credentials: acc_demo_instagram_credentials');
    // what the reason says, then the pp commands that do it, with the flags this run had
    expect(credentials.replace(/\s+/g, ' ').trim()).toMatch(
      /A source needs its credentials refreshed\. Reconnect the account \(new credentials\), or solve its checkpoint\. \$ pp --sandbox accounts reconnect acc_demo_instagram_credentials \$ pp --sandbox accounts checkpoint acc_demo_instagram_credentials$/,
    );
    expect(advice).toContain('    $ pp --sandbox accounts wait acc_demo_whatsapp_connecting\n');
    // a stopped source is restarted in postpress: no pp command for it
    const stopped = advice.slice(
      advice.indexOf('  source_stopped:'),
      advice.indexOf('  source_credentials:'),
    );
    expect(stopped).not.toContain('$');
  });

  it('names a reason once for many accounts: three of them, then how many more', async () => {
    const many = Array.from({ length: 35 }, (_, i) => account(`acc_${i}`, 'CREDENTIALS'));
    server.script(json({ items: many }));
    const r = await pp(['--base-url', server.origin, 'status'], { env: env(), tty: { columns: 100 } });
    const { lines, advice } = parts(r.stdout);
    expect(lines).toHaveLength(36);
    // past ten accounts, the command takes --needing rather than every id; a checkpoint is one at a time
    expect(advice.trimEnd().split('\n')).toEqual([
      '  source_credentials: acc_0, acc_1, acc_2 and 32 more',
      expect.stringMatching(/^ {4}A source needs its credentials refreshed/),
      expect.stringMatching(/^ {4}\S/),
      `    $ pp --base-url ${server.origin} accounts reconnect --needing`,
      `    $ pp --base-url ${server.origin} accounts checkpoint acc_0`,
      `    $ pp --base-url ${server.origin} accounts checkpoint acc_1`,
      `    $ pp --base-url ${server.origin} accounts checkpoint acc_2`,
    ]);
  });

  it('at 60 columns the ids stay whole (one copies them), the name gives way, and every line fits', async () => {
    const r = await pp(['--sandbox', 'status'], { tty: { columns: 60 } });
    const lines = r.stdout
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trimEnd()
      .split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+STATE$/);
    expect(lines.find((l) => l.startsWith('acc_demo_i'))).toMatch(
      /^acc_demo_instagram_credentials\s+INSTAGR…\s+action_needed$/,
    );
    expect(lines.find((l) => l.startsWith('acc_demo_o'))).toMatch(
      /^acc_demo_outlook_error\s+OUTLOOK\s+stopped$/,
    );
  });

  it('takes the filters pp accounts takes: --type, --state, --group, and counts of how many', async () => {
    const sales = await pp(['--sandbox', '--json', 'status', '--group', 'SALES']);
    expect(ndjson(sales.stdout).map((l) => l.account_id)).toEqual([
      'acc_demo_outlook',
      'acc_demo_outlook_error',
    ]);
    expect(sales.code).toBe(5); // its stopped account
    const table = await pp(['--sandbox', 'status', '--type', 'outlook', '--state', 'stopped']);
    expect(table.stdout).toMatch(/^acc_demo_outlook_error\s/m);
    expect(table.stderr).toBe('1 new problem; 1 account (of 12 in the workspace): 1 stopped\n');
    const typo = await pp(['--sandbox', 'status', '--type', 'linkdin']);
    expect(typo.code).toBe(0);
    expect(typo.stderr).toMatch(/warning: no account of type "LINKDIN" in the workspace; its types are/);
    expect((await pp(['--sandbox', 'status', '--group', ' '])).code).toBe(2);
  });

  it('--deep asks users/me only of the accounts the list filters keep', async () => {
    server.script((req) =>
      req.url.startsWith('/api/v1/accounts')
        ? json({ items: [account('acc_li'), account('acc_tg', 'OK', { type: 'TELEGRAM' })] })
        : json(linkedinProfile()),
    );
    const r = await pp(['--base-url', server.origin, 'status', '--deep', '--type', 'linkedin'], {
      env: env(),
    });
    expect(r.code).toBe(0);
    const asked = server.requests.filter((q) => q.url.startsWith('/api/v1/users/me'));
    expect(asked.map((q) => new URL(q.url, server.origin).searchParams.get('account_id'))).toEqual([
      'acc_li',
    ]);
  });

  it('wraps its count line at spaces on a narrow terminal, never mid-word', async () => {
    const r = await pp(['--sandbox', 'status'], { tty: { columns: 40 }, env: baseEnv({ NO_COLOR: '1' }) });
    const counts = r.stderr.trimEnd().split('\n');
    expect(counts.length).toBeGreaterThan(1);
    for (const line of counts) expect(line.length).toBeLessThanOrEqual(40);
    expect(counts.join(' ')).toContain('2 action_needed, 2 stopped');
  });

  it('--all lists every account, ok ones last; all ok named accounts print no table and exit 0', async () => {
    const all = await pp(['--sandbox', 'status', '--all'], { env: baseEnv({ COLUMNS: '400' }) });
    const lines = all.stdout.split('\nWHAT TO DO\n')[0]!.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 12);
    expect(lines.at(-1)).toMatch(/^acc_demo_imap\s+IMAP\s.*\bok\s+first seen\s*$/);
    const fine = await sandbox('acc_demo_gmail', 'acc_demo_linkedin');
    expect(fine).toMatchObject({ code: 0, stdout: '', stderr: 'nothing changed; 2 accounts: 2 ok\n' });
  });

  it('--fail-on warning makes a connecting account exit 17; an id not in the workspace is unknown, exit 7', async () => {
    expect((await sandbox('acc_demo_whatsapp_connecting')).code).toBe(0);
    expect((await sandbox('acc_demo_whatsapp_connecting', '--fail-on', 'warning')).code).toBe(17);
    const missing = await pp(['--sandbox', '--json', 'status', 'acc_demo_gmail', 'acc_nowhere']);
    expect(missing.code).toBe(7);
    const [gmail, nowhere] = ndjson(missing.stdout);
    expect(gmail).toMatchObject({ account_id: 'acc_demo_gmail', health: { state: 'ok' } });
    expect(nowhere).toMatchObject({
      account_id: 'acc_nowhere',
      type: null,
      account: null,
      health: { state: 'unknown', reasons: [{ code: 'errors/resource_not_found' }] },
      error: { status: 404, type: 'errors/resource_not_found', exit_code: 7 },
    });
  });

  it('reads ids from --from-file (comments skipped); an empty file is exit 2', async () => {
    const dir = tempDir();
    const ids = join(dir, 'ids.txt');
    writeFileSync(ids, '# ours\nacc_demo_mail_stopped\n\nacc_demo_twitter\n');
    const r = await sandbox('--from-file', ids, '--format', 'csv');
    expect(csvRows(r.stdout).map((row) => [row.account_id, row.state])).toEqual([
      ['acc_demo_twitter', 'ok'],
      ['acc_demo_mail_stopped', 'stopped'],
    ]);
    writeFileSync(ids, '# nothing yet\n\n');
    const empty = await sandbox('--from-file', ids);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no account ids in .*ids\.txt/);
  });
});

describe('pp status, machine formats', () => {
  it('json: one NDJSON line per account in list order, the list item as received', async () => {
    const r = await pp(['--sandbox', 'status', '--format', 'json']);
    expect(r.code).toBe(5);
    const lines = ndjson(r.stdout);
    expect(lines).toHaveLength(12);
    expect(Object.keys(lines[0]!)).toEqual([
      'account_id',
      'type',
      'name',
      'health',
      'since',
      'previous',
      'change',
      'account',
      'config_profile',
    ]);
    expect(lines[0]!.config_profile).toBe('default'); // which workspace: pp's profile in use
    expect(lines.map((l) => l.health.state).filter((s) => s !== 'ok')).toEqual([
      'connecting',
      'action_needed',
      'action_needed',
      'stopped',
      'stopped',
    ]);
    // --json is --format json (a fresh state folder each: both first runs, at their own times)
    const since = /"since":"[^"]+"/g;
    expect((await pp(['--sandbox', '--json', 'status'])).stdout.replace(since, '')).toBe(
      r.stdout.replace(since, ''),
    );
  });

  it('csv and tsv: the header, a row per account, reasons as codes; quoting and escaping survive a parser', async () => {
    const csv = await sandbox('--format', 'csv');
    const rows = csvRows(csv.stdout);
    expect(Object.keys(rows[0]!)).toEqual([
      'account_id',
      'type',
      'name',
      'state',
      'reasons',
      'since',
      'previous',
      'change',
    ]);
    expect(rows).toHaveLength(12);
    expect(rows.find((row) => row.account_id === 'acc_demo_mobile_permissions')).toEqual({
      account_id: 'acc_demo_mobile_permissions',
      type: 'MOBILE',
      name: 'Kenji Watanabe',
      state: 'action_needed',
      reasons: 'source_permissions',
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      previous: '',
      change: 'new_problem',
    });
    const odd = 'Doe, "J"\nline\ttab \\ slash';
    server.script(json({ items: [account('acc_odd', 'CREDENTIALS', { name: odd, sources: [] })] }));
    const quoted = await pp(['--base-url', server.origin, 'status', '--format', 'csv'], { env: env() });
    expect(csvRows(quoted.stdout)).toEqual([
      {
        account_id: 'acc_odd',
        type: 'LINKEDIN',
        name: odd,
        state: 'stopped',
        reasons: 'no_source',
        since: expect.any(String),
        previous: '',
        change: 'new_problem',
      },
    ]);
    server.script(json({ items: [account('acc_odd', 'PERMISSIONS', { name: odd })] }));
    const tsv = await pp(['--base-url', server.origin, 'status', '--format', 'tsv'], { env: env() });
    expect(tsv.stdout.split('\n')).toHaveLength(3); // header, one row, the final newline
    const row = csvRows(tsv.stdout, '\t')[0]!;
    expect(row.name).toBe('Doe, "J"\\nline\\ttab \\\\ slash');
    const unescaped: Record<string, string> = { n: '\n', t: '\t' };
    expect(row.name?.replace(/\\(.)/g, (_, c: string) => unescaped[c] ?? c)).toBe(odd);
  });

  it('nagios: status line with perfdata, one long-output line per account not ok, exit 0-3', async () => {
    const r = await sandbox('--format', 'nagios');
    expect(r.code).toBe(2);
    const [status, ...long] = r.stdout.trimEnd().split('\n');
    expect(status).toBe(
      'PP CRITICAL - default: 5 new problems; 12 accounts: 7 ok, 1 connecting, 2 action_needed, 2 stopped | ok=7 warning=0 connecting=1 action_needed=2 stopped=2 unknown=0 new_problems=5 recovered=0',
    );
    expect(long.map((l) => l.split(':')[0])).toEqual([
      'stopped',
      'stopped',
      'action_needed',
      'action_needed',
      'connecting',
    ]);
    expect(long[2]).toMatch(
      /^action_needed: acc_demo_instagram_credentials \(INSTAGRAM, Sofia Marchetti\): A source/,
    );
    // each line ends with the pp commands that do what it says, as typed in this run (--sandbox)
    expect(long[2]).toMatch(
      /\. Fix: pp --sandbox accounts reconnect acc_demo_instagram_credentials; pp --sandbox accounts checkpoint acc_demo_instagram_credentials$/,
    );
    expect(long[4]).toMatch(/^connecting: .* Fix: pp --sandbox accounts wait acc_demo_whatsapp_connecting; /);
    // a reason no pp command does (restart it in postpress) names none
    expect(long.find((l) => l.includes('acc_demo_mail_stopped'))).not.toMatch(/Fix:/);
    const ok = await sandbox('--format', 'nagios', 'acc_demo_gmail');
    expect(ok).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^PP OK - default: nothing changed; 1 account: 1 ok \| ok=1 /),
    });
    expect((await sandbox('--format', 'nagios', 'acc_demo_whatsapp_connecting')).stdout).toMatch(
      /^PP WARNING - /,
    );
    expect((await sandbox('--format', 'nagios', 'acc_demo_whatsapp_connecting')).code).toBe(1);
    const unknown = await sandbox('--format', 'nagios', 'acc_demo_gmail', 'acc_nowhere');
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toMatch(
      /^PP UNKNOWN - default: 1 new problem; 2 accounts: 1 ok, 1 unknown \| .* unknown=1 new_problems=1 recovered=0\nunknown: acc_nowhere: /,
    );
  });

  it('nagios: a check that cannot run is UNKNOWN, exit 3 — no key, a bad option, a | in a name', async () => {
    const noKey = await pp(['status', '--format', 'nagios']);
    expect(noKey.code).toBe(3);
    expect(noKey.stdout).toMatch(/^PP UNKNOWN - no API key/);
    const badOption = await pp(['--sandbox', 'status', '--format', 'nagios', '--fail-on', 'error']);
    expect(badOption.code).toBe(3);
    expect(badOption.stdout).toMatch(/^PP UNKNOWN - option '--fail-on <level>' argument 'error' is invalid/);
    server.script(json({ items: [account('acc_pipe', 'STOPPED', { name: 'a | b=1\nc' })] }));
    const pipe = await pp(['--base-url', server.origin, 'status', '--format', 'nagios'], { env: env() });
    expect(pipe.stdout.split('\n')[1]!).toBe(
      'stopped: acc_pipe (LINKEDIN, a / b=1 c): A source has been stopped. Restart it in postpress, or check the workspace’s plan and subscription.',
    );
    // an id in a fix is made plain as in the line's head
    server.script(json({ items: [account('acc_a|b\nc', 'CREDENTIALS')] }));
    const fixed = await pp(['--base-url', server.origin, 'status', '--format', 'nagios'], { env: env() });
    expect(fixed.stdout.split('\n')[1]!).toMatch(
      /^action_needed: acc_a\/b c \(LINKEDIN, .*\. Fix: pp --base-url \S+ accounts reconnect acc_a\/b c; pp --base-url \S+ accounts checkpoint acc_a\/b c$/,
    );
  });

  it('prometheus: valid exposition with every account, all six counts, success and the clock’s time; labels escaped', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 30, 6, 0, 0));
    const r = await pp(['--sandbox', 'status', '--format', 'prometheus'], { clock });
    expect(r.code).toBe(5); // as for the table
    const families = Object.fromEntries(parsePrometheus(r.stdout).map((f) => [f.name, f]));
    expect(Object.keys(families)).toEqual([
      'pp_account_health',
      'pp_account_state_since_seconds',
      'pp_accounts',
      'pp_status_success',
      'pp_status_timestamp_seconds',
    ]);
    for (const f of Object.values(families))
      expect(f).toMatchObject({ type: 'GAUGE', help: expect.any(String) });
    expect(families.pp_account_health!.metrics).toHaveLength(12);
    expect(families.pp_account_health!.metrics[7]).toEqual({
      value: '1',
      labels: {
        account_id: 'acc_demo_whatsapp_connecting',
        type: 'WHATSAPP',
        name: 'Lucas Almeida',
        state: 'connecting',
        profile: 'default',
      },
    });
    // every sample names the workspace, so two profiles' files do not collide in one folder
    for (const f of Object.values(families))
      for (const m of f.metrics) expect(m.labels?.profile).toBe('default');
    expect(families.pp_accounts!.metrics.map((m) => [m.labels!.state, m.value])).toEqual([
      ['ok', '7'],
      ['warning', '0'],
      ['connecting', '1'],
      ['action_needed', '2'],
      ['stopped', '2'],
      ['unknown', '0'],
    ]);
    expect(families.pp_status_success!.metrics[0]!.value).toBe('1');
    expect(Number(families.pp_status_timestamp_seconds!.metrics[0]!.value)).toBe(clock.now() / 1000);

    const odd = 'say "hi" \\ to\nall';
    server.script(json({ items: [account('acc_odd', 'OK', { name: odd })] }));
    const escaped = await pp(['--base-url', server.origin, 'status', '--format', 'prometheus'], {
      env: env(),
    });
    expect(escaped.stdout).toContain('name="say \\"hi\\" \\\\ to\\nall"');
    expect(parsePrometheus(escaped.stdout)[0]!.metrics[0]!.labels!.name).toBe(odd);
  });
});

describe('pp status, a list that fails part-way never reports a partial fleet as healthy', () => {
  const failing = () =>
    server.script(json({ items: [account('acc_p1')], cursor: 'c2' }), problem(503, 'service_unavailable'));
  const run = (...args: string[]) =>
    pp(['--base-url', server.origin, '--retries', '0', 'status', ...args], { env: env() });

  it('nagios: UNKNOWN naming the page, exit 3', async () => {
    failing();
    const r = await run('--format', 'nagios');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^PP UNKNOWN - service unavailable.*page 2 of the accounts list/);
    expect(r.stdout.split('\n')).toHaveLength(2);
  });

  it('prometheus: pp_status_success 0 and no counts; exit 12', async () => {
    failing();
    const r = await run('--format', 'prometheus');
    expect(r.code).toBe(12);
    const families = Object.fromEntries(parsePrometheus(r.stdout).map((f) => [f.name, f]));
    expect(families.pp_status_success!.metrics[0]!.value).toBe('0');
    expect(families.pp_accounts).toBeUndefined();
  });

  it('prometheus: no key is pp_status_success 0 too (exit 3), so the textfile collector sees it', async () => {
    const r = await pp(['status', '--format', 'prometheus']);
    expect(r.code).toBe(3);
    const families = Object.fromEntries(parsePrometheus(r.stdout).map((f) => [f.name, f]));
    expect(families.pp_status_success!.metrics[0]!.value).toBe('0');
  });

  // the first page is asked for before the memory is read: its failure still comes out as itself
  it('a first page that fails: its code (12) and words, whatever the format', async () => {
    for (const format of ['table', 'json']) {
      server.script(problem(503, 'service_unavailable'));
      const r = await run('--format', format);
      expect(r.code).toBe(12);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/service unavailable/);
    }
  });

  it.each([['table'], ['json'], ['csv']])('%s: the error’s code (12), and no count line', async (format) => {
    failing();
    const r = await run('--format', format);
    expect(r.code).toBe(12);
    expect(r.stderr).not.toMatch(/accounts?: /);
    expect(r.stderr).toMatch(/service unavailable/);
  });
});

describe('pp status --deep', () => {
  it('reads users/me of the accounts whose sources are OK: seat warnings show, profiles ride along', async () => {
    const r = await pp(['--sandbox', '--json', 'status', '--deep']);
    expect(r.code).toBe(5);
    const lines = ndjson(r.stdout);
    const seats = lines.find((l) => l.account_id === 'acc_demo_linkedin_seats_disconnected')!;
    expect(seats.health.state).toBe('warning');
    expect((seats.profile as { last_name: string }).last_name).toBe('Lindqvist');
    // only the accounts whose sources are all OK are read
    expect(lines.filter((l) => 'profile' in l)).toHaveLength(7);
    expect(r.stderr).toBe(''); // a machine format: no count line
    const table = await pp(['--sandbox', 'status', '--deep']);
    expect(table.stderr).toBe(
      '7 new problems; 12 accounts: 5 ok, 2 warning, 1 connecting, 2 action_needed, 2 stopped\n',
    );
    const warned = await pp(['--sandbox', 'status', '--deep', 'acc_demo_telegram', '--fail-on', 'warning']);
    expect(warned.code).toBe(17);
    expect(warned.stdout).toMatch(
      /acc_demo_telegram\s+TELEGRAM\s+.*warning\s+first seen\s+telegram_restricted/,
    );
    expect(warned.stdout).toMatch(/telegram_restricted: acc_demo_telegram\n {4}Restricted by Telegram/);
  });

  it('generated sandbox accounts whose sources are OK answer a profile: a workspace to benchmark', async () => {
    const r = await pp(['--base-url', generated.url, '--format', 'csv', 'status', '--deep'], { env: env() });
    const states = csvRows(r.stdout).map((row) => row.state);
    expect(states).toHaveLength(112);
    expect(states.filter((s) => s === 'unknown')).toEqual([]);
    const counts = Object.fromEntries(
      ['ok', 'warning', 'connecting', 'action_needed', 'stopped'].map((s) => [
        s,
        states.filter((t) => t === s).length,
      ]),
    );
    expect(counts).toEqual({ ok: 95, warning: 2, connecting: 3, action_needed: 6, stopped: 6 });
    // a machine format writes no count line; WHATSAPP, INSTAGRAM, MOBILE… answer users/me with
    // no documented variant, and are judged by their sources without a word
    expect(r.stderr).toBe('');
  });

  it('says once a run that users/me answered with a provider pp has never heard of', async () => {
    server.script((req) =>
      req.url.startsWith('/api/v1/accounts')
        ? json({ items: [account('acc_1'), account('acc_2'), account('acc_3')] })
        : json({ object: 'AccountOwnerProfile', provider: 'FAXMACHINE', name: 'Fax' }),
    );
    const r = await pp(['--base-url', server.origin, 'status', '--deep'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/FAXMACHINE/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/provider pp does not know, "FAXMACHINE" \(first: acc_1\)/);
  });

  it('a users/me failure is the account’s verdict: exit-5 types are action_needed, others unknown with their code', async () => {
    server.script((req) => {
      if (req.url.startsWith('/api/v1/accounts'))
        return json({ items: [account('acc_a'), account('acc_b'), account('acc_c')] });
      if (req.url.includes('acc_a')) return problem(401, 'disconnected_account');
      if (req.url.includes('acc_b')) return problem(403, 'account_restricted');
      return json(linkedinProfile());
    });
    const r = await pp(['--base-url', server.origin, '--json', 'status', '--deep'], { env: env() });
    expect(r.code).toBe(16); // 5 and 6
    const [a, b, c] = ndjson(r.stdout);
    expect(a).toMatchObject({
      health: { state: 'action_needed' },
      error: { type: 'errors/disconnected_account' },
    });
    expect(b).toMatchObject({ health: { state: 'unknown' }, error: { exit_code: 6 } });
    expect(c).toMatchObject({ health: { state: 'ok' }, profile: { first_name: 'Ada' } });
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it('--max-wait bounds a --deep run: a rate limit longer than it is not waited out (unknown, exit 9)', async () => {
    server.script((req) => {
      if (req.url.startsWith('/api/v1/accounts'))
        return json({ items: [account('acc_a'), account('acc_b')] });
      if (req.url.includes('acc_a')) return answer(429, '', { 'retry-after': '40' });
      return json(linkedinProfile());
    });
    const clock = new FakeClock();
    const r = await pp(['--base-url', server.origin, '--json', 'status', '--deep', '--max-wait', '30'], {
      env: env(),
      clock,
    });
    expect(r.code).toBe(9);
    const [a, b] = ndjson(r.stdout);
    expect(a).toMatchObject({ account_id: 'acc_a', health: { state: 'unknown' }, error: { exit_code: 9 } });
    expect(b).toMatchObject({ account_id: 'acc_b', health: { state: 'ok' } });
    expect(clock.sleeps.filter((ms) => ms >= 30_000)).toEqual([]); // the 40 s were never waited
  });

  it('Ctrl-C during --deep is no verdict: prometheus says pp_status_success 0, exit 130', async () => {
    server.script((req) =>
      req.url.startsWith('/api/v1/accounts') ? json({ items: [account('acc_a')] }) : hang,
    );
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const r = await pp(['--base-url', server.origin, 'status', '--deep', '--format', 'prometheus'], {
      env: env(),
      signal: stop.signal,
    });
    expect(r.code).toBe(130);
    const families = Object.fromEntries(parsePrometheus(r.stdout).map((f) => [f.name, f]));
    expect(families.pp_status_success!.metrics[0]!.value).toBe('0');
  });

  it('says in --help that it calls the providers', async () => {
    const r = await pp(['status', '--help']);
    expect(r.stdout).toMatch(/--deep\s+also call the providers/);
  });
});

describe('--format, for every command', () => {
  it.each([
    [['whoami', '--format', 'csv'], '--format csv does not apply to pp whoami', 'table, json'],
    [
      ['accounts', '--format', 'prometheus'],
      '--format prometheus does not apply to pp accounts',
      'table, json, csv, tsv',
    ],
    [
      ['profile', 'acc_demo_gmail', '--format', 'tsv'],
      '--format tsv does not apply to pp profile',
      'table, json',
    ],
    [['status', '--format', 'xml'], 'unknown --format "xml"', 'table, json, csv, tsv, nagios, prometheus'],
    [['config', 'show', '--format', 'prometheus'], 'does not apply to pp config show', 'table, json'],
  ])('pp %j is exit 2 listing the valid formats', async (args, message, valid) => {
    const r = await pp(['--sandbox', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(`takes --format ${valid}.`);
  });

  it('--format nagios where it does not apply is the usage error any other format is (exit 2)', async () => {
    const r = await pp(['--sandbox', 'accounts', '--format', 'nagios']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--format nagios does not apply to pp accounts');
    expect(r.stderr).toContain('takes --format table, json, csv, tsv.');
    // pp status is the plugin: a bad option there is a failed check, UNKNOWN (3), never WARNING (1)
    const plugin = await pp(['--sandbox', 'status', '--format', 'nagios', '--bogus']);
    expect(plugin.code).toBe(3);
    expect(plugin.stdout).toBe("PP UNKNOWN - unknown option '--bogus'\n");
  });

  it('--json with another --format is exit 2; --json with --format json is fine', async () => {
    const both = await pp(['--sandbox', '--json', 'status', '--format', 'csv']);
    expect(both.code).toBe(2);
    expect(JSON.parse(both.stderr).error.title).toBe('--json and --format csv disagree');
    expect((await pp(['--sandbox', '--json', '--format', 'json', 'accounts'])).code).toBe(0);
  });

  it('--fail-on takes only warning (exit 2)', async () => {
    const r = await sandbox('--fail-on', 'error');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are warning/);
  });

  it('pp accounts and many-account pp profile write csv through the same writer', async () => {
    const accounts = await pp(['--sandbox', 'accounts', '--format', 'csv', '--state', 'stopped']);
    expect(csvRows(accounts.stdout)).toEqual([
      {
        account_id: 'acc_demo_outlook_error',
        type: 'OUTLOOK',
        name: 'Daniel Brooks',
        state: 'stopped',
        reasons: 'source_error',
      },
      {
        account_id: 'acc_demo_mail_stopped',
        type: 'MAIL',
        name: 'bonjour@lumen-boulangerie.fr',
        state: 'stopped',
        reasons: 'source_stopped',
      },
    ]);
    const profiles = await pp([
      '--sandbox',
      'profile',
      'acc_demo_linkedin_seats_disconnected',
      'acc_error_disconnected_account',
      '--format',
      'tsv',
    ]);
    expect(profiles.code).toBe(5);
    expect(csvRows(profiles.stdout, '\t')).toEqual([
      {
        account_id: 'acc_demo_linkedin_seats_disconnected',
        type: 'LINKEDIN',
        name: 'Jonas Lindqvist',
        state: 'warning',
        reasons: 'recruiter_disconnected;sales_navigator_disconnected',
      },
      {
        account_id: 'acc_error_disconnected_account',
        type: '',
        name: '',
        state: 'action_needed',
        reasons: 'errors/disconnected_account',
      },
    ]);
  });
});
