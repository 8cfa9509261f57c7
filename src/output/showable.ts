// Text that came from the server, made fit to show a person. A profile or an error message can
// hold anything: escape sequences that recolour, clear or retitle the terminal, a carriage return
// that draws over a line, bidirectional overrides that make text read backwards, or the API key
// itself, echoed back. These are shown as visible escapes (`\u001b`) and the key as its mask,
// before any wrapping or cutting could split the key out of the mask's reach.
// --json is not affected: it prints the body as it came, for programs.
import type { Io } from './io.js';

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

/** Server text for a person: the key masked, control characters neutralized. */
export function showable(io: Io, text: string): string {
  return neutralize(io.redact(text));
}

/** A parsed body with every string in it (names of fields too) made showable. */
export function showableData(io: Io, value: unknown): unknown {
  if (typeof value === 'string') return showable(io, value);
  if (Array.isArray(value)) return value.map((v) => showableData(io, v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [showable(io, k), showableData(io, v)]));
  }
  return value;
}
