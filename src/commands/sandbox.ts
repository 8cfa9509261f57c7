import type { Context } from '../context.js';

export interface SandboxCommandOptions {
  port: number;
  latency: number;
  rateLimit?: number;
}

/** `pp sandbox`: serves the built-in API on 127.0.0.1 until interrupted. */
export async function sandbox(ctx: Context, opts: SandboxCommandOptions): Promise<number> {
  const { startSandbox } = await import('../sandbox/server.js');
  let running: Awaited<ReturnType<typeof startSandbox>>;
  try {
    running = await startSandbox({ port: opts.port, latencyMs: opts.latency, rateLimit: opts.rateLimit });
  } catch (err) {
    const { usageError } = await import('../errors.js');
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
  const stopped = await new Promise<'interrupt' | 'terminate'>((resolve) => {
    ctx.signal.addEventListener('abort', () => resolve('interrupt'), { once: true });
    process.once('SIGTERM', () => resolve('terminate'));
  });
  await running.close();
  return stopped === 'interrupt' ? 130 : 0;
}
