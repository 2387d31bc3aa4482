import { UserName } from '@provisionkit/core';
import { z } from 'zod';
import { MAX_BATCH_SIZE } from '../client-config.js';
import { defineCommand } from './command-spec.js';
import { StringList } from './wire-values.js';

export const UserNameList = z.array(UserName).min(1).max(MAX_BATCH_SIZE);

/** `{"status":"success","disabled_users":[...],"unchanged_users":[...]}`; both lists optional. */
export const DisableUsersResponse = z
  .looseObject({ status: z.string(), disabled_users: StringList, unchanged_users: StringList })
  .transform(({ status, disabled_users, unchanged_users }) => ({
    status,
    changed: disabled_users,
    unchanged: unchanged_users,
  }));

export const EnableUsersResponse = z
  .looseObject({ status: z.string(), enabled_users: StringList, unchanged_users: StringList })
  .transform(({ status, enabled_users, unchanged_users }) => ({
    status,
    changed: enabled_users,
    unchanged: unchanged_users,
  }));

/** Both answers normalized: who changed, who already was in the requested state. */
export type ToggleUsersResponse = z.output<typeof DisableUsersResponse>;

/** Idempotent: setting the disabled flag twice leaves it set (the second answer lists "unchanged"). */
export const DISABLE_USERS = defineCommand({
  cmd: 'disableuser',
  idempotent: true,
  request: UserNameList,
  response: DisableUsersResponse,
});

export const ENABLE_USERS = defineCommand({
  cmd: 'enableuser',
  idempotent: true,
  request: UserNameList,
  response: EnableUsersResponse,
});
