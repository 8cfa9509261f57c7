// The account ids the sandbox answers, from its sources of truth (the demo accounts, the providers'
// fixtures and the error catalogue), for the help (`pp sandbox --help`, `pp help scripting`) and
// completion under --sandbox. Nothing here is built until asked for.
import { errorNames } from '../api/catalogue.js';
import { demoAccounts } from '../providers/index.js';
import { demoAccountList } from './accounts.js';

/** The demo accounts, in list order, then the acc_error_<type> ids: every id with an answer. */
export const sandboxIds = (): string[] => [...demoAccountList().map((a) => a.id), ...errorIds()];

const errorIds = (): string[] => errorNames.map((name) => `acc_error_${name}`);

/** Ids after two spaces, as many a line as fit in `width` columns (ids are ASCII). */
function fill(ids: readonly string[], width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const id of ids) {
    if (line && line.length + 1 + id.length > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${id}` : `  ${id}`;
  }
  return [...lines, line].join('\n');
}

/** The ids as help text of at most 60 columns, each id whole. */
export function sandboxIdsHelp(width = 60): string {
  const profiles = Object.keys(demoAccounts());
  const listOnly = demoAccountList()
    .map((a) => a.id)
    .filter((id) => !profiles.includes(id));
  return [
    'With a profile (whoami, profile) and in the accounts list:',
    fill(profiles, width),
    'In the accounts list only (accounts, accounts show):',
    fill(listOnly, width),
    `Each answers its documented error (${errorNames.length} types):`,
    fill(errorIds(), width),
    'Any other id answers 404 errors/resource_not_found.',
    '',
  ].join('\n');
}
