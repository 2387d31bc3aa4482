import { CredentialStatus, NewUser, secret, UserNameFormat } from '@provisionkit/core';
import { z } from 'zod';

/** Connection config of the mock provider. Every field is optional: `config: {}` is a valid connection. */
export const mockConfigSchema = z.strictObject({
  /** Accepted (and marked secret) so hosts can exercise their secret handling; never checked or echoed. */
  apiKey: secret(z.string().min(8)).optional(),
  /** New users start `invited` instead of `active`. Default false. */
  createsInvitedUsers: z.boolean().optional(),
  /** Largest batch `createUsers` accepts. Default 100. */
  maxBatchSize: z.number().int().min(1).max(1000).optional(),
  /**
   * `email`: user names must be email addresses, as on LastPass; the mock refuses others with
   * `invalid_input` and declares it, so core refuses them first. Default `any`.
   */
  userNameFormat: UserNameFormat.optional(),
  /**
   * True: the mock declares one login email equal to the user name, as LastPass does, so core
   * refuses a new user whose `email` differs and a plan reports such a row. Default false.
   */
  emailIsUserName: z.boolean().optional(),
  /**
   * The state of the connection's credentials, as `faults` would set it: `invalid`, `expired`,
   * `insufficient_permissions` or `unreachable` make `verifyCredentials` report it and every other
   * verb fail. Default `valid`. What the mock's sandbox uses for wrong credentials.
   */
  credentials: CredentialStatus.optional(),
  /** Users created when the directory is built, in order (ids `u-000001`, ...). */
  seed: z.array(NewUser).optional(),
});
/** Config as a host writes it. */
export type MockConfigInput = z.input<typeof mockConfigSchema>;
/** Config after validation (what `ConnectionConfig` holds in a connection container). */
export type MockConfig = z.output<typeof mockConfigSchema>;
