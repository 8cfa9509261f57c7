// npm run bench, part 3: `pp accounts --json` over a large sandbox workspace, side by side with
// the floor any client pays — a bare node:http script that pages the same list and prints each
// item — in interleaved rounds; then the peak memory of `pp accounts --json` over 100,000 accounts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, measure, sandbox, work } from './bench-procs.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 11);

// The floor: page the list with node:http, print each item as one JSON line.
const floorScript = join(work, 'page.mjs');
writeFileSync(
  floorScript,
  `import { get } from 'node:http';
const base = process.argv[2];
const page = (cursor) => new Promise((resolve, reject) => {
  const url = base + '/api/v1/accounts?limit=250' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
  get(url, { headers: { 'x-api-key': process.env.PP_API_KEY, accept: 'application/json' } }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { body += c; });
    res.on('end', () => resolve(JSON.parse(body)));
  }).on('error', reject);
});
let cursor;
do {
  const data = await page(cursor);
  let out = '';
  for (const item of data.items) out += JSON.stringify(item) + '\\n';
  process.stdout.write(out);
  cursor = data.cursor;
} while (cursor);
`,
);

const run = (args) => measure(args).then((r) => ({ code: r.code, ms: r.ms, mb: r.peakMb }));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ten = await sandbox('--accounts', '10000');
const pp = [];
const floor = [];
for (let r = 0; r < rounds; r++) {
  floor.push((await run([floorScript, ten.url])).ms);
  const p = await run([bin, '--base-url', ten.url, '--json', 'accounts']);
  if (p.code !== 0) throw new Error(`pp accounts exited ${p.code}`);
  pp.push(p.ms);
}
ten.stop();
const ratio = median(pp) / median(floor);
const paired = median(pp.map((x, i) => x / floor[i]));
console.log(
  `(d) pp accounts --json over 10,000 accounts (40 pages of 250) on the loopback sandbox, ${rounds} rounds`,
);
console.log(
  `    pp ${median(pp).toFixed(0)} ms, node:http pager ${median(floor).toFixed(0)} ms: ratio ${ratio.toFixed(2)} (per round ${paired.toFixed(2)}; target ≤ 1.3: ${ratio <= 1.3 ? 'ok' : 'MISSED'})`,
);

const hundred = await sandbox('--accounts', '100000');
const big = await run([bin, '--base-url', hundred.url, '--json', 'accounts']);
hundred.stop();
console.log(`(e) pp accounts --json over 100,000 accounts (400 pages)`);
console.log(
  `    ${(big.ms / 1000).toFixed(1)} s, peak RSS ${big.mb.toFixed(0)} MB (target < 150 MB: ${big.mb < 150 ? 'ok' : 'MISSED'}), exit ${big.code}`,
);
