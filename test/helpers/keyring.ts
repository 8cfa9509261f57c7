// A private Secret Service for keychain tests: its own D-Bus session bus and an unlocked
// gnome-keyring on it, in a temporary home, so no test touches the keychain of whoever runs it.
// The binding reads the process environment, so keychain tests run pp as a child process with
// `env`. stop() ends the bus; gnome-keyring-daemon leaves with it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './run.js';

export interface PrivateKeyring {
  /** The variables that lead to it: DBUS_SESSION_BUS_ADDRESS, and the home it keeps its files in. */
  env: Record<string, string>;
  /** The secret stored for `username` under `service`, or undefined. */
  lookup(service: string, username: string): string | undefined;
  /** Stores `secret` for `username` under `service`, as another program would. */
  store(service: string, username: string, secret: string): void;
  /** Locks its default collection (as a screen lock would); unlocking needs a prompt pp cannot show. */
  lock(): void;
  stop(): void;
}

export function startKeyring(): PrivateKeyring {
  const home = tempDir('pp-keyring-');
  const runtime = join(home, 'run');
  mkdirSync(runtime);
  chmodSync(runtime, 0o700);
  const base = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: runtime };
  const bus = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], {
    env: base,
    encoding: 'utf8',
  });
  const [address, pid] = bus.stdout.trim().split('\n');
  if (bus.status !== 0 || !address || !pid) throw new Error(`dbus-daemon did not start: ${bus.stderr}`);
  const env = { DBUS_SESSION_BUS_ADDRESS: address, HOME: home, XDG_DATA_HOME: base.XDG_DATA_HOME };
  const all = { ...base, ...env };
  // the password unlocks (and first creates) the login collection, where secrets go by default
  const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], {
    env: all,
    input: 'test-password',
    encoding: 'utf8',
  });
  if (keyring.status !== 0) throw new Error(`gnome-keyring-daemon did not start: ${keyring.stderr}`);
  return {
    env,
    lookup(service, username) {
      const r = spawnSync('secret-tool', ['lookup', 'service', service, 'username', username], {
        env: all,
        encoding: 'utf8',
      });
      return r.status === 0 ? r.stdout : undefined;
    },
    store(service, username, secret) {
      const r = spawnSync(
        'secret-tool',
        ['store', '--label', 'pp test', 'service', service, 'username', username],
        {
          env: all,
          input: secret,
          encoding: 'utf8',
        },
      );
      if (r.status !== 0) throw new Error(`secret-tool store failed: ${r.stderr}`);
    },
    lock() {
      const r = spawnSync(
        'dbus-send',
        [
          '--session',
          '--dest=org.freedesktop.secrets',
          '--type=method_call',
          '--print-reply',
          '/org/freedesktop/secrets',
          'org.freedesktop.Secret.Service.Lock',
          'array:objpath:/org/freedesktop/secrets/collection/login',
        ],
        { env: all, encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`could not lock the keyring: ${r.stderr}`);
    },
    stop() {
      try {
        process.kill(Number(pid), 'SIGTERM');
      } catch {
        // gone already
      }
    },
  };
}
