// `pp config set-key-command`: the key is what a command prints (`op read …`, `pass show …`). It runs
// through /bin/sh only when a key is needed, with a time limit and a cap on what it may print, and
// its output is never shown: a failure names the command and its exit status, nothing it printed.
import { builtin } from '../builtin.js';
import type { Clock, Env } from '../deps.js';
import { configError, interrupted, type PpError } from '../errors.js';
import { keyShape } from '../key.js';
import { neutralize } from '../output/showable.js';

export const KEY_COMMAND_LIMIT_MS = 10_000;
/** Far beyond any key; past it the command is printing something else and is stopped. */
export const KEY_COMMAND_MAX_BYTES = 64 * 1024;

export interface KeyCommandOptions {
  env: Env;
  clock: Clock;
  signal: AbortSignal;
  limitMs?: number;
  maxBytes?: number;
}

const failed = (command: string, what: string): PpError =>
  configError(
    `the key command \`${neutralize(command)}\` ${what}`,
    'Run the command yourself to see why (pp never shows its output), or store another with `pp config set-key-command`.',
  );

/** Runs `command` and returns its output, the trailing newline trimmed; every failure is exit 3. */
export function runKeyCommand(command: string, opts: KeyCommandOptions): Promise<string> {
  const limitMs = opts.limitMs ?? KEY_COMMAND_LIMIT_MS;
  const maxBytes = opts.maxBytes ?? KEY_COMMAND_MAX_BYTES;
  return new Promise((resolve, reject) => {
    // its own process group, so that stopping it stops what it started too (`sh -c 'op read …'`)
    // child_process (~2 ms) loads only when a key command runs
    const child = builtin('node:child_process').spawn('/bin/sh', ['-c', command], {
      env: { ...opts.env },
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stopped: 'time' | 'size' | 'interrupt' | undefined;
    const stop = (why: typeof stopped) => {
      stopped ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already: the child alone, if still there
      }
    };
    const timer = new AbortController();
    opts.clock.sleep(limitMs, timer.signal).then(
      () => stop('time'),
      () => {},
    );
    const onAbort = () => stop('interrupt');
    opts.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) stop('size');
      else chunks.push(chunk);
    });
    child.on('error', (err) => {
      timer.abort();
      reject(failed(command, `could not start (${(err as NodeJS.ErrnoException).code ?? err.message})`));
    });
    child.on('close', (code, signal) => {
      timer.abort();
      opts.signal.removeEventListener('abort', onAbort);
      if (stopped === 'interrupt') return reject(interrupted());
      if (stopped === 'time')
        return reject(failed(command, `did not finish within ${limitMs / 1000} s and was stopped`));
      if (stopped === 'size')
        return reject(failed(command, `printed more than ${maxBytes / 1024} KB, which is no API key`));
      if (code !== 0)
        return reject(
          failed(command, code === null ? `was killed by ${signal}` : `exited with status ${code}`),
        );
      const key = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
      if (key === '') return reject(failed(command, 'exited with status 0 but printed nothing'));
      if (!keyShape.test(key)) {
        return reject(
          failed(
            command,
            'exited with status 0 but printed more than a key (spaces, several lines or control characters)',
          ),
        );
      }
      resolve(key);
    });
  });
}
