// `--json` prints the body exactly as the server sent it, only re-indented: tokens are copied as
// they came, so no field is added, dropped or reordered, and numbers keep their exact digits
// (JSON.parse + JSON.stringify would round 12345678901234567890 and turn 1.0 into 1).

/** Re-indents valid JSON text with two spaces. The caller has already checked it parses. */
export const reindent = (source: string): string => layout(source, '  ');

/** Valid JSON text on one line, tokens as they came: an NDJSON line that splices in a server body. */
export const compact = (source: string): string => layout(source, undefined);

/** Copies the tokens of `source`, with `indent` per level on new lines, or on one line (undefined). */
function layout(source: string, indent: string | undefined): string {
  let out = '';
  let depth = 0;
  let i = 0;
  const n = source.length;
  const newline = () => (indent === undefined ? '' : `\n${indent.repeat(depth)}`);
  while (i < n) {
    const c = source[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < n && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
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
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') {
      out += `,${newline()}`;
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
  return out;
}

/** One line of JSON for standard error or NDJSON. */
export const oneLine = (value: unknown): string => `${JSON.stringify(value)}\n`;
