import type { User, UserRef } from '@provisionkit/core';
import type { GetSharedFolderDataResponse, LastPassSuccess, ReportingRequest } from '../client/index.js';
import type { ReportingPage } from './reporting-page.js';

/**
 * LastPass features beyond the `UserDirectory` SPI, bound in every LastPass connection:
 * `connection.get<LastPassApi>(LastPassApi)`. Same credentials, limiter, retries and logging as the
 * connection's directory. Inputs are validated (`InvalidInputError` naming the field); an unknown
 * user is `NotFoundError`.
 */
export interface LastPassApi {
  /** `reinviteuser`: emails the invitation again. Not resent after an ambiguous failure. */
  reinviteUser(ref: UserRef): Promise<void>;
  /** `resetpassword`: emails a master-password reset link. Not resent after an ambiguous failure. */
  resetPassword(ref: UserRef): Promise<void>;
  /** `requiremasterpasswordchange`: the user must change the master password at next login. */
  requireMasterPasswordChange(ref: UserRef): Promise<void>;
  /** `disablemultifactor`: turns the user's multifactor authentication off. */
  disableMultifactor(ref: UserRef): Promise<void>;
  /** `deluser` 0: blocks login, keeps data and company membership; returns the user (suspended). */
  deactivateUser(ref: UserRef): Promise<User>;
  /** `getsfdata`: shared folders with each member's permissions. */
  getSharedFolders(): Promise<GetSharedFolderDataResponse>;
  /**
   * `reporting`: one page of the event report (newest first; pass `next` back for the following).
   * Each event keeps `Time` as sent and gains `at`, its instant read in `reportingTimeZone`.
   */
  reporting(query: ReportingRequest): Promise<ReportingPage>;
  /**
   * Any other command (`getdetailedsfdata`, `expiredmasterpwlist`, ...), untyped. Unknown commands
   * are treated as non-idempotent: never resent after an ambiguous failure.
   */
  call(cmd: string, data?: unknown): Promise<LastPassSuccess>;
}

/** Injection token of `LastPassApi` in a LastPass connection's container. */
export const LastPassApi = Symbol.for('@provisionkit/provider-lastpass/LastPassApi');
