// Values a hostile or sloppy world sends: a key with a prefix of its own, an absurd COLUMNS.
import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/key.js';
import { Io } from '../../src/output/io.js';
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
