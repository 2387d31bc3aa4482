import { UserName } from '@provisionkit/core';
import { z } from 'zod';
import { defineCommand } from './command-spec.js';
import { MAX_FULL_NAME_LENGTH, StatusResponse } from './wire-values.js';

/** Only these fields can change through the API (not admin rights, not the email: see `updateemail`). */
export const UpdateUserRequest = z
  .strictObject({
    username: UserName,
    fullname: z.string().max(MAX_FULL_NAME_LENGTH).optional(),
    duousername: z.string().max(256).optional(),
    securidusername: z.string().max(256).optional(),
  })
  .refine(
    (input) =>
      input.fullname !== undefined || input.duousername !== undefined || input.securidusername !== undefined,
    { message: 'must change fullname, duousername or securidusername', path: ['fullname'] },
  );
export type UpdateUserRequest = z.input<typeof UpdateUserRequest>;

/** Idempotent: it sets fields to given values. */
export const UPDATE_USER = defineCommand({
  cmd: 'updateuser',
  singleUser: true,
  idempotent: true,
  request: UpdateUserRequest,
  response: StatusResponse,
});
