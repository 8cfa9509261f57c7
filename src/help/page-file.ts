// What bin/pp.js needs to print a help page laid out at build time (help/pages.ts makes them,
// help-main.ts prints them), kept apart from the program so that printing one loads none of it.

/**
 * Help is laid out in the width of the output (output/columns.ts), up to 80 columns: prose wider
 * than that is hard to read, and help of one width for every terminal of 80 columns or more, and
 * for pipes, is a page laid out once, at build time, that bin/pp.js prints without starting the
 * program. Narrower terminals get their own width.
 */
export const helpPageWidth = 80;
export const helpWidth = (columns: number): number => Math.min(columns, helpPageWidth);

/** dist/help.json: each command line (helpLineKey) → the index of its page in `pages`. */
export interface HelpPages {
  width: number;
  lines: Record<string, number>;
  pages: string[];
}

/** The key of a command line in HelpPages.lines: its words, unambiguous whatever they hold. */
export const helpLineKey = (argv: readonly string[]): string => JSON.stringify(argv);
