// `--json` prints the body exactly as the server sent it, only re-indented: tokens are copied as
// they came, so no field is added, dropped or reordered, and numbers keep their exact digits
// (JSON.parse + JSON.stringify would round 12345678901234567890 and turn 1.0 into 1).
//
// One exception: a string whose meaning holds the API key. A server may echo the key with some of
// its characters escaped ("\u0070p_live_…", "\/", "\u003d"), which no byte-level mask sees but
// `jq -r` decodes. So each string token is judged by what it decodes to, and one that holds the
// key is written again as JSON.stringify of its masked text; the caller says so (`masked`).

/** What masks secrets in text: the Io. */
export interface Masker {
  holdsSecret(text: string): boolean;
  redact(text: string): string;
}

export interface Laid {
  text: string;
  /** Some string held a secret and was rewritten masked. */
  masked: boolean;
}

/**
 * Re-indents valid JSON text with two spaces. The caller has already checked it parses. Indenting
 * a deeply nested body grows as depth × lines (20,000 levels in 40 KB would be ~800 MB), so past 16
 * times the body's size (and 1 MiB) it is printed on one line instead, tokens still as they came.
 */
export function reindent(source: string, masker?: Masker): Laid {
  return layout(source, '  ', masker) ?? (layout(source, undefined, masker) as Laid);
}

/** Valid JSON text on one line, tokens as they came: an NDJSON line that splices in a server body. */
export const compact = (source: string, masker?: Masker): Laid => layout(source, undefined, masker) as Laid;

/**
 * Copies the tokens of `source`, with `indent` per level on new lines, or on one line (undefined).
 * Undefined when the indented text would pass its budget (see reindent).
 */
function layout(source: string, indent: string | undefined, masker: Masker | undefined): Laid | undefined {
  let out = '';
  let depth = 0;
  let i = 0;
  let masked = false;
  const n = source.length;
  const budget = Math.max(16 * n, 1 << 20);
  // One indentation string per depth, made once: repeat() on every line would be quadratic.
  const pads: string[] = [''];
  const newline = () => {
    if (indent === undefined) return '';
    pads[depth] ??= pads[depth - 1] + indent;
    return `\n${pads[depth]}`;
  };
  // A string without escapes means its bytes: one test of the whole body says whether any might
  // hold the key. A string with escapes is decoded and tested on its own (see the top).
  const plainMayHold = masker?.holdsSecret(source) === true;
  while (i < n) {
    const c = source[i]!;
    if (c === '"') {
      let j = i + 1;
      let escaped = false;
      while (j < n && source[j] !== '"') {
        if (source[j] === '\\') {
          escaped = true;
          j += 2;
        } else j++;
      }
      const token = source.slice(i, j + 1);
      i = j + 1;
      if (masker && (escaped || plainMayHold)) {
        const rewritten = maskedString(token, masker);
        if (rewritten !== undefined) {
          out += rewritten;
          masked = true;
          continue;
        }
      }
      out += token;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      // an empty object or array stays on one line
      let j = i + 1;
      while (j < n && /\s/.test(source[j]!)) j++;
      const close = c === '{' ? '}' : ']';
      if (source[j] === close) {
        out += c + close;
        i = j + 1;
        continue;
      }
      depth++;
      out += c + newline();
      if (out.length > budget) return undefined;
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') {
      out += `,${newline()}`;
      if (out.length > budget) return undefined;
    } else if (c === ':') {
      out += indent === undefined ? ':' : ': ';
    } else {
      let j = i;
      while (j < n && !',:{}[]" \n\r\t'.includes(source[j]!)) j++;
      out += source.slice(i, j);
      i = j;
      continue;
    }
    i++;
  }
  return { text: out, masked };
}

/**
 * A JSON string token (its quotes included) written again with the secret masked, when what it
 * decodes to holds one; undefined when it holds none. The one judgment of a string, for --json
 * (layout above) and for pp api's answer as it streams (relay.ts).
 */
export function maskedString(token: string, masker: Masker): string | undefined {
  let value = token.slice(1, -1);
  if (token.includes('\\')) {
    try {
      value = JSON.parse(token) as string;
    } catch {
      // not a valid string (relay.ts reads any text): judged as it is spelled
    }
  }
  return masker.holdsSecret(value) ? JSON.stringify(masker.redact(value)) : undefined;
}

/** The one-line warning when a --json body held the key. */
export const maskedWarning = (accountId?: string): string =>
  `the answer${accountId === undefined ? '' : ` for ${accountId}`} contained the API key; it is printed masked (the strings holding it were rewritten)`;

/** A marker on stringify's work stack: text to copy, not a value to serialise. */
class Raw {
  constructor(readonly text: string) {}
}

/**
 * JSON.stringify on one line for a parsed value, without recursion (JSON.stringify overflows the
 * stack past ~10,000 levels), masking every string and member name that holds a secret.
 */
export function stringify(value: unknown, masker?: Masker): Laid {
  // The native one first, and one test of its text: what almost every value needs (10,000
  // accounts: 1.3x the floor this way, 1.8x walking every value). The walk below is for a value
  // holding the key, or one nested too deep for JSON.stringify.
  let native: string | undefined;
  try {
    native = JSON.stringify(value);
  } catch {
    // a RangeError: nested past the call stack
  }
  if (native !== undefined && !masker?.holdsSecret(native)) return { text: native, masked: false };
  let out = '';
  let masked = false;
  const str = (s: string): string => {
    if (masker?.holdsSecret(s)) {
      masked = true;
      return JSON.stringify(masker.redact(s));
    }
    return JSON.stringify(s);
  };
  const work: unknown[] = [value];
  while (work.length > 0) {
    const w = work.pop();
    if (w instanceof Raw) out += w.text;
    else if (typeof w === 'string') out += str(w);
    else if (Array.isArray(w)) {
      work.push(new Raw(']'));
      for (let k = w.length - 1; k >= 0; k--) {
        // like JSON.stringify: a hole or undefined in an array is null
        work.push(w[k] === undefined ? null : w[k]);
        if (k > 0) work.push(new Raw(','));
      }
      work.push(new Raw('['));
    } else if (w !== null && typeof w === 'object') {
      const entries = Object.entries(w).filter(([, v]) => v !== undefined && typeof v !== 'function');
      work.push(new Raw('}'));
      for (let k = entries.length - 1; k >= 0; k--) {
        const [name, v] = entries[k]!;
        work.push(v, new Raw(`${str(name)}:`));
        if (k > 0) work.push(new Raw(','));
      }
      work.push(new Raw('{'));
    } else out += JSON.stringify(w) ?? 'null';
  }
  return { text: out, masked };
}

/** One line of JSON for standard error or NDJSON. */
export const oneLine = (value: unknown): string => `${JSON.stringify(value)}\n`;

/**
 * The items of a list page as received, each its own text (an NDJSON line once compact): the
 * elements of the array under the top-level member `name` (the last such member, as JSON.parse
 * takes it). `source` is valid JSON: the caller parsed it. Undefined when that member is no array.
 */
export function memberItems(source: string, name: string): string[] | undefined {
  const n = source.length;
  const space = (i: number): number => {
    while (i < n && (source[i] === ' ' || source[i] === '\n' || source[i] === '\r' || source[i] === '\t'))
      i++;
    return i;
  };
  let i = space(0);
  if (source[i] !== '{') return undefined;
  let found: string[] | undefined;
  i = space(i + 1);
  while (i < n && source[i] !== '}') {
    const keyEnd = valueEnd(source, i);
    const key = source.slice(i, keyEnd);
    i = space(space(keyEnd) + 1); // past the colon
    const end = valueEnd(source, i);
    if (JSON.parse(key) === name) found = source[i] === '[' ? elements(source.slice(i, end)) : undefined;
    i = space(end);
    if (source[i] === ',') i = space(i + 1);
  }
  return found;
}

/** The elements of a JSON array's text, each as written. */
function elements(array: string): string[] {
  const out: string[] = [];
  const n = array.length - 1; // the closing bracket
  let i = 1;
  while (i < n) {
    while (i < n && /\s|,/.test(array[i]!)) i++;
    if (i >= n) break;
    const end = valueEnd(array, i);
    out.push(array.slice(i, end));
    i = end;
  }
  return out;
}

/** Where the JSON value starting at `i` ends, without recursion (a value may nest 20,000 levels). */
function valueEnd(source: string, i: number): number {
  const n = source.length;
  let depth = 0;
  while (i < n) {
    const c = source[i]!;
    if (c === '"') {
      i++;
      while (i < n && source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '{' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === ']') {
      depth--;
      i++;
    } else if (depth > 0) i++;
    else {
      // a number or a literal: up to what ends it
      while (i < n && !',}] \n\r\t'.includes(source[i]!)) i++;
      return i;
    }
    if (depth === 0) return i;
  }
  return i;
}
