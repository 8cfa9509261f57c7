// Values a hostile or sloppy world sends: a key with a prefix of its own, an absurd COLUMNS.
import { describe, expect, it } from 'vitest';
import { healthOf } from '../../src/health.js';
import { maskKey } from '../../src/key.js';
import { Io } from '../../src/output/io.js';
import { exactIntegers } from '../../src/output/json.js';
import { emptyStdin, MemoryStream } from '../helpers/pp.js';

describe('maskKey', () => {
  it('shows postpress’s own prefix and the last four of a long key', () => {
    expect(maskKey('pp_live_01HXYZsecretKeyMaterial8GR2')).toBe('pp_live_…8GR2');
    expect(maskKey('pp_test_sandbox0000')).toBe('pp_test_…');
  });

  it('shows no other prefix: a word_word_ start may be most of the secret', () => {
    const key = 'sessiontoken_verysecretvalue_abcd1234';
    expect(maskKey(key)).toBe('…1234');
    expect(maskKey('abc_def_ghi')).toBe('…');
  });

  it('never shows more than a third of the secret part', () => {
    for (const key of ['pp_live_abcdefghijk', 'pp_live_abcdefghijkl', 'x'.repeat(11), 'x'.repeat(40)]) {
      const shown = maskKey(key)
        .replace(/^pp_(live|test)_/, '')
        .replace('…', '');
      const secret = key.replace(/^pp_(live|test)_/, '');
      expect(shown.length * 3, key).toBeLessThanOrEqual(secret.length);
    }
  });
});

describe('the layout width', () => {
  it('takes COLUMNS, but never wider than 1,000 columns (COLUMNS=1e9 made gigabyte lines)', () => {
    const io = (columns: string) =>
      new Io({
        stdout: new MemoryStream(),
        stderr: new MemoryStream(),
        stdin: emptyStdin,
        env: { COLUMNS: columns },
      });
    expect(io('120').columns).toBe(120);
    expect(io('1e9').columns).toBe(1000);
    expect(io('10000000').columns).toBe(1000);
    expect(io('nonsense').columns).toBe(80);
  });
});

describe('exactIntegers: the digits JSON.parse would round, by where they are', () => {
  it('finds them in objects and arrays, past escaped names, the last of a repeated name winning', () => {
    const text =
      '{"a":12345678901234567891,"b":[1,{"c":-98765432109876543210}],"d\\u0022e":{"f":[[0,11111111111111111111]]},' +
      '"g":"12345678901234567891","h":9007199254740991,"a":22222222222222222222}';
    expect(Object.fromEntries(exactIntegers(text))).toEqual({
      '["a"]': '22222222222222222222',
      '["b",1,"c"]': '-98765432109876543210',
      '["d\\"e","f",0,1]': '11111111111111111111',
    });
    expect(exactIntegers('{"a":1.5e30,"b":12345678901234567891.0}').size).toBe(0);
  });
});

describe('an account with 100,000 sources of as many unknown statuses', () => {
  it('is one reason naming the first five and counting the rest (it was a 1.5 MB sentence, built in 16 s)', () => {
    const sources = Array.from({ length: 100_000 }, (_, i) => ({ id: `s${i}`, status: `WEIRD_${i}` }));
    const health = healthOf({ sources });
    expect(health.state).toBe('action_needed');
    expect(health.reasons).toHaveLength(1);
    const text = health.reasons[0]!.text;
    expect(text).toContain('"WEIRD_0", "WEIRD_1", "WEIRD_2", "WEIRD_3", "WEIRD_4" and 99,995 more');
    expect(text.length).toBeLessThan(300);
  });
});
