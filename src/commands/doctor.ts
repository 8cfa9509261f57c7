// `pp doctor`: what is wrong with this setup, one line a check (✓ fine, ! worth fixing, ✗ failed)
// with what was found and the fix. It reads and asks, and changes nothing: a config folder pp would
// make 0700 on its next write is only reported. One request at most (the key check), with no
// retries, so that it ends within --timeout even with the network down.
import { statSync } from 'node:fs';
import { type Answered, proxyVariablesSet } from '../api/client.js';
import { openClient } from '../api/open.js';
import { proxyFor } from '../api/proxy.js';
import {
  configDir,
  configPath,
  judgeFolder,
  octal,
  readConfig,
  type StoredConfig,
  type StoredProfile,
} from '../config/file.js';
import { sessionBusPresent } from '../config/keychain.js';
import { type KeySetting, SANDBOX_KEY, type Setting } from '../config/settings.js';
import type { Context } from '../context.js';
import { ExitCode, PpError } from '../errors.js';
import { keyKind, maskKey } from '../key.js';
import type { Tone } from '../output/model.js';
import { painter } from '../output/render.js';
import { neutralize } from '../output/showable.js';
import { Table } from '../output/table.js';
import { displayWidth } from '../output/width.js';
import { defineCommand, examples } from './command.js';

type Status = 'ok' | 'warning' | 'failed';

interface Check {
  /** A stable name for scripts (`--json`). */
  check: string;
  label: string;
  status: Status;
  found: string;
  fix?: string | undefined;
  /** What pp exits with when this is the first failure. */
  exitCode?: number | undefined;
}

const ok = (check: string, label: string, found: string): Check => ({ check, label, status: 'ok', found });

const warning = (check: string, label: string, found: string, fix: string): Check => ({
  check,
  label,
  status: 'warning',
  found,
  fix,
});

/** A failed check, from the error pp would have stopped with: its words, its hint, its code. */
function failed(check: string, label: string, err: unknown): Check {
  if (!(err instanceof PpError)) throw err;
  return { check, label, status: 'failed', found: err.message, fix: err.hint, exitCode: err.exitCode };
}

const errCode = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? 'error';

const cannot = (what: string, err: unknown): PpError =>
  new PpError({ exitCode: ExitCode.config, message: `cannot read ${what} (${errCode(err)})` });

/** The folder: the caller's and closed (0700), or why a key should not go there. */
function folderCheck(env: Context['env']): Check {
  const label = 'Config folder';
  let dir: string;
  try {
    dir = configDir(env);
  } catch (err) {
    return failed('config_folder', label, err);
  }
  try {
    const stats = statSync(dir); // a symlinked folder is the user's choice; its target is judged, as on write
    const verdict = judgeFolder(dir, stats);
    if (verdict instanceof PpError) return failed('config_folder', label, verdict);
    const found = `${dir} (mode ${octal(stats.mode)})`;
    return verdict === 'loose'
      ? warning(
          'config_folder',
          label,
          `${found} is open to other users`,
          `chmod 700 ${dir} (pp does it too the next time it writes there)`,
        )
      : ok('config_folder', label, found);
  } catch (err) {
    if (errCode(err) === 'ENOENT')
      return ok('config_folder', label, `${dir} (not made yet; pp makes it 0700)`);
    return failed('config_folder', label, cannot(`the config folder ${dir}`, err));
  }
}

/** The file: readable and pp's to trust (every refusal readConfig makes), and private if it holds the key. */
function fileCheck(env: Context['env']): { check: Check; stored: StoredConfig } {
  const label = 'Config file';
  let path: string;
  let stored: StoredConfig;
  try {
    path = configPath(env);
    stored = readConfig(env);
  } catch (err) {
    return { check: failed('config_file', label, err), stored: { profiles: new Map() } };
  }
  try {
    const stats = statSync(path);
    const found = `${path} (mode ${octal(stats.mode)})`;
    if ([...stored.profiles.values()].some((p) => p.apiKey) && stats.mode & 0o044) {
      return {
        check: warning(
          'config_file',
          label,
          `${found} holds the key and others can read it`,
          `chmod 600 ${path}`,
        ),
        stored,
      };
    }
    return { check: ok('config_file', label, found), stored };
  } catch (err) {
    if (errCode(err) === 'ENOENT') return { check: ok('config_file', label, `${path} (none yet)`), stored };
    return { check: failed('config_file', label, cannot(`the config file ${path}`, err)), stored };
  }
}

/** `--profile name` for a command to give, unless it is the default profile's. */
const profileFlag = (profile: string): string => (profile === 'default' ? '' : ` --profile ${profile}`);

/** Which profile the checks are about and why: the workspace a person is looking at. */
function profileCheck(ctx: Context): Check {
  const label = 'Profile';
  try {
    const { name, source } = ctx.settings.profileChoice();
    ctx.settings.profile(); // one that does not exist is exit 3, as for every command
    const from =
      source === 'flag'
        ? 'from --profile'
        : source === 'environment'
          ? 'from PP_PROFILE'
          : source === 'file'
            ? "the config file's active one"
            : 'the default';
    return ok('profile', label, `${name} (${from})`);
  } catch (err) {
    return failed('profile', label, err);
  }
}

/** Where the key comes from and how it is kept (the profile's file, keychain entry or command). */
async function keyCheck(ctx: Context): Promise<{ check: Check; key: KeySetting | undefined }> {
  const label = 'API key';
  let key: KeySetting | undefined;
  try {
    key = await ctx.settings.apiKey({ clock: ctx.clock, signal: ctx.signal });
  } catch (err) {
    return { check: failed('api_key', label, err), key: undefined };
  }
  if (!key) {
    if (ctx.sandbox) {
      const sandboxKey: KeySetting = { value: SANDBOX_KEY, origin: { storage: 'sandbox' } };
      return { check: ok('api_key', label, 'none needed: the sandbox takes any key'), key: sandboxKey };
    }
    return {
      check: failed(
        'api_key',
        label,
        new PpError({
          exitCode: ExitCode.config,
          message: `no API key in profile ${ctx.settings.profileChoice().name} or PP_API_KEY`,
          hint: 'Run `pp config set-key` and paste the key (it is not echoed).',
        }),
      ),
      key,
    };
  }
  ctx.io.addSecret(key.value, maskKey(key.value));
  const found = keyKind(key.value);
  const masked = `${maskKey(key.value)}${found ? ` (a ${found} key)` : ''}`;
  const origin = key.origin;
  switch (origin.storage) {
    case 'environment':
      return { check: ok('api_key', label, `${masked} from PP_API_KEY`), key };
    case 'keychain':
      return { check: ok('api_key', label, `${masked} in the keychain (profile ${origin.profile})`), key };
    case 'command':
      return {
        check: ok(
          'api_key',
          label,
          `${masked} from the command \`${neutralize(origin.command)}\` (profile ${origin.profile})`,
        ),
        key,
      };
    case 'sandbox':
      return { check: ok('api_key', label, 'none needed: the sandbox takes any key'), key };
    case 'file':
      return {
        check: warning(
          'api_key',
          label,
          `${masked} in the config file, in plain text (profile ${origin.profile})`,
          // the advice this machine can follow: a keychain only where a Secret Service can answer
          sessionBusPresent(ctx.env)
            ? `Anyone who can read that file as you can use the key: store it in the keychain with \`pp${profileFlag(origin.profile)} config set-key\`, or pass it in PP_API_KEY from a secret store.`
            : `Anyone who can read that file as you can use the key, and no keychain is reachable here (no D-Bus session): keep it behind a command with \`pp${profileFlag(origin.profile)} config set-key-command 'pass show postpress'\`, or pass it in PP_API_KEY from a secret store.`,
        ),
        key,
      };
  }
}

/** PP_* variables set, and which of them hide a value stored in the config file. */
function environmentCheck(ctx: Context, stored: StoredConfig): Check {
  const label = 'Environment';
  const env = ctx.env;
  const set = (name: string) => Boolean(env[name]?.trim());
  const names = [
    'PP_API_KEY',
    'PP_ACCOUNT_ID',
    'PP_BASE_URL',
    'PP_CONFIG_DIR',
    'PP_PROFILE',
    'PP_SANDBOX',
  ].filter(set);
  let profile: StoredProfile = {};
  try {
    profile = stored.profiles.get(ctx.settings.profileChoice().name) ?? {};
  } catch {
    // a profile name pp refuses: the key check says so
  }
  const storedKey = profile.apiKey ?? profile.keychain ?? profile.keyCommand;
  const hiding = (
    [
      ['PP_API_KEY', 'apiKey'],
      ['PP_ACCOUNT_ID', 'accountId'],
      ['PP_BASE_URL', 'baseUrl'],
    ] as const
  ).filter(([name, key]) => {
    const value = key === 'apiKey' ? storedKey : profile[key];
    return set(name) && value !== undefined && value.trim() !== env[name]?.trim();
  });
  if (hiding.length > 0) {
    const which = hiding.map(([name, key]) => `${name} overrides the config file's ${key}`).join('; ');
    return warning(
      'environment',
      label,
      which,
      `Unset ${hiding.map(([name]) => name).join(' and ')} to use the config file, or update the file.`,
    );
  }
  return ok('environment', label, names.length === 0 ? 'no PP_* variable set' : `${names.join(', ')} set`);
}

/** The base URL, the proxy in use, whether it answers (and over verified TLS), the key, the clock. */
async function networkChecks(ctx: Context, key: KeySetting | undefined): Promise<Check[]> {
  const checks: Check[] = [];
  let base: Setting;
  try {
    base = ctx.settings.baseUrl(ctx.globals.baseUrl);
  } catch (err) {
    return [failed('base_url', 'Base URL', err)];
  }
  const url = new URL(base.value);
  const origin = {
    flag: '--base-url',
    environment: 'PP_BASE_URL',
    file: 'the config file',
    default: 'the default',
    sandbox: '',
  }[base.source];
  checks.push(
    ok(
      'base_url',
      'Base URL',
      ctx.sandbox ? 'the built-in sandbox (--sandbox)' : `${base.value} (from ${origin})`,
    ),
  );
  if (!ctx.sandbox) {
    const proxy = await proxyCheck(ctx, url);
    checks.push(proxy);
    if (proxy.status === 'failed') return checks;
  }

  let answered: Answered | undefined;
  let error: unknown;
  const started = ctx.clock.now();
  try {
    const client = await openClient(ctx, {
      retries: 0,
      apiKey: key?.value ?? '',
      observe: (answer) => {
        answered ??= answer;
      },
    });
    await client.fetchAccountPage(1, undefined);
  } catch (err) {
    error = err;
  }
  const where = ctx.sandbox ? 'the sandbox' : url.host;
  if (!answered) {
    checks.push(failed('reachable', 'Reachable', error));
    return checks;
  }
  checks.push(ok('reachable', 'Reachable', `${where} answered HTTP ${answered.status} in ${answered.ms} ms`));
  checks.push(
    url.protocol === 'https:' && !ctx.sandbox
      ? ok('tls', 'TLS', `the certificate of ${url.hostname} is valid and trusted`)
      : ok('tls', 'TLS', 'plain http to a loopback address: nothing leaves this machine'),
  );
  if (key) {
    checks.push(
      error === undefined
        ? ok('key_accepted', 'Key accepted', `${where} listed the accounts with this key`)
        : failed('key_accepted', 'Key accepted', error),
    );
  }
  checks.push(clockCheck(answered, started));
  return checks;
}

async function proxyCheck(ctx: Context, url: URL): Promise<Check> {
  const label = 'Proxy';
  if (url.protocol !== 'https:') return ok('proxy', label, 'none: a loopback address is never proxied');
  if (!proxyVariablesSet(ctx.env)) return ok('proxy', label, 'none (HTTPS_PROXY is not set)');
  try {
    const proxy = proxyFor(url, ctx.env);
    // the proxy's address only: a user name or password in the variable stays unsaid
    return ok(
      'proxy',
      label,
      proxy ? `through ${proxy.protocol}//${proxy.host}` : `none: NO_PROXY lists ${url.hostname}`,
    );
  } catch (err) {
    return failed('proxy', label, err);
  }
}

/** The server's Date against this machine's clock; whole seconds, as a Date header has. */
function clockCheck(answered: Answered, started: number): Check {
  const label = 'Clock';
  const server = answered.date === null ? Number.NaN : Date.parse(answered.date);
  if (Number.isNaN(server)) return ok('clock', label, 'not compared: the server sent no Date header');
  // the server dated its answer between the request and its arrival: the nearer end counts
  const skew = server < started - 1000 ? server - started : server > answered.at ? server - answered.at : 0;
  const seconds = Math.round(Math.abs(skew) / 1000);
  if (seconds <= 60) return ok('clock', label, `within ${Math.max(1, seconds)} s of the server's`);
  return warning(
    'clock',
    label,
    `${seconds} s ${skew > 0 ? 'behind' : 'ahead of'} the server's`,
    'Set the clock from the network (timedatectl set-ntp true); times and rate-limit waits are read against it.',
  );
}

const marks: Record<Status, { mark: string; tone: Tone }> = {
  ok: { mark: '✓', tone: 'ok' },
  warning: { mark: '!', tone: 'warn' },
  failed: { mark: '✗', tone: 'bad' },
};

export default defineCommand({
  path: ['doctor'],
  define: (cmd) =>
    cmd.description('check the setup: config file, key, network, TLS, proxy, clock').addHelpText(
      'after',
      `${examples('pp doctor', 'pp doctor --json | jq -r \'.checks[] | select(.status != "ok") | .fix\'')}
One line a check: ✓ fine, ! worth fixing, ✗ failed. One
request (GET /api/v1/accounts?limit=1, no retries). Exit 0
when nothing failed, else the code of the first failure.
`,
    ),
  async run(ctx) {
    const folder = folderCheck(ctx.env);
    const file = fileCheck(ctx.env);
    const key = await keyCheck(ctx);
    const checks = [
      folder,
      file.check,
      // which profile: read from that file, so nothing more to say when it cannot be read
      ...(file.check.status === 'failed' ? [] : [profileCheck(ctx)]),
      key.check,
      environmentCheck(ctx, file.stored),
      ...(await networkChecks(ctx, key.key)),
    ];
    const code = checks.find((c) => c.status === 'failed')?.exitCode ?? 0;
    if (ctx.globals.json) {
      await ctx.result('', {
        ok: code === 0,
        exit_code: code,
        checks: checks.map(({ check, status, found, fix }) => ({ check, status, found, fix: fix ?? null })),
      });
      return code;
    }
    const p = painter(ctx.io.stdoutColor);
    const labelWidth = Math.max(...checks.map((c) => displayWidth(c.label)));
    const table = new Table({
      style: 'plain',
      gap: 1,
      columns: [
        { width: 1 },
        { width: labelWidth + 1 },
        { width: Math.max(20, ctx.io.columns - labelWidth - 4) },
      ],
    });
    const lines = checks.map((c) => {
      const { mark, tone } = marks[c.status];
      const text = c.fix ? `${c.found}\n→ ${c.fix}` : c.found;
      return table.row([mark, c.label, text], (t, column) =>
        column === 0 ? p.tone(tone, t) : column === 1 ? p.label(t) : t,
      );
    });
    await ctx.io.out(lines.join(''));
    return code;
  },
});
