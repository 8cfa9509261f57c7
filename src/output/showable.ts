// Text that came from the server, made fit to show a person. A profile or an error message can
// hold anything: escape sequences that recolour, clear or retitle the terminal, a carriage return
// that draws over a line, bidirectional overrides that make text read backwards, or the API key
// itself, echoed back. These are shown as visible escapes (`\u001b`) and the key as its mask,
// before any wrapping or cutting could split the key out of the mask's reach.
// --json prints the body as it came, for programs, but for the key (see json.ts).
import type { Io } from './io.js';
import { exactIntegers } from './json.js';

// C0 controls but the line feed, DEL, C1 controls, and the bidirectional marks, embeddings,
// overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9).
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Control and bidi characters as visible escapes; a CR LF or a tab as a line feed or a space. */
export function neutralize(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\t/g, ' ')
    .replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Text with the credentials of every URL in it masked: `http://user:Hunter2@host:99999` (a base URL
 * that does not even parse) is quoted as `http://***@host:99999`. The user name goes too: it may be
 * a token (https://TOKEN@host).
 */
export function hideCredentials(text: string): string {
  // the authority ends at the first /, ? or #; its user information at the last @ before that
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#\\]*@/gi, '$1***@');
}

/** Server text for a person: the key masked, control characters neutralized. */
export function showable(io: Io, text: string): string {
  return neutralize(io.redact(text));
}

/** How deep a person is shown a body: deeper parts are one "…" (a body can nest 20,000 levels). */
const SHOWN_DEPTH = 64;

/**
 * A parsed body with every string in it (names of fields too) made showable, 64 levels deep. Given
 * the body's text, an integer JSON.parse rounded (past 2^53) is shown as the digits the server
 * sent (exactIntegers), not as other digits: a person copies an id from here.
 */
export function showableData(io: Io, value: unknown, body?: string): unknown {
  const exact = body === undefined ? undefined : exactIntegers(body);
  return shownData(io, value, exact?.size ? { exact, path: [] } : undefined, 0);
}

function shownData(
  io: Io,
  value: unknown,
  digits: { exact: Map<string, string>; path: (string | number)[] } | undefined,
  depth: number,
): unknown {
  if (typeof value === 'string') return showable(io, value);
  if (typeof value === 'number' && digits && !Number.isSafeInteger(value) && Number.isInteger(value))
    return digits.exact.get(JSON.stringify(digits.path)) ?? value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= SHOWN_DEPTH) return '…';
  // the path is followed only when there are rounded integers to put back
  const member = (key: string | number, v: unknown): unknown => {
    if (!digits) return shownData(io, v, digits, depth + 1);
    digits.path.push(key);
    const shown = shownData(io, v, digits, depth + 1);
    digits.path.pop();
    return shown;
  };
  if (Array.isArray(value)) return value.map((v, i) => member(i, v));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [showable(io, k), member(k, v)]));
}
