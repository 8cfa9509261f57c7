// Display width as a terminal draws it, and cutting and wrapping that never exceed a width, never
// split a grapheme cluster (a flag, an emoji sequence, a letter and its accent) and never lose text
// without saying so.
import stringWidth from 'string-width';
import { describe, expect, it, vi } from 'vitest';
import {
  clusterColumns,
  clustersOf,
  displayWidth,
  longestWord,
  padEnd,
  truncate,
  wrapLines,
  wrapText,
} from '../../src/output/width.js';
import { longText } from '../helpers/layout.js';

const widest = (text: string): number => Math.max(...text.split('\n').map(displayWidth));
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (s) => s.segment);
const ends = new Map<string, Set<number>>();
/** Where the clusters of `text` start and end (segmented once: it is slow on long text). */
function clusterEnds(text: string): Set<number> {
  let found = ends.get(text);
  if (!found) {
    found = new Set([0]);
    let at = 0;
    for (const g of graphemes(text)) {
      at += g.length;
      found.add(at);
    }
    ends.set(text, found);
  }
  return found;
}
/** The lengths of the strings Intl.Segmenter is given (by width.ts and string-width) during `f`. */
function segmented(f: () => void): number[] {
  const lengths: number[] = [];
  const segment = Intl.Segmenter.prototype.segment;
  const spy = vi.spyOn(Intl.Segmenter.prototype, 'segment').mockImplementation(function (
    this: Intl.Segmenter,
    input: string,
  ) {
    lengths.push(input.length);
    return segment.call(this, input);
  });
  try {
    f();
  } finally {
    spy.mockRestore();
  }
  return lengths;
}
/** No lone surrogate (a valid pair is one code point to a `u` regex) and no replacement character. */
const wellFormed = (text: string): boolean => !/[\p{Cs}\ufffd]/u.test(text);

/** Text full of clusters that a code-point-at-a-time cutter would break. */
const tricky = [
  'Ada 🧑‍💻 Dev',
  'Bob ⚠️ warn',
  '🇫🇷🇩🇪🇯🇵 flags',
  'thumbs 👍🏽👍🏿 up',
  'Toma\u0301s\u030c Nova\u0301k',
  '山田太郎 株式会社',
  'zero\u200bwidth\u200bspace',
  'soft\u00adhy\u00adphen',
  '☺︎ ☺️ ❤️ x\ufe0f',
  '👩‍👩‍👧‍👦 family',
  'Ana 🚀 山田 é',
];

describe('displayWidth', () => {
  it.each([
    ['plain ASCII', 'Camille Durand', 14],
    ['accents, precomposed', 'Tomáš Novák', 11],
    ['accents, combining marks', 'Toma\u0301s\u030c', 5],
    ['a combining mark', 'e\u0301', 1],
    ['CJK ideographs', '山田太郎', 8],
    ['East Asian wide', '日本', 4],
    ['Hangul', '한국어', 6],
    ['fullwidth forms', 'ＡＢ', 4],
    ['halfwidth katakana', 'ｶﾀｶﾅ', 4],
    ['an emoji', '😀', 2],
    ['an emoji with a skin tone', '👍🏽', 2],
    ['a ZWJ sequence', '👩‍💻', 2],
    ['a name with a ZWJ sequence', 'Ada 🧑‍💻 Dev', 10],
    ['a name with an emoji-style warning sign', 'Bob ⚠️ warn', 11],
    ['a flag', '🇫🇷', 2],
    ['a heart with VS16', '❤️', 2],
    ['a smiley with VS15 (text style)', '☺︎', 1],
    ['a letter with VS16', 'x\ufe0f', 1],
    ['a text-style symbol', '©', 1],
    ['a zero-width space', 'a\u200bb', 2],
    ['a soft hyphen', 'soft\u00adhy', 6],
    ['colour codes', '\u001b[1mbold\u001b[22m \u001b[31mred\u001b[39m', 8],
    ['colour codes around wide text', '\u001b[31m日本\u001b[39m', 4],
    ['mixed', 'Ana 🚀 山田', 11],
  ])('%s', (_, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('is string-width, also on text measured piece by piece or past its fast path', () => {
    const long = [
      '👩‍👩‍👧‍👦'.repeat(300), // clusters across the ends of the pieces it is segmented in
      `${'e\u0301'.repeat(7)}🇫🇷`.repeat(200),
      tricky.join(' ').repeat(20),
    ];
    for (const text of [...tricky, ...long, '·—…’“”• Tomáš Łukasz Đorđe', 'é'.repeat(2000)]) {
      expect(displayWidth(text)).toBe(stringWidth(text));
    }
  });

  it('counts every character of its Intl-free fast path as string-width does', () => {
    // The fast path takes text of these characters to be its length: each must be one column
    // and a cluster of its own, whatever is next to it.
    const ranges: [number, number][] = [
      [0x20, 0x7e],
      [0xa0, 0xac],
      [0xae, 0x24f],
      [0x2010, 0x2027],
    ];
    for (const [from, to] of ranges) {
      for (let code = from; code <= to; code++) {
        const c = String.fromCharCode(code);
        expect(stringWidth(c), `U+${code.toString(16)}`).toBe(1);
        expect(graphemes(`a${c}${c}b`), `U+${code.toString(16)}`).toHaveLength(4);
        expect(displayWidth(`a${c}${c}b`)).toBe(4);
      }
    }
    expect(displayWidth('x\u00ady')).toBe(2); // the soft hyphen, left out of the fast path, is 0
  });
});

// width.ts cuts the text of these blocks into clusters itself and measures most clusters itself
// (Intl.Segmenter and string-width cost ~40 ms to load): every code point of them, and random text
// made of their most joining kinds, must come out as Intl.Segmenter and string-width say.
const ownBlocks: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0x52f],
  [0x1e00, 0x1fff],
  [0x200c, 0x200d],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2070, 0x2bff],
  [0x2e80, 0x2fdf],
  [0x3000, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe00, 0xfe0f],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
  [0x1f000, 0x1faff],
  [0x20000, 0x3fffd],
  [0xe0020, 0xe007f],
];
/** Blocks of letters that all behave alike (CJK ideographs, Hangul syllables, Yi): one in 7 of them. */
const uniform: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0x20000, 0x3fffd],
];
/** Every code point of ownBlocks, but a sample of the uniform ones. */
function* ownCodePoints(): Generator<string> {
  for (const [from, to] of ownBlocks) {
    for (let cp = from; cp <= to; cp++) {
      if (cp % 7 !== 0 && uniform.some(([a, b]) => cp >= a && cp <= b)) continue;
      yield String.fromCodePoint(cp);
    }
  }
}
/** The pictographs and symbols that are emoji (1,438), unassigned ones left out. */
const emoji = /^(?=\P{Cn})[\p{Emoji}\p{Extended_Pictographic}]$/u;

describe('clusters and widths found without Intl and string-width', () => {
  it('every code point alone, and after a letter: the width string-width gives, the clusters Intl finds', () => {
    const wrong: string[] = [];
    for (const c of ownCodePoints()) {
      const hex = `U+${c.codePointAt(0)!.toString(16)}`;
      if (displayWidth(c) !== stringWidth(c))
        wrong.push(`${hex} alone: ${displayWidth(c)}, not ${stringWidth(c)}`);
      const text = `a${c}${c}`;
      if (clustersOf(text).join('|') !== graphemes(text).join('|'))
        wrong.push(`${hex} after a letter: clusters`);
    }
    expect(wrong).toEqual([]);
  });

  it('every emoji, and a sample of other characters, with a variation selector, a skin tone, a keycap, a ZWJ', () => {
    const wrong: string[] = [];
    for (const c of ownCodePoints()) {
      if (!emoji.test(c) && c.codePointAt(0)! % 50 !== 0) continue;
      for (const text of [
        `${c}\ufe0f`,
        `${c}\ufe0e`,
        `${c}🏽`,
        `${c}\ufe0f\u20e3`,
        `${c}\u200d💻`,
        `👩\u200d${c}\ufe0f`,
      ]) {
        if (displayWidth(text) !== stringWidth(text))
          wrong.push(`${JSON.stringify(text)}: ${displayWidth(text)}, not ${stringWidth(text)}`);
        if (clustersOf(text).join('|') !== graphemes(text).join('|'))
          wrong.push(`${JSON.stringify(text)}: clusters`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every pair of regional indicators: a flag where there is one', () => {
    for (let a = 0x1f1e6; a <= 0x1f1ff; a++)
      for (let b = 0x1f1e6; b <= 0x1f1ff; b++) {
        const pair = String.fromCodePoint(a, b);
        expect(displayWidth(pair), pair).toBe(stringWidth(pair));
      }
  });

  it('random text of joining kinds: the clusters Intl finds, the width string-width gives', () => {
    const kinds = [
      ...['a', 'Z', ' ', 'é', 'ß', 'Ж', 'λ', '山', '語', 'カ', 'ｶ', 'ﾞ', 'ﾟ', '한', 'ㄱ', '·', '…', '①', '™'],
      ...[
        '\u0301',
        '\u0308',
        '\u0483',
        '\u20dd',
        '\u20e3',
        '\u302e',
        '\u3099',
        '\ufe0f',
        '\ufe0e',
        '\u200d',
        '\u200c',
      ],
      ...['😀', '👍', '🏽', '🏿', '👩', '💻', '🧑', '❤', '☺', '⚠', '🏳', '🌈', '🏴', '\u{e0067}', '\u{e007f}'],
      ...['🇫', '🇷', '🇩', '🇪', '🇯', '🇵', '1', '#', '*', '🀄', '🃏', '\u{1faf8}', '\u{1fa00}'],
    ];
    let seed = 20;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let length = 1 + next(10); length > 0; length--) text += kinds[next(kinds.length)];
      expect(clustersOf(text), JSON.stringify(text)).toEqual(graphemes(text));
      expect(displayWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
    }
  });

  it('a name in CJK, accents and emoji is measured without Intl or string-width', () => {
    const name = '山田 Zoë Dura\u0301nd 🧑‍💻 👩🏽‍💼 ☕️ ❤️ 🇨🇭 한국어 ｶﾞ';
    const expected = graphemes(name);
    let found: string[] = [];
    expect(segmented(() => (found = clustersOf(name)))).toEqual([]);
    expect(found).toEqual(expected);
    for (const cluster of graphemes(name))
      expect(clusterColumns(cluster), cluster).toBe(stringWidth(cluster));
  });

  it('text of other scripts still goes to Intl.Segmenter: Devanagari conjuncts, Thai, Arabic', () => {
    for (const text of ['क्षत्रिय नमस्ते', 'ภาษาไทย', 'مرحبا بالعالم', '\u1100\u1161\u11a8']) {
      expect(clustersOf(text)).toEqual(graphemes(text));
      expect(displayWidth(text)).toBe(stringWidth(text));
    }
  });
});

/** Checks that `out` is `text` whole, or a prefix of it ending between two clusters, plus `…`. */
function expectCutAtBoundary(text: string, out: string, width: number): void {
  expect(wellFormed(out)).toBe(true);
  expect(displayWidth(out)).toBeLessThanOrEqual(Math.max(0, width));
  if (out === text) return;
  if (width < 1) {
    expect(out).toBe('');
    return;
  }
  expect(out.endsWith('…')).toBe(true);
  const kept = out.slice(0, -1);
  expect(text.startsWith(kept)).toBe(true);
  expect(clusterEnds(text).has(kept.length)).toBe(true);
}

describe('truncate', () => {
  it('shows the emoji names whole in a column as wide as a terminal draws them', () => {
    expect(truncate('Ada 🧑‍💻 Dev', 10)).toBe('Ada 🧑‍💻 Dev');
    expect(truncate('Bob ⚠️ warn', 11)).toBe('Bob ⚠️ warn');
  });

  it('cuts them with an ellipsis between clusters when they do not fit', () => {
    expect(truncate('Ada 🧑‍💻 Dev', 9)).toBe('Ada 🧑‍💻 D…');
    expect(truncate('Ada 🧑‍💻 Dev', 6)).toBe('Ada…'); // the emoji does not fit beside the `…`
    expect(truncate('Bob ⚠️ warn', 10)).toBe('Bob ⚠️ wa…');
    expect(truncate('Bob ⚠️ warn', 7)).toBe('Bob ⚠️…');
    expect(truncate('Bob ⚠️ warn', 6)).toBe('Bob…');
    expect(truncate('🇫🇷🇩🇪', 3)).toBe('🇫🇷…');
    expect(truncate('👍🏽👍🏽', 3)).toBe('👍🏽…');
    expect(truncate('Toma\u0301s\u030c Nova\u0301k', 6)).toBe('Toma\u0301s\u030c…');
    expect(truncate('Toma\u0301s\u030c Nova\u0301k', 5)).toBe('Toma\u0301…');
    expect(truncate('山田太郎', 5)).toBe('山田…');
    expect(truncate('山田太郎', 4)).toBe('山…');
  });

  it('never splits a cluster, never exceeds the width, and never drops text silently', () => {
    for (const text of tricky) {
      for (let width = 0; width <= displayWidth(text) + 1; width++) {
        expectCutAtBoundary(text, truncate(text, width), width);
      }
    }
  });

  it('reads no further into a long text than it keeps', () => {
    const long = '山'.repeat(200_000);
    let cut = '';
    const given = segmented(() => {
      cut = truncate(long, 9);
    });
    expect(cut).toBe('山山山山…');
    expect(given.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1024); // one piece, not 200,000
  });
});

describe('padEnd', () => {
  it('pads to the width a terminal draws', () => {
    expect(padEnd('日本', 6)).toBe('日本  ');
    expect(padEnd('Ada 🧑‍💻 Dev', 12)).toBe('Ada 🧑‍💻 Dev  ');
    expect(padEnd('a\u200bb', 3)).toBe('a\u200bb ');
    expect(padEnd('toolong', 3)).toBe('toolong');
  });
});

/**
 * Checks that `lines` are `text` broken at spaces (which are dropped) and inside words only
 * between clusters: reading the lines back, the text is all there, in order.
 */
function expectWrapped(text: string, lines: string[], width: number): void {
  const boundaries = clusterEnds(text);
  let p = 0;
  for (const line of lines) {
    expect(wellFormed(line)).toBe(true);
    // wider only when it is one word, which is never split
    if (displayWidth(line) > width) expect(line).not.toContain(' ');
    expect(text.startsWith(line, p)).toBe(true);
    p += line.length;
    expect(boundaries.has(p)).toBe(true);
    p += /^ *\n?/.exec(text.slice(p, p + 10_000))![0].length; // the spaces broken on
  }
  expect(p).toBe(text.length);
}

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

  it('never splits a word wider than a line, such as a URL: it goes whole on a line of its own', () => {
    const url =
      'https://media.licdn.com/dms/image/v2/D4E03AQH8kQ2x7YbT1g/profile-displayphoto-shrink_400_400/0';
    expect(wrapText(`see ${url} now`, 30).split('\n')).toEqual(['see', url, 'now']);
    expect(wrapText(`${url} and more`, 30).split('\n')).toEqual([url, 'and more']);
    expect(wrapText('imap.keller-design.de', 12)).toBe('imap.keller-design.de');
    expect(longestWord(`see ${url} now`)).toBe(url.length);
  });

  it('breaks East Asian text between any two wide characters, as those scripts do', () => {
    expect(wrapText('山田太郎山田', 4)).toBe('山田\n太郎\n山田');
    expect(longestWord('山田太郎 ab')).toBe(2);
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

  it('breaks tricky text only between clusters, at every width', () => {
    const text = tricky.join(' ');
    for (let width = 2; width <= 40; width++) expectWrapped(text, wrapText(text, width).split('\n'), width);
    const long = `${'👩‍👩‍👧‍👦'.repeat(300)} ${`${'e\u0301'.repeat(7)}🇫🇷`.repeat(200)}`;
    for (const width of [3, 7, 80]) expectWrapped(long, wrapText(long, width).split('\n'), width);
  });

  it('keeps the emoji names on one line when the line is wide enough for them', () => {
    expect(wrapText('Ada 🧑‍💻 Dev', 10)).toBe('Ada 🧑‍💻 Dev');
    expect(wrapText('Bob ⚠️ warn', 11)).toBe('Bob ⚠️ warn');
    expect(wrapText('Ada 🧑‍💻 Dev', 9)).toBe('Ada 🧑‍💻\nDev');
  });

  it('keeps line breaks that are already there, and spaces it does not break on', () => {
    expect(wrapText('first line\nsecond', 40)).toBe('first line\nsecond');
    expect(wrapText('  indented\n  a  b', 40)).toBe('  indented\n  a  b');
    expect(wrapText('aaaa    bbbb', 6)).toBe('aaaa\nbbbb');
  });

  it('gives each line its width', () => {
    expect(wrapLines('日本 Ada 🧑‍💻 Dev', 8)).toEqual([
      { text: '日本 Ada', width: 8 },
      { text: '🧑‍💻 Dev', width: 6 },
    ]);
  });

  it('wraps a 10,000-character value: every line within the width, all the text kept', () => {
    const value = longText(10_000, 23);
    expect(value).toHaveLength(10_000);
    for (const width of [7, 40, 76]) expectWrapped(value, wrapText(value, width).split('\n'), width);
  });

  it('segments a long text in pieces, each character about once, so its cost is linear', () => {
    // V8's Intl.Segmenter is quadratic over the string it is given: 64K characters took 3-20 s.
    const unit = 'Dürand 山田 👩‍💻 ';
    for (const text of [unit.repeat(65_536 / unit.length), '山'.repeat(65_536)]) {
      const given = segmented(() => wrapText(text, 80));
      expect(Math.max(...given)).toBeLessThanOrEqual(1024);
      expect(given.reduce((a, b) => a + b, 0)).toBeLessThan(2 * text.length);
    }
  });
});
