// pp in a pseudo-terminal, driven by python3's pty module: what only a real terminal shows (colour
// by default, the hidden prompt, a question asked, Ctrl-C typed). Tests that use it are skipped
// without python3 (describeWith('python3', …)).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { baseEnv, bin, root, tempDir } from './run.js';

/**
 * Runs argv in a new pseudo-terminal of the given size. Each step waits for `expect` in the
 * output, then types `send` (one write per string, 20 ms apart: several strings are keystrokes,
 * one string is a paste). Prints {code, output, timedOut} as JSON.
 */
const driver = `
import fcntl, json, os, pty, select, signal, struct, sys, termios, time
spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 40, spec['cols'], 0, 0))
    os.execve(spec['argv'][0], spec['argv'], spec['env'])
out, pos, steps = b'', 0, list(spec['steps'])
deadline = time.monotonic() + spec['timeout']
timed_out = False
while True:
    if steps:
        found = out.find(steps[0]['expect'].encode(), pos)
        if found >= 0:
            step = steps.pop(0)
            pos = found + len(step['expect'].encode())
            for keys in step['send']:
                os.write(fd, keys.encode())
                time.sleep(0.02)
            continue
    left = deadline - time.monotonic()
    if left <= 0:
        os.kill(pid, signal.SIGKILL)
        timed_out = True
        break
    if select.select([fd], [], [], min(left, 0.1))[0]:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the program has exited and the terminal is gone
            break
        if not data:
            break
        out += data
_, status = os.waitpid(pid, 0)
print(json.dumps({'code': os.waitstatus_to_exitcode(status), 'output': out.decode('utf8', 'replace'), 'timedOut': timed_out}))
`;

export interface Step {
  expect: string;
  send: string[];
}
export interface TerminalRun {
  code: number;
  output: string;
  timedOut: boolean;
}

let driverFile = '';

export function inTerminal(
  args: string[],
  opts: { cols?: number; env?: Record<string, string | undefined>; steps?: Step[] } = {},
): TerminalRun {
  const spec = {
    argv: [process.execPath, bin, ...args],
    env: opts.env ?? baseEnv({ TERM: 'xterm-256color' }),
    cols: opts.cols ?? 80,
    steps: opts.steps ?? [],
    timeout: 15,
  };
  if (!driverFile) {
    driverFile = join(tempDir('pp-pty-'), 'pty_run.py');
    writeFileSync(driverFile, driver);
  }
  const result = spawnSync('python3', [driverFile, JSON.stringify(spec)], { encoding: 'utf8', cwd: root });
  if (result.status !== 0) throw new Error(`the pty driver failed: ${result.stderr}`);
  const run = JSON.parse(result.stdout) as TerminalRun;
  expect(run.timedOut, `pp did not finish; it printed:\n${run.output}`).toBe(false);
  // the terminal turns \n into \r\n
  return { ...run, output: run.output.replaceAll('\r\n', '\n') };
}
