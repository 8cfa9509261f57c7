// The API client for a command: against the in-process sandbox with --sandbox, else the base URL.
// Imported statically by the commands that talk to the API, so their start-up loads it alongside
// them rather than in one more round of module loading.
import type { Context } from '../context.js';
import { type Client, createClient } from './client.js';
import type { RateGate } from './gate.js';

/** A bulk run passes its shared rate-limit gate, so every request of the run waits on the same view of 429s. */
export async function openClient(
  ctx: Context,
  opts: { gate?: RateGate; apiKey?: string } = {},
): Promise<Client> {
  // `config set-key` checks the key it is given, not the one stored
  const key = opts.apiKey === undefined ? await ctx.apiKey() : { value: opts.apiKey };
  let baseUrl: string;
  if (ctx.sandbox) {
    const { startSandbox } = await import('../sandbox/server.js');
    const sandbox = await startSandbox();
    ctx.onCleanup(sandbox.close);
    baseUrl = sandbox.url;
    ctx.verbose(`sandbox: serving on ${baseUrl}`);
  } else {
    baseUrl = ctx.settings.baseUrl(ctx.globals.baseUrl).value;
  }
  return createClient({
    baseUrl,
    apiKey: key.value,
    conceal: (text) => ctx.io.redact(text), // ctx.apiKey() registered the key with the Io
    timeoutMs: ctx.globals.timeout * 1000,
    retries: ctx.globals.retries,
    userAgent: `pp/${ctx.version} node/${process.versions.node}`,
    env: ctx.env,
    log: ctx.globals.verbose ? (line) => ctx.verbose(line) : undefined,
    signal: ctx.signal,
    clock: ctx.clock,
    gate: opts.gate,
  });
}
