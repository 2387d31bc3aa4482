import {
  type BatchResult,
  type Capabilities,
  ConnectionConfig,
  ConnectionContext,
  type CredentialCheck,
  type Group,
  type ListUsersOptions,
  Logger,
  type NewUser,
  type OperationOptions,
  ProviderError,
  type User,
  type UserDirectory,
  type UserPatch,
  type UserRef,
} from '@provisionkit/core';
import { inject, injectable } from 'inversify';
import type { LastPassClient } from '../client/index.js';
import type { LastPassConfig } from '../plugin/lastpass-config.js';
import { lastpassCapabilities } from './capabilities.js';
import { LastPassConnectionClient } from './connection-client.js';
import { type CreateDeps, createUsers } from './create-users.js';
import { changeGroups } from './group-membership.js';
import {
  cancelInvitation,
  deleteUser,
  type LifecycleDeps,
  reactivateUser,
  suspendUser,
} from './lifecycle.js';
import { listGroups } from './list-groups.js';
import { listUsers } from './list-users.js';
import { updateUser } from './update-user.js';
import { UserLocator } from './user-locator.js';
import { verifyCredentials } from './verify-credentials.js';

/**
 * The `UserDirectory` of one LastPass company (one connection), mapping the SPI onto the Enterprise
 * API through `LastPassClient`. Core's middleware validates input and output around it. Every verb
 * forwards its `signal` to every request, back-off sleep and limiter wait it makes, so an abort (or
 * the connection's close) sends nothing more.
 */
@injectable()
export class LastPassUserDirectory implements UserDirectory {
  readonly provider: string;
  readonly capabilities: Capabilities;
  readonly #client: LastPassClient;
  readonly #locator: UserLocator;
  readonly #deps: LifecycleDeps;
  readonly #create: CreateDeps;

  constructor(
    @inject(LastPassConnectionClient) client: LastPassClient,
    @inject(UserLocator) locator: UserLocator,
    @inject(ConnectionConfig) config: LastPassConfig,
    @inject(ConnectionContext) context: ConnectionContext,
    @inject(Logger) logger: Logger,
  ) {
    this.provider = context.provider;
    this.capabilities = lastpassCapabilities(config.pageSize);
    this.#client = client;
    this.#locator = locator;
    this.#deps = { client, locator };
    this.#create = {
      client,
      locator,
      logger,
      batchSize: config.batchSize,
      secrets: [config.provhash],
      inFlight: new Set(),
    };
  }

  listUsers(options?: ListUsersOptions): AsyncIterable<User> {
    return listUsers(this.#locator, options);
  }

  async getUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return (await this.#locator.resolve(ref, options?.signal)).user;
  }

  /** A batch of one: a lookup, `batchadd`, a lookup. */
  async createUser(input: NewUser, options?: OperationOptions): Promise<User> {
    const [item] = (await this.createUsers([input], options)).items;
    if (item === undefined) {
      throw new ProviderError('createUsers returned no result for the user', { provider: this.provider });
    }
    if (!item.ok) throw item.error;
    return item.user;
  }

  createUsers(batch: readonly NewUser[], options?: OperationOptions): Promise<BatchResult> {
    return createUsers(this.#create, batch, options?.signal);
  }

  updateUser(ref: UserRef, patch: UserPatch, options?: OperationOptions): Promise<User> {
    return updateUser(this.#deps, ref, patch, options?.signal);
  }

  suspendUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return suspendUser(this.#deps, ref, options?.signal);
  }

  reactivateUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return reactivateUser(this.#deps, ref, options?.signal);
  }

  removeUser(ref: UserRef, options?: OperationOptions): Promise<void> {
    return deleteUser(this.#deps, ref, 1, options?.signal);
  }

  purgeUser(ref: UserRef, options?: OperationOptions): Promise<void> {
    return deleteUser(this.#deps, ref, 2, options?.signal);
  }

  cancelInvitation(ref: UserRef, options?: OperationOptions): Promise<void> {
    return cancelInvitation(this.#deps, ref, options?.signal);
  }

  addToGroups(ref: UserRef, groups: readonly string[], options?: OperationOptions): Promise<User> {
    return changeGroups(this.#deps, ref, groups, 'add', options?.signal);
  }

  removeFromGroups(ref: UserRef, groups: readonly string[], options?: OperationOptions): Promise<User> {
    return changeGroups(this.#deps, ref, groups, 'del', options?.signal);
  }

  listGroups(options?: OperationOptions): Promise<Group[]> {
    return listGroups(this.#locator, options?.signal);
  }

  verifyCredentials(options?: OperationOptions): Promise<CredentialCheck> {
    return verifyCredentials(this.#client, options?.signal);
  }

  /** Called by `connection.close()`: forgets the cached user ids. */
  close(): void {
    this.#locator.clear();
  }
}
