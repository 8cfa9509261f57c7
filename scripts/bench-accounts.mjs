// npm run bench -- --all: the peak memory of `pp accounts --json` over 100,000 accounts (400 pages),
// streamed page by page. Its time over 10,000 accounts against a node:http pager is a row of the
// main table (scripts/bench.mjs).
import { bin, measure, sandbox } from './bench-procs.mjs';

const run = (args) => measure(args).then((r) => ({ code: r.code, ms: r.ms, mb: r.peakMb }));
const hundred = await sandbox('--accounts', '100000');
const big = await run([bin, '--base-url', hundred.url, '--json', 'accounts']);
hundred.stop();
console.log(`(e) pp accounts --json over 100,000 accounts (400 pages)`);
console.log(
  `    ${(big.ms / 1000).toFixed(1)} s, peak RSS ${big.mb.toFixed(0)} MB (target < 150 MB: ${big.mb < 150 ? 'ok' : 'MISSED'}), exit ${big.code}`,
);
