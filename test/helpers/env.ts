// The environment a test runs pp in, and the fresh folders it needs: shared by run.ts (the child
// process) and pp.ts (in process), which must not import each other.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder for PP_CONFIG_DIR, so no test sees another's config. */
export const tempDir = (prefix = 'pp-test-'): string => mkdtempSync(join(tmpdir(), prefix));

/**
 * The environment a test starts from: no inherited PP_* variables, no colour, no proxy, no session
 * bus, a fresh config folder and a fresh state folder.
 */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(PP_|NO_COLOR|FORCE_COLOR|HTTPS?_PROXY|NO_PROXY|COLUMNS)/i.test(k)) continue;
    env[k] = v;
  }
  // no session bus: no test reaches the keychain of the user running it (keychain tests bring their own)
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.XDG_RUNTIME_DIR;
  // Every process a test starts would parse the machine's whole certificate bundle first (50-90 ms
  // of each node start here, some hundreds of starts a run); a test that needs a CA names its own.
  delete env.NODE_EXTRA_CA_CERTS;
  env.PP_CONFIG_DIR = tempDir('pp-config-');
  // pp status remembers what it saw: each test starts with nothing remembered, and never in the
  // state folder of the user running the tests
  env.PP_STATE_DIR = tempDir('pp-state-');
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}
