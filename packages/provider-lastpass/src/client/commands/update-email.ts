import { UserName } from '@provisionkit/core';
import { z } from 'zod';
import { defineCommand } from './command-spec.js';
import { StatusResponse } from './wire-values.js';

export const UpdateEmailRequest = z.strictObject({ oldemail: UserName, newemail: z.email() });
export type UpdateEmailRequest = z.input<typeof UpdateEmailRequest>;

/**
 * Not idempotent: once applied, `oldemail` no longer exists, so a blind resend fails with "no such
 * user" and hides the success; LastPass also limits it to 10/s per address.
 */
export const UPDATE_EMAIL = defineCommand({
  cmd: 'updateemail',
  singleUser: true,
  idempotent: false,
  request: UpdateEmailRequest,
  response: StatusResponse,
});
