// showable(): server text made safe for a terminal, with the key masked before any layout.
import { describe, expect, it } from 'vitest';
import { Io } from '../../src/output/io.js';
import { neutralize, showableData } from '../../src/output/showable.js';
import { emptyStdin } from '../helpers/pp.js';

const io = new Io({
  stdout: { write: () => true, once: () => undefined },
  stderr: { write: () => true, once: () => undefined },
  stdin: emptyStdin,
  env: {},
});
io.addSecret('pp_live_secret1234', 'pp_live_…1234');

describe('neutralize', () => {
  it('keeps text, line feeds and non-Latin scripts as they are', () => {
    expect(neutralize('Zoë 東京 مرحبا\nline two')).toBe('Zoë 東京 مرحبا\nline two');
  });

  it('turns controls, C1 controls and bidi overrides into visible escapes; CR LF and tabs into plain ones', () => {
    expect(neutralize('a\u001b[2Jb\u0007c\u009bd\u202ee\u2066f\rg')).toBe(
      'a\\u001b[2Jb\\u0007c\\u009bd\\u202ee\\u2066f\\u000dg',
    );
    expect(neutralize('one\r\ntwo\tthree')).toBe('one\ntwo three');
  });
});

describe('showableData', () => {
  it('masks the key and neutralizes every string, names of fields included, at any depth', () => {
    const data = {
      name: 'key pp_live_secret1234',
      count: 3,
      missing: null,
      list: [{ 'bad\u001bkey': ['\u202e', true] }],
    };
    expect(showableData(io, data)).toEqual({
      name: 'key pp_live_…1234',
      count: 3,
      missing: null,
      list: [{ 'bad\\u001bkey': ['\\u202e', true] }],
    });
  });
});
