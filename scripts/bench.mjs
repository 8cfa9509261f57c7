// npm run bench [-- --against <git-ref>] [--rounds <n>] [--all]
//
// What a user waits for, side by side with the floors any Node CLI doing the same job pays: every
// command and floor runs in interleaved rounds (so the machine's noise hits them alike), each in a
// minimal environment (see bench-procs.mjs), and the table gives medians, the ratio of medians and
// the median of the per-round ratios, against the goals of issue 20.
//
// --against <ref> builds that commit in a temporary git worktree (its node_modules shared when its
// package-lock.json is this one's, else `npm ci`), runs both builds in the same rounds, and prints
// the paired ratio of each command: this build's time over the ref's, round by round.
// --all then runs the other benchmarks (bulk profiles, 100,000 accounts, --deep, layout, the memory
// of pp status).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { envHeader, measure, median, minimalEnv, root, sandboxOf, work } from './bench-procs.mjs';

const { values: opts } = parseArgs({
  options: {
    against: { type: 'string' },
    rounds: { type: 'string' },
    all: { type: 'boolean' },
  },
});
const startRounds = Number(opts.rounds ?? 41);
// a round of the 10,000-account rows takes ~3 s; fewer of them keep the bench to a few minutes
const fleetRounds = Math.max(5, Math.round(startRounds / 4));

const KEY = 'pp_live_benchKey0123456789abcdef';

// ---- the users/me server: a LinkedIn profile with Latin names, and one with CJK, emoji, accents ----

const linkedin = (fields) =>
  JSON.stringify({
    object: 'AccountOwnerProfile',
    provider: 'LINKEDIN',
    provider_id: 'ACoAACr-1eYBl',
    entity_urn: 'urn:li:fsd_profile:ACoAACr-1eYBl',
    object_urn: 'urn:li:person:ACoAACr-1eYBl',
    profile_picture_url: 'https://media.licdn.com/profile.jpg',
    public_profile_url: 'https://www.linkedin.com/in/ada-lovelace',
    public_identifier: 'ada-lovelace',
    email: 'ada@postpress.ai',
    premium: true,
    open_profile: false,
    recruiter: { owner_seat_id: 'seat_1', contract_id: 'ct_1' },
    sales_navigator: null,
    ...fields,
  });
const profiles = {
  acc_latin: linkedin({
    first_name: 'Ada',
    last_name: 'Lovelace',
    headline: 'Founder at postpress',
    location: 'San Francisco, CA',
    occupation: 'Founder at postpress',
    organizations: [{ id: 'org_1337', mailbox_id: 'mb_1', name: 'postpress' }],
  }),
  acc_intl: linkedin({
    first_name: '山田',
    last_name: 'Zoë Dura\u0301nd 🧑‍💻',
    headline: 'Fondatrice · 創業者 — ポストプレス 🚀',
    location: 'Zürich 🇨🇭 / 東京',
    occupation: 'Directrice générale 👩🏽‍💼',
    organizations: [
      { id: 'org_1', mailbox_id: 'mb_1', name: '株式会社ポストプレス' },
      { id: 'org_2', mailbox_id: 'mb_2', name: 'Café Ñandú ☕️' },
    ],
  }),
};
const server = createServer((req, res) => {
  const id = new URL(req.url, 'http://x').searchParams.get('account_id');
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(profiles[id] ?? profiles.acc_latin);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// ---- the floors ----

const getScript = join(work, 'http-get.mjs');
// the ~10 lines of node:http any Node CLI needs for one GET whose JSON it prints
writeFileSync(
  getScript,
  `import { get } from 'node:http';
get(process.argv[2], { headers: { 'x-api-key': process.env.PP_API_KEY, accept: 'application/json' } }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c) => { body += c; });
  res.on('end', () => { process.stdout.write(JSON.stringify(JSON.parse(body), null, 2) + '\\n'); });
});
`,
);
const pagerScript = join(work, 'page.mjs');
// pages the accounts list with node:http and prints each item as one JSON line
writeFileSync(
  pagerScript,
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

// ---- the builds ----

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim();
}

const short = (ref) => sh('git', ['rev-parse', '--short', ref], root);
const builds = [
  { label: `this (${short('HEAD')}${sh('git', ['status', '--porcelain'], root) ? '+' : ''})`, root },
];
let cleanupRef = () => {};
if (opts.against) {
  const sha = sh('git', ['rev-parse', '--verify', `${opts.against}^{commit}`], root);
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-ref-'));
  console.error(`building ${opts.against} (${sha.slice(0, 7)}) in ${dir} …`);
  sh('git', ['worktree', 'add', '--detach', dir, sha], root);
  cleanupRef = () => {
    spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const sameDeps =
      readFileSync(join(root, 'package-lock.json'), 'utf8') ===
      readFileSync(join(dir, 'package-lock.json'), 'utf8');
    if (sameDeps) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    else sh('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], dir);
    sh('npm', ['run', 'build'], dir);
  } catch (err) {
    cleanupRef();
    throw err;
  }
  builds.push({ label: `${opts.against} (${sha.slice(0, 7)})`, root: dir, sha });
}

// Each build gets a config folder holding the key in the file, in the top-level shape every version
// reads (later ones as the profile `default`), and a state folder for `pp status`.
for (const [i, b] of builds.entries()) {
  b.bin = join(b.root, 'bin/pp.js');
  b.config = join(work, `config-${i}`);
  b.state = join(work, `state-${i}`);
  mkdirSync(b.config, { mode: 0o700 });
  mkdirSync(b.state, { mode: 0o700 });
  writeFileSync(join(b.config, 'config.json'), JSON.stringify({ apiKey: KEY }), { mode: 0o600 });
}

const fleet = await sandboxOf(builds[0].bin, '--accounts', '10000');

// ---- the cases ----

const ppVariables = ['PP_CONFIG_DIR', 'PP_STATE_DIR', 'PP_BASE_URL'];
const start = [
  { id: 'whoami', name: 'pp whoami --json', args: ['whoami', '--account', 'acc_latin', '--json'] },
  { id: 'profile', name: 'pp profile (table), Latin names', args: ['profile', 'acc_latin'] },
  { id: 'profile-intl', name: 'pp profile (table), CJK, emoji, accents', args: ['profile', 'acc_intl'] },
  { id: 'version', name: 'pp --version', args: ['--version'] },
  { id: 'complete', name: 'pp __complete accounts -- acc_', args: ['__complete', 'accounts', '--', 'acc_'] },
  { id: 'help', name: 'pp --help', args: ['--help'] },
];
const fleetCases = [
  { id: 'accounts', name: 'pp accounts --json, 10,000 accounts', args: ['accounts', '--json'], fleet: true },
  // the generated workspace has accounts that need action: pp status exits 5
  {
    id: 'status',
    name: 'pp status --json, 10,000 accounts',
    args: ['status', '--json'],
    fleet: true,
    codes: [5],
  },
  // the same without its memory (issue 21 came after the goal was set): what the memory costs
  {
    id: 'status-nostate',
    name: 'pp status --json --no-state, 10,000 accounts',
    args: ['status', '--json', '--no-state'],
    fleet: true,
    codes: [5],
  },
];
const floors = [
  { id: 'node', name: 'node -e 0', args: ['-e', '0'], env: minimalEnv() },
  {
    id: 'get',
    name: 'node:http GET (floor)',
    args: [getScript, `${base}/api/v1/users/me?account_id=acc_latin`],
  },
  { id: 'pager', name: 'node:http pager, 10,000 accounts', args: [pagerScript, fleet.url], fleet: true },
];
for (const f of floors) f.env ??= minimalEnv({ PP_API_KEY: KEY });

/** Every process to measure: each pp case once per build, and the floors. */
const runs = [
  ...floors.map((f) => ({ ...f, key: f.id, build: undefined })),
  ...builds.flatMap((b, i) =>
    [...start, ...fleetCases].map((c) => ({
      ...c,
      key: `${c.id}#${i}`,
      build: i,
      args: [b.bin, ...c.args],
      env: minimalEnv({
        PP_CONFIG_DIR: b.config,
        PP_STATE_DIR: b.state,
        PP_BASE_URL: c.fleet ? fleet.url : base,
      }),
    })),
  ),
];

// Once each: warms the file cache, and finds what a build cannot run (an older build without
// `pp accounts`): that row shows a dash for it.
for (const r of runs) {
  const res = await measure(r.args, { env: r.env });
  r.ok = res.code === 0 || (r.codes ?? []).includes(res.code);
  if (!r.ok && r.build === 0) throw new Error(`${r.name} exited ${res.code}: ${res.stderr}`);
  r.ms = [];
  r.mb = [];
}

const loadBefore = loadavg()[0];
const startedAt = performance.now();
async function rounds(group, n) {
  for (let round = 0; round < n; round++) {
    // a different order each round: no command always runs just after the same other one
    const order = group.filter((r) => r.ok);
    const shift = round % order.length;
    for (const r of [...order.slice(shift), ...order.slice(0, shift)]) {
      const res = await measure(r.args, { env: r.env });
      if (res.code !== 0 && !(r.codes ?? []).includes(res.code))
        throw new Error(`${r.name} exited ${res.code}: ${res.stderr}`);
      r.ms.push(res.ms);
      r.mb.push(res.peakMb);
    }
  }
}
await rounds(
  runs.filter((r) => !r.fleet),
  startRounds,
);
await rounds(
  runs.filter((r) => r.fleet),
  fleetRounds,
);
fleet.stop();
server.close();
const loadAfter = loadavg()[0];
const seconds = (performance.now() - startedAt) / 1000;

// ---- the tables ----

const byKey = Object.fromEntries(runs.map((r) => [r.key, r]));
const get = (id, build) => byKey[build === undefined ? id : `${id}#${build}`];
const med = (r, what = 'ms') => median(r[what]);
/** The median of the per-round ratios (both ran in every round, one after the other). */
const paired = (a, b, what = 'ms') => median(a[what].map((x, i) => x / b[what][i]));
const fmt = (x) => `${x.toFixed(2)}×`;

const goals = [
  { id: 'whoami', floor: 'get', max: 1.2, ref: 1.0 },
  { id: 'profile', floor: 'get', max: 1.5, ref: 1.0 },
  { id: 'profile-intl', floor: 'get', max: 1.5, ref: 1.0 },
  { id: 'version', floor: 'node', max: 1.15 },
  { id: 'complete', floor: 'node', max: 1.15 },
  { id: 'help', floor: 'node', max: 1.2 },
  { id: 'accounts', floor: 'pager', max: 1.3 },
  { id: 'status', floor: 'accounts', max: 1.1 },
  { id: 'status-nostate', floor: 'accounts', max: 1.1 },
  { id: 'whoami', floor: 'get', max: 1.15, memory: true },
];

console.log(
  `npm run bench: Node ${process.version}, ${cpus().length} cores, load ${loadBefore.toFixed(2)} before and ${loadAfter.toFixed(2)} after (${seconds.toFixed(0)} s)`,
);
console.log(envHeader(ppVariables));
console.log(
  `${startRounds} interleaved rounds of the start-up rows, ${fleetRounds} of the 10,000-account rows; the key in the config file (plain text), a loopback server.`,
);
if (loadBefore > cpus().length / 2)
  console.log('Note: the machine was busy when the bench started; run it again when it is idle.');

for (const [i, b] of builds.entries()) {
  console.log(`\n${i === 0 ? 'This build' : 'The build of'} ${b.label}\n`);
  console.log('| command | median | against | its median | ratio | per round | goal |');
  console.log('|---|---:|---|---:|---:|---:|---|');
  for (const g of goals) {
    const row = get(g.id, i);
    const floor = g.floor === 'accounts' ? get('accounts', i) : get(g.floor);
    if (!row.ok || !floor.ok) {
      console.log(`| ${row.name} | — | ${floor.name} | | | | not in this build |`);
      continue;
    }
    const what = g.memory ? 'mb' : 'ms';
    const unit = g.memory ? ' MB' : ' ms';
    const ratio = med(row, what) / med(floor, what);
    console.log(
      `| ${g.memory ? `peak RSS of ${row.name}` : row.name} | ${med(row, what).toFixed(g.memory ? 1 : 0)}${unit} | ${floor.name} | ${med(floor, what).toFixed(g.memory ? 1 : 0)}${unit} | ${fmt(ratio)} | ${fmt(paired(row, floor, what))} | ≤ ${g.max}× ${ratio <= g.max ? '✓' : '✗'} |`,
    );
  }
}

if (builds.length === 2) {
  const ref = builds[1];
  const isGoalRef = ref.sha?.startsWith('9a3259b');
  console.log(
    `\nA/B: ${builds[0].label} against ${ref.label}, the same rounds (ratio < 1: this build is faster)\n`,
  );
  console.log('| command | this | ref | ratio of medians | per round (paired) | goal |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const c of [...start, ...fleetCases]) {
    const a = get(c.id, 0);
    const b = get(c.id, 1);
    if (!b.ok) {
      console.log(`| ${c.name} | ${med(a).toFixed(0)} ms | — | | | not in ${ref.label} |`);
      continue;
    }
    const g = goals.find((x) => x.id === c.id && !x.memory);
    const ratio = med(a) / med(b);
    const goal = g?.ref && isGoalRef ? `≤ ${g.ref}× ${ratio <= g.ref ? '✓' : '✗'}` : '';
    console.log(
      `| ${c.name} | ${med(a).toFixed(0)} ms | ${med(b).toFixed(0)} ms | ${fmt(ratio)} | ${fmt(paired(a, b))} | ${goal} |`,
    );
  }
  const a = get('whoami', 0);
  const b = get('whoami', 1);
  console.log(
    `| peak RSS of pp whoami --json | ${med(a, 'mb').toFixed(1)} MB | ${med(b, 'mb').toFixed(1)} MB | ${fmt(med(a, 'mb') / med(b, 'mb'))} | ${fmt(paired(a, b, 'mb'))} | |`,
  );
}
cleanupRef();

if (opts.all) {
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
