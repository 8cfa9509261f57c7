// The figures of issue 24 (a hostile world, round 3), each before and after, run by hand rather
// than in `npm run bench` (the first alone takes minutes):
//   (a) the peak memory of `pp status --format nagios` over 1,000,000 stopped accounts, against
//       `pp status --json` over the same list (goal: within 1.5x), from a scripted server that
//       makes each page of 250 as it is asked for;
//   (b) the health of one account with 100,000 sources of unknown statuses (`pp status`);
//   (c) `pp config profiles` with 10,000 profiles, each with its key in the file;
//   (d) a Tab (`pp __complete accounts`) with a 50 MB completion cache;
//   (e) a command (`pp accounts`) beside a 1 GB config.json.
// Usage: node scripts/bench-hostile.mjs [parts, e.g. "abcde"] [--bin <path to bin/pp.js>] [--accounts N]
// It runs itself again in a minimal environment (PATH and HOME only): these machines export
// NODE_EXTRA_CA_CERTS, which makes every node start parse the CA bundle (~70 ms, ~10 MB).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.env.PP_BENCH_MINIMAL !== '1') {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PP_BENCH_MINIMAL: '1' };
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    env,
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const parts = args[0] && !args[0].startsWith('--') ? args[0] : 'abcde';
const bin = option('--bin', fileURLToPath(new URL('../bin/pp.js', import.meta.url)));
const total = Number(option('--accounts', 1_000_000));
const work = mkdtempSync(join(tmpdir(), 'pp-bench-hostile-'));
const baseEnv = { PATH: process.env.PATH, HOME: work, NO_COLOR: '1', PP_API_KEY: 'pp_test_bench' };

/** Runs `node bin args`: wall time and the peak resident set (the kernel's VmHWM, polled). */
function measure(argv, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...argv], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // it has just ended
      }
    }, 10);
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, stderr });
    });
  });
}

const show = (name, r) =>
  console.log(
    `    ${name.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s  peak ${r.peakMb.toFixed(0).padStart(5)} MB  exit ${r.code}${r.code > 5 && r.code !== 15 ? `  ${r.stderr.trim().split('\n')[0]}` : ''}`,
  );

/** A loopback server answering the accounts list with `page(n)` (1-based) of `pages`. */
async function listServer(pages, page) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const n = Number(url.searchParams.get('cursor') ?? '1');
    const cursor = n < pages ? String(n + 1) : null;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"object":"AccountList","items":[${page(n)}],"cursor":${JSON.stringify(cursor)}}`);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const account = (id, sources) =>
  `{"object":"Account","type":"MAIL","id":"${id}","name":"Mailbox ${id}","created_at":"2025-01-01T00:00:00.000Z",` +
  `"sources":${sources},"connection_params":{"mail":{"username":"${id}@example.com","imap_host":"imap.example.com","imap_port":993}},` +
  `"groups":["fleet"],"last_fetched_at":"2026-11-30T05:00:00.000Z"}`;

// pp status remembers each account (issue 21) unless told not to: not what these figures are about
const noState = spawnSync(process.execPath, [bin, 'status', '--help'], { encoding: 'utf8' }).stdout.includes(
  '--no-state',
)
  ? ['--no-state']
  : [];

const env = (extra = {}) => ({ ...baseEnv, PP_CONFIG_DIR: mkdtempSync(join(work, 'config-')), ...extra });

if (parts.includes('a')) {
  const size = 250;
  const pages = Math.ceil(total / size);
  const stopped = '[{"id":"src_1","status":"STOPPED"}]';
  const server = await listServer(pages, (n) => {
    const items = [];
    for (let i = (n - 1) * size; i < Math.min(n * size, total); i++)
      items.push(account(`acc_${String(i).padStart(7, '0')}`, stopped));
    return items.join(',');
  });
  console.log(`(a) pp status over ${total.toLocaleString('en')} stopped accounts (${pages} pages of 250)`);
  const e = env({ PP_BASE_URL: server.url });
  const json = await measure(['status', '--json', ...noState], e);
  show('pp status --json', json);
  const nagios = await measure(['status', '--format', 'nagios', ...noState], e);
  show('pp status --format nagios', nagios);
  const table = await measure(['status', ...noState], e);
  show('pp status (table)', table);
  console.log(`    nagios/json peak: ${(nagios.peakMb / json.peakMb).toFixed(2)} (goal ≤ 1.5)`);
  server.close();
}

if (parts.includes('b')) {
  const n = 100_000;
  const sources = `[${Array.from({ length: n }, (_, i) => `{"id":"src_${i}","status":"WEIRD_${i}"}`).join(',')}]`;
  const server = await listServer(1, () => account('acc_many_sources', sources));
  console.log('(b) one account with 100,000 sources, each of another unknown status (pp status)');
  show('pp status', await measure(['status', ...noState], env({ PP_BASE_URL: server.url })));
  show('pp status --json', await measure(['status', '--json', ...noState], env({ PP_BASE_URL: server.url })));
  server.close();
}

if (parts.includes('c')) {
  const dir = mkdtempSync(join(work, 'profiles-'));
  const profiles = {};
  for (let i = 0; i < 10_000; i++)
    profiles[`client-${i}`] = {
      apiKey: `pp_live_${String(i).padStart(6, '0')}abcdefghijklmnopqrstuvwx`,
      baseUrl: 'https://api.postpress.ai',
    };
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ activeProfile: 'client-1', profiles }), {
    mode: 0o600,
  });
  console.log('(c) pp config profiles with 10,000 profiles, each key in the file');
  const e = { ...baseEnv, PP_CONFIG_DIR: dir };
  delete e.PP_API_KEY;
  show('pp config profiles', await measure(['config', 'profiles'], e));
  show('pp config profiles --json', await measure(['config', 'profiles', '--json'], e));
}

if (parts.includes('d')) {
  const dir = mkdtempSync(join(work, 'cache-'));
  mkdirSync(join(dir, 'cache'), { mode: 0o700 });
  const ids = [];
  let bytes = 0;
  for (let i = 0; bytes < 50 * 1024 * 1024; i++) {
    const id = `acc_${String(i).padStart(10, '0')}`;
    ids.push(id);
    bytes += id.length + 3;
  }
  writeFileSync(
    join(dir, 'cache', 'accounts.default.json'),
    JSON.stringify({ written_at: new Date().toISOString(), ids }),
    { mode: 0o600 },
  );
  console.log(`(d) Tab with a 50 MB completion cache (${ids.length.toLocaleString('en')} ids)`);
  const e = { ...baseEnv, PP_CONFIG_DIR: dir };
  delete e.PP_API_KEY;
  show('pp __complete accounts acc_00000001', await measure(['__complete', 'accounts', 'acc_00000001'], e));
}

if (parts.includes('e')) {
  const dir = mkdtempSync(join(work, 'big-config-'));
  const path = join(dir, 'config.json');
  const fd = openSync(path, 'w', 0o600);
  const chunk = Buffer.alloc(16 * 1024 * 1024, ' ');
  writeSync(fd, '{"profiles":{"default":{"apiKey":"pp_test_bench"}},"padding":"');
  for (let i = 0; i < 64; i++) writeSync(fd, chunk);
  writeSync(fd, '"}');
  closeSync(fd);
  console.log('(e) a 1 GB config.json');
  const e = { ...baseEnv, PP_CONFIG_DIR: dir };
  delete e.PP_API_KEY;
  show('pp config show', await measure(['config', 'show'], e));
  show('pp __complete profiles', await measure(['__complete', 'profiles', ''], e));
}
