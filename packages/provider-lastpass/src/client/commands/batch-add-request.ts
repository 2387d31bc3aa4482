import { AttributeValue, GroupName, secret, UserName } from '@provisionkit/core';
import { z } from 'zod';
import { MAX_BATCH_SIZE } from '../client-config.js';
import { MAX_FULL_NAME_LENGTH } from './wire-values.js';

export const BatchAddUser = z.strictObject({
  username: UserName,
  fullname: z.string().max(MAX_FULL_NAME_LENGTH).optional(),
  groups: z.array(GroupName).max(1000).optional(),
  duousername: z.string().min(1).max(256).optional(),
  securidusername: z.string().min(1).max(256).optional(),
  /** Initial master password. */
  password: secret(z.string().min(1).max(1024)).optional(),
  /** LastPass defaults to true (the user must change the initial password). */
  password_reset_required: z.boolean().optional(),
  attribs: z.record(z.string().min(1), AttributeValue).optional(),
});
export type BatchAddUser = z.input<typeof BatchAddUser>;

export const BatchAddRequest = z.array(BatchAddUser).min(1).max(MAX_BATCH_SIZE);
