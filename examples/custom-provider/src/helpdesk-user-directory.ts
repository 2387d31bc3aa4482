import {
  type BatchResult,
  ConnectionConfig,
  type CredentialCheck,
  type ListUsersOptions,
  Logger,
  type NewUser,
  type OperationOptions,
  type User,
  type UserDirectory,
  type UserPatch,
  type UserRef,
} from '@provisionkit/core';
import { inject, injectable } from 'inversify';
import { createUsersInBulk } from './create-users-in-bulk.js';
import { type HelpdeskAgent, HelpdeskApi } from './helpdesk-api.js';
import { HELPDESK_PROVIDER_ID, helpdeskCapabilities } from './helpdesk-capabilities.js';
import type { HelpdeskConfig } from './helpdesk-config.js';
import { callHelpdesk } from './map-helpdesk-error.js';
import { toNewAgent, toUser } from './to-user.js';
import { UndeclaredVerbs } from './undeclared-verbs.js';

/**
 * Helpdesk's `UserDirectory`: only the API mapping. Core validates input and output, checks
 * capabilities, logs each operation and scrubs secrets, so this class receives parsed input.
 */
@injectable()
export class HelpdeskUserDirectory extends UndeclaredVerbs implements UserDirectory {
  readonly provider = HELPDESK_PROVIDER_ID;
  readonly capabilities = helpdeskCapabilities;
  readonly #config: HelpdeskConfig;
  readonly #logger: Logger;
  readonly #api: HelpdeskApi;

  constructor(
    @inject(ConnectionConfig) config: HelpdeskConfig,
    @inject(Logger) logger: Logger,
    @inject(HelpdeskApi) api: HelpdeskApi,
  ) {
    super();
    this.#config = config;
    this.#logger = logger;
    this.#api = api;
  }

  /**
   * One request per page, sent only when the caller has consumed the previous page. The signal goes
   * to every request: once it aborts, the request fails and core reports the listing `cancelled`.
   */
  async *listUsers(options: ListUsersOptions = {}): AsyncIterable<User> {
    const limit = options.pageSize ?? this.capabilities.defaultPageSize;
    const { signal } = options;
    let cursor: string | undefined;
    do {
      const page = await callHelpdesk(() => this.#api.listAgents({ cursor, limit }, signal));
      this.#logger.debug({ agents: page.agents.length, more: page.nextCursor !== undefined }, 'agents page');
      for (const agent of page.agents) yield toUser(agent);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }

  async getUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return toUser(await this.#find(ref, options?.signal));
  }

  // POST /agents is not idempotent: this provider never resends it. A client that retries must,
  // after a timeout, look the login up (findAgentByLogin) before it sends the create again.
  async createUser(input: NewUser, options?: OperationOptions): Promise<User> {
    const agent = toNewAgent(input, this.#config.seatType);
    return toUser(await callHelpdesk(() => this.#api.createAgent(agent, options?.signal)));
  }

  createUsers(batch: readonly NewUser[], options?: OperationOptions): Promise<BatchResult> {
    return createUsersInBulk(
      batch,
      (item) => toNewAgent(item, this.#config.seatType),
      (agents) => callHelpdesk(() => this.#api.createAgents(agents, options?.signal)),
    );
  }

  async updateUser(ref: UserRef, patch: UserPatch, options?: OperationOptions): Promise<User> {
    // `displayName` is the only field in `updatableFields`; core refuses a patch of any other.
    const signal = options?.signal;
    const { id } = await this.#find(ref, signal);
    const changes = { full_name: patch.displayName };
    return toUser(await callHelpdesk(() => this.#api.updateAgent(id, changes, signal)));
  }

  // Helpdesk's state endpoint is idempotent, so suspending twice (or reactivating an active agent)
  // succeeds and changes nothing, as the SPI requires.
  suspendUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return this.#setState(ref, 'disabled', options?.signal);
  }

  reactivateUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    return this.#setState(ref, 'enabled', options?.signal);
  }

  async verifyCredentials(options?: OperationOptions): Promise<CredentialCheck> {
    // A bad token rejects with AuthenticationError; core reports it as { status: 'invalid' }.
    const { scopes } = await callHelpdesk(() => this.#api.whoAmI(options?.signal));
    const canWrite = scopes.includes('agents:read') && scopes.includes('agents:write');
    return { status: canWrite ? 'valid' : 'insufficient_permissions', checkedAt: new Date().toISOString() };
  }

  /** An unknown id or user name is Helpdesk's 404, which `mapHelpdeskError` makes a `NotFoundError`. */
  #find(ref: UserRef, signal: AbortSignal | undefined): Promise<HelpdeskAgent> {
    return callHelpdesk(() =>
      'id' in ref ? this.#api.getAgent(ref.id, signal) : this.#api.findAgentByLogin(ref.userName, signal),
    );
  }

  async #setState(
    ref: UserRef,
    state: HelpdeskAgent['state'],
    signal: AbortSignal | undefined,
  ): Promise<User> {
    const { id } = await this.#find(ref, signal);
    return toUser(await callHelpdesk(() => this.#api.setAgentState(id, state, signal)));
  }
}
