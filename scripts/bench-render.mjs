// npm run bench -- --all: the layout's cost against the size of what it lays out, through the real
// binary: a Gmail profile with a 10,000-character signature, and LinkedIn profiles with 1,000 and
// 5,000 organizations (a sub-table of that many rows). Linear layout: 5× the rows costs about 5× the
// layout time above the fixed start-up (a 500-row profile measures that start-up, side by side in
// the same rounds).
import { createServer } from 'node:http';
import { bin, measure } from './bench-procs.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
const words = ['Camille', 'Dürand', '山田', '👩‍💻', 'https://x.example/careers?utm=sig', '&amp;', '<br>'];
let signature = '';
for (let i = 0; signature.length < 10_000; i++) signature += ` ${words[i % words.length]}`;

const linkedin = (n) =>
  JSON.stringify({
    provider: 'LINKEDIN',
    provider_id: 'ACo',
    first_name: 'Ada',
    last_name: 'Lovelace',
    organizations: Array.from({ length: n }, (_, i) => ({
      id: `org_${i}`,
      mailbox_id: `urn:li:organization:${i}`,
      name: `Org ${i} 🧑‍💻`,
    })),
  });
const bodies = {
  acc_sig: JSON.stringify({
    provider: 'GOOGLE',
    email: 'ada@example.com',
    aliases: [{ email: 'ada@example.com', display_name: 'Ada', signature, is_primary: true }],
  }),
  acc_0: linkedin(0),
  acc_1000: linkedin(1000),
  acc_5000: linkedin(5000),
};
const server = createServer((req, res) => {
  const id = new URL(req.url, 'http://x').searchParams.get('account_id');
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(bodies[id] ?? '{}');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const cases = Object.keys(bodies);
// once each, counting the lines printed: the layout must show every row, not a part of them
const printed = {};
for (const id of cases) {
  let count = 0;
  const run = await measure([bin, '--base-url', base, 'profile', id], () => count++);
  if (run.code !== 0) throw new Error(`pp profile ${id} exited ${run.code}: ${run.stderr}`);
  printed[id] = count;
}
const samples = Object.fromEntries(cases.map((c) => [c, []]));
for (let r = 0; r < rounds; r++) {
  for (const id of cases) {
    const run = await measure([bin, '--base-url', base, 'profile', id]);
    if (run.code !== 0) throw new Error(`pp profile ${id} exited ${run.code}: ${run.stderr}`);
    samples[id].push(run.ms);
  }
}
server.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = Object.fromEntries(cases.map((c) => [c, median(samples[c])]));
const layout = (id) => Math.max(0.1, ms[id] - ms.acc_0);
console.log(`\nLayout, ${rounds} interleaved rounds (median wall of \`pp profile\`, start-up included)\n`);
console.log('| profile | lines printed | median ms | layout ms (minus the 0-row profile) |');
console.log('|---|---:|---:|---:|');
const label = {
  acc_sig: '10,000-character signature',
  acc_0: '0 organizations',
  acc_1000: '1,000 organizations',
  acc_5000: '5,000 organizations',
};
for (const id of cases)
  console.log(
    `| ${label[id]} | ${printed[id]} | ${ms[id].toFixed(0)} | ${id === 'acc_0' ? '' : layout(id).toFixed(0)} |`,
  );
const ratio = layout('acc_5000') / layout('acc_1000');
console.log(
  `\n5,000 vs 1,000 rows: ${ratio.toFixed(1)}× the layout time (linear: ~5×, quadratic: ~25×; goal < 10×)`,
);
