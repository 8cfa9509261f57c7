// The filters of a list of accounts (--type, --state, --group): their options and what they keep,
// in one place, so every command that lists accounts (pp accounts, pp status) takes them all by one
// call, and a new filter is one option and one test here.
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
    .option('--state <state>', `only accounts in this health state (${healthStates.join(', ')})`)
    .option('--group <group>', 'only accounts in this group (the account’s groups)');

/** The filters' values, as a command that declared them with filterOptions parses them. */
export type FilterOptions = ReturnType<
  ReturnType<typeof filterOptions<[], Record<never, never>, Record<never, never>>>['opts']
>;

type Test = (row: ListedAccount) => boolean;

/**
 * What the filters given keep, checked before any request. `listed` tests what the list says of an
 * account (its type, its groups); `judged` its health, which pp status --deep knows only after
 * reading users/me. `unmatched` is said after the list: a --type no account has.
 */
export interface AccountFilter {
  /** Some filter was given: the count line says of how many in the workspace. */
  active: boolean;
  listed: Test;
  judged: Test;
  unmatched(): string | undefined;
}

export function accountFilter(opts: FilterOptions): AccountFilter {
  const listed: Test[] = [];
  const judged: Test[] = [];
  const typesSeen = new Set<string>();
  const type = opts.type?.trim().toUpperCase();
  if (type === '')
    throw usageError('--type is empty', 'Give a provider type such as LINKEDIN, or leave --type out.');
  if (type !== undefined) listed.push((row) => row.type.toUpperCase() === type);
  const group = opts.group?.trim().toLowerCase();
  if (group === '') throw usageError('--group is empty', 'Give a group name, or leave --group out.');
  if (group !== undefined)
    listed.push((row) => {
      const groups = row.item?.groups;
      return (
        Array.isArray(groups) && groups.some((g) => typeof g === 'string' && g.trim().toLowerCase() === group)
      );
    });
  if (opts.state !== undefined) {
    const state = stateOption(opts.state);
    judged.push((row) => row.health.state === state);
  }
  return {
    active: listed.length + judged.length > 0,
    listed: (row) => {
      typesSeen.add(row.type.toUpperCase());
      return listed.every((keeps) => keeps(row));
    },
    judged: (row) => judged.every((keeps) => keeps(row)),
    // a script asking for a type no account has most likely mistyped it (`--type linkdin`)
    unmatched: () => {
      if (!type || typesSeen.has(type)) return undefined;
      const there = [...typesSeen].filter((t) => t !== '').sort();
      return there.length === 0
        ? `no account of type ${JSON.stringify(type)}: the workspace has no accounts`
        : `no account of type ${JSON.stringify(type)} in the workspace; its types are ${there.join(', ')}`;
    },
  };
}

/** --state, as the contract spells the states; any case, and action-needed for action_needed. */
function stateOption(value: string): HealthState {
  const state = value.trim().toLowerCase().replaceAll('-', '_');
  if ((healthStates as readonly string[]).includes(state)) return state as HealthState;
  throw usageError(`unknown --state ${JSON.stringify(value)}`, `Give one of: ${healthStates.join(', ')}.`);
}
