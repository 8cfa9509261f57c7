// A link as a QR code on a terminal (`pp accounts reconnect --qr`), for the account's owner to scan
// with a phone. Loaded only with --qr (commands import it with `await import()`), and so is the QR
// library, `qr` (paulmillr/qr: zero dependencies, maintained; a test reads what is drawn back with
// its decoder). Two modules a character, with half blocks: a code of 33 modules takes 19 lines.
//
// In colour, the code is drawn dark on a light background whatever the terminal's own colours
// (black on bright white), as scanners expect. Without colour, the light modules are drawn with
// blocks and the dark ones left to the background: right on the dark background most terminals
// have (what `qrencode -t UTF8` does).

/** The quiet zone around the code, in modules: scanners find the code by it. */
const QUIET = 2;

/** The lines of a QR code of `text` (each ending in a line feed). */
export async function qrCode(text: string, color: boolean): Promise<string> {
  const { default: encodeQR } = await import('qr');
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: QUIET });
  return drawModules(modules, color);
}

/**
 * Draws a matrix of modules (true: dark) two rows a line: `█` both halves, `▀` the upper one, `▄`
 * the lower one, ` ` neither; what counts as drawn is the dark modules in colour, the light ones
 * without.
 */
export function drawModules(modules: readonly (readonly boolean[])[], color: boolean): string {
  const drawn = (row: number, column: number): boolean => {
    const dark = modules[row]?.[column] ?? false; // past the last row: the quiet zone, light
    return color ? dark : !dark;
  };
  const width = modules[0]?.length ?? 0;
  let out = '';
  for (let row = 0; row < modules.length; row += 2) {
    let line = '';
    for (let column = 0; column < width; column++) {
      const top = drawn(row, column);
      const bottom = row + 1 < modules.length ? drawn(row + 1, column) : !color;
      line += top ? (bottom ? '█' : '▀') : bottom ? '▄' : ' ';
    }
    out += color ? `\u001b[30;107m${line}\u001b[0m\n` : `${line}\n`;
  }
  return out;
}
