// The environment a test runs pp in, and the fresh folders it needs: shared by run.ts (the child
// process) and pp.ts (in process), which must not import each other.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder for PP_CONFIG_DIR, so no test sees another's config. */
export const tempDir = (prefix = 'pp-test-'): string => mkdtempSync(join(tmpdir(), prefix));

/** The environment a test starts from: no inherited PP_* variables, no colour, no proxy, no session bus. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(PP_|NO_COLOR|FORCE_COLOR|HTTPS?_PROXY|NO_PROXY|COLUMNS)/i.test(k)) continue;
    env[k] = v;
  }
  // no session bus: no test reaches the keychain of the user running it (keychain tests bring their own)
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.XDG_RUNTIME_DIR;
  env.PP_CONFIG_DIR = tempDir('pp-config-');
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}
