// npm run bench, part 4: `pp status` over a large sandbox workspace.
//   (g) `pp status` (table, and --json) over 10,000 generated accounts, side by side with
//       `pp accounts --json` over the same list, in interleaved rounds: target within 1.3x
//   (h) `pp status --deep` over 1,000 generated accounts against `pp sandbox --latency 50` at
//       --concurrency 8: wall time against the ideal 1,000 x 50 ms / 8 = 6.25 s, target 1.2x
//   (i) the peak memory of `pp status --format csv` over 100,000 accounts (streamed, as pp accounts)
import { bin, measure, sandbox } from './bench-procs.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 11);
const only = process.argv[2] ?? 'ghi';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mark = (ok) => (ok ? 'ok' : 'MISSED');

if (only.includes('g')) {
  const ten = await sandbox('--accounts', '10000');
  const cases = {
    'pp accounts --json': ['accounts', '--json'],
    'pp status --json': ['status', '--json'],
    'pp status (table)': ['status'],
  };
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, args] of Object.entries(cases)) {
      const run = await measure([bin, '--base-url', ten.url, ...args]);
      // pp status exits 5: the generated workspace has accounts that need action
      if (run.code !== 0 && run.code !== 5) throw new Error(`${name} exited ${run.code}: ${run.stderr}`);
      times[name].push(run.ms);
    }
  }
  ten.stop();
  const floor = median(times['pp accounts --json']);
  console.log(
    `(g) pp status over 10,000 accounts (40 pages of 250) on the loopback sandbox, ${rounds} rounds`,
  );
  for (const name of Object.keys(cases)) {
    const ms = median(times[name]);
    const paired = median(times[name].map((x, i) => x / times['pp accounts --json'][i]));
    const goal = name === 'pp accounts --json' ? '' : `, target ≤ 1.3: ${mark(ms / floor <= 1.3)}`;
    console.log(
      `    ${name.padEnd(20)} ${ms.toFixed(0)} ms: ratio ${(ms / floor).toFixed(2)} (per round ${paired.toFixed(2)})${goal}`,
    );
  }
}

if (only.includes('h')) {
  const slow = await sandbox('--accounts', '1000', '--latency', '50');
  const deep = await measure([
    bin,
    '--base-url',
    slow.url,
    'status',
    '--deep',
    '--concurrency',
    '8',
    '--json',
  ]);
  slow.stop();
  const ideal = (1000 * 0.05) / 8;
  const summary = deep.stderr.trim().split('\n').at(-1);
  console.log(`(h) pp status --deep over 1,000 generated accounts (+12 demo), --latency 50, --concurrency 8`);
  console.log(`    ${summary} (exit ${deep.code}); users/me only for the accounts whose sources are OK`);
  console.log(
    `    wall ${deep.seconds.toFixed(2)} s, ideal ${ideal.toFixed(2)} s, ratio ${(deep.seconds / ideal).toFixed(2)} (target ≤ 1.2: ${mark(deep.seconds / ideal <= 1.2)})`,
  );
}

if (only.includes('i')) {
  const hundred = await sandbox('--accounts', '100000');
  const big = await measure([bin, '--base-url', hundred.url, 'status', '--format', 'csv']);
  hundred.stop();
  console.log('(i) pp status --format csv over 100,000 accounts (400 pages)');
  console.log(
    `    ${big.seconds.toFixed(1)} s, peak RSS ${big.peakMb.toFixed(0)} MB (target < 150 MB: ${mark(big.peakMb < 150)}), exit ${big.code}`,
  );
}
