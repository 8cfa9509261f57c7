import { describe, expect, it } from 'vitest';
import { compact, memberItems, reindent } from '../../src/output/json.js';

describe('reindent', () => {
  it('matches JSON.stringify(…, null, 2) on ordinary JSON', () => {
    const value = {
      object: 'AccountOwnerProfile',
      provider: 'LINKEDIN',
      n: -1.5e3,
      t: true,
      z: null,
      list: [1, { a: 'x' }, [], {}],
      nested: { deep: { deeper: ['a', 'b'] } },
      s: 'quote " and \\ and \n and { } [ ] , :',
    };
    const compact = JSON.stringify(value);
    expect(reindent(compact).text).toBe(JSON.stringify(value, null, 2));
    expect(reindent(JSON.stringify(value, null, 4)).text).toBe(JSON.stringify(value, null, 2));
  });

  it('keeps numbers, key order and duplicate keys exactly as sent', () => {
    const body = '{"b":1.0,"a":12345678901234567890,"b":2e5,"u":"\\u00e9"}';
    expect(reindent(body).text).toBe(
      '{\n  "b": 1.0,\n  "a": 12345678901234567890,\n  "b": 2e5,\n  "u": "\\u00e9"\n}',
    );
  });

  it('handles scalars and empty containers at the top', () => {
    expect(reindent(' {} ').text).toBe('{}');
    expect(reindent('[ ]').text).toBe('[]');
    expect(reindent('"x"').text).toBe('"x"');
  });
});

describe('memberItems and compact: where a string ends', () => {
  // quotes after even and odd runs of backslashes, a lone backslash pair, brackets and commas inside
  const tricky = ['a\\', 'b\\\\', 'say "hi"', '\\"', '[{,}]', '', 'ends with \\\\"'];
  const items = tricky.map((s, i) => ({ id: `acc_${i}`, name: s, n: [i, { s }] }));
  const body = `{"cursor":null,"items":[${items.map((it) => JSON.stringify(it)).join(' , ')}],"tail":"]"}`;

  it('splits a page into its items as written, whatever the strings hold', () => {
    const texts = memberItems(body, 'items');
    expect(texts?.map((t) => JSON.parse(t))).toEqual(items);
    expect(texts).toEqual(items.map((it) => JSON.stringify(it)));
  });

  it('lays a body out on one line token for token', () => {
    const spaced = JSON.stringify({ items }, null, 2);
    expect(compact(spaced).text).toBe(JSON.stringify({ items }));
  });
});
