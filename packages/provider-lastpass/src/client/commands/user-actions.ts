import { UserName } from '@provisionkit/core';
import { z } from 'zod';
import { defineCommand } from './command-spec.js';
import { StatusResponse } from './wire-values.js';

/** `{ username }`: the data of every single-user action below. */
export const UserNameRequest = z.strictObject({ username: UserName });
export type UserNameRequest = z.input<typeof UserNameRequest>;

/** Not idempotent: each send emails the user another invitation. */
export const REINVITE_USER = defineCommand({
  cmd: 'reinviteuser',
  singleUser: true,
  idempotent: false,
  request: UserNameRequest,
  response: StatusResponse,
});

/** Not idempotent: each send emails another reset link (and may invalidate the previous one). */
export const RESET_PASSWORD = defineCommand({
  cmd: 'resetpassword',
  singleUser: true,
  idempotent: false,
  request: UserNameRequest,
  response: StatusResponse,
});

/** Idempotent: sets a "change at next login" flag. */
export const REQUIRE_MASTER_PASSWORD_CHANGE = defineCommand({
  cmd: 'requiremasterpasswordchange',
  singleUser: true,
  idempotent: true,
  request: UserNameRequest,
  response: StatusResponse,
});

/** Idempotent: turning MFA off twice leaves it off. Response shape is assumed `{"status":"OK"}` [U]. */
export const DISABLE_MULTIFACTOR = defineCommand({
  cmd: 'disablemultifactor',
  singleUser: true,
  idempotent: true,
  request: UserNameRequest,
  response: StatusResponse,
});
