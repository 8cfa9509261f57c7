// The README's recipes (cron, cron mailing only changes, node_exporter's textfile collector, a
// Nagios command, a GitHub Actions step, pp api --paginate into jq, the morning round: what
// changed, links for a mail merge, the wait for the owners), taken from the README itself and run
// by sh against the sandbox, with the built pp on PATH: a recipe a user copies must work as written.
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/server.js';
import { baseEnv, bin, type RunResult, root, runCommand, tempDir } from '../helpers/run.js';
import { itWith } from '../helpers/tools.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const marked = readme.split('<!-- recipes: run against the sandbox -->')[1] ?? '';
/** The fenced blocks after the marker: the crontab lines, the Nagios command, the Actions step. */
const [crontab = '', nagios = '', actions = '', paginate = ''] = [
  ...marked.matchAll(/```\w*\n([\s\S]*?)```/g),
]
  .slice(0, 4)
  .map((m) => m[1]!);

/** A folder with `pp` in it (the built bin/pp.js), for PATH, and one to run the recipes in. */
const shims = tempDir('pp-path-');
writeFileSync(join(shims, 'pp'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
chmodSync(join(shims, 'pp'), 0o755);

function sh(command: string, cwd: string, env = baseEnv({ PP_SANDBOX: '1' })) {
  return runCommand('/bin/sh', ['-c', command], {
    env: { ...env, PATH: `${shims}:${process.env.PATH}` },
    cwd,
  });
}

/** A crontab line's command: what follows the five time fields. */
const cronCommand = (line: string) => line.replace(/^(\S+\s+){5}/, '');

describe('the README’s health-check recipes, against the sandbox', () => {
  const lines = crontab.trim().split('\n');
  const [mailLine = '', changesLine = '', textfileLine = ''] = [/--fail-on/, /--changes/, /prometheus/].map(
    (what) => lines.find((l) => what.test(l)),
  );
  const promDir = tempDir();
  let cron: RunResult;
  let textfile: RunResult;
  let check: RunResult;
  let step: RunResult;
  /** The changes line twice on the sandbox (in process), then twice on one where an account flaps. */
  let changes: RunResult[];
  let flapping: RunResult[];
  let flappingSandbox: RunningSandbox;
  // all at once: each is a process or two, so this costs the slowest, not the sum
  beforeAll(async () => {
    const nagiosLine = /command_line\s+(.+)/.exec(nagios)?.[1] ?? '';
    const actionsLine = /- run: (.+)/.exec(actions)?.[1] ?? '';
    flappingSandbox = await startSandbox({ flap: ['acc_demo_gmail'] });
    /** The same machine (one state folder) running the recipe twice, a day apart. */
    const twice = async (env: Record<string, string>) => {
      const dir = tempDir();
      return [await sh(cronCommand(changesLine), dir, env), await sh(cronCommand(changesLine), dir, env)];
    };
    [cron, textfile, check, step, changes, flapping] = await Promise.all([
      sh(cronCommand(mailLine), tempDir()),
      sh(
        cronCommand(textfileLine).replace(/\/var\/lib\/node_exporter\/textfile_collector/, promDir),
        tempDir(),
      ),
      sh(nagiosLine.replace('/usr/local/bin/pp', 'pp'), tempDir()),
      sh(actionsLine, tempDir()),
      twice(baseEnv({ PP_SANDBOX: '1' })),
      twice(baseEnv({ PP_BASE_URL: flappingSandbox.url, PP_API_KEY: 'pp_test_recipe' })),
    ]);
  });
  afterAll(() => flappingSandbox.close());

  it('are there to run', () => {
    expect(mailLine).toMatch(/pp status/);
    expect(changesLine).toMatch(/pp status --changes/);
    expect(textfileLine).toMatch(/pp status --format prometheus --output-file/);
    expect(paginate).toMatch(/pp api .* --paginate \| jq/);
    expect(nagios).toMatch(/command_line/);
    expect(actions).toMatch(/- run: pp status/);
  });

  it('cron: prints (so cron mails) the accounts that need a look, and exits 0', () => {
    expect(cron.code).toBe(0);
    expect(cron.stdout).toMatch(/^ID\s+TYPE/);
    expect(cron.stdout).toContain('acc_demo_instagram_credentials');
    expect(cron.stdout).toMatch(/12 accounts: 7 ok, 1 connecting, 2 action_needed, 2 stopped\n$/);
  });

  it('cron, only what changed: the first run mails every problem as new, then nothing until something changes', () => {
    const [first, second] = changes;
    expect(first!.stdout).toMatch(/^ID\s+TYPE/);
    expect(first!.stdout).toMatch(/^acc_demo_mail_stopped\s+MAIL\s+.*stopped\s+first seen\s+source_stopped/m);
    expect(first!.stderr).toBe(
      '5 new problems; 5 accounts (of 12 in the workspace): 1 connecting, 2 action_needed, 2 stopped\n',
    );
    expect(second).toMatchObject({ stdout: '', stderr: '' }); // cron sends no mail
    const [, changed] = flapping;
    expect(changed!.stdout).toMatch(
      /^acc_demo_gmail\s+GOOGLE_OAUTH\s+.*action_needed\s+now\s+source_credentials\s+ok$/m,
    );
    expect(changed!.stderr).toMatch(
      /^1 new problem; 1 account \(of 12 in the workspace\): 1 action_needed\n$/,
    );
  });

  it('textfile collector: replaces the .prom file whole (pp exits 5: accounts need action), a valid exposition, nothing else', () => {
    expect(textfile.code).toBe(5);
    expect(textfile.stdout).toBe(''); // cron mails nothing
    expect(textfile.stderr).toBe('');
    expect(readdirSync(promDir)).toEqual(['pp.prom']);
    const families = parsePrometheus(readFileSync(join(promDir, 'pp.prom'), 'utf8'));
    expect(families.find((f) => f.name === 'pp_status_success')?.metrics[0]?.value).toBe('1');
    expect(families.find((f) => f.name === 'pp_account_health')?.metrics).toHaveLength(12);
  });

  it('Nagios command: CRITICAL, exit 2', () => {
    expect(check.code).toBe(2);
    expect(check.stdout).toMatch(
      /^PP CRITICAL - default: 5 new problems; 12 accounts: .* \| ok=7 warning=0 /,
    );
  });

  it('GitHub Actions step: fails the job (exit 5) when an account needs action', () => {
    expect(step.code).toBe(5);
  });

  itWith('jq', 'pp api --paginate into jq: the LinkedIn accounts of every page', async () => {
    const r = await sh(paginate, tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('acc_demo_linkedin\nacc_demo_linkedin_seats_disconnected\n');
  });
});

describe('the README’s morning round, against a served sandbox that remembers between commands', () => {
  const round =
    /```sh\n([\s\S]*?)```/.exec(
      readme.split('<!-- morning round: run against the sandbox -->')[1] ?? '',
    )?.[1] ?? '';
  let served: RunningSandbox;
  let run: RunResult;
  const dir = tempDir();
  beforeAll(async () => {
    // on real time: an account comes back 5 s after its link was asked for
    served = await startSandbox({ clock: { now: () => Date.now() } });
    run = await sh(round, dir, baseEnv({ PP_BASE_URL: served.url, PP_API_KEY: 'pp_test_morning' }));
  });
  afterAll(() => served.close());

  it('is there to run: what changed, the links as csv, then the wait', () => {
    expect(round.trim().split('\n')).toEqual([
      expect.stringMatching(/^pp status --changes$/),
      expect.stringMatching(/^pp accounts reconnect --needing --yes --format csv > links\.csv$/),
      expect.stringMatching(/^pp accounts wait \$\(.*links\.csv.*\) --max-wait 2h$/),
    ]);
  });

  it('reports the new problems, writes a link per account that needs its owner, and waits until they are back (exit 0)', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^acc_demo_mail_stopped\s+MAIL\s+.*stopped\s+first seen/m);
    const links = readFileSync(join(dir, 'links.csv'), 'utf8').trim().split('\n');
    expect(links[0]).toBe('account_id,type,name,state,url,expires_at');
    expect(links.slice(1).map((row) => row.split(',')[0])).toEqual([
      'acc_demo_instagram_credentials',
      'acc_demo_mobile_permissions',
      'acc_demo_outlook_error',
      'acc_demo_mail_stopped',
    ]);
    for (const row of links.slice(1))
      expect(row).toMatch(/,https:\/\/sandbox\.postpress\.invalid\/hosted\/[\w-]+,/);
    const back = run.stdout.split('\n').filter((line) => /\sok\s+after \d+ s$/.test(line));
    expect(back.map((line) => line.split(/\s+/)[0]).sort()).toEqual(
      links
        .slice(1)
        .map((row) => row.split(',')[0])
        .sort(),
    );
  });
});
