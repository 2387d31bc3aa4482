import {
  ConnectionConfig,
  type CredentialCheck,
  Logger,
  type NewUser,
  type ProviderCallOptions,
  type ProviderDirectory,
  type ProviderListOptions,
  type User,
  type UserPatch,
  type UserRef,
} from '@provisionkit/core';
import {
  createHttpClient,
  type HttpClient,
  jsonReader,
  pageByCursor,
  settleByReading,
} from '@provisionkit/core/http';
import { inject, injectable } from 'inversify';
import type { CrewConfig, CrewVerb } from './crew-config.js';
import { CrewMember, CrewPage, CrewScopes, toNewMember, toUser } from './crew-wire.js';

const readMember = jsonReader(CrewMember);
const readPage = jsonReader(CrewPage);

/**
 * Crew's directory, built only from the toolkit and bound in an inversify module: no fetch,
 * timeout, retry, back-off, `Retry-After`, limiter, status table or paging loop of its own, and
 * only the declared verbs (core derives `createUsers`). What is left is the API mapping.
 */
@injectable()
export class CrewUserDirectory implements ProviderDirectory<CrewVerb> {
  readonly #http: HttpClient;

  constructor(@inject(ConnectionConfig) config: CrewConfig, @inject(Logger) logger: Logger) {
    this.#http = createHttpClient({
      provider: 'crew',
      baseUrl: config.baseUrl,
      bearerToken: config.apiToken,
      logger,
    });
  }

  async *listUsers({ pageSize, signal }: ProviderListOptions): AsyncIterable<User> {
    const members = pageByCursor({
      provider: 'crew',
      signal,
      fetchPage: async (cursor) => {
        const query = { cursor, limit: pageSize };
        const page = await this.#http.request({
          method: 'GET',
          path: '/members',
          query,
          read: readPage,
          signal,
        });
        return { items: page.members, nextCursor: page.next_cursor };
      },
      itemId: (member) => member.id,
    });
    for await (const member of members) yield toUser(member);
  }

  async getUser(ref: UserRef, { signal }: ProviderCallOptions): Promise<User> {
    return toUser(await this.#find(ref, signal));
  }

  // POST is not idempotent: after a lost answer the toolkit asks `settle`, which looks the login up,
  // instead of sending the create again blindly.
  async createUser(input: NewUser, { signal }: ProviderCallOptions): Promise<User> {
    const member = await this.#http.request({
      method: 'POST',
      path: '/members',
      json: toNewMember(input),
      read: readMember,
      settle: settleByReading((settleSignal) => this.#find({ userName: input.userName }, settleSignal)),
      signal,
    });
    return toUser(member);
  }

  async updateUser(ref: UserRef, patch: UserPatch, { signal }: ProviderCallOptions): Promise<User> {
    const { id } = await this.#find(ref, signal);
    const member = await this.#http.request({
      method: 'PATCH',
      path: '/members/{id}',
      params: { id },
      json: { name: patch.displayName },
      idempotent: true,
      read: readMember,
      signal,
    });
    return toUser(member);
  }

  suspendUser(ref: UserRef, { signal }: ProviderCallOptions): Promise<User> {
    return this.#setActive(ref, false, signal);
  }

  reactivateUser(ref: UserRef, { signal }: ProviderCallOptions): Promise<User> {
    return this.#setActive(ref, true, signal);
  }

  async verifyCredentials({ signal }: ProviderCallOptions): Promise<CredentialCheck> {
    const read = jsonReader(CrewScopes);
    const { scopes } = await this.#http.request({ method: 'GET', path: '/me', read, signal });
    const valid = scopes.includes('members:write');
    return { status: valid ? 'valid' : 'insufficient_permissions', checkedAt: new Date().toISOString() };
  }

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
  async #setActive(ref: UserRef, active: boolean, signal: AbortSignal): Promise<User> {
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
