// The API client for a command: against the in-process sandbox with --sandbox, else the base URL.
// Imported statically by the commands that talk to the API, so their start-up loads it alongside
// them rather than in one more round of module loading.
import type { Context } from '../context.js';
import { startSandbox } from '../sandbox/server.js';
import { type Client, type ClientOptions, createClient } from './client.js';
import type { RateGate } from './gate.js';

/** A bulk run passes its shared rate-limit gate, so every request of the run waits on the same view of 429s. */
export async function openClient(
  ctx: Context,
  opts: { gate?: RateGate; retries?: number; observe?: ClientOptions['observe']; apiKey?: string } = {},
): Promise<Client> {
  // `config set-key` and `pp doctor` check a key they are given
  const key = opts.apiKey ?? (await ctx.apiKey()).value;
  let baseUrl: string;
  if (ctx.sandbox) {
    const sandbox = await startSandbox();
    ctx.onCleanup(sandbox.close);
    baseUrl = sandbox.url;
    ctx.verbose(`sandbox: serving on ${baseUrl}`);
  } else {
    baseUrl = ctx.settings.baseUrl(ctx.globals.baseUrl).value;
  }
  return createClient({
    baseUrl,
    apiKey: key,
    conceal: (text) => ctx.io.redact(text), // ctx.apiKey() registered the key with the Io
    timeoutMs: ctx.globals.timeout * 1000,
    retries: opts.retries ?? ctx.globals.retries,
    userAgent: `pp/${ctx.version} node/${process.versions.node}`,
    env: ctx.env,
    log: ctx.globals.verbose ? (line) => ctx.verbose(line) : undefined,
    // a person at a terminal hears of each retry as it happens; a run of many has its progress line
    notice:
      ctx.io.stderr.isTTY && !opts.gate && !ctx.globals.verbose
        ? (line) => ctx.io.err(`pp: ${line}\n`)
        : undefined,
    signal: ctx.signal,
    clock: ctx.clock,
    gate: opts.gate,
    observe: opts.observe,
  });
}
