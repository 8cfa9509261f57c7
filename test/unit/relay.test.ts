// output/relay.ts: a body masked in pieces comes out as the whole would, however it is cut.
import { describe, expect, it } from 'vitest';
import { JsonPieces, SECRET_REACH, SecretWindow } from '../../src/output/relay.js';
import { memoryIo } from '../helpers/pp.js';

const KEY = 'pp_live_R3layT3stK3y0123456789abcdQRST';
const MASK = 'pp_live_…QRST';

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** `text` cut at random places, some pieces far longer than the window, some one character. */
function pieces(text: string, next: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = next() < 0.3 ? 1 + Math.floor(next() * 8) : Math.floor(next() * SECRET_REACH * 2);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

const io = () => {
  const io = memoryIo();
  io.addSecret(KEY, MASK);
  return io;
};

describe('SecretWindow', () => {
  it('masks every form of the key wherever the pieces are cut, and holds back no more than it must', () => {
    const forms = [KEY, KEY.toUpperCase(), encodeURIComponent(KEY).replaceAll('_', '%5F')];
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed);
      let text = '';
      while (text.length < 4 * SECRET_REACH) {
        text += 'x'.repeat(Math.floor(next() * 30_000));
        text += forms[Math.floor(next() * forms.length)];
      }
      const window = new SecretWindow(io());
      let out = '';
      for (const piece of pieces(text, next)) out += window.push(piece);
      // held back: the window, and at most the start of a key reaching into it
      expect(io().redact(text).length - out.length).toBeLessThanOrEqual(SECRET_REACH + KEY.length * 3);
      out += window.end();
      expect(out).toBe(io().redact(text));
      expect(out).not.toMatch(/R3layT3st/i);
      expect(window.masked).toBe(true);
    }
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const window = new SecretWindow(io());
    const text = `${'a'.repeat(SECRET_REACH + 9)}😀${'b'.repeat(10)}`;
    const first = window.push(text.slice(0, SECRET_REACH + 10)); // ends inside 😀
    expect(first.endsWith('\ud83d')).toBe(false);
    expect(first + window.push(text.slice(SECRET_REACH + 10)) + window.end()).toBe(text);
  });
});

describe('JsonPieces', () => {
  it('copies JSON as received, and writes again only a string that spells the key with escapes', () => {
    const escaped = KEY.replace('p', '\\u0070').replace('_', '\\u005f');
    const text = `{ "a" : [1.0, 12345678901234567890, "\\u00e9\\/"],\n "k":"${escaped}", "${escaped}": true }`;
    for (let seed = 1; seed <= 20; seed++) {
      const json = new JsonPieces(io());
      const next = random(seed);
      let out = '';
      for (let i = 0; i < text.length; ) {
        const size = 1 + Math.floor(next() * 12);
        out += json.push(text.slice(i, i + size));
        i += size;
      }
      out += json.end();
      expect(out).toBe(
        `{ "a" : [1.0, 12345678901234567890, "\\u00e9\\/"],\n "k":"${MASK}", "${MASK}": true }`,
      );
      expect(json.masked).toBe(true);
    }
  });
});
