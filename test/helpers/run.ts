// Runs pp as a test needs it: in this process through run() (runPp, most tests), or the built
// bin/pp.js as a child process with its own environment (spawnPp: what only a process shows;
// startPp: one the test signals or feeds while it runs).
// Both use a fresh config folder and capture standard output, standard error and the exit code.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { baseEnv } from './env.js';

// where most tests have always found them
export { baseEnv, tempDir } from './env.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin/pp.js');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  /** Kill the child after this long (a test should never hang). */
  timeoutMs?: number;
  cwd?: string;
}

/** pp in this process, through run(): the streams in memory, standard input from `input`. */
export async function runPp(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const { pp } = await import('./pp.js');
  const result = await pp(args, { env: opts.env ?? baseEnv(), input: opts.input ?? '' });
  return { ...result, signal: null };
}

/** The built bin/pp.js in a child process. */
export function spawnPp(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runCommand(process.execPath, [bin, ...args], opts);
}

/** Any command (e.g. a bash pipeline around pp), with the same capture and time limit as runPp. */
export function runCommand(file: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return startCommand(file, args, opts).done;
}

/** A child process started and not yet waited for. */
export interface Started {
  /** To signal it, write to its standard input, or watch its output as it comes. */
  child: ChildProcessWithoutNullStreams;
  /** What it has printed so far. */
  printed(): { stdout: string; stderr: string };
  /** Its end, with all it printed. */
  done: Promise<RunResult>;
}

/** The built bin/pp.js in a child process that a test signals or feeds while it runs. */
export function startPp(args: string[], opts: StartOptions = {}): Started {
  return startCommand(process.execPath, [bin, ...args], opts);
}

export interface StartOptions extends RunOptions {
  /** Leave standard input open for the test to write (else it gets `input`, then its end). */
  openStdin?: boolean;
}

/** Any command, captured, killed after `timeoutMs` (20 s) so that a test never hangs. */
export function startCommand(file: string, args: string[], opts: StartOptions = {}): Started {
  const child = spawn(file, args, { env: opts.env ?? baseEnv(), cwd: opts.cwd ?? root, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  child.stdin.on('error', () => {}); // the child may exit before reading
  if (!opts.openStdin) child.stdin.end(opts.input ?? '');
  return { child, printed: () => ({ stdout, stderr }), done };
}

/** `pp sandbox` on a free port in a process of its own, once it serves: its base URL, its first line. */
export async function serveSandbox(args: string[] = []): Promise<Started & { url: string }> {
  // it lives as long as the tests that use it: the time limit only keeps a stray one from staying
  const started = startPp(['sandbox', '--port', '0', ...args], { timeoutMs: 120_000 });
  const url = await new Promise<string>((resolve, reject) => {
    started.child.stdout.on('data', () => {
      const out = started.printed().stdout;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    started.done.then((r) => reject(new Error(`pp sandbox exited ${r.code}: ${r.stderr}`)), reject);
  });
  return { ...started, url };
}

/**
 * A `pp sandbox` process for the tests of the describe block (or file) this is called in, started
 * before them and stopped with Ctrl-C after: its base URL, once they run.
 */
export function servedSandbox(): { url(): string } {
  let served: (Started & { url: string }) | undefined;
  beforeAll(async () => {
    served = await serveSandbox();
  });
  afterAll(async () => {
    served?.child.kill('SIGINT');
    await served?.done;
  });
  return {
    url: () => {
      if (!served) throw new Error('the sandbox is served only while the tests run');
      return served.url;
    },
  };
}
