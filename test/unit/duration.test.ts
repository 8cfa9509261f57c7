// The one reader of durations (CLI.md: "a number of seconds (90) or a number with s, m or h"),
// wherever one is taken: --max-wait, --interval, --expires.
import { describe, expect, it } from 'vitest';
import { duration, formatDuration, parseDuration } from '../../src/commands/command.js';
import { pp } from '../helpers/pp.js';

describe('parseDuration', () => {
  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['0', 0],
    ['2.5', 2_500],
    ['1.5h', 5_400_000],
    [' 30S ', 30_000],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 's', '-5', '1d', '10 minutes', '1e3', '0x10', '1h30m', 'Infinity', '.5', '5.'])(
    'reads %j as no duration',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('duration()', () => {
  const maxWait = duration('--max-wait', { max: 24 * 3_600_000 });

  it('takes what is within its bounds', () => {
    expect(maxWait('2h')).toBe(7_200_000);
    expect(maxWait('86400')).toBe(86_400_000);
  });

  it('refuses what is past them, or no duration, naming the option and the forms', () => {
    expect(() => maxWait('25h')).toThrow(
      '--max-wait takes a duration from 0s to 24h: seconds (90), or with s, m or h (90s, 10m, 2h).',
    );
    expect(() => maxWait('soon')).toThrow(/--max-wait takes a duration/);
    expect(() => duration('--interval', { min: 1000, max: 3_600_000 })('0.5')).toThrow(/from 1s to 1h/);
  });
});

describe('formatDuration', () => {
  it.each([
    [7_200_000, '2h'],
    [600_000, '10m'],
    [90_000, '90s'],
    [5_400_000, '90m'],
    [500, '0.5s'],
    [0, '0s'],
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('every option that takes a duration', () => {
  it.each([
    [['accounts', 'wait', 'acc_x', '--max-wait', '1d'], '--max-wait'],
    [['accounts', 'wait', 'acc_x', '--interval', '0'], '--interval'],
    [['accounts', 'resync', 'acc_x', '--interval', 'often'], '--interval'],
    [['accounts', 'resync', 'acc_x', '--max-wait', '8d'], '--max-wait'],
    [['accounts', 'reconnect', 'acc_x', '--expires', '25h'], '--expires'],
    [['accounts', 'reconnect', 'acc_x', '--expires', '30s'], '--expires'],
    [['profile', 'acc_x', 'acc_y', '--max-wait', '2 minutes'], '--max-wait'],
    [['status', '--deep', '--max-wait', '-1'], '--max-wait'],
  ])('pp %j refuses a bad one: exit 2, naming %s and the forms', async (args, option) => {
    const r = await pp(['--sandbox', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${option} takes a duration from`);
    expect(r.stderr).toContain('(90s, 10m, 2h)');
    expect(r.stdout).toBe('');
  });

  it('pp profile and pp status --deep still take --max-wait in plain seconds, as before durations', async () => {
    const r = await pp([
      '--sandbox',
      'profile',
      'acc_demo_gmail',
      'acc_demo_imap',
      '--max-wait',
      '30',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = await pp(['--sandbox', 'status', '--deep', '--max-wait', '2m', '--json']);
    expect(s.code).toBe(5);
  });
});
