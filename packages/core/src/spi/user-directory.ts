import type { Group } from '../model/group.js';
import type { NewUser, User, UserPatch, UserRef } from '../model/user.js';
import type { BatchResult } from './batch-result.js';
import type { Capabilities } from './capabilities.js';
import type { CredentialCheck } from './credential-check.js';
import type { ListChangesOptions, ListUsersOptions } from './list-options.js';

/** Injection token of the SPI; one name for token and interface. */
export const UserDirectory = Symbol.for('@provisionkit/core/UserDirectory');

/**
 * The SPI every provider implements, and the interface hosts call. Providers implement only the API
 * mapping: core wraps every directory with validation, capability checks and logging, so an
 * implementation receives parsed input and may assume `capabilities` were checked.
 *
 * Errors are `ProvisioningError` subclasses; an unknown user is `NotFoundError` on every verb that
 * takes a `UserRef`.
 */
export interface UserDirectory {
  /** Provider id, e.g. `'lastpass'`. */
  readonly provider: string;
  readonly capabilities: Capabilities;

  /** Lazily paged: one provider request per page, pulled as the caller iterates. */
  listUsers(options?: ListUsersOptions): AsyncIterable<User>;
  getUser(ref: UserRef): Promise<User>;
  /**
   * Optional (see `OPTIONAL_VERBS`): users created or changed at or after `since`, lazily paged
   * like `listUsers`. Listing more is allowed (a sync compares every user it gets); listing fewer
   * is not. Deleted users cannot appear, so only a full listing shows deletions.
   */
  listUsersChangedSince?(options: ListChangesOptions): AsyncIterable<User>;

  /** Creates one user; `ConflictError` when the user name is taken (case-insensitively). */
  createUser(input: NewUser): Promise<User>;
  /**
   * Creates many users and reports each one's real outcome. Throws only when no user can have been
   * created (say, credentials refused before anything was sent); once a write may have happened,
   * even one that timed out, each item gets its own result. Core relies on this: a throw from the
   * first chunk of a split batch is rethrown as "nothing created".
   */
  createUsers(batch: readonly NewUser[]): Promise<BatchResult>;
  updateUser(ref: UserRef, patch: UserPatch): Promise<User>;

  /** Reversible: blocks login, keeps data. Idempotent. */
  suspendUser(ref: UserRef): Promise<User>;
  /** Reverses `suspendUser`. Idempotent. */
  reactivateUser(ref: UserRef): Promise<User>;
  /** Irreversible through the SPI: the user leaves the organisation. */
  removeUser(ref: UserRef): Promise<void>;
  /** Irreversible: the account is deleted. */
  purgeUser(ref: UserRef): Promise<void>;
  /** Withdraws a pending invitation; `ConflictError` if the user is not invited. */
  cancelInvitation(ref: UserRef): Promise<void>;

  /** Idempotent: groups the user is already in are left as they are. */
  addToGroups(ref: UserRef, groups: readonly string[]): Promise<User>;
  /** Idempotent: groups the user is not in are ignored. */
  removeFromGroups(ref: UserRef, groups: readonly string[]): Promise<User>;
  listGroups(): Promise<Group[]>;

  /** Never throws for bad credentials: reports them as a typed result. */
  verifyCredentials(): Promise<CredentialCheck>;
}
