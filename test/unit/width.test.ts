// Display width as a terminal draws it (wcwidth), and wrapping that never exceeds the width.
import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../src/output/width.js';

const widest = (text: string): number => Math.max(...text.split('\n').map(displayWidth));

describe('displayWidth', () => {
  it.each([
    ['plain ASCII', 'Camille Durand', 14],
    ['accents, precomposed', 'Tomáš Novák', 11],
    ['accents, combining marks', 'Toma\u0301s\u030c', 5],
    ['CJK ideographs', '山田太郎', 8],
    ['Hangul', '한국어', 6],
    ['fullwidth forms', 'ＡＢ', 4],
    ['halfwidth katakana', 'ｶﾀｶﾅ', 4],
    ['an emoji', '😀', 2],
    ['an emoji with a skin tone', '👍🏽', 2],
    ['a ZWJ sequence', '👩‍💻', 2],
    ['a flag', '🇫🇷', 2],
    ['a text-style symbol', '©', 1],
    ['a zero-width space', 'a\u200bb', 2],
    ['colour codes', '\u001b[1mbold\u001b[22m \u001b[31mred\u001b[39m', 8],
    ['mixed', 'Ana 🚀 山田', 11],
  ])('%s', (_, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('wrapText', () => {
  const headline =
    'Head of Talent Acquisition at Brightwave Labs · Hiring senior engineers in Lyon, Paris & remote · ' +
    'Speaker on inclusive hiring · Mentor at Station F HQ';

  it('wraps a 150-character headline at spaces within the width', () => {
    expect(headline).toHaveLength(150);
    for (const width of [20, 37, 60]) {
      const wrapped = wrapText(headline, width);
      expect(widest(wrapped)).toBeLessThanOrEqual(width);
      expect(wrapped.split('\n').join(' ')).toBe(headline);
    }
  });

  it('cuts a word wider than a line, such as a URL', () => {
    const url =
      'https://media.licdn.com/dms/image/v2/D4E03AQH8kQ2x7YbT1g/profile-displayphoto-shrink_400_400/0';
    const wrapped = wrapText(url, 30);
    expect(widest(wrapped)).toBeLessThanOrEqual(30);
    expect(wrapped.replaceAll('\n', '')).toBe(url);
  });

  it('never splits a wide character, a flag or an emoji sequence across lines', () => {
    const text = '山田太郎山田太郎山田 🇫🇷🇫🇷🇫🇷 👩‍💻👩‍💻👩‍💻👍🏽👍🏽';
    for (const width of [3, 5, 7]) {
      const wrapped = wrapText(text, width);
      expect(widest(wrapped)).toBeLessThanOrEqual(width);
      expect(wrapped.replace(/\n/g, '').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      for (const line of wrapped.split('\n')) {
        expect(line).not.toMatch(/^[\u200d\u{1f3fb}-\u{1f3ff}]/u);
        expect((line.match(/\p{Regional_Indicator}/gu) ?? []).length % 2).toBe(0);
      }
    }
  });

  it('keeps line breaks that are already there', () => {
    expect(wrapText('first line\nsecond', 40)).toBe('first line\nsecond');
  });
});
