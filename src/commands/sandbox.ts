// `pp sandbox`: serves the built-in API on 127.0.0.1 until interrupted.
import { Option } from '@commander-js/extra-typings';
import { terminatedBy } from '../deps.js';
import { ExitCode, usageError } from '../errors.js';
import { generatedId, sandboxWorkspace } from '../sandbox/accounts.js';
import { sandboxIdsHelp } from '../sandbox/ids.js';
import { startSandbox } from '../sandbox/server.js';
import { defineCommand, examples, integer } from './command.js';

/** --flap, as often as given. */
const more = (value: string, previous: string[]): string[] => [...previous, value.trim()];

export default defineCommand({
  path: ['sandbox'],
  define: (cmd) =>
    cmd
      .description('serve the built-in sandbox API on 127.0.0.1 until interrupted')
      .option('--port <n>', 'the port (0 picks a free one)', integer('--port', 0, 65535), 0)
      .option(
        '--latency <ms>',
        'delay every answer by this many milliseconds',
        integer('--latency', 0, 60000),
        0,
      )
      .addOption(
        new Option('--rate-limit <n>', 'answer 429 beyond n requests per second').argParser(
          integer('--rate-limit', 1, 100000),
        ),
      )
      .option(
        '--accounts <n>',
        'add n generated accounts to the accounts list (acc_gen_000001...)',
        integer('--accounts', 0, 1_000_000),
        0,
      )
      .option(
        '--flap <account_id>',
        'this account of the list changes state each time the list is read (again for more)',
        more,
        [],
      )
      .addHelpText(
        'after',
        examples(
          'pp sandbox --port 8787',
          'pp sandbox --port 8787 --accounts 100000',
          'pp sandbox --port 8787 --flap acc_demo_gmail',
          'PP_BASE_URL=http://127.0.0.1:8787 PP_API_KEY=pp_test_x pp whoami --account acc_demo_gmail',
        ),
      )
      .addHelpText(
        'after',
        `
Account actions: a reconnect link for any account of the
list, which comes back (OK) 5 s later;
acc_demo_whatsapp_connecting comes back 5 s after the
start; acc_demo_linkedin and acc_demo_telegram resync in
four steps; acc_demo_instagram_credentials's checkpoint
takes 123456. It remembers them until it stops.
`,
      )
      // generated from the sandbox when the help is shown
      .addHelpText('after', () => `\nAccount ids:\n${sandboxIdsHelp()}`),
  async run(ctx, opts) {
    const listed = sandboxWorkspace(opts.accounts);
    for (const id of opts.flap) {
      if (!listed.find(id))
        throw usageError(
          `--flap ${JSON.stringify(id)}: no such account in the sandbox's list`,
          'Give an id of the list (pp --sandbox accounts), e.g. acc_demo_gmail.',
        );
    }
    let running: Awaited<ReturnType<typeof startSandbox>>;
    try {
      running = await startSandbox({
        port: opts.port,
        latencyMs: opts.latency,
        rateLimit: opts.rateLimit,
        accounts: opts.accounts,
        flap: opts.flap,
        // accounts come back on real time: a link's account 5 s after it, the connecting one 5 s in
        clock: ctx.clock,
      });
    } catch (err) {
      throw usageError(
        `cannot listen on 127.0.0.1:${opts.port} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        'Pick another --port, or 0 for any free one.',
      );
    }
    await ctx.io.out(`${running.url}\n`);
    ctx.io.err(
      `Sandbox API on ${running.url} (Ctrl-C to stop). Try:\n` +
        `  PP_BASE_URL=${running.url} PP_API_KEY=pp_test_anything pp whoami --account acc_demo_linkedin\n`,
    );
    if (opts.latency) ctx.io.err(`  latency ${opts.latency} ms per request\n`);
    if (opts.rateLimit) ctx.io.err(`  at most ${opts.rateLimit} requests per second, then 429\n`);
    for (const id of opts.flap) ctx.io.err(`  ${id} changes state each time the list is read\n`);
    if (opts.accounts) {
      const range = `${generatedId(1)} to ${generatedId(opts.accounts)}`;
      ctx.io.err(`  ${opts.accounts} generated accounts in the list, ${range}\n`);
    }
    await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
    await running.close();
    // a service asked to stop (SIGTERM, as systemd does) has done its work; Ctrl-C interrupted it
    return terminatedBy(ctx.signal) ? 0 : ExitCode.interrupted;
  },
});
