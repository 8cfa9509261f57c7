// The hints say the command (issue 22): where the health model says to reconnect the account or to
// solve its checkpoint, pp status, many-account pp profile, pp accounts show and whoami's errors
// name the pp command that does it, with the account's id and the flags this run was given.
import { describe, expect, it } from 'vitest';
import { fixCommands } from '../../src/health.js';
import { account, api, KEY } from '../helpers/api.js';
import { FaultServer, json } from '../helpers/fault-server.js';
import { pp } from '../helpers/pp.js';
import { baseEnv } from '../helpers/run.js';

const server = FaultServer.forTests();

const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const adviceOf = (stdout: string) => plain(stdout).split('\nWHAT TO DO\n')[1] ?? '';

describe('fixCommands', () => {
  it('names pp accounts reconnect with the ids, --needing past ten of them', () => {
    expect(fixCommands('source_error', ['acc_a', 'acc_b'])).toEqual(['pp accounts reconnect acc_a acc_b']);
    const eleven = Array.from({ length: 11 }, (_, i) => `acc_${i}`);
    expect(fixCommands('errors/disconnected_account', eleven)).toEqual(['pp accounts reconnect --needing']);
    expect(fixCommands('no_source', ['acc_a'], 40)).toEqual(['pp accounts reconnect --needing']);
  });

  it('names pp accounts checkpoint one account at a time, and both for credentials', () => {
    expect(fixCommands('errors/invalid_checkpoint_solution', ['acc_a', 'acc_b'])).toEqual([
      'pp accounts checkpoint acc_a',
      'pp accounts checkpoint acc_b',
    ]);
    expect(fixCommands('source_credentials', ['acc_a'], 1, 'pp --sandbox')).toEqual([
      'pp --sandbox accounts reconnect acc_a',
      'pp --sandbox accounts checkpoint acc_a',
    ]);
  });

  it('names nothing where pp cannot do it: a stopped source, a seat, a refused key', () => {
    for (const code of ['source_stopped', 'recruiter_disconnected', 'errors/invalid_credentials', 'network'])
      expect(fixCommands(code, ['acc_a'])).toEqual([]);
  });
});

describe('pp status names the command after WHAT TO DO', () => {
  it('with the flags of this run (--base-url, --profile is the same)', async () => {
    server.script(
      api({ accounts: [account('acc_err', 'ERROR'), account('acc_perm', 'PERMISSIONS'), account('acc_ok')] }),
    );
    const r = await pp(['--base-url', server.origin, 'status'], { env: baseEnv({ PP_API_KEY: KEY }) });
    expect(r.code).toBe(5);
    const advice = adviceOf(r.stdout);
    expect(advice).toContain(`    $ pp --base-url ${server.origin} accounts reconnect acc_err\n`);
    expect(advice).toContain(`    $ pp --base-url ${server.origin} accounts reconnect acc_perm\n`);
  });

  it('one command for every account of a reason', async () => {
    server.script(json({ items: [account('acc_1', 'ERROR'), account('acc_2', 'ERROR')], cursor: null }));
    const r = await pp(['--base-url', server.origin, 'status'], { env: baseEnv({ PP_API_KEY: KEY }) });
    expect(adviceOf(r.stdout)).toContain(`accounts reconnect acc_1 acc_2\n`);
  });

  it('--json keeps the health model as it is: a reason is {code, text}, no command added', async () => {
    const r = await pp(['--sandbox', '--json', 'status', 'acc_demo_mail_stopped', 'acc_demo_outlook_error']);
    for (const line of r.stdout.trim().split('\n'))
      for (const reason of JSON.parse(line).health.reasons)
        expect(Object.keys(reason)).toEqual(['code', 'text']);
  });
});

describe('many-account pp profile names it too', () => {
  it('reconnect for a disconnected account, checkpoint for a wrong checkpoint code', async () => {
    const r = await pp([
      '--sandbox',
      'profile',
      'acc_demo_linkedin',
      'acc_error_disconnected_account',
      'acc_error_invalid_checkpoint_solution',
    ]);
    const advice = adviceOf(r.stdout);
    expect(advice).toContain('    $ pp --sandbox accounts reconnect acc_error_disconnected_account\n');
    expect(advice).toContain(
      '    $ pp --sandbox accounts checkpoint acc_error_invalid_checkpoint_solution\n',
    );
  });
});

describe('pp accounts show names it beside the state', () => {
  it('reconnect, and checkpoint for credentials', async () => {
    const r = await pp(['--sandbox', 'accounts', 'show', 'acc_demo_instagram_credentials']);
    expect(plain(r.stdout)).toContain(
      [
        '  State     action_needed',
        '  Fix with  pp --sandbox accounts reconnect acc_demo_instagram_credentials',
        '            pp --sandbox accounts checkpoint acc_demo_instagram_credentials',
      ].join('\n'),
    );
  });

  it('wait, then reconnect if it lasts, for a connecting one; nothing for an account that is ok or stopped', async () => {
    const connecting = await pp(['--sandbox', 'accounts', 'show', 'acc_demo_whatsapp_connecting']);
    expect(connecting.stdout).toContain('Fix with  pp --sandbox accounts wait acc_demo_whatsapp_connecting');
    for (const id of ['acc_demo_gmail', 'acc_demo_mail_stopped'])
      expect((await pp(['--sandbox', 'accounts', 'show', id])).stdout).not.toContain('Fix with');
  });
});

describe('an error about an account names the command in its hint (whoami, profile)', () => {
  it.each([
    ['acc_error_disconnected_account', 'accounts reconnect', 'makes a link its owner opens to reconnect it'],
    ['acc_error_expired_credentials', 'accounts reconnect', 'makes a link its owner opens'],
    ['acc_error_invalid_checkpoint_solution', 'accounts checkpoint', 'sends the code its owner received'],
  ])('%s: `pp --sandbox %s …`', async (id, command, words) => {
    const r = await pp(['--sandbox', 'whoami', id]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(new RegExp(`hint: .*\`pp --sandbox ${command} ${id}\` ${words}`));
  });

  it('none for an error pp cannot fix (a refused key, not found)', async () => {
    for (const id of ['acc_error_invalid_credentials', 'acc_error_resource_not_found'])
      expect((await pp(['--sandbox', 'whoami', id])).stderr).not.toMatch(
        /pp --sandbox accounts (reconnect|checkpoint|wait|resync)/,
      );
  });
});
