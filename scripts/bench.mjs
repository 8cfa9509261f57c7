// npm run bench: start-up cost of pp against the floors any Node CLI pays, measured side by side.
// Starts a loopback server, stores a key with `pp config set-key`, then runs every command and the
// floors in interleaved rounds (so machine noise hits them alike) and prints medians and ratios.
// Then runs the bulk benchmark (scripts/bench-bulk.mjs) unless --startup-only is given.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pp = join(root, 'bin/pp.js');
const rounds = Number(process.env.BENCH_ROUNDS ?? 41);
const work = mkdtempSync(join(tmpdir(), 'pp-bench-'));

const profile = JSON.stringify({
  object: 'AccountOwnerProfile',
  provider: 'LINKEDIN',
  provider_id: 'ACoAACr-1eYBl',
  entity_urn: 'urn:li:fsd_profile:ACoAACr-1eYBl',
  object_urn: 'urn:li:person:ACoAACr-1eYBl',
  first_name: 'Ada',
  last_name: 'Lovelace',
  profile_picture_url: 'https://media.licdn.com/profile.jpg',
  public_profile_url: 'https://www.linkedin.com/in/ada-lovelace',
  public_identifier: 'ada-lovelace',
  headline: 'Founder at postpress',
  location: 'San Francisco, CA',
  email: 'ada@postpress.ai',
  premium: true,
  open_profile: false,
  occupation: 'Founder at postpress',
  organizations: [{ id: 'org_1337', mailbox_id: 'mb_1', name: 'postpress' }],
  recruiter: { owner_seat_id: 'seat_1', contract_id: 'ct_1' },
  sales_navigator: null,
});
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(profile);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const url = `${base}/api/v1/users/me?account_id=acc_bench`;

// The floors: an empty node run, and the ~10-line node:http GET any Node CLI doing this job needs.
writeFileSync(join(work, 'empty.mjs'), '');
writeFileSync(
  join(work, 'http-get.mjs'),
  `import { get } from 'node:http';
get(process.argv[2], { headers: { 'x-api-key': process.env.PP_API_KEY, accept: 'application/json' } }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c) => { body += c; });
  res.on('end', () => { process.stdout.write(JSON.stringify(JSON.parse(body), null, 2) + '\\n'); });
});
`,
);
writeFileSync(
  join(work, 'fetch-get.mjs'),
  `const res = await fetch(process.argv[2], { headers: { 'x-api-key': process.env.PP_API_KEY, accept: 'application/json' } });
process.stdout.write(JSON.stringify(await res.json(), null, 2) + '\\n');
`,
);

const env = { ...process.env, PP_CONFIG_DIR: join(work, 'config'), PP_BASE_URL: base, NO_COLOR: '1' };
delete env.PP_API_KEY;
// the key in the file (plain text): what the 1.3x goal is about
const stored = spawnSync(process.execPath, [pp, 'config', 'set-key', '--insecure-storage', '--no-verify'], {
  env,
  input: 'pp_live_benchKey0123456789abcdef',
});
if (stored.status !== 0) throw new Error(`set-key failed: ${stored.stderr}`);

// The same key in a Secret Service, when one can be had: a private session bus with gnome-keyring
// on it (never the keychain of whoever runs the bench). Its read is reported apart.
const keychain = startKeychain();
if (keychain) {
  const put = spawnSync(process.execPath, [pp, 'config', 'set-key', '--no-verify'], {
    env: keychain.env,
    input: 'pp_live_benchKey0123456789abcdef',
    encoding: 'utf8',
  });
  if (put.status !== 0 || !put.stdout.includes('in the keychain'))
    throw new Error(`keychain set-key failed: ${put.stderr}`);
}

function startKeychain() {
  const has = (tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).error === undefined;
  if (!has('dbus-daemon') || !has('gnome-keyring-daemon')) return undefined;
  const home = mkdtempSync(join(tmpdir(), 'pp-bench-keyring-'));
  const base = { ...env, HOME: home, XDG_DATA_HOME: join(home, 'data'), PP_CONFIG_DIR: join(home, 'config') };
  const bus = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], {
    env: base,
    encoding: 'utf8',
  });
  const [address, pid] = bus.stdout.trim().split('\n');
  if (bus.status !== 0 || !address) return undefined;
  const withBus = { ...base, DBUS_SESSION_BUS_ADDRESS: address };
  spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], {
    env: withBus,
    input: 'bench',
  });
  return { env: withBus, stop: () => process.kill(Number(pid), 'SIGTERM') };
}

const cases = [
  { name: 'node (empty)', args: [join(work, 'empty.mjs')] },
  { name: 'node:http GET (floor)', args: [join(work, 'http-get.mjs'), url], env: { PP_API_KEY: 'k' } },
  { name: 'global fetch GET', args: [join(work, 'fetch-get.mjs'), url], env: { PP_API_KEY: 'k' } },
  { name: 'pp whoami --json', args: [pp, 'whoami', '--account', 'acc_bench', '--json'] },
  ...(keychain
    ? [
        {
          name: 'pp whoami --json (key in keychain)',
          args: [pp, 'whoami', '--account', 'acc_bench', '--json'],
          env: keychain.env,
        },
      ]
    : []),
  { name: 'pp profile (table)', args: [pp, 'profile', 'acc_bench'] },
  { name: 'pp --version', args: [pp, '--version'] },
  // what a shell runs on Tab (completion of account ids): local files only
  { name: 'pp __complete accounts', args: [pp, '__complete', 'accounts', '--', 'acc_'] },
  { name: 'pp --help', args: [pp, '--help'] },
];

const hasTime = existsSync('/usr/bin/time');
function once(c) {
  return new Promise((resolve, reject) => {
    const cmd = hasTime ? '/usr/bin/time' : process.execPath;
    const args = hasTime ? ['-f', 'PEAK_KB %M', process.execPath, ...c.args] : c.args;
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { env: { ...env, ...c.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`${c.name} exited ${code}: ${err}`));
      const kb = Number(/PEAK_KB (\d+)/.exec(err)?.[1] ?? Number.NaN);
      resolve({ ms, mb: kb / 1024 });
    });
  });
}

const samples = new Map(cases.map((c) => [c.name, { ms: [], mb: [] }]));
for (const c of cases) await once(c); // warm the file cache
for (let r = 0; r < rounds; r++) {
  for (const c of cases) {
    const s = await once(c);
    samples.get(c.name).ms.push(s.ms);
    samples.get(c.name).mb.push(s.mb);
  }
}
server.close();
keychain?.stop();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const med = Object.fromEntries(
  [...samples].map(([name, s]) => [name, { ms: median(s.ms), mb: Math.max(...s.mb) }]),
);
// This machine's timings are bimodal (runs land at ~90 or ~130 ms by the minute), which moves a
// median between runs; a ratio taken within each round, where all commands ran back to back, does
// not move with it. Both are shown; the goal is judged on the ratio of medians, as the issue asks.
const pairedRatio = (name, floorName) => {
  const a = samples.get(name).ms;
  const b = samples.get(floorName).ms;
  return median(a.map((x, i) => x / b[i]));
};
const floorHttp = med['node:http GET (floor)'];
const floorNode = med['node (empty)'];
const goals = {
  'pp whoami --json': [floorHttp, 1.3, 1.3],
  'pp profile (table)': [floorHttp, 1.5, undefined],
  'pp --version': [floorNode, 1.2, undefined],
  'pp --help': [floorNode, 1.2, undefined],
  'pp __complete accounts': [floorNode, 1.2, undefined],
  'global fetch GET': [floorHttp, undefined, undefined],
};
console.log(`Start-up, ${rounds} interleaved rounds, Node ${process.version} (median wall, peak RSS)\n`);
console.log(
  '| command | median ms | peak MB | vs floor (time) | per-round ratio | vs floor (memory) | goal |',
);
console.log('|---|---|---|---|---|---|---|');
for (const c of cases) {
  const m = med[c.name];
  const g = goals[c.name];
  const rt = g ? (m.ms / g[0].ms).toFixed(2) : '';
  const rm = g ? (m.mb / g[0].mb).toFixed(2) : '';
  const floorName = g?.[0] === floorHttp ? 'node:http GET (floor)' : 'node (empty)';
  const rp = g ? pairedRatio(c.name, floorName).toFixed(2) : '';
  const goal = g?.[1]
    ? `≤ ${g[1]}× ${g[0] === floorHttp ? 'node:http' : 'node'}${g[2] ? `, mem ≤ ${g[2]}×` : ''} ${m.ms / g[0].ms <= g[1] && (!g[2] || m.mb / g[0].mb <= g[2]) ? '✓' : '✗'}`
    : '';
  console.log(
    `| ${c.name} | ${m.ms.toFixed(0)} | ${m.mb.toFixed(1)} | ${rt && `${rt}×`} | ${rp && `${rp}×`} | ${rm && `${rm}×`} | ${goal} |`,
  );
}

if (keychain) {
  const kc = med['pp whoami --json (key in keychain)'].ms - med['pp whoami --json'].ms;
  console.log(
    `\nReading the key from the keychain (private gnome-keyring): +${kc.toFixed(0)} ms median over the file-stored key (per round: +${median(samples.get('pp whoami --json (key in keychain)').ms.map((x, i) => x - samples.get('pp whoami --json').ms[i])).toFixed(0)} ms).`,
  );
} else {
  console.log(
    '\nNo Secret Service here (dbus-daemon and gnome-keyring-daemon needed): the keychain read is not measured.',
  );
}

if (!process.argv.includes('--startup-only')) {
  for (const script of [
    'bench-bulk.mjs',
    'bench-accounts.mjs',
    'bench-status.mjs',
    'bench-render.mjs',
    'bench-state.mjs',
  ]) {
    console.log('');
    const run = spawnSync(process.execPath, [join(root, 'scripts', script)], { stdio: 'inherit' });
    process.exitCode ||= run.status ?? 1;
  }
}
