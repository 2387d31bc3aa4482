import { randomUUID } from 'node:crypto';
import type { ProviderSandbox } from '@provisionkit/core';
import type { AgentPage, HelpdeskAgent, NewHelpdeskAgent } from './helpdesk-api.js';
import { HelpdeskApiFailure } from './helpdesk-api.js';
import type { HelpdeskConfigInput } from './helpdesk-config.js';

const sandboxes = new Map<string, HelpdeskSandbox>();
let started = 0;

/**
 * A fake Helpdesk account: what the service would answer at `baseUrl`. Agents live here, not in the
 * client, as they would on a server, so two connections to one account see the same agents.
 */
export class HelpdeskSandbox {
  readonly baseUrl = `https://sandbox-${++started}.helpdesk.test`;
  readonly #apiToken: string;
  readonly #scopes: readonly string[];
  readonly #agents = new Map<string, HelpdeskAgent>();
  #lastId = 0;

  constructor(options: { readonly apiToken: string; readonly scopes?: readonly string[] }) {
    this.#apiToken = options.apiToken;
    this.#scopes = options.scopes ?? ['agents:read', 'agents:write'];
    sandboxes.set(this.baseUrl, this);
  }

  /** Takes the account off the network: later calls to its `baseUrl` get no answer. */
  stop(): void {
    sandboxes.delete(this.baseUrl);
  }

  authorize(token: string, scope: 'agents:read' | 'agents:write' | 'none'): void {
    // Like some real APIs, the message quotes what was sent: mapHelpdeskError must not copy it.
    const message = `The token ${token} is not valid`;
    if (token !== this.#apiToken) throw new HelpdeskApiFailure(401, 'invalid_token', { message });
    if (scope !== 'none' && !this.#scopes.includes(scope)) throw new HelpdeskApiFailure(403, 'missing_scope');
  }

  scopes(): readonly string[] {
    return this.#scopes;
  }

  list(cursor: string | undefined, limit: number): AgentPage {
    const after = Number(cursor ?? 0);
    const rest = [...this.#agents.values()].filter((agent) => Number(agent.id) > after);
    const agents = rest.slice(0, limit);
    const last = agents.at(-1);
    return rest.length > limit && last !== undefined ? { agents, nextCursor: last.id } : { agents };
  }

  get(id: string): HelpdeskAgent {
    const agent = this.#agents.get(id);
    if (agent === undefined) throw new HelpdeskApiFailure(404, 'agent_not_found');
    return agent;
  }

  findByLogin(login: string): HelpdeskAgent {
    const wanted = login.toLowerCase();
    const agent = [...this.#agents.values()].find((candidate) => candidate.login.toLowerCase() === wanted);
    if (agent === undefined) throw new HelpdeskApiFailure(404, 'agent_not_found');
    return agent;
  }

  create(input: NewHelpdeskAgent): HelpdeskAgent {
    const taken = [...this.#agents.values()].some(
      (agent) => agent.login.toLowerCase() === input.login.toLowerCase(),
    );
    if (taken) throw new HelpdeskApiFailure(409, 'login_taken');
    this.#lastId += 1;
    const id = String(this.#lastId);
    const agent = { ...input, id, state: 'enabled' as const, created_at: new Date().toISOString() };
    this.#agents.set(id, agent);
    return agent;
  }

  update(id: string, changes: Partial<Pick<HelpdeskAgent, 'full_name' | 'state'>>): HelpdeskAgent {
    const agent = { ...this.get(id), ...changes };
    this.#agents.set(id, agent);
    return agent;
  }
}

/**
 * Helpdesk's sandbox for `describeProviderContract`: a fresh `HelpdeskSandbox` account per test,
 * taken off the network when the test ends. A token the account does not know is the wrong
 * credential.
 */
export function helpdeskSandbox(): ProviderSandbox<HelpdeskConfigInput> {
  return {
    account: () => {
      const apiToken = `hd_${randomUUID()}`;
      const account = new HelpdeskSandbox({ apiToken });
      return { config: { baseUrl: account.baseUrl, apiToken }, release: () => account.stop() };
    },
    withInvalidCredentials: (config) => ({ ...config, apiToken: `hd_${randomUUID()}` }),
  };
}

/** The account answering at `baseUrl`, if one is running. */
export function helpdeskSandboxAt(baseUrl: string): HelpdeskSandbox | undefined {
  return sandboxes.get(baseUrl);
}
