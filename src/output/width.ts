// How many terminal columns a string takes: ANSI codes take none, combining marks none, East Asian
// wide characters and emoji two.
const ansi = /\u001b\[[0-9;]*m/g;
// Combining marks, and invisible format characters (joiners, variation selectors, U+200B…)
const zeroWidth = /^(?:\p{Mark}|\p{Default_Ignorable_Code_Point})$/u;
// Two regional indicators make one flag (🇫🇷); a skin tone joins the emoji before it (👍🏽).
const regional = /^\p{Regional_Indicator}$/u;
const modifier = /^\p{Emoji_Modifier}$/u;
const modifierBase = /^\p{Emoji_Modifier_Base}$/u;
const wide =
  /^(?:[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]|\p{Emoji_Presentation})/u;

/**
 * Columns of each code point, in order. Written over code points rather than Intl.Segmenter, whose
 * first use loads ICU data (~20 ms of every start): a code point after a zero-width joiner is part
 * of the emoji before it and takes no column of its own.
 */
function* widths(text: string): Generator<[string, number]> {
  let joined = false;
  let flagHalf = false;
  let previous = '';
  for (const ch of text) {
    const secondFlagHalf: boolean = flagHalf && regional.test(ch);
    const tone = modifier.test(ch) && modifierBase.test(previous);
    const w = joined || secondFlagHalf || tone || zeroWidth.test(ch) ? 0 : wide.test(ch) ? 2 : 1;
    joined = ch === '\u200d';
    flagHalf = regional.test(ch) && !secondFlagHalf;
    previous = ch;
    yield [ch, w];
  }
}

export function displayWidth(text: string): number {
  const plain = text.replace(ansi, '');
  // ASCII fast path: most values are plain ASCII
  if (/^[\x20-\x7e]*$/.test(plain)) return plain.length;
  let width = 0;
  for (const [, w] of widths(plain)) width += w;
  return width;
}

/**
 * Wraps text to `width` columns: at spaces where it can, and through a word (a long URL, an id)
 * that is wider than a whole line. Existing line breaks are kept.
 */
export function wrapText(text: string, width: number): string {
  if (width < 1) return text;
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/ +/)) {
      let rest = word;
      let restWidth = displayWidth(rest);
      if (lineWidth > 0 && lineWidth + 1 + restWidth <= width) {
        line += ` ${rest}`;
        lineWidth += 1 + restWidth;
        continue;
      }
      if (lineWidth > 0) out.push(line);
      while (restWidth > width) {
        const [head, tail] = splitAt(rest, width);
        out.push(head);
        rest = tail;
        restWidth = displayWidth(rest);
      }
      line = rest;
      lineWidth = restWidth;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** The longest prefix of `text` that fits in `width` columns, and the rest. */
function splitAt(text: string, width: number): [string, string] {
  let used = 0;
  let index = 0;
  for (const [ch, w] of widths(text)) {
    if (used + w > width && index > 0) break;
    used += w;
    index += ch.length;
  }
  return [text.slice(0, index), text.slice(index)];
}
