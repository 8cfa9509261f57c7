// How commander lays out pp's help: readable on a 60-column terminal, with nothing one would copy
// (an option, a URL, a variable) split across lines, and the global options listed once, in
// `pp --help`, instead of again under every command.
import { Help, type HelpConfiguration } from '@commander-js/extra-typings';

/** What a subcommand's help says in place of the ten global options it accepts. */
export const globalOptionsLine = 'Global options: see `pp --help` (--json, --sandbox, …)';

// Beside its term, a description gets at least this many columns; with fewer (a narrow terminal,
// a long term) it goes on the lines below the term instead of into a sliver of a column.
const sideBySide = 40;
const stackedIndent = 6;

export const helpLayout: HelpConfiguration = {
  // Read by formatItemList below: the global options' place in a subcommand's help becomes one line.
  showGlobalOptions: true,
  // commander leaves a description unwrapped when less than this is left for it; the stacked
  // layout below keeps at least 40 - 6 columns, so wrapping is always safe
  minWidthToWrap: 20,
  formatItemList(this: Help, heading: string, items: string[], helper: Help): string[] {
    if (heading === 'Global Options:') return items.length > 0 ? [globalOptionsLine, ''] : [];
    return Help.prototype.formatItemList.call(this, heading, items, helper);
  },
  formatItem(this: Help, term: string, termWidth: number, description: string, helper: Help): string {
    const width = this.helpWidth ?? 80;
    // commander's own layout: 2 columns of indent and 2 between term and description
    if (!description || width - termWidth - 4 >= sideBySide)
      return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
    const indent = ' '.repeat(stackedIndent);
    const lines = helper.boxWrap(description, width - stackedIndent).split('\n');
    return `  ${term}\n${lines.map((line) => indent + line).join('\n')}`;
  },
};
