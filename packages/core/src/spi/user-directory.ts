import type { Group } from '../model/group.js';
import type { NewUser, User, UserPatch, UserRef } from '../model/user.js';
import type { BatchResult } from './batch-result.js';
import type { Capabilities } from './capabilities.js';
import type { CredentialCheck } from './credential-check.js';
import type { ListChangesOptions, ListUsersOptions } from './list-options.js';
import type { OperationOptions } from './operation-options.js';

/** Injection token of the SPI; one name for token and interface. */
export const UserDirectory = Symbol.for('@provisionkit/core/UserDirectory');

/**
 * The SPI every provider implements, and the interface hosts call. Providers implement only the API
 * mapping: core wraps every directory with validation, capability checks and logging, so an
 * implementation receives parsed input and may assume `capabilities` were checked.
 *
 * Errors are `ProvisioningError` subclasses; an unknown user is `NotFoundError` on every verb that
 * takes a `UserRef`.
 *
 * Every verb takes an optional last `options` with a `signal`. Behind core the signal is always
 * present (the caller's combined with the connection's close signal): a provider forwards it to
 * every request, wait and sleep it makes. Once it aborts, whatever the verb then throws reaches the
 * host as `CancelledError`.
 */
export interface UserDirectory {
  /** Provider id, e.g. `'lastpass'`. */
  readonly provider: string;
  readonly capabilities: Capabilities;

  /**
   * Lazily paged: one provider request per page, pulled as the caller iterates. An aborted listing
   * throws `CancelledError` from `next()`: it never ends quietly, since a quiet end would read as a
   * complete listing. A caller that `break`s out of its loop ends it normally.
   */
  listUsers(options?: ListUsersOptions): AsyncIterable<User>;
  getUser(ref: UserRef, options?: OperationOptions): Promise<User>;
  /**
   * Optional (see `OPTIONAL_VERBS`): users created or changed at or after `since`, lazily paged
   * like `listUsers`. Listing more is allowed (a sync compares every user it gets); listing fewer
   * is not. Deleted users cannot appear, so only a full listing shows deletions. Its options carry
   * the `signal`, as `listUsers`' do, and cancellation behaves the same: an aborted listing throws
   * `CancelledError` from `next()`, never ends quietly.
   */
  listUsersChangedSince?(options: ListChangesOptions): AsyncIterable<User>;

  /** Creates one user; `ConflictError` when the user name is taken (case-insensitively). */
  createUser(input: NewUser, options?: OperationOptions): Promise<User>;
  /**
   * Creates many users and reports each one's real outcome. Throws only when no user can have been
   * created (say, credentials refused before anything was sent); once a write may have happened,
   * even one that timed out, each item gets its own result. Core relies on this: a throw from the
   * first chunk of a split batch is rethrown as "nothing created". Once the signal aborts, core sends
   * no further chunk: items never sent fail with `CancelledError`.
   */
  createUsers(batch: readonly NewUser[], options?: OperationOptions): Promise<BatchResult>;
  updateUser(ref: UserRef, patch: UserPatch, options?: OperationOptions): Promise<User>;

  /** Reversible: blocks login, keeps data. Idempotent. */
  suspendUser(ref: UserRef, options?: OperationOptions): Promise<User>;
  /** Reverses `suspendUser`. Idempotent. */
  reactivateUser(ref: UserRef, options?: OperationOptions): Promise<User>;
  /** Irreversible through the SPI: the user leaves the organisation. */
  removeUser(ref: UserRef, options?: OperationOptions): Promise<void>;
  /** Irreversible: the account is deleted. */
  purgeUser(ref: UserRef, options?: OperationOptions): Promise<void>;
  /** Withdraws a pending invitation; `ConflictError` if the user is not invited. */
  cancelInvitation(ref: UserRef, options?: OperationOptions): Promise<void>;

  /** Idempotent: groups the user is already in are left as they are. */
  addToGroups(ref: UserRef, groups: readonly string[], options?: OperationOptions): Promise<User>;
  /** Idempotent: groups the user is not in are ignored. */
  removeFromGroups(ref: UserRef, groups: readonly string[], options?: OperationOptions): Promise<User>;
  listGroups(options?: OperationOptions): Promise<Group[]>;

  /** Never throws for bad credentials: reports them as a typed result. */
  verifyCredentials(options?: OperationOptions): Promise<CredentialCheck>;
}
