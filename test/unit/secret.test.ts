// SecretMatcher: the key found in every form a server may send it back in, and a key of any length
// masked without failing (a 7,000-character key overflowed the regular expression this replaced).
import { describe, expect, it } from 'vitest';
import { Io } from '../../src/output/io.js';
import { SecretMatcher } from '../../src/output/secret.js';
import { emptyStdin } from '../helpers/pp.js';

// "/" and "=" as in a base64 key; "\\" and "\"" for the JSON and path forms
const KEY = 'pp_live_S4f3ty/T3st=K3y0123456789QrSt';
const MASK = '[masked]';

const masked = (key: string, text: string) => new SecretMatcher(key).replace(text, MASK);

/** Every character percent-encoded, with `extra` "25"s after each "%" (encoded that many more times). */
const percentAll = (s: string, extra = 0, upper = false) =>
  Array.from(new TextEncoder().encode(s), (b) => {
    const hex = b.toString(16).padStart(2, '0');
    return `%${'25'.repeat(extra)}${upper ? hex.toUpperCase() : hex}`;
  }).join('');

describe('SecretMatcher finds the key', () => {
  const forms: [string, string][] = [
    ['as it is', KEY],
    ['upper case', KEY.toUpperCase()],
    ['lower case', KEY.toLowerCase()],
    ['encodeURIComponent', encodeURIComponent(KEY)],
    ['encodeURIComponent with %5F for _', encodeURIComponent(KEY).replaceAll('_', '%5F')],
    ['lower-case hex', encodeURIComponent(KEY).replaceAll('%2F', '%2f')],
    ['twice encoded', encodeURIComponent(encodeURIComponent(KEY))],
    ['every character encoded', percentAll(KEY)],
    ['every character encoded three times, upper-case hex', percentAll(KEY, 2, true)],
    ['some characters encoded, some not', `pp%5Flive_${percentAll('S4f')}3ty%252FT3st%3DK3y0123456789QrSt`],
  ];
  it.each(forms)('%s', (_name, form) => {
    expect(masked(KEY, `before ${form} after`)).toBe(`before ${MASK} after`);
  });

  it('in the forms of JSON text and of a URL path', () => {
    const key = 'pp_live_a"b\\cdefghijkl';
    expect(masked(key, `{"k":"${JSON.stringify(key).slice(1, -1)}"}`)).toBe(`{"k":"${MASK}"}`);
    expect(masked(key, 'https://h/pp_live_a%22b/cdefghijkl?x')).toBe(`https://h/${MASK}?x`);
  });

  it('a character of several UTF-8 bytes, as it is or encoded, each byte encoded any number of times', () => {
    const key = 'pp_test_é€😀xyzxyzxyz';
    expect(masked(key, key)).toBe(MASK);
    expect(masked(key, encodeURIComponent(key))).toBe(MASK);
    expect(masked(key, `pp_test_%C3%25A9${percentAll('€', 1)}%F0%9F%2598%80xyzxyzxyz`)).toBe(MASK);
  });

  it('where "%" is ambiguous: a literal "%" in the key, matched as "%", "%25" or "%2525"', () => {
    const key = 'pp_live_50%off_key123';
    for (const form of ['pp_live_50%off_key123', 'pp_live_50%25off_key123', 'pp_live_50%2525off_key123'])
      expect(masked(key, `[${form}]`)).toBe(`[${MASK}]`);
    // "%25" followed by "70": the "%" of the key and the characters after it, not "p" encoded twice
    expect(masked('ab%70cdefgh', 'ab%2570cdefgh')).toBe(MASK);
  });

  it('every occurrence, touching ones too, and nothing else', () => {
    expect(masked(KEY, `${KEY}${KEY.toUpperCase()} x ${encodeURIComponent(KEY)}`)).toBe(
      `${MASK}${MASK} x ${MASK}`,
    );
    const near = `${KEY.slice(0, -1)} pp_live_ %70%70 ${KEY.slice(1)}`;
    expect(masked(KEY, near)).toBe(near);
    expect(new SecretMatcher(KEY).find(near)).toBeUndefined();
  });

  it('a key whose first characters are not ASCII (no native pre-filter)', () => {
    const key = 'ключ_секрет_1234';
    expect(masked(key, `a ${key.toUpperCase()} b ${encodeURIComponent(key)} c`)).toBe(
      `a ${MASK} b ${MASK} c`,
    );
  });
});

describe('SecretMatcher with a key of any length', () => {
  it.each([7_000, 30_000])('%i characters: masked in every form, nothing thrown', (length) => {
    const key = `pp_live_${'Ab0_'.repeat(length / 4)}`.slice(0, length);
    const matcher = new SecretMatcher(key);
    const text = `x ${key} y ${encodeURIComponent(key).replaceAll('_', '%5F')} z ${key.toLowerCase()}`;
    expect(matcher.replace(text, MASK)).toBe(`x ${MASK} y ${MASK} z ${MASK}`);
    expect(matcher.find('no key here')).toBeUndefined();
  });
});

/** An Io whose standard output is a string. */
function writtenIo(): { io: Io; written: () => string } {
  let written = '';
  const io = new Io({
    stdout: {
      write: (s: string) => {
        written += s;
        return true;
      },
      once: () => undefined,
    },
    stderr: { write: () => true, once: () => undefined },
    stdin: emptyStdin,
    env: {},
  });
  return { io, written: () => written };
}

describe('Io and its secrets', () => {
  it('masks a 100,000-character key in what it writes, in every form (the regular expression threw)', () => {
    const { io, written } = writtenIo();
    const key = `pp_live_${'Xy9-'.repeat(25_000)}`;
    io.addSecret(key, 'pp_live_…Xy9-');
    io.out(`${key} ${encodeURIComponent(key).replaceAll('-', '%2D')}`);
    expect(written()).toBe('pp_live_…Xy9- pp_live_…Xy9-');
    expect(io.holdsSecret(`a ${key.toUpperCase()} b`)).toBe(true);
  });
});
