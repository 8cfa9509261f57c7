// Every command pp has, in the order `pp --help` lists them. Adding a command: one file in this
// folder (see command.ts), one line here. A group comes before its subcommands.

import accounts from './accounts.js';
import accountsShow from './accounts-show.js';
import type { PpCommandDef } from './command.js';
import completion from './completion.js';
import config from './config/group.js';
import configSetAccount from './config/set-account.js';
import configSetKey from './config/set-key.js';
import configShow from './config/show.js';
import configUnsetAccount from './config/unset-account.js';
import configUnsetKey from './config/unset-key.js';
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
  configShow,
  configUnsetKey,
  configSetAccount,
  configUnsetAccount,
  doctor,
  completion,
  sandbox,
];
