// What "laid out for a person" means in tests: lines fit the width but for one word (a URL, an
// id) that is never split, alone after its label; and what one copies appears whole on a line.
import { expect } from 'vitest';
import { displayWidth } from '../../src/output/width.js';

/** Every string in a fixture that one would copy whole: no spaces, and a dot, @, :, / or digit. */
export function copyables(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (/^[^\s<>]{8,}$/.test(value) && /[.@:/\d]/.test(value)) out.add(value);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) copyables(v, out);
  }
  return out;
}

/** A line that holds one word alone (after its label): the one line allowed past the width. */
export const loneWord = /^ *(\S+( \S+)* {2,})?\S+$/;

/** The widest line, colour codes and lone words aside; a CR starts drawing again at column 1. */
export function widestBreakable(text: string): number {
  const lines = text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').split(/[\r\n]/);
  return Math.max(0, ...lines.map((line) => (loneWord.test(line) ? 0 : displayWidth(line))));
}

export function expectLaidOut(text: string, width: number, tokens: Iterable<string>): void {
  const lines = text.split('\n');
  for (const line of lines) {
    if (displayWidth(line) > width) expect(line, `line wider than ${width}`).toMatch(loneWord);
    expect(line, 'a box line is never cut').not.toMatch(/^[│┌├└].*[^│┐┤┘]$/);
  }
  for (const token of tokens)
    expect(
      lines.some((line) => line.includes(token)),
      `${token} whole on one line at ${width} columns`,
    ).toBe(true);
}

/**
 * A long text of `length` characters as a signature might be: words, accents, wide characters, an
 * emoji sequence, a URL, and a line break every `lineEvery` words.
 */
export function longText(length: number, lineEvery: number): string {
  const words = [
    'Best',
    'regards,',
    'Camille',
    'Dürand',
    '山田',
    '👩‍💻',
    '—',
    'https://x.example/careers?utm=sig',
  ];
  let value = '';
  for (let i = 0; value.length <= length; i++)
    value += (i % lineEvery === lineEvery - 1 ? '\n' : ' ') + words[i % words.length];
  return value.slice(1, length + 1);
}
