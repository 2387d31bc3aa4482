import { ConnectionConfig } from '@provisionkit/core';
import { inject, injectable } from 'inversify';
import {
  type AgentPage,
  type HelpdeskAgent,
  type HelpdeskApi,
  HelpdeskApiFailure,
  type NewHelpdeskAgent,
} from './helpdesk-api.js';
import type { HelpdeskConfig } from './helpdesk-config.js';
import { type HelpdeskSandbox, helpdeskSandboxAt } from './helpdesk-sandbox.js';

type Scope = 'agents:read' | 'agents:write' | 'none';

/**
 * `HelpdeskApi` answered by an in-memory `HelpdeskSandbox` instead of HTTP: every endpoint goes
 * through `#call`, the one method a real client implements with `fetch`.
 */
@injectable()
export class InMemoryHelpdeskApi implements HelpdeskApi {
  readonly #config: HelpdeskConfig;

  constructor(@inject(ConnectionConfig) config: HelpdeskConfig) {
    this.#config = config;
  }

  listAgents(
    query: { readonly cursor?: string | undefined; readonly limit: number },
    signal?: AbortSignal,
  ): Promise<AgentPage> {
    return this.#call('agents:read', signal, (server) => server.list(query.cursor, query.limit));
  }

  getAgent(id: string, signal?: AbortSignal): Promise<HelpdeskAgent> {
    return this.#call('agents:read', signal, (server) => server.get(id));
  }

  findAgentByLogin(login: string, signal?: AbortSignal): Promise<HelpdeskAgent> {
    return this.#call('agents:read', signal, (server) => server.findByLogin(login));
  }

  createAgent(agent: NewHelpdeskAgent, signal?: AbortSignal): Promise<HelpdeskAgent> {
    return this.#call('agents:write', signal, (server) => server.create(agent));
  }

  updateAgent(
    id: string,
    changes: { readonly full_name?: string | undefined },
    signal?: AbortSignal,
  ): Promise<HelpdeskAgent> {
    return this.#call('agents:write', signal, (server) => server.update(id, changes));
  }

  setAgentState(id: string, state: HelpdeskAgent['state'], signal?: AbortSignal): Promise<HelpdeskAgent> {
    return this.#call('agents:write', signal, (server) => server.update(id, { state }));
  }

  whoAmI(signal?: AbortSignal): Promise<{ readonly scopes: readonly string[] }> {
    return this.#call('none', signal, (server) => ({ scopes: server.scopes() }));
  }

  /**
   * A real provider calls `fetch` here: the endpoint's path on `baseUrl`, the token in an
   * `authorization: Bearer` header, and `signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)])`
   * so no call waits forever and the caller (or closing the connection) can stop it. A non-2xx
   * answer's `{ error }` body becomes a `HelpdeskApiFailure` with its status; a timeout, a reset or
   * an abort becomes status 0.
   */
  async #call<T>(
    scope: Scope,
    signal: AbortSignal | undefined,
    handle: (server: HelpdeskSandbox) => T,
  ): Promise<T> {
    if (signal?.aborted === true) throw new HelpdeskApiFailure(0, 'aborted');
    const server = helpdeskSandboxAt(this.#config.baseUrl);
    if (server === undefined) throw new HelpdeskApiFailure(0, 'no_answer');
    server.authorize(this.#config.apiToken, scope);
    // A copy, as a response body would be: nothing the caller changes reaches the server's state.
    return structuredClone(handle(server));
  }
}
