// `pp api`'s answer on its way to standard output as it arrives, never held whole (a 100 MB answer
// to a pipe in flat memory), with the API key masked wherever it appears, as --json masks it.
//
// Two things make that work in pieces:
// - A secret may be cut in two by the end of a piece. So the end of what has arrived is held back,
//   SECRET_REACH characters of it, until what follows shows whether a secret runs on there
//   (SecretWindow). A match longer than that (a key percent-encoded hundreds of times over) is
//   masked as far as it reaches.
// - In JSON, a string may spell the key with escapes no byte-level look sees (\u0070p_live_…,
//   \/). So a JSON answer is read token by token (JsonPieces): each string is held until it closes
//   and judged by what it decodes to, as json.ts judges it for --json, and one that holds the key is
//   written again masked. Only a string longer than LONG_STRING is not held whole: it goes on in
//   pieces, written again with JSON's own escapes (the same text; a piece without escapes is
//   unchanged), so that the window sees what it decodes to.
// Everything else is copied as received: whitespace, numbers' digits, member order, bytes that are
// not text at all (an attachment, read as latin1 so that each byte is one character and comes back
// as itself; keys are printable ASCII, key.ts).
import type { Io } from './io.js';
import { maskedString } from './json.js';

/** Longer than any match of a secret (a key is tens of characters; percent-encoded, three times that). */
export const SECRET_REACH = 64 * 1024;
/** A JSON string held whole up to this many characters before it goes on in pieces. */
export const LONG_STRING = 1024 * 1024;

type Masking = Pick<Io, 'findSecret' | 'redact' | 'holdsSecret'>;

/** Text in pieces, masked, the last SECRET_REACH characters held back until more comes (or the end). */
export class SecretWindow {
  #pending = '';
  /** Some secret was masked. */
  masked = false;

  constructor(private readonly masking: Masking) {}

  /** The text that can go out now, masked. */
  push(text: string): string {
    const all = this.#pending + text;
    let cut = all.length - SECRET_REACH;
    if (cut <= 0) {
      this.#pending = all;
      return '';
    }
    // a match that reaches past the cut may still grow with what comes next: cut before it
    for (let m = this.masking.findSecret(all); m; m = this.masking.findSecret(all, m[1])) {
      if (m[1] <= cut) continue;
      if (m[0] < cut && m[0] > 0) cut = m[0];
      break;
    }
    // never between the two halves of a surrogate pair: each half alone would be written as U+FFFD
    const unit = all.charCodeAt(cut - 1);
    if (unit >= 0xd800 && unit <= 0xdbff) cut--;
    this.#pending = all.slice(cut);
    return this.#mask(all.slice(0, cut));
  }

  /** What is held back, masked: the text has ended. */
  end(): string {
    const rest = this.#pending;
    this.#pending = '';
    return this.#mask(rest);
  }

  #mask(text: string): string {
    const masked = this.masking.redact(text);
    if (masked !== text) this.masked = true;
    return masked;
  }
}

/** Inside a JSON string: what ends a run of ordinary characters. */
const STRING_STOP = /["\\]/g;

/**
 * JSON text in pieces, copied as received but for the strings that hold a secret in an escaped
 * spelling. Lenient: it only tells strings from the rest, so any text passes through it.
 */
export class JsonPieces {
  #inString = false;
  /** The string being read, as received (with its opening quote, unless it is going on in pieces). */
  #token = '';
  #escaped = false;
  /** Longer than LONG_STRING: its start is out already. */
  #long = false;
  /** An escape cut by the end of a piece, read with the next. */
  #carry = '';
  /** Some string held a secret and was written again masked. */
  masked = false;

  constructor(private readonly masking: Masking) {}

  push(piece: string): string {
    const text = this.#carry + piece;
    this.#carry = '';
    let out = '';
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (!this.#inString) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          out += text.slice(i);
          break;
        }
        out += text.slice(i, quote);
        this.#inString = true;
        this.#token = '"';
        this.#escaped = false;
        this.#long = false;
        i = quote + 1;
        continue;
      }
      STRING_STOP.lastIndex = i;
      const stop = STRING_STOP.exec(text);
      if (!stop) {
        this.#token += text.slice(i);
        break;
      }
      const at = stop.index;
      if (text[at] === '\\') {
        const size = text[at + 1] === 'u' ? 6 : 2;
        if (at + size > n) {
          this.#token += text.slice(i, at);
          this.#carry = text.slice(at);
          break;
        }
        this.#escaped = true;
        this.#token += text.slice(i, at + size);
        i = at + size;
        continue;
      }
      this.#token += text.slice(i, at + 1);
      i = at + 1;
      out += this.#close();
    }
    if (this.#inString && this.#token.length > LONG_STRING) out += this.#goOn();
    return out;
  }

  /** The text has ended (a string left open is invalid JSON: what there is goes out as it came). */
  end(): string {
    const rest = this.#token + this.#carry;
    this.#token = '';
    this.#carry = '';
    return rest;
  }

  #close(): string {
    this.#inString = false;
    const token = this.#token;
    this.#token = '';
    if (this.#long) return `${reescaped(token.slice(0, -1))}"`;
    // without escapes a string is its own bytes: the window masks the key in it as in any text
    if (!this.#escaped) return token;
    const masked = maskedString(token, this.masking);
    if (masked === undefined) return token;
    this.masked = true;
    return masked;
  }

  /** A long string goes on: its opening quote the first time, then what has come of it. */
  #goOn(): string {
    let out = '';
    let raw = this.#token;
    if (!this.#long) {
      this.#long = true;
      out = '"';
      raw = raw.slice(1);
    }
    this.#token = '';
    return out + reescaped(raw);
  }
}

/** A piece of a JSON string's inside, with JSON's own escapes: the same text, what it means spelled out. */
function reescaped(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.stringify(JSON.parse(`"${raw}"`)).slice(1, -1);
  } catch {
    return raw; // not a valid string: as it came, for the window to mask
  }
}

/** An answer's body on its way to standard output. */
export interface BodyRelay {
  /** A piece of the body as received; a promise while standard output is behind. */
  write(chunk: Buffer): Promise<void> | undefined;
  /** The body has ended: what was held back goes out. */
  end(): Promise<void>;
  /** Some form of a secret was masked. */
  readonly masked: boolean;
}

/** What a body is, as far as relaying it goes: JSON, anything else, or to be told by its first byte. */
export type BodyKind = 'json' | 'bytes' | 'sniff';

/**
 * The relay for a body that is JSON (decoded as UTF-8, read token by token) or anything else
 * (bytes, copied as they came). 'sniff', for an answer without a content type: JSON when its first
 * byte past any whitespace (or byte-order mark) opens an object or an array.
 */
export function bodyRelay(io: Io, kind: BodyKind): BodyRelay {
  const window = new SecretWindow(io);
  let json: JsonPieces | undefined;
  let decided = kind !== 'sniff';
  if (kind === 'json') json = new JsonPieces(io);
  // ignoreBOM: a byte-order mark is part of what was received, and stays
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const send = (text: string): Promise<void> | undefined =>
    text === '' ? undefined : io.outMasked(json ? text : latin1Bytes(text));
  return {
    get masked() {
      return window.masked || json?.masked === true;
    },
    write(chunk) {
      if (!decided && chunk.length > 0) {
        decided = true;
        const first = chunk.toString('latin1').replace(/^(?:\xef\xbb\xbf)?[ \t\r\n]*/, '')[0];
        if (first === '{' || first === '[') json = new JsonPieces(io);
      }
      const text = json ? json.push(decoder.decode(chunk, { stream: true })) : chunk.toString('latin1');
      return send(window.push(text));
    },
    async end() {
      const text = json ? json.push(decoder.decode()) + json.end() : '';
      await send(window.push(text) + window.end());
    },
  };
}

/**
 * Bytes read as latin1, back to the bytes they were: each character up to U+00FF is its byte. A
 * mask written in their place (pp_live_…8GR2) is text of its own, in UTF-8 as all of pp's output.
 */
function latin1Bytes(text: string): Buffer {
  if (!/[^\x00-\xff]/.test(text)) return Buffer.from(text, 'latin1');
  return Buffer.concat(
    text.split(/([^\x00-\xff]+)/).map((run, i) => Buffer.from(run, i % 2 === 1 ? 'utf8' : 'latin1')),
  );
}
