// Finds a secret in text in every form it takes on the way back from a server, in any case (a host
// name in a redirect is lower-cased): as it is; JSON-escaped; in a URL path, where a backslash
// becomes a slash; and with any of its characters percent-encoded, once or more (%5F for "_" too,
// which encodeURIComponent leaves alone but other encoders do not; %2570 for "p" encoded twice).
//
// Why not one regular expression of all those forms (what this replaced): its source grows ~30
// characters per character of the secret, and V8 compiles it recursively: a 7,000-character key made
// `new RegExp` throw "Stack overflow" — with the key spelled out in the message — and pp exit 1.
// Compiling it also cost ~12 ms of every command that has a key (a 36-character one). Here the
// forms are matched by stepping through the secret's characters, a few states at a time: nothing
// is compiled, nothing recurses, and the cost grows with the secret's length, never faster.

const PERCENT = 0x25; // %

/**
 * ASCII letters to lower case; other code units to their one-unit lower case, if they have one that
 * is not ASCII (as a regular expression's "i" flag folds them: the Kelvin sign is no "k").
 */
function fold(unit: number): number {
  if (unit >= 0x41 && unit <= 0x5a) return unit + 0x20;
  if (unit < 0x80) return unit;
  const lower = String.fromCharCode(unit).toLowerCase().charCodeAt(0);
  return lower >= 0x80 && String.fromCharCode(unit).toLowerCase().length === 1 ? lower : unit;
}

/** One character of a form: its code units, folded, and its UTF-8 bytes as two lower-case hex digits each. */
interface Char {
  units: number[];
  hex: [number, number][];
}

const hexDigit = (n: number): number => '0123456789abcdef'.charCodeAt(n);

/** The form's characters; a lone surrogate is encoded as U+FFFD, as TextEncoder does. */
function charsOf(form: string): Char[] {
  const chars: Char[] = [];
  const bytes = new TextEncoder().encode(form);
  let at = 0;
  for (const ch of form) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    const units = [fold(ch.charCodeAt(0))];
    if (ch.length === 2) units.push(fold(ch.charCodeAt(1)));
    const hex: [number, number][] = [];
    for (let k = at; k < at + size; k++) hex.push([hexDigit(bytes[k]! >> 4), hexDigit(bytes[k]! & 15)]);
    at += size;
    chars.push({ units, hex });
  }
  return chars;
}

// Where a match of one form stands, between two code units of the text: each state is a number,
// kind + 8 × (byte + 4 × character), so a set of them is a plain array. A character is at most 4
// UTF-8 bytes and 2 code units.
const AT_CHAR = 0; // before character `c` (nothing of it read yet)
const IN_UNITS = 1; // read the first of its two code units
const AFTER_PERCENT = 2; // read "%" (or "%25"…) of byte `b`: two hex digits or "25" to come
const AFTER_2 = 3; // then read "2": either the first hex digit of the byte, or the start of a "25"
const AFTER_HEX = 4; // then read the byte's first hex digit (not "2")
const BEFORE_BYTE = 5; // between two percent-encoded bytes of character `c`: "%" to come

const state = (kind: number, c: number, b = 0): number => kind + 8 * (b + 4 * c);

/** Matches one form anchored at a position; `longestFrom` is the whole of it. */
class FormMatcher {
  readonly #chars: Char[];

  constructor(form: string) {
    this.#chars = charsOf(form);
  }

  /** The first code unit a match can start with (besides "%"), folded. */
  get first(): number {
    return this.#chars[0]?.units[0] ?? -1;
  }

  /**
   * The end of the longest match that starts at `start`, or -1. Steps through the text with the
   * set of states the form can be in: each code unit costs a few steps per state, and a set holds
   * a handful of states (the ambiguity of "%25…" is all there is).
   */
  longestFrom(text: string, start: number): number {
    const chars = this.#chars;
    let end = -1;
    let states = [state(AT_CHAR, 0)];
    let next: number[] = [];
    for (let i = start; i < text.length && states.length > 0; i++) {
      const unit = fold(text.charCodeAt(i));
      next.length = 0;
      for (const s of states) {
        const kind = s & 7;
        const b = (s >> 3) & 3;
        const c = s >> 5;
        const ch = chars[c]!;
        const [hi, lo] = ch.hex[b]!;
        // what completes: -1 nothing, 0 a byte of a percent-encoded character, 1 a whole character
        let done = -1;
        switch (kind) {
          case AT_CHAR:
            if (unit === ch.units[0]) {
              if (ch.units.length === 1) done = 1;
              else add(next, state(IN_UNITS, c));
            }
            if (unit === PERCENT) add(next, state(AFTER_PERCENT, c, 0));
            break;
          case IN_UNITS:
            if (unit === ch.units[1]) done = 1;
            break;
          case BEFORE_BYTE:
            if (unit === PERCENT) add(next, state(AFTER_PERCENT, c, b));
            break;
          case AFTER_PERCENT:
            if (unit === 0x32)
              add(next, state(AFTER_2, c, b)); // "2": a digit of "25", or the byte's first
            else if (unit === hi) add(next, state(AFTER_HEX, c, b));
            break;
          case AFTER_2:
            if (unit === 0x35) add(next, state(AFTER_PERCENT, c, b)); // "25": the "%" encoded once more
            if (hi === 0x32 && unit === lo) done = 0;
            break;
          case AFTER_HEX:
            if (unit === lo) done = 0;
            break;
        }
        if (done === 0 && b + 1 < ch.hex.length) add(next, state(BEFORE_BYTE, c, b + 1));
        else if (done >= 0 && c + 1 < chars.length) add(next, state(AT_CHAR, c + 1));
        else if (done >= 0) end = i + 1; // the last character: a match
      }
      [states, next] = [next, states];
    }
    return end;
  }
}

function add(set: number[], s: number): void {
  if (!set.includes(s)) set.push(s);
}

/** A secret and the forms it may take in text (see the top). */
export class SecretMatcher {
  /** The forms of the secret (see the top); their matchers are made when first needed (#matchers). */
  readonly #kept: string[];
  #built: { forms: FormMatcher[]; starts: Set<number> } | undefined;
  /**
   * Where a match may start, found natively (see startPattern); undefined when a form starts with
   * other than ASCII, whose case the "i" flag could fold otherwise than fold() does.
   */
  readonly #prefilter: RegExp | undefined;
  /** The same, without the `g` flag: a test() that keeps no position and builds no match. */
  readonly #anyStart: RegExp | undefined;

  constructor(secret: string) {
    const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), secret.replaceAll('\\', '/')]);
    const kept = [...forms].filter((f) => f !== '');
    this.#kept = kept;
    const starts = kept.every((f) => f.charCodeAt(0) <= 0x7f) ? kept.map(startPattern).join('|') : undefined;
    this.#prefilter = starts === undefined ? undefined : new RegExp(starts, 'gi');
    this.#anyStart = starts === undefined ? undefined : new RegExp(starts, 'i');
  }

  /**
   * The forms' matchers, and the code units where a match can start (the first of a form's first
   * character, folded, and "%"). Made on first need: most text holds no start of a match, which
   * the pre-filter says alone, and making them was ~0.3 ms of every command that has a key.
   */
  #matchers(): { forms: FormMatcher[]; starts: Set<number> } {
    if (!this.#built) {
      const forms = this.#kept.map((f) => new FormMatcher(f));
      this.#built = { forms, starts: new Set([PERCENT, ...forms.map((f) => f.first)]) };
    }
    return this.#built;
  }

  /** The end of the longest match of any form at `i`, or -1. */
  #longestAt(text: string, i: number): number {
    let end = -1;
    for (const form of this.#matchers().forms) end = Math.max(end, form.longestFrom(text, i));
    return end;
  }

  /** The first match at or after `from`, as [start, end), longest at that start; undefined if none. */
  find(text: string, from = 0): [number, number] | undefined {
    const prefilter = this.#prefilter;
    if (prefilter) {
      prefilter.lastIndex = from;
      for (let m = prefilter.exec(text); m; m = prefilter.exec(text)) {
        const end = this.#longestAt(text, m.index);
        if (end > m.index) return [m.index, end];
        prefilter.lastIndex = m.index + 1;
      }
      return undefined;
    }
    const { starts } = this.#matchers();
    for (let i = from; i < text.length; i++) {
      if (!starts.has(fold(text.charCodeAt(i)))) continue;
      const end = this.#longestAt(text, i);
      if (end > i) return [i, end];
    }
    return undefined;
  }

  /** Whether `text` holds the secret in any of its forms. */
  occursIn(text: string): boolean {
    // most text holds no start of a match at all: one native test says so
    if (this.#anyStart && !this.#anyStart.test(text)) return false;
    return this.find(text) !== undefined;
  }

  /** `text` with every match replaced by `mask`. */
  replace(text: string, mask: string): string {
    if (this.#anyStart && !this.#anyStart.test(text)) return text;
    let out = '';
    let done = 0;
    for (let m = this.find(text); m; m = this.find(text, m[1])) {
      out += text.slice(done, m[0]) + mask;
      done = m[1];
    }
    return done === 0 ? text : out + text.slice(done);
  }
}

/** How many of a form's first characters the pre-filter spells out. */
const PREFIX = 8;

/**
 * How a match of `form` starts, as a regular expression of a fixed size whatever the form's length:
 * each of its first characters (up to PREFIX, ASCII ones) as it is or percent-encoded any number of
 * times. A pre-filter only: the matcher decides. Measured on 10,000 NDJSON lines: with only the
 * first two characters, "pp" in ordinary words made a candidate of one line in ten, and the matcher,
 * cold in a command that runs once, cost ~40 ms; spelled out to "pp_live_", candidates are only
 * where the key's start is.
 */
function startPattern(form: string): string {
  const literal = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let pattern = '';
  for (const ch of form.slice(0, PREFIX)) {
    if (ch.charCodeAt(0) > 0x7f) break;
    pattern += `(?:${literal(ch)}|%(?:25)*${ch.charCodeAt(0).toString(16).padStart(2, '0')})`;
  }
  return pattern;
}
