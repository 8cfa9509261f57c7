// How many terminal columns text takes, and cutting, wrapping and padding that agree with it. Every
// measure in the human layout comes from displayWidth, so a table's columns line up with what the
// terminal draws.
//
// Why string-width@8 (measured): the hand-written code-point tables this replaced and the
// string-width@4 inside cli-table3 disagreed, and @4 is wrong where a terminal is concerned:
// "a\u200bb" → 3 (a terminal draws 2), "☺︎" (U+263A U+FE0E) → 2 (1), "x\ufe0f" → 2 (1), a soft
// hyphen → 1 (0). So `Ada 🧑‍💻 Dev` was cut to `Ada 🧑‍💻…` and `Bob ⚠️ warn` to `Bob ⚠️ wa…` in
// columns wide enough for them. string-width@8 measures grapheme clusters and gets all of these
// right: "Ada 🧑‍💻 Dev" 10, "Bob ⚠️ warn" 11, "🇫🇷" 2, "👍🏽" 2, "e\u0301" 1, "日本" 4, "a\u200bb" 2,
// "soft\u00adhy" 6, "x\ufe0f" 1, "❤️" 2, "☺︎" 1.
//
// Helpers take plain text: colour is applied after measuring and wrapping (see table.ts).
//
// What a profile with names in other scripts costs (measured in `npm run bench`): string-width
// makes an Intl.Segmenter as it loads (ICU data, ~12 ms) and tests every cluster against
// \p{RGI_Emoji}, a regular expression of ~3,700 sequences that V8 takes ~25 ms to compile: a
// profile with one CJK name took 1.7× the start-up of the same profile in Latin letters. So the
// text of the scripts most names are written in (Latin, Greek, Cyrillic, CJK, Hangul, emoji) is cut
// into clusters here (ownClusters), and a cluster's width decided here where string-width's own
// rules settle it cheaply (clusterColumns); anything else goes to Intl.Segmenter and string-width,
// loaded on first need, once. Not a second measure: tests check both against Intl.Segmenter and
// string-width over every code point of those scripts and over random text made of them.
import { createRequire } from 'node:module';
import { eastAsianWidth } from 'get-east-asian-width';

type Measure = (text: string) => number;

/**
 * Text every character of which is one column and a grapheme cluster of its own: printable ASCII,
 * and the Latin-1 and Latin Extended letters and the punctuation (· — … ’ “ ” •) of names and of
 * pp's own headings, none of which joins or combines with the next. Measured as its length.
 */
const narrow = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027]*$/;
// Colour codes (SGR): the only escapes in text to measure, as the layout writes no other and
// showable() turns those in the server's text into visible characters.
const sgr = /\u001b\[[0-9;]*m/g;

/**
 * The expressions of Unicode properties the measures below use, made on the first text that is not
 * `narrow` rather than when this module loads: every command that can print a table loads it, and
 * JSON measures nothing (measured: ~0.3 ms to make these, ~0.9 ms more to first use them).
 */
function unicodeClasses() {
  return {
    /**
     * Text whose grapheme clusters ownClusters finds as Intl.Segmenter does: the code points of
     * these blocks, where a cluster is a character followed by what extends it (combining marks,
     * variation selectors, skin tones, ZWJ and the pictograph after it) or a pair of regional
     * indicators. Left out: controls and format characters (the soft hyphen too), Hangul jamo, and
     * the scripts with other rules (Indic conjuncts, prepended marks, Thai and Myanmar vowels...),
     * which Intl segments.
     */
    segmentable:
      // biome-ignore lint/suspicious/noMisleadingCharacterClass: a set of code points, each tested alone
      /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u052f\u1e00-\u1fff\u200c-\u200d\u2010-\u2027\u2030-\u205e\u2070-\u2bff\u2e80-\u2fdf\u3000-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe30-\ufe4f\uff00-\uffef\u{1f000}-\u{1faff}\u{20000}-\u{3fffd}\u{e0020}-\u{e007f}]*$/u,
    /** Extends the cluster before it (UAX #29 Extend: GB9); ZWJ is apart, for GB11. */
    extend: /^[\p{Grapheme_Extend}\p{Emoji_Modifier}]$/u,
    /** Joins the cluster before it too (GB9a), but ends a pictograph's run for GB11. */
    spacingMark: /^\p{Mc}$/u,
    pictograph: /^\p{Extended_Pictographic}$/u,
    regional: /^\p{Regional_Indicator}$/u,
    // for clusterColumns (string-width's rules)
    visible: /[^\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Cs}]/u,
    // biome-ignore lint/suspicious/noMisleadingCharacterClass: a set of code points, each tested alone
    emojiLike: /[\p{Emoji}\p{Extended_Pictographic}\u20e3]/u,
    pictographs: /\p{Extended_Pictographic}/gu,
    flagPair: /^\p{Regional_Indicator}{2}$/u,
  };
}
let unicode: ReturnType<typeof unicodeClasses> | undefined;

let stringWidth: Measure | undefined;
let segmenter: Intl.Segmenter | undefined;

/** string-width, loaded for the first cluster clusterColumns cannot settle (see the top). */
function loadStringWidth(): Measure {
  // esbuild bundles this require() and evaluates string-width at the call; under vitest, require is Node's
  const loaded: unknown =
    typeof require === 'function' ? require('string-width') : createRequire(import.meta.url)('string-width');
  return (loaded as { default: Measure }).default;
}

// Widths of clusters seen before: text repeats few distinct clusters. Emptied when full, so it
// stays a few MB at most.
const clusterCache = new Map<string, number>();

/** Columns of one grapheme cluster. */
function clusterWidth(cluster: string): number {
  if (cluster.length === 1 && narrow.test(cluster)) return 1;
  let width = clusterCache.get(cluster);
  if (width === undefined) {
    width = clusterColumns(cluster);
    if (width === undefined) {
      stringWidth ??= loadStringWidth();
      width = stringWidth(cluster);
    }
    if (clusterCache.size >= 65_536) clusterCache.clear();
    clusterCache.set(cluster, width);
  }
  return width;
}

// string-width's rules, as its source states them (8.x): a cluster of only invisible characters
// is 0; an RGI emoji, a keycap or a ZWJ sequence of two pictographs is 2; Hangul jamo compose;
// otherwise the East Asian Width of the first visible character, plus that of each spacing mark or
// half/fullwidth form after it.
const jamo = /[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/;
const keycap = /^[\d#*]\u20e3$/;
const oneCharacter = /^.[\ufe0e\ufe0f]?$/su;
// Compiled on first need: \p{Basic_Emoji} in ~1 ms, the flags in ~5 ms (not the ~25 ms of all RGI
// emoji). `v` is the flag that knows sequences; tsc allows it only when targeting ES2024, Node 20
// has it.
const sequences = 'v';
let basicEmoji: RegExp | undefined;
let flag: RegExp | undefined;
const columns = (cp: number): number => eastAsianWidth(cp, { ambiguousAsWide: false });

/** The width string-width gives `cluster`, where its rules settle it cheaply; else undefined. */
export function clusterColumns(cluster: string): number | undefined {
  unicode ??= unicodeClasses();
  const { visible, spacingMark, emojiLike, pictographs, flagPair } = unicode;
  const at = cluster.search(visible);
  if (at === -1) return 0;
  const shown = cluster.slice(at);
  if (jamo.test(shown)) return undefined;
  const first = shown.codePointAt(0)!;
  let trailing = 0;
  for (const ch of shown.slice(first > 0xffff ? 2 : 1)) {
    if (spacingMark.test(ch) || (ch >= '\uff00' && ch <= '\uffef')) trailing += columns(ch.codePointAt(0)!);
  }
  const base = columns(first) + trailing;
  // an emoji is 2, and so is this cluster if it is none
  if (trailing === 0 && base === 2) return 2;
  if (!emojiLike.test(cluster)) return base;
  if (cluster.length <= 50) {
    if (keycap.test(cluster)) return 2;
    if (cluster.includes('\u200d') && (cluster.match(pictographs)?.length ?? 0) >= 2) return 2;
  }
  if (oneCharacter.test(cluster)) {
    basicEmoji ??= new RegExp('^\\p{Basic_Emoji}$', sequences);
    return basicEmoji.test(cluster) ? 2 : base;
  }
  if (flagPair.test(cluster)) {
    flag ??= new RegExp('^\\p{RGI_Emoji_Flag_Sequence}$', sequences);
    return flag.test(cluster) ? 2 : base;
  }
  return undefined;
}

/**
 * The clusters of `text`, all of it `segmentable`: a character, and what extends it (GB9, GB9a),
 * a pictograph after ZWJ after a pictograph and its extenders (GB11), or the second of a pair of
 * regional indicators (GB12, GB13).
 */
function ownClusters(text: string): string[] {
  unicode ??= unicodeClasses();
  const { extend, spacingMark, pictograph, regional } = unicode;
  const out: string[] = [];
  let cluster = '';
  let pictographRun = false; // the cluster ends in a pictograph and its extenders
  let afterPictographZwj = false; // …then a ZWJ: a pictograph would join
  let regionals = 0; // regional indicators in a row at the cluster's end
  for (const ch of text) {
    const isExtend = extend.test(ch);
    const isZwj = ch === '\u200d';
    const isPictograph = pictograph.test(ch);
    const isRegional = regional.test(ch);
    const joins =
      cluster !== '' &&
      (isExtend ||
        isZwj ||
        spacingMark.test(ch) ||
        (afterPictographZwj && isPictograph) ||
        (isRegional && regionals % 2 === 1));
    if (joins) cluster += ch;
    else {
      if (cluster !== '') out.push(cluster);
      cluster = ch;
    }
    afterPictographZwj = isZwj && pictographRun;
    pictographRun = isPictograph || (isExtend && pictographRun);
    regionals = isRegional ? regionals + 1 : 0;
  }
  if (cluster !== '') out.push(cluster);
  return out;
}

/** The clusters of one piece of text: by ownClusters where it can, else by Intl.Segmenter. */
function segment(piece: string): string[] {
  unicode ??= unicodeClasses();
  if (unicode.segmentable.test(piece)) return ownClusters(piece);
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(piece), (s) => s.segment);
}

// V8's Intl.Segmenter takes time with the square of the length of the string it segments
// (measured here: 64K "é" 3.3 s, 64K "日" 20 s; in pieces of 512, 50–90 ms), and so does
// string-width, which segments its whole argument. So text is segmented in pieces, and
// string-width is only ever given one cluster.
const PIECE = 512;

/**
 * The grapheme clusters of `text` (what a terminal draws as one character, never to be split),
 * one piece of text at a time, so a caller that stops early segments only what it read.
 */
function* clusters(text: string): Generator<string> {
  if (narrow.test(text)) {
    yield* text;
    return;
  }
  let start = 0;
  let size = PIECE;
  while (start < text.length) {
    let end = start + size;
    // Never end a piece between the halves of a surrogate pair: the first half alone would be
    // the character after the clusters before it (it broke a flag into its two letters).
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end++;
    const pieces = segment(text.slice(start, end));
    if (end < text.length) {
      // The last cluster of a piece may go on in the text after it (an accent, a joiner, a
      // flag's second letter): it is segmented again at the start of the next piece. The
      // clusters before it end where they would in the whole text, as where a cluster ends
      // depends on what comes before it and on the one character after it, all in the piece.
      if (pieces.length < 2) {
        size *= 2; // one cluster longer than a piece: look further
        continue;
      }
      pieces.pop();
    }
    for (const piece of pieces) {
      start += piece.length;
      yield piece;
    }
    size = PIECE;
  }
}

/** The grapheme clusters of `text`, as every function here cuts it. */
export const clustersOf = (text: string): string[] => [...clusters(text)];

/** Columns `text` takes in a terminal; colour codes take none. `narrow` text never loads Intl. */
export function displayWidth(text: string): number {
  if (narrow.test(text)) return text.length;
  let width = 0;
  for (const cluster of clusters(text.replace(sgr, ''))) width += clusterWidth(cluster);
  return width;
}

/** The widest line of `text`, for text that may hold line breaks. */
export function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line));
  return widest;
}

/**
 * `text` cut to `width` columns, ending in `…` when anything was cut (never silently), and only
 * between grapheme clusters, so a flag, an emoji sequence or an accent is never split into
 * halves that a terminal would draw as U+FFFD. Reads no further into the text than it needs.
 */
export function truncate(text: string, width: number): string {
  let kept = ''; // what fits beside the ellipsis, should one be needed
  let used = 0;
  for (const cluster of clusters(text)) {
    const w = clusterWidth(cluster);
    used += w;
    if (used > width) return width < 1 ? '' : `${kept.replace(/ +$/, '')}…`; // `Ada…`, not `Ada …`
    if (used <= width - 1) kept += cluster;
  }
  return text;
}

/**
 * `text` in `width` columns with its middle replaced by `…` when it is wider (`acc_error_inv…_imap`):
 * for an id, whose start and end tell it apart. Cut between grapheme clusters.
 */
export function truncateMiddle(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width < 3) return truncate(text, width);
  const all = [...clusters(text)];
  let head = '';
  let tail = '';
  let room = width - 1;
  for (let i = 0, j = all.length - 1; i <= j; ) {
    // the start gets the odd column: it is what one reads first
    const takeHead = displayWidth(head) <= displayWidth(tail);
    const next = takeHead ? all[i]! : all[j]!;
    const w = clusterWidth(next);
    if (w > room) break;
    room -= w;
    if (takeHead) {
      head += next;
      i++;
    } else {
      tail = next + tail;
      j--;
    }
  }
  return `${head}…${tail}`;
}

/** `text` padded with spaces to `width` columns (unchanged when it is already as wide). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** One line of wrapped text and the columns it takes. */
export interface Line {
  text: string;
  width: number;
}

/**
 * Wraps text to `width` columns at spaces (the spaces a line breaks on are dropped, other spaces
 * kept), and between two wide (East Asian) characters, which break anywhere in those scripts. A
 * word is never split: a URL, an e-mail address, a host name, an id or a key must stay whole to be
 * copied or clicked, so one wider than `width` goes on a line of its own, wider than `width` (the
 * terminal may soft-wrap it; pp inserts no break and no indent into it). Existing line breaks are
 * kept. One pass over the clusters of each paragraph, each measured once: the cost grows with the
 * length of the text, not its square.
 */
export function wrapLines(text: string, width: number): Line[] {
  const out: Line[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    let used = 0;
    let gap = 0; // spaces between the line and the word being read
    let word = ''; // the word being read
    let wordWidth = 0;
    let lastWide = false; // the word's last cluster is wide: a break may come before the next
    const place = () => {
      if (used + gap + wordWidth <= width) {
        line += ' '.repeat(gap) + word;
        used += gap + wordWidth;
      } else if (word !== '' && used === 0) {
        line = word; // wider than a whole line: whole, on a line of its own
        used = wordWidth;
      } else if (word !== '') {
        // Spaces after the last word are dropped rather than break a line; so are the ones a
        // line breaks on.
        out.push({ text: line, width: used });
        line = word;
        used = wordWidth;
      }
      gap = 0;
      word = '';
      wordWidth = 0;
    };
    for (const cluster of clusters(paragraph)) {
      if (cluster === ' ') {
        if (word !== '') place();
        gap++;
        lastWide = false;
        continue;
      }
      const w = clusterWidth(cluster);
      if (w === 2 && lastWide) place(); // 日本語 breaks between any two characters
      lastWide = w === 2;
      word += cluster;
      wordWidth += w;
    }
    place();
    out.push({ text: line, width: used });
  }
  return out;
}

/** The widest piece of `text` that wrapLines never splits (a word): the least width it needs. */
export function longestWord(text: string): number {
  let widest = 0;
  for (const line of wrapLines(text, 1)) widest = Math.max(widest, line.width);
  return widest;
}

/** wrapLines as text, its lines joined by line feeds. */
export function wrapText(text: string, width: number): string {
  if (width < 1) return text;
  return wrapLines(text, width)
    .map((line) => line.text)
    .join('\n');
}
