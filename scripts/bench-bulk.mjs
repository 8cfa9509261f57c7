// npm run bench -- --all: bulk `pp profile` (issue 5), not a test: prints numbers and how they
// compare to the targets. Run `npm run build` first, then `node scripts/bench-bulk.mjs`. Takes one
// to two minutes.
//   (a) 1,000 ids against `pp sandbox --latency 50` at --concurrency 8: wall time vs the ideal 6.25 s
//   (b) 100,000 ids with --json to /dev/null, no latency: peak RSS of the pp process
//   (c) against `pp sandbox --rate-limit 20`: every account answered, and the settled rate
// Every id is unique and unknown to the sandbox, so each answer is a 404 (the sandbox serves only
// its demo accounts, and a bulk run inspects each id once): the timing and memory are the same
// per request, and no account fails for any reason but the expected 404 (exit 7).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, measure, root, sandbox, work } from './bench-procs.mjs';

if (!existsSync(join(root, 'dist/pp.cjs'))) {
  console.error('No build: run `npm run build` first.');
  process.exit(1);
}

function idFile(n, name) {
  const path = join(work, name);
  const lines = [];
  for (let i = 1; i <= n; i++) lines.push(`acc_bench_${String(i).padStart(6, '0')}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** pp, measured (see bench-procs.mjs). */
const runPp = (args, onLine) => measure([bin, ...args], onLine);

const only = process.argv[2] ?? 'abcf';
const summaryOf = (stderr) => stderr.trim().split('\n').at(-1);
const mark = (ok) => (ok ? 'ok' : 'MISSED');

/** `pp profile --from-file <ids> --concurrency 8 --json` against a running sandbox. */
const profileAll = (server, ids) =>
  runPp(['--base-url', server.url, 'profile', '--from-file', ids, '--concurrency', '8', '--json']);

// (a) throughput against latency
if (only.includes('a')) {
  const server = await sandbox('--latency', '50');
  const ids = idFile(1000, 'ids-1k.txt');
  const run = await profileAll(server, ids);
  server.stop();
  const ideal = (1000 * 0.05) / 8;
  const ratio = run.seconds / ideal;
  console.log(`(a) 1,000 ids, --latency 50, --concurrency 8`);
  console.log(`    ${summaryOf(run.stderr)} (exit ${run.code})`);
  console.log(
    `    wall ${run.seconds.toFixed(2)} s, ideal ${ideal.toFixed(2)} s, ratio ${ratio.toFixed(2)} (target ≤ 1.2: ${mark(ratio <= 1.2)})`,
  );
}

// (b) memory for a long list
if (only.includes('b')) {
  const server = await sandbox();
  const ids = idFile(100_000, 'ids-100k.txt');
  const run = await profileAll(server, ids);
  server.stop();
  console.log(`(b) 100,000 ids, --json to /dev/null, no latency, --concurrency 8`);
  console.log(`    ${summaryOf(run.stderr)} (exit ${run.code})`);
  console.log(
    `    wall ${run.seconds.toFixed(1)} s (${Math.round(100_000 / run.seconds)} accounts/s), peak RSS ${run.peakMb.toFixed(0)} MB (target < 150 MB: ${mark(run.peakMb < 150)})`,
  );
}

// (c) a shared rate limit
if (only.includes('c')) {
  const limit = 20;
  const n = 600;
  const server = await sandbox('--rate-limit', String(limit), '--latency', '50');
  const ids = idFile(n, 'ids-rate.txt');
  const times = [];
  const run = await runPp(
    ['--verbose', '--base-url', server.url, 'profile', '--from-file', ids, '--concurrency', '8', '--json'],
    (ms) => times.push(ms),
  );
  server.stop();
  // --verbose logs one "GET" line per request sent, so this is what the server saw.
  const requests = run.stderr.match(/^pp: GET /gm)?.length ?? 0;
  const limited = run.stderr.match(/← 429 /g)?.length ?? 0;
  const answered = times.length;
  const allAnswered = summaryOf(run.stderr) === `${n} accounts: ${n} errors/resource_not_found`;
  // Settled: after the first 5 s, when the run has found the limit.
  const settledFrom = 5000;
  const late = times.filter((t) => t >= settledFrom);
  const settled = late.length / ((times.at(-1) - settledFrom) / 1000);
  const overall = answered / run.seconds;
  console.log(`(c) ${n} ids against --rate-limit ${limit} --latency 50, --concurrency 8`);
  console.log(`    ${summaryOf(run.stderr)} (exit ${run.code})`);
  console.log(
    `    every account answered (none failed on 429): ${mark(answered === n && allAnswered)}; ` +
      `${requests} requests for ${n} accounts, ${limited} of them 429`,
  );
  console.log(
    `    settled rate (after ${settledFrom / 1000} s) ${settled.toFixed(1)} accounts/s, overall ${overall.toFixed(1)}/s ` +
      `(incl. start-up and the first 429), ${(requests / run.seconds).toFixed(1)} requests/s hitting the server; ` +
      `target within 20% of ${limit}/s: ${mark(Math.abs(settled - limit) <= limit * 0.2)}`,
  );
}

// (f) a token bucket: burst 10, 50 requests/s; a request with no token gets 429 with Retry-After
// in whole seconds until the next token (1). Ideal: 600 accounts in 12 s.
if (only.includes('f')) {
  const { createServer } = await import('node:http');
  const burst = 10;
  const perSecond = 50;
  let tokens = burst;
  let last = performance.now();
  let limited = 0;
  const server = createServer((_req, res) => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"status":404,"type":"errors/resource_not_found","title":"Not found"}');
      return;
    }
    limited++;
    const wait = Math.max(1, Math.ceil((1 - tokens) / perSecond));
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(wait) });
    res.end('{"status":429,"type":"errors/too_many_requests","title":"Too many requests"}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const n = 600;
  const ids = idFile(n, 'ids-bucket.txt');
  const url = `http://127.0.0.1:${server.address().port}`;
  const run = await runPp(['--base-url', url, 'profile', '--from-file', ids, '--concurrency', '8', '--json']);
  server.close();
  const ideal = n / perSecond;
  console.log(
    `(f) ${n} ids against a token bucket (burst ${burst}, ${perSecond} requests/s, Retry-After in whole seconds)`,
  );
  console.log(`    ${summaryOf(run.stderr)} (exit ${run.code}); ${limited} answers were 429`);
  console.log(
    `    wall ${run.seconds.toFixed(1)} s, ideal ${ideal.toFixed(0)} s, ratio ${(run.seconds / ideal).toFixed(2)} (target ≤ 1.3: ${mark(run.seconds / ideal <= 1.3)})`,
  );
}
