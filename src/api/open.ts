// The API client for a command: against the in-process sandbox with --sandbox, else the base URL.
// Imported statically by the commands that talk to the API, so their start-up loads it alongside
// them rather than in one more round of module loading.
import type { Context } from '../context.js';
import type { RunningSandbox } from '../sandbox/server.js';
import { type Client, type ClientOptions, createClient } from './client.js';
import type { RateGate } from './gate.js';

/** The in-process sandbox of each command run: one, so that it remembers between the run's requests. */
const sandboxes = new WeakMap<Context, Promise<RunningSandbox>>();

function sandboxOf(ctx: Context): Promise<RunningSandbox> {
  let running = sandboxes.get(ctx);
  if (!running) {
    // on the command's clock: a test's fake clock moves the sandbox's time too. Loaded only here:
    // its modules (the server, the generated workspace, the actions) are nothing a run against the
    // API needs at start-up.
    running = import('../sandbox/server.js').then(({ startSandbox }) => startSandbox({ clock: ctx.clock }));
    sandboxes.set(ctx, running);
    running.then(
      (sandbox) => {
        ctx.onCleanup(sandbox.close);
        ctx.verbose(`sandbox: serving on ${sandbox.url}`);
      },
      () => {},
    );
  }
  return running;
}

/** The base URL requests go to: the in-process sandbox's with --sandbox, else the setting's. */
export async function apiBaseUrl(ctx: Context): Promise<string> {
  return ctx.sandbox ? (await sandboxOf(ctx)).url : ctx.settings.baseUrl(ctx.globals.baseUrl).value;
}

/**
 * A bulk run passes its shared rate-limit gate, so every request of the run waits on the same view
 * of 429s. `signal` stops the client's requests and waits instead of Ctrl-C alone (a bounded wait
 * passes one that also fires at its deadline).
 */
export async function openClient(
  ctx: Context,
  opts: {
    gate?: RateGate;
    retries?: number;
    observe?: ClientOptions['observe'];
    apiKey?: string;
    signal?: AbortSignal;
  } = {},
): Promise<Client> {
  // `config set-key` and `pp doctor` check a key they are given
  const key = opts.apiKey ?? (await ctx.apiKey()).value;
  const baseUrl = await apiBaseUrl(ctx);
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
    signal: opts.signal ?? ctx.signal,
    clock: ctx.clock,
    gate: opts.gate,
    observe: opts.observe,
  });
}
