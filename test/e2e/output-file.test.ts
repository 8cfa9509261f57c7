// --output-file (pp status, pp accounts): the output written to a temporary file beside the target
// and renamed over it, in every format; a failed check replaces the file with its failure; an
// interrupted run, or a path that cannot be written, leaves the old file and no temporary file.
// In process against the sandbox and a scripted server; a full disk and a real signal are
// terminate.test.ts's and output-file-disk below (real processes).
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { Termination } from '../../src/deps.js';
import { FaultServer, hang, json, problem } from '../helpers/fault-server.js';
import { FakeClock, pp } from '../helpers/pp.js';
import { baseEnv, bin, runCommand, tempDir } from '../helpers/run.js';

const KEY = 'pp_live_0utputF1leT3stK3y0123456789abc';

const server = FaultServer.forTests();

const sandbox = (args: string[]) => pp(['--sandbox', ...args], { clock: new FakeClock() });
const scripted = (args: string[], signal?: AbortSignal) =>
  pp(['--base-url', server.origin, ...args], {
    env: baseEnv({ PP_API_KEY: KEY }),
    clock: new FakeClock(),
    ...(signal ? { signal } : {}),
  });

const OLD = '# the file of the last run\npp_status_success{profile="default"} 1\n';

/** A folder holding pp.prom from an earlier run, mode 0640. */
function folderWithOldFile(): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'pp.prom');
  writeFileSync(file, OLD);
  chmodSync(file, 0o640);
  return { dir, file };
}

const successOf = (text: string) =>
  parsePrometheus(text).find((f) => f.name === 'pp_status_success')?.metrics[0]?.value;

describe('--output-file: the output, whole, in the file', () => {
  it.each([
    ['status', 'prometheus'],
    ['status', 'nagios'],
    ['status', 'json'],
    ['status', 'csv'],
    ['status', 'tsv'],
    ['status', 'table'],
    ['accounts', 'json'],
    ['accounts', 'csv'],
    ['accounts', 'table'],
  ])(
    'pp %s --format %s: what standard output would have had, and nothing on standard output',
    async (command, format) => {
      const dir = tempDir();
      const file = join(dir, 'out');
      const piped = await sandbox([command, '--format', format]);
      const written = await sandbox([command, '--format', format, '--output-file', file]);
      expect(written.code).toBe(piped.code);
      expect(written.stdout).toBe('');
      expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
      expect(readdirSync(dir)).toEqual(['out']);
    },
  );

  it('makes a new file 0644 whatever the umask, so that a collector running as another user reads it', async () => {
    const dir = tempDir();
    const old = process.umask(0o077);
    try {
      await sandbox(['status', '--format', 'prometheus', '--output-file', join(dir, 'pp.prom')]);
    } finally {
      process.umask(old);
    }
    expect(statSync(join(dir, 'pp.prom')).mode & 0o777).toBe(0o644);
  });

  it('replaces an existing file (a new inode: a reader holds the old one or the new one) and keeps its mode', async () => {
    const { dir, file } = folderWithOldFile();
    const before = statSync(file);
    const r = await sandbox(['status', '--format', 'prometheus', '--output-file', file]);
    expect(r.code).toBe(5);
    const after = statSync(file);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o7777).toBe(0o640);
    expect(successOf(readFileSync(file, 'utf8'))).toBe('1');
    expect(readdirSync(dir)).toEqual(['pp.prom']);
  });
});

describe('--output-file when the check fails', () => {
  it('prometheus: the file says pp_status_success 0 after what was read, never the old success', async () => {
    const { dir, file } = folderWithOldFile();
    server.script((req) =>
      req.url.includes('cursor=')
        ? problem(500, 'unexpected_error')
        : json({
            items: [{ id: 'acc_1', type: 'LINKEDIN', name: 'A', sources: [{ id: 's', status: 'OK' }] }],
            cursor: 'c',
          }),
    );
    const r = await scripted(['status', '--format', 'prometheus', '--output-file', file]);
    expect(r.code).toBe(10);
    expect(r.stdout).toBe('');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('pp_account_health{account_id="acc_1"');
    expect(successOf(text)).toBe('0');
    expect(readdirSync(dir)).toEqual(['pp.prom']);
  });

  it('nagios: the file says PP UNKNOWN, exit 3; even with no key at all', async () => {
    const { file } = folderWithOldFile();
    const r = await pp(['status', '--format', 'nagios', '--output-file', file]);
    expect(r.code).toBe(3);
    expect(readFileSync(file, 'utf8')).toMatch(/^PP UNKNOWN - no API key/);
  });

  it('a format with no way to say it failed (json, csv): the old file stays rather than part of a list', async () => {
    const { dir, file } = folderWithOldFile();
    server.script(problem(503, 'service_unavailable'));
    const r = await scripted(['--retries', '0', 'accounts', '--format', 'csv', '--output-file', file]);
    expect(r.code).toBe(12);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['pp.prom']);
  });
});

describe('--output-file when the run is stopped', () => {
  it.each([
    ['Ctrl-C', undefined, 130],
    ['SIGTERM', new Termination(), 143],
  ])('%s: the old file as it was, no temporary file, exit %i', async (_name, reason, exit) => {
    const { dir, file } = folderWithOldFile();
    server.script((req) =>
      req.url.includes('cursor=')
        ? hang
        : json({ items: [{ id: 'acc_1', type: 'LINKEDIN', name: 'A', sources: [] }], cursor: 'c' }),
    );
    const stop = new AbortController();
    const run = scripted(['status', '--format', 'prometheus', '--output-file', file], stop.signal);
    await server.waitForRequests(2);
    stop.abort(reason);
    const r = await run;
    expect(r.code).toBe(exit);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['pp.prom']);
  });
});

describe('--output-file that cannot be written: a clear error before any request, nothing written', () => {
  const cases: [string, (dir: string) => string, number, RegExp][] = [
    [
      'a folder that does not exist',
      (dir) => join(dir, 'nope', 'pp.prom'),
      2,
      /its folder .*nope does not exist/,
    ],
    ['a path through a file', (dir) => join(dir, 'file', 'pp.prom'), 2, /a part of the path is not a folder/],
    ['a directory', (dir) => join(dir, 'sub'), 2, /it is a directory/],
    ['a symbolic link', (dir) => join(dir, 'link.prom'), 2, /it is a symbolic link/],
    ['not a regular file', () => '/dev/null', 2, /it is not a regular file/],
    [
      'a folder pp may not write in',
      // root may write in any folder of a normal file system: /sys refuses even root
      (dir) => (process.getuid?.() === 0 ? '/sys/pp.prom' : join(dir, 'locked', 'pp.prom')),
      3,
      /cannot write .*pp\.prom: permission denied \(EACCES\)/,
    ],
    ['an empty path', () => '', 2, /--output-file is empty/],
  ];

  it.each(cases)('%s', async (_name, pathIn, exit, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'a file\n');
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o555);
    writeFileSync(join(dir, 'target.prom'), OLD);
    symlinkSync(join(dir, 'target.prom'), join(dir, 'link.prom'));
    const before = readdirSync(dir).sort();
    server.script(json({ items: [] }));
    const r = await scripted(['status', '--output-file', pathIn(dir)]);
    expect(r.code).toBe(exit);
    expect(r.stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(join(dir, 'locked'))).toEqual([]);
    expect(readFileSync(join(dir, 'target.prom'), 'utf8')).toBe(OLD);
  });
});

describe('--output-file on a full disk (a real process: RLIMIT_FSIZE fails the write as ENOSPC would)', () => {
  it('exit 3, the old file as it was, no temporary file', async () => {
    const { dir, file } = folderWithOldFile();
    // files of at most 1 KB: the old one is smaller, the sandbox's exposition (~2.4 KB) is not
    const full = await runCommand('/bin/sh', [
      '-c',
      `ulimit -f 2; exec "${process.execPath}" "${bin}" --sandbox status --format prometheus --output-file "${file}"`,
    ]);
    expect(full.code).toBe(3);
    expect(full.stderr).toMatch(/cannot write .*pp\.prom: file too large \(EFBIG\)/);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['pp.prom']);
  });
});
