// The filters of a list of accounts (--type, --state): their options and what they keep, in one
// place, so a command that lists accounts takes them all by one call, and a new filter is one
// option and one test here.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { usageError } from '../errors.js';
import { type HealthState, healthStates } from '../health.js';
import type { ListedAccount } from './list.js';

/** Declares the filters on a command; their values' type (FilterOptions) is read from here. */
export const filterOptions = <
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
>(
  cmd: Command<Args, Opts, Globals>,
) =>
  cmd
    .option('--type <type>', 'only accounts of this provider type (LINKEDIN, GOOGLE_OAUTH, IMAP…)')
    .option('--state <state>', `only accounts in this health state (${healthStates.join(', ')})`);

/** What the filters given keep, checked before any request; undefined when none is given. */
/** The filters' values, as a command that declared them with filterOptions parses them. */
export type FilterOptions = ReturnType<
  ReturnType<typeof filterOptions<[], Record<never, never>, Record<never, never>>>['opts']
>;

export function accountFilter(opts: FilterOptions): ((row: ListedAccount) => boolean) | undefined {
  const tests: ((row: ListedAccount) => boolean)[] = [];
  if (opts.type !== undefined) {
    const type = opts.type.trim().toUpperCase();
    if (type === '')
      throw usageError('--type is empty', 'Give a provider type such as LINKEDIN, or leave --type out.');
    tests.push((row) => row.type.toUpperCase() === type);
  }
  if (opts.state !== undefined) {
    const state = stateOption(opts.state);
    tests.push((row) => row.health.state === state);
  }
  return tests.length === 0 ? undefined : (row) => tests.every((keeps) => keeps(row));
}

/** --state, as the contract spells the states; any case, and action-needed for action_needed. */
function stateOption(value: string): HealthState {
  const state = value.trim().toLowerCase().replaceAll('-', '_');
  if ((healthStates as readonly string[]).includes(state)) return state as HealthState;
  throw usageError(`unknown --state ${JSON.stringify(value)}`, `Give one of: ${healthStates.join(', ')}.`);
}

/**
 * A --type that no account of the list has (a typo, most likely: `--type linkdin`): the warning
 * that names the types the workspace has, or undefined when some account had it.
 */
export function unmatchedType(opts: FilterOptions, typesSeen: ReadonlySet<string>): string | undefined {
  const type = opts.type?.trim().toUpperCase();
  if (!type || typesSeen.has(type)) return undefined;
  const there = [...typesSeen].filter((t) => t !== '').sort();
  return there.length === 0
    ? `no account of type ${JSON.stringify(type)}: the workspace has no accounts`
    : `no account of type ${JSON.stringify(type)} in the workspace; its types are ${there.join(', ')}`;
}
