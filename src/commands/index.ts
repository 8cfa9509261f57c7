// Every command pp has, in the order `pp --help` lists them. Adding a command: one file in this
// folder (see command.ts), one line here. A group comes before its subcommands.

import accounts from './accounts.js';
import accountsShow from './accounts-show.js';
import type { PpCommandDef } from './command.js';
import complete from './complete.js';
import completion from './completion.js';
import config from './config/group.js';
import configProfiles from './config/profiles.js';
import configRemoveProfile from './config/remove-profile.js';
import configSetAccount from './config/set-account.js';
import configSetBaseUrl from './config/set-base-url.js';
import configSetKey from './config/set-key.js';
import configSetKeyCommand from './config/set-key-command.js';
import configShow from './config/show.js';
import configUnsetAccount from './config/unset-account.js';
import configUnsetBaseUrl from './config/unset-base-url.js';
import configUnsetKey from './config/unset-key.js';
import configUse from './config/use.js';
import doctor from './doctor.js';
import profile from './profile.js';
import sandbox from './sandbox.js';
import status from './status.js';
import whoami from './whoami.js';

export const commands: readonly PpCommandDef[] = [
  whoami,
  profile,
  accounts,
  accountsShow,
  status,
  config,
  configSetKey,
  configSetKeyCommand,
  configShow,
  configUnsetKey,
  configSetAccount,
  configUnsetAccount,
  configSetBaseUrl,
  configUnsetBaseUrl,
  configProfiles,
  configUse,
  configRemoveProfile,
  doctor,
  completion,
  sandbox,
  complete,
];

/** Every word of a command, `help` too: names a profile may not take (Context.commandWords). */
export const commandWords: ReadonlySet<string> = new Set(['help', ...commands.flatMap((c) => c.path)]);
