import type { Group } from '../model/group.js';
import type { NewUser, User, UserPatch, UserRef } from '../model/user.js';
import type { BatchResult } from './batch-result.js';
import type { CredentialCheck } from './credential-check.js';
import type { ListUsersOptions } from './list-options.js';
import type { Verb } from './verbs.js';

/** What core passes with every call: the signal to forward to every request, wait and sleep. */
export interface ProviderCallOptions {
  /** The caller's signal combined with the connection's own (aborted by `connection.close()`). */
  readonly signal: AbortSignal;
}

/** What `listUsers` receives: a page size always (the caller's or `defaultPageSize`), and the signal. */
export interface ProviderListOptions extends ProviderCallOptions {
  readonly pageSize: number;
  /** Only when the provider declares the `status` filter. */
  readonly status?: ListUsersOptions['status'];
  /** Only when the provider declares the `group` filter. */
  readonly group?: string | undefined;
}

/** What `listUsersChangedSince` receives: the instant, a page size always, and the signal. */
export interface ProviderChangesOptions extends ProviderCallOptions {
  /** Users created or changed at or after this instant (ISO 8601, the provider's clock). */
  readonly since: string;
  readonly pageSize: number;
}

/**
 * The verbs as a provider implements them. Same semantics as `UserDirectory`; the input is already
 * parsed (a new user carries only the fields the provider declares) and the options are always there.
 */
export interface ProviderVerbMethods {
  listUsers(options: ProviderListOptions): AsyncIterable<User>;
  getUser(ref: UserRef, options: ProviderCallOptions): Promise<User>;
  /** Optional verb (see `OPTIONAL_VERBS`): only when declared, and only with `listUsers`. */
  listUsersChangedSince(options: ProviderChangesOptions): AsyncIterable<User>;
  createUser(input: NewUser, options: ProviderCallOptions): Promise<User>;
  createUsers(batch: readonly NewUser[], options: ProviderCallOptions): Promise<BatchResult>;
  updateUser(ref: UserRef, patch: UserPatch, options: ProviderCallOptions): Promise<User>;
  suspendUser(ref: UserRef, options: ProviderCallOptions): Promise<User>;
  reactivateUser(ref: UserRef, options: ProviderCallOptions): Promise<User>;
  removeUser(ref: UserRef, options: ProviderCallOptions): Promise<void>;
  purgeUser(ref: UserRef, options: ProviderCallOptions): Promise<void>;
  cancelInvitation(ref: UserRef, options: ProviderCallOptions): Promise<void>;
  addToGroups(ref: UserRef, groups: readonly string[], options: ProviderCallOptions): Promise<User>;
  removeFromGroups(ref: UserRef, groups: readonly string[], options: ProviderCallOptions): Promise<User>;
  listGroups(options: ProviderCallOptions): Promise<Group[]>;
  verifyCredentials(options: ProviderCallOptions): Promise<CredentialCheck>;
}

/**
 * What a provider implements: the methods of the verbs it declares, nothing more. Every verb is
 * optional here; hosts still get a full `UserDirectory`, in which core answers an undeclared verb
 * with `unsupported_operation` before any I/O and supplies the verbs it derives (`createUsers` from
 * `createUser`). A declared verb without a method is refused when the connection opens.
 *
 * Name the verbs you implement to have the compiler check them:
 * `class AcmeDirectory implements ProviderDirectory<DeclaredVerbs<typeof acmeCapabilities>>`.
 */
export type ProviderDirectory<Implemented extends Verb = never> = Partial<ProviderVerbMethods> &
  Pick<ProviderVerbMethods, Implemented> & {
    /** Called by `connection.close()` after in-flight work was cancelled: release sockets, timers. */
    close?(): void | Promise<void>;
  };
