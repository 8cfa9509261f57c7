import { describe, expect, it } from 'vitest';
import { errorNames } from '../../src/api/catalogue.js';
import { helpTopicNames } from '../../src/help/topic-names.js';
import { helpTopics } from '../../src/help/topics.js';

// `pp help <topic>` is the manual a terminal user has offline. These tests keep it readable on a
// 60-column terminal and keep each topic saying what it must (the CLI contract).

const WIDTH = 60;
const topics = Object.entries(helpTopics);
const text = (name: keyof typeof helpTopics) => helpTopics[name].text;
/** Characters as a terminal counts them: code points, not UTF-16 units (`…` is one column). */
const columns = (line: string) => [...line].length;

describe('the topics’ names', () => {
  it('are the topics, in their order (the program lists the names without loading the texts)', () => {
    expect(Object.keys(helpTopics)).toEqual([...helpTopicNames]);
  });
});

describe('every help topic', () => {
  it('is the five topics the CLI contract names', () => {
    expect(Object.keys(helpTopics).sort()).toEqual([
      'environment',
      'exit-codes',
      'formats',
      'health',
      'scripting',
    ]);
  });

  it.each(topics)('%s fits a 60-column terminal, line by line', (_name, topic) => {
    const long = topic.text
      .split('\n')
      .map((line, i) => ({ line: i + 1, columns: columns(line), text: line }))
      .filter((l) => l.columns > WIDTH);
    expect(long).toEqual([]);
  });

  it.each(topics)('%s is plain text: no tabs, ANSI codes, Markdown tables or fences', (_name, topic) => {
    expect(topic.text).not.toMatch(/\t/);
    expect(topic.text).not.toMatch(/\x1b/);
    expect(topic.text).not.toMatch(/^\s*\|.*\|\s*$/m);
    expect(topic.text).not.toMatch(/^\s*```/m);
  });

  it.each(topics)('%s has a one-line summary and ends with exactly one newline', (_name, topic) => {
    expect(topic.summary.trim()).not.toBe('');
    expect(topic.summary).not.toContain('\n');
    expect(columns(topic.summary)).toBeLessThanOrEqual(WIDTH);
    expect(topic.text).toMatch(/[^\n]\n$/);
    expect(topic.text.split('\n').length).toBeGreaterThan(20);
  });

  it('documents nothing as planned: every command it names is built', () => {
    const all = topics.map(([, t]) => t.text).join('\n');
    // every feature the topics name is built: nothing says it is planned any more
    expect(all.replace(/\s+/g, ' ')).not.toMatch(/planned/);
  });
});

describe('pp help environment', () => {
  it.each([
    'PP_API_KEY',
    'PP_ACCOUNT_ID',
    'PP_BASE_URL',
    'PP_CONFIG_DIR',
    'PP_SANDBOX',
    'NO_COLOR',
    'FORCE_COLOR',
    'HTTPS_PROXY',
    'NO_PROXY',
    'PP_PROFILE',
    'PP_STATE_DIR',
  ])('explains %s', (variable) => {
    // as a heading of its own, with words under it
    expect(text('environment')).toMatch(new RegExp(`^([A-Z_]+, )*${variable}(, [A-Z_]+)*\\n {4}\\S`, 'm'));
  });

  it('gives the precedence: flag, environment, profile, default, and how the profile is chosen', () => {
    expect(text('environment')).toContain('flag > environment > profile > default');
    expect(text('environment')).toMatch(/--profile, else PP_PROFILE, else the active\none/);
  });
});

describe('pp help exit-codes', () => {
  // the meaning the CLI contract gives each code, as the first words after the code
  const meanings: [number, string][] = [
    [0, 'success'],
    [1, 'unexpected failure (a bug)'],
    [2, 'usage error'],
    [3, 'configuration error'],
    [4, 'the API key was refused'],
    [5, 'the linked account needs its owner to act'],
    [6, 'forbidden or restricted'],
    [7, 'not found'],
    [8, 'request rejected'],
    [9, 'rate limited (retries used up)'],
    [10, 'server or provider error'],
    [11, 'not implemented'],
    [12, 'service unavailable'],
    [13, 'gateway timeout'],
    [14, 'network failure'],
    [15, 'invalid response'],
    [16, 'mixed failures'],
    [17, 'answered, with warnings'],
    [18, 'still waiting'],
    [130, 'interrupted'],
    [143, 'terminated'],
  ];

  it.each(meanings)('lists code %i as "%s"', (code, meaning) => {
    const line = text('exit-codes')
      .split('\n')
      .find((l) => new RegExp(`^ *${code}  \\S`).test(l));
    expect(line, `no line for code ${code}`).toBeDefined();
    expect(line!.replace(/^ *\d+ +/, '')).toMatch(new RegExp(`^${meaning.replace(/[()]/g, '\\$&')}`));
  });

  it('lists no other code', () => {
    const listed = text('exit-codes')
      .split('\n')
      .map((l) => /^ *(\d+) {2}\S/.exec(l)?.[1])
      .filter((c) => c !== undefined)
      .map(Number);
    expect(listed).toEqual(meanings.map(([code]) => code));
  });

  it('names the 401 types of exit 4 and says which codes are transient', () => {
    for (const type of ['missing_credentials', 'invalid_credentials', 'insufficient_privileges'])
      expect(text('exit-codes')).toContain(type);
    expect(text('exit-codes')).toMatch(/TRANSIENT: 9, 12, 13 and 14\./);
  });
});

describe('pp help formats', () => {
  const formats = text('formats');

  it('says how --output-file writes, with which mode and why, and what a failure or a signal leaves', () => {
    const flat = formats.replace(/\s+/g, ' ');
    expect(flat).toMatch(/temporary file in the same folder, renamed over <path>/);
    expect(flat).toMatch(/A new file is made 0644: the collector runs as a user of its own/);
    expect(flat).toMatch(/An existing file keeps its mode/);
    expect(flat).toMatch(/still replaces the file with its failure \(pp_status_success 0, PP UNKNOWN\)/);
    expect(flat).toMatch(/Ctrl-C, SIGTERM and a write that fails \(a full disk: exit 3\)/);
    expect(flat).toMatch(/SIGTERM \(a scheduler's timeout: exit 143\)/);
  });

  it('says what pp api prints: as received, streamed, the key masked; a terminal gets a description', () => {
    const flat = formats.replace(/\s+/g, ' ');
    expect(flat).toMatch(/pp api <path>: THE ANSWER AS RECEIVED/);
    expect(flat).toMatch(/byte for byte as it arrives, never held whole/);
    expect(flat).toMatch(/the API key, in any spelling, is masked/);
    expect(flat).toMatch(/anything else is described/);
    expect(flat).toMatch(/--paginate: every item of every page/);
  });

  it('describes the human layout and --json as the body exactly as received, pretty-printed', () => {
    expect(formats).toMatch(/FOR A PERSON/);
    expect(formats).toMatch(/table/);
    expect(formats).toMatch(/exactly as the server sent it/);
    expect(formats).toMatch(/pretty-printed with two spaces/);
    expect(formats).toMatch(/echoes\s+back[\s\S]*masked \(pp_live_…8GR2\)/);
  });

  it('shows the NDJSON lines of many accounts', () => {
    expect(formats).toContain('NDJSON');
    expect(formats).toContain('{"account_id":"acc_…","ok":true,"health":{…},');
    expect(formats).toContain('{"account_id","type","name","health","account",\n   "config_profile"}');
    expect(formats).toContain('{"account_id":"acc_…","ok":false,"error":{…}}');
  });

  it.each([
    'status',
    'type',
    'title',
    'detail',
    'exit_code',
    'retryable',
    'account_id',
    'request_id',
    'retry_after',
  ])('explains the --json error field %s', (field) => {
    expect(formats).toContain(`"${field}": `);
    expect(formats).toMatch(new RegExp(`^ {2}${field} +\\S`, 'm'));
  });

  it('explains what pp status remembers: since, previous, every change, flapping, --changes', () => {
    const memory = formats.slice(formats.indexOf('MEMORY (pp status)')).replace(/\s+/g, ' ');
    for (const word of ['since', 'previous', 'change', 'flapping', '--changes', '--no-state'])
      expect(memory).toContain(word);
    for (const change of ['new_problem', 'worse', 'better', 'recovered', 'same', 'removed'])
      expect(memory).toMatch(new RegExp(`\\b${change}\\b`));
    expect(formats).toContain('pp_account_state_since_seconds');
    expect(formats).toMatch(/new_problems=2\s+recovered=1/);
    expect(formats).toContain('since,previous,change');
  });

  it('says the --json error goes to standard error, with nothing on standard output', () => {
    expect(formats).toMatch(/--json, ERRORS\n\s+Nothing on standard output\. On standard error/);
  });
});

describe('pp help health', () => {
  const health = text('health');

  it.each([
    'Recruiter seat disconnected',
    'Recruiter seat in multiple sessions',
    'Sales Navigator seat disconnected',
    'Sales Navigator seat in multiple sessions',
    'Restricted by Telegram',
    'Account deleted',
    'Flagged as fake by Telegram',
    'Tweets are protected',
    'Withheld in',
  ])('names the warning "%s"', (warning) => {
    expect(health).toContain(warning);
  });

  it('says the warnings exit 0, or 17 with --fail-on warning', () => {
    expect(health.replace(/\s+/g, ' ')).toMatch(
      /WITH WARNINGS\. Health warning\. Exit 0, or 17 with --fail-on warning/,
    );
  });

  it('lists every 401 type that exits 5 (the CLI contract)', () => {
    const exit5 = [
      'disconnected_account',
      'expired_credentials',
      'multiple_sessions',
      'checkpoint_error',
      'invalid_checkpoint_solution',
      'invalid_proxy_credentials',
      'disconnected_feature',
      'invalid_credentials_but_valid_account_imap',
      'expired_link',
      'wrong_account',
    ];
    const listed = [...health.matchAll(/^ {2}errors\/(\w+)$/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(exit5.sort());
  });

  it('gives the sandbox ids to try them, and all 38 documented error types', () => {
    expect(health).toContain('acc_demo_linkedin_seats_disconnected');
    expect(health).toContain('acc_error_<type>');
    expect(errorNames).toHaveLength(38);
    const words = new Set(health.match(/\w+/g));
    const missing = errorNames.filter((name) => !words.has(name));
    expect(missing).toEqual([]);
  });
});

describe('pp help scripting', () => {
  const scripting = text('scripting');

  it.each([
    ['jq', /\| jq -r \.email/],
    ['a morning check over a file of ids, for cron', /pp profile --from-file[\s\S]*--json[\s\S]*crontab/],
    ['the file of ids', /pp profile --from-file accounts\.txt --json/],
    ['exit codes in a shell case', /case \$\? in\n[\s\S]*5\)[\s\S]*9\|12\|13\|14\)[\s\S]*esac/],
    ['retries', /--retries/],
    ['timeouts', /--timeout/],
    ['--sandbox to test scripts', /--sandbox/],
    ['the sandbox server for other programs', /pp sandbox --port 8787/],
    ['a cron health check', /0 7 \* \* 1-5 {2}out=\$\(pp status --fail-on warning 2>&1\)/],
    ['a Nagios command', /command_line {2}\/usr\/local\/bin\/pp status\n\s+--format nagios/],
    [
      'the textfile collector',
      /textfile_collector\n\s+&& pp status --format prometheus --output-file pp\.prom/,
    ],
    ['a GitHub Actions step', /- run: pp status --fail-on warning/],
    ['a cron mail of what changed', /0 7 \* \* 1-5 {2}pp status --changes\n/],
    ['a flapping sandbox', /pp sandbox --port 8787 --flap acc_demo_gmail/],
  ])('has a recipe for %s', (_what, pattern) => {
    expect(scripting).toMatch(pattern);
  });
});
