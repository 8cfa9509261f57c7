import { describe, expect, it } from 'vitest';
import { reindent } from '../../src/output/json.js';

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
