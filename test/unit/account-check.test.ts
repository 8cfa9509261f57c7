// The accounts list's items are checked by plain tests of their documented fields (matchesSchema),
// with valibot only for an item they doubt: the two must agree on every item, valid or not, so that
// the warnings and --strict say what valibot says (its words, its paths).
import { describe, expect, it } from 'vitest';
import { accountIssues, checkAccount, matchesSchema, schemaIssues } from '../../src/api/account.js';
import { demoAccountList, generatedAccount } from '../../src/sandbox/accounts.js';

const valid = (): Record<string, unknown> => ({
  object: 'Account',
  type: 'LINKEDIN',
  id: 'acc_1',
  name: 'Ada',
  created_at: '2025-01-01T00:00:00.000Z',
  sources: [{ id: 'acc_1_MESSAGING', status: 'OK' }],
  connection_params: { im: { id: 'x', username: 'ada' } },
  groups: ['emea'],
  signatures: [{ title: 'Default', content: 'Best, Ada' }],
  current_signature: 'Default',
  last_fetched_at: '2025-01-02T00:00:00.000Z',
  extra_field_pp_does_not_know: { kept: true },
});

const values: [string, unknown][] = [
  ['missing', undefined],
  ['null', null],
  ['a number', 12],
  ['a boolean', true],
  ['an empty string', ''],
  ['a string', 'x'],
  ['an object', { a: 1 }],
  ['an array', []],
  ['an array of a number', [1]],
  ['an array of a string', ['x']],
  ['an array of null', [null]],
  ['an array of an empty object', [{}]],
  ['an array of a source', [{ id: 's', status: 'OK' }]],
  ['an array of a source without status', [{ id: 's' }]],
  ['an array of a signature', [{ title: 't', content: 'c' }]],
  ['an array of a signature with a number', [{ title: 't', content: 1 }]],
];

/** Every documented field set to each kind of value, and the item without it. */
function* mutations(): Generator<[string, Record<string, unknown>]> {
  for (const field of Object.keys(valid())) {
    for (const [what, value] of values) {
      const item = valid();
      if (value === undefined) delete item[field];
      else item[field] = value;
      yield [`${field}: ${what}`, item];
    }
  }
}

describe('matchesSchema and valibot', () => {
  it('agree on every field of an account set to every kind of value', () => {
    let invalid = 0;
    for (const [name, item] of mutations()) {
      expect(matchesSchema(item), name).toBe(schemaIssues(item).length === 0);
      expect(accountIssues(item), name).toEqual(schemaIssues(item));
      if (!matchesSchema(item)) invalid++;
    }
    expect(invalid).toBeGreaterThan(100); // the mutations do break the schema
  });

  it('agree on the sandbox accounts, demo and generated, which all match', () => {
    for (const item of [
      ...demoAccountList(),
      ...Array.from({ length: 200 }, (_, i) => generatedAccount(i + 1)),
    ]) {
      const record = item as unknown as Record<string, unknown>;
      expect(matchesSchema(record)).toBe(true);
      expect(schemaIssues(record)).toEqual([]);
    }
  });

  it('an account off its schema: the warning names each field in valibot’s words; --strict fails', () => {
    const item: Record<string, unknown> = { ...valid(), id: '', groups: ['a', 2] };
    delete item.created_at;
    const warning = checkAccount(item, false, 'item 3 of page 1');
    expect(warning).toBe(
      [
        'the account item 3 of page 1 does not match the documented schema:',
        '  id: expected >=1, received 0',
        '  created_at: required field is missing',
        '  groups.1: expected string, received 2',
      ].join('\n'),
    );
    expect(() => checkAccount(item, true, 'item 3 of page 1')).toThrow(
      /does not match its schema \(--strict\)/,
    );
  });
});
