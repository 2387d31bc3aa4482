import {
  type BatchItemResult,
  type BatchResult,
  batchResult,
  type Capabilities,
  ConnectionConfig,
  type CredentialCheck,
  type Group,
  type ListUsersOptions,
  Logger,
  type NewUser,
  NotFoundError,
  type OperationOptions,
  ProvisioningError,
  resolveCapabilities,
  UnsupportedOperationError,
  type User,
  type UserDirectory,
  type UserPatch,
  type UserRef,
} from '@provisionkit/core';
import {
  createHttpClient,
  type HttpClient,
  jsonReader,
  pageByCursor,
  type Settlement,
} from '@provisionkit/core/http';
import { inject, injectable } from 'inversify';
import { CREW_CAPABILITIES, type CrewConfig } from './crew-config.js';
import { CrewMember, CrewPage, CrewScopes, toNewMember, toUser } from './crew-wire.js';

const readMember = jsonReader(CrewMember);

/**
 * Crew's `UserDirectory`, built only from the toolkit: no fetch, timeout, retry, back-off,
 * `Retry-After`, limiter, status table or paging loop of its own. What is left is the API mapping.
 */
@injectable()
export class CrewUserDirectory implements UserDirectory {
  readonly provider = 'crew';
  readonly capabilities: Capabilities = resolveCapabilities(CREW_CAPABILITIES);
  readonly #http: HttpClient;

  constructor(@inject(ConnectionConfig) config: CrewConfig, @inject(Logger) logger: Logger) {
    this.#http = createHttpClient({
      provider: 'crew',
      baseUrl: config.baseUrl,
      bearerToken: config.apiToken,
      logger,
    });
  }

  listUsers(options: ListUsersOptions = {}): AsyncIterable<User> {
    const limit = options.pageSize ?? this.capabilities.defaultPageSize;
    const { signal } = options;
    return mapItems(
      pageByCursor({
        provider: this.provider,
        signal,
        fetchPage: async (cursor) => {
          const read = jsonReader(CrewPage);
          const page = await this.#http.request({
            method: 'GET',
            path: '/members',
            query: { cursor, limit },
            read,
            signal,
          });
          return { items: page.members, nextCursor: page.next_cursor };
        },
        itemId: (member) => member.id,
      }),
      toUser,
    );
  }

  async getUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return toUser(await this.#find(ref, options?.signal));
  }

  // POST is not idempotent: after a lost answer the toolkit asks `settle`, which looks the login up,
  // instead of sending the create again blindly.
  async createUser(input: NewUser, options?: OperationOptions): Promise<User> {
    const signal = options?.signal;
    const settle = async (): Promise<Settlement<CrewMember>> => {
      const found = await this.#find({ userName: input.userName }, signal).catch((error: unknown) => {
        if (NotFoundError.is(error)) return undefined;
        throw error;
      });
      return found === undefined ? { status: 'not_applied' } : { status: 'applied', value: found };
    };
    const member = await this.#http.request({
      method: 'POST',
      path: '/members',
      json: toNewMember(input),
      read: readMember,
      settle,
      signal,
      secrets: input.password === undefined ? [] : [input.password],
    });
    return toUser(member);
  }

  // Crew has no bulk endpoint: one create per item, each with its own outcome.
  async createUsers(batch: readonly NewUser[], options?: OperationOptions): Promise<BatchResult> {
    const results: BatchItemResult[] = [];
    for (const [index, input] of batch.entries()) {
      try {
        results.push({
          index,
          userName: input.userName,
          ok: true,
          user: await this.createUser(input, options),
        });
      } catch (error) {
        if (!ProvisioningError.is(error) || error.code === 'cancelled') throw error;
        results.push({ index, userName: input.userName, ok: false, error });
      }
    }
    return batchResult(results);
  }

  async updateUser(ref: UserRef, patch: UserPatch, options?: OperationOptions): Promise<User> {
    const { id } = await this.#find(ref, options?.signal);
    const member = await this.#http.request({
      method: 'PATCH',
      path: '/members/{id}',
      params: { id },
      json: { name: patch.displayName },
      idempotent: true,
      read: readMember,
      signal: options?.signal,
    });
    return toUser(member);
  }

  suspendUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return this.#setActive(ref, false, options?.signal);
  }

  reactivateUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return this.#setActive(ref, true, options?.signal);
  }

  async verifyCredentials(options?: OperationOptions): Promise<CredentialCheck> {
    const { scopes } = await this.#http.request({
      method: 'GET',
      path: '/me',
      read: jsonReader(CrewScopes),
      signal: options?.signal,
    });
    const valid = scopes.includes('members:write');
    return { status: valid ? 'valid' : 'insufficient_permissions', checkedAt: new Date().toISOString() };
  }

  // Undeclared verbs: core answers unsupported_operation before ever calling these.
  readonly removeUser = (): Promise<void> => undeclared('removeUser');
  readonly purgeUser = (): Promise<void> => undeclared('purgeUser');
  readonly cancelInvitation = (): Promise<void> => undeclared('cancelInvitation');
  readonly addToGroups = (): Promise<User> => undeclared('addToGroups');
  readonly removeFromGroups = (): Promise<User> => undeclared('removeFromGroups');
  readonly listGroups = (): Promise<Group[]> => undeclared('listGroups');

  #find(ref: UserRef, signal: AbortSignal | undefined): Promise<CrewMember> {
    return 'id' in ref
      ? this.#http.request({
          method: 'GET',
          path: '/members/{id}',
          params: { id: ref.id },
          read: readMember,
          signal,
        })
      : this.#http.request({
          method: 'GET',
          path: '/members/by-login',
          query: { login: ref.userName },
          read: readMember,
          signal,
        });
  }

  // The state endpoints are idempotent (deactivating twice changes nothing), so they may be resent.
  async #setActive(ref: UserRef, active: boolean, signal: AbortSignal | undefined): Promise<User> {
    const { id } = await this.#find(ref, signal);
    const path = active ? '/members/{id}/activate' : '/members/{id}/deactivate';
    const member = await this.#http.request({
      method: 'POST',
      path,
      params: { id },
      idempotent: true,
      read: readMember,
      signal,
    });
    return toUser(member);
  }
}

async function* mapItems<A, B>(items: AsyncIterable<A>, map: (item: A) => B): AsyncGenerator<B> {
  for await (const item of items) yield map(item);
}

function undeclared(verb: string): Promise<never> {
  return Promise.reject(new UnsupportedOperationError(`crew does not support ${verb}`, { provider: 'crew' }));
}
