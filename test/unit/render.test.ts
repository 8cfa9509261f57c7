// The human layout fits the terminal whatever the data: long headlines and URLs wrap, wide
// characters are measured as the terminal draws them, and colour appears only when asked for.
import { describe, expect, it } from 'vitest';
import { PpError } from '../../src/errors.js';
import { healthStates, stateTone } from '../../src/health.js';
import { Io } from '../../src/output/io.js';
import {
  fieldLines,
  painter,
  renderError,
  renderIdentity,
  renderProfile,
  renderWarning,
  tableLines,
} from '../../src/output/render.js';
import type { OutStream } from '../../src/output/streams.js';
import { displayWidth } from '../../src/output/width.js';
import { linkedin } from '../../src/providers/linkedin.js';
import { emptyStdin } from '../helpers/pp.js';

/** An Io over streams that discard output: a terminal `columns` wide, with or without colour. */
function terminal(columns: number, color = false): Io {
  const stream: OutStream = { write: () => true, once: () => undefined, isTTY: true, columns };
  return new Io({
    stdout: stream,
    stderr: stream,
    stdin: emptyStdin,
    env: color ? {} : { NO_COLOR: '1' },
  });
}

const headline =
  'Head of Talent Acquisition at Brightwave Labs · Hiring senior engineers in Lyon, Paris & remote · ' +
  'Speaker on inclusive hiring · Mentor at Station F HQ';

// A LinkedIn profile with a 150-character headline, a CJK name and emoji in organisation names.
const profile: Record<string, unknown> = {
  ...linkedin.fixtures.acc_demo_linkedin,
  first_name: '山田',
  last_name: '太郎 🚀',
  headline,
  organizations: [
    { id: '81234567', mailbox_id: 'urn:li:organization:81234567', name: '株式会社ブライトウェーブ 🌊' },
    {
      id: '10432211',
      mailbox_id: 'urn:li:organization:10432211',
      name: 'Lyon Tech Recruiters 👩‍💻 Network 🇫🇷',
    },
  ],
  recruiter: { error: 'DISCONNECTED' },
};
const described = linkedin.describe(profile);

function render(io: Io): string {
  return [
    renderIdentity(io, 'LinkedIn', 'acc_demo_linkedin', described.identity, [
      { label: 'Health', value: 'warning', tone: 'warn' },
      ...described.identity.warnings.map((w) => ({ label: '', value: w.text, tone: 'warn' as const })),
    ]),
    renderProfile(io, 'LinkedIn profile · 山田 太郎 🚀 · acc_demo_linkedin', described.sections),
  ].join('\n');
}

const lines = (text: string): string[] => text.replace(/\n$/, '').split('\n');
const widest = (text: string): number => Math.max(...lines(text).map(displayWidth));
/**
 * The widest line, not counting a line that is only wider because it holds one word wider than
 * its column (a URL, never split: the terminal soft-wraps it), after its label if it has one.
 */
const widestBreakable = (text: string): number =>
  Math.max(...lines(text).map((line) => (/^ *(\S+( \S+)* {2,})?\S+$/.test(line) ? 0 : displayWidth(line))));

describe('layout for a person', () => {
  it.each([40, 60, 80, 100, 120])('fits %i columns, coloured or not', (columns) => {
    expect(widestBreakable(render(terminal(columns)))).toBeLessThanOrEqual(columns);
    expect(widestBreakable(render(terminal(columns, true)))).toBeLessThanOrEqual(columns);
    // the picture's URL is whole on one line, after its label
    const url = String(profile.profile_picture_url);
    expect(lines(render(terminal(columns))).some((l) => l.endsWith(`  ${url}`))).toBe(true);
  });

  it('wraps the headline instead of cutting it', () => {
    const text = render(terminal(60));
    for (const word of headline.split(' ')) expect(text).toContain(word);
    expect(text).not.toContain('…'); // a cell is wrapped to its column, never cut
  });

  it('keeps the columns of a table aligned with wide characters in it', () => {
    const io = terminal(100);
    const head = ['Name', 'ID', 'Mailbox ID'];
    const rows = [
      ['株式会社ブライトウェーブ 🌊', '81234567', 'urn:li:organization:81234567'],
      ['Lyon Tech Recruiters 👩‍💻 Network 🇫🇷', '10432211', 'urn:li:organization:10432211'],
      ['Ana 👍🏽 Petrović', '1', 'x'],
    ];
    const table = tableLines(io, painter(false), head, rows);
    expect(table).toContain('┌'); // a table, not the one-block-per-row fallback
    const widths = new Set(lines(table).map(displayWidth));
    expect([...widths]).toHaveLength(1);
  });

  it('falls back to one block per row when a table cannot fit', () => {
    const head = ['Email', 'Display name', 'Reply-to', 'Signature', 'Primary', 'Default', 'Verification'];
    const row = [
      'tomas.novak@gmail.com',
      'Tomáš Novák',
      'tomas.novak@gmail.com',
      'Tomáš Novák',
      'yes',
      'yes',
      'ok',
    ];
    const text = tableLines(terminal(60), painter(false), head, [row, row]);
    expect(text).not.toContain('┌');
    expect(widest(text)).toBeLessThanOrEqual(60);
    expect(text).toMatch(/1\.\n/);
  });
});

describe('colour', () => {
  it('gives each tone one colour, and each health state the tone of its meaning', () => {
    const p = painter(true);
    const colours = Object.fromEntries(
      (['ok', 'warn', 'action', 'bad', 'dim'] as const).map((tone) => [tone, p.tone(tone, 'x')]),
    );
    expect(colours).toEqual({
      ok: '\u001b[32mx\u001b[39m',
      warn: '\u001b[33mx\u001b[39m',
      action: '\u001b[35mx\u001b[39m',
      bad: '\u001b[31mx\u001b[39m',
      dim: '\u001b[2mx\u001b[22m',
    });
    expect(healthStates.map(stateTone)).toEqual(['ok', 'warn', 'warn', 'action', 'action', 'bad']);
  });

  it('shows yes/no and empty values alike in fields and tables: no, none and - muted, yes plain', () => {
    const io = terminal(80, true);
    const p = painter(true);
    const fields = fieldLines(io, p, [
      { label: 'A', value: 'yes' },
      { label: 'B', value: 'no' },
      { label: 'C', value: 'none' },
    ]);
    expect(fields).toBe(
      '  \u001b[2mA\u001b[22m  yes\n  \u001b[2mB\u001b[22m  \u001b[2mno\u001b[22m\n  \u001b[2mC\u001b[22m  \u001b[2mnone\u001b[22m\n',
    );
    const table = tableLines(io, p, ['Primary', 'Default'], [['yes', 'no']]);
    expect(table).toContain('│ yes     │ \u001b[2mno\u001b[22m      │');
  });

  it('has no escape codes at all without colour, borders and headers included', () => {
    expect(render(terminal(80))).not.toContain('\u001b');
  });

  it('carries meaning: labels dim, a disconnected seat a warning in yellow as its health, connected green', () => {
    const io = terminal(100, true);
    const text = render(io);
    expect(text).toContain('\u001b[2mHeadline\u001b[22m');
    expect(text).toContain('\u001b[33mRecruiter seat disconnected\u001b[39m'); // a warning, in the warning's colour
    expect(text).toContain('\u001b[33mdisconnected\u001b[39m');
    expect(text).toContain('\u001b[2mno\u001b[22m'); // Open profile: no, muted as every no
    expect(renderWarning(io, 'careful')).toBe('\u001b[33mwarning:\u001b[39m careful\n');
    const error = new PpError({ exitCode: 5, message: 'Disconnected account', hint: 'Reconnect it.' });
    expect(renderError(io, error, false)).toMatch(/^\u001b\[31merror:\u001b\[39m Disconnected account\n/);
    const connected = linkedin.describe({ ...profile, recruiter: { owner_seat_id: 'urn:li:ts_seat:1' } });
    expect(renderProfile(io, 'x', connected.sections)).toContain('\u001b[32mconnected\u001b[39m');
  });
});
