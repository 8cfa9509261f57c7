// The README's health-check recipes (cron, node_exporter's textfile collector, a Nagios command, a
// GitHub Actions step), taken from the README itself and run by sh against the sandbox, with the
// built pp on PATH: a recipe a user copies must work as written.
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, bin, type RunResult, root, runCommand, tempDir } from '../helpers/run.js';
import { itWith } from '../helpers/tools.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const marked = readme.split('<!-- recipes: run against the sandbox -->')[1] ?? '';
/** The fenced blocks after the marker: the crontab lines, the Nagios command, the Actions step, pp api into jq. */
const [crontab = '', nagios = '', actions = '', paginate = ''] = [
  ...marked.matchAll(/```\w*\n([\s\S]*?)```/g),
]
  .slice(0, 4)
  .map((m) => m[1]!);

/** A folder with `pp` in it (the built bin/pp.js), for PATH, and one to run the recipes in. */
const shims = tempDir('pp-path-');
writeFileSync(join(shims, 'pp'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
chmodSync(join(shims, 'pp'), 0o755);

function sh(command: string, cwd: string) {
  const env = baseEnv({ PP_SANDBOX: '1', PATH: `${shims}:${process.env.PATH}` });
  return runCommand('/bin/sh', ['-c', command], { env, cwd });
}

/** A crontab line's command: what follows the five time fields. */
const cronCommand = (line: string) => line.replace(/^(\S+\s+){5}/, '');

describe('the README’s health-check recipes, against the sandbox', () => {
  const [mailLine = '', textfileLine = ''] = crontab.trim().split('\n');
  const promDir = tempDir();
  let cron: RunResult;
  let textfile: RunResult;
  let check: RunResult;
  let step: RunResult;
  // the four at once: each is a process or two, so this costs the slowest, not the sum
  beforeAll(async () => {
    const nagiosLine = /command_line\s+(.+)/.exec(nagios)?.[1] ?? '';
    const actionsLine = /- run: (.+)/.exec(actions)?.[1] ?? '';
    [cron, textfile, check, step] = await Promise.all([
      sh(cronCommand(mailLine), tempDir()),
      sh(
        cronCommand(textfileLine).replace(/\/var\/lib\/node_exporter\/textfile_collector/, promDir),
        tempDir(),
      ),
      sh(nagiosLine.replace('/usr/local/bin/pp', 'pp'), tempDir()),
      sh(actionsLine, tempDir()),
    ]);
  });

  it('are there to run', () => {
    expect(mailLine).toMatch(/pp status/);
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
    expect(check.stdout).toMatch(/^PP CRITICAL - default: 12 accounts: .* \| ok=7 warning=0 /);
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
