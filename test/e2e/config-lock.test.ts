// Writes to the config file are read-modify-write under a lock (config.json.lock, created O_EXCL),
// so pp commands run at once never lose each other's settings; a lock left by a pp that died is
// taken over.
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pp } from '../helpers/pp.js';
import { baseEnv, spawnPp, tempDir } from '../helpers/run.js';

describe('the config lock', () => {
  it('20 pp commands writing to different profiles at once: every write survives', async () => {
    const dir = tempDir('pp-lock-');
    const env = baseEnv({ PP_CONFIG_DIR: dir });
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ apiKey: 'pp_live_keptThroughItAll0000', mine: 1 }),
    );
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        spawnPp(['--profile', `p${i}`, 'config', 'set-account', `acc_${i}`], { env, timeoutMs: 30_000 }),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const stored = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(stored.mine).toBe(1);
    expect(stored.profiles.default).toEqual({ apiKey: 'pp_live_keptThroughItAll0000' });
    for (let i = 0; i < 20; i++) expect(stored.profiles[`p${i}`]).toEqual({ accountId: `acc_${i}` });
    expect(readdirSync(dir)).toEqual(['config.json']); // no lock and no temp file left behind
  }, 30_000);

  it('a lock left by a process that is gone, or older than 10 s, is taken over', async () => {
    for (const [content, age] of [
      ['999999999\n', 0], // no such process
      [`${process.pid}\n`, 60], // alive, but no write holds the lock for a minute
    ] as const) {
      const dir = tempDir('pp-stale-');
      const lock = join(dir, 'config.json.lock');
      writeFileSync(lock, content);
      if (age) utimesSync(lock, new Date(Date.now() - age * 1000), new Date(Date.now() - age * 1000));
      const r = await pp(['config', 'set-account', 'acc_1'], { env: baseEnv({ PP_CONFIG_DIR: dir }) });
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(dir)).toEqual(['config.json']);
    }
  });
});
