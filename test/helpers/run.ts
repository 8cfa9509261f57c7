// Runs pp as a test needs it: in this process through run() (runPp, most tests), or the built
// bin/pp.js as a child process with its own environment (spawnPp: what only a process shows).
// Both use a fresh config folder and capture standard output, standard error and the exit code.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: opts.env ?? baseEnv(),
      cwd: opts.cwd ?? root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // the child may exit before reading
    child.stdin.end(opts.input ?? '');
  });
}
