import { ConnectionConfig } from '@provisionkit/core';
import { inject, injectable } from 'inversify';
import {
  type AgentPage,
  type BulkOutcome,
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

  listAgents(query: { readonly cursor?: string | undefined; readonly limit: number }): Promise<AgentPage> {
    return this.#call('agents:read', (server) => server.list(query.cursor, query.limit));
  }

  getAgent(id: string): Promise<HelpdeskAgent> {
    return this.#call('agents:read', (server) => server.get(id));
  }

  findAgentByLogin(login: string): Promise<HelpdeskAgent> {
    return this.#call('agents:read', (server) => server.findByLogin(login));
  }

  createAgent(agent: NewHelpdeskAgent): Promise<HelpdeskAgent> {
    return this.#call('agents:write', (server) => server.create(agent));
  }

  createAgents(agents: readonly NewHelpdeskAgent[]): Promise<BulkOutcome[]> {
    return this.#call('agents:write', (server) => server.createMany(agents));
  }

  updateAgent(id: string, changes: { readonly full_name?: string | undefined }): Promise<HelpdeskAgent> {
    return this.#call('agents:write', (server) => server.update(id, changes));
  }

  setAgentState(id: string, state: HelpdeskAgent['state']): Promise<HelpdeskAgent> {
    return this.#call('agents:write', (server) => server.update(id, { state }));
  }

  whoAmI(): Promise<{ readonly scopes: readonly string[] }> {
    return this.#call('none', (server) => ({ scopes: server.scopes() }));
  }

  /**
   * A real provider calls `fetch` here: the endpoint's path on `baseUrl`, the token in an
   * `authorization: Bearer` header, and `signal: AbortSignal.timeout(10_000)` so no call waits
   * forever. A non-2xx answer's `{ error }` body becomes a `HelpdeskApiFailure` with its status; a
   * timeout or a reset becomes status 0.
   */
  async #call<T>(scope: Scope, handle: (server: HelpdeskSandbox) => T): Promise<T> {
    const server = helpdeskSandboxAt(this.#config.baseUrl);
    if (server === undefined) throw new HelpdeskApiFailure(0, 'no_answer');
    server.authorize(this.#config.apiToken, scope);
    // A copy, as a response body would be: nothing the caller changes reaches the server's state.
    return structuredClone(handle(server));
  }
}
