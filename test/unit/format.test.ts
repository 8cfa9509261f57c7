import { describe, expect, it } from 'vitest';
import {
  anyValue,
  count,
  htmlText,
  join,
  list,
  record,
  text,
  twitterCreatedAt,
  unixSeconds,
  yesNo,
} from '../../src/output/format.js';

describe('count', () => {
  it('groups thousands', () => {
    expect(count(12345)).toBe('12,345');
    expect(count(1234567)).toBe('1,234,567');
    expect(count(999)).toBe('999');
    expect(count(0)).toBe('0');
  });
  it('shows text as it came and nothing for missing values', () => {
    expect(count('12345')).toBe('12345');
    expect(count(null)).toBeUndefined();
    expect(count(undefined)).toBeUndefined();
    expect(count({})).toBeUndefined();
  });
});

describe('unixSeconds', () => {
  it('reads Unix seconds as a UTC date', () => {
    expect(unixSeconds(0)).toBe('1970-01-01 00:00:00 UTC');
    expect(unixSeconds(1767110400)).toBe('2025-12-30 16:00:00 UTC');
  });
  it('keeps what is not a time and drops what is missing', () => {
    expect(unixSeconds('soon')).toBe('soon');
    expect(unixSeconds(1e20)).toBe('100000000000000000000');
    expect(unixSeconds(null)).toBeUndefined();
    expect(unixSeconds([])).toBeUndefined();
  });
});

describe('twitterCreatedAt', () => {
  it('reads Twitter dates in UTC', () => {
    expect(twitterCreatedAt('Wed Oct 10 20:19:24 +0000 2018')).toBe('2018-10-10 20:19:24 UTC');
  });
  it('applies a non-zero offset', () => {
    expect(twitterCreatedAt('Thu Oct 11 02:19:24 +0530 2018')).toBe('2018-10-10 20:49:24 UTC');
    expect(twitterCreatedAt('Tue Oct 09 16:00:00 -0800 2018')).toBe('2018-10-10 00:00:00 UTC');
  });
  it('keeps garbage as it came and drops what is missing', () => {
    expect(twitterCreatedAt('yesterday')).toBe('yesterday');
    expect(twitterCreatedAt('Wed Foo 10 20:19:24 +0000 2018')).toBe('Wed Foo 10 20:19:24 +0000 2018');
    expect(twitterCreatedAt(42)).toBe('42');
    expect(twitterCreatedAt(null)).toBeUndefined();
    expect(twitterCreatedAt({})).toBeUndefined();
  });
});

describe('yesNo', () => {
  it('says yes or no for booleans', () => {
    expect(yesNo(true)).toBe('yes');
    expect(yesNo(false)).toBe('no');
  });
  it('keeps other text and drops missing values', () => {
    expect(yesNo('maybe')).toBe('maybe');
    expect(yesNo(null)).toBeUndefined();
    expect(yesNo(undefined)).toBeUndefined();
  });
});

describe('join', () => {
  it('joins the parts that exist', () => {
    expect(join(' ', 'Ada', null, '', undefined, 'Lovelace')).toBe('Ada Lovelace');
    expect(join(':', 'imap.example.com', 993)).toBe('imap.example.com:993');
  });
  it('gives nothing when no part exists', () => {
    expect(join(' ')).toBeUndefined();
    expect(join(' ', null, '', {}, [])).toBeUndefined();
  });
});

describe('list and record on wrong types', () => {
  it('list keeps arrays and turns anything else into []', () => {
    expect(list([1, 'a'])).toEqual([1, 'a']);
    for (const wrong of ['x', 42, null, undefined, {}, true]) expect(list(wrong)).toEqual([]);
  });
  it('record keeps objects and turns anything else into {}', () => {
    expect(record({ a: 1 })).toEqual({ a: 1 });
    for (const wrong of ['x', 42, null, undefined, [1], true]) expect(record(wrong)).toEqual({});
  });
});

describe('text and anyValue', () => {
  it('text shows scalars and nothing else', () => {
    expect(text('a')).toBe('a');
    expect(text(3)).toBe('3');
    expect(text(false)).toBe('false');
    expect(text(null)).toBeUndefined();
    expect(text({ a: 1 })).toBeUndefined();
  });
  it('anyValue shows objects as one-line JSON', () => {
    expect(anyValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(anyValue(null)).toBeUndefined();
    expect(anyValue(7)).toBe('7');
  });
});

describe('groupDigits', () => {
  it('groups thousands like en-US without Intl', async () => {
    const { groupDigits } = await import('../../src/output/format.js');
    for (const n of [0, 7, 999, 1000, 12345, 1234567, -9876.5, 1234.5678, 9007199254740991]) {
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 20 }));
    }
    expect(groupDigits(1e21)).toBe('1e+21'); // exponent form is left alone
  });
});

describe('an integer past 2^53', () => {
  it('is shown as rounded, never as if they were the digits the server sent', () => {
    expect(text(JSON.parse('12345678901234567890'))).toBe(
      '12345678901234567000 (rounded: too large to show exactly; --json has the digits sent)',
    );
    expect(text(9007199254740991)).toBe('9007199254740991');
    expect(text(1.5)).toBe('1.5');
  });
});

describe('htmlText', () => {
  it('shows a signature as text: <br> a line break, other tags dropped, entities decoded', () => {
    expect(htmlText('Tomáš Novák<br>+420<BR/>x<br />y')).toBe('Tomáš Novák\n+420\nx\ny');
    expect(htmlText('<div><b>Ana</b> &amp; <a href="https://x.example">co</a></div>')).toBe('Ana & co');
    expect(htmlText('&lt;b&gt; &#233;&#xE9; &quot;q&quot; &nbsp;&unknown; &#0;')).toBe(
      '<b> éé "q" \u00a0&unknown; &#0;',
    );
    expect(htmlText('a < b and c > d')).toBe('a < b and c > d');
    expect(htmlText(null)).toBeUndefined();
  });
});

describe('times for a person', () => {
  const now = Date.UTC(2026, 10, 30, 6, 0, 0);
  it('add how long ago to the UTC time when given the clock, and say "in" for a time ahead', () => {
    expect(unixSeconds(1767110400, now)).toBe('2025-12-30 16:00:00 UTC (11 months ago)');
    expect(twitterCreatedAt('Wed Oct 10 20:19:24 +0000 2018', now)).toBe(
      '2018-10-10 20:19:24 UTC (8 years ago)',
    );
    expect(unixSeconds(now / 1000 + 3 * 3600, now)).toBe('2026-11-30 09:00:00 UTC (in 3 hours)');
    expect(unixSeconds(now / 1000 + 30, now)).toBe('2026-11-30 06:00:30 UTC (just now)');
    // machine formats and callers without a clock: the absolute time alone
    expect(unixSeconds(1767110400)).toBe('2025-12-30 16:00:00 UTC');
  });
});
