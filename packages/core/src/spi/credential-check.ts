import { z } from 'zod';
import { IsoTimestamp } from '../model/primitives.js';

export const CredentialStatus = z.enum([
  'valid',
  'invalid',
  'expired',
  'insufficient_permissions',
  'unreachable',
]);
export type CredentialStatus = z.infer<typeof CredentialStatus>;

/** Result of `verifyCredentials()`: a health report, not an exception. `message` never holds a secret. */
export const CredentialCheck = z.object({
  status: CredentialStatus,
  message: z.string().optional(),
  checkedAt: IsoTimestamp,
});
export type CredentialCheck = z.infer<typeof CredentialCheck>;
