import { UserName } from '@provisionkit/core';
import { z } from 'zod';
import { defineCommand } from './command-spec.js';
import { StatusResponse } from './wire-values.js';

/** `deluser` actions: what happens to the account. */
export const DELETE_ACTION = {
  /** Block login; data and company membership kept (reversible with `enableuser`). */
  deactivate: 0,
  /** Leave the company; the account lives on as a personal one. */
  remove: 1,
  /** Delete the account and its data. Irreversible. */
  delete: 2,
  /** Withdraw a pending invitation. */
  uninvite: 3,
} as const;
export const DeleteAction = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
export type DeleteAction = z.infer<typeof DeleteAction>;

export const DeleteUserRequest = z.strictObject({ username: UserName, deleteaction: DeleteAction });
export type DeleteUserRequest = z.input<typeof DeleteUserRequest>;

/**
 * Idempotent in effect: the target state (disabled, gone) is the same after two sends. The answer
 * differs, though: a resend of action 0 says OK with "already disabled", a resend of 1-3 says
 * "No such user". The client therefore reads `not_found` after an ambiguous first attempt of 1-3 as
 * "applied" (see `notFoundMeansApplied`).
 */
export const DELETE_USER = defineCommand({
  cmd: 'deluser',
  singleUser: true,
  idempotent: true,
  request: DeleteUserRequest,
  response: StatusResponse,
});
