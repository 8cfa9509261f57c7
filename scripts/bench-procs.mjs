// What the benchmark scripts share: pp's environment with a throwaway config folder, `pp sandbox`
// in a child process, and a child process measured for wall time and peak memory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = join(root, 'bin/pp.js');
export const work = mkdtempSync(join(tmpdir(), 'pp-bench-'));
// PP_STATE_DIR: pp status remembers what it saw, here and not in the state folder of whoever runs
// the bench
export const env = {
  ...process.env,
  PP_API_KEY: 'pp_test_bench',
  PP_CONFIG_DIR: work,
  PP_STATE_DIR: join(work, 'state'),
  NO_COLOR: '1',
};
for (const name of ['PP_BASE_URL', 'PP_SANDBOX', 'PP_ACCOUNT_ID', 'HTTPS_PROXY', 'HTTP_PROXY'])
  delete env[name];

/** `pp sandbox` in a child process; resolves with its URL and a stop function. */
export function sandbox(...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', (url) =>
      resolve({ url: url.trim(), stop: () => child.kill('SIGINT') }),
    );
  });
}

/**
 * Runs `node <args>`; calls onLine(ms since start) for each line of standard output as it arrives
 * (when given; else stdout goes to /dev/null), and samples the peak RSS from /proc while it runs.
 */
export function measure(args, onLine) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env,
      stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'pipe'],
    });
    let stderr = '';
    let peakKb = 0;
    // VmHWM is the kernel's own high-water mark of the resident set, so polling it misses nothing.
    const poll = setInterval(() => {
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
      clearInterval(poll);
      const ms = performance.now() - started;
      resolve({ code, ms, seconds: ms / 1000, peakMb: peakKb / 1024, stderr });
    });
  });
}
