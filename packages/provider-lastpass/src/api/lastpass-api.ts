import type { User, UserRef } from '@provisionkit/core';
import type {
  GetSharedFolderDataResponse,
  LastPassSuccess,
  ReportingRequest,
  RequestOptions,
} from '../client/index.js';
import type { ReportingPage } from './reporting-page.js';

/**
 * LastPass features beyond the `UserDirectory` SPI, bound in every LastPass connection:
 * `connection.get<LastPassApi>(LastPassApi)`. Same credentials, limiter, retries and logging as the
 * connection's directory. Inputs are validated (`InvalidInputError` naming the field); an unknown
 * user is `NotFoundError`. Each method takes an optional `{ signal }`: aborting it stops the
 * method's requests, waits and back-off (the caller's reason is thrown as is; core does not wrap
 * this API).
 */
export interface LastPassApi {
  /** `reinviteuser`: emails the invitation again. Not resent after an ambiguous failure. */
  reinviteUser(ref: UserRef, options?: RequestOptions): Promise<void>;
  /** `resetpassword`: emails a master-password reset link. Not resent after an ambiguous failure. */
  resetPassword(ref: UserRef, options?: RequestOptions): Promise<void>;
  /** `requiremasterpasswordchange`: the user must change the master password at next login. */
  requireMasterPasswordChange(ref: UserRef, options?: RequestOptions): Promise<void>;
  /** `disablemultifactor`: turns the user's multifactor authentication off. */
  disableMultifactor(ref: UserRef, options?: RequestOptions): Promise<void>;
  /** `deluser` 0: blocks login, keeps data and company membership; returns the user (suspended). */
  deactivateUser(ref: UserRef, options?: RequestOptions): Promise<User>;
  /** `getsfdata`: shared folders with each member's permissions. */
  getSharedFolders(options?: RequestOptions): Promise<GetSharedFolderDataResponse>;
  /**
   * `reporting`: one page of the event report (newest first; pass `next` back for the following).
   * Each event keeps `Time` as sent and gains `at`, its instant read in `reportingTimeZone`.
   */
  reporting(query: ReportingRequest, options?: RequestOptions): Promise<ReportingPage>;
  /**
   * Any other command (`getdetailedsfdata`, `expiredmasterpwlist`, ...), untyped. Unknown commands
   * are treated as non-idempotent: never resent after an ambiguous failure.
   */
  call(cmd: string, data?: unknown, options?: RequestOptions): Promise<LastPassSuccess>;
}

/** Injection token of `LastPassApi` in a LastPass connection's container. */
export const LastPassApi = Symbol.for('@provisionkit/provider-lastpass/LastPassApi');
