import { BATCH_ADD } from './batch-add.js';
import { BATCH_CHANGE_GROUPS } from './batch-change-groups.js';
import { DELETE_USER } from './delete-user.js';
import { EXPIRED_MASTER_PASSWORD_LIST } from './expired-master-pw-list.js';
import { GET_SHARED_FOLDER_DATA } from './get-sf-data.js';
import { GET_USER_DATA } from './get-user-data.js';
import { REPORTING } from './reporting.js';
import { DISABLE_USERS, ENABLE_USERS } from './toggle-users.js';
import { UPDATE_EMAIL } from './update-email.js';
import { UPDATE_USER } from './update-user.js';
import {
  DISABLE_MULTIFACTOR,
  REINVITE_USER,
  REQUIRE_MASTER_PASSWORD_CHANGE,
  RESET_PASSWORD,
} from './user-actions.js';

export const COMMANDS = [
  GET_USER_DATA,
  BATCH_ADD,
  BATCH_CHANGE_GROUPS,
  DELETE_USER,
  DISABLE_USERS,
  ENABLE_USERS,
  UPDATE_USER,
  UPDATE_EMAIL,
  REINVITE_USER,
  RESET_PASSWORD,
  REQUIRE_MASTER_PASSWORD_CHANGE,
  DISABLE_MULTIFACTOR,
  GET_SHARED_FOLDER_DATA,
  REPORTING,
  EXPIRED_MASTER_PASSWORD_LIST,
] as const;

/** Idempotency of every command we know, including ones without a typed wrapper. */
export const COMMAND_IDEMPOTENCY: ReadonlyMap<string, boolean> = new Map<string, boolean>([
  ...COMMANDS.map((spec): [string, boolean] => [spec.cmd, spec.idempotent]),
  ['getdetailedsfdata', true],
  // Pushes a site into vaults: a resend would push it twice.
  ['pushsitestousers', false],
]);

/** Unknown commands are treated as non-idempotent writes: the cautious default. */
export function isIdempotentCommand(cmd: string): boolean {
  return COMMAND_IDEMPOTENCY.get(cmd) ?? false;
}
