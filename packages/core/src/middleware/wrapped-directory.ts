import type { Group } from '../model/group.js';
import type { NewUser, User, UserPatch, UserRef } from '../model/user.js';
import type { BatchResult } from '../spi/batch-result.js';
import type { Capabilities } from '../spi/capabilities.js';
import type { CredentialCheck } from '../spi/credential-check.js';
import type { ListChangesOptions, ListUsersOptions } from '../spi/list-options.js';
import type { OperationOptions } from '../spi/operation-options.js';
import type { UserDirectory } from '../spi/user-directory.js';
import { createOneThroughBatch, createUsersInChunks } from './create-users.js';
import type { DirectoryContext } from './directory-context.js';
import { methodOf } from './directory-methods.js';
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
    return this.#userOperation('getUser', ref, options);
  }

  createUser(input: NewUser, options?: OperationOptions): Promise<User> {
    const context = this.#context;
    return runOperation(context, 'createUser', input, options, async (call) => {
      const parsed = parseNewUser(context, input, 'input');
      const user =
        context.inner.createUser === undefined
          ? await createOneThroughBatch(context, parsed, call.signal)
          : await methodOf(context.inner, 'createUser', context.provider)(parsed, { signal: call.signal });
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
      const update = methodOf(context.inner, 'updateUser', context.provider);
      const user = await update(call.ref, parsed, { signal: call.signal });
      return checkUser(context.provider, 'updateUser', user);
    });
  }

  suspendUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return this.#userOperation('suspendUser', ref, options);
  }

  reactivateUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return this.#userOperation('reactivateUser', ref, options);
  }

  removeUser(ref: UserRef, options?: OperationOptions): Promise<void> {
    return this.#voidOperation('removeUser', ref, options);
  }

  purgeUser(ref: UserRef, options?: OperationOptions): Promise<void> {
    return this.#voidOperation('purgeUser', ref, options);
  }

  cancelInvitation(ref: UserRef, options?: OperationOptions): Promise<void> {
    return this.#voidOperation('cancelInvitation', ref, options);
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
      const listGroups = methodOf(context.inner, 'listGroups', context.provider);
      const groups = checkGroups(context.provider, await listGroups({ signal: call.signal }));
      call.itemCount = groups.length;
      return groups;
    });
  }

  /** Reports failures as a typed result; an undeclared verb and a cancellation are thrown. */
  verifyCredentials(options?: OperationOptions): Promise<CredentialCheck> {
    const context = this.#context;
    return runOperation(context, 'verifyCredentials', undefined, options, async (call) => {
      try {
        const verify = methodOf(context.inner, 'verifyCredentials', context.provider);
        const check = await verify({ signal: call.signal });
        return checkCredentialCheck(context.provider, check);
      } catch (error) {
        const final = call.finalize(error);
        if (final.code === 'cancelled') throw final;
        call.failure = final;
        return credentialCheckFromError(final);
      }
    });
  }

  #userOperation(
    operation: 'getUser' | 'suspendUser' | 'reactivateUser',
    ref: unknown,
    options: unknown,
  ): Promise<User> {
    const context = this.#context;
    return runOperation(context, operation, undefined, options, async (call) => {
      call.ref = parseRef(context, ref);
      const send = methodOf(context.inner, operation, context.provider);
      return checkUser(context.provider, operation, await send(call.ref, { signal: call.signal }));
    });
  }

  #voidOperation(
    operation: 'removeUser' | 'purgeUser' | 'cancelInvitation',
    ref: unknown,
    options: unknown,
  ): Promise<void> {
    const context = this.#context;
    return runOperation(context, operation, undefined, options, async (call) => {
      call.ref = parseRef(context, ref);
      await methodOf(context.inner, operation, context.provider)(call.ref, { signal: call.signal });
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
      const change = methodOf(context.inner, operation, context.provider);
      const user = await change(call.ref, names, { signal: call.signal });
      return checkUser(context.provider, operation, user);
    });
  }
}
