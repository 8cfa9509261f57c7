// A body with a field nested thousands of levels deep: pp prints it (for a person, past 64 levels
// as "…"; with --json, on one line once indenting it would grow too large) and never overflows the
// stack into exit 1.
import { describe, expect, it } from 'vitest';
import { answer, FaultServer, linkedinProfile } from '../helpers/fault-server.js';
import { pp } from '../helpers/pp.js';
import { baseEnv } from '../helpers/run.js';

const STACK = /\n\s+at .+:\d+:\d+/;

const server = FaultServer.forTests();

const run = (args: string[]) =>
  pp(['--base-url', server.origin, ...args], { env: baseEnv({ PP_API_KEY: 'pp_live_DeepTestKey0123' }) });

const nested = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
const withExtra = (head: string, depth: number) => `${head.slice(0, -1)},"extra":${nested(depth)}}`;
const linkedin = (depth: number) => withExtra(JSON.stringify(linkedinProfile()), depth);

async function timed(args: string[]) {
  const started = performance.now();
  const r = await run(args);
  const ms = performance.now() - started;
  expect(r.stderr).not.toMatch(STACK);
  expect(r.code).toBe(0);
  expect(ms).toBeLessThan(3000);
  return r;
}

describe.each([3_000, 20_000])('a field nested %i levels', (depth) => {
  it('whoami for a person', async () => {
    server.script(answer(200, linkedin(depth)));
    const r = await timed(['whoami', 'acc_1']);
    expect(r.stdout).toContain('Ada');
  });

  it('profile for a person, a provider pp does not know (every field shown)', async () => {
    server.script(answer(200, withExtra('{"provider":"NEWTHING","name":"Ada"}', depth)));
    const r = await timed(['profile', 'acc_1']);
    expect(r.stdout).toContain('…');
  });

  it('whoami --json: the body as sent, on one line when indenting would grow too large', async () => {
    server.script(answer(200, linkedin(depth)));
    const r = await timed(['--json', 'whoami', 'acc_1']);
    expect(r.stdout.trim()).toBe(linkedin(depth));
  });

  it('whoami --json, a provider pp does not know', async () => {
    server.script(answer(200, withExtra('{"provider":"NEWTHING","name":"Ada"}', depth)));
    await timed(['--json', 'whoami', 'acc_1']);
  });

  it('profile of many (NDJSON)', async () => {
    server.script(answer(200, linkedin(depth)));
    const r = await timed(['--json', 'profile', 'acc_1', 'acc_2']);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('accounts (NDJSON) and accounts show', async () => {
    const item = withExtra('{"id":"acc_1","type":"LINKEDIN","name":"Ada","sources":[]}', depth);
    server.script(answer(200, `{"items":[${item}]}`));
    const list = await timed(['--json', 'accounts']);
    expect(JSON.parse(list.stdout)).toMatchObject({ account_id: 'acc_1' });
    server.script(answer(200, item));
    await timed(['--json', 'accounts', 'show', 'acc_1']);
    await timed(['accounts', 'show', 'acc_1']);
  });
});

it('a small nested body is still indented', async () => {
  server.script(answer(200, linkedin(3)));
  const r = await timed(['--json', 'whoami', 'acc_1']);
  expect(r.stdout).toContain('\n  "extra": {\n    "a": [\n');
});
