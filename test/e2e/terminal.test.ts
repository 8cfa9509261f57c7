// pp in a terminal and in pipes: colour only where it belongs, output that fits the terminal's
// width, and the hidden key prompt. Most run in process with a terminal of a given width; the few
// that need a real one use a pseudo-terminal driven by python3's pty module (skipped without it).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/providers/index.js';
import { copyables, expectLaidOut, widestBreakable } from '../helpers/layout.js';
import { pp } from '../helpers/pp.js';
import { inTerminal, type TerminalRun } from '../helpers/pty.js';
import { baseEnv, runPp, tempDir } from '../helpers/run.js';
import { describeWith } from '../helpers/tools.js';

const ESC = '\u001b[';
const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
/** The widest line drawn but for a lone URL or id (never split); a CR starts again at column 1. */
const widestLine = widestBreakable;
const providers = ['linkedin', 'telegram', 'twitter', 'gmail', 'outlook', 'imap'];

const disconnected = ['--sandbox', 'whoami', '--account', 'acc_demo_linkedin_seats_disconnected'];

describeWith('python3', 'colour in a real terminal', () => {
  it('is on in a terminal, with meaning: a warning in yellow, labels dim', () => {
    const run = inTerminal(disconnected);
    expect(run.code).toBe(0);
    expect(run.output).toContain(`${ESC}33mwarning${ESC}39m`);
    expect(run.output).toContain(`${ESC}33mRecruiter seat disconnected.`);
    expect(run.output).toContain(`${ESC}2mProvider${ESC}22m`);
  });

  it('is off in a terminal when NO_COLOR is set to anything', () => {
    for (const value of ['1', 'yes']) {
      const run = inTerminal(disconnected, { env: baseEnv({ TERM: 'xterm-256color', NO_COLOR: value }) });
      expect(run.code).toBe(0);
      expect(run.output).not.toContain('\u001b');
    }
  });

  it('is off in a terminal with --no-color', () => {
    const run = inTerminal(['--no-color', ...disconnected]);
    expect(run.output).toContain('Recruiter seat disconnected');
    expect(run.output).not.toContain('\u001b');
  });
});

describe('colour', () => {
  it('is never in piped output: results, tables, help, warnings and errors', async () => {
    const runs = await Promise.all([
      runPp(disconnected),
      runPp(['--sandbox', 'profile', 'acc_demo_linkedin']),
      runPp(['--sandbox', 'profile', 'acc_demo_gmail', 'acc_error_disconnected_account']),
      runPp(['--sandbox', 'whoami', '--account', 'acc_error_disconnected_account']),
      runPp(['--help']),
      runPp(['whoamy']),
      runPp(['config', 'show']),
    ]);
    for (const run of runs) expect(run.stdout + run.stderr).not.toContain(ESC);
  });

  it('FORCE_COLOR turns it on in a pipe, and --no-color wins over FORCE_COLOR', async () => {
    const forced = await runPp(disconnected, { env: baseEnv({ FORCE_COLOR: '1' }) });
    expect(forced.stdout).toContain(`${ESC}33mwarning${ESC}39m`);
    const error = await runPp(['--sandbox', 'whoami', '--account', 'acc_error_disconnected_account'], {
      env: baseEnv({ FORCE_COLOR: '1' }),
    });
    expect(error.stderr).toContain(`${ESC}31merror:`);
    const both = await runPp(['--no-color', ...disconnected], { env: baseEnv({ FORCE_COLOR: '1' }) });
    expect(both.code).toBe(0);
    expect(both.stdout + both.stderr).not.toContain(ESC);
  });
});

describe('width', () => {
  const commands = [
    ...providers.map((p) => ['--sandbox', 'profile', `acc_demo_${p}`]),
    ...providers.map((p) => ['--sandbox', 'whoami', '--account', `acc_demo_${p}`]),
  ];
  describe.each([60, 80, 100, 160])('in a terminal %i columns wide', (cols) => {
    it.each(commands.map((args) => [args.slice(1).join(' '), args]))('%s fits', async (_, args) => {
      const run = await pp(args, { tty: { columns: cols } });
      expect(run.code).toBe(0);
      expect(stripAnsi(run.stdout).trim()).not.toBe('');
      expect(widestLine(run.stdout)).toBeLessThanOrEqual(cols);
      // every URL, address, host and id of the profile is whole on one line
      const id = args.at(-1)!;
      expectLaidOut(
        stripAnsi(run.stdout),
        cols,
        args[1] === 'profile' ? copyables(demoAccounts()[id]) : [id],
      );
    });
  });
});

describeWith('python3', 'width in a real terminal', () => {
  it.each([60, 100])('pp reads the width of a real %i-column terminal', (cols) => {
    const run = inTerminal(['--sandbox', 'profile', 'acc_demo_linkedin'], { cols });
    expect(run.code).toBe(0);
    expect(widestLine(run.output)).toBeLessThanOrEqual(cols);
    expect(widestLine(run.output)).toBeGreaterThan(cols - 15);
  });

  // help is wrapped to the terminal's width up to 80 columns (to 80 off a terminal): a wide
  // terminal gets the page laid out at build time, the same as a pipe; a narrow one, its own width
  it('--help is wrapped to 80 columns on a 100-column terminal, as in a pipe, and to a 60-column one', async () => {
    const wide = inTerminal(['--help'], { cols: 100 });
    expect(wide.code).toBe(0);
    const piped = await runPp(['--help']);
    expect(widestLine(piped.stdout)).toBeLessThanOrEqual(80);
    expect(widestLine(piped.stdout)).toBeGreaterThan(70);
    // the terminal writes \r\n for each \n
    expect(wide.output.replaceAll('\r\n', '\n')).toBe(piped.stdout);
    const narrow = inTerminal(['--help'], { cols: 60 });
    expect(narrow.code).toBe(0);
    expect(narrow.output).toContain('Usage: pp');
    expect(widestLine(narrow.output)).toBeLessThanOrEqual(60);
  });
});

describe('width in a pipe', () => {
  it('uses COLUMNS in a pipe, else 80', async () => {
    const args = ['--sandbox', 'profile', 'acc_demo_linkedin'];
    const narrow = await runPp(args, { env: baseEnv({ COLUMNS: '60' }) });
    expect(widestLine(narrow.stdout)).toBeLessThanOrEqual(60);
    expect(widestLine(narrow.stdout)).toBeGreaterThan(50);
    const unknown = await runPp(args);
    expect(widestLine(unknown.stdout)).toBeLessThanOrEqual(80);
    expect(widestLine(unknown.stdout)).toBeGreaterThan(60);
  });
});

describeWith('python3', 'pp config set-key at a terminal', () => {
  const KEY = 'pp_live_01HXYZsecretKeyMaterial8GR2';
  const prompt = 'Paste your postpress API key';

  function setKey(send: string[]) {
    const dir = tempDir('pp-key-');
    const run = inTerminal(['config', 'set-key', '--no-verify'], {
      env: baseEnv({ TERM: 'xterm-256color', PP_CONFIG_DIR: dir }),
      steps: [{ expect: prompt, send }],
    });
    return { run, file: join(dir, 'config.json') };
  }

  function expectSaved(run: TerminalRun, file: string): void {
    expect(run.code).toBe(0);
    expect(run.output).toContain('Saved API key pp_live_…8GR2');
    expect(run.output).not.toContain(KEY); // never echoed, never printed
    expect(run.output).not.toContain('secretKey');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ profiles: { default: { apiKey: KEY } } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }

  it('saves a typed key without echoing it', () => {
    const { run, file } = setKey([...KEY, '\r']);
    expectSaved(run, file);
  });

  it('saves a pasted key, even with bracketed-paste markers around it', () => {
    const { run, file } = setKey([`${KEY}\r`]);
    expectSaved(run, file);
    const bracketed = setKey([`\u001b[200~${KEY}\u001b[201~\r`]);
    expectSaved(bracketed.run, bracketed.file);
  });

  it('lets a typo be erased with Backspace', () => {
    const { run, file } = setKey([`${KEY.slice(0, 10)}x`, '\u007f', `${KEY.slice(10)}\r`]);
    expectSaved(run, file);
  });

  it('stops on Ctrl-C with exit 130, writing nothing', () => {
    const { run, file } = setKey(['pp_live_01HX', '\u0003']);
    expect(run.code).toBe(130);
    expect(existsSync(file)).toBe(false);
    expect(run.output).not.toContain('pp_live_01HX');
  });
});

describe('pp config set-key off a terminal', () => {
  it('with nothing on standard input, fails at once with exit 2 and says how', async () => {
    const dir = tempDir('pp-key-');
    const run = await runPp(['config', 'set-key'], { env: baseEnv({ PP_CONFIG_DIR: dir }), input: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/standard input is not a terminal/);
    expect(run.stderr).toContain('printf %s "$KEY" | pp config set-key');
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });
});
