// npm run bench, part 6 (issue 21): what pp status's memory costs over 100,000 accounts.
//   (j) `pp status --json` over 100,000 generated accounts with its state file read and written in
//       the same run, side by side with `--no-state` over the same list, in interleaved rounds:
//       target within 1.15x (wall), and the peak memory of the run with memory under 200 MB.
// The sandbox flaps one account (`--flap`), so that every run changes a state and writes the file:
// the cost measured is that of a run that reads and writes, not of one that changed nothing (which
// leaves the file as it is and only sets its time: the 10,000-account row of the main table).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, env, sandbox } from './bench-procs.mjs';

const rounds = Number(process.env.BENCH_STATE_ROUNDS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mark = (ok) => (ok ? 'ok' : 'MISSED');
const state = mkdtempSync(join(tmpdir(), 'pp-bench-memory-'));
const hasTime = existsSync('/usr/bin/time');

/** One run: wall ms, CPU ms (user + system, from GNU time when there is one) and peak RSS in MB. */
function run(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const command = hasTime ? '/usr/bin/time' : process.execPath;
    const argv = hasTime ? ['-f', 'BENCH %U %S %M', process.execPath, bin, ...args] : [bin, ...args];
    const child = spawn(command, argv, {
      env: { ...env, PP_STATE_DIR: state },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      // pp status exits 5: the generated workspace has accounts that need action
      if (code !== 0 && code !== 5)
        return reject(new Error(`pp ${args.join(' ')} exited ${code}: ${stderr}`));
      const [user, sys, kb] = (/BENCH ([\d.]+) ([\d.]+) (\d+)/.exec(stderr) ?? []).slice(1).map(Number);
      resolve({ ms, cpu: hasTime ? (user + sys) * 1000 : Number.NaN, mb: hasTime ? kb / 1024 : Number.NaN });
    });
  });
}

const big = await sandbox('--accounts', '100000', '--flap', 'acc_gen_000001');
const base = ['--base-url', big.url, 'status', '--json'];
// the first run writes the memory that every later run reads and writes
const first = await run(base);
const file = join(state, 'default', 'accounts.json');
const cases = { 'with its memory': base, '--no-state': [...base, '--no-state'] };
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, args] of Object.entries(cases)) samples[name].push(await run(args));
}
big.stop();

const of = (name, key) => median(samples[name].map((s) => s[key]));
const ratio = of('with its memory', 'ms') / of('--no-state', 'ms');
const paired = median(samples['with its memory'].map((s, i) => s.ms / samples['--no-state'][i].ms));
const cpuRatio = of('with its memory', 'cpu') / of('--no-state', 'cpu');
const peaks = samples['with its memory'].map((s) => s.mb);
const peak = Math.max(...peaks);
const accounts = JSON.parse(readFileSync(file, 'utf8')).list.ids.length;
console.log(`(j) pp status --json over 100,000 accounts, its memory read and written, ${rounds} rounds`);
for (const name of Object.keys(cases)) {
  console.log(
    `    ${name.padEnd(16)} ${(of(name, 'ms') / 1000).toFixed(2)} s wall, ${(of(name, 'cpu') / 1000).toFixed(2)} s CPU, peak RSS ${Math.max(...samples[name].map((s) => s.mb)).toFixed(0)} MB`,
  );
}
console.log(
  `    ratio ${ratio.toFixed(2)} (per round ${paired.toFixed(2)}, CPU ${cpuRatio.toFixed(2)}; target ≤ 1.15: ${mark(ratio <= 1.15)})`,
);
// the peak varies from run to run with when the garbage collector gets to run: all of them shown
console.log(
  `    peak RSS with its memory ${median(peaks).toFixed(0)} MB median, ${peak.toFixed(0)} MB at most (${peaks.map((mb) => mb.toFixed(0)).join(', ')}; target < 200 MB: ${mark(peak < 200)})`,
);
console.log(
  `    the first run (nothing remembered) ${(first.ms / 1000).toFixed(2)} s; the state file: ${accounts} accounts, ${(statSync(file).size / 1e6).toFixed(1)} MB`,
);
