// pp status's memory (CLI.md, "Memory: what changed"), in process with a fake clock: a scripted
// server plays a workspace whose accounts change between runs, and each test keeps one state
// folder across its runs. Every change value, flapping, the first run, a partial run, removed
// accounts, --changes and its exit code, the state file's safety and the clock. The concurrent
// writers and the full disk need real processes: memory-writers.test.ts.
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import parsePrometheus from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { FaultServer, json, problem } from '../helpers/fault-server.js';
import { plantFifo, plantForeign, plantSymlink, plantWritable } from '../helpers/plant.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv, runCommand, tempDir } from '../helpers/run.js';

let server: FaultServer;
let flapping: RunningSandbox;
beforeAll(async () => {
  [server, flapping] = await Promise.all([FaultServer.start(), startSandbox({ flap: ['acc_demo_gmail'] })]);
});
afterAll(async () => {
  await Promise.all([server.close(), flapping.close()]);
});

const KEY = 'pp_live_MemoryT3stK3y0123456789abcdef';
const T0 = Date.UTC(2026, 10, 30, 6, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** An Account of the list with one source in this status (none for 'NONE'). */
const account = (id: string, status: string) => ({
  object: 'Account',
  type: 'LINKEDIN',
  id,
  name: `Name of ${id}`,
  created_at: '2025-01-01T00:00:00.000Z',
  sources: status === 'NONE' ? [] : [{ id: `${id}_S`, status }],
  connection_params: {},
  groups: [],
});
const items = (statuses: Record<string, string>) => Object.entries(statuses).map(([id, s]) => account(id, s));
/** The workspace every next request lists. */
const fleet = (statuses: Record<string, string>) => server.script(json({ items: items(statuses) }));

interface Line {
  account_id: string;
  type: string | null;
  name: string | null;
  health: { state: string; reasons: { code: string; text: string }[] } | null;
  since: string | null;
  previous: string | null;
  change: string | null;
  account: unknown;
}
const ndjson = (text: string): Record<string, Line> =>
  Object.fromEntries(
    text
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line)
      .map((l) => [l.account_id, l]),
  );
/** What a person reads: no colour. */
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** The state file's columns (src/memory/section.ts). */
interface Columns {
  ids: string[];
  state: number[];
  since: number[];
  type: string[];
  name: string[];
  transitions: ([number, string, string][] | 0)[];
  removed: number[];
}
const stateNames = ['ok', 'warning', 'connecting', 'action_needed', 'stopped', 'unknown'];
/** A file of one account, in the columns pp writes. */
const oneAccount = (id: string, state: number, since: number, name: string) =>
  JSON.stringify({
    version: 1,
    list: {
      ids: [id],
      state: [state],
      since: [since],
      type: ['X'],
      name: [name],
      transitions: [0],
      removed: [0],
    },
  });

/** One user's machine: a config and a state folder kept across runs, and a clock a test moves. */
function machine(extra: Record<string, string> = {}) {
  const env = baseEnv({ PP_API_KEY: KEY, ...extra });
  const clock = new FakeClock(T0);
  const stateDir = env.PP_STATE_DIR!;
  const file = join(stateDir, 'default', 'accounts.json');
  return {
    env,
    clock,
    stateDir,
    file,
    status: (...args: string[]) => pp(['--base-url', server.origin, 'status', ...args], { env, clock }),
    tty: (...args: string[]) =>
      pp(['--base-url', server.origin, 'status', ...args], { env, clock, tty: { columns: 120 } }),
    /** The state file's accounts, spelled out (the file keeps them in columns). */
    state: () => {
      const { list: c } = JSON.parse(readFileSync(file, 'utf8')) as { list: Columns };
      return {
        list: Object.fromEntries(
          c.ids.map((id, i) => [
            id,
            {
              state: stateNames[c.state[i]!],
              since: iso(c.since[i]!),
              type: c.type[i],
              name: c.name[i],
              transitions: (c.transitions[i] || []).map(([at, from, to]) => ({ at: iso(at), from, to })),
              ...(c.removed[i] ? { removed: iso(c.removed[i]!) } : {}),
            },
          ]),
        ),
      };
    },
  };
}

describe('pp status remembers: the first run', () => {
  it('since is this run’s time, previous null; not ok is a new problem, ok the same; the table says first seen', async () => {
    const m = machine();
    fleet({ acc_ok: 'OK', acc_down: 'STOPPED' });
    const first = await m.status('--all', '--width', '200');
    expect(first.code).toBe(5);
    expect(first.stderr).toBe('1 new problem; 2 accounts: 1 ok, 1 stopped\n');
    expect(plain(first.stdout)).toMatch(/^ID\s+TYPE\s+NAME\s+STATE\s+SINCE\s+REASON\s+PREVIOUS$/m);
    expect(plain(first.stdout)).toMatch(
      /^acc_down\s+LINKEDIN\s+Name of acc_down\s+stopped\s+first seen\s+source_stopped$/m,
    );
    expect(plain(first.stdout)).toMatch(/^acc_ok\s+LINKEDIN\s+Name of acc_ok\s+ok\s+first seen$/m);

    // the file: 0600 in a 0700 folder, valid, the key nowhere in it
    expect(statSync(m.file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(m.file)).mode & 0o777).toBe(0o700);
    expect(readFileSync(m.file, 'utf8')).not.toContain(KEY);
    expect(m.state().list.acc_down).toMatchObject({ state: 'stopped', since: iso(T0), transitions: [] });

    m.clock.time = T0 + 3 * DAY;
    const later = ndjson((await m.status('--json')).stdout);
    // nothing changed since: the since is still when pp first saw it, and no previous was seen
    expect(later.acc_down).toMatchObject({ since: iso(T0), previous: null, change: 'same' });
    const table = await m.status('--width', '200');
    // it may have been stopped for longer: pp says since when it has known it
    expect(plain(table.stdout)).toMatch(/^acc_down\s.*\sstopped\s+first seen 3 days ago\s/m);
    expect(table.stderr).toBe('nothing changed; 2 accounts: 1 ok, 1 stopped\n');
  });
});

describe('pp status remembers: every change, in every format', () => {
  it('new_problem, worse, better, recovered, same and removed, each with since and previous', async () => {
    const m = machine();
    fleet({
      acc_a: 'OK',
      acc_b: 'CONNECTING',
      acc_c: 'STOPPED',
      acc_d: 'CREDENTIALS',
      acc_e: 'OK',
      acc_f: 'OK',
    });
    await m.status('--json');
    const t1 = T0 + HOUR;
    m.clock.time = t1;
    fleet({ acc_a: 'STOPPED', acc_b: 'ERROR', acc_c: 'PERMISSIONS', acc_d: 'OK', acc_e: 'OK' });
    const r = await m.status('--json');
    expect(r.code).toBe(5);
    const lines = ndjson(r.stdout);
    expect(lines.acc_a).toMatchObject({ since: iso(t1), previous: 'ok', change: 'new_problem' });
    expect(lines.acc_b).toMatchObject({ since: iso(t1), previous: 'connecting', change: 'worse' });
    expect(lines.acc_c).toMatchObject({ since: iso(t1), previous: 'stopped', change: 'better' });
    expect(lines.acc_d).toMatchObject({ since: iso(t1), previous: 'action_needed', change: 'recovered' });
    expect(lines.acc_e).toMatchObject({ since: iso(T0), previous: null, change: 'same' });
    // gone from the list: no health, its type and name as remembered, after the listed accounts
    expect(lines.acc_f).toEqual({
      account_id: 'acc_f',
      type: 'LINKEDIN',
      name: 'Name of acc_f',
      health: null,
      since: iso(t1),
      previous: 'ok',
      change: 'removed',
      account: null,
      config_profile: 'default',
    });
    expect(Object.keys(lines).at(-1)).toBe('acc_f');

    // three days on, nothing changed: every account is the same, and the removed one is not told again
    const t2 = t1 + 3 * DAY;
    m.clock.time = t2;
    const csv = parseCsv((await m.status('--format', 'csv')).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    expect(csv.map((row) => [row.account_id, row.state, row.since, row.previous, row.change])).toEqual([
      ['acc_a', 'stopped', iso(t1), 'ok', 'same'],
      ['acc_b', 'stopped', iso(t1), 'connecting', 'same'],
      ['acc_c', 'action_needed', iso(t1), 'stopped', 'same'],
      ['acc_d', 'ok', iso(t1), 'action_needed', 'same'],
      ['acc_e', 'ok', iso(T0), '', 'same'],
    ]);
    const table = plain((await m.status('--width', '200')).stdout);
    // the table's "stopped for 3 days": since when, and the state before
    expect(table).toMatch(/^acc_a\s.*\sstopped\s+3 days ago\s+source_stopped\s+ok$/m);
    expect(table).toMatch(/^acc_c\s.*\saction_needed\s+3 days ago\s+source_permissions\s+stopped$/m);

    // prometheus: since as Unix time, beside the health samples
    const prom = parsePrometheus((await m.status('--format', 'prometheus')).stdout);
    const since = prom.find((f) => f.name === 'pp_account_state_since_seconds')!;
    expect(since.metrics.find((s) => s.labels?.account_id === 'acc_a')).toEqual({
      value: String(t1 / 1000),
      labels: {
        account_id: 'acc_a',
        type: 'LINKEDIN',
        name: 'Name of acc_a',
        state: 'stopped',
        profile: 'default',
      },
    });
  });

  it('the table says what it was and since when, and lists the removed one last', async () => {
    const m = machine();
    fleet({ acc_a: 'OK', acc_gone: 'STOPPED' });
    await m.status();
    m.clock.time += HOUR;
    fleet({ acc_a: 'CREDENTIALS' });
    const r = await m.tty();
    const [table = ''] = plain(r.stdout).split('\nWHAT TO DO\n');
    const rows = table.trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(
      /^acc_a\s+LINKEDIN\s+Name of acc_a\s+action_needed\s+now\s+source_credentials\s+ok$/,
    );
    expect(rows[2]).toMatch(/^acc_gone\s+LINKEDIN\s+Name of acc_gone\s+removed\s+now\s+stopped$/);
    expect(plain(r.stderr)).toBe('1 new problem, 1 removed; 1 account: 1 action_needed\n');
  });
});

describe('pp status --changes', () => {
  it('shows only what changed, and exits by those accounts alone: a standing problem is 0, a new one 5 or 17', async () => {
    const m = machine();
    fleet({ acc_a: 'STOPPED', acc_b: 'OK' });
    const first = await m.status('--changes', '--format', 'csv');
    expect(first.code).toBe(5); // the first run: every account not ok is new
    expect(first.stdout.trim().split('\n')).toHaveLength(2);

    m.clock.time += HOUR;
    const quiet = await m.status('--changes');
    // nothing changed: nothing at all, not even the count line, so a cron job mails nothing
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    const person = await m.tty('--changes');
    expect(plain(person.stderr)).toBe('nothing changed; 0 accounts (of 2 in the workspace)\n');

    m.clock.time += HOUR;
    fleet({ acc_a: 'STOPPED', acc_b: 'CONNECTING' });
    const warned = await m.status('--changes', '--fail-on', 'warning', '--json');
    expect(warned.code).toBe(17);
    expect(Object.keys(ndjson(warned.stdout))).toEqual(['acc_b']);

    m.clock.time += HOUR;
    fleet({ acc_a: 'OK', acc_b: 'CONNECTING' });
    const nagios = await m.status('--changes', '--format', 'nagios');
    expect(nagios.code).toBe(0);
    expect(nagios.stdout).toBe(
      'PP OK - default: 1 recovered; 1 account (of 2 in the workspace): 1 ok | ok=1 warning=0 connecting=0 action_needed=0 stopped=0 unknown=0 new_problems=0 recovered=1\n',
    );

    m.clock.time += HOUR;
    fleet({ acc_a: 'ERROR', acc_b: 'CONNECTING' });
    const worse = await m.status('--changes');
    expect(worse.code).toBe(5);
    expect(plain(worse.stdout)).toMatch(/^acc_a\s.*\sstopped\s+now\s+source_error\s+ok$/m);
    expect(plain(worse.stdout)).not.toMatch(/acc_b/);
  });

  it('nagios without --changes leads with what changed and adds new_problems= and recovered=', async () => {
    const m = machine();
    fleet({ acc_a: 'STOPPED', acc_b: 'OK', acc_c: 'CREDENTIALS' });
    await m.status('--format', 'nagios');
    m.clock.time += HOUR;
    fleet({ acc_a: 'OK', acc_b: 'STOPPED', acc_c: 'CREDENTIALS' });
    const r = await m.status('--format', 'nagios');
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')[0]).toBe(
      'PP CRITICAL - default: 1 new problem, 1 recovered; 3 accounts: 1 ok, 1 action_needed, 1 stopped | ok=1 warning=0 connecting=0 action_needed=1 stopped=1 unknown=0 new_problems=1 recovered=1',
    );
  });

  it('--changes with --no-state is a usage error', async () => {
    const r = await machine().status('--changes', '--no-state');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--changes needs what pp status remembers/);
  });
});

describe('flapping, with pp sandbox --flap', () => {
  it('4 transitions in 24 hours while not ok: the reason flapping, in nagios’ long output too; it ends when the changes do', async () => {
    const m = machine();
    const run = (...args: string[]) =>
      pp(['--base-url', flapping.url, 'status', ...args], { env: m.env, clock: m.clock });
    const gmail = async () => ndjson((await run('--json')).stdout).acc_demo_gmail!;
    const seen: { state?: string; codes: string[] }[] = [];
    for (let i = 0; i < 6; i++) {
      m.clock.time = T0 + i * HOUR;
      const line = await gmail(); // each run reads the list once: the account flips each time
      seen.push({ state: line.health?.state, codes: line.health?.reasons.map((r) => r.code) ?? [] });
    }
    expect(seen).toEqual([
      { state: 'ok', codes: [] },
      { state: 'action_needed', codes: ['source_credentials'] }, // 1 transition
      { state: 'ok', codes: [] },
      { state: 'action_needed', codes: ['source_credentials'] }, // 3
      { state: 'ok', codes: [] }, // 4, but an ok account keeps empty reasons
      { state: 'action_needed', codes: ['source_credentials', 'flapping'] }, // 5
    ]);
    m.clock.time = T0 + 6 * HOUR;
    const nagios = await run('--format', 'nagios');
    expect(nagios.stdout.split('\n')[0]).toMatch(/^PP CRITICAL - default: 1 recovered; /);
    m.clock.time = T0 + 7 * HOUR;
    const long = (await run('--format', 'nagios')).stdout;
    expect(long.split('\n')[0]).toMatch(/^PP CRITICAL - default: 1 new problem, 1 flapping; /);
    expect(long).toMatch(/^action_needed: acc_demo_gmail .*changed 7 times in the last 24 hours/m);
    // a day later with no change in between: no longer flapping
    m.clock.time = T0 + 7 * HOUR + DAY + HOUR;
    const env = { ...m.env };
    fleet({ acc_demo_gmail: 'CREDENTIALS' });
    const quiet = await pp(['--base-url', server.origin, 'status', '--format', 'csv'], {
      env,
      clock: m.clock,
    });
    expect(quiet.stdout).toMatch(/^acc_demo_gmail,.*,action_needed,source_credentials,/m);
  });

  it('pp sandbox --flap takes only an id of the list (exit 2, nothing served)', async () => {
    const r = await pp(['sandbox', '--flap', 'acc_nowhere']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--flap "acc_nowhere": no such account in the sandbox's list/);
  });
});

describe('what a run records', () => {
  it('a run that fails part-way records the accounts it read and removes nobody', async () => {
    const m = machine();
    fleet({ acc_a: 'OK', acc_b: 'STOPPED' });
    await m.status();
    m.clock.time += HOUR;
    server.script(
      json({ items: items({ acc_a: 'STOPPED' }), cursor: 'c2' }),
      problem(503, 'service_unavailable'),
    );
    const failed = await pp(['--base-url', server.origin, '--retries', '0', 'status', '--json'], {
      env: m.env,
      clock: m.clock,
    });
    expect(failed.code).toBe(12);
    expect(ndjson(failed.stdout).acc_a).toMatchObject({ change: 'new_problem' });
    expect(m.state().list).toMatchObject({
      acc_a: { state: 'stopped', since: iso(T0 + HOUR) },
      acc_b: { state: 'stopped', since: iso(T0) },
    });
    expect(m.state().list.acc_b!.removed).toBeUndefined();
  });

  it('named ids record only those, and remove nobody', async () => {
    const m = machine();
    fleet({ acc_a: 'OK', acc_b: 'STOPPED' });
    await m.status('acc_b');
    expect(Object.keys(m.state().list)).toEqual(['acc_b']);
    m.clock.time += HOUR;
    fleet({ acc_a: 'OK', acc_b: 'OK' });
    const r = await m.status('acc_a', '--json');
    expect(Object.keys(ndjson(r.stdout))).toEqual(['acc_a']);
    expect(Object.keys(m.state().list).sort()).toEqual(['acc_a', 'acc_b']);
    expect(m.state().list.acc_b).toMatchObject({ state: 'stopped' });
  });

  it('an account renamed, or back after it left, in the same state: its record takes the new name and is no longer removed', async () => {
    const m = machine();
    fleet({ acc_a: 'OK', acc_b: 'OK' });
    await m.status('--json');
    m.clock.time = T0 + HOUR;
    fleet({ acc_a: 'OK' });
    await m.status('--json');
    expect(m.state().list.acc_b).toMatchObject({ removed: iso(T0 + HOUR) });

    m.clock.time = T0 + 2 * HOUR;
    server.script(
      json({ items: [{ ...account('acc_a', 'OK'), name: 'Ada, renamed' }, account('acc_b', 'OK')] }),
    );
    const back = ndjson((await m.status('--json')).stdout);
    expect(back.acc_a).toMatchObject({ name: 'Ada, renamed', since: iso(T0), change: 'same' });
    expect(back.acc_b).toMatchObject({ since: iso(T0), previous: null, change: 'same' });
    expect(m.state().list).toEqual({
      acc_a: { state: 'ok', since: iso(T0), type: 'LINKEDIN', name: 'Ada, renamed', transitions: [] },
      acc_b: { state: 'ok', since: iso(T0), type: 'LINKEDIN', name: 'Name of acc_b', transitions: [] },
    });

    // gone again: reported removed again, under the name last seen
    m.clock.time = T0 + 3 * HOUR;
    fleet({ acc_b: 'OK' });
    const gone = ndjson((await m.status('--json')).stdout);
    expect(gone.acc_a).toMatchObject({ name: 'Ada, renamed', change: 'removed', health: null });
  });

  it('a filtered run (--type, --state, --group) records only the accounts it shows, and removes nobody', async () => {
    const m = machine();
    fleet({ acc_a: 'OK', acc_b: 'STOPPED' });
    await m.status();
    m.clock.time += HOUR;
    fleet({ acc_a: 'CREDENTIALS', acc_b: 'STOPPED' });
    const r = await m.status('--state', 'stopped', '--json');
    expect(Object.keys(ndjson(r.stdout))).toEqual(['acc_b']); // acc_a, filtered out, is not "removed"
    // acc_a was not shown: its change is still to be told, by a run that shows it
    expect(m.state().list.acc_a).toMatchObject({ state: 'ok', transitions: [] });
    const next = ndjson((await m.status('--json')).stdout);
    expect(next.acc_a).toMatchObject({ previous: 'ok', change: 'new_problem' });
  });

  it('--state (a filter) and --no-state (no memory) together are a usage error, not the last one winning', async () => {
    for (const args of [
      ['--state', 'stopped', '--no-state'],
      ['--no-state', '--state', 'stopped'],
    ]) {
      const r = await machine().status(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--state and --no-state are two options: give one of them/);
    }
  });

  it('keeps 20 transitions; forgets an account 30 days after it left the workspace', async () => {
    const m = machine();
    for (let i = 0; i < 25; i++) {
      m.clock.time = T0 + i * HOUR;
      fleet({ acc_a: i % 2 ? 'STOPPED' : 'OK', ...(i === 0 ? { acc_gone: 'OK' } : {}) });
      await m.status('--format', 'csv');
    }
    const transitions = m.state().list.acc_a!.transitions;
    expect(transitions).toHaveLength(20);
    expect(transitions.at(-1)!.at).toBe(iso(T0 + 24 * HOUR));
    expect(m.state().list.acc_gone!.removed).toBe(iso(T0 + HOUR));
    m.clock.time = T0 + HOUR + 29 * DAY;
    await m.status('--format', 'csv');
    expect(m.state().list.acc_gone).toBeDefined();
    m.clock.time = T0 + HOUR + 31 * DAY;
    await m.status('--format', 'csv');
    expect(m.state().list.acc_gone).toBeUndefined();
  });

  it('--no-state reads and writes nothing; the memory members are null', async () => {
    const m = machine();
    fleet({ acc_a: 'STOPPED' });
    const r = await m.status('--no-state', '--json');
    expect(ndjson(r.stdout).acc_a).toMatchObject({ since: null, previous: null, change: null });
    expect(readdirSync(m.stateDir)).toEqual([]);
    const table = await m.status('--no-state');
    expect(table.stderr).toBe('1 account: 1 stopped\n');
    // nothing remembered, so no SINCE or PREVIOUS columns standing empty beside REASON
    const head = table.stdout.split('\n')[0] ?? '';
    expect(head).toMatch(/^ID +TYPE +NAME +STATE +REASON$/);
    expect(readdirSync(m.stateDir)).toEqual([]);
    // with memory the same run has them
    const remembered = await m.status();
    expect(remembered.stdout.split('\n')[0]).toMatch(/^ID +TYPE +NAME +STATE +SINCE +REASON +PREVIOUS$/);
  });

  it('--deep, --sandbox and each profile remember apart', async () => {
    const m = machine();
    const sandbox = (...args: string[]) =>
      pp(['--sandbox', 'status', '--json', ...args], { env: m.env, clock: m.clock });
    await sandbox();
    m.clock.time += HOUR;
    // a --deep run sees seat warnings a plain one cannot: its own memory, so no change back and forth
    const deep = ndjson((await sandbox('--deep')).stdout);
    expect(deep.acc_demo_linkedin_seats_disconnected).toMatchObject({
      change: 'new_problem',
      previous: null,
    });
    m.clock.time += HOUR;
    const again = ndjson((await sandbox()).stdout);
    expect(again.acc_demo_linkedin_seats_disconnected).toMatchObject({ change: 'same', since: iso(T0) });
    expect(existsIn(join(m.stateDir, 'default', 'sandbox'))).toEqual(['accounts.json']);
    expect(existsIn(join(m.stateDir, 'default'))).toEqual(['sandbox']); // the workspace's own untouched

    writeFileSync(join(m.env.PP_CONFIG_DIR!, 'config.json'), JSON.stringify({ profiles: { staging: {} } }), {
      mode: 0o600,
    });
    fleet({ acc_a: 'OK' });
    await pp(['--base-url', server.origin, '--profile', 'staging', 'status'], { env: m.env, clock: m.clock });
    expect(existsIn(join(m.stateDir, 'staging'))).toEqual(['accounts.json']);
  });
});

const existsIn = (dir: string) => readdirSync(dir).sort();

describe('a state file pp cannot use is set aside, never followed; the run goes on as a first run', () => {
  const planted = 'has what pp wrote earlier: acc_a stopped since 2020';
  // a file pp would use if it trusted it: acc_a would then be the same, not a new problem
  const trusted = oneAccount('acc_a', 4, Date.UTC(2020, 0, 1), planted);
  const asRoot = process.getuid?.() === 0;
  const cases: [string, (file: string) => void, RegExp, boolean][] = [
    [
      'corrupt',
      (f) => writeFileSync(f, '{"version":1,"list":{"acc_a"', { mode: 0o600 }),
      /is not valid JSON/,
      true,
    ],
    [
      'not pp’s',
      (f) => writeFileSync(f, oneAccount('acc_a', 9, 0, ''), { mode: 0o600 }),
      /has a "list" that has a state pp did not write \("acc_a"\)/,
      true,
    ],
    ['a symlink', (f) => plantSymlink(f, trusted), /is a symbolic link, which pp does not follow/, true],
    ['a FIFO', plantFifo, /is not a regular file/, true],
    ['writable by others', (f) => plantWritable(f, trusted), /is writable by others \(mode 0666\)/, true],
  ];
  if (asRoot)
    cases.push(['another user’s', (f) => plantForeign(f, trusted), /is owned by uid 65534, not you/, false]);

  it.each(cases)('%s', async (_name, plant, words, kept) => {
    const m = machine();
    mkdirSync(dirname(m.file), { recursive: true, mode: 0o700 });
    plant(m.file);
    const before = lstatSync(m.file);
    fleet({ acc_a: 'STOPPED' });
    const r = await m.status('--json');
    expect(r.code).toBe(5); // the check's own code, as with no file at all
    expect(ndjson(r.stdout).acc_a).toMatchObject({ change: 'new_problem', previous: null, since: iso(T0) });
    expect(r.stderr).toMatch(words);
    expect(r.stderr).toMatch(/this run starts afresh/);
    const aside = `${m.file}.corrupt-20261130T060000Z`;
    if (kept) {
      expect(r.stderr).toContain(`it is kept as ${aside}`);
      expect(lstatSync(aside).ino).toBe(before.ino); // the file itself, moved, never followed
    } else {
      expect(r.stderr).toMatch(/pp does not use it, and replaces it when it saves/);
      expect(readdirSync(dirname(m.file)).filter((n) => n.includes('corrupt'))).toEqual([]);
    }
    // a new state of pp's own in its place: a regular 0600 file, with this run's accounts
    const now = lstatSync(m.file);
    expect(now.isFile() && !now.isSymbolicLink()).toBe(true);
    expect(now.mode & 0o777).toBe(0o600);
    expect(m.state().list.acc_a).toMatchObject({ state: 'stopped', since: iso(T0), name: 'Name of acc_a' });
  });

  it('a symlink’s target is never written through', async () => {
    const m = machine();
    mkdirSync(dirname(m.file), { recursive: true, mode: 0o700 });
    const target = plantSymlink(m.file, trusted);
    fleet({ acc_a: 'OK' });
    await m.status();
    expect(readFileSync(target, 'utf8')).toBe(trusted);
  });
});

describe('the clock', () => {
  it('a state from the future never gives a since after now, nor a negative duration', async () => {
    const m = machine();
    fleet({ acc_a: 'STOPPED', acc_b: 'OK' });
    m.clock.time = T0 + 10 * DAY;
    await m.status();
    m.clock.time = T0 + 10 * DAY + HOUR;
    fleet({ acc_a: 'STOPPED', acc_b: 'ERROR' });
    await m.status();
    m.clock.time = T0; // put back ten days
    const lines = ndjson((await m.status('--json')).stdout);
    expect(lines.acc_a).toMatchObject({ since: iso(T0), change: 'same' });
    expect(lines.acc_b).toMatchObject({ since: iso(T0), previous: 'ok', change: 'same' });
    const table = plain((await m.status('--all', '--width', '200')).stdout);
    expect(table).toMatch(/^acc_a\s.*\sstopped\s+first seen\s/m);
    expect(table).toMatch(/^acc_b\s.*\sstopped\s+just now\s+source_error\s+ok$/m);
    const prom = parsePrometheus((await m.status('--format', 'prometheus')).stdout);
    const at = Number(prom.find((f) => f.name === 'pp_status_timestamp_seconds')!.metrics[0]!.value);
    for (const sample of prom.find((f) => f.name === 'pp_account_state_since_seconds')!.metrics)
      expect(Number(sample.value)).toBeLessThanOrEqual(at);
    // and what is written is brought back to now
    expect(m.state().list.acc_a!.since).toBe(iso(T0));
  });
});

describe('a run that changes nothing', () => {
  it('leaves the file as it is and sets its time; the next change writes it again', async () => {
    const m = machine();
    fleet({ acc_a: 'OK', acc_b: 'STOPPED' });
    await m.status();
    const written = readFileSync(m.file, 'utf8');
    const { ino } = statSync(m.file);
    // an hour on, the same fleet: not written again (same file, same bytes), but checked now
    m.clock.time = T0 + HOUR;
    expect((await m.status()).code).toBe(5);
    expect(statSync(m.file).ino).toBe(ino);
    expect(readFileSync(m.file, 'utf8')).toBe(written);
    expect(statSync(m.file).mtimeMs).toBe(T0 + HOUR);
    // a change is written whole (a new file renamed over it), with the run's time
    m.clock.time = T0 + 2 * HOUR;
    fleet({ acc_a: 'OK', acc_b: 'OK' });
    await m.status();
    expect(statSync(m.file).ino).not.toBe(ino);
    expect(m.state().list.acc_b!.state).toBe('ok');
    expect(statSync(m.file).mtimeMs).toBe(T0 + 2 * HOUR);
  });
});

describe('pp accounts show', () => {
  it('shows the state’s age and the transitions pp status recorded', async () => {
    const m = machine();
    const list = (status: string) =>
      server.script((req) =>
        req.url.startsWith('/api/v1/accounts?')
          ? json({ items: items({ acc_a: status }) })
          : json(account('acc_a', status)),
      );
    list('OK');
    await m.status();
    m.clock.time = T0 + HOUR;
    list('STOPPED');
    await m.status();
    // a run that changed nothing checked it too
    m.clock.time = T0 + 2 * HOUR;
    await m.status();
    m.clock.time = T0 + HOUR + 3 * DAY;
    const r = await pp(['--base-url', server.origin, 'accounts', 'show', 'acc_a'], {
      env: m.env,
      clock: m.clock,
      tty: { columns: 100 },
    });
    expect(r.code).toBe(0);
    const out = plain(r.stdout);
    expect(out).toMatch(/State\s+stopped since 2026-11-30 07:00:00 UTC \(3 days ago\)/);
    expect(out).toMatch(/Checked\s+2026-11-30 08:00:00 UTC \(2 days ago\), by pp status/);
    expect(out).toMatch(/│ 2026-11-30 07:00:00 UTC │ ok\s+│ stopped\s+│/);
  });
});

// A reader that leaves early ends pp at once (main.ts); what pp status saw by then is remembered,
// or a run always cut short that way (`pp status | head` in a cron job) would never move on.
describe('pp status | head', () => {
  let big: RunningSandbox;
  beforeAll(async () => {
    big = await startSandbox({ accounts: 5000 });
  });
  afterAll(() => big.close());

  it('remembers the accounts seen before the reader left', async () => {
    const env = baseEnv({ PP_API_KEY: KEY, PP_BASE_URL: big.url, PP_STATE_DIR: tempDir('pp-head-') });
    const cut = await runCommand(
      'bash',
      [
        '-c',
        `"${process.execPath}" bin/pp.js status --json | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`,
      ],
      { env },
    );
    expect(cut.stdout).toMatch(/^status=(0|5)\n$/);
    expect(cut.stderr).toBe('');
    // the next run knows the accounts of the first page: not a new problem, the same as before
    const next = await pp(['status', '--json'], { env });
    const lines = next.stdout
      .trim()
      .split('\n')
      .slice(0, 250)
      .map((l) => JSON.parse(l) as Line);
    const troubled = lines.filter((l) => l.health?.state !== 'ok');
    expect(troubled.length).toBeGreaterThan(0);
    for (const line of troubled) expect([line.account_id, line.change]).toEqual([line.account_id, 'same']);
  });
});
