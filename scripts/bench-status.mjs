// npm run bench -- --all: `pp status` over a large sandbox workspace (its time over 10,000 accounts
// against `pp accounts --json` is a row of the main table, scripts/bench.mjs).
//   (h) `pp status --deep` over 1,000 generated accounts against `pp sandbox --latency 50` at
//       --concurrency 8: wall time against the ideal 1,000 x 50 ms / 8 = 6.25 s, target 1.2x
//   (i) the peak memory of `pp status --format csv` over 100,000 accounts (streamed, as pp accounts)
import { bin, measure, sandbox } from './bench-procs.mjs';

const only = process.argv[2] ?? 'hi';
const mark = (ok) => (ok ? 'ok' : 'MISSED');

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
