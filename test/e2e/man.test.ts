// The man page: generated from the program (no drift), shipped in the package, and rendered by
// groff and man without a warning, with options, URLs and ids as typed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles, manFile } from '../../src/generate.js';
import { helpTopics } from '../../src/help/topics.js';
import { root } from '../helpers/run.js';
import { describeWith, itWith } from '../helpers/tools.js';

const page = readFileSync(join(root, manFile), 'utf8');

describe('man/pp.1', () => {
  it('is what the program generates (`npm run completions` writes it)', async () => {
    expect(page).toBe((await generatedFiles()).get(manFile));
  });

  it('is named in package.json for npm to install', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      man: string[];
      files: string[];
    };
    expect(pkg.man).toEqual([`./${manFile}`]);
    expect(pkg.files).toContain('man');
  });
});

describeWith('groff', 'man/pp.1 rendered', () => {
  const render = (command: string, args: string[]) => {
    const r = spawnSync(command, args, {
      encoding: 'utf8',
      env: { ...process.env, MANWIDTH: '80', MAN_KEEP_FORMATTING: '' },
      timeout: 15_000,
    });
    if (r.error) throw r.error;
    return r;
  };
  const text = () => {
    const r = render('groff', ['-man', '-Tutf8', '-P-c', '-P-b', '-P-u', '-ww', join(root, manFile)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
  };

  it('by groff with every warning on: none', () => {
    const r = render('groff', ['-man', '-Tutf8', '-ww', '-z', join(root, manFile)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('shows every command, every topic, and options, URLs and ids as typed', () => {
    const out = text();
    for (const usage of ['pp whoami [options] [account_id]', 'pp config set-key [options] [key]'])
      expect(out).toContain(usage);
    for (const section of ['ENVIRONMENT', 'EXIT STATUS', 'FORMATS', 'HEALTH', 'SCRIPTING', 'OPTIONS'])
      expect(out).toMatch(new RegExp(`^${section}$`, 'm'));
    // ASCII hyphens, unbroken: what one copies from the page runs
    expect(out).toContain('--base-url <url>');
    expect(out).toContain('https://api.postpress.ai');
    expect(out).toContain('acc_error_invalid_credentials_but_valid_account_imap');
    expect(out).toContain("jq -r 'select(.ok | not)");
    // a line of each topic, as the topic has it
    for (const topic of Object.values(helpTopics)) expect(out).toContain(topic.text.split('\n')[2]!.trim());
  });
});

itWith('man', 'man -l renders man/pp.1 without a warning', async () => {
  const r = spawnSync('man', ['--warnings', '-l', join(root, manFile)], {
    encoding: 'utf8',
    env: { ...process.env, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat' },
    timeout: 15_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('pp whoami');
});
