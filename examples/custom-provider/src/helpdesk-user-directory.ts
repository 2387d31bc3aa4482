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
import { inject, injectable } from 'inversify';
import { type HelpdeskAgent, HelpdeskApi } from './helpdesk-api.js';
import type { HelpdeskVerb } from './helpdesk-capabilities.js';
import type { HelpdeskConfig } from './helpdesk-config.js';
import { callHelpdesk } from './map-helpdesk-error.js';
import { toNewAgent, toUser } from './to-user.js';

/**
 * Helpdesk's directory: only the API mapping, and only the verbs Helpdesk declares. Core validates
 * input and output, checks capabilities, derives `createUsers`, logs each operation and scrubs
 * secrets, so this class receives parsed input and always a signal.
 */
@injectable()
export class HelpdeskUserDirectory implements ProviderDirectory<HelpdeskVerb> {
  readonly #config: HelpdeskConfig;
  readonly #logger: Logger;
  readonly #api: HelpdeskApi;

  constructor(
    @inject(ConnectionConfig) config: HelpdeskConfig,
    @inject(Logger) logger: Logger,
    @inject(HelpdeskApi) api: HelpdeskApi,
  ) {
    this.#config = config;
    this.#logger = logger;
    this.#api = api;
  }

  /**
   * One request per page of `pageSize` agents (core always passes one), sent only when the caller
   * has consumed the previous page. The signal goes to every request: once it aborts, the request
   * fails and core reports the listing `cancelled`.
   */
  async *listUsers({ pageSize, signal }: ProviderListOptions): AsyncIterable<User> {
    let cursor: string | undefined;
    do {
      const page = await callHelpdesk(() => this.#api.listAgents({ cursor, limit: pageSize }, signal));
      this.#logger.debug({ agents: page.agents.length, more: page.nextCursor !== undefined }, 'agents page');
      for (const agent of page.agents) yield toUser(agent);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }

  async getUser(ref: UserRef, { signal }: ProviderCallOptions): Promise<User> {
    return toUser(await this.#find(ref, signal));
  }

  // POST /agents is not idempotent: this provider never resends it. A client that retries must,
  // after a timeout, look the login up (findAgentByLogin) before it sends the create again.
  async createUser(input: NewUser, { signal }: ProviderCallOptions): Promise<User> {
    const agent = toNewAgent(input, this.#config.seatType);
    return toUser(await callHelpdesk(() => this.#api.createAgent(agent, signal)));
  }

  async updateUser(ref: UserRef, patch: UserPatch, { signal }: ProviderCallOptions): Promise<User> {
    // `displayName` is the only field in `updatableFields`; core refuses a patch of any other.
    const { id } = await this.#find(ref, signal);
    const changes = { full_name: patch.displayName };
    return toUser(await callHelpdesk(() => this.#api.updateAgent(id, changes, signal)));
  }

  // Helpdesk's state endpoint is idempotent, so suspending twice (or reactivating an active agent)
  // succeeds and changes nothing, as the SPI requires.
  suspendUser(ref: UserRef, { signal }: ProviderCallOptions): Promise<User> {
    return this.#setState(ref, 'disabled', signal);
  }

  reactivateUser(ref: UserRef, { signal }: ProviderCallOptions): Promise<User> {
    return this.#setState(ref, 'enabled', signal);
  }

  async verifyCredentials({ signal }: ProviderCallOptions): Promise<CredentialCheck> {
    // A bad token rejects with AuthenticationError; core reports it as { status: 'invalid' }.
    const { scopes } = await callHelpdesk(() => this.#api.whoAmI(signal));
    const canWrite = scopes.includes('agents:read') && scopes.includes('agents:write');
    return { status: canWrite ? 'valid' : 'insufficient_permissions', checkedAt: new Date().toISOString() };
  }

  /** An unknown id or user name is Helpdesk's 404, which `mapHelpdeskError` makes a `NotFoundError`. */
  #find(ref: UserRef, signal: AbortSignal): Promise<HelpdeskAgent> {
    return callHelpdesk(() =>
      'id' in ref ? this.#api.getAgent(ref.id, signal) : this.#api.findAgentByLogin(ref.userName, signal),
    );
  }

  async #setState(ref: UserRef, state: HelpdeskAgent['state'], signal: AbortSignal): Promise<User> {
    const { id } = await this.#find(ref, signal);
    return toUser(await callHelpdesk(() => this.#api.setAgentState(id, state, signal)));
  }
}
