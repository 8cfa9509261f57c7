// What the benchmark scripts share: the minimal environment every measured process runs in, `pp
// sandbox` in a child process, and a child process measured for wall time and peak memory.
//
// Why a minimal environment: these machines export NODE_EXTRA_CA_CERTS (the system bundle), which
// makes every Node process parse ~200 certificates at start: `node -e 0` takes 80–130 ms with it
// and 32–42 ms without. Added to both sides of a ratio, that constant hides a regression; most
// users' shells do not set it. So a measured process gets PATH and HOME, and the PP_* variables
// the bench sets — nothing else of the shell that runs the bench.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = join(root, 'bin/pp.js');
export const work = mkdtempSync(join(tmpdir(), 'pp-bench-'));

/** The only variables a measured process inherits from the shell. */
export const inherited = ['PATH', 'HOME'];

/** PATH and HOME from the shell, then `extra` (the PP_* variables of a case). */
export function minimalEnv(extra = {}) {
  const env = {};
  for (const name of inherited) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

/** The header line that says what the measured processes ran with, and what was left out. */
export function envHeader(ppVariables) {
  const dropped = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'].filter((n) => process.env[n]);
  return `Environment of every measured process: ${[...inherited, ...ppVariables].join(', ')} only${
    dropped.length ? ` (not this shell's ${dropped.map((n) => `${n}=${process.env[n]}`).join(', ')})` : ''
  }.`;
}

/**
 * pp's environment for the parts that use a throwaway config folder and a test key; PP_STATE_DIR:
 * pp status remembers what it saw here, not in the state folder of whoever runs the bench.
 */
export const env = minimalEnv({
  PP_API_KEY: 'pp_test_bench',
  PP_CONFIG_DIR: work,
  PP_STATE_DIR: join(work, 'state'),
});

/** `pp sandbox` (of the build at `binPath`) in a child process; resolves with its URL and a stop function. */
export function sandbox(...args) {
  return sandboxOf(bin, ...args);
}

export function sandboxOf(binPath, ...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, 'sandbox', '--port', '0', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`pp sandbox exited ${code}`)));
    createInterface({ input: child.stdout }).once('line', (url) =>
      resolve({ url: url.trim(), stop: () => child.kill('SIGINT') }),
    );
  });
}

// GNU time reports the peak resident set from the kernel's own count (wait4's ru_maxrss) when the
// process ends: exact even for a 40 ms process, which polling /proc would miss. It costs the same
// one fork and exec on every side of a ratio.
const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;
const PEAK = '__PP_BENCH_PEAK_KB ';

/**
 * Runs `node <args>` with `opts.env` (default: env above); calls opts.onLine(ms since start) for
 * each line of standard output as it arrives (when given; else stdout goes to /dev/null).
 * Resolves with the exit code, wall time, peak RSS and standard error.
 */
export function measure(args, opts = {}) {
  const { onLine } = typeof opts === 'function' ? { onLine: opts } : opts;
  const childEnv = (typeof opts === 'object' && opts.env) || env;
  return new Promise((resolve, reject) => {
    const [cmd, argv] = gnuTime
      ? ['/usr/bin/time', ['-f', `${PEAK}%M`, process.execPath, ...args]]
      : [process.execPath, args];
    const started = performance.now();
    const child = spawn(cmd, argv, { env: childEnv, stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    let peakKb = 0;
    // without GNU time: VmHWM, the kernel's high-water mark, read while the process runs
    const poll = gnuTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) peakKb = Math.max(peakKb, Number(m[1]));
          } catch {
            // the process has just ended
          }
        }, 20);
    if (onLine)
      createInterface({ input: child.stdout }).on('line', () => onLine(performance.now() - started));
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      clearInterval(poll);
      const at = stderr.lastIndexOf(PEAK);
      if (at >= 0) {
        peakKb = Number(stderr.slice(at + PEAK.length).trim());
        stderr = stderr.slice(0, at);
        // GNU time says "Command exited with non-zero status N" before its format
        stderr = stderr.replace(/Command exited with non-zero status \d+\n$/, '');
      }
      resolve({ code, ms, seconds: ms / 1000, peakMb: peakKb / 1024, stderr });
    });
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
