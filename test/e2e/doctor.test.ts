// `pp doctor`: one line a check, the exit code of the first failure, nothing changed, the key never
// shown, and an end within --timeout when the network is down.
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultServer, hang, json, problem } from '../helpers/fault-server.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_01HXYZdoctorKeyMaterial8GR2';
const asRoot = process.getuid?.() === 0;

const server = FaultServer.forTests();

/** A fresh config folder of the caller's, 0700, with `config` in it when given. */
function folder(config?: Record<string, string>, mode = 0o600): string {
  const dir = join(tempDir('pp-doctor-'), 'postpress');
  mkdirSync(dir, { mode: 0o700 });
  if (config) {
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    chmodSync(join(dir, 'config.json'), mode);
  }
  return dir;
}

/** The lines of the report, by label: [mark, rest]. */
function lines(stdout: string): Map<string, string> {
  const found = new Map<string, string>();
  let last = '';
  for (const line of stdout.split('\n')) {
    const m = /^([✓!✗]) (\S+(?: \S+)?)\s{2,}(.*)$/.exec(line);
    if (m) {
      last = m[2]!;
      found.set(last, `${m[1]} ${m[3]}`);
    } else if (line.trim() && last) found.set(last, `${found.get(last)} ${line.trim()}`);
  }
  return found;
}

interface Report {
  ok: boolean;
  exit_code: number;
  checks: { check: string; status: string; found: string; fix: string | null }[];
}

describe('pp doctor', () => {
  it('against the sandbox on a fresh machine: every check ✓, exit 0', async () => {
    const r = await pp(['--sandbox', 'doctor']);
    expect(r.code).toBe(0);
    const report = lines(r.stdout);
    expect([...report.keys()]).toEqual([
      'Config folder',
      'Config file',
      'Profile',
      'API key',
      'Environment',
      'Base URL',
      'Reachable',
      'TLS',
      'Key accepted',
      'Clock',
    ]);
    for (const [label, text] of report) expect(text.startsWith('✓'), `${label}: ${text}`).toBe(true);
    expect(report.get('Profile')).toBe('✓ default (the default)');
    expect(r.stderr).toBe('');
  });

  it('names the profile it checks, and one that does not exist is ✗ exit 3', async () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ profiles: { acme: { apiKey: 'pp_test_acme1234' } } }),
      {
        mode: 0o600,
      },
    );
    const acme = await pp(['--sandbox', '--profile', 'acme', 'doctor'], {
      env: baseEnv({ PP_CONFIG_DIR: dir }),
    });
    expect(lines(acme.stdout).get('Profile')).toBe('✓ acme (from --profile)');
    const typo = await pp(['--sandbox', 'doctor'], {
      env: baseEnv({ PP_CONFIG_DIR: dir, PP_PROFILE: 'acmee' }),
    });
    expect(typo.code).toBe(3);
    expect(lines(typo.stdout).get('Profile')).toMatch(/^✗ there is no profile "acmee" \(from PP_PROFILE\)/);
  });

  it('advises only what this machine can do with a key kept in plain text', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ apiKey: 'pp_test_plain1234' }), { mode: 0o600 });
    // no session bus here (baseEnv drops it): no keychain to advise
    const none = await pp(['--sandbox', 'doctor'], { env: baseEnv({ PP_CONFIG_DIR: dir }) });
    expect(lines(none.stdout).get('API key')).toMatch(
      /no keychain is reachable here.*config set-key-command/s,
    );
    const bus = await pp(['--sandbox', 'doctor'], {
      env: baseEnv({ PP_CONFIG_DIR: dir, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nowhere' }),
    });
    expect(lines(bus.stdout).get('API key')).toMatch(/store it in the keychain with `pp config set-key`/);
  });

  it('a refused key: ✗ with the server’s reason, exit 4, and the key never shown', async () => {
    const r = await pp(['--sandbox', 'doctor'], { env: baseEnv({ PP_API_KEY: 'pp_test_rejected' }) });
    expect(r.code).toBe(4);
    expect(lines(r.stdout).get('Key accepted')).toMatch(
      /^✗ Invalid credentials \(errors\/invalid_credentials, HTTP 401\)/,
    );
    expect(lines(r.stdout).get('Reachable')).toMatch(/^✓ the sandbox answered HTTP 401/);
  });

  it('a key in the config file: its storage is worth fixing (!), masked, and the exit is still 0', async () => {
    server.script(json({ items: [], cursor: null }));
    const dir = folder({ apiKey: KEY, baseUrl: server.origin });
    const r = await pp(['doctor', '--json'], { env: baseEnv({ PP_CONFIG_DIR: dir }) });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(KEY);
    expect(r.stdout).not.toContain('doctorKey');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.ok).toBe(true);
    const key = report.checks.find((c) => c.check === 'api_key')!;
    expect(key.status).toBe('warning');
    expect(key.found).toBe('pp_live_…8GR2 (a live key) in the config file, in plain text (profile default)');
    expect(report.checks.find((c) => c.check === 'key_accepted')!.status).toBe('ok');
    // the key was sent: the check is real
    expect(server.requests.at(-1)!.url).toBe('/api/v1/accounts?limit=1');
    expect(server.requests.at(-1)!.headers['x-api-key']).toBe(KEY);
  });

  it('a config file others can read while it holds the key, and PP_BASE_URL hiding the file’s: both !', async () => {
    server.script(json({ items: [], cursor: null }));
    const dir = folder({ apiKey: KEY, baseUrl: 'https://api.example' }, 0o644);
    const r = await pp(['doctor'], { env: baseEnv({ PP_CONFIG_DIR: dir, PP_BASE_URL: server.origin }) });
    expect(r.code).toBe(0);
    const report = lines(r.stdout);
    expect(report.get('Config file')).toMatch(
      /^! .*mode 0644\) holds the key and others can read it → chmod 600 /,
    );
    expect(report.get('Environment')).toMatch(/^! PP_BASE_URL overrides the config file's baseUrl/);
    expect(report.get('Base URL')).toBe(`✓ ${server.origin} (from PP_BASE_URL)`);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o644); // reported, not changed
  });

  it('a folder of the caller’s open to others: ! and left as it is; a shared one: ✗ exit 3', async () => {
    const open = folder();
    chmodSync(open, 0o755);
    let r = await pp(['--sandbox', 'doctor'], { env: baseEnv({ PP_CONFIG_DIR: open }) });
    expect(r.code).toBe(0);
    expect(lines(r.stdout).get('Config folder')).toMatch(
      /^! .*\(mode 0755\) is open to other users → chmod 700 /,
    );
    expect(statSync(open).mode & 0o777).toBe(0o755);

    const shared = tempDir('pp-doctor-shared-');
    chmodSync(shared, 0o1777);
    if (!asRoot) return; // a sticky world-writable folder of one's own is refused only when it is not the caller's
    chownSync(shared, 65534, 65534);
    r = await pp(['--sandbox', 'doctor'], { env: baseEnv({ PP_CONFIG_DIR: shared }) });
    expect(r.code).toBe(3);
    expect(lines(r.stdout).get('Config folder')).toMatch(/^✗ the config folder .* is owned by uid 65534/);
  });

  it('a config file that is not JSON: ✗ exit 3, and what depends on the file is not guessed', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'config.json'), '{"apiKey": ');
    const r = await pp(['--sandbox', 'doctor', '--json'], { env: baseEnv({ PP_CONFIG_DIR: dir }) });
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.exit_code).toBe(3);
    expect(report.checks.find((c) => c.check === 'config_file')).toMatchObject({
      status: 'failed',
      fix: 'Fix or remove that file; pp leaves it untouched.',
    });
    // the key and the base URL may be in that file: both fail with it, and nothing is sent anywhere
    expect(report.checks.map((c) => `${c.check} ${c.status}`)).toEqual([
      'config_folder ok',
      'config_file failed',
      'api_key failed',
      'environment ok',
      'base_url failed',
    ]);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{"apiKey": ');
  });

  it('a config file that is a symlink (into another user’s folder, say): ✗ exit 3, not followed', async () => {
    const dir = folder();
    const elsewhere = join(tempDir('pp-doctor-other-'), 'config.json');
    writeFileSync(elsewhere, JSON.stringify({ baseUrl: 'https://planted.example' }));
    symlinkSync(elsewhere, join(dir, 'config.json'));
    const r = await pp(['--sandbox', 'doctor'], { env: baseEnv({ PP_CONFIG_DIR: dir }) });
    expect(r.code).toBe(3);
    expect(lines(r.stdout).get('Config file')).toMatch(
      /^✗ the config file .* is a symbolic link, which pp does not follow/,
    );
    expect(r.stdout).not.toContain('planted.example');
  });

  it('no key at all: ✗ exit 3, and the base URL is still tried', async () => {
    server.script(problem(401, 'errors/missing_credentials'));
    const r = await pp(['doctor'], { env: baseEnv({ PP_BASE_URL: server.origin }) });
    expect(r.code).toBe(3);
    const report = lines(r.stdout);
    expect(report.get('API key')).toMatch(/^✗ no API key .*→ Run `pp config set-key`/);
    expect(report.get('Reachable')).toMatch(/^✓ 127\.0\.0\.1:\d+ answered HTTP 401/);
    expect(report.has('Key accepted')).toBe(false);
  });

  it('the network down: ✗ exit 14 after one attempt, within --timeout', async () => {
    server.script(hang);
    const r = await pp(['doctor', '--timeout', '0.2', '--retries', '5'], {
      env: baseEnv({ PP_API_KEY: KEY, PP_BASE_URL: server.origin }),
    });
    expect(r.code).toBe(14);
    expect(server.requests).toHaveLength(1); // no retries, whatever --retries says
    expect(lines(r.stdout).get('Reachable')).toMatch(
      /^✗ network failure: no answer from 127\.0\.0\.1:\d+ within the 0\.2 s timeout/,
    );
    expect(r.stdout).not.toContain(KEY);
  });

  it('a refused connection through a proxy: the proxy is named without its password', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await pp(['doctor', '--timeout', '2'], {
      env: baseEnv({ PP_API_KEY: KEY, HTTPS_PROXY: `http://ops:hunter2@127.0.0.1:${port}` }),
    });
    expect(r.code).toBe(14);
    expect(lines(r.stdout).get('Proxy')).toBe(`✓ through http://127.0.0.1:${port}`);
    expect(r.stdout).not.toContain('hunter2');
    expect(lines(r.stdout).get('Reachable')).toMatch(
      /^✗ network failure: connection refused talking to the proxy/,
    );
  });

  it('a clock an hour behind the server’s: ! with how far', async () => {
    const clock = new FakeClock(Date.now() - 3_600_000);
    const r = await pp(['--sandbox', 'doctor'], { clock });
    expect(r.code).toBe(0);
    expect(lines(r.stdout).get('Clock')).toMatch(/^! 3(599|600) s behind the server's → Set the clock/);
  });
});
