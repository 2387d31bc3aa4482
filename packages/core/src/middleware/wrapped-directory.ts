import type { Group } from '../model/group.js';
import type { NewUser, User, UserPatch, UserRef } from '../model/user.js';
import type { BatchResult } from '../spi/batch-result.js';
import type { Capabilities } from '../spi/capabilities.js';
import type { CredentialCheck } from '../spi/credential-check.js';
import type { ListChangesOptions, ListUsersOptions } from '../spi/list-options.js';
import type { OperationOptions } from '../spi/operation-options.js';
import type { UserDirectory } from '../spi/user-directory.js';
import type { Verb } from '../spi/verbs.js';
import { createUsersInChunks } from './create-users.js';
import type { DirectoryContext } from './directory-context.js';
import { listChangesThrough } from './list-changes.js';
import { listUsersThrough } from './list-users.js';
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

// Private: lets `withLifetime` read the context of a wrapper it did not create.
const CONTEXT = Symbol('@provisionkit/core/wrappedDirectoryContext');

/** `directory` (wrapped) seen through a view that also ends when `signal` aborts. */
export function withLifetime(directory: UserDirectory, signal: AbortSignal): UserDirectory {
  const context = (directory as WrappedDirectory)[CONTEXT]();
  const lifetime = context.lifetime === undefined ? signal : AbortSignal.any([context.lifetime, signal]);
  return new WrappedDirectory({ ...context, lifetime });
}

/** The directory hosts call: each verb runs through core's checks before and after the provider. */
export class WrappedDirectory implements UserDirectory {
  readonly [WRAPPED] = true;
  readonly #context: DirectoryContext;

  constructor(context: DirectoryContext) {
    this.#context = context;
  }

  [CONTEXT](): DirectoryContext {
    return this.#context;
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

  getUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return this.#userOperation('getUser', ref, options, (parsed, o) =>
      this.#context.inner.getUser(parsed, o),
    );
  }

  createUser(input: NewUser, options?: OperationOptions): Promise<User> {
    const context = this.#context;
    return runOperation(context, 'createUser', input, options, async (call) => {
      const parsed = parseNewUser(context, input, 'input');
      const user = await context.inner.createUser(parsed, { signal: call.signal });
      return checkUser(context.provider, 'createUser', user);
    });
  }

  createUsers(batch: readonly NewUser[], options?: OperationOptions): Promise<BatchResult> {
    return runOperation(this.#context, 'createUsers', batch, options, (call) =>
      createUsersInChunks(this.#context, batch, call),
    );
  }

  updateUser(ref: UserRef, patch: UserPatch, options?: OperationOptions): Promise<User> {
    const context = this.#context;
    return runOperation(context, 'updateUser', undefined, options, async (call) => {
      call.ref = parseRef(context, ref);
      const parsed = parsePatch(context, patch);
      const user = await context.inner.updateUser(call.ref, parsed, { signal: call.signal });
      return checkUser(context.provider, 'updateUser', user);
    });
  }

  suspendUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return this.#userOperation('suspendUser', ref, options, (parsed, o) =>
      this.#context.inner.suspendUser(parsed, o),
    );
  }

  reactivateUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return this.#userOperation('reactivateUser', ref, options, (parsed, o) =>
      this.#context.inner.reactivateUser(parsed, o),
    );
  }

  removeUser(ref: UserRef, options?: OperationOptions): Promise<void> {
    return this.#voidOperation('removeUser', ref, options, (parsed, o) =>
      this.#context.inner.removeUser(parsed, o),
    );
  }

  purgeUser(ref: UserRef, options?: OperationOptions): Promise<void> {
    return this.#voidOperation('purgeUser', ref, options, (parsed, o) =>
      this.#context.inner.purgeUser(parsed, o),
    );
  }

  cancelInvitation(ref: UserRef, options?: OperationOptions): Promise<void> {
    return this.#voidOperation('cancelInvitation', ref, options, (parsed, o) =>
      this.#context.inner.cancelInvitation(parsed, o),
    );
  }

  addToGroups(ref: UserRef, groups: readonly string[], options?: OperationOptions): Promise<User> {
    return this.#groupOperation('addToGroups', ref, groups, options);
  }

  removeFromGroups(ref: UserRef, groups: readonly string[], options?: OperationOptions): Promise<User> {
    return this.#groupOperation('removeFromGroups', ref, groups, options);
  }

  listGroups(options?: OperationOptions): Promise<Group[]> {
    const context = this.#context;
    return runOperation(context, 'listGroups', undefined, options, async (call) => {
      const groups = checkGroups(context.provider, await context.inner.listGroups({ signal: call.signal }));
      call.itemCount = groups.length;
      return groups;
    });
  }

  /** Reports failures as a typed result; an undeclared verb and a cancellation are thrown. */
  verifyCredentials(options?: OperationOptions): Promise<CredentialCheck> {
    const context = this.#context;
    return runOperation(context, 'verifyCredentials', undefined, options, async (call) => {
      try {
        const check = await context.inner.verifyCredentials({ signal: call.signal });
        return checkCredentialCheck(context.provider, check);
      } catch (error) {
        const final = call.finalize(error);
        if (final.code === 'cancelled') throw final;
        call.failure = final.code;
        return credentialCheckFromError(final);
      }
    });
  }

  #userOperation(
    operation: Verb,
    ref: unknown,
    options: unknown,
    send: (ref: UserRef, options: { signal: AbortSignal }) => Promise<User>,
  ): Promise<User> {
    const context = this.#context;
    return runOperation(context, operation, undefined, options, async (call) => {
      call.ref = parseRef(context, ref);
      return checkUser(context.provider, operation, await send(call.ref, { signal: call.signal }));
    });
  }

  #voidOperation(
    operation: Verb,
    ref: unknown,
    options: unknown,
    send: (ref: UserRef, options: { signal: AbortSignal }) => Promise<void>,
  ): Promise<void> {
    const context = this.#context;
    return runOperation(context, operation, undefined, options, async (call) => {
      call.ref = parseRef(context, ref);
      await send(call.ref, { signal: call.signal });
    });
  }

  #groupOperation(
    operation: 'addToGroups' | 'removeFromGroups',
    ref: unknown,
    groups: unknown,
    options: unknown,
  ): Promise<User> {
    const context = this.#context;
    return runOperation(context, operation, undefined, options, async (call) => {
      call.ref = parseRef(context, ref);
      const names = parseGroups(context, groups);
      const user = await context.inner[operation](call.ref, names, { signal: call.signal });
      return checkUser(context.provider, operation, user);
    });
  }
}
