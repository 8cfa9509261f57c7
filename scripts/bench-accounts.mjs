// npm run bench, part 3: `pp accounts --json` over a large sandbox workspace, side by side with
// the floor any client pays — a bare node:http script that pages the same list and prints each
// item — in interleaved rounds; then the peak memory of `pp accounts --json` over 100,000 accounts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/pp.js');
const work = mkdtempSync(join(tmpdir(), 'pp-bench-accounts-'));
const env = { ...process.env, PP_API_KEY: 'pp_test_bench', PP_CONFIG_DIR: work, NO_COLOR: '1' };
for (const name of ['PP_BASE_URL', 'PP_SANDBOX', 'PP_ACCOUNT_ID', 'HTTPS_PROXY', 'HTTP_PROXY'])
  delete env[name];
const rounds = Number(process.env.BENCH_ROUNDS ?? 11);

/** `pp sandbox --accounts n` in a child process; resolves with its URL and a stop function. */
function sandbox(n) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0', '--accounts', String(n)], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', (url) =>
      resolve({ url: url.trim(), stop: () => child.kill('SIGINT') }),
    );
  });
}

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

/** Runs a command with stdout to /dev/null; wall time and peak RSS from /proc. */
function run(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'ignore'] });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // the process has just ended
      }
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, ms: performance.now() - started, mb: peakKb / 1024 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ten = await sandbox(10_000);
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

const hundred = await sandbox(100_000);
const big = await run([bin, '--base-url', hundred.url, '--json', 'accounts']);
hundred.stop();
console.log(`(e) pp accounts --json over 100,000 accounts (400 pages)`);
console.log(
  `    ${(big.ms / 1000).toFixed(1)} s, peak RSS ${big.mb.toFixed(0)} MB (target < 150 MB: ${big.mb < 150 ? 'ok' : 'MISSED'}), exit ${big.code}`,
);
