import type {
  CredentialCheck,
  Logger,
  NewUser,
  ProviderCallOptions,
  ProviderDirectory,
  ProviderListOptions,
  User,
  UserPatch,
  UserRef,
} from '@provisionkit/core';
import {
  createHttpClient,
  type HttpClient,
  jsonReader,
  pageByCursor,
  settleByReading,
} from '@provisionkit/core/http';
import { HELPDESK_PROVIDER_ID, type HelpdeskVerb } from './helpdesk-capabilities.js';
import type { HelpdeskConfig } from './helpdesk-config.js';
import { AgentPage, HelpdeskAgent, TokenInfo } from './helpdesk-wire.js';
import { mapHelpdeskError } from './map-helpdesk-error.js';
import { toAgentChanges, toNewAgent, toUser } from './to-user.js';

const readAgent = jsonReader(HelpdeskAgent);
const readPage = jsonReader(AgentPage);
const readTokenInfo = jsonReader(TokenInfo);

/**
 * Helpdesk's directory: only the API mapping, and only the verbs Helpdesk declares. The toolkit's
 * client times out, retries, limits the rate, logs and maps statuses to error codes; core validates
 * input and output, checks capabilities, derives `createUsers` and scrubs secrets.
 */
export class HelpdeskDirectory implements ProviderDirectory<HelpdeskVerb> {
  readonly #http: HttpClient;
  readonly #seat: HelpdeskConfig['seatType'];

  constructor(config: HelpdeskConfig, logger: Logger) {
    this.#seat = config.seatType;
    this.#http = createHttpClient({
      provider: HELPDESK_PROVIDER_ID,
      baseUrl: config.baseUrl,
      bearerToken: config.apiToken,
      logger,
      mapError: mapHelpdeskError,
    });
  }

  /** One `GET /agents` per page of `pageSize`, sent only when the caller has read the page before. */
  async *listUsers({ pageSize, signal }: ProviderListOptions): AsyncIterable<User> {
    const fetchPage = async (cursor: string | undefined) => {
      const query = { limit: pageSize, cursor };
      const page = await this.#http.request({
        method: 'GET',
        path: '/agents',
        query,
        read: readPage,
        signal,
      });
      return { items: page.agents, nextCursor: page.next_cursor };
    };
    const agents = pageByCursor({
      provider: HELPDESK_PROVIDER_ID,
      fetchPage,
      itemId: (agent) => agent.id,
      signal,
    });
    for await (const agent of agents) yield toUser(agent);
  }

  async getUser(ref: UserRef, { signal }: ProviderCallOptions): Promise<User> {
    return toUser(await this.#find(ref, signal));
  }

  async createUser(input: NewUser, { signal }: ProviderCallOptions): Promise<User> {
    const agent = await this.#http.request({
      method: 'POST',
      path: '/agents',
      json: toNewAgent(input, this.#seat),
      read: readAgent,
      signal,
      // POST is not idempotent: after a timeout or a lost answer the toolkit does not send it again
      // blindly but asks settle, which looks the login up.
      settle: settleByReading((settleSignal) => this.#find({ userName: input.userName }, settleSignal)),
    });
    return toUser(agent);
  }

  async updateUser(ref: UserRef, patch: UserPatch, { signal }: ProviderCallOptions): Promise<User> {
    const id = await this.#idOf(ref, signal);
    const agent = await this.#http.request({
      method: 'PATCH',
      path: '/agents/{id}',
      params: { id },
      json: toAgentChanges(patch),
      idempotent: true, // it sets fields to values: sending it twice changes nothing more
      read: readAgent,
      signal,
    });
    return toUser(agent);
  }

  suspendUser(ref: UserRef, { signal }: ProviderCallOptions): Promise<User> {
    return this.#setState(ref, 'deactivate', signal);
  }

  reactivateUser(ref: UserRef, { signal }: ProviderCallOptions): Promise<User> {
    return this.#setState(ref, 'activate', signal);
  }

  async verifyCredentials({ signal }: ProviderCallOptions): Promise<CredentialCheck> {
    // A refused token is a 401, which the client throws as `authentication`: core reports `invalid`.
    const { scopes } = await this.#http.request({ method: 'GET', path: '/me', read: readTokenInfo, signal });
    const canWrite = scopes.includes('agents:read') && scopes.includes('agents:write');
    return { status: canWrite ? 'valid' : 'insufficient_permissions', checkedAt: new Date().toISOString() };
  }

  /** Helpdesk finds logins in any letter case; an unknown one is a 404, which the client makes `not_found`. */
  #find(ref: UserRef, signal: AbortSignal | undefined): Promise<HelpdeskAgent> {
    const endpoint =
      'id' in ref
        ? { path: '/agents/{id}', params: { id: ref.id } }
        : { path: '/agents/by-login/{login}', params: { login: ref.userName } };
    return this.#http.request({ method: 'GET', ...endpoint, read: readAgent, signal });
  }

  async #idOf(ref: UserRef, signal: AbortSignal): Promise<string> {
    return 'id' in ref ? ref.id : (await this.#find(ref, signal)).id;
  }

  /** Both endpoints are idempotent (deactivating a disabled agent changes nothing), so both may be resent. */
  async #setState(ref: UserRef, action: 'activate' | 'deactivate', signal: AbortSignal): Promise<User> {
    const id = await this.#idOf(ref, signal);
    const path = `/agents/{id}/${action}`;
    const agent = await this.#http.request({
      method: 'POST',
      path,
      params: { id },
      idempotent: true,
      read: readAgent,
      signal,
    });
    return toUser(agent);
  }
}
