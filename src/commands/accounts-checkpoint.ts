// `pp accounts checkpoint <id>`: solves a 2FA or one-time-code checkpoint of a LinkedIn, Instagram,
// Twitter or Messenger account (`POST /api/v1/accounts/checkpoint`): the code is asked on a
// terminal (not echoed), read from standard input otherwise, or given with --code; then pp says
// whether the account is connected. --resend has the code sent again; --another-way asks the
// provider for another kind of checkpoint. A wrong code is exit 5, whatever the HTTP status the
// server gives it, and the account keeps its checkpoint. The code is never shown: not in a --verbose
// line (bodies are never logged), and not in an error, should the server quote it.

import { sourcesOf } from '../api/account.js';
import { checkpointProviders, resendCheckpoint, solveCheckpoint, TRY_ANOTHER_WAY } from '../api/actions.js';
import { openClient } from '../api/open.js';
import type { Context } from '../context.js';
import { ExitCode, PpError, toPpError, usageError } from '../errors.js';
import { healthOf } from '../health.js';
import { reindent } from '../output/json.js';
import { readAll, readHidden } from '../output/prompt.js';
import { showable } from '../output/showable.js';
import { defineCommand, examples } from './command.js';

/** No checkpoint code is this long: standard input holds something else. */
const MAX_CODE = 256;

export default defineCommand({
  path: ['accounts', 'checkpoint'],
  define: (cmd) =>
    cmd
      .description('solve a 2FA or one-time-code checkpoint: the code asked (not shown) or piped in')
      .argument('<account_id>', 'the account at a checkpoint')
      .option('--code <code>', 'the code (else asked on a terminal, or read from standard input)')
      .option('--resend', 'have the code sent to the owner again')
      .option('--another-way', 'ask the provider for another kind of checkpoint')
      .addHelpText(
        'after',
        `${examples(
          'pp accounts checkpoint acc_…',
          'pp --sandbox accounts checkpoint acc_demo_instagram_credentials',
          'printf %s "$CODE" | pp accounts checkpoint acc_…',
          'pp accounts checkpoint acc_… --resend',
        )}
Exit: 0 the code was taken, 5 a wrong code (the account
keeps its checkpoint), 7 no checkpoint pending, 8 not a
LinkedIn, Instagram, Twitter or Messenger account.
`,
      ),
  async run(ctx, opts, argument) {
    const accountId = argument.trim();
    if (accountId === '')
      throw usageError('the account id argument is empty', 'Pass an account id such as acc_….');
    const given = [
      opts.code !== undefined && '--code',
      opts.resend && '--resend',
      opts.anotherWay && '--another-way',
    ];
    const chosen = given.filter(Boolean);
    if (chosen.length > 1)
      throw usageError(`${chosen.join(' and ')} do not go together`, 'Give one of them.');
    const client = await openClient(ctx);
    // the account's type is the provider the checkpoint names
    const { data: account } = await client.fetchAccount(accountId);
    const provider = typeof account.type === 'string' ? account.type : '';
    if (!checkpointProviders.has(provider)) {
      throw new PpError({
        exitCode: ExitCode.rejected,
        message: `${accountId} is ${provider ? `a ${provider}` : 'an'} account: checkpoints are solved for LinkedIn, Instagram, Twitter and Messenger accounts`,
        hint: `To reconnect it, send its owner a link: \`${ctx.ppCommand(`accounts reconnect ${accountId}`)}\`.`,
        accountId,
      });
    }
    if (opts.resend) {
      const { sent, body } = await wrongCodeHint(ctx, accountId, () =>
        resendCheckpoint(client, { accountId, provider }),
      );
      if (!sent)
        throw new PpError({
          exitCode: ExitCode.rejected,
          message: `the provider did not send the code for ${accountId} again`,
          hint: `Ask for another kind of check with \`${ctx.ppCommand(`accounts checkpoint ${accountId} --another-way`)}\`, or reconnect it: \`${ctx.ppCommand(`accounts reconnect ${accountId}`)}\`.`,
          accountId,
        });
      return result(
        ctx,
        body,
        `A new code is on its way to the owner of ${accountId}; then run \`${ctx.ppCommand(`accounts checkpoint ${accountId}`)}\`.`,
      );
    }
    const code = opts.anotherWay ? TRY_ANOTHER_WAY : await readCode(ctx, accountId, opts.code);
    const answer = await wrongCodeHint(
      ctx,
      accountId,
      () => solveCheckpoint(client, { accountId, provider, code }),
      code,
    );
    if (answer.another) {
      const kind = answer.another.type ? ` (${showable(ctx.io, answer.another.type)})` : '';
      return result(
        ctx,
        answer.body,
        `The provider asks ${accountId}'s owner for another check${kind}: run \`${ctx.ppCommand(`accounts checkpoint ${accountId}`)}\` with its code.`,
      );
    }
    // whether it is connected now: the account as postpress sees it after the code
    const { data } = await client.fetchAccount(accountId);
    const health = healthOf({ sources: sourcesOf(data) });
    const now =
      health.state === 'ok'
        ? `${accountId} is connected (ok).`
        : health.state === 'connecting'
          ? `${accountId} is connecting: \`${ctx.ppCommand(`accounts wait ${accountId}`)}\` says when it is back.`
          : `${accountId} is still ${health.state}: ${health.reasons.map((r) => r.text).join(' ')}`;
    return result(ctx, answer.body, `Checkpoint solved. ${now}`);
  },
});

/** The answer as received with --json; the sentence for a person otherwise. */
async function result(ctx: Context, body: string, sentence: string): Promise<number> {
  await ctx.io.out(ctx.globals.json ? `${reindent(body, ctx.io).text}\n` : `${sentence}\n`);
  return ExitCode.ok;
}

/** The code: --code, else a hidden prompt on a terminal, else standard input (its first line). */
async function readCode(ctx: Context, accountId: string, given: string | undefined): Promise<string> {
  let code: string;
  const stdin = ctx.io.stdin;
  if (given !== undefined) code = given;
  else if (stdin.isTTY)
    code = await readHidden(ctx.io, stdin, `Code for ${accountId} (it will not be shown): `);
  else {
    const text = await readAll(stdin, MAX_CODE, () =>
      usageError(
        `standard input holds more than ${MAX_CODE} characters: that is no checkpoint code`,
        `Pipe the code alone: printf %s "$CODE" | pp accounts checkpoint ${accountId}`,
      ),
    );
    code = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  }
  code = code.trim();
  if (code === '')
    throw usageError(
      'no checkpoint code given',
      stdin.isTTY || given !== undefined
        ? `Type the code the owner received, or \`${ctx.ppCommand(`accounts checkpoint ${accountId} --resend`)}\` for a new one.`
        : `Pipe the code in: printf %s "$CODE" | pp accounts checkpoint ${accountId} (or run it in a terminal to be asked).`,
    );
  if (/\s/.test(code)) throw usageError('a checkpoint code has no spaces in it', 'Type the code alone.');
  return code;
}

/**
 * The request, with its failures said in the words of a checkpoint: a wrong code is exit 5 whatever
 * its HTTP status (the account keeps its checkpoint), a checkpoint that ran out or that is not
 * there says to reconnect, and no error repeats the code.
 */
async function wrongCodeHint<T>(
  ctx: Context,
  accountId: string,
  request: () => Promise<T>,
  code?: string,
): Promise<T> {
  try {
    return await request();
  } catch (err) {
    const error = toPpError(err);
    // the code as a word of its own (a server may quote it), not the digits of "HTTP 401"
    const quoted =
      code && code !== TRY_ANOTHER_WAY
        ? new RegExp(
            `(?<![\\p{L}\\p{N}])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
            'gu',
          )
        : undefined;
    const hide = (text: string | undefined) => (quoted && text ? text.replace(quoted, '••••••') : text);
    const again = `run \`${ctx.ppCommand(`accounts checkpoint ${accountId}`)}\` again with the latest code, or \`--resend\` for a new one (\`--another-way\` for another kind of check)`;
    if (error.type === 'errors/invalid_checkpoint_solution')
      throw error.with({
        exitCode: ExitCode.disconnected,
        message: hide(`the code was not accepted for ${accountId} (${error.type}, HTTP ${error.status})`)!,
        detail: hide(error.detail),
        hint: `${accountId} keeps its checkpoint: ${again}.`,
      });
    if (error.type === 'errors/expired_link' || error.exitCode === ExitCode.notFound)
      throw error.with({
        message: hide(error.message)!,
        detail: hide(error.detail),
        hint: `No checkpoint of ${accountId} is pending (it ran out, or was solved): reconnect it with \`${ctx.ppCommand(`accounts reconnect ${accountId}`)}\`.`,
      });
    throw error.with({ message: hide(error.message)!, detail: hide(error.detail) });
  }
}
