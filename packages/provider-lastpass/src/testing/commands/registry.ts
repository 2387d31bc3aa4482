import { batchAdd } from './batchadd.js';
import { batchChangeGroups } from './batchchangegrp.js';
import type { CommandDefinition } from './command-types.js';
import { deleteUser } from './deluser.js';
import { expiredMasterPasswordList } from './expiredmasterpwlist.js';
import { getUserData } from './getuserdata.js';
import { reporting } from './reporting.js';
import { getDetailedSharedFolderData, getSharedFolderData } from './shared-folder-data.js';
import { disableUsers, enableUsers } from './toggle-users.js';
import { updateEmail } from './updateemail.js';
import { updateUser } from './updateuser.js';
import {
  disableMultifactor,
  reinviteUser,
  requireMasterPasswordChange,
  resetPassword,
} from './user-actions.js';

/**
 * The §3 catalogue. Commands without public evidence (getgroups, adduser, pushsitestousers, …) are
 * deliberately absent and answer as unknown.
 */
export const COMMANDS: ReadonlyMap<string, CommandDefinition> = new Map(
  [
    getUserData,
    batchAdd,
    batchChangeGroups,
    deleteUser,
    disableUsers,
    enableUsers,
    updateUser,
    updateEmail,
    reinviteUser,
    resetPassword,
    requireMasterPasswordChange,
    disableMultifactor,
    getSharedFolderData,
    getDetailedSharedFolderData,
    reporting,
    expiredMasterPasswordList,
  ].map((command) => [command.name, command]),
);
