import type { Group } from '../model/group.js';
import type { NewUser, User, UserPatch, UserRef } from '../model/user.js';
import type { BatchResult } from '../spi/batch-result.js';
import type { Capabilities } from '../spi/capabilities.js';
import type { CredentialCheck } from '../spi/credential-check.js';
import type { ListChangesOptions, ListUsersOptions } from '../spi/list-options.js';
import type { UserDirectory } from '../spi/user-directory.js';
import type { Verb } from '../spi/verbs.js';
import { createUsersInChunks } from './create-users.js';
import type { DirectoryContext } from './directory-context.js';
import { listChangesThrough } from './list-changes.js';
import { listUsersThrough } from './list-users.js';
import { finalizeError } from './normalize-error.js';
import { runOperation } from './run-operation.js';
import { parseGroups, parseNewUser, parsePatch, parseRef } from './validate-input.js';
import { checkCredentialCheck, checkGroups, checkUser } from './validate-output.js';
import { credentialCheckFromError } from './verify-credentials.js';

// Private (not `Symbol.for`): only core's own wrapper carries this mark.
const WRAPPED = Symbol('@provisionkit/core/wrappedDirectory');

/** True for a directory returned by `wrapDirectory`. */
export function isWrappedDirectory(directory: unknown): boolean {
  return typeof directory === 'object' && directory !== null && WRAPPED in directory;
}

/** The directory hosts call: each verb runs through core's checks before and after the provider. */
export class WrappedDirectory implements UserDirectory {
  readonly [WRAPPED] = true;
  readonly #context: DirectoryContext;

  constructor(context: DirectoryContext) {
    this.#context = context;
  }

  get provider(): string {
    return this.#context.provider;
  }

  get capabilities(): Capabilities {
    return this.#context.capabilities;
  }

  listUsers(options?: ListUsersOptions): AsyncIterable<User> {
    return listUsersThrough(this.#context, options);
  }

  /** The optional verb: refused with `unsupported_operation` unless the provider declares it. */
  listUsersChangedSince(options: ListChangesOptions): AsyncIterable<User> {
    return listChangesThrough(this.#context, options);
  }

  getUser(ref: UserRef): Promise<User> {
    return this.#userOperation('getUser', ref, (parsed) => this.#context.inner.getUser(parsed));
  }

  createUser(input: NewUser): Promise<User> {
    const context = this.#context;
    return runOperation(context, 'createUser', input, async () => {
      const user = await context.inner.createUser(parseNewUser(context, input, 'input'));
      return checkUser(context.provider, 'createUser', user);
    });
  }

  createUsers(batch: readonly NewUser[]): Promise<BatchResult> {
    return runOperation(this.#context, 'createUsers', batch, (call) =>
      createUsersInChunks(this.#context, batch, call),
    );
  }

  updateUser(ref: UserRef, patch: UserPatch): Promise<User> {
    const context = this.#context;
    return runOperation(context, 'updateUser', undefined, async (call) => {
      call.ref = parseRef(context, ref);
      const user = await context.inner.updateUser(call.ref, parsePatch(context, patch));
      return checkUser(context.provider, 'updateUser', user);
    });
  }

  suspendUser(ref: UserRef): Promise<User> {
    return this.#userOperation('suspendUser', ref, (parsed) => this.#context.inner.suspendUser(parsed));
  }

  reactivateUser(ref: UserRef): Promise<User> {
    return this.#userOperation('reactivateUser', ref, (parsed) => this.#context.inner.reactivateUser(parsed));
  }

  removeUser(ref: UserRef): Promise<void> {
    return this.#voidOperation('removeUser', ref, (parsed) => this.#context.inner.removeUser(parsed));
  }

  purgeUser(ref: UserRef): Promise<void> {
    return this.#voidOperation('purgeUser', ref, (parsed) => this.#context.inner.purgeUser(parsed));
  }

  cancelInvitation(ref: UserRef): Promise<void> {
    return this.#voidOperation('cancelInvitation', ref, (parsed) =>
      this.#context.inner.cancelInvitation(parsed),
    );
  }

  addToGroups(ref: UserRef, groups: readonly string[]): Promise<User> {
    return this.#groupOperation('addToGroups', ref, groups);
  }

  removeFromGroups(ref: UserRef, groups: readonly string[]): Promise<User> {
    return this.#groupOperation('removeFromGroups', ref, groups);
  }

  listGroups(): Promise<Group[]> {
    const context = this.#context;
    return runOperation(context, 'listGroups', undefined, async (call) => {
      const groups = checkGroups(context.provider, await context.inner.listGroups());
      call.itemCount = groups.length;
      return groups;
    });
  }

  /** Reports failures as a typed result; only an undeclared verb is thrown. */
  verifyCredentials(): Promise<CredentialCheck> {
    const context = this.#context;
    return runOperation(context, 'verifyCredentials', undefined, async (call) => {
      try {
        return checkCredentialCheck(context.provider, await context.inner.verifyCredentials());
      } catch (error) {
        const final = finalizeError(error, {
          provider: context.provider,
          operation: 'verifyCredentials',
          secrets: call.secrets,
        });
        call.failure = final.code;
        return credentialCheckFromError(final);
      }
    });
  }

  #userOperation(operation: Verb, ref: unknown, send: (ref: UserRef) => Promise<User>): Promise<User> {
    const context = this.#context;
    return runOperation(context, operation, undefined, async (call) => {
      call.ref = parseRef(context, ref);
      return checkUser(context.provider, operation, await send(call.ref));
    });
  }

  #voidOperation(operation: Verb, ref: unknown, send: (ref: UserRef) => Promise<void>): Promise<void> {
    const context = this.#context;
    return runOperation(context, operation, undefined, async (call) => {
      call.ref = parseRef(context, ref);
      await send(call.ref);
    });
  }

  #groupOperation(
    operation: 'addToGroups' | 'removeFromGroups',
    ref: unknown,
    groups: unknown,
  ): Promise<User> {
    const context = this.#context;
    return runOperation(context, operation, undefined, async (call) => {
      call.ref = parseRef(context, ref);
      const user = await context.inner[operation](call.ref, parseGroups(context, groups));
      return checkUser(context.provider, operation, user);
    });
  }
}
